#pragma once
// The demo portfolio: two creditors with about 5,000 customers and 15,000 invoices,
// generated from a seed and dated relative to a given "today", so that `make demo` shows a
// realistic spread (paid, paid late, not yet due, overdue in every aging bucket, partially
// paid, credit notes, Skonto, unapplied overpayments). Generation is pure and
// deterministic: the same seed and date give the same records, byte for byte.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "domain/types.hpp"
#include "ports/ledger_store.hpp"

namespace kulanz::services {

struct DemoOptions {
  std::uint64_t seed = 20261123;
  calendar::Date today;
  int customers = 5000;  // in total, about 70 % at the utility and 30 % at the wholesaler
};

// One customer with its records. Ids are unset; customer_id/creditor_id/invoice_id are
// filled in when written. A credit note's target invoice is given by its index in `invoices`.
struct DemoCustomer {
  domain::Customer customer;
  std::vector<domain::Invoice> invoices;
  std::vector<domain::CreditNote> credit_notes;
  std::vector<std::optional<std::size_t>> credit_note_invoice;  // parallel to credit_notes
  std::vector<domain::Payment> payments;
};

struct DemoCreditor {
  domain::Creditor creditor;  // code and name; id unset
  std::vector<DemoCustomer> customers;
};

struct DemoPortfolio {
  calendar::Date today;
  std::vector<DemoCreditor> creditors;
};

// The creditors the demo creates: "stadtwerke" (Stadtwerke Musterstadt GmbH, a utility with
// mostly consumers) and "grosshandel" (Großhandel Nord GmbH, a wholesaler with mostly businesses).
std::vector<domain::Creditor> demo_creditors();

DemoPortfolio generate_demo_portfolio(const DemoOptions& options);

struct DemoWriteResult {
  domain::Creditor creditor;  // with its id
  std::int64_t customers = 0;
  std::int64_t invoices = 0;
  std::int64_t credit_notes = 0;
  std::int64_t payments = 0;
  std::int64_t allocations = 0;  // created by the automatic allocation
};

// Writes the portfolio through the store: per creditor (created if absent) one transaction
// with all upserts followed by the automatic allocation of every customer.
base::Result<std::vector<DemoWriteResult>> write_demo_portfolio(ports::LedgerStore& store, DemoPortfolio& portfolio);

}  // namespace kulanz::services
