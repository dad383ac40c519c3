#pragma once
// Configuration: command-line flag > environment variable > TOML file > default.
#include <cstdint>
#include <string>

#include "base/result.hpp"

namespace kulanz::cli {

struct Config {
  std::string db_url = "sqlite:kulanz.db";  // [database] url         / KULANZ_DB
  std::string listen = "127.0.0.1:8080";    // [server] listen         / KULANZ_LISTEN
  int threads = 4;                          // [server] threads        / KULANZ_THREADS
  std::string log_level = "info";           // [log] level             / KULANZ_LOG_LEVEL
  std::string public_url;                   // [server] public_url     / KULANZ_PUBLIC_URL
  // The team's web pages (file only).
  std::int64_t session_ttl_seconds = 12 * 60 * 60;  // [web] session_ttl_seconds
  std::int64_t login_max_failures_per_email = 5;    // [web] login_max_failures_per_email
  std::int64_t login_max_failures_per_address = 20; // [web] login_max_failures_per_address
  std::int64_t login_window_seconds = 15 * 60;      // [web] login_window_seconds
  // The operator's base-rate table (§247 BGB), used instead of the built-in one by every
  // command that computes interest and by the server. A relative path in the file is taken
  // relative to the file's folder.
  std::string base_rates;                           // [law] base_rates     / KULANZ_BASE_RATES
  // The secret personal portal links are derived from; empty: one generated and kept in
  // the database (see docs/PORTAL.md). At least 32 characters when set.
  std::string portal_secret;                        // [portal] secret      / KULANZ_PORTAL_SECRET
  // SMS: the sender id shown to customers (empty: the creditor's code) and the most
  // segments one message may take.
  std::string sms_sender;                           // [sms] sender_id
  std::int64_t sms_max_segments = 3;                // [sms] max_segments (1..10)
};

// Reads the TOML file at `path` (if non-empty) over the defaults, then the environment.
// A missing file named explicitly, a syntax error or a wrongly typed key is an error that
// names the file, line and key.
base::Result<Config> load_config(const std::string& path);

}  // namespace kulanz::cli
