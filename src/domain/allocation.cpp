// Automatic allocation of payments and credit notes to open items, and the ledger's
// invariants. Both start from the same checked totals of the existing allocations.
#include <algorithm>
#include <tuple>
#include <unordered_map>

#include "domain/ledger.hpp"
#include "domain/ledger_support.hpp"
#include "domain/reference_match.hpp"

namespace kulanz::domain {
namespace {

using base::ErrorCode;

base::Unexpected<base::Error> inconsistent(std::string detail) {
  return base::fail(ErrorCode::ledger_inconsistent, std::move(detail));
}

// Positions of the records by id; ids must be unique within their kind.
struct LedgerIndex {
  std::unordered_map<std::int64_t, std::size_t> item, payment, credit_note;
};

template <class Record>
base::Status index_records(const std::vector<Record>& records, std::unordered_map<std::int64_t, std::size_t>& out,
                           const char* what) {
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (!out.emplace(records[i].id.value, i).second) {
      return inconsistent(std::string(what) + " id " + std::to_string(records[i].id.value) + " appears twice");
    }
  }
  return {};
}

base::Result<LedgerIndex> index_ledger(const CustomerLedger& l) {
  LedgerIndex ix;
  KULANZ_TRY_STATUS(index_records(l.invoices, ix.item, "invoice"));
  KULANZ_TRY_STATUS(index_records(l.payments, ix.payment, "payment"));
  KULANZ_TRY_STATUS(index_records(l.credit_notes, ix.credit_note, "credit note"));
  return ix;
}

base::Status require_positive(const Money& amount, const std::string& what) {
  if (!amount.currency().valid()) return base::fail(ErrorCode::currency_unknown, what + " has no currency");
  if (amount.is_positive()) return {};
  return base::fail(ErrorCode::amount_invalid, what + " has amount " + amount.to_decimal_string() + " (must be positive)");
}

template <class Record>
base::Status require_owned(const CustomerLedger& l, const Record& r, const std::string& what) {
  if (r.customer_id == l.customer.id && r.creditor_id == l.customer.creditor_id) return {};
  return inconsistent(what + " belongs to customer " + std::to_string(r.customer_id.value) + " of creditor " +
                      std::to_string(r.creditor_id.value) + ", not to this ledger's customer " +
                      std::to_string(l.customer.id.value) + " of creditor " + std::to_string(l.customer.creditor_id.value));
}

// A credit note that names an invoice of this ledger corrects that invoice: same
// currency, and never more than the invoice's amount.
base::Status check_credit_note_target(const CustomerLedger& l, const LedgerIndex& ix, const CreditNote& n) {
  if (!n.invoice_id) return {};
  auto it = ix.item.find(n.invoice_id->value);
  if (it == ix.item.end()) return {};
  const Invoice& inv = l.invoices[it->second];
  if (!(inv.amount.currency() == n.amount.currency())) {
    return base::fail(ErrorCode::currency_mismatch, "credit note " + n.number + " is in " +
                                                         std::string(n.amount.currency().code()) + " but invoice " +
                                                         inv.number + " is in " + std::string(inv.amount.currency().code()));
  }
  if (n.amount.minor() > inv.amount.minor()) {
    return base::fail(ErrorCode::credit_note_exceeds_invoice, "credit note " + n.number + " over " +
                                                                   n.amount.to_decimal_string() + " is larger than invoice " +
                                                                   inv.number + " over " + inv.amount.to_decimal_string());
  }
  return {};
}

// Checks every record on its own: ownership, positive amounts, credit note targets.
base::Status check_records(const CustomerLedger& l, const LedgerIndex& ix) {
  for (const auto& inv : l.invoices) {
    KULANZ_TRY_STATUS(require_owned(l, inv, "invoice " + inv.number));
    KULANZ_TRY_STATUS(require_positive(inv.amount, "invoice " + inv.number));
  }
  for (const auto& n : l.credit_notes) {
    KULANZ_TRY_STATUS(require_owned(l, n, "credit note " + n.number));
    KULANZ_TRY_STATUS(require_positive(n.amount, "credit note " + n.number));
    KULANZ_TRY_STATUS(check_credit_note_target(l, ix, n));
  }
  for (const auto& p : l.payments) {
    KULANZ_TRY_STATUS(require_owned(l, p, "payment " + p.external_id));
    KULANZ_TRY_STATUS(require_positive(p.amount, "payment " + p.external_id));
  }
  for (const auto& a : l.allocations) KULANZ_TRY_STATUS(require_owned(l, a, "allocation " + std::to_string(a.id.value)));
  return {};
}

// What has been allocated so far to each item and from each payment / credit note.
struct Totals {
  std::vector<Money> item, payment, credit_note;
};

struct SourceRef {
  AllocationSource kind = AllocationSource::payment;
  std::size_t index = 0;
};

Money source_amount(const CustomerLedger& l, SourceRef s) {
  return s.kind == AllocationSource::payment ? l.payments[s.index].amount : l.credit_notes[s.index].amount;
}

std::string source_label(const CustomerLedger& l, SourceRef s) {
  return s.kind == AllocationSource::payment ? "payment " + l.payments[s.index].external_id
                                             : "credit note " + l.credit_notes[s.index].number;
}

base::Result<SourceRef> find_source(const LedgerIndex& ix, const Allocation& a) {
  const auto& map = a.source == AllocationSource::payment ? ix.payment : ix.credit_note;
  auto it = map.find(a.source_id);
  if (it == map.end()) {
    return inconsistent("allocation refers to " + std::string(to_string(a.source)) + " id " +
                        std::to_string(a.source_id) + " which is not in the customer's ledger");
  }
  return SourceRef{a.source, it->second};
}

Totals zero_totals(const CustomerLedger& l) {
  Totals t;
  for (const auto& inv : l.invoices) t.item.push_back(Money::zero(inv.amount.currency()));
  for (const auto& p : l.payments) t.payment.push_back(Money::zero(p.amount.currency()));
  for (const auto& n : l.credit_notes) t.credit_note.push_back(Money::zero(n.amount.currency()));
  return t;
}

base::Status add_allocation(const CustomerLedger& l, const LedgerIndex& ix, const Allocation& a, Totals& t) {
  KULANZ_TRY_STATUS(require_positive(a.amount, "allocation " + std::to_string(a.id.value)));
  auto item_it = ix.item.find(a.invoice_id.value);
  if (item_it == ix.item.end()) {
    return base::fail(ErrorCode::invoice_unknown, "allocation refers to invoice id " + std::to_string(a.invoice_id.value) +
                                                       " which is not in the customer's ledger");
  }
  auto src = find_source(ix, a);
  if (!src) return base::fail(std::move(src).error());
  const Invoice& item = l.invoices[item_it->second];
  const Money src_amount = source_amount(l, *src);
  if (!(a.amount.currency() == item.amount.currency()) || !(a.amount.currency() == src_amount.currency())) {
    return base::fail(ErrorCode::currency_mismatch, "allocation from " + source_label(l, *src) + " to invoice " +
                                                         item.number + " mixes currencies");
  }
  Money& item_total = t.item[item_it->second];
  Money& src_total = src->kind == AllocationSource::payment ? t.payment[src->index] : t.credit_note[src->index];
  KULANZ_TRY_STATUS(add_into(item_total, a.amount));
  KULANZ_TRY_STATUS(add_into(src_total, a.amount));
  if (item_total.minor() > item.amount.minor()) {
    return base::fail(ErrorCode::allocation_exceeds_item, "allocations to invoice " + item.number + " add up to " +
                                                               item_total.to_decimal_string() + ", more than its amount " +
                                                               item.amount.to_decimal_string());
  }
  if (src_total.minor() > src_amount.minor()) {
    return base::fail(ErrorCode::allocation_exceeds_payment, "allocations from " + source_label(l, *src) + " add up to " +
                                                                  src_total.to_decimal_string() + ", more than its amount " +
                                                                  src_amount.to_decimal_string());
  }
  return {};
}

base::Result<Totals> allocation_totals(const CustomerLedger& l, const LedgerIndex& ix) {
  Totals t = zero_totals(l);
  for (const auto& a : l.allocations) KULANZ_TRY_STATUS(add_allocation(l, ix, a, t));
  return t;
}

base::Result<Money> remaining(const Money& amount, const Money& allocated) { return amount.minus(allocated); }

base::Status expect_remaining(const Money& amount, const Money& allocated, const Money& stored, const std::string& what,
                              const char* field) {
  auto expected = remaining(amount, allocated);
  if (!expected) return base::fail(std::move(expected).error());
  if (stored == *expected) return {};
  return inconsistent(what + ": " + field + " is " + stored.to_decimal_string() + " " + std::string(stored.currency().code()) +
                      " but amount minus allocations is " + expected->to_decimal_string() + " " +
                      std::string(expected->currency().code()));
}

// ---- allocation passes -------------------------------------------------------------------

Money& unallocated_of(CustomerLedger& l, SourceRef s) {
  return s.kind == AllocationSource::payment ? l.payments[s.index].unallocated : l.credit_notes[s.index].unallocated;
}

class Allocator {
 public:
  explicit Allocator(CustomerLedger& l) : l_(l) {}

