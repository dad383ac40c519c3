#include "channels/address.hpp"

#include <string>

#include "base/text.hpp"

namespace kulanz::channels {
namespace {

bool is_atext(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

bool is_dot_atom(std::string_view s) {
  if (s.empty() || s.front() == '.' || s.back() == '.') return false;
  char previous = 0;
  for (char c : s) {
    if (c == '.') {
      if (previous == '.') return false;
    } else if (!is_atext(c)) {
      return false;
    }
    previous = c;
  }
  return true;
}

bool is_domain_label(std::string_view label) {
  if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
  for (char c : label) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

bool is_plausible_address(std::string_view address) {
  if (address.empty() || address.size() > 254) return false;
  const auto at = address.find('@');
  if (at == std::string_view::npos || address.find('@', at + 1) != std::string_view::npos) return false;
  const auto local = address.substr(0, at);
  const auto domain = address.substr(at + 1);
  if (local.size() > 64 || !is_dot_atom(local)) return false;
  if (domain.empty() || domain.find('.') == std::string_view::npos) return false;
  std::size_t start = 0;
  while (true) {
    const auto dot = domain.find('.', start);
    if (!is_domain_label(domain.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start))) {
      return false;
    }
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return true;
}

base::Status check_address(std::string_view address, std::string_view field) {
  if (address.empty()) {
    return base::fail(base::ErrorCode::required_missing, "an email address is required", std::string(field));
  }
  if (!is_plausible_address(address)) {
    std::string shown;
    for (char c : address) {
      if (c == '\r') shown += "\\r";
      else if (c == '\n') shown += "\\n";
      else shown += c;
    }
    return base::fail(base::ErrorCode::email_invalid,
                      "'" + shown + "' is not a plain address of the form local@domain.tld"
                      " (no spaces, angle brackets, commas or display names)",
                      std::string(field));
  }
  return {};
}

base::Status check_header_text(std::string_view text, std::string_view field) {
  for (char c : text) {
    if (c == '\r' || c == '\n') {
      return base::fail(base::ErrorCode::invalid_argument,
                        "line breaks (CR or LF) are not allowed in a header value", std::string(field));
    }
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t') || u == 0x7F) {
      return base::fail(base::ErrorCode::invalid_argument,
                        "control characters are not allowed in a header value", std::string(field));
    }
  }
  if (!base::is_valid_utf8(text)) {
    return base::fail(base::ErrorCode::invalid_argument, "the text is not valid UTF-8", std::string(field));
  }
  return {};
}

}  // namespace kulanz::channels
