#include "http/api_records.hpp"

#include <boost/json.hpp>

#include "http/api_query.hpp"
#include "http/api_record_writes.hpp"
#include "http/api_record_reads.hpp"

namespace kulanz::http {
namespace {

ApiParam external_id_param(const RecordResource& r) {
  return {"external_id", "path", "string", "", "The " + r.noun + "'s id in the creditor's own system", {}, true};
}

std::vector<ApiParam> list_params(const RecordResource& r, const ApiOptions& options) {
  std::vector<ApiParam> params{
      {"limit", "query", "integer", "",
       "Items per page, 1 to " + std::to_string(options.max_page_size) + " (default " +
           std::to_string(options.default_page_size) + ")",
       {}, false},
      {"cursor", "query", "string", "", "next_cursor of the previous page; omit for the first page", {}, false},
  };
  if (r.kind != importers::RecordKind::customer) {
    params.push_back({"customer", "query", "string", "", "Only records of the customer with this external id", {}, false});
  }
  if (r.kind == importers::RecordKind::invoice) {
    params.push_back({"status", "query", "string", "", "Only items in this state at the as-of date",
                      {"open", "paid", "overdue", "not_due"}, false});
    params.push_back({"due_from", "query", "string", "date", "Only items due on or after this date", {}, false});
    params.push_back({"due_to", "query", "string", "date", "Only items due on or before this date", {}, false});
    params.push_back({"as_of", "query", "string", "date", "Date for status and days_past_due (default: today, UTC)", {}, false});
  }
  return params;
}

void add_resource_operations(std::vector<ApiOperation>& ops, const RecordResource& r, const ApiOptions& options) {
  const std::string base = "/api/v1/" + r.path;
  const std::string item = base + "/{external_id}";
  std::vector<ApiParam> get_params{external_id_param(r)};
  if (r.kind == importers::RecordKind::invoice) {
    get_params.push_back({"as_of", "query", "string", "date", "Date for status and days_past_due (default: today, UTC)", {}, false});
  }

  ops.push_back({"GET", base, "list_" + r.operation_suffix + "s", r.tag, "List " + r.plural,
                 "Pages through the creditor's " + r.plural + " in a stable order. Follow next_cursor until it is null.",
                 true, list_params(r, options), "", r.schema + "Page", {200}, {400, 401},
                 [r](ApiCall& call) { return list_records(call, r); }});
  ops.push_back({"GET", item, "get_" + r.operation_suffix, r.tag, "Read one " + r.noun, "", true, get_params, "", r.schema,
                 {200}, {401, 404}, [r](ApiCall& call) { return get_record(call, r); }});
  ops.push_back({"PUT", item, "put_" + r.operation_suffix, r.tag, "Create or update one " + r.noun,
                 "Idempotent on the external id in the path: 201 when the " + r.noun +
                     " was created, 200 when it was updated or already equal. Validation is the importer's.",
                 true, {external_id_param(r)}, r.schema + "Input", r.schema, {200, 201}, {400, 401, 413, 415, 422},
                 [r](ApiCall& call) { return put_record(call, r); }});
  ops.push_back({"POST", base + "/batch", "batch_" + r.operation_suffix + "s", r.tag, "Create or update many " + r.plural,
                 "All or nothing: when any item is invalid, nothing is written and the problem lists every invalid "
                 "item as items[i] with field and reason. At most " +
                     std::to_string(options.max_batch_items) + " items.",
                 true, {}, r.schema + "Batch", "BatchResult", {200}, {400, 401, 413, 415, 422},
                 [r](ApiCall& call) { return batch_records(call, r); }});
}

}  // namespace

std::vector<ApiOperation> record_operations(const ApiOptions& options) {
  std::vector<ApiOperation> ops;
  for (const auto& r : record_resources()) add_resource_operations(ops, r, options);
  return ops;
}

}  // namespace kulanz::http
