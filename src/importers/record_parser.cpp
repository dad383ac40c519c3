#include "importers/record_parser.hpp"

#include <utility>

#include "base/text.hpp"
#include "importers/field_parsers.hpp"

namespace kulanz::importers {
namespace {

using base::ErrorCode;

// Collects the problems of one record and gives typed access to its fields.
class FieldReader {
 public:
  FieldReader(const RawRecord& r, std::vector<base::Error>& errors) : r_(r), errors_(errors), before_(errors.size()) {}

  bool ok() const { return errors_.size() == before_; }

  // The trimmed value, or nullopt when the field is absent or blank.
  std::optional<std::string_view> value(std::string_view field) const {
    auto v = r_.get(field);
    if (!v) return std::nullopt;
    auto t = base::trim(*v);
    if (t.empty()) return std::nullopt;
    return t;
  }

  std::optional<std::string_view> required(std::string_view field, std::string_view what) {
    auto v = value(field);
    if (!v) add(field, base::Error(ErrorCode::required_missing, "is empty; " + std::string(what) + " is required"));
    return v;
  }

  void add(std::string_view field, base::Error e) {
    e.field = std::string(field);
    e.location = r_.location;
    errors_.push_back(std::move(e));
  }

  template <class T>
  std::optional<T> take(std::string_view field, base::Result<T> r) {
    if (r) return std::move(*r);
    add(field, std::move(r).error());
    return std::nullopt;
  }

  // Optional text field into `out` (cleared when absent).
  void text(std::string_view field, std::size_t max_chars, std::string& out) {
    out.clear();
    if (auto v = value(field)) {
      if (auto t = take(field, parse_text(*v, max_chars))) out = std::move(*t);
    }
  }

  std::optional<calendar::Date> date(std::string_view field, bool is_required, std::string_view what) {
    auto v = is_required ? required(field, what) : value(field);
    if (!v) return std::nullopt;
    return take(field, parse_date_field(*v));
  }

  bool boolean(std::string_view field, bool fallback) {
    auto v = value(field);
    if (!v) return fallback;
    return take(field, parse_boolean(*v)).value_or(fallback);
  }

  std::string external_id(std::string_view field) {
    auto v = r_.get(field);
    if (auto id = take(field, parse_external_id(v ? *v : std::string_view{}))) return std::move(*id);
    return {};
  }

  money::Currency currency(const ParseContext& ctx) {
    auto v = value("currency");
    if (!v || base::iequals_ascii(*v, ctx.default_currency.code())) return ctx.default_currency;
    auto c = money::Currency::from_code(*v);
    if (!c) {
      add("currency", base::Error(ErrorCode::currency_unknown,
                                  "'" + std::string(*v) + "' is not an ISO 4217 currency code (write EUR, CHF, USD, ...)"));
      return ctx.default_currency;
    }
    return *c;
  }

  money::Money amount(const ParseContext& ctx, money::Currency currency) {
    auto v = required("amount", "the amount");
    if (!v) return money::Money::zero(currency);
    auto minor = take("amount", parse_positive_amount(*v, currency, ctx.decimal_style));
    return money::Money(minor.value_or(0), currency);
  }

