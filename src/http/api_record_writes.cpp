#include "http/api_record_writes.hpp"

#include <algorithm>
#include <string>

#include "http/api_query.hpp"
#include "http/api_response.hpp"
#include "http/json_body.hpp"
#include "importers/json_record.hpp"
#include "services/import_service.hpp"

namespace kulanz::http {
namespace {
namespace json = boost::json;

constexpr std::string_view kBatchItemsKey = "items";

std::string item_location(std::size_t index) { return "items[" + std::to_string(index) + "]"; }

base::Error located(base::Error e, std::string location) {
  e.location = std::move(location);
  return e;
}

bool is_read_only(const RecordResource& resource, std::string_view key) {
  return std::find(resource.read_only_fields.begin(), resource.read_only_fields.end(), key) !=
         resource.read_only_fields.end();
}

// One JSON object of a body as a RawRecord. Members that are neither input fields nor
// documented read-only output members are appended to `errors`, so that a misspelt field
// ("ammount") is reported instead of silently dropped; the record is still returned so
// that its other fields are validated too. Fails only when the object cannot become a
// record at all (a nested object or array as a value).
base::Result<importers::RawRecord> record_from_object(const json::object& object, const RecordResource& resource,
                                                      const std::string& location, std::vector<base::Error>& errors) {
  std::vector<std::string> ignored;
  auto record = importers::raw_record_from_json(object, location, resource.kind, &ignored);
  if (!record) {
    base::Error e = record.error();
    e.code = base::ErrorCode::body_shape_invalid;
    errors.push_back(located(std::move(e), location));
    return base::fail(errors.back());
  }
  for (const auto& key : ignored) {
    if (is_read_only(resource, key)) continue;
    std::string shown = key.substr(0, 60);
    errors.push_back(located(base::Error(base::ErrorCode::body_field_unknown,
                                         "'" + shown + "' is not a field of " + resource.plural +
                                             "; see the " + resource.schema + "Input schema in /api/v1/openapi.json",
                                         shown),
                             location));
  }
  return record;
}

services::ImportOptions import_options(const ApiCall& call, const RecordResource& resource) {
  services::ImportOptions options;
  options.kind = resource.kind;
  options.creditor = call.creditor;
  options.skip_invalid = false;
  options.dry_run = false;
  options.decimal_style = money::DecimalStyle::point;
  return options;
}

// The rejected records of a report as item errors; `index_of` maps a location back to the
// position in the body.
std::vector<ItemError> rejected_items(const services::ImportReport& report,
                                      const std::function<std::optional<std::size_t>(std::string_view)>& index_of) {
  std::vector<ItemError> items;
  for (const auto& rejected : report.rejected) {
    for (const auto& error : rejected.errors) {
      base::Error e = error;
      if (e.location.empty()) e.location = rejected.location;
      items.push_back({index_of(e.location), std::move(e)});
    }
  }
  return items;
}

std::optional<std::size_t> parse_item_index(std::string_view location) {
  constexpr std::string_view kPrefix = "items[";
  if (location.size() <= kPrefix.size() + 1 || location.substr(0, kPrefix.size()) != kPrefix || location.back() != ']') {
    return std::nullopt;
  }
  std::size_t value = 0;
  for (char c : location.substr(kPrefix.size(), location.size() - kPrefix.size() - 1)) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::size_t>(c - '0');
  }
  return value;
}

}  // namespace

Response put_record(ApiCall& call, const RecordResource& resource) {
  const Request& request = call.request;
  const std::string& external_id = request.path_params.at("external_id");
  auto body = read_json_object_body(request, call.options.max_body_bytes);
  if (!body) return error_response(body.error(), request);

  const std::string location = "body";
  std::vector<base::Error> errors;
  auto record = record_from_object(*body, resource, location, errors);
  // Shape problems first, then what validation found; the first one is the headline.
  auto shape_problem = [&](std::vector<ItemError> found) {
    std::vector<ItemError> items;
    for (const auto& e : errors) items.push_back({std::nullopt, e});
    for (auto& item : found) items.push_back(std::move(item));
    return item_errors_response(items.front().error, request, items);
  };
  if (!record) return shape_problem({});
  // The path names the record; a body may repeat the id but must not contradict it.
  if (auto given = record->get("external_id")) {
    if (*given != external_id) {
      base::Error e(base::ErrorCode::external_id_mismatch,
                    "the body has external_id '" + std::string(given->substr(0, 100)) + "' but the path names '" +
                        external_id.substr(0, 100) + "'; drop external_id from the body or use the same value",
                    "external_id");
      return item_errors_response(e, request, {{std::nullopt, located(e, location)}});
    }
  } else {
    record->fields.emplace_back("external_id", external_id);
  }

  services::ImportOptions options = import_options(call, resource);
  options.dry_run = !errors.empty();  // report every problem, write nothing
  auto report = services::import_records(call.store, options, {*record});
  if (!report) return error_response(report.error(), request);
  if (!report->rejected.empty() || !errors.empty()) {
    auto items = rejected_items(*report, [](std::string_view) { return std::optional<std::size_t>{}; });
    if (items.empty() && errors.empty()) {
      items.push_back({std::nullopt, base::Error(base::ErrorCode::batch_invalid, "the record was rejected")});
    }
    return shape_problem(std::move(items));
  }

  auto as_of = query_as_of(request);
  if (!as_of) return error_response(as_of.error(), request);
  ReferenceNames refs(call.store, call.creditor);
  auto stored = resource.find(call, refs, external_id, *as_of);
  if (!stored) return error_response(stored.error(), request);
  if (!*stored) {
    return error_response(base::Error(base::ErrorCode::internal, "the " + resource.noun + " was written but cannot be read back"),
                          request);
  }
  int status = report->inserted > 0 ? 201 : 200;
  Response response = json_response(std::move(**stored), status);
  // The target as sent keeps the external id percent-encoded, as a Location must be.
  if (status == 201) response.set_header("Location", request.target.substr(0, request.target.find('?')));
  const char* outcome = report->inserted > 0 ? "inserted" : report->updated > 0 ? "updated" : "unchanged";
  response.set_header("Kulanz-Outcome", outcome);
  return response;
}

