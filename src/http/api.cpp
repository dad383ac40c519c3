#include "http/api.hpp"

#include <memory>

#include <boost/json/serialize.hpp>

#include "http/api_auth.hpp"
#include "http/api_comms.hpp"
#include "http/api_dispatch.hpp"
#include "http/api_engine.hpp"
#include "http/api_ledger.hpp"
#include "http/api_operation.hpp"
#include "http/api_query.hpp"
#include "http/api_records.hpp"
#include "http/api_response.hpp"
#include "http/openapi.hpp"

namespace kulanz::http {

std::vector<std::string> query_parameter_names(const ApiOperation& op) {
  std::vector<std::string> names;
  for (const auto& p : op.parameters) {
    if (p.in == "query") names.push_back(p.name);
  }
  return names;
}

std::vector<ApiOperation> api_operations(const ApiOptions& options) {
  std::vector<ApiOperation> ops = record_operations(options);
  for (auto& op : ledger_operations(options)) ops.push_back(std::move(op));
  for (auto& op : engine_operations(options)) ops.push_back(std::move(op));
  for (auto& op : comms_operations(options)) ops.push_back(std::move(op));
  for (auto& op : dispatch_operations(options)) ops.push_back(std::move(op));
  // The document describes all operations including itself; it is built from the list
  // without it and then served by this one.
  ApiOperation doc{"GET", "/api/v1/openapi.json", "get_openapi", "Meta", "This OpenAPI 3.1 description",
                   "Served without authentication.", false, {}, "", "", {200}, {}, nullptr};
  ops.push_back(std::move(doc));
  return ops;
}

namespace {

// Authentication, then the query parameter names, then the operation's own handler.
// Every operation wrapped here needs a key; the server always sets Request::store.
Handler wrap(ApiOperation op, std::shared_ptr<const ApiOptions> shared_options) {
  auto allowed = query_parameter_names(op);
  return [op = std::move(op), allowed = std::move(allowed), shared_options](Request& request) -> Response {
    const ApiOptions& options = *shared_options;
    if (!op.authenticated) {
      // Called by others with their own proof (the SMS gateway's signed reports).
      if (auto st = check_query_names(request, allowed); !st) return error_response(st.error(), request);
      ApiCall call{request, *request.store, domain::CreditorId(0), options};
      Response response = op.handler(call);
      response.set_header("Cache-Control", "no-store");
      return response;
    }
    auto creditor = authenticate_api_key(request);
    if (!creditor) {
      if (creditor.error().code == base::ErrorCode::unauthorized) return unauthorized_problem(creditor.error(), request);
      return error_response(creditor.error(), request);
    }
    if (auto st = check_query_names(request, allowed); !st) return error_response(st.error(), request);
    ApiCall call{request, *request.store, *creditor, options};
    Response response = op.handler(call);
    response.set_header("Cache-Control", "no-store");
    return response;
  };
}

}  // namespace

void register_api_routes(Router& router, const ApiOptions& options) {
  // Every handler shares one copy of the options, so they live as long as the router.
  auto shared_options = std::make_shared<const ApiOptions>(options);
  const ApiOptions& opts = *shared_options;

  auto ops = api_operations(opts);
  auto document = std::make_shared<const std::string>(boost::json::serialize(openapi_document(ops, opts)));
  for (auto& op : ops) {
    if (!op.handler) {
      // The description itself: no authentication and no database.
      auto allowed = query_parameter_names(op);
      router.add(op.method, op.pattern, [document, allowed](Request& request) {
        if (auto st = check_query_names(request, allowed); !st) return error_response(st.error(), request);
        Response r = Response::text(200, *document, "application/json");
        r.set_header("Cache-Control", "public, max-age=300");
        r.set_header("Access-Control-Allow-Origin", "*");
        return r;
      });
      continue;
    }
    std::string method = op.method;
    std::string pattern = op.pattern;
    router.add(std::move(method), std::move(pattern), wrap(std::move(op), shared_options), true);
  }
}

}  // namespace kulanz::http