  // Moves min(what is left of the source, what is open on the item) from one to the other.
  base::Status apply(SourceRef s, std::size_t item_index) {
    Money& left = unallocated_of(l_, s);
    Invoice& item = l_.invoices[item_index];
    if (!left.is_positive() || !item.open.is_positive()) return {};
    if (!(left.currency() == item.open.currency())) return {};  // never mix currencies
    const Money amount = left.minor() < item.open.minor() ? left : item.open;
    KULANZ_TRY_STATUS(subtract_from(left, amount));
    KULANZ_TRY_STATUS(subtract_from(item.open, amount));
    Allocation a;
    a.source = s.kind;
    a.invoice_id = item.id;
    a.amount = amount;
    if (s.kind == AllocationSource::payment) {
      const Payment& p = l_.payments[s.index];
      std::tie(a.creditor_id, a.customer_id, a.source_id, a.date) = std::tuple(p.creditor_id, p.customer_id, p.id.value, p.value_date);
    } else {
      const CreditNote& n = l_.credit_notes[s.index];
      std::tie(a.creditor_id, a.customer_id, a.source_id, a.date) = std::tuple(n.creditor_id, n.customer_id, n.id.value, n.issue_date);
    }
    created_.push_back(a);
    return {};
  }

  std::vector<Allocation> take() { return std::move(created_); }

