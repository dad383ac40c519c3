#include "cli/serve_command.hpp"

#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <pthread.h>
#include <thread>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

#include "cli/context.hpp"
#include "cli/transports.hpp"
#include "channels/payment_stripe.hpp"
#include "channels/sms_vonage.hpp"
#include "http/api.hpp"
#include "http/server.hpp"
#include "http/portal.hpp"
#include "http/web.hpp"
#include "store/open.hpp"

namespace kulanz::cli {
namespace {

struct ListenAddress {
  std::string host;
  std::uint16_t port = 0;
};

base::Result<ListenAddress> parse_listen(const std::string& text) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return base::fail(base::ErrorCode::config_invalid, "'" + text + "' is not HOST:PORT (e.g. 127.0.0.1:8080)", "listen");
  }
  ListenAddress a;
  a.host = text.substr(0, colon);
  if (a.host.size() > 2 && a.host.front() == '[' && a.host.back() == ']') a.host = a.host.substr(1, a.host.size() - 2);
  unsigned port = 0;
  auto ps = text.substr(colon + 1);
  auto r = std::from_chars(ps.data(), ps.data() + ps.size(), port);
  if (r.ec != std::errc() || r.ptr != ps.data() + ps.size() || port > 65535) {
    return base::fail(base::ErrorCode::config_invalid, "'" + ps + "' is not a port number (0..65535)", "listen");
  }
  a.port = static_cast<std::uint16_t>(port);
  return a;
}

// The portal's public address for the payment provider's return links: [server]
// public_url, else the listen address when it names a port.
std::string public_base_url(const Config& config, const ListenAddress& listen) {
  std::string url = config.public_url;
  if (url.empty() && listen.port != 0) {
    const std::string host = listen.host.find(':') != std::string::npos ? "[" + listen.host + "]" : listen.host;
    url = "http://" + host + ":" + std::to_string(listen.port);
  }
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

// Online payments through the provider (docs/PAYMENTS.md): the checkout for the portal and
// the check of the provider's signed events for the API.
void wire_payments(const Config& config, http::PortalOptions& portal, http::ApiOptions& api) {
  if (!config.payments_webhook_secret.empty()) {
    api.verify_payment_event = [secret = config.payments_webhook_secret](
                                   std::string_view signature, std::string_view body,
                                   std::int64_t now) -> base::Result<services::ProviderEvent> {
      auto event = channels::verify_stripe_webhook(signature, body, secret, now);
      if (!event) return base::fail(std::move(event).error());
      services::ProviderEvent e;
      e.event_id = event->event_id;
      e.type = event->type;
      e.created = event->created;
      e.session_id = event->session_id;
      e.amount_total = event->amount_total;
      e.currency = event->currency;
      e.client_reference_id = event->client_reference_id;
      e.payment_intent = event->payment_intent;
      e.paid = event->paid();
      e.failed = event->type == "checkout.session.async_payment_failed";
      e.expired = event->type == "checkout.session.expired";
      return e;
    };
  }
  if (config.payments_secret_key.empty()) return;
  channels::PaymentProviderSettings settings;
  settings.base_url = config.payments_provider_url;
  settings.secret_key = config.payments_secret_key;
  settings.timeout_seconds = static_cast<long>(config.payments_timeout_seconds);
  portal.create_checkout = [settings](const services::CheckoutOrder& order) {
    channels::CheckoutRequest request;
    request.amount_minor = order.amount_minor;
    request.currency = order.currency;
    request.description = order.description;
    request.client_reference_id = order.client_reference_id;
    request.metadata = order.metadata;
    request.success_url = order.success_url;
    request.cancel_url = order.cancel_url;
    request.customer_email = order.customer_email;
    request.locale = order.locale;
    request.payment_method_types = order.method_types;
    request.idempotency_key = order.idempotency_key;
    services::CheckoutAnswer answer;
    auto form = channels::stripe_checkout_form(request);
    if (!form) {
      answer.permanent = true;
      answer.detail = form.error().to_string();
      return answer;
    }
    const auto result = channels::create_checkout_session(settings, *form, order.idempotency_key);
    answer.created = result.created;
    answer.permanent = result.permanent;
    answer.in_doubt = result.in_doubt;
    answer.session_id = result.session_id;
    answer.url = result.url;
    answer.detail = result.detail;
    return answer;
  };
}

}  // namespace

