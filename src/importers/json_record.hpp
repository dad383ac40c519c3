#pragma once
// JSON objects -> RawRecords, shared by JSON Lines files and the REST API.
//
// Numbers are taken from their exact source text, never through a double: parse JSON
// with parse_json_exact(), which turns every number into a JSON string holding the
// number as written ("1234.56", "2", "-0.5"). raw_record_from_json() then treats
// strings and numbers alike.
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "base/result.hpp"
#include "importers/raw_record.hpp"

namespace kulanz::importers {

// Parses one JSON text (an API body or one JSON Lines line). Every number becomes a
// string of its exact source text. Errors: import_json_invalid with the parser's reason.
// `max_bytes` bounds the input; deeper nesting than 32 levels is an error.
base::Result<boost::json::value> parse_json_exact(std::string_view text, std::size_t max_bytes = 16u << 20);

// Builds a RawRecord from a JSON object with canonical field names (fields_of(kind)).
// Values: strings (and numbers, as their text) are kept as written; true/false become
// "true"/"false"; null or a missing key means "absent". A nested object or array is an
// import_json_invalid error naming the field. Keys that are not canonical fields of `kind`
// are skipped and, when `ignored_keys` is given, appended to it (once each).
// An object built by another parser may hold int64/uint64 (kept exactly) or double
// numbers (written in shortest round-trip form; use parse_json_exact to be exact).
base::Result<RawRecord> raw_record_from_json(const boost::json::object& object, std::string location, RecordKind kind,
                                             std::vector<std::string>* ignored_keys = nullptr);

}  // namespace kulanz::importers
