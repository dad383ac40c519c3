#include "http/json_records.hpp"

#include <boost/json/array.hpp>

namespace kulanz::http {
namespace json = boost::json;

void put_money(json::object& out, std::string_view name, const domain::Money& amount) {
  int exponent = amount.currency().valid() ? amount.currency().exponent() : 2;
  out[name] = money::format_decimal(amount.minor(), exponent);
  out[std::string(name) + "_minor"] = amount.minor();
}

std::string_view aging_bucket_name(domain::AgingBucket bucket) {
  switch (bucket) {
    case domain::AgingBucket::not_due: return "not_due";
    case domain::AgingBucket::d1_30: return "d1_30";
    case domain::AgingBucket::d31_60: return "d31_60";
    case domain::AgingBucket::d61_90: return "d61_90";
    case domain::AgingBucket::over_90: return "over_90";
  }
  return "not_due";
}

std::string_view item_status_name(domain::ItemStatus status) {
  switch (status) {
    case domain::ItemStatus::not_due: return "not_due";
    case domain::ItemStatus::due_today: return "due_today";
    case domain::ItemStatus::overdue: return "overdue";
    case domain::ItemStatus::paid: return "paid";
  }
  return "not_due";
}

namespace {

json::value optional_date(const std::optional<domain::Date>& d) {
  if (!d) return nullptr;
  return json::value(d->iso());
}

void put_currency(json::object& out, const domain::Money& m) {
  out["currency"] = m.currency().valid() ? std::string(m.currency().code()) : std::string("EUR");
}

json::value contact_address(const domain::Customer& c, domain::Channel channel) {
  const auto* contact = c.contact(channel);
  if (!contact || contact->address.empty()) return nullptr;
  return json::value(contact->address);
}

bool contact_consent(const domain::Customer& c, domain::Channel channel) {
  const auto* contact = c.contact(channel);
  return contact && contact->consent;
}

// Basis points as the importer's percent text: 200 -> "2", 250 -> "2.5", 205 -> "2.05".
std::string percent_text(std::int32_t basis_points) {
  std::string text = money::format_decimal(basis_points, 2);
  if (text.find('.') != std::string::npos) {
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  return text;
}

}  // namespace

json::object customer_json(const domain::Customer& c) {
  json::object o;
  o["external_id"] = c.external_id;
  o["name"] = c.name;
  o["type"] = domain::to_string(c.type);
  o["email"] = contact_address(c, domain::Channel::email);
  o["phone"] = contact_address(c, domain::Channel::phone);
  o["mobile"] = contact_address(c, domain::Channel::sms);
  o["language"] = domain::to_string(c.language);
  o["country"] = c.country;
  o["state"] = c.state.empty() ? json::value(nullptr) : json::value(c.state);
  o["postal_code"] = c.postal_code;
  o["city"] = c.city;
  o["street"] = c.street;
  o["birth_date"] = optional_date(c.birth_date);
  o["key_account"] = c.key_account;
  o["also_supplier"] = c.also_supplier;
  o["time_zone"] = c.time_zone;
  o["risk_score"] = c.risk_score ? json::value(*c.risk_score) : json::value(nullptr);
  o["customer_since"] = optional_date(c.customer_since);
  o["email_consent"] = contact_consent(c, domain::Channel::email);
  o["sms_consent"] = contact_consent(c, domain::Channel::sms);
  o["phone_consent"] = contact_consent(c, domain::Channel::phone);
  o["lifetime_revenue_minor"] = c.lifetime_revenue_minor;
  return o;
}

json::object invoice_json(const domain::Invoice& i, std::string_view customer_external_id, domain::Date as_of) {
  json::object o;
  o["external_id"] = i.external_id;
  o["customer_external_id"] = customer_external_id;
  o["number"] = i.number;
  o["kind"] = domain::to_string(i.kind);
  o["issue_date"] = i.issue_date.iso();
  o["due_date"] = i.due_date.iso();
  put_currency(o, i.amount);
  put_money(o, "amount", i.amount);
  put_money(o, "open", i.open);
  o["skonto_percent"] = percent_text(i.skonto_basis_points);
  o["skonto_days"] = i.skonto_days;
  o["status"] = item_status_name(domain::item_status(i, as_of));
  o["days_past_due"] = i.due_date.days_until(as_of);
  return o;
}

json::object credit_note_json(const domain::CreditNote& n, std::string_view customer_external_id,
                              std::string_view invoice_external_id) {
  json::object o;
  o["external_id"] = n.external_id;
  o["customer_external_id"] = customer_external_id;
  o["number"] = n.number;
  o["issue_date"] = n.issue_date.iso();
  put_currency(o, n.amount);
  put_money(o, "amount", n.amount);
  put_money(o, "unallocated", n.unallocated);
  o["invoice_external_id"] = invoice_external_id.empty() ? json::value(nullptr) : json::value(invoice_external_id);
  return o;
}

json::object payment_json(const domain::Payment& p, std::string_view customer_external_id) {
  json::object o;
  o["external_id"] = p.external_id;
  o["customer_external_id"] = customer_external_id;
  o["value_date"] = p.value_date.iso();
  put_currency(o, p.amount);
  put_money(o, "amount", p.amount);
  put_money(o, "unallocated", p.unallocated);
  o["reference"] = p.reference;
  return o;
}

json::object open_item_json(const domain::OpenItem& item) {
  json::object o;
  o["external_id"] = item.external_id;
  o["number"] = item.number;
  o["kind"] = domain::to_string(item.kind);
  o["issue_date"] = item.issue_date.iso();
  o["due_date"] = item.due_date.iso();
  put_currency(o, item.amount);
  put_money(o, "amount", item.amount);
  put_money(o, "open", item.open);
  o["days_past_due"] = item.days_past_due;
  o["aging_bucket"] = aging_bucket_name(item.bucket);
  return o;
}

json::object aging_json(const domain::Aging& aging) {
  json::object o;
  o["currency"] = aging.currency.valid() ? std::string(aging.currency.code()) : std::string("EUR");
  put_money(o, "total_open", aging.total_open);
  put_money(o, "total_overdue", aging.total_overdue);
  json::array buckets;
  for (int b = 0; b < domain::kAgingBucketCount; ++b) {
    json::object entry;
    entry["bucket"] = aging_bucket_name(static_cast<domain::AgingBucket>(b));
    put_money(entry, "amount", aging.amount[static_cast<std::size_t>(b)]);
    entry["count"] = aging.count[static_cast<std::size_t>(b)];
    buckets.push_back(std::move(entry));
  }
  o["buckets"] = std::move(buckets);
  return o;
}

json::object balance_json(const domain::Balance& b) {
  json::object o;
  put_currency(o, b.balance);
  put_money(o, "open_items", b.open_items);
  put_money(o, "unapplied", b.unapplied);
  put_money(o, "balance", b.balance);
  put_money(o, "overdue", b.overdue);
  return o;
}

json::object statement_json(const domain::Statement& s) {
  json::object o;
  o["from"] = s.from.iso();
  o["to"] = s.to.iso();
  put_currency(o, s.opening_balance);
  put_money(o, "opening_balance", s.opening_balance);
  json::array entries;
  for (const auto& e : s.entries) {
    json::object entry;
    entry["date"] = e.date.iso();
    entry["kind"] = domain::to_string(e.kind);
    entry["reference"] = e.reference;
    entry["external_id"] = e.external_id;
    put_money(entry, "debit", e.debit);
    put_money(entry, "credit", e.credit);
    put_money(entry, "running_balance", e.running_balance);
    entries.push_back(std::move(entry));
  }
  o["entries"] = std::move(entries);
  put_money(o, "closing_balance", s.closing_balance);
  return o;
}

json::object summary_json(const ports::PortfolioSummary& summary) {
  json::object o;
  o["customers"] = summary.customers;
  o["invoices"] = summary.invoices;
  o["open_items"] = summary.open_items;
  o["aging"] = aging_json(summary.aging);
  return o;
}

}  // namespace kulanz::http
