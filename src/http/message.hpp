#pragma once
// HTTP messages as plain values, so that handlers and pages compile and test without
// Boost.Beast (which only server.cpp includes).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/error.hpp"

namespace kulanz::ports { class LedgerStore; }

namespace kulanz::http {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // raw request target, "/api/v1/invoices?status=open"
  std::string path;    // percent-decoded path without query, "/api/v1/invoices"
  std::multimap<std::string, std::string> query;    // decoded query parameters
  std::map<std::string, std::string> headers;       // names lower-cased
  std::map<std::string, std::string> path_params;   // from the route pattern ("{external_id}")
  std::string body;
  std::string remote_address;
  bool secure = false;  // request arrived over TLS / trusted proxy said https
  // The database session of the thread serving this request (set by the server).
  ports::LedgerStore* store = nullptr;
  std::int64_t now_unix = 0;  // request time, from the server's clock

  std::string header(std::string_view lower_name) const;
  std::optional<std::string> query_param(std::string_view name) const;
  std::optional<std::string> cookie(std::string_view name) const;
  // The form's fields, decoded: an application/x-www-form-urlencoded body, or the plain
  // fields of a multipart/form-data one (empty when that is malformed).
  std::multimap<std::string, std::string> form() const;
  bool is_multipart() const;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  Response& set_header(std::string name, std::string value);  // replaces a header of that name
  Response& add_header(std::string name, std::string value);  // adds another (e.g. Set-Cookie)
  std::string header(std::string_view name) const;

  static Response text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
  static Response html(std::string body, int status = 200);
  static Response json(std::string body, int status = 200);
  static Response redirect(std::string location, int status = 303);
  // RFC 9457 problem details: type, title, status, detail, instance, code (the registry
  // number), plus "errors" for per-item failures when given.
  static Response problem(const base::Error& e, std::string_view instance);
  static Response problem(const base::Error& e, std::string_view instance, const std::vector<base::Error>& item_errors);
};

}  // namespace kulanz::http
