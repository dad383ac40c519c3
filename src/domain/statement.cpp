// The account statement of one customer over a date range.
#include <algorithm>
#include <tuple>

#include "domain/ledger.hpp"
#include "domain/ledger_support.hpp"

namespace kulanz::domain {
namespace {

StatementEntryKind entry_kind(ItemKind kind) {
  switch (kind) {
    case ItemKind::invoice: return StatementEntryKind::invoice;
    case ItemKind::fee: return StatementEntryKind::fee;
    case ItemKind::interest: return StatementEntryKind::interest;
  }
  return StatementEntryKind::invoice;
}

// Same date: items first, then credit notes, then payments.
int same_day_rank(StatementEntryKind kind) {
  switch (kind) {
    case StatementEntryKind::credit_note: return 1;
    case StatementEntryKind::payment: return 2;
    default: return 0;
  }
}

struct Movement {
  StatementEntry entry;
  std::string sort_number;  // item/credit note number, payment external id
  std::int64_t id = 0;
};

std::vector<Movement> movements(const CustomerLedger& ledger) {
  std::vector<Movement> out;
  for (const auto& inv : ledger.invoices) {
    StatementEntry e{inv.issue_date, entry_kind(inv.kind), inv.number, inv.external_id,
                     inv.amount, Money::zero(inv.amount.currency()), Money()};
    out.push_back({std::move(e), inv.number, inv.id.value});
  }
  for (const auto& note : ledger.credit_notes) {
    StatementEntry e{note.issue_date, StatementEntryKind::credit_note, note.number, note.external_id,
                     Money::zero(note.amount.currency()), note.amount, Money()};
    out.push_back({std::move(e), note.number, note.id.value});
  }
  for (const auto& pay : ledger.payments) {
    std::string reference = pay.reference.empty() ? pay.external_id : pay.reference;
    StatementEntry e{pay.value_date, StatementEntryKind::payment, std::move(reference), pay.external_id,
                     Money::zero(pay.amount.currency()), pay.amount, Money()};
    out.push_back({std::move(e), pay.external_id, pay.id.value});
  }
  std::sort(out.begin(), out.end(), [](const Movement& a, const Movement& b) {
    return std::make_tuple(a.entry.date, same_day_rank(a.entry.kind), std::cref(a.sort_number), a.id) <
           std::make_tuple(b.entry.date, same_day_rank(b.entry.kind), std::cref(b.sort_number), b.id);
  });
  return out;
}

// balance += debit - credit, checked.
base::Status apply_movement(Money& running, const StatementEntry& e) {
  KULANZ_TRY_STATUS(add_into(running, e.debit));
  return subtract_from(running, e.credit);
}

}  // namespace

base::Result<Statement> statement(const CustomerLedger& ledger, Date from, Date to) {
  if (to < from) {
    return base::fail(base::ErrorCode::invalid_argument,
                      "statement period ends (" + to.iso() + ") before it starts (" + from.iso() + ")");
  }
  const Currency currency = ledger_currency(ledger);
  Statement st;
  st.from = from;
  st.to = to;
  st.opening_balance = Money::zero(currency);
  auto all = movements(ledger);
  for (const auto& m : all) {
    if (m.entry.date < from) KULANZ_TRY_STATUS(apply_movement(st.opening_balance, m.entry));
  }
  Money running = st.opening_balance;
  for (auto& m : all) {
    if (m.entry.date < from || to < m.entry.date) continue;
    KULANZ_TRY_STATUS(apply_movement(running, m.entry));
    m.entry.running_balance = running;
    st.entries.push_back(std::move(m.entry));
  }
  st.closing_balance = running;
  return st;
}

}  // namespace kulanz::domain
