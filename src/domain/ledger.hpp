#pragma once
// Pure ledger computations over one customer's records: allocation, open items,
// balance, aging and the account statement. Every function takes an explicit as-of date.
#include <array>
#include <vector>

#include "base/result.hpp"
#include "domain/types.hpp"

namespace kulanz::domain {

// Everything the ledger knows about one customer.
struct CustomerLedger {
  Customer customer;
  std::vector<Invoice> invoices;
  std::vector<CreditNote> credit_notes;
  std::vector<Payment> payments;
  std::vector<Allocation> allocations;
};

// Aging buckets by days past due at the as-of date.
enum class AgingBucket { not_due = 0, d1_30 = 1, d31_60 = 2, d61_90 = 3, over_90 = 4 };
inline constexpr int kAgingBucketCount = 5;
std::string_view to_string(AgingBucket);
AgingBucket bucket_for_days_past_due(std::int32_t days_past_due);  // <= 0 -> not_due

enum class ItemStatus { not_due, due_today, overdue, paid };
std::string_view to_string(ItemStatus);

struct OpenItem {
  InvoiceId invoice_id;
  std::string external_id;
  std::string number;
  ItemKind kind = ItemKind::invoice;
  Date issue_date;
  Date due_date;
  Money amount;
  Money open;
  std::int32_t days_past_due = 0;  // as_of - due_date, negative before the due date
  AgingBucket bucket = AgingBucket::not_due;
};

struct Aging {
  Currency currency;
  std::array<Money, kAgingBucketCount> amount{};
  std::array<std::int64_t, kAgingBucketCount> count{};
  Money total_open;
  Money total_overdue;  // all buckets except not_due
};

struct Balance {
  Money open_items;     // sum of open amounts of items
  Money unapplied;      // payments and credit notes not yet applied to an item
  Money balance;        // open_items - unapplied (what the customer owes; negative = credit)
  Money overdue;        // open amount of items past their due date
};

enum class StatementEntryKind { opening_balance, invoice, fee, interest, credit_note, payment };
std::string_view to_string(StatementEntryKind);

struct StatementEntry {
  Date date;
  StatementEntryKind kind = StatementEntryKind::invoice;
  std::string reference;  // invoice/credit note number or payment reference
  std::string external_id;
  Money debit;   // increases what the customer owes
  Money credit;  // decreases it
  Money running_balance;
};

struct Statement {
  Date from;
  Date to;
  Money opening_balance;
  std::vector<StatementEntry> entries;  // chronological; same date: items before payments
  Money closing_balance;
};

// Status of an item at a date: paid when nothing is open.
ItemStatus item_status(const Invoice& item, Date as_of);

// Items with something open, ordered by due date, then issue date, then number.
std::vector<OpenItem> open_items(const CustomerLedger& ledger, Date as_of);
base::Result<Balance> balance(const CustomerLedger& ledger, Date as_of);
// Aging of the given open items; every item must be in `currency`.
base::Result<Aging> aging(const std::vector<OpenItem>& items, Currency currency);
// Aging of one customer at a date, in the ledger's currency.
base::Result<Aging> aging(const CustomerLedger& ledger, Date as_of);
// An aging with every bucket zero, as the start of a sum over customers.
Aging empty_aging(Currency currency);
// total += part, bucket by bucket (amounts and counts); currencies must match.
base::Status add_aging(Aging& total, const Aging& part);
base::Result<Statement> statement(const CustomerLedger& ledger, Date from, Date to);

// Applies what is unallocated of payments and credit notes to open items and returns the
// new allocations (existing ones are kept). Order: a credit note goes to the invoice it
// names; a payment whose reference contains an item's number goes to that item first;
// the rest follows §§366, 367 BGB for each source at its date: items already due before items
// not yet due, among them costs (fees) before interest before principal, then the oldest due
// item first (then issue date, then number). Sources are
// taken chronologically (same day: credit notes before payments). An amount is only ever
// applied to an item of its own currency; what cannot be applied stays unallocated.
// Fails (and changes nothing) if the records break an invariant, e.g. a credit note larger
// than the invoice it names (credit_note_exceeds_invoice) or in another currency.
// Updates `open`/`unallocated` in `ledger` to match.
base::Result<std::vector<Allocation>> auto_allocate(CustomerLedger& ledger);

// The ledger's invariants: every record belongs to the ledger's customer and creditor,
// amounts are positive, allocations never exceed their payment/credit note or their item,
// a credit note is never larger than the invoice it names, no currency mixes, and
// `open`/`unallocated` equal amount minus allocations. Returns the first violation found.
base::Status check_invariants(const CustomerLedger& ledger);

}  // namespace kulanz::domain
