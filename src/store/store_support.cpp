#include "store/store_support.hpp"

#include <charconv>

#include "store/contacts_text.hpp"

namespace kulanz::store::detail {

using namespace kulanz::domain;

const char* const kCustomerColumns =
    "id, external_id, name, customer_type, language, time_zone, country, state, postal_code, city, street, "
    "birth_date, key_account, also_supplier, risk_score, customer_since, lifetime_revenue_minor, contacts, preferences";
const char* const kInvoiceColumns =
    "id, customer_id, external_id, number, kind, issue_date, due_date, currency, amount_minor, "
    "skonto_basis_points, skonto_days, open_minor";
const char* const kCreditNoteColumns =
    "id, customer_id, external_id, number, issue_date, currency, amount_minor, invoice_id, unallocated_minor";
const char* const kPaymentColumns =
    "id, customer_id, external_id, value_date, currency, amount_minor, reference, unallocated_minor";
const char* const kAllocationColumns =
    "id, customer_id, source, payment_id, credit_note_id, invoice_id, currency, amount_minor, allocation_date";

base::Result<Date> read_date(const Query& q, int column, std::string_view what) {
  auto d = Date::parse_iso(q.text(column));
  if (!d) {
    return base::fail(ErrorCode::db_error,
                      fmt::format("stored {} '{}' is not a date (YYYY-MM-DD); the row was written by something "
                                  "other than kulanz",
                                  what, q.text(column)),
                      std::string(what));
  }
  return *d;
}

base::Result<std::optional<Date>> read_optional_date(const Query& q, int column, std::string_view what) {
  if (q.null(column)) return std::optional<Date>();
  KULANZ_STORE_TRY(d, read_date(q, column, what));
  return std::optional<Date>(d);
}

base::Result<money::Currency> read_currency(const Query& q, int column) {
  auto c = money::Currency::from_code(q.text(column));
  if (!c) {
    return base::fail(ErrorCode::db_error, fmt::format("stored currency '{}' is not a known ISO 4217 code", q.text(column)),
                      "currency");
  }
  return *c;
}

base::Result<ItemKind> parse_item_kind(std::string_view s) {
  if (s == "invoice") return ItemKind::invoice;
  if (s == "fee") return ItemKind::fee;
  if (s == "interest") return ItemKind::interest;
  return base::fail(ErrorCode::db_error, fmt::format("stored item kind '{}' is not invoice, fee or interest", s), "kind");
}

base::Result<Customer> read_customer(const Query& q, CreditorId creditor) {
  Customer c;
  c.id = CustomerId(q.i64(0));
  c.creditor_id = creditor;
  c.external_id = q.str(1);
  c.name = q.str(2);
  auto type = parse_customer_type(q.text(3));
  if (!type) return base::fail(ErrorCode::db_error, fmt::format("stored customer type '{}' is unknown", q.text(3)), "type");
  c.type = *type;
  auto language = parse_language(q.text(4));
  if (!language) return base::fail(ErrorCode::db_error, fmt::format("stored language '{}' is unknown", q.text(4)), "language");
  c.language = *language;
  c.time_zone = q.str(5);
  c.country = q.str(6);
  c.state = q.str(7);
  c.postal_code = q.str(8);
  c.city = q.str(9);
  c.street = q.str(10);
  KULANZ_STORE_TRY(birth, read_optional_date(q, 11, "birth_date"));
  c.birth_date = birth;
  c.key_account = q.i64(12) != 0;
  c.also_supplier = q.i64(13) != 0;
  if (!q.null(14)) c.risk_score = static_cast<int>(q.i64(14));
  KULANZ_STORE_TRY(since, read_optional_date(q, 15, "customer_since"));
  c.customer_since = since;
  c.lifetime_revenue_minor = q.i64(16);
  KULANZ_STORE_TRY(contacts, decode_contacts(q.text(17)));
  c.contacts = std::move(contacts);
  KULANZ_STORE_TRY(preferences, decode_preferences(q.text(18)));
  c.preferences = std::move(preferences);
  return c;
}

base::Result<Invoice> read_invoice(const Query& q, CreditorId creditor) {
  Invoice i;
  i.id = InvoiceId(q.i64(0));
  i.creditor_id = creditor;
  i.customer_id = CustomerId(q.i64(1));
  i.external_id = q.str(2);
  i.number = q.str(3);
  KULANZ_STORE_TRY(kind, parse_item_kind(q.text(4)));
  i.kind = kind;
  KULANZ_STORE_TRY(issue, read_date(q, 5, "issue_date"));
  KULANZ_STORE_TRY(due, read_date(q, 6, "due_date"));
  KULANZ_STORE_TRY(currency, read_currency(q, 7));
  i.issue_date = issue;
  i.due_date = due;
  i.amount = Money(q.i64(8), currency);
  i.skonto_basis_points = static_cast<std::int32_t>(q.i64(9));
  i.skonto_days = static_cast<std::int32_t>(q.i64(10));
  i.open = Money(q.i64(11), currency);
  return i;
}

base::Result<CreditNote> read_credit_note(const Query& q, CreditorId creditor) {
  CreditNote n;
  n.id = CreditNoteId(q.i64(0));
  n.creditor_id = creditor;
  n.customer_id = CustomerId(q.i64(1));
  n.external_id = q.str(2);
  n.number = q.str(3);
  KULANZ_STORE_TRY(issue, read_date(q, 4, "issue_date"));
  KULANZ_STORE_TRY(currency, read_currency(q, 5));
  n.issue_date = issue;
  n.amount = Money(q.i64(6), currency);
  if (!q.null(7)) n.invoice_id = InvoiceId(q.i64(7));
  n.unallocated = Money(q.i64(8), currency);
  return n;
}

base::Result<Payment> read_payment(const Query& q, CreditorId creditor) {
  Payment p;
  p.id = PaymentId(q.i64(0));
  p.creditor_id = creditor;
  p.customer_id = CustomerId(q.i64(1));
  p.external_id = q.str(2);
  KULANZ_STORE_TRY(value_date, read_date(q, 3, "value_date"));
  KULANZ_STORE_TRY(currency, read_currency(q, 4));
  p.value_date = value_date;
  p.amount = Money(q.i64(5), currency);
  p.reference = q.str(6);
  p.unallocated = Money(q.i64(7), currency);
  return p;
}

base::Result<Allocation> read_allocation(const Query& q, CreditorId creditor) {
  Allocation a;
  a.id = AllocationId(q.i64(0));
  a.creditor_id = creditor;
  a.customer_id = CustomerId(q.i64(1));
  a.source = q.text(2) == "credit_note" ? AllocationSource::credit_note : AllocationSource::payment;
  a.source_id = a.source == AllocationSource::payment ? q.i64(3) : q.i64(4);
  a.invoice_id = InvoiceId(q.i64(5));
  KULANZ_STORE_TRY(currency, read_currency(q, 6));
  a.amount = Money(q.i64(7), currency);
  KULANZ_STORE_TRY(date, read_date(q, 8, "allocation_date"));
  a.date = date;
  return a;
}

// The cursor is "n" followed by the last id in base 36: short, and clearly not a record id.
std::string encode_cursor(std::int64_t last_id) {
  const char* digits = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string out;
  auto v = static_cast<std::uint64_t>(last_id);
  do {
    out.insert(out.begin(), digits[v % 36]);
    v /= 36;
  } while (v);
  return "n" + out;
}

base::Result<std::int64_t> decode_cursor(std::string_view cursor) {
  auto bad = [&] {
    return base::fail(ErrorCode::cursor_invalid,
                      fmt::format("cursor '{}' was not issued by this server: pass the next_cursor of the previous page "
                                  "unchanged, or no cursor for the first page",
                                  cursor),
                      "cursor");
  };
  if (cursor.size() < 2 || cursor.size() > 14 || cursor[0] != 'n') return bad();
  std::uint64_t v = 0;
  for (char c : cursor.substr(1)) {
    int d = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'z') ? c - 'a' + 10 : -1;
    if (d < 0) return bad();
    if (v > (static_cast<std::uint64_t>(INT64_MAX) - static_cast<std::uint64_t>(d)) / 36) return bad();
    v = v * 36 + static_cast<std::uint64_t>(d);
  }
  if (v == 0) return bad();
  return static_cast<std::int64_t>(v);
}

void filter_by_customer(ListSpec& spec, CreditorId creditor, const ports::ListQuery& q) {
  if (!q.customer_external_id) return;
  spec.conditions.push_back("AND customer_id = (SELECT id FROM customers WHERE creditor_id = ? AND external_id = ?)");
  spec.args.emplace_back(creditor.value);
  spec.args.emplace_back(*q.customer_external_id);
}

base::Result<std::optional<std::int64_t>> insert_or_skip(Query& q, Dialect d, const std::string& context) {
  auto row = q.next();
  if (!row) return base::fail(in_context(std::move(row).error(), context));
  if (d == Dialect::postgres) return *row ? std::optional<std::int64_t>(q.i64(0)) : std::optional<std::int64_t>();
  return q.affected() == 1 ? std::optional<std::int64_t>(q.last_insert_id()) : std::optional<std::int64_t>();
}

base::Error in_context(base::Error e, const std::string& context) {
  e.detail = context + ": " + e.detail;
  return e;
}

}  // namespace kulanz::store::detail