void add_serve_command(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("serve", "Run the HTTP server: REST API under /api/v1 and the web pages");
  static std::string listen_flag;
  static int threads_flag = 0;
  static bool banner_demo = false;
  cmd->add_option("--listen", listen_flag, "HOST:PORT to listen on (env KULANZ_LISTEN, default 127.0.0.1:8080)");
  cmd->add_option("--threads", threads_flag, "I/O threads (env KULANZ_THREADS, default 4)")->check(CLI::Range(1, 256));
  cmd->add_flag("--banner-demo", banner_demo, "Print the demo login after start");
  cmd->callback([&ctx] {
    auto listen = parse_listen(listen_flag.empty() ? ctx.config.listen : listen_flag);
    if (!listen) {
      std::fprintf(stderr, "kulanz serve: %s\n", listen.error().to_string().c_str());
      ctx.exit_code = 2;
      return;
    }
    // Open once up front: applies migrations and fails fast on a bad database address.
    if (!ctx.open_store()) return;
    // The base-rate table for runs and explanations through the API, read once.
    auto rates = load_base_rate_table(ctx, "");
    if (!rates) return;

    // Signals are handled by one dedicated thread; every other thread blocks them.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    http::Router router;
    http::ApiOptions api_options;
    api_options.base_rates = std::make_shared<const law::BaseRateTable>(std::move(*rates));
    if (!ctx.config.sms_signature_secret.empty()) {
      // The gateway's signed status reports (docs/SMS.md), checked before their body is used.
      api_options.verify_sms_report = [secret = ctx.config.sms_signature_secret](
                                          std::string_view authorization, std::string_view body,
                                          std::int64_t now) -> base::Result<services::DeliveryReport> {
        auto status = channels::verify_vonage_status(authorization, body, secret, now);
        if (!status) return base::fail(std::move(status).error());
        services::DeliveryReport r;
        r.provider_id = status->message_uuid;
        r.state = status->status == "delivered" ? "delivered" : status->final_failure() ? "failed" : status->status;
        r.detail = status->error_reason;
        r.number_unreachable = status->status == "undeliverable";
        return r;
      };
    }
    http::PortalOptions portal_options;
    portal_options.public_url = public_base_url(ctx.config, *listen);
    wire_payments(ctx.config, portal_options, api_options);
    http::register_api_routes(router, api_options);
    http::WebOptions web_options;
    web_options.session_ttl_seconds = ctx.config.session_ttl_seconds;
    web_options.login_max_failures_per_email = static_cast<int>(ctx.config.login_max_failures_per_email);
    web_options.login_max_failures_per_address = static_cast<int>(ctx.config.login_max_failures_per_address);
    web_options.login_window_seconds = ctx.config.login_window_seconds;
    if (banner_demo) web_options.banner = "Demo data, generated relative to today";
    http::register_web_routes(router, web_options);
    if (banner_demo) portal_options.banner = "Demo / Demo data";
    http::register_portal_routes(router, portal_options);

    std::string db_url = ctx.db_url;
    ports::StoreFactory factory = [db_url]() { return store::open(db_url); };
    http::ServerOptions options;
    options.address = listen->host;
    options.port = listen->port;
    options.threads = threads_flag > 0 ? threads_flag : ctx.config.threads;
    http::Server server(options, router, factory, ctx.clock);
    if (auto st = server.start(); !st) {
      std::fprintf(stderr, "kulanz serve: %s\n", st.error().to_string().c_str());
      ctx.exit_code = 2;
      return;
    }
    std::string host = listen->host.find(':') != std::string::npos ? "[" + listen->host + "]" : listen->host;
    std::printf("kulanz is serving %s on http://%s:%u/\n", ctx.db_url.c_str(), host.c_str(), server.port());
    std::printf("  web pages:  http://%s:%u/\n  REST API:   http://%s:%u/api/v1/ (OpenAPI: /api/v1/openapi.json)\n",
                host.c_str(), server.port(), host.c_str(), server.port());
    if (portal_options.create_checkout) {
      std::printf("  payments:   online via %s%s\n", ctx.config.payments_provider_url.c_str(),
                  portal_options.public_url.empty() ? " - not offered: set [server] public_url for the return address"
                                                    : "");
    }
    if (banner_demo) {
      std::printf("  demo login: demo@kulanz.example / kulanz-demo-login\n");
    }
    std::printf("Press Ctrl+C to stop.\n");
    std::fflush(stdout);

    // The dispatcher's worker (docs/DISPATCH.md): its own database session, a pass every
    // [dispatch] interval_seconds, stopped with the server.
    std::atomic<bool> stop_worker{false};
    std::mutex worker_mutex;
    std::condition_variable worker_wake;
    std::thread worker;
    if (ctx.config.dispatch_worker) {
      const services::Transports transports = make_transports(ctx.config);
      std::printf("  dispatcher: every %lld s; e-mail %s, SMS %s\n",
                  static_cast<long long>(ctx.config.dispatch_interval_seconds),
                  transports.email ? ("via " + ctx.config.smtp_url).c_str() : "waits (no [smtp] url)",
                  transports.sms ? "via the gateway" : "waits (no [sms] api_key)");
      worker = std::thread([&, transports] {
        auto session = factory();
        if (!session) {
          spdlog::error("dispatcher: {}", session.error().to_string());
          return;
        }
        services::DispatchSettings settings = make_dispatch_settings(ctx.config, api_options.base_rates.get());
        settings.stop_requested = [&stop_worker] { return stop_worker.load(); };
        while (!stop_worker) {
          auto report = services::dispatch_once(**session, transports, settings, ctx.clock);
          if (!report) {
            spdlog::error("dispatcher: {}", report.error().to_string());
          } else if (report->sent || report->failed || report->retried || report->rescheduled || report->cancelled ||
                     report->in_doubt || report->webhooks_delivered || report->webhooks_failed) {
            spdlog::info("dispatcher: {}", services::to_text(*report));
          }
          std::unique_lock<std::mutex> lock(worker_mutex);
          worker_wake.wait_for(lock, std::chrono::seconds(ctx.config.dispatch_interval_seconds),
                               [&stop_worker] { return stop_worker.load(); });
        }
      });
    }

    std::thread signal_thread([&server, signals] {
      int sig = 0;
      sigwait(&signals, &sig);
      spdlog::info("signal {} received, stopping", sig);
      server.stop();
    });
    server.wait();
    // Wake the signal thread if the server stopped for another reason.
    pthread_kill(signal_thread.native_handle(), SIGTERM);
    signal_thread.join();
    if (worker.joinable()) {
      {
        std::lock_guard<std::mutex> lock(worker_mutex);
        stop_worker = true;
      }
      worker_wake.notify_all();
      worker.join();
    }
    std::printf("kulanz stopped.\n");
  });
}

}  // namespace kulanz::cli
