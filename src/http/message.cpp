#include "http/message.hpp"

#include <boost/json.hpp>

#include "base/text.hpp"
#include "http/multipart.hpp"

namespace kulanz::http {

std::string Request::header(std::string_view lower_name) const {
  auto it = headers.find(std::string(lower_name));
  return it == headers.end() ? std::string() : it->second;
}

std::optional<std::string> Request::query_param(std::string_view name) const {
  auto it = query.find(std::string(name));
  if (it == query.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> Request::cookie(std::string_view name) const {
  std::string all = header("cookie");
  std::string_view rest = all;
  while (!rest.empty()) {
    auto semi = rest.find(';');
    std::string_view part = base::trim(rest.substr(0, semi));
    rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
    auto eq = part.find('=');
    if (eq == std::string_view::npos) continue;
    if (base::trim(part.substr(0, eq)) == name) {
      std::string_view v = base::trim(part.substr(eq + 1));
      if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
      return std::string(v);
    }
  }
  return std::nullopt;
}

namespace {
int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// application/x-www-form-urlencoded: '+' is a space, %XX a byte; malformed escapes are
// kept literally (the handler validates the values).
std::string form_decode(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '+') {
      out.push_back(' ');
    } else if (c == '%' && i + 2 < in.size() && hex_digit(in[i + 1]) >= 0 && hex_digit(in[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_digit(in[i + 1]) * 16 + hex_digit(in[i + 2])));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}
}  // namespace

bool Request::is_multipart() const { return !multipart_boundary(header("content-type")).empty(); }

std::multimap<std::string, std::string> Request::form() const {
  std::multimap<std::string, std::string> out;
  if (const std::string boundary = multipart_boundary(header("content-type")); !boundary.empty()) {
    auto parts = parse_multipart(body, boundary);
    if (!parts) return out;
    for (auto& p : *parts) {
      if (!p.is_file) out.emplace(std::move(p.name), std::move(p.data));
    }
    return out;
  }
  std::string_view rest = body;
  while (!rest.empty()) {
    auto amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    if (eq == std::string_view::npos) {
      out.emplace(form_decode(pair), std::string());
    } else {
      out.emplace(form_decode(pair.substr(0, eq)), form_decode(pair.substr(eq + 1)));
    }
  }
  return out;
}

Response& Response::set_header(std::string name, std::string value) {
  for (auto& h : headers) {
    if (base::iequals_ascii(h.first, name)) {
      h.second = std::move(value);
      return *this;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

Response& Response::add_header(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

std::string Response::header(std::string_view name) const {
  for (const auto& h : headers) if (base::iequals_ascii(h.first, name)) return h.second;
  return {};
}

Response Response::text(int status, std::string body, std::string content_type) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.set_header("Content-Type", std::move(content_type));
  return r;
}

Response Response::html(std::string body, int status) { return text(status, std::move(body), "text/html; charset=utf-8"); }

Response Response::json(std::string body, int status) { return text(status, std::move(body), "application/json"); }

Response Response::redirect(std::string location, int status) {
  Response r;
  r.status = status;
  r.set_header("Location", std::move(location));
  return r;
}

namespace {
boost::json::object problem_object(const base::Error& e, std::string_view instance) {
  boost::json::object o;
  o["type"] = "urn:kulanz:error:E" + std::to_string(e.number());
  o["title"] = e.info().message;
  o["status"] = e.http_status();
  o["detail"] = e.detail.empty() ? std::string(e.info().message) : e.detail;
  o["instance"] = instance;
  o["code"] = e.number();
  if (!e.field.empty()) o["field"] = e.field;
  return o;
}
}  // namespace

Response Response::problem(const base::Error& e, std::string_view instance) {
  return problem(e, instance, {});
}

Response Response::problem(const base::Error& e, std::string_view instance, const std::vector<base::Error>& item_errors) {
  auto o = problem_object(e, instance);
  if (!item_errors.empty()) {
    boost::json::array arr;
    for (const auto& ie : item_errors) {
      boost::json::object item;
      item["location"] = ie.location;
      item["field"] = ie.field;
      item["code"] = ie.number();
      item["detail"] = ie.detail.empty() ? std::string(ie.info().message) : ie.detail;
      arr.push_back(std::move(item));
    }
    o["errors"] = std::move(arr);
  }
  return text(e.http_status(), boost::json::serialize(o), "application/problem+json");
}

}  // namespace kulanz::http
