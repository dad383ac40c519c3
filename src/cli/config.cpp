#include "cli/config.hpp"

#include <cstdlib>
#include <filesystem>
#include <toml++/toml.h>

namespace kulanz::cli {
namespace {

base::Unexpected<base::Error> config_error(const std::string& where, const std::string& what) {
  return base::fail(base::ErrorCode::config_invalid, where + ": " + what);
}

template <class T>
base::Status read_key(const toml::table& t, const std::string& path, std::string_view section, std::string_view key, T& out) {
  auto node = t.at_path(std::string(section) + "." + std::string(key));
  if (!node) return {};
  if (auto v = node.value<T>()) {
    out = *v;
    return {};
  }
  const auto& src = node.node()->source();
  return config_error(path + ":" + std::to_string(src.begin.line), "[" + std::string(section) + "] " + std::string(key) +
                                                                         " has the wrong type");
}

}  // namespace

base::Result<Config> load_config(const std::string& path) {
  Config c;
  if (!path.empty()) {
    if (!std::filesystem::exists(path)) return config_error(path, "configuration file not found");
    toml::table t;
    try {
      t = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
      return config_error(path + ":" + std::to_string(e.source().begin.line), std::string(e.description()));
    }
    std::int64_t threads = c.threads;
    KULANZ_TRY_STATUS(read_key(t, path, "database", "url", c.db_url));
    KULANZ_TRY_STATUS(read_key(t, path, "server", "listen", c.listen));
    KULANZ_TRY_STATUS(read_key(t, path, "server", "threads", threads));
    KULANZ_TRY_STATUS(read_key(t, path, "server", "public_url", c.public_url));
    KULANZ_TRY_STATUS(read_key(t, path, "log", "level", c.log_level));
    if (threads < 1 || threads > 256) return config_error(path, "[server] threads must be between 1 and 256");
    c.threads = static_cast<int>(threads);
  }
  if (const char* v = std::getenv("KULANZ_DB"); v && *v) c.db_url = v;
  if (const char* v = std::getenv("KULANZ_LISTEN"); v && *v) c.listen = v;
  if (const char* v = std::getenv("KULANZ_LOG_LEVEL"); v && *v) c.log_level = v;
  if (const char* v = std::getenv("KULANZ_PUBLIC_URL"); v && *v) c.public_url = v;
  if (const char* v = std::getenv("KULANZ_THREADS"); v && *v) {
    char* end = nullptr;
    long n = std::strtol(v, &end, 10);
    if (*end != '\0' || n < 1 || n > 256) return config_error("KULANZ_THREADS", "must be a number between 1 and 256");
    c.threads = static_cast<int>(n);
  }
  return c;
}

}  // namespace kulanz::cli