 private:
  CustomerLedger& l_;
  std::vector<Allocation> created_;
};

// Oldest due first, then issue date, then number, then id.
std::vector<std::size_t> item_order(const CustomerLedger& l) {
  std::vector<std::size_t> order(l.invoices.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const Invoice& x = l.invoices[a];
    const Invoice& y = l.invoices[b];
    return std::tie(x.due_date, x.issue_date, x.number, x.id) < std::tie(y.due_date, y.issue_date, y.number, y.id);
  });
  return order;
}

// Chronological by effective date; the same day: credit notes before payments, then by
// number / external id, then id.
std::vector<SourceRef> source_order(const CustomerLedger& l) {
  struct Key { Date date; int rank; const std::string* name; std::int64_t id; SourceRef ref; };
  std::vector<Key> keys;
  for (std::size_t i = 0; i < l.credit_notes.size(); ++i) {
    const auto& n = l.credit_notes[i];
    keys.push_back({n.issue_date, 0, &n.number, n.id.value, {AllocationSource::credit_note, i}});
  }
  for (std::size_t i = 0; i < l.payments.size(); ++i) {
    const auto& p = l.payments[i];
    keys.push_back({p.value_date, 1, &p.external_id, p.id.value, {AllocationSource::payment, i}});
  }
  std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
    return std::tie(a.date, a.rank, *a.name, a.id) < std::tie(b.date, b.rank, *b.name, b.id);
  });
  std::vector<SourceRef> out;
  for (const auto& k : keys) out.push_back(k.ref);
  return out;
}

base::Status allocate_named_credit_notes(CustomerLedger& l, const LedgerIndex& ix, const std::vector<SourceRef>& sources,
                                         Allocator& alloc) {
  for (const auto& s : sources) {
    if (s.kind != AllocationSource::credit_note) continue;
    const auto& target = l.credit_notes[s.index].invoice_id;
    if (!target) continue;
    auto it = ix.item.find(target->value);
    if (it == ix.item.end()) continue;  // the invoice belongs elsewhere: treat as an unnamed credit
    KULANZ_TRY_STATUS(alloc.apply(s, it->second));
  }
  return {};
}

base::Status allocate_by_reference(CustomerLedger& l, const std::vector<SourceRef>& sources,
                                   const std::vector<std::size_t>& items, Allocator& alloc) {
  for (const auto& s : sources) {
    if (s.kind != AllocationSource::payment) continue;
    const std::string& reference = l.payments[s.index].reference;
    if (reference.empty()) continue;
    for (std::size_t item : items) {
      if (reference_mentions(reference, l.invoices[item].number)) KULANZ_TRY_STATUS(alloc.apply(s, item));
    }
  }
  return {};
}

