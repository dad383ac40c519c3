#include "http/api_record_reads.hpp"

#include <boost/url/url.hpp>

#include "http/api_query.hpp"
#include "http/api_response.hpp"

namespace kulanz::http {
namespace json = boost::json;

Response get_record(ApiCall& call, const RecordResource& resource) {
  auto as_of = query_as_of(call.request);
  if (!as_of) return error_response(as_of.error(), call.request);
  const std::string& external_id = call.request.path_params.at("external_id");
  ReferenceNames refs(call.store, call.creditor);
  auto found = resource.find(call, refs, external_id, *as_of);
  if (!found) return error_response(found.error(), call.request);
  if (!*found) return not_found_response(resource.noun, external_id, call.request);
  return json_response(std::move(**found));
}

namespace {

base::Result<ports::ListQuery> read_list_query(const ApiCall& call) {
  const Request& req = call.request;
  ports::ListQuery q;
  auto limit = query_int(req, "limit", 1, call.options.max_page_size, call.options.default_page_size);
  if (!limit) return base::fail(std::move(limit).error());
  q.limit = *limit;
  if (auto cursor = req.query_param("cursor")) {
    auto decoded = decode_cursor(*cursor);
    if (!decoded) return base::fail(std::move(decoded).error());
    q.cursor = std::move(*decoded);
  }
  auto customer = query_text(req, "customer", 200);
  if (!customer) return base::fail(std::move(customer).error());
  q.customer_external_id = std::move(*customer);
  auto status = query_choice(req, "status", {"open", "paid", "overdue", "not_due"});
  if (!status) return base::fail(std::move(status).error());
  q.status = std::move(*status);
  auto due_from = query_date(req, "due_from");
  if (!due_from) return base::fail(std::move(due_from).error());
  auto due_to = query_date(req, "due_to");
  if (!due_to) return base::fail(std::move(due_to).error());
  if (*due_from && *due_to && **due_to < **due_from) {
    return base::fail(base::ErrorCode::query_invalid, "due_to lies before due_from; swap them", "due_to");
  }
  q.due_from = *due_from;
  q.due_to = *due_to;
  auto as_of = query_as_of(req);
  if (!as_of) return base::fail(std::move(as_of).error());
  q.as_of = *as_of;
  return q;
}

// The same request target with `cursor` replaced: the link to the next page.
std::string next_page_target(const Request& request, std::string_view cursor) {
  boost::urls::url target;
  target.set_path(request.path);
  for (const auto& [name, value] : request.query) {
    if (name != "cursor") target.params().append({name, value});
  }
  target.params().append({"cursor", cursor});
  return std::string(target.buffer());
}

}  // namespace

Response list_records(ApiCall& call, const RecordResource& resource) {
  auto query = read_list_query(call);
  if (!query) return error_response(query.error(), call.request);
  ReferenceNames refs(call.store, call.creditor);
  auto page = resource.list(call, refs, *query);
  if (!page) {
    base::Error error = page.error();
    // A cursor that decodes but that the store rejects was not issued for this list.
    if (!query->cursor.empty() && (error.code == base::ErrorCode::invalid_argument || error.field == "cursor")) {
      error = base::Error(base::ErrorCode::cursor_invalid, "the cursor does not belong to this list; omit it to start over", "cursor");
    }
    return error_response(error, call.request);
  }
  json::object body;
  body["items"] = std::move(page->items);
  if (page->next_cursor.empty()) {
    body["next_cursor"] = nullptr;
    body["next"] = nullptr;
    return json_response(body);
  }
  std::string cursor = encode_cursor(page->next_cursor);
  std::string next = next_page_target(call.request, cursor);
  body["next_cursor"] = cursor;
  body["next"] = next;
  Response response = json_response(body);
  response.set_header("Link", "<" + next + ">; rel=\"next\"");
  return response;
}

}  // namespace kulanz::http
