#include "domain/reference_match.hpp"

#include <algorithm>

namespace kulanz::domain {
namespace {

bool is_ascii_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_joiner(char c) { return c == '-' || c == '/' || c == '.' || c == '_'; }

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool equals_at(std::string_view text, std::size_t pos, std::string_view word) {
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (lower(text[pos + i]) != lower(word[i])) return false;
  }
  return true;
}

std::string_view trim_blanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Does the token that contains text[pos - 1] continue leftwards into the match at pos?
bool continues_left(std::string_view text, std::size_t pos) {
  if (pos == 0) return false;
  const char before = text[pos - 1];
  if (is_ascii_alnum(before)) return true;
  return is_joiner(before) && pos >= 2 && is_ascii_alnum(text[pos - 2]);
}

// Does the token continue rightwards past the match ending at end?
bool continues_right(std::string_view text, std::size_t end) {
  if (end >= text.size()) return false;
  const char after = text[end];
  if (is_ascii_alnum(after)) return true;
  return is_joiner(after) && end + 1 < text.size() && is_ascii_alnum(text[end + 1]);
}

}  // namespace

bool reference_mentions(std::string_view reference, std::string_view raw_number) {
  const std::string_view number = trim_blanks(raw_number);
  if (number.empty() || number.size() > reference.size()) return false;
  if (std::none_of(number.begin(), number.end(), is_ascii_alnum)) return false;
  for (std::size_t pos = 0; pos + number.size() <= reference.size(); ++pos) {
    if (!equals_at(reference, pos, number)) continue;
    // A boundary is only required where the number itself starts/ends with a letter or digit.
    const std::size_t end = pos + number.size();
    const bool starts_clean = !is_ascii_alnum(number.front()) || !continues_left(reference, pos);
    const bool ends_clean = !is_ascii_alnum(number.back()) || !continues_right(reference, end);
    if (starts_clean && ends_clean) return true;
  }
  return false;
}

}  // namespace kulanz::domain
