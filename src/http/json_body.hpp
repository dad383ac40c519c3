#pragma once
// Reading JSON request bodies defensively: content type, size and nesting depth are
// checked before anything else looks at the data; every failure is a 4xx Error.
#include <cstddef>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "base/result.hpp"
#include "http/message.hpp"

namespace kulanz::http {


// The media type of a Content-Type header: lower case, without parameters ("; charset=...").
std::string media_type(std::string_view content_type);
// True for application/json and application/<something>+json, parameters ignored.
bool is_json_media_type(std::string_view content_type);

// The request body as a JSON object, or unsupported_media_type / body_too_large /
// body_invalid_json (also when the top level is not an object or nests too deeply).
// Numbers are kept as strings of their exact text (see importers::parse_json_exact), so
// amounts never pass through floating point.
base::Result<boost::json::object> read_json_object_body(const Request& request, std::size_t max_bytes);

// Name of a JSON value's type as the API documents it ("string", "object", ...).
std::string_view json_kind_name(const boost::json::value& v);

}  // namespace kulanz::http