 private:
  const RawRecord& r_;
  std::vector<base::Error>& errors_;
  std::size_t before_;
};

// Invoices and credit notes: external_id and number default to each other.
void id_and_number(FieldReader& f, std::string& external_id, std::string& number) {
  number.clear();
  if (auto n = f.value("number")) {
    if (auto t = f.take("number", parse_text(*n, 64))) number = std::move(*t);
  }
  if (f.value("external_id") || number.empty()) {
    external_id = f.external_id("external_id");
  } else {
    external_id = number;
  }
  if (number.empty()) number = external_id;
}

void contact(domain::Customer& c, domain::Channel channel, std::string address, bool consent) {
  domain::Contact k;
  k.channel = channel;
  k.address = std::move(address);
  k.consent = consent;
  c.contacts.push_back(std::move(k));
}

}  // namespace

bool parse_customer(const RawRecord& r, const ParseContext&, ParsedCustomer& out, std::vector<base::Error>& errors) {
  FieldReader f(r, errors);
  domain::Customer& c = out.customer;
  c = domain::Customer{};
  c.external_id = f.external_id("external_id");
  if (f.required("name", "the customer's name")) f.text("name", 200, c.name);
  if (auto v = f.value("type")) c.type = f.take("type", domain::parse_customer_type(*v)).value_or(c.type);
  if (auto v = f.value("language")) c.language = f.take("language", domain::parse_language(*v)).value_or(c.language);
  if (auto v = f.value("country")) c.country = f.take("country", parse_country(*v)).value_or(c.country);
  if (auto v = f.value("state")) {
    if (c.country == "DE") c.state = f.take("state", parse_german_state(*v)).value_or("");
  }
  f.text("postal_code", 16, c.postal_code);
  f.text("city", 100, c.city);
  f.text("street", 200, c.street);
  if (auto v = f.value("time_zone")) {
    auto tz = f.take("time_zone", parse_text(*v, 64));
    if (tz && tz->find('/') == std::string::npos && *tz != "UTC") {
      f.add("time_zone", base::Error(ErrorCode::timezone_invalid, "'" + *tz + "' is not an IANA time zone (write Europe/Berlin)"));
    } else if (tz) {
      c.time_zone = std::move(*tz);
    }
  }
  c.birth_date = f.date("birth_date", false, "");
  c.customer_since = f.date("customer_since", false, "");
  c.key_account = f.boolean("key_account", false);
  c.also_supplier = f.boolean("also_supplier", false);
  if (auto v = f.value("risk_score")) {
    if (auto n = f.take("risk_score", parse_integer(*v, 0, 100))) c.risk_score = static_cast<int>(*n);
  }
  const bool email_consent = f.boolean("email_consent", false);
  const bool sms_consent = f.boolean("sms_consent", false);
  const bool phone_consent = f.boolean("phone_consent", false);
  if (auto v = f.value("email")) {
    if (auto e = f.take("email", parse_email(*v))) contact(c, domain::Channel::email, std::move(*e), email_consent);
  }
  if (auto v = f.value("phone")) {
    if (auto p = f.take("phone", parse_phone(*v))) contact(c, domain::Channel::phone, std::move(*p), phone_consent);
  }
  if (auto v = f.value("mobile")) {
    if (auto p = f.take("mobile", parse_phone(*v))) contact(c, domain::Channel::sms, std::move(*p), sms_consent);
  }
  return f.ok();
}

bool parse_invoice(const RawRecord& r, const ParseContext& ctx, ParsedInvoice& out, std::vector<base::Error>& errors) {
  FieldReader f(r, errors);
  domain::Invoice& i = out.invoice;
  id_and_number(f, i.external_id, i.number);
  out.customer_external_id = f.external_id("customer_external_id");
  auto issue = f.date("issue_date", true, "the invoice date");
  auto due = f.date("due_date", true, "the due date");
  if (issue) i.issue_date = *issue;
  if (due) i.due_date = *due;
  if (issue && due && *due < *issue) {
    f.add("due_date", base::Error(ErrorCode::import_due_before_issue,
                                  due->german() + " lies before the invoice date " + issue->german() +
                                      " (check the column order or the date format)"));
  }
  const auto currency = f.currency(ctx);
  i.amount = f.amount(ctx, currency);
  i.open = i.amount;
  i.skonto_basis_points = 0;
  i.skonto_days = 0;
  auto pct = f.value("skonto_percent");
  auto days = f.value("skonto_days");
  if (pct) {
    auto bp = f.take("skonto_percent", parse_percent_basis_points(*pct));
    if (bp && *bp >= 10000) {
      f.add("skonto_percent", base::Error(ErrorCode::percent_invalid, "'" + std::string(*pct) + "' leaves nothing to pay (must be below 100)"));
    } else if (bp) {
      i.skonto_basis_points = *bp;
    }
  }
  if (days) {
    if (auto d = f.take("skonto_days", parse_integer(*days, 0, 365))) i.skonto_days = static_cast<std::int32_t>(*d);
  }
  if (i.skonto_basis_points > 0 && !days) {
    f.add("skonto_days", base::Error(ErrorCode::required_missing, "is empty; a Skonto percentage needs the days it applies"));
  }
  if (days && !pct && i.skonto_days > 0) {
    f.add("skonto_percent", base::Error(ErrorCode::required_missing, "is empty; Skonto days need a percentage"));
  }
  return f.ok();
}

bool parse_credit_note(const RawRecord& r, const ParseContext& ctx, ParsedCreditNote& out,
                       std::vector<base::Error>& errors) {
  FieldReader f(r, errors);
  domain::CreditNote& n = out.credit_note;
  id_and_number(f, n.external_id, n.number);
  out.customer_external_id = f.external_id("customer_external_id");
  if (auto d = f.date("issue_date", true, "the credit note date")) n.issue_date = *d;
  const auto currency = f.currency(ctx);
  n.amount = f.amount(ctx, currency);
  n.unallocated = n.amount;
  n.invoice_id.reset();
  out.invoice_external_id.clear();
  if (f.value("invoice_external_id")) out.invoice_external_id = f.external_id("invoice_external_id");
  return f.ok();
}

bool parse_payment(const RawRecord& r, const ParseContext& ctx, ParsedPayment& out, std::vector<base::Error>& errors) {
  FieldReader f(r, errors);
  domain::Payment& p = out.payment;
  p.external_id = f.external_id("external_id");
  out.customer_external_id = f.external_id("customer_external_id");
  if (auto d = f.date("value_date", true, "the value date")) p.value_date = *d;
  const auto currency = f.currency(ctx);
  p.amount = f.amount(ctx, currency);
  p.unallocated = p.amount;
  f.text("reference", 500, p.reference);
  return f.ok();
}

}  // namespace kulanz::importers
