#include "http/api_record_resource.hpp"

#include "http/json_records.hpp"

namespace kulanz::http {
namespace {
namespace json = boost::json;

using FoundJson = base::Result<std::optional<json::object>>;

// Converts a store lookup result with `to_json` (which may itself fail on references).
template <class T, class ToJson>
FoundJson found_json(base::Result<std::optional<T>> found, ToJson to_json) {
  if (!found) return base::fail(std::move(found).error());
  if (!*found) return std::optional<json::object>{};
  base::Result<json::object> converted = to_json(**found);
  if (!converted) return base::fail(std::move(converted).error());
  return std::optional<json::object>{std::move(*converted)};
}

template <class T, class ToJson>
base::Result<JsonPage> page_json(base::Result<ports::Page<T>> page, ToJson to_json) {
  if (!page) return base::fail(std::move(page).error());
  JsonPage out;
  out.next_cursor = page->next_cursor;
  for (const auto& record : page->items) {
    base::Result<json::object> converted = to_json(record);
    if (!converted) return base::fail(std::move(converted).error());
    out.items.push_back(std::move(*converted));
  }
  return out;
}

auto customer_to_json() {
  return [](const domain::Customer& c) -> base::Result<json::object> { return customer_json(c); };
}

auto invoice_to_json(ReferenceNames& refs, calendar::Date as_of) {
  return [&refs, as_of](const domain::Invoice& i) -> base::Result<json::object> {
    auto customer = refs.customer(i.customer_id);
    if (!customer) return base::fail(std::move(customer).error());
    return invoice_json(i, *customer, as_of);
  };
}

auto credit_note_to_json(ReferenceNames& refs) {
  return [&refs](const domain::CreditNote& n) -> base::Result<json::object> {
    auto customer = refs.customer(n.customer_id);
    if (!customer) return base::fail(std::move(customer).error());
    auto invoice = refs.invoice(n.customer_id, n.invoice_id);
    if (!invoice) return base::fail(std::move(invoice).error());
    return credit_note_json(n, *customer, *invoice);
  };
}

auto payment_to_json(ReferenceNames& refs) {
  return [&refs](const domain::Payment& p) -> base::Result<json::object> {
    auto customer = refs.customer(p.customer_id);
    if (!customer) return base::fail(std::move(customer).error());
    return payment_json(p, *customer);
  };
}

RecordResource customers() {
  RecordResource r{importers::RecordKind::customer, "customers", "customer", "customers", "Customer", "Customers", "customer", {}, {}, {"lifetime_revenue_minor"}};
  r.find = [](ApiCall& call, ReferenceNames&, std::string_view id, calendar::Date) {
    return found_json(call.store.customer_by_external_id(call.creditor, id), customer_to_json());
  };
  r.list = [](ApiCall& call, ReferenceNames&, const ports::ListQuery& q) {
    return page_json(call.store.list_customers(call.creditor, q), customer_to_json());
  };
  return r;
}

RecordResource invoices() {
  RecordResource r{importers::RecordKind::invoice, "invoices", "invoice", "invoices", "Invoice", "Invoices", "invoice", {}, {},
                   {"kind", "amount_minor", "open", "open_minor", "status", "days_past_due"}};
  r.find = [](ApiCall& call, ReferenceNames& refs, std::string_view id, calendar::Date as_of) {
    return found_json(call.store.invoice_by_external_id(call.creditor, id), invoice_to_json(refs, as_of));
  };
  r.list = [](ApiCall& call, ReferenceNames& refs, const ports::ListQuery& q) {
    return page_json(call.store.list_invoices(call.creditor, q), invoice_to_json(refs, q.as_of));
  };
  return r;
}

RecordResource credit_notes() {
  RecordResource r{importers::RecordKind::credit_note, "credit-notes", "credit note", "credit notes", "CreditNote",
                   "Credit notes", "credit_note", {}, {}, {"amount_minor", "unallocated", "unallocated_minor"}};
  r.find = [](ApiCall& call, ReferenceNames& refs, std::string_view id, calendar::Date) {
    return found_json(call.store.credit_note_by_external_id(call.creditor, id), credit_note_to_json(refs));
  };
  r.list = [](ApiCall& call, ReferenceNames& refs, const ports::ListQuery& q) {
    return page_json(call.store.list_credit_notes(call.creditor, q), credit_note_to_json(refs));
  };
  return r;
}

RecordResource payments() {
  RecordResource r{importers::RecordKind::payment, "payments", "payment", "payments", "Payment", "Payments", "payment", {}, {},
                   {"amount_minor", "unallocated", "unallocated_minor"}};
  r.find = [](ApiCall& call, ReferenceNames& refs, std::string_view id, calendar::Date) {
    return found_json(call.store.payment_by_external_id(call.creditor, id), payment_to_json(refs));
  };
  r.list = [](ApiCall& call, ReferenceNames& refs, const ports::ListQuery& q) {
    return page_json(call.store.list_payments(call.creditor, q), payment_to_json(refs));
  };
  return r;
}

}  // namespace

const std::vector<RecordResource>& record_resources() {
  static const std::vector<RecordResource> kResources{customers(), invoices(), credit_notes(), payments()};
  return kResources;
}

}  // namespace kulanz::http
