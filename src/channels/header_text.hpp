#pragma once
// Writing header fields (RFC 5322 §2.2 and §3.3, RFC 2047, RFC 2231): encoded-words for
// non-ASCII text, folding into lines of at most 78 characters, MIME parameters and the
// date. Inputs are checked before they get here (address.hpp); these functions only
// format.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kulanz::channels {

inline constexpr std::size_t kMaxHeaderLine = 78;  // RFC 5322 §2.1.1 "SHOULD"
inline constexpr std::size_t kMaxEncodedWord = 75;  // RFC 2047 §2

// RFC 2047 encoded-words ("=?utf-8?Q?...?=" or "=?utf-8?B?...?=") for UTF-8 text, the
// first at most `first_max` characters long, the others at most 75. The encoding (Q or
// B, whichever is shorter for the whole text, Q on a tie) is the same for all words; a
// word always ends at a character boundary. The Q form encodes everything except letters,
// digits and ! * + - / (the set allowed in a phrase), with "_" for a space.
std::vector<std::string> encode_words(std::string_view utf8, std::size_t first_max);

// "Name: token token ...\r\n": tokens separated by single spaces; a line is folded
// (CRLF + space) before a token that would take it past 78 characters. A token longer
// than a line stays whole.
std::string fold_header(std::string_view name, const std::vector<std::string>& tokens);

// An unstructured field (Subject, extension headers). Printable ASCII that folds into
// lines of at most 78 characters at spaces is written as it is; other text (non-ASCII,
// something that looks like an encoded-word, words too long for a line) as encoded-words.
std::string unstructured_header(std::string_view name, std::string_view utf8);

// A mailbox field (From, To, Reply-To): `address` alone, or the display name followed by
// "<address>". The name is written as a phrase of atoms when it is one, else as a quoted
// string when it is printable ASCII and fits the line, else as atoms with each run of
// other words as encoded-words.
std::string mailbox_header(std::string_view name, std::string_view display_name, std::string_view address);

// A MIME parameter as header tokens: `attribute="value"` for printable ASCII that fits a
// line, else RFC 2231 `attribute*=utf-8''percent-encoded`, split into continuations
// `attribute*0*=...;` `attribute*1*=...` (never inside a character) when too long.
std::vector<std::string> parameter_tokens(std::string_view attribute, std::string_view utf8_value);

// RFC 5322 date-time in UTC: "Thu, 05 Mar 2026 09:30:00 +0000". `unix_seconds` must lie
// in years 1970 to 9999.
std::string rfc5322_date(std::int64_t unix_seconds);

}  // namespace kulanz::channels
