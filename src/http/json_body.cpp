#include "http/json_body.hpp"

#include <string>

#include "base/text.hpp"
#include "importers/json_record.hpp"

namespace kulanz::http {

std::string media_type(std::string_view content_type) {
  return base::ascii_lower(base::trim(content_type.substr(0, content_type.find(';'))));
}

bool is_json_media_type(std::string_view content_type) {
  const std::string type = media_type(content_type);
  if (type == "application/json") return true;
  constexpr std::string_view kApp = "application/";
  constexpr std::string_view kSuffix = "+json";
  return type.size() > kApp.size() + kSuffix.size() && type.compare(0, kApp.size(), kApp) == 0 &&
         type.compare(type.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0;
}

base::Result<boost::json::object> read_json_object_body(const Request& request, std::size_t max_bytes) {
  std::string content_type = request.header("content-type");
  if (!is_json_media_type(content_type)) {
    return base::fail(base::ErrorCode::unsupported_media_type,
                      content_type.empty() ? std::string("the request has no Content-Type; send the body as application/json")
                                           : "Content-Type is '" + content_type.substr(0, 100) +
                                                 "'; send the body as application/json",
                      "Content-Type");
  }
  if (request.body.size() > max_bytes) {
    return base::fail(base::ErrorCode::body_too_large, "the body has " + std::to_string(request.body.size()) +
                                                           " bytes; the API accepts at most " +
                                                           std::to_string(max_bytes) + " (split the batch)");
  }
  auto parsed = importers::parse_json_exact(request.body, max_bytes);
  if (!parsed) {
    // The parser's detail starts with its own "not valid JSON: "; say it once.
    std::string reason = parsed.error().detail;
    constexpr std::string_view kLead = "not valid JSON: ";
    if (reason.compare(0, kLead.size(), kLead) == 0) reason.erase(0, kLead.size());
    return base::fail(base::ErrorCode::body_invalid_json,
                      "the request body is not valid JSON: " + reason + "; send one JSON object in UTF-8");
  }
  if (!parsed->is_object()) {
    return base::fail(base::ErrorCode::body_invalid_json,
                      std::string("the body is a JSON ") + std::string(json_kind_name(*parsed)) + "; it must be a JSON object");
  }
  return std::move(parsed->as_object());
}

std::string_view json_kind_name(const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::null: return "null";
    case boost::json::kind::bool_: return "boolean";
    case boost::json::kind::int64:
    case boost::json::kind::uint64:
    case boost::json::kind::double_: return "number";
    case boost::json::kind::string: return "string";
    case boost::json::kind::array: return "array";
    case boost::json::kind::object: return "object";
  }
  return "value";
}

}  // namespace kulanz::http
