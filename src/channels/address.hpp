#pragma once
// Checks on what goes into header fields and SMTP commands. Everything the module writes
// into a header or an envelope passes one of these first, so no caller-supplied text can
// end a header line or start a new SMTP command.
#include <string_view>

#include "base/result.hpp"

namespace kulanz::channels {

// A plausible addr-spec `local@domain` as this module sends to: printable ASCII, at most
// 254 characters, exactly one "@", a dot-atom local part (at most 64 characters) and a
// domain of at least two dot-separated labels of letters, digits and inner hyphens.
// Quoted local parts, address literals and international addresses are not accepted.
bool is_plausible_address(std::string_view address);

// email_invalid naming `field` unless is_plausible_address; required_missing when empty.
base::Status check_address(std::string_view address, std::string_view field);

// Header text given as UTF-8 (a subject, a display name, a header value): invalid_argument
// naming `field` for CR or LF (header injection), other control characters except HTAB,
// and malformed UTF-8.
base::Status check_header_text(std::string_view text, std::string_view field);

}  // namespace kulanz::channels
