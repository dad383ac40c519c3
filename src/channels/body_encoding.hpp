#pragma once
// Content-Transfer-Encodings for MIME bodies (RFC 2045 §6.7 and §6.8). The outputs use
// CRLF between lines and do not end with a line break: the boundary delimiter that follows
// a body part begins with its own CRLF (RFC 2046 §5.1.1).
#include <string>
#include <string_view>

namespace kulanz::channels {

inline constexpr std::size_t kMaxBodyLine = 76;

// Quoted-printable. Line breaks in `text` (LF or CRLF) become CRLF line breaks of the
// encoding; "=", bytes outside printable ASCII and whitespace at the end of a line are
// written as =XX; lines longer than 76 characters get soft line breaks ("=" + CRLF)
// that never cut an =XX escape. A lone CR is encoded as =0D.
std::string encode_quoted_printable(std::string_view text);

// Base64 in lines of 76 characters (the last one shorter), separated by CRLF.
std::string encode_base64_lines(std::string_view bytes);

}  // namespace kulanz::channels
