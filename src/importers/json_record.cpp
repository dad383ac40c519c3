#include "importers/json_record.hpp"

#include <algorithm>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_stack.hpp>

#include "importers/fields.hpp"

namespace kulanz::importers {
namespace {

namespace json = boost::json;

// A basic_parser handler that builds a json::value like json::parser does, except that
// numbers are stored as strings of their source text.
class ExactHandler {
 public:
  static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);

  json::value_stack stack;
  std::string number;

  bool on_document_begin(json::error_code&) { return true; }
  bool on_document_end(json::error_code&) { return true; }
  bool on_array_begin(json::error_code&) { return true; }
  bool on_array_end(std::size_t n, json::error_code&) { stack.push_array(n); return true; }
  bool on_object_begin(json::error_code&) { return true; }
  bool on_object_end(std::size_t n, json::error_code&) { stack.push_object(n); return true; }
  bool on_string_part(json::string_view s, std::size_t, json::error_code&) { stack.push_chars(s); return true; }
  bool on_string(json::string_view s, std::size_t, json::error_code&) { stack.push_string(s); return true; }
  bool on_key_part(json::string_view s, std::size_t, json::error_code&) { stack.push_chars(s); return true; }
  bool on_key(json::string_view s, std::size_t, json::error_code&) { stack.push_key(s); return true; }
  bool on_number_part(json::string_view s, json::error_code&) { number.append(s.data(), s.size()); return true; }
  bool on_int64(std::int64_t, json::string_view s, json::error_code&) { return finish_number(s); }
  bool on_uint64(std::uint64_t, json::string_view s, json::error_code&) { return finish_number(s); }
  bool on_double(double, json::string_view s, json::error_code&) { return finish_number(s); }
  bool on_bool(bool b, json::error_code&) { stack.push_bool(b); return true; }
  bool on_null(json::error_code&) { stack.push_null(); return true; }
  bool on_comment_part(json::string_view, json::error_code&) { return true; }
  bool on_comment(json::string_view, json::error_code&) { return true; }

 private:
  bool finish_number(json::string_view last_part) {
    number.append(last_part.data(), last_part.size());
    stack.push_string(number);
    number.clear();
    return true;
  }
};

std::string scalar_text(const json::value& v) {
  switch (v.kind()) {
    case json::kind::string: return std::string(v.get_string());
    case json::kind::int64: return std::to_string(v.get_int64());
    case json::kind::uint64: return std::to_string(v.get_uint64());
    case json::kind::double_: return json::serialize(v);
    case json::kind::bool_: return v.get_bool() ? "true" : "false";
    default: return {};
  }
}

}  // namespace

base::Result<json::value> parse_json_exact(std::string_view text, std::size_t max_bytes) {
  if (text.size() > max_bytes) {
    return base::fail(base::ErrorCode::import_json_invalid,
                      "the JSON text is " + std::to_string(text.size()) + " bytes; at most " + std::to_string(max_bytes) +
                          " are accepted (split it into smaller parts)");
  }
  json::parse_options options;  // strict JSON, max_depth 32
  json::basic_parser<ExactHandler> parser(options);
  parser.handler().stack.reset();
  json::error_code ec;
  std::size_t used = parser.write_some(false, text.data(), text.size(), ec);
  if (!ec && used != text.size()) {
    // Only whitespace may follow the value.
    auto rest = text.substr(used);
    if (rest.find_first_not_of(" \t\r\n") != std::string_view::npos) ec = json::error::extra_data;
  }
  if (ec) {
    return base::fail(base::ErrorCode::import_json_invalid,
                      "not valid JSON: " + ec.message() + " (at byte " + std::to_string(used + 1) + ")");
  }
  return parser.handler().stack.release();
}

base::Result<RawRecord> raw_record_from_json(const json::object& object, std::string location, RecordKind kind,
                                             std::vector<std::string>* ignored_keys) {
  RawRecord record;
  record.location = std::move(location);
  record.fields.reserve(object.size());
  for (const auto& entry : object) {
    std::string_view key(entry.key().data(), entry.key().size());
    const FieldSpec* spec = find_field(kind, key);
    if (spec == nullptr) {
      if (ignored_keys && std::find(ignored_keys->begin(), ignored_keys->end(), key) == ignored_keys->end()) {
        ignored_keys->emplace_back(key);
      }
      continue;
    }
    const json::value& v = entry.value();
    if (v.is_null()) continue;
    if (v.is_object() || v.is_array()) {
      base::Error e(base::ErrorCode::import_json_invalid,
                    "'" + std::string(key) + "' must be a string, number or boolean, not " +
                        (v.is_object() ? "an object" : "an array"),
                    std::string(key));
      e.location = record.location;
      return base::fail(std::move(e));
    }
    record.fields.emplace_back(std::string(spec->name), scalar_text(v));
  }
  return record;
}

}  // namespace kulanz::importers
