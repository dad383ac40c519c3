// `kulanz dispatch`: sends what the outbox holds for now (docs/DISPATCH.md), once or
// watching; the transports (SMTP, the SMS gateway, webhooks) from the configuration.
#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>

#include "channels/sms_vonage.hpp"
#include "channels/smtp.hpp"
#include "channels/webhook.hpp"
#include "base/text.hpp"
#include "calendar/date.hpp"
#include "cli/context.hpp"
#include "cli/transports.hpp"
#include "http/api_dispatch.hpp"
#include "security/security.hpp"
#include "services/dispatch.hpp"

namespace kulanz::cli {

services::Transports make_transports(const Config& config) {
  services::Transports t;
  if (!config.smtp_url.empty()) {
    channels::SmtpSettings s;
    s.url = config.smtp_url;
    s.username = config.smtp_username;
    s.password = config.smtp_password;
    s.tls = config.smtp_tls == "none"         ? channels::SmtpSettings::Tls::none
            : config.smtp_tls == "if_offered" ? channels::SmtpSettings::Tls::starttls_if_offered
                                              : channels::SmtpSettings::Tls::starttls_required;
    s.timeout_seconds = static_cast<long>(config.smtp_timeout_seconds);
    s.helo_name = config.smtp_helo_name;
    // One connection for consecutive messages (docs/EMAIL.md, "Sessions").
    auto session = std::make_shared<channels::SmtpSession>(s);
    t.email = [session](const std::string& from, const std::string& to, const std::string& eml) {
      const channels::SmtpResult r = session->send(from, {to}, eml);
      services::SendOutcome out;
      // A refused login or sender waits for the operator; only a refused recipient marks
      // the address.
      out.kind = r.delivered                        ? services::SendOutcome::Kind::accepted
                 : r.permanent && !r.setup_refused ? services::SendOutcome::Kind::permanent
                                                   : services::SendOutcome::Kind::temporary;
      out.address_refused = r.recipient_refused;
      out.status = r.reply_code;
      out.detail = r.detail;
      return out;
    };
  }
  if (!config.sms_api_key.empty()) {
    channels::SmsGatewaySettings g;
    g.base_url = config.sms_gateway_url;
    g.api_key = config.sms_api_key;
    g.api_secret = config.sms_api_secret;
    t.sms = [g](const std::string& body) {
      const channels::SmsSendResult r = channels::send_vonage_sms(g, body);
      services::SendOutcome out;
      out.kind = r.accepted                         ? services::SendOutcome::Kind::accepted
                 : r.permanent && !r.setup_refused ? services::SendOutcome::Kind::permanent
                 : r.in_doubt                      ? services::SendOutcome::Kind::in_doubt
                                                   : services::SendOutcome::Kind::temporary;
      out.address_refused = r.recipient_refused;
      out.provider_id = r.message_uuid;
      out.status = r.http_status;
      out.detail = r.detail;
      return out;
    };
  }
  // Webhooks go wherever a creditor registered one; without subscriptions nothing is queued.
  t.webhook = [](const services::WebhookPost& p) {
    channels::WebhookDelivery d;
    d.url = p.url;
    d.secret = p.secret;
    d.event_id = p.event_id;
    d.event_type = p.event_type;
    d.timestamp_unix = p.timestamp_unix;
    d.body = p.body;
    const channels::WebhookResult r = channels::post_webhook(d);
    services::SendOutcome out;
    out.kind = r.delivered   ? services::SendOutcome::Kind::accepted
               : r.permanent ? services::SendOutcome::Kind::permanent
                             : services::SendOutcome::Kind::temporary;
    out.status = r.http_status;
    out.detail = r.detail;
    return out;
  };
  return t;
}

services::DispatchSettings make_dispatch_settings(const Config& config, const law::BaseRateTable* rates) {
  services::DispatchSettings s;
  s.lease_seconds = config.dispatch_lease_seconds > 0 ? config.dispatch_lease_seconds : config.smtp_timeout_seconds + 60;
  s.max_attempts = static_cast<int>(config.dispatch_max_attempts);
  s.email_per_minute = static_cast<int>(config.dispatch_email_per_minute);
  s.sms_per_minute = static_cast<int>(config.dispatch_sms_per_minute);
  s.webhook_per_minute = static_cast<int>(config.dispatch_webhook_per_minute);
  s.sms_sender_id = config.sms_sender.empty() ? "kulanz" : config.sms_sender;
  s.sms_max_segments = static_cast<std::size_t>(config.sms_max_segments);
  s.attach_letter = config.email_attach_letter == "always"  ? services::AttachLetter::always
                    : config.email_attach_letter == "never" ? services::AttachLetter::never
                                                            : services::AttachLetter::reminders;
  s.attach_invoice_copies = config.email_attach_invoices;
  s.portal.secret = config.portal_secret;
  s.portal.public_url = config.public_url;
  s.base_rates = rates;
  s.render_ahead = static_cast<int>(config.dispatch_render_ahead);
  return s;
}

namespace {

std::string tenths(std::int64_t part, std::int64_t whole) {
  const std::int64_t permille = whole > 0 ? part * 1000 / whole : 0;
  return std::to_string(permille / 10) + "." + std::to_string(permille % 10) + " %";
}

// Where the pass's time went (docs/DISPATCH.md, "Timing"): on the dispatcher's thread
// (rendering there, waiting for renders of other threads, sending, the rest), and the CPU
// time rendering took on all threads.
std::string timing_text(const services::DispatchReport& r, int render_ahead) {
  const std::int64_t rest = r.total_ms - r.render_here_ms - r.render_wait_ms - r.send_ms;
  std::string s = "time: " + std::to_string(r.total_ms) + " ms in all; rendering " + std::to_string(r.render_here_ms) +
                  " ms (" + tenths(r.render_here_ms, r.total_ms) + ")";
  if (render_ahead > 0) {
    s += ", waiting for renders ahead " + std::to_string(r.render_wait_ms) + " ms (" +
         tenths(r.render_wait_ms, r.total_ms) + ")";
  }
  s += ", sending " + std::to_string(r.send_ms) + " ms (" + tenths(r.send_ms, r.total_ms) + "), database and waits " +
       std::to_string(rest) + " ms (" + tenths(rest, r.total_ms) + ")";
  s += "\nrendering CPU time: " + std::to_string(r.render_cpu_ms) + " ms";
  if (r.sent > 0) s += " (" + std::to_string(r.render_cpu_ms * 1000 / r.sent) + " us per message sent)";
  s += render_ahead > 0 ? ", on this thread and up to " + std::to_string(render_ahead + 1) + " render threads"
                        : ", on this thread";
  return s;
}

std::atomic<bool> g_stop{false};
extern "C" void on_stop_signal(int) { g_stop = true; }

struct DispatchArgs {
  std::string creditor, base_rates;
  bool watch = false;
  int interval = 0;
  bool verbose = false;
  bool timing = false;
};

void run(Context& ctx, const DispatchArgs& a) {
  auto rates = load_base_rate_table(ctx, a.base_rates);
  if (!rates) return;
  auto store = ctx.open_store();
  if (!store) return;
  std::optional<domain::CreditorId> only;
  if (!a.creditor.empty()) {
    auto c = ctx.find_creditor(*store, a.creditor);
    if (!c) return;
    only = c->id;
  }
  const services::Transports transports = make_transports(ctx.config);
  // A channel without a transport keeps its entries waiting; say so once.
  if (!transports.email) std::fprintf(stderr, "kulanz dispatch: e-mails wait: no [smtp] url is configured\n");
  if (!transports.sms) std::fprintf(stderr, "kulanz dispatch: SMS wait: no [sms] api_key is configured\n");
  services::DispatchSettings settings = make_dispatch_settings(ctx.config, &*rates);
  settings.stop_requested = [] { return g_stop.load(); };
  if (a.verbose) {
    settings.observer = [](const ports::DispatchEntry& d, std::string_view outcome) {
      std::printf("%s %s %s\n", d.entry.idempotency_key.c_str(), std::string(engine::to_string(d.entry.channel)).c_str(),
                  std::string(outcome).c_str());
      std::fflush(stdout);
    };
  }
  if (a.watch) {
    std::signal(SIGINT, on_stop_signal);
    std::signal(SIGTERM, on_stop_signal);
  }
  const int interval = a.interval > 0 ? a.interval : static_cast<int>(ctx.config.dispatch_interval_seconds);
  do {
    auto report = services::dispatch_once(*store, transports, settings, ctx.clock, only);
    if (!report) {
      std::fprintf(stderr, "kulanz dispatch: %s\n", report.error().to_string().c_str());
      ctx.exit_code = 1;
      if (!a.watch) return;
    } else if (!a.watch || report->sent || report->failed || report->retried || report->rescheduled ||
               report->cancelled || report->webhooks_delivered || report->webhooks_failed) {
      std::printf("%s\n", services::to_text(*report).c_str());
      if (a.timing) {
        std::printf("%s\n", timing_text(*report, settings.render_ahead).c_str());
      }
      std::fflush(stdout);
    }
    for (int i = 0; a.watch && i < interval * 10 && !g_stop; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  } while (a.watch && !g_stop);
}

struct HistoryArgs {
  std::string customer, creditor;
  int limit = 50;
  bool full = false;
  bool json = false;
};

std::string utc_minute(std::int64_t unix_seconds) {
  if (unix_seconds <= 0) return "-";
  const std::int64_t rest = unix_seconds % 86400;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s %02d:%02d UTC", calendar::Date::from_unix_utc(unix_seconds).iso().c_str(),
                static_cast<int>(rest / 3600), static_cast<int>(rest % 3600 / 60));
  return buf;
}

void history(Context& ctx, const HistoryArgs& a) {
  auto store = ctx.open_store();
  if (!store) return;
  auto who = ctx.find_customer(*store, "history", a.creditor, a.customer);
  if (!who) return;
  auto rows = store->dispatch().list_contact_history(who->creditor.id, who->customer.id, 0, a.limit);
  if (!rows) {
    std::fprintf(stderr, "kulanz history: %s\n", rows.error().to_string().c_str());
    ctx.exit_code = 1;
    return;
  }
  if (a.json) {
    std::string out = "[";
    for (const auto& r : *rows) {
      auto docs = store->dispatch().contact_documents(who->creditor.id, r.id);
      std::string names = "[";
      if (docs) {
        for (const auto& d : *docs) names += (names.size() > 1 ? "," : "") + base::json_quote(d.name);
      }
      names += "]";
      out += std::string(out.size() > 1 ? "," : "") + "{\"id\":" + std::to_string(r.id) + ",\"channel\":" +
             base::json_quote(r.channel) + ",\"address\":" + base::json_quote(r.address) + ",\"sent_unix\":" +
             std::to_string(r.sent_unix) + ",\"delivery_state\":" + base::json_quote(r.delivery_state) +
             ",\"state_detail\":" + base::json_quote(r.state_detail) + ",\"template\":" +
             base::json_quote(r.template_name) + ",\"tone\":" + base::json_quote(r.tone) + ",\"language\":" +
             base::json_quote(r.language) + ",\"subject\":" + base::json_quote(r.subject) + ",\"text\":" +
             base::json_quote(r.body_text) + ",\"message_id\":" + base::json_quote(r.message_id) +
             ",\"provider_id\":" + base::json_quote(r.provider_id) + ",\"decision_key\":" +
             base::json_quote(r.decision_key) + ",\"reason\":" + base::json_quote(r.reason) + ",\"documents\":" +
             names + "}";
    }
    std::printf("%s]\n", out.c_str());
    return;
  }
  if (rows->empty()) {
    std::printf("no messages to %s yet\n", who->customer.external_id.c_str());
    return;
  }
  for (const auto& r : *rows) {
    std::printf("#%lld  %s  %-7s %-8s %s  %s (%s, %s)%s\n", static_cast<long long>(r.id), utc_minute(r.sent_unix).c_str(),
                r.channel.c_str(), r.delivery_state.c_str(), r.address.c_str(), r.template_name.c_str(), r.tone.c_str(),
                r.language.c_str(), r.subject.empty() ? "" : ("  \"" + r.subject + "\"").c_str());
    if (!r.message_id.empty()) std::printf("    id: %s\n", r.message_id.c_str());
    if (!r.state_detail.empty()) std::printf("    detail: %s\n", r.state_detail.c_str());
    std::printf("    why: %s\n", r.reason.c_str());
    auto docs = store->dispatch().contact_documents(who->creditor.id, r.id);
    if (docs) {
      for (const auto& d : *docs) std::printf("    document: %s (%zu bytes)\n", d.name.c_str(), d.content.size());
    }
    if (a.full && !r.body_text.empty()) std::printf("    ---\n%s\n    ---\n", r.body_text.c_str());
  }
}

struct WebhookArgs {
  std::string creditor, url, events = "*", secret;
  std::int64_t id = 0;
  int limit = 50;
};

void webhook_fail(Context& ctx, const std::string& message, int code = 1) {
  std::fprintf(stderr, "kulanz webhooks: %s\n", message.c_str());
  ctx.exit_code = code;
}

void webhooks_add(Context& ctx, const WebhookArgs& a) {
  if (auto st = http::check_webhook_url(a.url); !st) return webhook_fail(ctx, "--" + st.error().detail, 2);
  std::vector<std::string> events;
  for (std::size_t start = 0; start <= a.events.size();) {
    const auto comma = a.events.find(',', start);
    std::string e = a.events.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    e.erase(0, e.find_first_not_of(' '));
    e.erase(e.find_last_not_of(' ') + 1);
    if (!e.empty()) events.push_back(e);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  auto checked = http::parse_webhook_events(events);
  if (!checked) return webhook_fail(ctx, "--" + checked.error().detail, 2);
  if (!a.secret.empty() && (a.secret.size() < 24 || a.secret.size() > 200))
    return webhook_fail(ctx, "--secret: 24 to 200 characters (or leave it out to get one)", 2);
  auto store = ctx.open_store();
  if (!store) return;
  auto c = ctx.find_creditor(*store, a.creditor);
  if (!c) return;
  ports::WebhookSubscription s;
  s.url = a.url;
  s.events = *checked;
  s.secret = a.secret.empty() ? "whsec_" + security::random_token(32) : a.secret;
  s.created_unix = ctx.clock.now_unix();
  if (auto st = store->dispatch().add_webhook(c->id, s); !st) return webhook_fail(ctx, st.error().to_string());
  std::printf("webhook %lld: %s for %s\nsigning secret (shown once): %s\n", static_cast<long long>(s.id), s.url.c_str(),
              a.events.c_str(), s.secret.c_str());
}

void webhooks_list(Context& ctx, const WebhookArgs& a) {
  auto store = ctx.open_store();
  if (!store) return;
  auto c = ctx.find_creditor(*store, a.creditor);
  if (!c) return;
  auto subs = store->dispatch().list_webhooks(c->id);
  if (!subs) return webhook_fail(ctx, subs.error().to_string());
  if (subs->empty()) std::printf("no webhooks for %s\n", c->code.c_str());
  for (const auto& s : *subs) {
    std::string events;
    for (const auto& e : s.events) events += (events.empty() ? "" : ",") + e;
    std::printf("%lld\t%s\t%s\n", static_cast<long long>(s.id), s.url.c_str(), events.c_str());
  }
}

void webhooks_remove(Context& ctx, const WebhookArgs& a) {
  auto store = ctx.open_store();
  if (!store) return;
  auto c = ctx.find_creditor(*store, a.creditor);
  if (!c) return;
  auto removed = store->dispatch().remove_webhook(c->id, a.id);
  if (!removed) return webhook_fail(ctx, removed.error().to_string());
  if (!*removed) return webhook_fail(ctx, "no webhook " + std::to_string(a.id) + " at " + c->code, 2);
  std::printf("webhook %lld removed\n", static_cast<long long>(a.id));
}

void webhooks_deliveries(Context& ctx, const WebhookArgs& a) {
  auto store = ctx.open_store();
  if (!store) return;
  auto c = ctx.find_creditor(*store, a.creditor);
  if (!c) return;
  auto rows = store->dispatch().recent_webhook_deliveries(c->id, a.limit);
  if (!rows) return webhook_fail(ctx, rows.error().to_string());
  // The latest, oldest of them first.
  for (auto it = rows->rbegin(); it != rows->rend(); ++it) {
    const auto& d = *it;
    std::printf("%lld\twebhook %lld\t%s\t%s\t%s\tattempts %lld\tlast %lld%s%s\n", static_cast<long long>(d.id),
                static_cast<long long>(d.subscription_id), d.event_type.c_str(), d.event_id.c_str(), d.status.c_str(),
                static_cast<long long>(d.attempts), static_cast<long long>(d.last_status),
                d.last_error.empty() ? "" : "\t", d.last_error.c_str());
  }
}

}  // namespace

void add_dispatch_command(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<DispatchArgs>();
  auto* cmd = app.add_subcommand("dispatch", "Send what the outbox holds for now (e-mail, SMS, webhooks) and record the outcome");
  cmd->add_option("--creditor", a->creditor, "Only this creditor (code or id)");
  cmd->add_flag("--watch", a->watch, "Keep going: look for due messages every --interval seconds until stopped");
  cmd->add_option("--interval", a->interval, "Seconds between passes with --watch (default [dispatch] interval_seconds)")
      ->check(CLI::Range(1, 3600));
  cmd->add_option("--base-rates", a->base_rates, "Base-rate table (CSV) instead of the configured or built-in one");
  cmd->add_flag("--verbose,-v", a->verbose, "Print every entry's outcome (outbox key, channel, outcome)");
  cmd->add_flag("--timing", a->timing, "Also print where the time went: rendering, sending, database");
  cmd->callback([&ctx, a] { run(ctx, *a); });

  auto h = std::make_shared<HistoryArgs>();
  auto* hist = app.add_subcommand("history", "List the messages a customer was sent (contact history), newest first");
  hist->add_option("--customer", h->customer, "The customer's external id, e.g. K-1001")->required();
  hist->add_option("--creditor", h->creditor, "Creditor code or id (needed when several creditors have the customer)");
  hist->add_option("--limit", h->limit, "At most this many messages")->check(CLI::Range(1, 10000))->capture_default_str();
  hist->add_flag("--full", h->full, "Also print each message's text");
  hist->add_flag("--json", h->json, "Print JSON (an array, newest first)");
  hist->callback([&ctx, h] { history(ctx, *h); });

  auto w = std::make_shared<WebhookArgs>();
  auto* hooks = app.add_subcommand("webhooks", "A creditor's webhooks: URLs that receive signed events (docs/WEBHOOKS.md)");
  hooks->require_subcommand(1);
  auto* add = hooks->add_subcommand("add", "Register a URL for events; prints the signing secret once");
  add->add_option("--creditor", w->creditor, "Creditor code or id")->required();
  add->add_option("--url", w->url, "https URL (plain http only to localhost)")->required();
  add->add_option("--events", w->events,
                  "Comma-separated: message.sent, message.failed, run.finished, collection.step, payment.received, or * (all)")
      ->capture_default_str();
  add->add_option("--secret", w->secret, "The signing secret (24..200 characters); default: a new random one");
  add->callback([&ctx, w] { webhooks_add(ctx, *w); });
  auto* list = hooks->add_subcommand("list", "List the creditor's webhooks");
  list->add_option("--creditor", w->creditor, "Creditor code or id")->required();
  list->callback([&ctx, w] { webhooks_list(ctx, *w); });
  auto* remove = hooks->add_subcommand("remove", "Stop deliveries to a webhook");
  remove->add_option("--creditor", w->creditor, "Creditor code or id")->required();
  remove->add_option("id", w->id, "The webhook's id (from list)")->required();
  remove->callback([&ctx, w] { webhooks_remove(ctx, *w); });
  auto* deliveries = hooks->add_subcommand("deliveries", "The latest deliveries with their state and the receiver's answer");
  deliveries->add_option("--creditor", w->creditor, "Creditor code or id")->required();
  deliveries->add_option("--limit", w->limit, "At most this many (the latest)")->check(CLI::Range(1, 10000))->capture_default_str();
  deliveries->callback([&ctx, w] { webhooks_deliveries(ctx, *w); });
}

}  // namespace kulanz::cli