Response batch_records(ApiCall& call, const RecordResource& resource) {
  const Request& request = call.request;
  auto body = read_json_object_body(request, call.options.max_body_bytes);
  if (!body) return error_response(body.error(), request);

  for (const auto& member : *body) {
    if (member.key() != kBatchItemsKey) {
      std::string key(member.key().substr(0, 60));
      return error_response(base::Error(base::ErrorCode::body_field_unknown,
                                        "'" + key + "' is not a member of a batch; send {\"items\": [ ... ]}", key),
                            request);
    }
  }
  const json::value* items_value = body->if_contains(kBatchItemsKey);
  if (!items_value || !items_value->is_array()) {
    std::string found = items_value ? "a JSON " + std::string(json_kind_name(*items_value)) : "nothing";
    return error_response(base::Error(base::ErrorCode::body_shape_invalid,
                                      "'items' must be an array of " + resource.plural + " but is " + found +
                                          "; send {\"items\": [ ... ]}",
                                      "items"),
                          request);
  }
  const json::array& items = items_value->get_array();
  auto max_items = static_cast<std::size_t>(call.options.max_batch_items);
  if (items.size() > max_items) {
    return error_response(base::Error(base::ErrorCode::batch_too_large,
                                      "the batch has " + std::to_string(items.size()) + " items; send at most " +
                                          std::to_string(max_items) + " per request",
                                      "items"),
                          request);
  }

  std::vector<importers::RawRecord> records;
  records.reserve(items.size());
  std::vector<base::Error> shape_errors;
  for (std::size_t i = 0; i < items.size(); ++i) {
    std::string location = item_location(i);
    if (!items[i].is_object()) {
      shape_errors.push_back(located(base::Error(base::ErrorCode::body_shape_invalid,
                                                 location + " is a JSON " + std::string(json_kind_name(items[i])) +
                                                     "; each item must be an object with the " + resource.noun + "'s fields",
                                                 ""),
                                     location));
      continue;
    }
    auto record = record_from_object(items[i].get_object(), resource, location, shape_errors);
    if (record) records.push_back(std::move(*record));
  }

  std::vector<ItemError> item_errors;
  for (auto& e : shape_errors) item_errors.push_back({parse_item_index(e.location), std::move(e)});

  // Validate everything (a dry run when the shape already failed) so that one answer lists
  // every problem of the batch.
  services::ImportOptions options = import_options(call, resource);
  options.dry_run = !item_errors.empty();
  auto report = services::import_records(call.store, options, records);
  if (!report) return error_response(report.error(), request);
  for (auto& item : rejected_items(*report, parse_item_index)) item_errors.push_back(std::move(item));

  if (!item_errors.empty()) {
    std::stable_sort(item_errors.begin(), item_errors.end(), [](const ItemError& a, const ItemError& b) {
      return a.index.value_or(0) < b.index.value_or(0);
    });
    std::size_t bad_items = 0;
    std::optional<std::size_t> last;
    for (const auto& item : item_errors) {
      if (!last || item.index != last) ++bad_items;
      last = item.index;
    }
    base::Error summary(base::ErrorCode::batch_invalid,
                        std::to_string(bad_items) + " of " + std::to_string(items.size()) + " " + resource.plural +
                            " are invalid (see errors); nothing was written. Fix them and send the whole batch again.");
    return item_errors_response(summary, request, item_errors);
  }

  json::object result;
  result["records"] = report->records;
  result["inserted"] = report->inserted;
  result["updated"] = report->updated;
  result["unchanged"] = report->unchanged;
  return json_response(result);
}

}  // namespace kulanz::http
