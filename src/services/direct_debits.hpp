#pragma once
// The direct debits a creditor hands to its bank (docs/PAYMENTS.md "Direct debits to the
// bank"): which mandates collect what on a collection day, the pain.008 file
// (documents/direct_debit.hpp), and the record of what was exported, so that exporting the
// same day again collects nothing twice. No file I/O here: the caller writes the file
// through `deliver`, before the records are committed.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "calendar/date.hpp"
#include "ports/ledger_store.hpp"
#include "ports/portal_store.hpp"

namespace kulanz::services {

struct DirectDebitRequest {
  domain::CreditorId creditor;
  calendar::Date collection_on;  // ReqdColltnDt: a TARGET2 business day after `today`
  calendar::Date today;
  std::int64_t now_unix = 0;     // the file's creation time, message id and records
  bool dry_run = false;          // plan and check everything, write and record nothing
};

struct PlannedDebit {
  std::int64_t mandate_id = 0;
  std::string mandate_reference;
  domain::CustomerId customer_id;
  std::string customer_number;   // the customer's external id
  std::string scope;             // single or recurring
  std::string sequence_type;     // OOFF, FRST or RCUR
  std::vector<domain::InvoiceId> items;
  std::vector<std::string> item_numbers;
  std::int64_t amount_minor = 0;
  std::string end_to_end_id;
};

// A mandate due on the day that collects nothing, and why.
struct SkippedMandate {
  std::string mandate_reference;
  std::string customer_number;
  std::string reason;
};

struct DirectDebitExport {
  std::string message_id;        // empty when nothing is collected
  std::string xml;               // the pain.008.001.02 document; empty when nothing is collected
  std::vector<PlannedDebit> debits;
  std::vector<SkippedMandate> skipped;
  std::int64_t total_minor = 0;
  int payment_infos = 0;
  bool recorded = false;         // the debits were recorded as collected (not a dry run, something to collect)
};

// Picks the debits due on `collection_on` (the rules: docs/PAYMENTS.md), writes the
// pain.008 document and, unless a dry run, records each debit (sepa_collections) — all in
// one transaction. `deliver` (may be empty) gets the export when there is something to
// collect and it is not a dry run, inside the transaction before the commit: an error it
// returns rolls everything back. Nothing is written when a check fails.
// Errors: collection_date_invalid (not a TARGET2 day, or not after today),
// direct_debit_invalid (the creditor's identifier, IBAN or name, a mandate's holder or IBAN:
// the message names the mandate and the field), storage errors.
base::Result<DirectDebitExport> export_direct_debits(ports::LedgerStore& store, const DirectDebitRequest& r,
                                                     const std::function<base::Status(const DirectDebitExport&)>& deliver);

// A mandate with what became of it.
struct MandateOverview {
  ports::MandateRecord mandate;
  std::string customer_number;
  std::string customer_name;
  // in_force; collected (a single mandate's debit was exported); lapsed (a single mandate
  // not exported whose collection day can no longer be reached: it lies before the next
  // TARGET2 day after today); expired (a recurring mandate unused for 36 months); revoked.
  std::string status;
  int collections = 0;
  std::int64_t collected_minor = 0;
  std::optional<calendar::Date> last_collection_on;
};

// Every mandate of the creditor, ascending by id, with its status on `today`.
base::Result<std::vector<MandateOverview>> mandate_overview(ports::LedgerStore& store, domain::CreditorId creditor,
                                                            calendar::Date today);

}  // namespace kulanz::services
