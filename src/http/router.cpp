#include "http/router.hpp"

#include <spdlog/spdlog.h>

#include <exception>

namespace kulanz::http {
namespace {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') { ++i; continue; }
    auto j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    out.emplace_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Splits the raw (still percent-encoded) path and decodes each segment, so that an
// encoded "/" inside an external id stays inside its segment.
std::vector<std::string> split_raw_path(std::string_view target) {
  auto q = target.find('?');
  auto raw = split_path(target.substr(0, q));
  for (auto& seg : raw) {
    std::string out;
    for (std::size_t i = 0; i < seg.size(); ++i) {
      if (seg[i] == '%' && i + 2 < seg.size() && hex_value(seg[i + 1]) >= 0 && hex_value(seg[i + 2]) >= 0) {
        out.push_back(static_cast<char>(hex_value(seg[i + 1]) * 16 + hex_value(seg[i + 2])));
        i += 2;
      } else {
        out.push_back(seg[i]);
      }
    }
    seg = std::move(out);
  }
  return raw;
}

bool is_param(const std::string& seg) { return seg.size() > 2 && seg.front() == '{' && seg.back() == '}'; }

bool match(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
           std::map<std::string, std::string>* params) {
  if (pattern.size() != path.size()) return false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (is_param(pattern[i])) {
      if (path[i].empty()) return false;
      if (params) (*params)[pattern[i].substr(1, pattern[i].size() - 2)] = path[i];
    } else if (pattern[i] != path[i]) {
      return false;
    }
  }
  return true;
}

// Literal segments beat parameters: "/customers/batch" wins over "/customers/{id}".
int specificity(const std::vector<std::string>& pattern) {
  int s = 0;
  for (const auto& seg : pattern) s = s * 2 + (is_param(seg) ? 0 : 1);
  return s;
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler, bool in_openapi) {
  Route r;
  r.segments = split_path(pattern);
  r.info = RouteInfo{std::move(method), std::move(pattern), in_openapi};
  r.handler = std::move(handler);
  routes_.push_back(std::move(r));
}

Response Router::dispatch(Request& request) const {
  auto path = request.target.empty() ? split_path(request.path) : split_raw_path(request.target);
  const Route* best = nullptr;
  int best_score = -1;
  std::string allow;
  for (const auto& r : routes_) {
    if (!match(r.segments, path, nullptr)) continue;
    bool same_method = r.info.method == request.method || (request.method == "HEAD" && r.info.method == "GET");
    if (!same_method) {
      if (allow.find(r.info.method) == std::string::npos) allow += (allow.empty() ? "" : ", ") + r.info.method;
      continue;
    }
    int score = specificity(r.segments);
    if (score > best_score) { best = &r; best_score = score; }
  }
  if (!best) {
    if (!allow.empty()) {
      auto resp = Response::problem(base::Error(base::ErrorCode::method_not_allowed, request.method + " is not allowed on " + request.path + " (allowed: " + allow + ")"), request.path);
      resp.set_header("Allow", allow);
      return resp;
    }
    return Response::problem(base::Error(base::ErrorCode::route_not_found, "nothing is served at " + request.path), request.path);
  }
  request.path_params.clear();
  match(best->segments, path, &request.path_params);
  try {
    return best->handler(request);
  } catch (const std::exception& e) {
    spdlog::error("{} {}: unhandled exception: {}", request.method, request.path, e.what());
  } catch (...) {
    spdlog::error("{} {}: unhandled non-standard exception", request.method, request.path);
  }
  return Response::problem(base::Error(base::ErrorCode::internal, "the request could not be completed; it has been logged"), request.path);
}

std::vector<RouteInfo> Router::routes() const {
  std::vector<RouteInfo> out;
  out.reserve(routes_.size());
  for (const auto& r : routes_) out.push_back(r.info);
  return out;
}

}  // namespace kulanz::http