// What is left goes by §§366, 367 BGB, per source at its effective date: items already due
// before items not yet due; among them costs (fees), then interest, then principal; then
// the item due first (then issue date, number, id).
int allocation_rank(ItemKind kind) { return kind == ItemKind::fee ? 0 : kind == ItemKind::interest ? 1 : 2; }

base::Status allocate_oldest_first(const CustomerLedger& l, const std::vector<SourceRef>& sources,
                                   const std::vector<std::size_t>& items, Allocator& alloc) {
  std::vector<std::size_t> order = items;
  for (const auto& s : sources) {
    const Date on = s.kind == AllocationSource::payment ? l.payments[s.index].value_date : l.credit_notes[s.index].issue_date;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      const Invoice& x = l.invoices[a];
      const Invoice& y = l.invoices[b];
      const int xd = x.due_date > on ? 1 : 0;
      const int yd = y.due_date > on ? 1 : 0;
      const int xr = allocation_rank(x.kind);
      const int yr = allocation_rank(y.kind);
      return std::tie(xd, xr, x.due_date, x.issue_date, x.number, x.id) <
             std::tie(yd, yr, y.due_date, y.issue_date, y.number, y.id);
    });
    for (std::size_t item : order) KULANZ_TRY_STATUS(alloc.apply(s, item));
  }
  return {};
}

// Sets open/unallocated of every record to amount minus its existing allocations.
base::Status recompute_remaining(CustomerLedger& l, const Totals& t) {
  for (std::size_t i = 0; i < l.invoices.size(); ++i) {
    auto r = remaining(l.invoices[i].amount, t.item[i]);
    if (!r) return base::fail(std::move(r).error());
    l.invoices[i].open = *r;
  }
  for (std::size_t i = 0; i < l.payments.size(); ++i) {
    auto r = remaining(l.payments[i].amount, t.payment[i]);
    if (!r) return base::fail(std::move(r).error());
    l.payments[i].unallocated = *r;
  }
  for (std::size_t i = 0; i < l.credit_notes.size(); ++i) {
    auto r = remaining(l.credit_notes[i].amount, t.credit_note[i]);
    if (!r) return base::fail(std::move(r).error());
    l.credit_notes[i].unallocated = *r;
  }
  return {};
}

}  // namespace

base::Result<std::vector<Allocation>> auto_allocate(CustomerLedger& ledger) {
  auto ix = index_ledger(ledger);
  if (!ix) return base::fail(std::move(ix).error());
  KULANZ_TRY_STATUS(check_records(ledger, *ix));
  auto totals = allocation_totals(ledger, *ix);
  if (!totals) return base::fail(std::move(totals).error());

  CustomerLedger next = ledger;  // the caller's ledger changes only on success
  KULANZ_TRY_STATUS(recompute_remaining(next, *totals));
  const auto sources = source_order(next);
  const auto items = item_order(next);
  Allocator alloc(next);
  KULANZ_TRY_STATUS(allocate_named_credit_notes(next, *ix, sources, alloc));
  KULANZ_TRY_STATUS(allocate_by_reference(next, sources, items, alloc));
  KULANZ_TRY_STATUS(allocate_oldest_first(next, sources, items, alloc));
  auto created = alloc.take();
  next.allocations.insert(next.allocations.end(), created.begin(), created.end());
  ledger = std::move(next);
  return created;
}

base::Status check_invariants(const CustomerLedger& ledger) {
  auto ix = index_ledger(ledger);
  if (!ix) return base::fail(std::move(ix).error());
  KULANZ_TRY_STATUS(check_records(ledger, *ix));
  auto t = allocation_totals(ledger, *ix);
  if (!t) return base::fail(std::move(t).error());
  for (std::size_t i = 0; i < ledger.invoices.size(); ++i) {
    const auto& inv = ledger.invoices[i];
    KULANZ_TRY_STATUS(expect_remaining(inv.amount, t->item[i], inv.open, "invoice " + inv.number, "open"));
  }
  for (std::size_t i = 0; i < ledger.payments.size(); ++i) {
    const auto& p = ledger.payments[i];
    KULANZ_TRY_STATUS(expect_remaining(p.amount, t->payment[i], p.unallocated, "payment " + p.external_id, "unallocated"));
  }
  for (std::size_t i = 0; i < ledger.credit_notes.size(); ++i) {
    const auto& n = ledger.credit_notes[i];
    KULANZ_TRY_STATUS(
        expect_remaining(n.amount, t->credit_note[i], n.unallocated, "credit note " + n.number, "unallocated"));
  }
  return {};
}

}  // namespace kulanz::domain
