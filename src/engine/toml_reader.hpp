#pragma once
// What the readers of kulanz's TOML files share (the collection file, the portal file):
// parsing with the syntax error's position, diagnostics with file, line and column, and
// the check for unknown keys. Internal to the parsers (engine, portal); toml++ only here.
#include <algorithm>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <toml++/toml.h>
#include <utility>
#include <vector>

#include "engine/collection.hpp"

namespace kulanz::engine {

// "a, b, c".
inline std::string join_names(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

class TomlReader {
 public:
  explicit TomlReader(std::string path) : path_(std::move(path)) {}

 protected:
  // The document; nullopt after recording the syntax error with its position.
  std::optional<toml::table> parse_document(std::string_view text) {
    try {
      return toml::parse(text, path_);
    } catch (const toml::parse_error& e) {
      error({static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column)},
            std::string(e.description()) + "; fix the TOML syntax");
      return std::nullopt;
    }
  }

  static SourcePos pos(const toml::node& n) {
    return {static_cast<int>(n.source().begin.line), static_cast<int>(n.source().begin.column)};
  }

  void error(SourcePos p, std::string message) { errors_.push_back({path_, p, std::move(message)}); }

  // An error for every key of `t` that is not one of `keys`, naming `where` and the allowed ones.
  void known(const toml::table& t, std::initializer_list<std::string_view> keys, const std::string& where) {
    std::vector<std::string> allowed(keys.begin(), keys.end());
    for (const auto& [k, v] : t) {
      if (std::find(allowed.begin(), allowed.end(), k.str()) == allowed.end()) {
        error(pos(v), "unknown key '" + std::string(k.str()) + "' in " + where + "; allowed: " + join_names(allowed));
      }
    }
  }

  std::string path_;
  std::vector<Diagnostic> errors_;
};

}  // namespace kulanz::engine
