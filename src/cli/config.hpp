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
  // The SMS gateway (Vonage Messages API, docs/SMS.md); no key: SMS are not sent.
  std::string sms_gateway_url = "https://api.nexmo.com";  // [sms] gateway_url
  std::string sms_api_key;                           // [sms] api_key          / KULANZ_SMS_API_KEY
  std::string sms_api_secret;                        // [sms] api_secret       / KULANZ_SMS_API_SECRET
  std::string sms_signature_secret;                  // [sms] signature_secret / KULANZ_SMS_SIGNATURE_SECRET
  // Outgoing e-mail (docs/EMAIL.md, docs/DISPATCH.md); no url: e-mails are not sent.
  std::string smtp_url;                              // [smtp] url             / KULANZ_SMTP_URL
  std::string smtp_username;                         // [smtp] username
  std::string smtp_password;                         // [smtp] password        / KULANZ_SMTP_PASSWORD
  std::string smtp_tls = "required";                 // [smtp] tls: required, if_offered, none
  std::int64_t smtp_timeout_seconds = 30;            // [smtp] timeout_seconds (1..600)
  std::string smtp_helo_name;                        // [smtp] helo_name
  std::string email_attach_letter = "reminders";     // [email] attach_letter: reminders, always, never
  bool email_attach_invoices = true;                  // [email] attach_invoices: the creditor's invoice copies
  // Payments by card, PayPal and wallets in the portal through the payment provider
  // (Stripe Checkout format, docs/PAYMENTS.md); no secret key: the portal offers none.
  std::string payments_provider_url = "https://api.stripe.com";  // [payments] provider_url
  std::string payments_secret_key;                   // [payments] secret_key     / KULANZ_PAYMENTS_SECRET_KEY
  std::string payments_webhook_secret;               // [payments] webhook_secret / KULANZ_PAYMENTS_WEBHOOK_SECRET
  std::int64_t payments_timeout_seconds = 30;        // [payments] timeout_seconds (1..120)
  // The dispatcher (docs/DISPATCH.md).
  bool dispatch_worker = true;                       // [dispatch] worker: also inside `kulanz serve`
  std::int64_t dispatch_interval_seconds = 30;       // [dispatch] interval_seconds (1..3600)
  std::int64_t dispatch_lease_seconds = 0;           // [dispatch] lease_seconds (0: SMTP timeout + 60)
  std::int64_t dispatch_max_attempts = 8;            // [dispatch] max_attempts (1..100)
  std::int64_t dispatch_email_per_minute = 0;        // [dispatch] email_per_minute (0 = no limit)
  std::int64_t dispatch_sms_per_minute = 0;          // [dispatch] sms_per_minute
  std::int64_t dispatch_webhook_per_minute = 0;      // [dispatch] webhook_per_minute
  std::int64_t dispatch_render_ahead = 2;            // [dispatch] render_ahead (0..16)
};

// Reads the TOML file at `path` (if non-empty) over the defaults, then the environment.
// A missing file named explicitly, a syntax error or a wrongly typed key is an error that
// names the file, line and key.
base::Result<Config> load_config(const std::string& path);

}  // namespace kulanz::cli
