// SqlLedgerStore: a customer's ledger, allocations and the portfolio aggregates.
#include <charconv>

#include "store/sql_ledger_store.hpp"
#include "store/store_support.hpp"

namespace kulanz::store {

using namespace kulanz::domain;
using namespace detail;

namespace {

template <class T, class Reader>
base::Status read_all(Connection& conn, const std::string& sql, CreditorId creditor, CustomerId customer,
                      std::vector<T>& out, Reader read) {
  KULANZ_STORE_TRY(stmt, conn.prepare(sql));
  Query q(*stmt);
  q.arg(creditor.value).arg(customer.value);
  while (true) {
    KULANZ_STORE_TRY(row, q.next());
    if (!row) break;
    KULANZ_STORE_TRY(item, read(q, creditor));
    out.push_back(std::move(item));
  }
  return {};
}

// Sums come back as text from PostgreSQL (numeric) and as integers from SQLite; both
// are read as text so that a total beyond int64 is an error, never a wrong number.
base::Result<std::int64_t> read_sum(const Query& q, int column) {
  auto text = q.text(column);
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return base::fail(ErrorCode::money_overflow, fmt::format("a total of open amounts ({}) exceeds the range of amounts", text));
  }
  return v;
}

base::Result<std::int64_t> count_rows(Connection& conn, const std::string& sql, CreditorId creditor) {
  KULANZ_STORE_TRY(stmt, conn.prepare(sql));
  Query q(*stmt);
  q.arg(creditor.value);
  KULANZ_STORE_TRY(row, q.next());
  return row ? q.i64(0) : 0;
}

base::Status add_checked(Money& total, std::int64_t part) {
  std::int64_t sum = 0;
  if (__builtin_add_overflow(total.minor(), part, &sum)) {
    return base::fail(ErrorCode::money_overflow, "the total of open amounts exceeds the range of amounts");
  }
  total = Money(sum, total.currency());
  return {};
}

}  // namespace

base::Result<CustomerLedger> SqlLedgerStore::load_customer_ledger(CreditorId creditor, CustomerId customer) {
  auto lock = guard();
  CustomerLedger ledger;
  KULANZ_STORE_TRY(found, customer_by_id(creditor, customer));
  if (!found) {
    return base::fail(ErrorCode::customer_unknown,
                      fmt::format("customer id {} does not exist for this creditor", customer.value), "customer_id");
  }
  ledger.customer = std::move(*found);
  KULANZ_TRY_STATUS(read_all(*conn_, std::string("SELECT ") + kInvoiceColumns +
                                         " FROM invoices WHERE creditor_id = ? AND customer_id = ? ORDER BY id",
                             creditor, customer, ledger.invoices, read_invoice));
  KULANZ_TRY_STATUS(read_all(*conn_, std::string("SELECT ") + kCreditNoteColumns +
                                         " FROM credit_notes WHERE creditor_id = ? AND customer_id = ? ORDER BY id",
                             creditor, customer, ledger.credit_notes, read_credit_note));
  KULANZ_TRY_STATUS(read_all(*conn_, std::string("SELECT ") + kPaymentColumns +
                                         " FROM payments WHERE creditor_id = ? AND customer_id = ? ORDER BY id",
                             creditor, customer, ledger.payments, read_payment));
  KULANZ_TRY_STATUS(read_all(*conn_, std::string("SELECT ") + kAllocationColumns +
                                         " FROM allocations WHERE creditor_id = ? AND customer_id = ? ORDER BY id",
                             creditor, customer, ledger.allocations, read_allocation));
  return ledger;
}

