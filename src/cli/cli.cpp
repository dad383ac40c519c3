#include "cli/cli.hpp"

#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <iostream>

#include "base/clock.hpp"
#include "cli/config.hpp"
#include "cli/context.hpp"
#include "cli/serve_command.hpp"
#include "security/security.hpp"
#include "store/open.hpp"

namespace kulanz::cli {

std::unique_ptr<ports::LedgerStore> Context::open_store() {
  // Pending migrations are applied whenever a command opens the database.
  auto migrated = store::migrate(db_url);
  if (!migrated) {
    std::fprintf(stderr, "kulanz: cannot open database %s: %s\n", db_url.c_str(), migrated.error().to_string().c_str());
    exit_code = 2;
    return nullptr;
  }
  for (int version : *migrated) std::fprintf(stderr, "kulanz: %s: applied migration %d\n", db_url.c_str(), version);
  auto opened = store::open(db_url);
  if (!opened) {
    std::fprintf(stderr, "kulanz: cannot open database %s: %s\n", db_url.c_str(), opened.error().to_string().c_str());
    exit_code = 2;
    return nullptr;
  }
  return std::move(*opened);
}

std::optional<domain::Creditor> Context::find_creditor(ports::LedgerStore& store, const std::string& code_or_id) {
  auto found = store.find_creditor(code_or_id);
  if (!found) {
    std::fprintf(stderr, "kulanz: %s\n", found.error().to_string().c_str());
    exit_code = 2;
    return std::nullopt;
  }
  if (!*found) {
    std::string known;
    if (auto all = store.list_creditors(); all) {
      for (const auto& c : *all) known += (known.empty() ? "" : ", ") + c.code;
    }
    std::fprintf(stderr, "kulanz: unknown creditor '%s' (known: %s; create one with `kulanz creditor create`)\n",
                 code_or_id.c_str(), known.empty() ? "none" : known.c_str());
    exit_code = 2;
    return std::nullopt;
  }
  return **found;
}

std::optional<Context::CustomerOf> Context::find_customer(ports::LedgerStore& store, const std::string& command,
                                                         const std::string& creditor_flag, const std::string& external_id) {
  auto fail = [&](const std::string& message) -> std::optional<CustomerOf> {
    std::fprintf(stderr, "kulanz %s: %s\n", command.c_str(), message.c_str());
    exit_code = 2;
    return std::nullopt;
  };
  std::vector<domain::Creditor> candidates;
  if (!creditor_flag.empty()) {
    auto c = find_creditor(store, creditor_flag);
    if (!c) return std::nullopt;
    candidates.push_back(*c);
  } else {
    auto all = store.list_creditors();
    if (!all) return fail(all.error().to_string());
    candidates = std::move(*all);
  }
  std::optional<CustomerOf> found;
  std::string holders;
  for (const auto& c : candidates) {
    auto customer = store.customer_by_external_id(c.id, external_id);
    if (!customer) return fail(customer.error().to_string());
    if (!*customer) continue;
    holders += (holders.empty() ? "" : ", ") + c.code;
    found = CustomerOf{c, **customer};
  }
  if (holders.find(',') != std::string::npos)
    return fail("customer '" + external_id + "' exists at several creditors (" + holders + "); name one with --creditor");
  if (!found) {
    return fail("no customer '" + external_id + "'" + (creditor_flag.empty() ? std::string() : " at " + candidates.front().code) +
                " (customers are named by their external id, e.g. K-1001) (E6004)");
  }
  return found;
}

namespace {

void add_migrate_command(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("migrate", "Apply pending database migrations and print the schema version");
  cmd->callback([&ctx] {
    auto applied = store::migrate(ctx.db_url);
    if (!applied) {
      std::fprintf(stderr, "kulanz: migration of %s failed: %s\n", ctx.db_url.c_str(), applied.error().to_string().c_str());
      ctx.exit_code = 2;
      return;
    }
    if (applied->empty()) {
      std::printf("%s: schema is up to date\n", ctx.db_url.c_str());
    } else {
      for (int v : *applied) std::printf("%s: applied migration %d\n", ctx.db_url.c_str(), v);
    }
  });
}

void add_creditor_command(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("creditor", "Manage creditors (tenants)");
  cmd->require_subcommand(1);
  auto* create = cmd->add_subcommand("create", "Create a creditor");
  static std::string code, name, currency = "EUR";
  create->add_option("--code", code, "Short unique handle, e.g. swsf (letters, digits, - and _)")->required();
  create->add_option("--name", name, "Legal name shown to customers")->required();
  create->add_option("--currency", currency, "Default currency (ISO 4217)")->capture_default_str();
  create->callback([&ctx] {
    auto cur = money::Currency::from_code(currency);
    if (!cur) {
      std::fprintf(stderr, "kulanz: --currency: %s\n", cur.error().to_string().c_str());
      ctx.exit_code = 2;
      return;
    }
    auto s = ctx.open_store();
    if (!s) return;
    domain::Creditor c;
    c.code = code;
    c.name = name;
    c.currency = *cur;
    auto created = s->create_creditor(c);
    if (!created) {
      std::fprintf(stderr, "kulanz: %s\n", created.error().to_string().c_str());
      ctx.exit_code = 2;
      return;
    }
    std::printf("created creditor %s (id %lld): %s\n", created->code.c_str(), static_cast<long long>(created->id.value),
                created->name.c_str());
  });
  auto* list = cmd->add_subcommand("list", "List creditors");
  list->callback([&ctx] {
    auto s = ctx.open_store();
    if (!s) return;
    auto all = s->list_creditors();
    if (!all) {
      std::fprintf(stderr, "kulanz: %s\n", all.error().to_string().c_str());
      ctx.exit_code = 2;
      return;
    }
    for (const auto& c : *all) {
      std::printf("%lld\t%s\t%s\t%s\n", static_cast<long long>(c.id.value), c.code.c_str(), std::string(c.currency.code()).c_str(), c.name.c_str());
    }
  });
}

}  // namespace

void add_export_command(CLI::App& app, Context& ctx);
void add_apikey_command(CLI::App& app, Context& ctx);

int run(int argc, char** argv) {
  Context ctx;
  std::string db_flag;
  std::string log_level_flag;
  CLI::App app{"kulanz — customer-centric receivables management", "kulanz"};
  app.set_version_flag("--version", "kulanz 0.1.0");
  app.require_subcommand(1);
  app.fallthrough();
  app.add_option("--db", db_flag, "Database: sqlite:PATH or postgresql://USER@HOST:PORT/DB (env KULANZ_DB)");
  app.add_option("--config", ctx.config_path, "TOML configuration file (env KULANZ_CONFIG)");
  app.add_option("--log-level", log_level_flag, "trace, debug, info, warn, error (env KULANZ_LOG_LEVEL)");
  app.footer(
      "Configuration precedence: command-line flag > environment variable > configuration file > default.\n"
      "Run `kulanz COMMAND --help` for the options of a command.");

  add_serve_command(app, ctx);
  add_migrate_command(app, ctx);
  add_creditor_command(app, ctx);
  if (auto* creditor = app.get_subcommand_ptr("creditor").get()) add_creditor_profile_commands(*creditor, ctx);
  add_import_command(app, ctx);
  add_export_command(app, ctx);
  add_apikey_command(app, ctx);
  add_user_command(app, ctx);
  add_demo_command(app, ctx);
  add_law_command(app, ctx);
  add_calendar_command(app, ctx);
  add_strategy_command(app, ctx);
  if (auto* strategy = app.get_subcommand_ptr("strategy").get()) add_strategy_store_commands(*strategy, ctx);
  add_run_command(app, ctx);
  add_hold_command(app, ctx);
  add_escalation_command(app, ctx);
  add_portal_link_command(app, ctx);
  add_portal_command(app, ctx);
  add_letter_command(app, ctx);
  add_templates_command(app, ctx);
  add_dispatch_command(app, ctx);
  add_invoice_copy_command(app, ctx);
  add_mandates_command(app, ctx);

  // Resolve configuration after parsing but before any subcommand callback runs.
  app.parse_complete_callback([&] {
    if (ctx.config_path.empty()) {
      if (const char* v = std::getenv("KULANZ_CONFIG"); v && *v) ctx.config_path = v;
    }
    auto config = load_config(ctx.config_path);
    if (!config) throw CLI::ValidationError("--config", config.error().detail);
    ctx.config = *config;
    if (!db_flag.empty()) ctx.config.db_url = db_flag;
    if (!log_level_flag.empty()) ctx.config.log_level = log_level_flag;
    ctx.db_url = ctx.config.db_url;
    auto level = spdlog::level::from_str(ctx.config.log_level);
    if (level == spdlog::level::off && ctx.config.log_level != "off") {
      throw CLI::ValidationError("--log-level", "'" + ctx.config.log_level + "' is not a log level");
    }
    spdlog::set_level(level);
  });

  if (auto st = security::init(); !st) {
    std::fprintf(stderr, "kulanz: %s\n", st.error().to_string().c_str());
    return 2;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  return ctx.exit_code;
}

}  // namespace kulanz::cli
