// The OpenAPI description against the router: every API route is documented with the
// same method, every documented operation is routed, and the document is self-consistent.
#include <gtest/gtest.h>

#include <functional>
#include <set>

#include <boost/json.hpp>

#include "http/api.hpp"
#include "http/openapi.hpp"
#include "http/router.hpp"

namespace kulanz::testing {
namespace {
namespace json = boost::json;

// The document as GET /api/v1/openapi.json serves it, taken through the router.
json::object served_document(const http::Router& router) {
  http::Request request;
  request.method = "GET";
  request.target = "/api/v1/openapi.json";
  request.path = "/api/v1/openapi.json";
  auto response = router.dispatch(request);
  EXPECT_EQ(response.status, 200) << response.body.substr(0, 300);
  EXPECT_EQ(response.header("Content-Type"), "application/json");
  return json::parse(response.body).as_object();
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

const std::set<std::string> kMethods{"get", "put", "post", "delete", "patch", "head", "options", "trace"};

TEST(OpenApiRoutes, EveryRouteIsDocumentedAndEveryDocumentedOperationIsRouted) {
  http::Router router;
  http::register_api_routes(router, http::ApiOptions{});
  auto doc = served_document(router);
  const auto& paths = doc.at("paths").as_object();

  std::set<std::pair<std::string, std::string>> routed;
  for (const auto& route : router.routes()) {
    if (!route.in_openapi) continue;
    routed.emplace(route.pattern, lower(route.method));
    const auto* path = paths.if_contains(route.pattern);
    ASSERT_NE(path, nullptr) << route.pattern << " is routed but not in the OpenAPI paths";
    EXPECT_TRUE(path->as_object().contains(lower(route.method)))
        << route.method << " " << route.pattern << " is routed but not documented";
  }
  EXPECT_GE(routed.size(), 21u);

  std::size_t documented = 0;
  for (const auto& [pattern, item] : paths) {
    for (const auto& [method, operation] : item.as_object()) {
      if (!kMethods.count(std::string(method))) continue;
      ++documented;
      EXPECT_TRUE(routed.count({std::string(pattern), std::string(method)}))
          << method << " " << pattern << " is documented but no route serves it";
    }
  }
  EXPECT_EQ(documented, routed.size());
}

TEST(OpenApiRoutes, ExpectedOperationsExist) {
  http::Router router;
  http::register_api_routes(router, http::ApiOptions{});
  std::set<std::string> routes;
  for (const auto& r : router.routes()) routes.insert(r.method + " " + r.pattern);
  for (const std::string resource : {"customers", "invoices", "credit-notes", "payments"}) {
    EXPECT_TRUE(routes.count("GET /api/v1/" + resource)) << resource;
    EXPECT_TRUE(routes.count("GET /api/v1/" + resource + "/{external_id}")) << resource;
    EXPECT_TRUE(routes.count("PUT /api/v1/" + resource + "/{external_id}")) << resource;
    EXPECT_TRUE(routes.count("POST /api/v1/" + resource + "/batch")) << resource;
  }
  for (const std::string view : {"balance", "open-items", "statement"}) {
    EXPECT_TRUE(routes.count("GET /api/v1/customers/{external_id}/" + view)) << view;
  }
  EXPECT_TRUE(routes.count("GET /api/v1/summary"));
  EXPECT_TRUE(routes.count("GET /api/v1/openapi.json"));
}

// Calls fn for every {"$ref": ...} in the document.
void each_ref(const json::value& v, const std::function<void(const std::string&)>& fn) {
  if (const auto* o = v.if_object()) {
    for (const auto& [key, member] : *o) {
      if (key == "$ref" && member.is_string()) fn(std::string(member.as_string()));
      each_ref(member, fn);
    }
  } else if (const auto* a = v.if_array()) {
    for (const auto& member : *a) each_ref(member, fn);
  }
}

TEST(OpenApiRoutes, DocumentIsSelfConsistent) {
  http::Router router;
  http::register_api_routes(router, http::ApiOptions{});
  auto doc = served_document(router);
  EXPECT_EQ(doc.at("openapi"), "3.1.0");
  EXPECT_EQ(json::serialize(doc), http::openapi_json(http::ApiOptions{})) << "served and built documents differ";
  const auto& schemas = doc.at("components").as_object().at("schemas").as_object();
  EXPECT_TRUE(doc.at("components").as_object().at("securitySchemes").as_object().contains("bearerAuth"));

  std::size_t refs = 0;
  each_ref(doc, [&](const std::string& ref) {
    ++refs;
    const std::string prefix = "#/components/schemas/";
    ASSERT_EQ(ref.rfind(prefix, 0), 0u) << ref;
    EXPECT_TRUE(schemas.contains(ref.substr(prefix.size()))) << "dangling " << ref;
  });
  EXPECT_GT(refs, 50u);

  std::set<std::string> operation_ids;
  for (const auto& [pattern, item] : doc.at("paths").as_object()) {
    std::string p(pattern);
    for (const auto& [method, op_value] : item.as_object()) {
      const auto& op = op_value.as_object();
      std::string id(op.at("operationId").as_string());
      EXPECT_TRUE(operation_ids.insert(id).second) << "duplicate operationId " << id;
      EXPECT_FALSE(op.at("responses").as_object().empty());
      // Every {name} in the path is a declared, required path parameter, and vice versa.
      std::set<std::string> in_template;
      for (std::size_t i = p.find('{'); i != std::string::npos; i = p.find('{', i + 1)) {
        in_template.insert(p.substr(i + 1, p.find('}', i) - i - 1));
      }
      std::set<std::string> declared;
      if (const auto* params = op.if_contains("parameters")) {
        for (const auto& param : params->as_array()) {
          if (param.at("in") == "path") {
            declared.insert(std::string(param.at("name").as_string()));
            EXPECT_TRUE(param.at("required").as_bool());
          }
        }
      }
      EXPECT_EQ(in_template, declared) << method << " " << p;
      bool open = op.contains("security") && op.at("security").as_array().empty();
      // Without an API key: the document itself, the SMS gateway's reports and the payment
      // provider's events (both signed instead).
      EXPECT_EQ(open, p == "/api/v1/openapi.json" || p == "/api/v1/sms/status" || p == "/api/v1/payments/events")
          << method << " " << p;
      if (!open) {
        EXPECT_TRUE(op.at("responses").as_object().contains("401")) << method << " " << p;
      }
    }
  }
}

TEST(OpenApiRoutes, InputSchemasListTheImportersFields) {
  auto doc = json::parse(http::openapi_json(http::ApiOptions{})).as_object();
  const auto& schemas = doc.at("components").as_object().at("schemas").as_object();
  const auto& invoice = schemas.at("InvoiceInput").as_object();
  const auto& props = invoice.at("properties").as_object();
  for (const char* field : {"customer_external_id", "number", "issue_date", "due_date", "amount", "currency",
                            "skonto_percent", "skonto_days"}) {
    EXPECT_TRUE(props.contains(field)) << field;
  }
  EXPECT_EQ(invoice.at("additionalProperties"), false);
  std::set<std::string> required;
  for (const auto& r : invoice.at("required").as_array()) required.insert(std::string(r.as_string()));
  EXPECT_EQ(required, (std::set<std::string>{"customer_external_id", "issue_date", "due_date", "amount"}));
}

}  // namespace
}  // namespace kulanz::testing
