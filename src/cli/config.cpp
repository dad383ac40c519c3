#include "cli/config.hpp"

#include <algorithm>
#include <cstdlib>
#include <utility>
#include <vector>
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

// Every section and key the file may hold; anything else is a typo worth reporting.
base::Status check_known_keys(const toml::table& t, const std::string& path) {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> known = {
      {"database", {"url"}}, {"server", {"listen", "threads", "public_url"}}, {"log", {"level"}},
      {"law", {"base_rates"}},
      {"portal", {"secret"}},
      {"sms", {"sender_id", "max_segments", "gateway_url", "api_key", "api_secret", "signature_secret"}},
      {"smtp", {"url", "username", "password", "tls", "timeout_seconds", "helo_name"}},
      {"email", {"attach_letter", "attach_invoices"}},
      {"payments", {"provider_url", "secret_key", "webhook_secret", "timeout_seconds"}},
      {"dispatch", {"worker", "interval_seconds", "lease_seconds", "max_attempts", "email_per_minute", "sms_per_minute",
                    "webhook_per_minute", "render_ahead"}},
      {"web", {"session_ttl_seconds", "login_max_failures_per_email", "login_max_failures_per_address", "login_window_seconds"}}};
  auto line_of = [](const toml::node& n) { return std::to_string(n.source().begin.line); };
  for (const auto& [section, node] : t) {
    auto it = std::find_if(known.begin(), known.end(), [&](const auto& k) { return k.first == section.str(); });
    if (it == known.end()) {
      return config_error(path + ":" + line_of(node), "unknown section or key '" + std::string(section.str()) +
                                                          "' (known sections: [database], [server], [log], [law], [portal], [sms], [smtp], [email], [payments], [dispatch], [web])");
    }
    const auto* sub = node.as_table();
    if (!sub) return config_error(path + ":" + line_of(node), "'" + std::string(section.str()) + "' must be a section [" + it->first + "]");
    for (const auto& [key, value] : *sub) {
      if (std::find(it->second.begin(), it->second.end(), key.str()) == it->second.end()) {
        std::string allowed;
        for (const auto& k : it->second) allowed += (allowed.empty() ? "" : ", ") + k;
        return config_error(path + ":" + line_of(value), "unknown key '" + std::string(key.str()) + "' in [" + it->first +
                                                             "] (known: " + allowed + ")");
      }
    }
  }
  return {};
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
    KULANZ_TRY_STATUS(check_known_keys(t, path));
    std::int64_t threads = c.threads;
    KULANZ_TRY_STATUS(read_key(t, path, "database", "url", c.db_url));
    KULANZ_TRY_STATUS(read_key(t, path, "server", "listen", c.listen));
    KULANZ_TRY_STATUS(read_key(t, path, "server", "threads", threads));
    KULANZ_TRY_STATUS(read_key(t, path, "server", "public_url", c.public_url));
    KULANZ_TRY_STATUS(read_key(t, path, "log", "level", c.log_level));
    KULANZ_TRY_STATUS(read_key(t, path, "law", "base_rates", c.base_rates));
    KULANZ_TRY_STATUS(read_key(t, path, "portal", "secret", c.portal_secret));
    KULANZ_TRY_STATUS(read_key(t, path, "sms", "sender_id", c.sms_sender));
    KULANZ_TRY_STATUS(read_key(t, path, "sms", "max_segments", c.sms_max_segments));
    if (c.sms_max_segments < 1 || c.sms_max_segments > 10) return config_error(path, "[sms] max_segments must be between 1 and 10");
    KULANZ_TRY_STATUS(read_key(t, path, "sms", "gateway_url", c.sms_gateway_url));
    KULANZ_TRY_STATUS(read_key(t, path, "sms", "api_key", c.sms_api_key));
    KULANZ_TRY_STATUS(read_key(t, path, "sms", "api_secret", c.sms_api_secret));
    KULANZ_TRY_STATUS(read_key(t, path, "sms", "signature_secret", c.sms_signature_secret));
    KULANZ_TRY_STATUS(read_key(t, path, "smtp", "url", c.smtp_url));
    KULANZ_TRY_STATUS(read_key(t, path, "smtp", "username", c.smtp_username));
    KULANZ_TRY_STATUS(read_key(t, path, "smtp", "password", c.smtp_password));
    KULANZ_TRY_STATUS(read_key(t, path, "smtp", "tls", c.smtp_tls));
    KULANZ_TRY_STATUS(read_key(t, path, "smtp", "timeout_seconds", c.smtp_timeout_seconds));
    KULANZ_TRY_STATUS(read_key(t, path, "smtp", "helo_name", c.smtp_helo_name));
    KULANZ_TRY_STATUS(read_key(t, path, "email", "attach_letter", c.email_attach_letter));
    KULANZ_TRY_STATUS(read_key(t, path, "email", "attach_invoices", c.email_attach_invoices));
    KULANZ_TRY_STATUS(read_key(t, path, "payments", "provider_url", c.payments_provider_url));
    KULANZ_TRY_STATUS(read_key(t, path, "payments", "secret_key", c.payments_secret_key));
    KULANZ_TRY_STATUS(read_key(t, path, "payments", "webhook_secret", c.payments_webhook_secret));
    KULANZ_TRY_STATUS(read_key(t, path, "payments", "timeout_seconds", c.payments_timeout_seconds));
    KULANZ_TRY_STATUS(read_key(t, path, "dispatch", "worker", c.dispatch_worker));
    KULANZ_TRY_STATUS(read_key(t, path, "dispatch", "interval_seconds", c.dispatch_interval_seconds));
    KULANZ_TRY_STATUS(read_key(t, path, "dispatch", "lease_seconds", c.dispatch_lease_seconds));
    KULANZ_TRY_STATUS(read_key(t, path, "dispatch", "max_attempts", c.dispatch_max_attempts));
    KULANZ_TRY_STATUS(read_key(t, path, "dispatch", "email_per_minute", c.dispatch_email_per_minute));
    KULANZ_TRY_STATUS(read_key(t, path, "dispatch", "sms_per_minute", c.dispatch_sms_per_minute));
    KULANZ_TRY_STATUS(read_key(t, path, "dispatch", "webhook_per_minute", c.dispatch_webhook_per_minute));
    KULANZ_TRY_STATUS(read_key(t, path, "dispatch", "render_ahead", c.dispatch_render_ahead));
    if (!c.base_rates.empty() && std::filesystem::path(c.base_rates).is_relative())
      c.base_rates = (std::filesystem::path(path).parent_path() / c.base_rates).lexically_normal().string();
    KULANZ_TRY_STATUS(read_key(t, path, "web", "session_ttl_seconds", c.session_ttl_seconds));
    KULANZ_TRY_STATUS(read_key(t, path, "web", "login_max_failures_per_email", c.login_max_failures_per_email));
    KULANZ_TRY_STATUS(read_key(t, path, "web", "login_max_failures_per_address", c.login_max_failures_per_address));
    KULANZ_TRY_STATUS(read_key(t, path, "web", "login_window_seconds", c.login_window_seconds));
    if (c.session_ttl_seconds < 60 || c.session_ttl_seconds > 30 * 24 * 3600) {
      return config_error(path, "[web] session_ttl_seconds must be between 60 and 2592000 (30 days)");
    }
    if (c.login_max_failures_per_email < 1 || c.login_max_failures_per_email > 1000 ||
        c.login_max_failures_per_address < 1 || c.login_max_failures_per_address > 100000) {
      return config_error(path, "[web] login_max_failures_per_email must be 1..1000 and login_max_failures_per_address 1..100000");
    }
    if (c.login_window_seconds < 1 || c.login_window_seconds > 24 * 3600) {
      return config_error(path, "[web] login_window_seconds must be between 1 and 86400");
    }
    if (threads < 1 || threads > 256) return config_error(path, "[server] threads must be between 1 and 256");
    c.threads = static_cast<int>(threads);
  }
  if (const char* v = std::getenv("KULANZ_DB"); v && *v) c.db_url = v;
  if (const char* v = std::getenv("KULANZ_LISTEN"); v && *v) c.listen = v;
  if (const char* v = std::getenv("KULANZ_LOG_LEVEL"); v && *v) c.log_level = v;
  if (const char* v = std::getenv("KULANZ_PUBLIC_URL"); v && *v) c.public_url = v;
  if (const char* v = std::getenv("KULANZ_BASE_RATES"); v && *v) c.base_rates = v;
  if (const char* v = std::getenv("KULANZ_PORTAL_SECRET"); v && *v) c.portal_secret = v;
  if (const char* v = std::getenv("KULANZ_SMTP_URL"); v && *v) c.smtp_url = v;
  if (const char* v = std::getenv("KULANZ_SMTP_PASSWORD"); v && *v) c.smtp_password = v;
  if (const char* v = std::getenv("KULANZ_SMS_API_KEY"); v && *v) c.sms_api_key = v;
  if (const char* v = std::getenv("KULANZ_SMS_API_SECRET"); v && *v) c.sms_api_secret = v;
  if (const char* v = std::getenv("KULANZ_SMS_SIGNATURE_SECRET"); v && *v) c.sms_signature_secret = v;
  if (const char* v = std::getenv("KULANZ_PAYMENTS_SECRET_KEY"); v && *v) c.payments_secret_key = v;
  if (const char* v = std::getenv("KULANZ_PAYMENTS_WEBHOOK_SECRET"); v && *v) c.payments_webhook_secret = v;
  {
    const std::string where = path.empty() ? "configuration" : path;
    if (c.smtp_tls != "required" && c.smtp_tls != "if_offered" && c.smtp_tls != "none")
      return config_error(where, "[smtp] tls must be required, if_offered or none (got '" + c.smtp_tls + "')");
    if (!c.smtp_url.empty() && c.smtp_url.rfind("smtp://", 0) != 0 && c.smtp_url.rfind("smtps://", 0) != 0)
      return config_error(where, "[smtp] url must start with smtp:// or smtps:// (e.g. smtp://mail.example.de:587)");
    if (c.smtp_timeout_seconds < 1 || c.smtp_timeout_seconds > 600)
      return config_error(where, "[smtp] timeout_seconds must be between 1 and 600");
    if (c.email_attach_letter != "reminders" && c.email_attach_letter != "always" && c.email_attach_letter != "never")
      return config_error(where, "[email] attach_letter must be reminders, always or never");
    if (c.payments_provider_url.rfind("https://", 0) != 0 && c.payments_provider_url.rfind("http://", 0) != 0)
      return config_error(where, "[payments] provider_url must start with https:// (e.g. https://api.stripe.com)");
    if (c.payments_timeout_seconds < 1 || c.payments_timeout_seconds > 120)
      return config_error(where, "[payments] timeout_seconds must be between 1 and 120");
    if (!c.payments_secret_key.empty() && c.payments_webhook_secret.empty())
      return config_error(where, "[payments] webhook_secret is required with secret_key: without the provider's signed "
                                 "events no payment could be booked (the endpoint's signing secret, whsec_...)");
    if (c.dispatch_interval_seconds < 1 || c.dispatch_interval_seconds > 3600)
      return config_error(where, "[dispatch] interval_seconds must be between 1 and 3600");
    if (c.dispatch_lease_seconds != 0 && c.dispatch_lease_seconds <= c.smtp_timeout_seconds)
      return config_error(where, "[dispatch] lease_seconds must be larger than [smtp] timeout_seconds (" +
                                     std::to_string(c.smtp_timeout_seconds) + "), or 0 for the default");
    if (c.dispatch_max_attempts < 1 || c.dispatch_max_attempts > 100)
      return config_error(where, "[dispatch] max_attempts must be between 1 and 100");
    if (c.dispatch_render_ahead < 0 || c.dispatch_render_ahead > 16)
      return config_error(where, "[dispatch] render_ahead must be between 0 (render each e-mail right before it is sent) and 16");
    for (auto [name, v] : {std::pair{"email_per_minute", c.dispatch_email_per_minute},
                           std::pair{"sms_per_minute", c.dispatch_sms_per_minute},
                           std::pair{"webhook_per_minute", c.dispatch_webhook_per_minute}}) {
      if (v < 0 || v > 60000) return config_error(where, std::string("[dispatch] ") + name + " must be between 0 and 60000");
    }
  }
  if (!c.portal_secret.empty() && c.portal_secret.size() < 32)
    return config_error(path.empty() ? "KULANZ_PORTAL_SECRET" : path,
                        "[portal] secret must have at least 32 characters (e.g. from `openssl rand -base64 33`)");
  if (const char* v = std::getenv("KULANZ_THREADS"); v && *v) {
    char* end = nullptr;
    long n = std::strtol(v, &end, 10);
    if (*end != '\0' || n < 1 || n > 256) return config_error("KULANZ_THREADS", "must be a number between 1 and 256");
    c.threads = static_cast<int>(n);
  }
  return c;
}

}  // namespace kulanz::cli
