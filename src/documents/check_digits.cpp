#include "documents/check_digits.hpp"

#include "base/text.hpp"

namespace kulanz::documents::detail {

bool is_upper_letter(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper_alnum(char c) { return is_upper_letter(c) || is_digit(c); }

int mod97(std::string_view alnum) { return base::iso7064_mod97(alnum); }

namespace {
bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_ascii_alnum(char c) { return is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
}  // namespace

std::optional<std::size_t> first_foreign_char(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!is_blank(text[i]) && !is_ascii_alnum(text[i])) return i + 1;
  }
  return std::nullopt;
}

std::string compact_upper(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (is_blank(c)) continue;
    out.push_back((c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return out;
}

std::string describe_char_at(std::string_view text, std::size_t position) {
  const char c = text[position - 1];
  const auto byte = static_cast<unsigned char>(c);
  if (byte >= 0x80) return "a non-ASCII character at position " + std::to_string(position);
  if (byte < 0x20 || byte == 0x7F) return "a control character at position " + std::to_string(position);
  return std::string("'") + c + "' at position " + std::to_string(position);
}

std::string group_by_four(std::string_view compact) {
  std::string out;
  out.reserve(compact.size() + compact.size() / 4);
  for (std::size_t i = 0; i < compact.size(); ++i) {
    if (i > 0 && i % 4 == 0) out.push_back(' ');
    out.push_back(compact[i]);
  }
  return out;
}

}  // namespace kulanz::documents::detail
