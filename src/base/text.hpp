#pragma once
// Text helpers shared by importers, HTTP and rendering. Pure functions, no locale.
#include <string>
#include <string_view>

namespace kulanz::base {

// True if `s` is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool is_valid_utf8(std::string_view s);
// Converts Windows-1252 (a superset of the printable Latin-1 range) to UTF-8.
// Bytes undefined in Windows-1252 (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the C1
// control of the same number, as Latin-1 would.
std::string cp1252_to_utf8(std::string_view s);

std::string_view trim(std::string_view s);
std::string ascii_lower(std::string_view s);
std::string ascii_upper(std::string_view s);
bool iequals_ascii(std::string_view a, std::string_view b);
// A JSON string literal (with the quotes) for UTF-8 text: ", \ and control characters escaped.
std::string json_quote(std::string_view s);
// Percent-encoding of a URL path segment or query value (RFC 3986): everything but
// A-Z a-z 0-9 - . _ ~ becomes %XX of its bytes.
std::string percent_encode(std::string_view s);
// Remainder modulo 97 of the number written by `alnum`, digits standing for themselves
// and the letters A..Z for 10..35 (ISO 7064 MOD 97-10, as IBAN, RF references and SEPA
// creditor identifiers use it). `alnum` must hold only 0-9 and A-Z.
int iso7064_mod97(std::string_view alnum);
// Number of Unicode code points in valid UTF-8.
std::size_t utf8_length(std::string_view s);
// The first `max_code_points` code points of valid UTF-8 (all of it when shorter); never
// cuts a character in two.
std::string_view utf8_prefix(std::string_view s, std::size_t max_code_points);

}  // namespace kulanz::base
