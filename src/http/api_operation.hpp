#pragma once
// One API operation: how it is routed, what it accepts and returns (for the OpenAPI
// description and for query validation) and its handler. The same table drives the
// router and the document, so they cannot drift apart.
#include <functional>
#include <string>
#include <vector>

#include "domain/ids.hpp"
#include "http/api.hpp"
#include "http/message.hpp"

namespace kulanz::ports { class LedgerStore; }

namespace kulanz::http {

struct ApiParam {
  std::string name;
  std::string in = "query";  // "path" or "query"
  std::string type = "string";  // JSON Schema type
  std::string format;           // "date", ...
  std::string description;
  std::vector<std::string> choices;  // enum values when fixed
  bool required = false;
};

// An authenticated request being served: the creditor is the key's and the only one visible.
struct ApiCall {
  Request& request;
  ports::LedgerStore& store;
  domain::CreditorId creditor;
  const ApiOptions& options;
};

using ApiHandler = std::function<Response(ApiCall&)>;

struct ApiOperation {
  std::string method;
  std::string pattern;
  std::string operation_id;
  std::string tag;
  std::string summary;
  std::string description;
  bool authenticated = true;
  std::vector<ApiParam> parameters;  // path and query parameters
  std::string request_schema;        // component name of the JSON body, empty for none
  std::string response_schema;       // component name of the success body
  std::vector<int> success_statuses{200};
  std::vector<int> problem_statuses;  // documented 4xx/5xx answers besides the default
  ApiHandler handler;
};

std::vector<std::string> query_parameter_names(const ApiOperation& op);

// Every operation of the REST API, in documentation order (api.cpp). The handler of
// GET /api/v1/openapi.json is filled in by register_api_routes.
std::vector<ApiOperation> api_operations(const ApiOptions& options);

}  // namespace kulanz::http
