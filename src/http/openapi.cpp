#include "http/openapi.hpp"

#include <boost/json.hpp>

#include "base/error_codes.hpp"
#include "base/text.hpp"
#include "http/api.hpp"

namespace kulanz::http {
namespace {
namespace json = boost::json;

std::string status_description(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 400: return "Invalid request: malformed JSON (with its position), an invalid query parameter or cursor";
    case 401: return "Missing, unknown or revoked API key";
    case 404: return "No such record for this API key's creditor";
    case 413: return "Request body or batch too large";
    case 415: return "Content-Type is not application/json";
    case 422: return "The record is invalid (errors lists each item's field, code and detail); nothing was written";
    default: return "Error";
  }
}

json::object problem_content() {
  return json::object{{"application/problem+json",
                       json::object{{"schema", json::object{{"$ref", "#/components/schemas/Problem"}}}}}};
}

json::object problem_response(int status) {
  json::object r;
  r["description"] = status_description(status);
  r["content"] = problem_content();
  if (status == 401) {
    r["headers"] = json::object{{"WWW-Authenticate", json::object{{"description", "Bearer challenge (RFC 6750)"},
                                                                   {"schema", json::object{{"type", "string"}}}}}};
  }
  return r;
}

json::object parameter(const ApiParam& p, const ApiOptions& options) {
  json::object schema;
  schema["type"] = p.type;
  if (!p.format.empty()) schema["format"] = p.format;
  if (!p.choices.empty()) {
    json::array values;
    for (const auto& c : p.choices) values.push_back(json::string(c));
    schema["enum"] = std::move(values);
  }
  if (p.name == "limit") {
    schema["minimum"] = 1;
    schema["maximum"] = options.max_page_size;
    schema["default"] = options.default_page_size;
  }
  json::object o;
  o["name"] = p.name;
  o["in"] = p.in;
  o["required"] = p.in == "path" ? true : p.required;
  if (!p.description.empty()) o["description"] = p.description;
  o["schema"] = std::move(schema);
  return o;
}

json::object string_header(std::string description) {
  return json::object{{"description", std::move(description)}, {"schema", json::object{{"type", "string"}}}};
}

// Headers of successful answers: the outcome of a PUT and the link to a list's next page.
json::object success_headers(const ApiOperation& op, int status) {
  json::object headers;
  if (op.method == "PUT") {
    json::object outcome = string_header("What the request did to the stored record");
    outcome["schema"].as_object()["enum"] = json::array{"inserted", "updated", "unchanged"};
    headers["Kulanz-Outcome"] = std::move(outcome);
    if (status == 201) headers["Location"] = string_header("Path of the created record");
  }
  constexpr std::string_view kPage = "Page";
  if (op.response_schema.size() > kPage.size() &&
      op.response_schema.compare(op.response_schema.size() - kPage.size(), kPage.size(), kPage) == 0) {
    headers["Link"] = string_header("<next page>; rel=\"next\" while there is a next page (RFC 8288)");
  }
  return headers;
}

// The content of a body: a JSON schema component, or raw bytes of one media type for a
// schema named "binary:<media type>" (invoice copies, documents).
json::object body_content(const std::string& schema) {
  constexpr std::string_view kBinary = "binary:";
  if (schema.rfind(kBinary, 0) == 0) {
    return json::object{{schema.substr(kBinary.size()),
                         json::object{{"schema", json::object{{"type", "string"}, {"format", "binary"}}}}}};
  }
  return json::object{{"application/json", json::object{{"schema", json::object{{"$ref", "#/components/schemas/" + schema}}}}}};
}

json::object operation(const ApiOperation& op, const ApiOptions& options) {
  json::object o;
  o["operationId"] = op.operation_id;
  o["tags"] = json::array{json::string(op.tag)};
  o["summary"] = op.summary;
  if (!op.description.empty()) o["description"] = op.description;
  if (!op.parameters.empty()) {
    json::array params;
    for (const auto& p : op.parameters) params.push_back(parameter(p, options));
    o["parameters"] = std::move(params);
  }
  if (!op.request_schema.empty()) {
    o["requestBody"] = json::object{{"required", true}, {"content", body_content(op.request_schema)}};
  }

  json::object responses;
  for (int status : op.success_statuses) {
    json::object r;
    r["description"] = status_description(status);
    if (status == 204) {
      // no content
    } else if (!op.response_schema.empty()) {
      r["content"] = body_content(op.response_schema);
    } else {
      r["content"] = json::object{{"application/json", json::object{{"schema", json::object{{"type", "object"}}}}}};
    }
    json::object headers = success_headers(op, status);
    if (!headers.empty()) r["headers"] = std::move(headers);
    responses[std::to_string(status)] = std::move(r);
  }
  for (int status : op.problem_statuses) responses[std::to_string(status)] = problem_response(status);
  responses["default"] = json::object{{"description", "Any other error (for example 503 when the database is unreachable)"},
                                      {"content", problem_content()}};
  o["responses"] = std::move(responses);
  if (!op.authenticated) o["security"] = json::array{};
  return o;
}

std::string error_code_table() {
  std::string text = "\n\nError codes (the `code` of a problem):\n\n| code | HTTP | meaning |\n|---|---|---|\n";
  for (const auto* e = base::error_registry_begin(); e != base::error_registry_end(); ++e) {
    text += "| " + std::to_string(static_cast<int>(e->code)) + " | " + std::to_string(e->http_status) + " | " + e->message + " |\n";
  }
  return text;
}

}  // namespace

