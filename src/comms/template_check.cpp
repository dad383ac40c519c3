#include "comms/template_check.hpp"

#include <algorithm>
#include <cstdlib>
#include <optional>

#include "base/text.hpp"
#include "comms/kainjow.hpp"
#include "comms/values.hpp"

namespace kulanz::comms {
namespace {

int line_of(std::string_view text, std::size_t pos) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(std::min(pos, text.size())), '\n'));
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string join(const std::vector<std::string_view>& names) {
  std::string out;
  for (auto n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

enum class Use { variable, unescaped, section };

class Checker {
 public:
  Checker(std::string_view file, std::string_view text, Part part) : file_(file), text_(text), part_(part) {}

  std::vector<TemplateProblem> run() {
    if (!base::is_valid_utf8(text_)) {
      add(first_invalid_utf8_line(), "the file is not valid UTF-8; save it as UTF-8");
      return std::move(problems_);
    }
    scan();
    std::stable_sort(problems_.begin(), problems_.end(), [](const auto& a, const auto& b) { return a.line < b.line; });
    if (problems_.empty()) check_with_kainjow();
    return std::move(problems_);
  }

 private:
  struct OpenSection {
    std::string name;
    int line = 0;
    const Variable* variable = nullptr;
  };

  void add(int line, std::string message) { problems_.push_back({std::string(file_), line, std::move(message)}); }

  int first_invalid_utf8_line() const {
    int line = 1;
    std::size_t start = 0;
    while (start <= text_.size()) {
      std::size_t end = text_.find('\n', start);
      std::string_view piece = text_.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
      if (!base::is_valid_utf8(piece)) return line;
      if (end == std::string_view::npos) break;
      start = end + 1;
      ++line;
    }
    return 1;
  }

  void scan() {
    std::size_t pos = 0;
    while (true) {
      std::size_t start = text_.find("{{", pos);
      if (start == std::string_view::npos) break;
      int line = line_of(text_, start);
      bool triple = start + 2 < text_.size() && text_[start + 2] == '{';
      std::string_view close = triple ? "}}}" : "}}";
      std::size_t content_begin = start + (triple ? 3 : 2);
      std::size_t end = text_.find(close, content_begin);
      if (end == std::string_view::npos) {
        add(line, triple ? "'{{{' is not closed: it ends with '}}}'" : "'{{' is not closed: a tag ends with '}}'");
        return;
      }
      pos = end + close.size();
      std::string_view content = base::trim(text_.substr(content_begin, end - content_begin));
      if (triple) {
        check_name(line, content, Use::unescaped);
        continue;
      }
      if (content.empty()) {
        add(line, "empty tag '{{}}': write a variable name between the braces");
        continue;
      }
      std::string_view name = base::trim(content.substr(1));
      switch (content.front()) {
        case '!':
          break;
        case '>':
          add(line, "partials ('{{>" + std::string(name) + "}}') are not supported: write the text into this file");
          break;
        case '=':
          add(line, "changing the delimiters ('{{=...=}}') is not supported: keep '{{' and '}}'");
          return;  // the rest of the file would be read with other delimiters
        case '#':
        case '^':
          open_.push_back({std::string(name), line, check_name(line, name, Use::section)});
          break;
        case '/':
          close_section(line, name);
          break;
        case '&':
          check_name(line, name, Use::unescaped);
          break;
        default:
          check_name(line, content, Use::variable);
          break;
      }
    }
    for (const auto& open : open_) {
      add(open.line, "section '{{#" + open.name + "}}' is not closed: add '{{/" + open.name + "}}'");
    }
  }

  void close_section(int line, std::string_view name) {
    auto match = std::find_if(open_.rbegin(), open_.rend(), [&](const OpenSection& s) { return s.name == name; });
    if (match == open_.rend()) {
      add(line, "'{{/" + std::string(name) + "}}' closes a section that is not open");
      return;
    }
    // Sections opened after the one closed here were never closed.
    for (auto it = open_.rbegin(); it != match; ++it) {
      add(it->line, "section '{{#" + it->name + "}}' is not closed before '{{/" + std::string(name) + "}}' (line " +
                        std::to_string(line) + "): add '{{/" + it->name + "}}'");
    }
    open_.erase(std::prev(match.base()), open_.end());
  }

  // The lists whose sections enclose this point, innermost first.
  std::vector<std::string_view> open_lists() const {
    std::vector<std::string_view> lists;
    for (auto it = open_.rbegin(); it != open_.rend(); ++it) {
      if (it->variable != nullptr && it->variable->kind == VariableKind::list) lists.push_back(it->variable->name);
    }
    return lists;
  }

  const Variable* resolve(std::string_view name) const {
    for (auto list : open_lists()) {
      if (const Variable* field = find_field(list, name)) return field;
    }
    return find_variable(name);
  }

  std::vector<std::string_view> known_here() const {
    std::vector<std::string_view> names;
    for (auto list : open_lists()) {
      for (const auto& v : vocabulary()) {
        if (v.kind == VariableKind::field && v.list == list && std::find(names.begin(), names.end(), v.name) == names.end()) {
          names.push_back(v.name);
        }
      }
    }
    for (const auto& v : vocabulary()) {
      if (v.kind != VariableKind::field && std::find(names.begin(), names.end(), v.name) == names.end()) names.push_back(v.name);
    }
    return names;
  }

  // Checks `name` at `line` used as `use`; returns the variable when it is known.
  const Variable* check_name(int line, std::string_view name, Use use) {
    std::string shown = use == Use::section ? "{{#" + std::string(name) + "}}"
                        : use == Use::unescaped ? "{{{" + std::string(name) + "}}}"
                                                : "{{" + std::string(name) + "}}";
    if (use == Use::unescaped && is_html(part_)) {
      add(line, "'" + shown + "' is not allowed in an HTML part: values are always HTML-escaped there; write '{{" +
                    std::string(name) + "}}'");
    }
    const Variable* variable = resolve(name);
    if (variable == nullptr) {
      report_unknown(line, name, use);
      return nullptr;
    }
    if (use != Use::section && variable->kind == VariableKind::list) {
      std::vector<std::string_view> fields;
      for (const auto& v : vocabulary()) {
        if (v.kind == VariableKind::field && v.list == variable->name) fields.push_back(v.name);
      }
      add(line, "'" + std::string(name) + "' is a list: write '{{#" + std::string(name) + "}}...{{/" + std::string(name) +
                    "}}' and use its fields inside (" + join(fields) + ")");
    } else if (use != Use::section && variable->kind == VariableKind::flag) {
      add(line, "'" + std::string(name) + "' is a yes/no flag: use it as a section, '{{#" + std::string(name) + "}}...{{/" +
                    std::string(name) + "}}'");
    }
    return variable;
  }

  void report_unknown(int line, std::string_view name, Use use) {
    std::string what = use == Use::section ? "section" : "variable";
    std::vector<std::string_view> owners;
    for (const auto& v : vocabulary()) {
      if (v.kind == VariableKind::field && v.name == name) owners.push_back(v.list);
    }
    if (!owners.empty()) {
      std::string where;
      for (auto owner : owners) {
        if (!where.empty()) where += " or ";
        where += "{{#" + std::string(owner) + "}}...{{/" + std::string(owner) + "}}";
      }
      add(line, "unknown " + what + " '" + std::string(name) + "' here: it is a field of " +
                    (owners.size() == 1 ? "the list '" + std::string(owners.front()) + "'" : std::string("several lists")) +
                    "; use it inside " + where);
      return;
    }
    auto known = known_here();
    std::optional<std::string_view> suggestion;
    std::size_t best = std::max<std::size_t>(2, name.size() / 4) + 1;
    for (auto candidate : known) {
      std::size_t d = edit_distance(name, candidate);
      if (d < best) {
        best = d;
        suggestion = candidate;
      }
    }
    std::string message = "unknown " + what + " '" + std::string(name) + "'";
    if (suggestion) message += " (did you mean '" + std::string(*suggestion) + "'?)";
    message += "; known: " + join(known);
    add(line, std::move(message));
  }

  // A second opinion from the renderer's own parser; the scan above should have found
  // anything it rejects.
  void check_with_kainjow() {
    kainjow::mustache::mustache parsed{std::string(text_)};
    if (parsed.is_valid()) return;
    const std::string& message = parsed.error_message();
    int line = 0;
    auto at = message.rfind(" at ");
    if (at != std::string::npos) line = line_of(text_, static_cast<std::size_t>(std::strtoul(message.c_str() + at + 4, nullptr, 10)));
    add(line, "mustache: " + message);
  }

  std::string_view file_;
  std::string_view text_;
  Part part_;
  std::vector<OpenSection> open_;
  std::vector<TemplateProblem> problems_;
};

}  // namespace

std::string TemplateProblem::to_string() const {
  if (line > 0) return file + ":" + std::to_string(line) + ": " + message;
  return file + ": " + message;
}

std::vector<TemplateProblem> check_template(std::string_view file, std::string_view text, Part part) {
  return Checker(file, text, part).run();
}

}  // namespace kulanz::comms
