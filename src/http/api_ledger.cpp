#include "http/api_ledger.hpp"

#include <boost/json.hpp>

#include "domain/ledger.hpp"
#include "http/api_query.hpp"
#include "http/api_response.hpp"
#include "http/json_records.hpp"
#include "ports/ledger_store.hpp"

namespace kulanz::http {
namespace {
namespace json = boost::json;

// The default statement period ends at the as-of date and covers the year before it.
constexpr std::int32_t kDefaultStatementDays = 365;

// The creditor's default currency: used for totals when a customer has no items yet.
base::Result<money::Currency> creditor_currency(ApiCall& call) {
  auto creditor = call.store.find_creditor(std::to_string(call.creditor.value));
  if (!creditor) return base::fail(std::move(creditor).error());
  if (!*creditor) return base::fail(base::ErrorCode::creditor_unknown, "the API key's creditor no longer exists");
  return (*creditor)->currency;
}

// Loads the ledger of the customer named in the path, or answers 404.
struct LoadedLedger {
  std::optional<domain::CustomerLedger> ledger;
  std::optional<Response> failure;
};

LoadedLedger load_ledger(ApiCall& call) {
  const std::string& external_id = call.request.path_params.at("external_id");
  auto customer = call.store.customer_by_external_id(call.creditor, external_id);
  if (!customer) return {std::nullopt, error_response(customer.error(), call.request)};
  if (!*customer) return {std::nullopt, not_found_response("customer", external_id, call.request)};
  auto ledger = call.store.load_customer_ledger(call.creditor, (*customer)->id);
  if (!ledger) return {std::nullopt, error_response(ledger.error(), call.request)};
  return {std::move(*ledger), std::nullopt};
}

Response balance(ApiCall& call) {
  auto as_of = query_as_of(call.request);
  if (!as_of) return error_response(as_of.error(), call.request);
  auto loaded = load_ledger(call);
  if (loaded.failure) return std::move(*loaded.failure);
  auto b = domain::balance(*loaded.ledger, *as_of);
  if (!b) return error_response(b.error(), call.request);
  json::object body = balance_json(*b);
  body["customer_external_id"] = loaded.ledger->customer.external_id;
  body["as_of"] = as_of->iso();
  return json_response(body);
}

Response open_items(ApiCall& call) {
  auto as_of = query_as_of(call.request);
  if (!as_of) return error_response(as_of.error(), call.request);
  auto loaded = load_ledger(call);
  if (loaded.failure) return std::move(*loaded.failure);
  auto items = domain::open_items(*loaded.ledger, *as_of);
  auto currency = items.empty() ? creditor_currency(call) : base::Result<money::Currency>(items.front().amount.currency());
  if (!currency) return error_response(currency.error(), call.request);
  auto aging = domain::aging(items, *currency);
  if (!aging) return error_response(aging.error(), call.request);
  json::array list;
  for (const auto& item : items) list.push_back(open_item_json(item));
  json::object body;
  body["customer_external_id"] = loaded.ledger->customer.external_id;
  body["as_of"] = as_of->iso();
  body["items"] = std::move(list);
  body["aging"] = aging_json(*aging);
  return json_response(body);
}

Response statement(ApiCall& call) {
  auto as_of = query_as_of(call.request);
  if (!as_of) return error_response(as_of.error(), call.request);
  auto to = query_date(call.request, "to");
  if (!to) return error_response(to.error(), call.request);
  auto from = query_date(call.request, "from");
  if (!from) return error_response(from.error(), call.request);
  calendar::Date period_to = to->value_or(*as_of);
  calendar::Date period_from = from->value_or(period_to.add_days(-kDefaultStatementDays));
  if (period_to < period_from) {
    return error_response(base::Error(base::ErrorCode::query_invalid,
                                      "to=" + period_to.iso() + " lies before from=" + period_from.iso() + "; swap them",
                                      "to"),
                          call.request);
  }
  auto loaded = load_ledger(call);
  if (loaded.failure) return std::move(*loaded.failure);
  auto s = domain::statement(*loaded.ledger, period_from, period_to);
  if (!s) return error_response(s.error(), call.request);
  json::object body = statement_json(*s);
  body["customer_external_id"] = loaded.ledger->customer.external_id;
  return json_response(body);
}

Response summary(ApiCall& call) {
  auto as_of = query_as_of(call.request);
  if (!as_of) return error_response(as_of.error(), call.request);
  auto s = call.store.portfolio_summary(call.creditor, *as_of);
  if (!s) return error_response(s.error(), call.request);
  json::object body = summary_json(*s);
  body["as_of"] = as_of->iso();
  return json_response(body);
}

ApiParam as_of_param() {
  return {"as_of", "query", "string", "date", "The date the figures are computed for (default: today, UTC)", {}, false};
}

ApiParam customer_param() {
  return {"external_id", "path", "string", "", "The customer's id in the creditor's own system", {}, true};
}

}  // namespace

std::vector<ApiOperation> ledger_operations(const ApiOptions&) {
  const std::string customer = "/api/v1/customers/{external_id}";
  std::vector<ApiOperation> ops;
  ops.push_back({"GET", customer + "/balance", "get_customer_balance", "Customer ledger", "A customer's balance",
                 "What the customer owes at the as-of date: open items minus unapplied payments and credit notes.",
                 true, {customer_param(), as_of_param()}, "", "Balance", {200}, {400, 401, 404}, balance});
  ops.push_back({"GET", customer + "/open-items", "list_customer_open_items", "Customer ledger", "A customer's open items",
                 "Items with something open, ordered by due date, with days past due, aging bucket and totals.", true,
                 {customer_param(), as_of_param()}, "", "OpenItems", {200}, {400, 401, 404}, open_items});
  ops.push_back({"GET", customer + "/statement", "get_customer_statement", "Customer ledger", "A customer's account statement",
                 "Opening balance, every booking of the period with a running balance, and the closing balance.", true,
                 {customer_param(),
                  {"from", "query", "string", "date", "First day of the period (default: 365 days before to)", {}, false},
                  {"to", "query", "string", "date", "Last day of the period (default: as_of)", {}, false},
                  as_of_param()},
                 "", "Statement", {200}, {400, 401, 404}, statement});
  ops.push_back({"GET", "/api/v1/summary", "get_summary", "Portfolio", "The creditor's portfolio summary",
                 "Number of customers, invoices and open items, open and overdue totals and the aging buckets.", true,
                 {as_of_param()}, "", "Summary", {200}, {400, 401}, summary});
  return ops;
}

}  // namespace kulanz::http
