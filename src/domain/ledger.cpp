#include "domain/ledger.hpp"

#include <algorithm>
#include <tuple>

#include "domain/ledger_support.hpp"

namespace kulanz::domain {

std::string_view to_string(AgingBucket b) {
  switch (b) {
    case AgingBucket::not_due: return "not_due";
    case AgingBucket::d1_30: return "1-30";
    case AgingBucket::d31_60: return "31-60";
    case AgingBucket::d61_90: return "61-90";
    case AgingBucket::over_90: return "over_90";
  }
  return "not_due";
}

std::string_view to_string(ItemStatus s) {
  switch (s) {
    case ItemStatus::not_due: return "not_due";
    case ItemStatus::due_today: return "due_today";
    case ItemStatus::overdue: return "overdue";
    case ItemStatus::paid: return "paid";
  }
  return "not_due";
}

std::string_view to_string(StatementEntryKind k) {
  switch (k) {
    case StatementEntryKind::opening_balance: return "opening_balance";
    case StatementEntryKind::invoice: return "invoice";
    case StatementEntryKind::fee: return "fee";
    case StatementEntryKind::interest: return "interest";
    case StatementEntryKind::credit_note: return "credit_note";
    case StatementEntryKind::payment: return "payment";
  }
  return "invoice";
}

AgingBucket bucket_for_days_past_due(std::int32_t days_past_due) {
  if (days_past_due <= 0) return AgingBucket::not_due;
  if (days_past_due <= 30) return AgingBucket::d1_30;
  if (days_past_due <= 60) return AgingBucket::d31_60;
  if (days_past_due <= 90) return AgingBucket::d61_90;
  return AgingBucket::over_90;
}

Currency ledger_currency(const CustomerLedger& ledger) {
  if (!ledger.invoices.empty()) return ledger.invoices.front().amount.currency();
  if (!ledger.credit_notes.empty()) return ledger.credit_notes.front().amount.currency();
  if (!ledger.payments.empty()) return ledger.payments.front().amount.currency();
  return Currency::eur();
}

base::Status add_into(Money& total, const Money& amount) {
  auto next = total.plus(amount);
  if (!next) return base::fail(std::move(next).error());
  total = *next;
  return {};
}

base::Status subtract_from(Money& total, const Money& amount) {
  auto next = total.minus(amount);
  if (!next) return base::fail(std::move(next).error());
  total = *next;
  return {};
}

ItemStatus item_status(const Invoice& item, Date as_of) {
  if (item.open.minor() <= 0) return ItemStatus::paid;
  if (as_of < item.due_date) return ItemStatus::not_due;
  if (as_of == item.due_date) return ItemStatus::due_today;
  return ItemStatus::overdue;
}

std::vector<OpenItem> open_items(const CustomerLedger& ledger, Date as_of) {
  std::vector<OpenItem> out;
  for (const auto& inv : ledger.invoices) {
    if (inv.open.minor() <= 0) continue;
    OpenItem item;
    item.invoice_id = inv.id;
    item.external_id = inv.external_id;
    item.number = inv.number;
    item.kind = inv.kind;
    item.issue_date = inv.issue_date;
    item.due_date = inv.due_date;
    item.amount = inv.amount;
    item.open = inv.open;
    item.days_past_due = inv.due_date.days_until(as_of);
    item.bucket = bucket_for_days_past_due(item.days_past_due);
    out.push_back(std::move(item));
  }
  std::sort(out.begin(), out.end(), [](const OpenItem& a, const OpenItem& b) {
    return std::tie(a.due_date, a.issue_date, a.number, a.invoice_id) <
           std::tie(b.due_date, b.issue_date, b.number, b.invoice_id);
  });
  return out;
}

base::Result<Balance> balance(const CustomerLedger& ledger, Date as_of) {
  const Currency currency = ledger_currency(ledger);
  Balance b{Money::zero(currency), Money::zero(currency), Money::zero(currency), Money::zero(currency)};
  for (const auto& inv : ledger.invoices) {
    if (inv.open.minor() <= 0) continue;
    KULANZ_TRY_STATUS(add_into(b.open_items, inv.open));
    if (inv.due_date < as_of) KULANZ_TRY_STATUS(add_into(b.overdue, inv.open));
  }
  for (const auto& note : ledger.credit_notes) KULANZ_TRY_STATUS(add_into(b.unapplied, note.unallocated));
  for (const auto& pay : ledger.payments) KULANZ_TRY_STATUS(add_into(b.unapplied, pay.unallocated));
  auto net = b.open_items.minus(b.unapplied);
  if (!net) return base::fail(std::move(net).error());
  b.balance = *net;
  return b;
}

Aging empty_aging(Currency currency) {
  Aging a;
  a.currency = currency;
  a.amount.fill(Money::zero(currency));
  a.count.fill(0);
  a.total_open = Money::zero(currency);
  a.total_overdue = Money::zero(currency);
  return a;
}

base::Result<Aging> aging(const std::vector<OpenItem>& items, Currency currency) {
  Aging a = empty_aging(currency);
  for (const auto& item : items) {
    const auto bucket = static_cast<std::size_t>(item.bucket);
    KULANZ_TRY_STATUS(add_into(a.amount[bucket], item.open));
    a.count[bucket] += 1;
    KULANZ_TRY_STATUS(add_into(a.total_open, item.open));
    if (item.bucket != AgingBucket::not_due) KULANZ_TRY_STATUS(add_into(a.total_overdue, item.open));
  }
  return a;
}

base::Result<Aging> aging(const CustomerLedger& ledger, Date as_of) {
  return aging(open_items(ledger, as_of), ledger_currency(ledger));
}

base::Status add_aging(Aging& total, const Aging& part) {
  if (!(total.currency == part.currency)) {
    return base::fail(base::ErrorCode::currency_mismatch, "cannot add an aging in " + std::string(part.currency.code()) +
                                                               " to one in " + std::string(total.currency.code()));
  }
  Aging next = total;  // all or nothing
  for (std::size_t b = 0; b < next.amount.size(); ++b) {
    KULANZ_TRY_STATUS(add_into(next.amount[b], part.amount[b]));
    next.count[b] += part.count[b];
  }
  KULANZ_TRY_STATUS(add_into(next.total_open, part.total_open));
  KULANZ_TRY_STATUS(add_into(next.total_overdue, part.total_overdue));
  total = next;
  return {};
}

}  // namespace kulanz::domain
