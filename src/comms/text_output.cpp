#include "comms/text_output.hpp"

namespace kulanz::comms {
namespace {

constexpr char kMarker = '\x1f';  // ASCII unit separator: never part of a message

bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_space(char c) { return is_blank(c) || c == '\n' || c == '\r'; }

std::string without_cr(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') continue;
    out += s[i];
  }
  return out;
}

std::string trimmed(const std::string& s) {
  std::size_t b = 0;
  std::size_t e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  return s.substr(b, e - b);
}

std::string one_line(std::string_view s) {
  std::string out;
  bool pending_space = false;
  for (char c : s) {
    if (is_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

std::string paragraphs(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  std::size_t empty_lines = 0;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t end = s.find('\n', start);
    if (end == std::string::npos) end = s.size();
    std::size_t line_end = end;
    while (line_end > start && is_blank(s[line_end - 1])) --line_end;
    if (line_end == start) {
      ++empty_lines;
    } else {
      if (!out.empty()) out += empty_lines > 0 ? "\n\n" : "\n";
      out.append(s, start, line_end - start);
      empty_lines = 0;
    }
    start = end + 1;
  }
  return out;
}

bool has_section_tag(std::string_view line) {
  for (std::string_view tag : {"{{#", "{{^", "{{/", "{{!"}) {
    if (line.find(tag) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

std::string mark_section_lines(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 64);
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    std::string_view line = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (has_section_tag(line)) out += kMarker;
    out += line;
    if (end == std::string_view::npos) break;
    out += '\n';
    start = end + 1;
  }
  return out;
}

std::string drop_marked_lines(std::string_view rendered) {
  std::string out;
  out.reserve(rendered.size());
  std::size_t start = 0;
  while (start <= rendered.size()) {
    std::size_t end = rendered.find('\n', start);
    bool last = end == std::string_view::npos;
    std::string_view line = rendered.substr(start, last ? std::string_view::npos : end - start);
    bool marked = line.find(kMarker) != std::string_view::npos;
    std::string kept;
    for (char c : line) {
      if (c != kMarker) kept += c;
    }
    bool blank = kept.find_first_not_of(" \t\r") == std::string::npos;
    if (!(marked && blank)) {
      out += kept;
      if (!last) out += '\n';
    }
    if (last) break;
    start = end + 1;
  }
  return out;
}

std::string without_marker(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c != kMarker) out += c;
  }
  return out;
}

std::string tidy_output(std::string_view rendered, Part part) {
  switch (part) {
    case Part::subject: return one_line(rendered);
    case Part::html: return trimmed(without_cr(rendered));
    case Part::text:
    case Part::body: return paragraphs(without_cr(rendered));
  }
  return std::string(rendered);
}

}  // namespace kulanz::comms
