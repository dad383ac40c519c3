// `kulanz demo`: creates the two demo creditors, a generated portfolio dated relative to
// today, and a demo user who administers both creditors.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>

#include "cli/context.hpp"
#include "security/security.hpp"
#include "services/demo_portfolio.hpp"
#include "store/open.hpp"

namespace kulanz::cli {
namespace {

constexpr const char* kDemoEmail = "demo@kulanz.example";
constexpr const char* kDemoPassword = "kulanz-demo-login";

struct DemoFlags {
  std::uint64_t seed = services::DemoOptions{}.seed;
  std::string today;
  int customers = services::DemoOptions{}.customers;
  bool force = false;
};

// Prints why the demo must not write into these creditors, or returns true if it may.
bool creditors_are_empty(ports::LedgerStore& store, calendar::Date today, bool force, int& exit_code) {
  for (const auto& wanted : services::demo_creditors()) {
    auto found = store.find_creditor(wanted.code);
    if (!found) {
      std::fprintf(stderr, "kulanz: %s\n", found.error().to_string().c_str());
      exit_code = 2;
      return false;
    }
    if (!*found) continue;
    auto summary = store.portfolio_summary((*found)->id, today);
    if (!summary) {
      std::fprintf(stderr, "kulanz: %s\n", summary.error().to_string().c_str());
      exit_code = 2;
      return false;
    }
    if (summary->customers > 0 && !force) {
      std::fprintf(stderr,
                   "kulanz: creditor '%s' already has %lld customers; the demo writes only into empty creditors.\n"
                   "Use a fresh database (e.g. --db sqlite:demo.db after deleting it) or pass --force to write the "
                   "demo records over the existing ones (upserts by external id).\n",
                   wanted.code.c_str(), static_cast<long long>(summary->customers));
      exit_code = 3;
      return false;
    }
  }
  return true;
}

base::Status ensure_demo_user(ports::LedgerStore& store, const std::vector<services::DemoWriteResult>& creditors) {
  auto existing = store.user_by_email(kDemoEmail);
  if (!existing) return base::fail(std::move(existing).error());
  ports::User user;
  if (*existing) {
    user = **existing;
  } else {
    auto hash = security::hash_password(kDemoPassword);
    if (!hash) return base::fail(std::move(hash).error());
    user.email = kDemoEmail;
    user.display_name = "Demo";
    user.password_hash = *hash;
    auto created = store.create_user(user);
    if (!created) return base::fail(std::move(created).error());
    user = *created;
  }
  auto memberships = store.memberships(user.id);
  if (!memberships) return base::fail(std::move(memberships).error());
  for (const auto& c : creditors) {
    bool member = false;
    for (const auto& m : *memberships) member = member || m.creditor_id == c.creditor.id;
    if (member) continue;
    KULANZ_TRY_STATUS(store.add_membership(ports::Membership{c.creditor.id, user.id, ports::Role::admin}));
  }
  return {};
}

// Pads to `width` characters as a terminal shows them (UTF-8 continuation bytes take no column).
std::string pad_columns(const std::string& text, std::size_t width) {
  std::size_t columns = 0;
  for (unsigned char c : text) columns += (c & 0xC0) != 0x80 ? 1 : 0;
  return columns >= width ? text : text + std::string(width - columns, ' ');
}

std::string euros(const money::Money& m) { return m.to_decimal_string() + " " + std::string(m.currency().code()); }

void print_summary(ports::LedgerStore& store, const std::vector<services::DemoWriteResult>& results,
                   calendar::Date today, double seconds) {
  std::printf("Demo portfolio as of %s (generated and written in %.1f s):\n", today.iso().c_str(), seconds);
  for (const auto& r : results) {
    auto s = store.portfolio_summary(r.creditor.id, today);
    std::printf("  %-12s %s %6lld customers %7lld invoices %5lld credit notes %7lld payments\n",
                r.creditor.code.c_str(), pad_columns(r.creditor.name, 30).c_str(), static_cast<long long>(r.customers),
                static_cast<long long>(r.invoices), static_cast<long long>(r.credit_notes),
                static_cast<long long>(r.payments));
    if (s) {
      std::printf("  %-12s open: %lld items, %s; overdue: %s\n", "", static_cast<long long>(s->open_items),
                  euros(s->aging.total_open).c_str(), euros(s->aging.total_overdue).c_str());
    }
  }
  std::printf("Log in as %s with password %s (admin of both creditors).\n", kDemoEmail, kDemoPassword);
}

void run_demo(Context& ctx, const DemoFlags& flags) {
  const auto started = std::chrono::steady_clock::now();
  calendar::Date today = calendar::Date::from_unix_utc(ctx.clock.now_unix());
  if (!flags.today.empty()) {
    auto parsed = calendar::Date::parse(flags.today);
    if (!parsed) {
      std::fprintf(stderr, "kulanz: --today: %s\n", parsed.error().to_string().c_str());
      ctx.exit_code = 2;
      return;
    }
    today = *parsed;
  }
  // The demo usually starts from a fresh database file: create the schema first.
  if (auto migrated = store::migrate(ctx.db_url); !migrated) {
    std::fprintf(stderr, "kulanz: migration of %s failed: %s\n", ctx.db_url.c_str(), migrated.error().to_string().c_str());
    ctx.exit_code = 2;
    return;
  }
  auto store = ctx.open_store();
  if (!store) return;
  if (!creditors_are_empty(*store, today, flags.force, ctx.exit_code)) return;

  services::DemoOptions options;
  options.seed = flags.seed;
  options.today = today;
  options.customers = flags.customers;
  auto portfolio = services::generate_demo_portfolio(options);
  auto written = services::write_demo_portfolio(*store, portfolio);
  if (!written) {
    std::fprintf(stderr, "kulanz: writing the demo portfolio failed (nothing was written for that creditor): %s\n",
                 written.error().to_string().c_str());
    if (flags.force) {
      std::fprintf(stderr,
                   "With --force the records are upserted by external id over the existing ones, which only fits the "
                   "same --seed and --today as before; start from a fresh database for other values.\n");
    }
    ctx.exit_code = 2;
    return;
  }
  if (auto st = ensure_demo_user(*store, *written); !st) {
    std::fprintf(stderr, "kulanz: creating the demo user failed: %s\n", st.error().to_string().c_str());
    ctx.exit_code = 2;
    return;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  print_summary(*store, *written, today, seconds);
}

}  // namespace

void add_demo_command(CLI::App& app, Context& ctx) {
  static DemoFlags flags;
  auto* cmd = app.add_subcommand("demo", "Create two demo creditors with a generated portfolio and a demo user");
  cmd->add_option("--seed", flags.seed, "Seed of the generator (same seed and date: same data)")->capture_default_str();
  cmd->add_option("--today", flags.today, "Date the portfolio is generated relative to (YYYY-MM-DD; default: today, UTC)");
  cmd->add_option("--customers", flags.customers, "Number of customers in total")
      ->capture_default_str()
      ->check(CLI::Range(2, 2000000));
  cmd->add_flag("--force", flags.force,
                "Write even if the demo creditors already have customers (upserts by external id: repeating the same "
                "--seed and --today changes nothing)");
  cmd->footer("Writes into the database given by --db (default sqlite:kulanz.db). Users: " + std::string(kDemoEmail) +
              " / " + kDemoPassword + ".");
  cmd->callback([&ctx] { run_demo(ctx, flags); });
}

}  // namespace kulanz::cli
