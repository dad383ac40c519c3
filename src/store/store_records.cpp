// SqlLedgerStore: invoices (and fee/interest items), credit notes and payments.
#include <algorithm>
#include <limits>

#include "store/sql_ledger_store.hpp"
#include "store/store_support.hpp"

namespace kulanz::store {

using namespace kulanz::domain;
using namespace detail;
using ports::UpsertOutcome;

namespace {

// Names the record in messages; formatted only when a message is needed.
struct Ctx {
  const char* kind;
  const std::string& external_id;
  std::string str() const { return fmt::format("{} '{}'", kind, external_id); }
};

base::Status check_amount(const Money& amount, const Ctx& ctx) {
  if (!amount.currency().valid()) {
    return base::fail(ErrorCode::currency_unknown, ctx.str() + " has no currency: give an ISO 4217 code such as EUR", "currency");
  }
  return {};
}

base::Status check_customer(CustomerId id, const Ctx& ctx) {
  if (!id.valid()) return base::fail(ErrorCode::customer_unknown, ctx.str() + " names no customer", "customer_id");
  return {};
}

}  // namespace

base::Status SqlLedgerStore::detach_invoice_allocations(CreditorId creditor, std::int64_t invoice_id) {
  auto lock = guard();
  for (const char* sql : {
           "UPDATE payments SET unallocated_minor = unallocated_minor + (SELECT coalesce(sum(a.amount_minor), 0) FROM "
           "allocations a WHERE a.creditor_id = ? AND a.payment_id = payments.id AND a.invoice_id = ?) WHERE "
           "creditor_id = ? AND id IN (SELECT payment_id FROM allocations WHERE creditor_id = ? AND invoice_id = ?)",
           "UPDATE credit_notes SET unallocated_minor = unallocated_minor + (SELECT coalesce(sum(a.amount_minor), 0) FROM "
           "allocations a WHERE a.creditor_id = ? AND a.credit_note_id = credit_notes.id AND a.invoice_id = ?) WHERE "
           "creditor_id = ? AND id IN (SELECT credit_note_id FROM allocations WHERE creditor_id = ? AND invoice_id = ?)"}) {
    KULANZ_STORE_TRY(stmt, conn_->prepare(sql));
    Query q(*stmt);
    KULANZ_TRY_STATUS(q.arg(creditor.value).arg(invoice_id).arg(creditor.value).arg(creditor.value).arg(invoice_id).run());
  }
  KULANZ_STORE_TRY(stmt, conn_->prepare("DELETE FROM allocations WHERE creditor_id = ? AND invoice_id = ?"));
  Query q(*stmt);
  return q.arg(creditor.value).arg(invoice_id).run();
}

base::Status SqlLedgerStore::detach_source_allocations(CreditorId creditor, AllocationSource source, std::int64_t source_id) {
  auto lock = guard();
  const bool payment = source == AllocationSource::payment;
  const std::string column = payment ? "payment_id" : "credit_note_id";
  {
    KULANZ_STORE_TRY(stmt, conn_->prepare(
        "UPDATE invoices SET open_minor = open_minor + (SELECT coalesce(sum(a.amount_minor), 0) FROM allocations a "
        "WHERE a.creditor_id = ? AND a.invoice_id = invoices.id AND a." + column + " = ?) WHERE creditor_id = ? AND id IN "
        "(SELECT invoice_id FROM allocations WHERE creditor_id = ? AND " + column + " = ?)"));
    Query q(*stmt);
    KULANZ_TRY_STATUS(q.arg(creditor.value).arg(source_id).arg(creditor.value).arg(creditor.value).arg(source_id).run());
  }
  KULANZ_STORE_TRY(stmt, conn_->prepare("DELETE FROM allocations WHERE creditor_id = ? AND " + column + " = ?"));
  Query q(*stmt);
  return q.arg(creditor.value).arg(source_id).run();
}

// ---- invoices -----------------------------------------------------------------------

base::Result<UpsertOutcome> SqlLedgerStore::upsert_invoice(CreditorId creditor, Invoice& i) {
  auto lock = guard();
  const Ctx context{"invoice", i.external_id};
  if (i.external_id.empty()) return base::fail(ErrorCode::required_missing, "an invoice needs an external_id", "external_id");
  KULANZ_TRY_STATUS(check_amount(i.amount, context));
  KULANZ_TRY_STATUS(check_customer(i.customer_id, context));
  i.creditor_id = creditor;
  {
    static const InsertSql kInsert(
        "INSERT INTO invoices (creditor_id, customer_id, external_id, number, kind, issue_date, due_date, currency, "
        "amount_minor, skonto_basis_points, skonto_days, open_minor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (creditor_id, external_id) DO NOTHING");
    KULANZ_STORE_TRY(stmt, conn_->prepare_static(kInsert.for_dialect(conn_->dialect())));
    Query q(*stmt);
    q.arg(creditor.value).arg(i.customer_id.value).arg(i.external_id).arg(i.number).arg(to_string(i.kind))
        .arg(i.issue_date).arg(i.due_date).arg(i.amount.currency().code()).arg(i.amount.minor())
        .arg(std::int64_t{i.skonto_basis_points}).arg(std::int64_t{i.skonto_days}).arg(i.amount.minor());
    KULANZ_STORE_TRY(id, insert_or_skip(q, conn_->dialect(), context.str()));
    if (id) {
      i.id = InvoiceId(*id);
      i.open = i.amount;
      return UpsertOutcome::inserted;
    }
  }
  KULANZ_STORE_TRY(found, invoice_by_external_id(creditor, i.external_id));
  if (!found) return base::fail(ErrorCode::conflict, context.str() + " was deleted while it was being updated; retry");
  const Invoice& old = *found;
  i.id = old.id;
  const bool same_money = old.amount == i.amount && old.customer_id == i.customer_id;
  if (same_money && old.number == i.number && old.kind == i.kind && old.issue_date == i.issue_date &&
      old.due_date == i.due_date && old.skonto_basis_points == i.skonto_basis_points && old.skonto_days == i.skonto_days) {
    i.open = old.open;
    return UpsertOutcome::unchanged;
  }
  auto write = [&]() -> base::Status {
    // A new amount (or customer) invalidates what was allocated to the item: the
    // allocations go, their sources get the amounts back, and services re-allocate.
    if (!same_money) KULANZ_TRY_STATUS(detach_invoice_allocations(creditor, old.id.value));
    i.open = same_money ? old.open : i.amount;
    KULANZ_STORE_TRY(stmt, conn_->prepare(
        "UPDATE invoices SET customer_id = ?, number = ?, kind = ?, issue_date = ?, due_date = ?, currency = ?, "
        "amount_minor = ?, skonto_basis_points = ?, skonto_days = ?, open_minor = ? WHERE creditor_id = ? AND id = ?"));
    Query q(*stmt);
    q.arg(i.customer_id.value).arg(i.number).arg(to_string(i.kind)).arg(i.issue_date).arg(i.due_date)
        .arg(i.amount.currency().code()).arg(i.amount.minor()).arg(std::int64_t{i.skonto_basis_points})
        .arg(std::int64_t{i.skonto_days}).arg(i.open.minor()).arg(creditor.value).arg(i.id.value);
    return q.run();
  };
  auto st = atomically(write);
  if (!st) return base::fail(in_context(std::move(st).error(), context.str()));
  return UpsertOutcome::updated;
}

namespace {

// Rows per multi-row INSERT of upsert_invoices. With foreign keys on, SQLite keeps a
// statement journal for a multi-row INSERT: every page the statement changes is copied
// once per statement, and the index by customer is changed at random places, so SQLite
// gets large chunks (1,000,000 invoices: about 2 s less with 1024 rows than with 64).
// 12 * 1024 = 12,288 parameters, within SQLite's limit since 3.32 (32,766); where a
// SQLite allows fewer, the chunk is written row by row. PostgreSQL: 12 * 64 = 768.
constexpr std::size_t kSqliteInvoiceBatchRows = 1024;
constexpr std::size_t kPostgresInvoiceBatchRows = 64;

// PostgreSQL reports the new rows with RETURNING. SQLite does without it (RETURNING
// collects the rows in a temporary table first): see upsert_invoices.
std::string multi_row_invoice_insert(std::size_t rows, bool returning) {
  std::string sql =
      "INSERT INTO invoices (creditor_id, customer_id, external_id, number, kind, issue_date, due_date, currency, "
      "amount_minor, skonto_basis_points, skonto_days, open_minor) VALUES ";
  for (std::size_t r = 0; r < rows; ++r) sql += r ? ", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  sql += " ON CONFLICT (creditor_id, external_id) DO NOTHING";
  if (returning) sql += " RETURNING id, external_id";
  return sql;
}

// YYYY-MM-DD into out[0..10).
void put_iso_date(calendar::Date d, char* out) {
  const int y = d.year();
  const unsigned m = d.month(), day = d.day();
  out[0] = static_cast<char>('0' + y / 1000);
  out[1] = static_cast<char>('0' + y / 100 % 10);
  out[2] = static_cast<char>('0' + y / 10 % 10);
  out[3] = static_cast<char>('0' + y % 10);
  out[4] = '-';
  out[5] = static_cast<char>('0' + m / 10);
  out[6] = static_cast<char>('0' + m % 10);
  out[7] = '-';
  out[8] = static_cast<char>('0' + day / 10);
  out[9] = static_cast<char>('0' + day % 10);
}

}  // namespace

base::Result<std::vector<UpsertOutcome>> SqlLedgerStore::upsert_invoices(CreditorId creditor, std::vector<Invoice>& invoices) {
  auto lock = guard();
  std::vector<UpsertOutcome> outcomes(invoices.size(), UpsertOutcome::unchanged);
  const bool sqlite = conn_->dialect() == Dialect::sqlite;
  const std::size_t kInvoiceBatchRows = sqlite ? kSqliteInvoiceBatchRows : kPostgresInvoiceBatchRows;
  static const std::string kInsertReturning = multi_row_invoice_insert(kPostgresInvoiceBatchRows, true);
  static const std::string kInsertPlain = multi_row_invoice_insert(kSqliteInvoiceBatchRows, false);
  static const std::string kMaxId = "SELECT coalesce(max(id), 0) FROM invoices";
  static const std::string kNewRows =
      "SELECT id, external_id FROM invoices WHERE creditor_id = ? AND id > ? ORDER BY id";
  std::vector<std::int64_t> new_ids(kInvoiceBatchRows);
  // The dates of a chunk as text, bound without a copy: they live until the INSERT is reset.
  std::vector<char> dates(kInvoiceBatchRows * 20);
  std::size_t start = 0;
  // Full chunks go through one multi-row INSERT; rows whose external id exists already
  // (and the tail) take the single-row path, which compares and updates.
  for (; start + kInvoiceBatchRows <= invoices.size(); start += kInvoiceBatchRows) {
    for (std::size_t k = start; k < start + kInvoiceBatchRows; ++k) {
      Invoice& i = invoices[k];
      const Ctx context{"invoice", i.external_id};
      if (i.external_id.empty()) return base::fail(ErrorCode::required_missing, "an invoice needs an external_id", "external_id");
      KULANZ_TRY_STATUS(check_amount(i.amount, context));
      KULANZ_TRY_STATUS(check_customer(i.customer_id, context));
    }
    std::fill(new_ids.begin(), new_ids.end(), 0);
    bool retry_singly = false;
    // SQLite gives a row without an explicit id the largest id so far plus one, so the
    // rows of one INSERT get consecutive ids in VALUES order; when every row of the chunk
    // was inserted they are before + 1 .. before + rows. Otherwise (some external ids
    // exist already) the new rows are read back by id.
    std::int64_t before = 0;
    if (sqlite) {
      KULANZ_STORE_TRY(max_stmt, conn_->prepare_static(kMaxId));
      Query mq(*max_stmt);
      KULANZ_STORE_TRY(max_row, mq.next());
      if (max_row) before = mq.i64(0);
      // Near the largest possible id SQLite picks ids at random: row by row there.
      if (before > std::numeric_limits<std::int64_t>::max() - static_cast<std::int64_t>(2 * kInvoiceBatchRows)) {
        retry_singly = true;
      }
    }
    Statement* stmt = nullptr;
    if (!retry_singly) {
      auto prepared = conn_->prepare_static(sqlite ? kInsertPlain : kInsertReturning);
      if (prepared) stmt = *prepared;
      else if (sqlite) retry_singly = true;  // too many parameters for this SQLite
      else return base::fail(std::move(prepared).error());
    }
    if (!retry_singly) {
      Query q(*stmt);
      for (std::size_t k = start; k < start + kInvoiceBatchRows; ++k) {
        const Invoice& i = invoices[k];
        char* d = dates.data() + (k - start) * 20;
        put_iso_date(i.issue_date, d);
        put_iso_date(i.due_date, d + 10);
        q.arg(creditor.value).arg(i.customer_id.value).arg_unowned(i.external_id).arg_unowned(i.number)
            .arg_unowned(to_string(i.kind)).arg_unowned(std::string_view(d, 10)).arg_unowned(std::string_view(d + 10, 10))
            .arg_unowned(i.amount.currency().code()).arg(i.amount.minor()).arg(std::int64_t{i.skonto_basis_points})
            .arg(std::int64_t{i.skonto_days}).arg(i.amount.minor());
      }
      std::size_t next = 0;
      auto match = [&](std::string_view ext, std::int64_t id) {
        // Rows come back in the order they were inserted (skipping conflicts), so the
        // search starts after the last match; a repeated external id matches its first
        // occurrence, and the later one becomes an update below.
        for (std::size_t probe = 0; probe < kInvoiceBatchRows; ++probe) {
          std::size_t k = (next + probe) % kInvoiceBatchRows;
          if (new_ids[k] == 0 && invoices[start + k].external_id == ext) {
            new_ids[k] = id;
            next = k + 1;
            break;
          }
        }
      };
      while (true) {
        auto row = q.next();
        if (!row) {
          // SQLite undid just this statement: write the chunk row by row, so that the
          // error names the record. PostgreSQL has aborted the transaction; its message
          // names the offending key.
          if (sqlite) {
            retry_singly = true;
            break;
          }
          return base::fail(in_context(std::move(row).error(),
                                       fmt::format("invoices '{}' to '{}'", invoices[start].external_id,
                                                   invoices[start + kInvoiceBatchRows - 1].external_id)));
        }
        if (!*row) break;
        match(q.text(1), q.i64(0));
      }
      if (sqlite && !retry_singly) {
        const auto rows = static_cast<std::int64_t>(kInvoiceBatchRows);
        if (q.affected() == rows && q.last_insert_id() == before + rows) {
          for (std::size_t k = 0; k < kInvoiceBatchRows; ++k) new_ids[k] = before + 1 + static_cast<std::int64_t>(k);
        } else if (q.affected() > 0) {
          KULANZ_STORE_TRY(new_stmt, conn_->prepare_static(kNewRows));
          Query nq(*new_stmt);
          nq.arg(creditor.value).arg(before);
          while (true) {
            KULANZ_STORE_TRY(new_row, nq.next());
            if (!new_row) break;
            match(nq.text(1), nq.i64(0));
          }
        }
      }
    }
    for (std::size_t k = start; k < start + kInvoiceBatchRows; ++k) {
      Invoice& i = invoices[k];
      if (!retry_singly && new_ids[k - start] != 0) {
        i.creditor_id = creditor;
        i.id = InvoiceId(new_ids[k - start]);
        i.open = i.amount;
        outcomes[k] = UpsertOutcome::inserted;
        continue;
      }
      KULANZ_STORE_TRY(outcome, upsert_invoice(creditor, i));
      outcomes[k] = outcome;
    }
  }
  for (std::size_t k = start; k < invoices.size(); ++k) {
    KULANZ_STORE_TRY(outcome, upsert_invoice(creditor, invoices[k]));
    outcomes[k] = outcome;
  }
  return outcomes;
}

base::Result<std::optional<Invoice>> SqlLedgerStore::invoice_by_external_id(CreditorId creditor, std::string_view external_id) {
  auto lock = guard();
  static const std::string kSql = std::string("SELECT ") + kInvoiceColumns +
                                        " FROM invoices WHERE creditor_id = ? AND external_id = ?";
  KULANZ_STORE_TRY(stmt, conn_->prepare_static(kSql));
  Query q(*stmt);
  q.arg(creditor.value).arg(external_id);
  KULANZ_STORE_TRY(row, q.next());
  if (!row) return std::optional<Invoice>();
  KULANZ_STORE_TRY(i, read_invoice(q, creditor));
  return std::optional<Invoice>(std::move(i));
}

base::Result<ports::Page<Invoice>> SqlLedgerStore::list_invoices(CreditorId creditor, const ports::ListQuery& q) {
  auto lock = guard();
  ListSpec spec{"invoices", kInvoiceColumns, {}, {}};
  filter_by_customer(spec, creditor, q);
  if (q.status) {
    const std::string& s = *q.status;
    if (s == "open") {
      spec.conditions.push_back("AND open_minor > 0");
    } else if (s == "paid") {
      spec.conditions.push_back("AND open_minor = 0");
    } else if (s == "overdue") {
      spec.conditions.push_back("AND open_minor > 0 AND due_date < ?");
      spec.args.emplace_back(q.as_of.iso());
    } else if (s == "not_due") {
      spec.conditions.push_back("AND open_minor > 0 AND due_date >= ?");
      spec.args.emplace_back(q.as_of.iso());
    } else {
      return base::fail(ErrorCode::query_invalid,
                        fmt::format("status '{}' is not one of open, paid, overdue, not_due", s), "status");
    }
  }
  if (q.due_from) {
    spec.conditions.push_back("AND due_date >= ?");
    spec.args.emplace_back(q.due_from->iso());
  }
  if (q.due_to) {
    spec.conditions.push_back("AND due_date <= ?");
    spec.args.emplace_back(q.due_to->iso());
  }
  return list_page<Invoice>(*conn_, creditor, q, spec, read_invoice);
}

base::Result<std::unordered_map<std::string, InvoiceId>> SqlLedgerStore::invoice_ids(CreditorId creditor) {
  auto lock = guard();
  KULANZ_STORE_TRY(stmt, conn_->prepare("SELECT external_id, id FROM invoices WHERE creditor_id = ?"));
  Query q(*stmt);
  q.arg(creditor.value);
  std::unordered_map<std::string, InvoiceId> out;
  while (true) {
    KULANZ_STORE_TRY(row, q.next());
    if (!row) break;
    out.emplace(q.str(0), InvoiceId(q.i64(1)));
  }
  return out;
}

// ---- credit notes -------------------------------------------------------------------

base::Result<UpsertOutcome> SqlLedgerStore::upsert_credit_note(CreditorId creditor, CreditNote& n) {
  auto lock = guard();
  const Ctx context{"credit note", n.external_id};
  if (n.external_id.empty()) return base::fail(ErrorCode::required_missing, "a credit note needs an external_id", "external_id");
  KULANZ_TRY_STATUS(check_amount(n.amount, context));
  KULANZ_TRY_STATUS(check_customer(n.customer_id, context));
  n.creditor_id = creditor;
  std::optional<std::int64_t> invoice;
  if (n.invoice_id) invoice = n.invoice_id->value;
  {
    static const InsertSql kInsert(
        "INSERT INTO credit_notes (creditor_id, customer_id, external_id, number, issue_date, currency, amount_minor, "
        "invoice_id, unallocated_minor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (creditor_id, external_id) DO NOTHING");
    KULANZ_STORE_TRY(stmt, conn_->prepare_static(kInsert.for_dialect(conn_->dialect())));
    Query q(*stmt);
    q.arg(creditor.value).arg(n.customer_id.value).arg(n.external_id).arg(n.number).arg(n.issue_date)
        .arg(n.amount.currency().code()).arg(n.amount.minor()).arg(invoice).arg(n.amount.minor());
    KULANZ_STORE_TRY(id, insert_or_skip(q, conn_->dialect(), context.str()));
    if (id) {
      n.id = CreditNoteId(*id);
      n.unallocated = n.amount;
      return UpsertOutcome::inserted;
    }
  }
  KULANZ_STORE_TRY(found, credit_note_by_external_id(creditor, n.external_id));
  if (!found) return base::fail(ErrorCode::conflict, context.str() + " was deleted while it was being updated; retry");
  const CreditNote& old = *found;
  n.id = old.id;
  const bool same_money = old.amount == n.amount && old.customer_id == n.customer_id && old.invoice_id == n.invoice_id;
  if (same_money && old.number == n.number && old.issue_date == n.issue_date) {
    n.unallocated = old.unallocated;
    return UpsertOutcome::unchanged;
  }
  auto write = [&]() -> base::Status {
    if (!same_money) KULANZ_TRY_STATUS(detach_source_allocations(creditor, AllocationSource::credit_note, old.id.value));
    n.unallocated = same_money ? old.unallocated : n.amount;
    KULANZ_STORE_TRY(stmt, conn_->prepare(
        "UPDATE credit_notes SET customer_id = ?, number = ?, issue_date = ?, currency = ?, amount_minor = ?, "
        "invoice_id = ?, unallocated_minor = ? WHERE creditor_id = ? AND id = ?"));
    Query q(*stmt);
    q.arg(n.customer_id.value).arg(n.number).arg(n.issue_date).arg(n.amount.currency().code()).arg(n.amount.minor())
        .arg(invoice).arg(n.unallocated.minor()).arg(creditor.value).arg(n.id.value);
    return q.run();
  };
  auto st = atomically(write);
  if (!st) return base::fail(in_context(std::move(st).error(), context.str()));
  return UpsertOutcome::updated;
}

base::Result<std::optional<CreditNote>> SqlLedgerStore::credit_note_by_external_id(CreditorId creditor, std::string_view external_id) {
  auto lock = guard();
  static const std::string kSql = std::string("SELECT ") + kCreditNoteColumns +
                                        " FROM credit_notes WHERE creditor_id = ? AND external_id = ?";
  KULANZ_STORE_TRY(stmt, conn_->prepare_static(kSql));
  Query q(*stmt);
  q.arg(creditor.value).arg(external_id);
  KULANZ_STORE_TRY(row, q.next());
  if (!row) return std::optional<CreditNote>();
  KULANZ_STORE_TRY(n, read_credit_note(q, creditor));
  return std::optional<CreditNote>(std::move(n));
}

base::Result<ports::Page<CreditNote>> SqlLedgerStore::list_credit_notes(CreditorId creditor, const ports::ListQuery& q) {
  auto lock = guard();
  ListSpec spec{"credit_notes", kCreditNoteColumns, {}, {}};
  filter_by_customer(spec, creditor, q);
  return list_page<CreditNote>(*conn_, creditor, q, spec, read_credit_note);
}

// ---- payments -----------------------------------------------------------------------

base::Result<UpsertOutcome> SqlLedgerStore::upsert_payment(CreditorId creditor, Payment& p) {
  auto lock = guard();
  const Ctx context{"payment", p.external_id};
  if (p.external_id.empty()) return base::fail(ErrorCode::required_missing, "a payment needs an external_id", "external_id");
  KULANZ_TRY_STATUS(check_amount(p.amount, context));
  KULANZ_TRY_STATUS(check_customer(p.customer_id, context));
  p.creditor_id = creditor;
  {
    static const InsertSql kInsert(
        "INSERT INTO payments (creditor_id, customer_id, external_id, value_date, currency, amount_minor, reference, "
        "unallocated_minor) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (creditor_id, external_id) DO NOTHING");
    KULANZ_STORE_TRY(stmt, conn_->prepare_static(kInsert.for_dialect(conn_->dialect())));
    Query q(*stmt);
    q.arg(creditor.value).arg(p.customer_id.value).arg(p.external_id).arg(p.value_date).arg(p.amount.currency().code())
        .arg(p.amount.minor()).arg(p.reference).arg(p.amount.minor());
    KULANZ_STORE_TRY(id, insert_or_skip(q, conn_->dialect(), context.str()));
    if (id) {
      p.id = PaymentId(*id);
      p.unallocated = p.amount;
      return UpsertOutcome::inserted;
    }
  }
  KULANZ_STORE_TRY(found, payment_by_external_id(creditor, p.external_id));
  if (!found) return base::fail(ErrorCode::conflict, context.str() + " was deleted while it was being updated; retry");
  const Payment& old = *found;
  p.id = old.id;
  const bool same_money = old.amount == p.amount && old.customer_id == p.customer_id;
  if (same_money && old.value_date == p.value_date && old.reference == p.reference) {
    p.unallocated = old.unallocated;
    return UpsertOutcome::unchanged;
  }
  auto write = [&]() -> base::Status {
    if (!same_money) KULANZ_TRY_STATUS(detach_source_allocations(creditor, AllocationSource::payment, old.id.value));
    p.unallocated = same_money ? old.unallocated : p.amount;
    KULANZ_STORE_TRY(stmt, conn_->prepare(
        "UPDATE payments SET customer_id = ?, value_date = ?, currency = ?, amount_minor = ?, reference = ?, "
        "unallocated_minor = ? WHERE creditor_id = ? AND id = ?"));
    Query q(*stmt);
    q.arg(p.customer_id.value).arg(p.value_date).arg(p.amount.currency().code()).arg(p.amount.minor()).arg(p.reference)
        .arg(p.unallocated.minor()).arg(creditor.value).arg(p.id.value);
    return q.run();
  };
  auto st = atomically(write);
  if (!st) return base::fail(in_context(std::move(st).error(), context.str()));
  return UpsertOutcome::updated;
}

base::Result<std::optional<Payment>> SqlLedgerStore::payment_by_external_id(CreditorId creditor, std::string_view external_id) {
  auto lock = guard();
  static const std::string kSql = std::string("SELECT ") + kPaymentColumns +
                                        " FROM payments WHERE creditor_id = ? AND external_id = ?";
  KULANZ_STORE_TRY(stmt, conn_->prepare_static(kSql));
  Query q(*stmt);
  q.arg(creditor.value).arg(external_id);
  KULANZ_STORE_TRY(row, q.next());
  if (!row) return std::optional<Payment>();
  KULANZ_STORE_TRY(p, read_payment(q, creditor));
  return std::optional<Payment>(std::move(p));
}

base::Result<ports::Page<Payment>> SqlLedgerStore::list_payments(CreditorId creditor, const ports::ListQuery& q) {
  auto lock = guard();
  ListSpec spec{"payments", kPaymentColumns, {}, {}};
  filter_by_customer(spec, creditor, q);
  return list_page<Payment>(*conn_, creditor, q, spec, read_payment);
}

}  // namespace kulanz::store
