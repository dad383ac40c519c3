#pragma once
// Method + path-pattern routing. Patterns are literal segments and "{name}" segments
// ("/api/v1/customers/{external_id}/balance"). The router is also the source of truth for
// the test that checks every route is in the OpenAPI description.
#include <functional>
#include <string>
#include <vector>

#include "http/message.hpp"

namespace kulanz::http {

using Handler = std::function<Response(Request&)>;

struct RouteInfo {
  std::string method;
  std::string pattern;
  bool in_openapi = true;  // false for web pages, static files, health
};

class Router {
 public:
  void add(std::string method, std::string pattern, Handler handler, bool in_openapi = true);
  // 404 problem for unknown paths, 405 (with Allow) for known paths with another method.
  // A handler that throws yields a 500 problem (logged), never a crash.
  Response dispatch(Request& request) const;
  std::vector<RouteInfo> routes() const;

 private:
  struct Route {
    RouteInfo info;
    std::vector<std::string> segments;
    Handler handler;
  };
  std::vector<Route> routes_;
};

}  // namespace kulanz::http