base::Status SqlLedgerStore::save_allocations(CreditorId creditor, const CustomerLedger& ledger) {
  auto lock = guard();
  const CustomerId customer = ledger.customer.id;
  if (ledger.customer.creditor_id != creditor || !customer.valid()) {
    return base::fail(ErrorCode::customer_unknown,
                      fmt::format("the ledger of customer '{}' does not belong to creditor {}", ledger.customer.external_id,
                                  creditor.value),
                      "customer_id");
  }
  KULANZ_TRY_STATUS(check_invariants(ledger));
  const std::string context = fmt::format("allocations of customer '{}'", ledger.customer.external_id);
  auto write = [&]() -> base::Status {
    {
      KULANZ_STORE_TRY(stmt, conn_->prepare("DELETE FROM allocations WHERE creditor_id = ? AND customer_id = ?"));
      Query q(*stmt);
      KULANZ_TRY_STATUS(q.arg(creditor.value).arg(customer.value).run());
    }
    for (const auto& a : ledger.allocations) {
      KULANZ_STORE_TRY(stmt, conn_->prepare(
          "INSERT INTO allocations (creditor_id, customer_id, source, payment_id, credit_note_id, invoice_id, currency, "
          "amount_minor, allocation_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
      Query q(*stmt);
      const bool payment = a.source == AllocationSource::payment;
      q.arg(creditor.value).arg(customer.value).arg(to_string(a.source));
      if (payment) q.arg(a.source_id).arg(std::nullopt);
      else q.arg(std::nullopt).arg(a.source_id);
      q.arg(a.invoice_id.value).arg(a.amount.currency().code()).arg(a.amount.minor()).arg(a.date);
      KULANZ_TRY_STATUS(q.run());
    }
    struct Update {
      const char* sql;
      std::int64_t id;
      std::int64_t minor;
      const char* what;
    };
    std::vector<Update> updates;
    for (const auto& i : ledger.invoices) {
      updates.push_back({"UPDATE invoices SET open_minor = ? WHERE creditor_id = ? AND customer_id = ? AND id = ?", i.id.value,
                         i.open.minor(), "invoice"});
    }
    for (const auto& p : ledger.payments) {
      updates.push_back({"UPDATE payments SET unallocated_minor = ? WHERE creditor_id = ? AND customer_id = ? AND id = ?",
                         p.id.value, p.unallocated.minor(), "payment"});
    }
    for (const auto& n : ledger.credit_notes) {
      updates.push_back({"UPDATE credit_notes SET unallocated_minor = ? WHERE creditor_id = ? AND customer_id = ? AND id = ?",
                         n.id.value, n.unallocated.minor(), "credit note"});
    }
    for (const auto& u : updates) {
      KULANZ_STORE_TRY(stmt, conn_->prepare(u.sql));
      Query q(*stmt);
      KULANZ_TRY_STATUS(q.arg(u.minor).arg(creditor.value).arg(customer.value).arg(u.id).run());
      if (q.affected() != 1) {
        return base::fail(ErrorCode::ledger_inconsistent,
                          fmt::format("{} id {} is not a record of this customer; reload the ledger and retry", u.what, u.id));
      }
    }
    return {};
  };
  auto st = atomically(write);
  if (!st) return base::fail(in_context(std::move(st).error(), context));
  return {};
}

base::Result<std::vector<CustomerId>> SqlLedgerStore::customers_with_unapplied(CreditorId creditor) {
  auto lock = guard();
  KULANZ_STORE_TRY(stmt, conn_->prepare(
      "SELECT customer_id FROM payments WHERE creditor_id = ? AND unallocated_minor > 0 UNION "
      "SELECT customer_id FROM credit_notes WHERE creditor_id = ? AND unallocated_minor > 0 ORDER BY 1"));
  Query q(*stmt);
  q.arg(creditor.value).arg(creditor.value);
  std::vector<CustomerId> out;
  while (true) {
    KULANZ_STORE_TRY(row, q.next());
    if (!row) break;
    out.emplace_back(q.i64(0));
  }
  return out;
}

base::Result<ports::PortfolioSummary> SqlLedgerStore::portfolio_summary(CreditorId creditor, Date as_of) {
  auto lock = guard();
  money::Currency currency;
  {
    KULANZ_STORE_TRY(stmt, conn_->prepare("SELECT currency FROM creditors WHERE id = ?"));
    Query q(*stmt);
    q.arg(creditor.value);
    KULANZ_STORE_TRY(row, q.next());
    if (!row) {
      return base::fail(ErrorCode::creditor_unknown, fmt::format("creditor id {} does not exist", creditor.value), "creditor");
    }
    KULANZ_STORE_TRY(c, read_currency(q, 0));
    currency = c;
  }
  ports::PortfolioSummary s;
  KULANZ_STORE_TRY(customers, count_rows(*conn_, "SELECT count(*) FROM customers WHERE creditor_id = ?", creditor));
  KULANZ_STORE_TRY(invoices, count_rows(*conn_, "SELECT count(*) FROM invoices WHERE creditor_id = ?", creditor));
  s.customers = customers;
  s.invoices = invoices;
  s.aging = empty_aging(currency);
  // Bucket boundaries as due dates: days past due = as_of - due_date.
  KULANZ_STORE_TRY(stmt, conn_->prepare(
      "SELECT CASE WHEN due_date >= ? THEN 0 WHEN due_date >= ? THEN 1 WHEN due_date >= ? THEN 2 "
      "WHEN due_date >= ? THEN 3 ELSE 4 END AS bucket, currency, count(*), sum(open_minor) "
      "FROM invoices WHERE creditor_id = ? AND open_minor > 0 GROUP BY 1, 2"));
  Query q(*stmt);
  q.arg(as_of).arg(as_of.add_days(-30)).arg(as_of.add_days(-60)).arg(as_of.add_days(-90)).arg(creditor.value);
  while (true) {
    KULANZ_STORE_TRY(row, q.next());
    if (!row) break;
    s.open_items += q.i64(2);
    // Items in another currency than the creditor's are counted, but not summed into
    // the aging (amounts of different currencies never add up).
    if (q.text(1) != currency.code()) continue;
    auto bucket = static_cast<std::size_t>(q.i64(0));
    KULANZ_STORE_TRY(sum, read_sum(q, 3));
    s.aging.count[bucket] += q.i64(2);
    KULANZ_TRY_STATUS(add_checked(s.aging.amount[bucket], sum));
    KULANZ_TRY_STATUS(add_checked(s.aging.total_open, sum));
    if (bucket != 0) KULANZ_TRY_STATUS(add_checked(s.aging.total_overdue, sum));
  }
  return s;
}

}  // namespace kulanz::store