json::object openapi_document(const std::vector<ApiOperation>& operations, const ApiOptions& options) {
  json::object doc;
  doc["openapi"] = "3.1.0";
  doc["info"] = json::object{
      {"title", "kulanz REST API"},
      {"version", "1.0.0"},
      {"summary", "Receivables of one creditor: customers, invoices, credit notes, payments and their ledger"},
      {"description",
       "Every request except this document needs an API key of a creditor (`kulanz apikey create --creditor CODE`) as "
       "`Authorization: Bearer kz_...`; a key sees only its creditor's data. Records are addressed by their external id "
       "(the id in the creditor's own system). Amounts are exact: decimal strings in major units (\"1234.50\") plus the "
       "same amount as integer minor units in `<name>_minor`; request bodies may give amounts as decimal strings or JSON "
       "numbers, which are read from their exact text. Dates are YYYY-MM-DD. Lists use cursor pagination (`limit`, "
       "`cursor`, `next_cursor`). Errors are RFC 9457 problem details (application/problem+json) with a numbered `code`." +
           error_code_table()},
      {"license", json::object{{"name", "Apache License 2.0"}, {"identifier", "Apache-2.0"}}},
  };
  doc["servers"] = json::array{json::object{{"url", "/"}, {"description", "The kulanz server this document was fetched from"}}};
  doc["security"] = json::array{json::object{{"bearerAuth", json::array{}}}};

  json::array tags;
  json::object paths;
  for (const auto& op : operations) {
    bool known_tag = false;
    for (const auto& t : tags) known_tag = known_tag || t.as_object().at("name") == op.tag.c_str();
    if (!known_tag) tags.push_back(json::object{{"name", op.tag}});
    json::value& path = paths[op.pattern];
    if (!path.is_object()) path.emplace_object();
    path.as_object()[base::ascii_lower(op.method)] = operation(op, options);
  }
  doc["tags"] = std::move(tags);
  doc["paths"] = std::move(paths);
  doc["components"] = json::object{
      {"securitySchemes",
       json::object{{"bearerAuth", json::object{{"type", "http"},
                                                {"scheme", "bearer"},
                                                {"bearerFormat", "kz_<8 hex digits>_<secret>"},
                                                {"description", "A creditor's API key, created with `kulanz apikey create`"}}}}},
      {"schemas", openapi_schemas()},
  };
  return doc;
}

std::string openapi_json(const ApiOptions& options) {
  return json::serialize(openapi_document(api_operations(options), options));
}

}  // namespace kulanz::http
