// `kulanz law interest`: §288 BGB default interest on an amount over a period, with its
// per-period breakdown, using the built-in base-rate table or an operator's file.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include "cli/context.hpp"
#include "law/base_rate.hpp"
#include "law/default_interest.hpp"
#include "money/money.hpp"

namespace kulanz::cli {
namespace {

struct InterestArgs {
  std::string principal;
  std::string from;
  std::string to;
  std::string debtor;
  std::string base_rates_file;
};

void report(Context& ctx, const std::string& message, int code = 1) {
  std::fprintf(stderr, "kulanz law interest: %s\n", message.c_str());
  ctx.exit_code = code;
}

// "1234.56", "1,234.56" or "1234,56" (German decimal comma).
base::Result<std::int64_t> parse_principal(const std::string& text) {
  auto point = money::parse_amount(text, money::Currency::eur(), money::DecimalStyle::point);
  if (point || text.find(',') == std::string::npos) return point;
  auto comma = money::parse_amount(text, money::Currency::eur(), money::DecimalStyle::comma);
  return comma ? comma : point;
}


std::string pad_left(const std::string& s, std::size_t width) {
  return s.size() >= width ? s : std::string(width - s.size(), ' ') + s;
}

void print_breakdown(const law::InterestBreakdown& b, const law::FlatFeeAnswer& fee) {
  const std::string currency(b.principal.currency().code());
  std::printf("Default interest (§288 BGB) on %s %s, %s debtor: base rate + %d points\n", currency.c_str(),
              b.principal.to_decimal_string().c_str(), std::string(domain::to_string(b.debtor)).c_str(),
              law::default_interest_margin_bp(b.debtor) / 100);
  std::printf("Period %s .. %s (both days included), %d days, day count actual/365\n\n", b.from.iso().c_str(),
              b.to.iso().c_str(), b.days);
  std::printf("%-10s  %-10s  %5s  %9s  %8s  %12s\n", "from", "to", "days", "base rate", "rate", "interest");
  for (const auto& p : b.periods) {
    std::printf("%-10s  %-10s  %5d  %9s  %8s  %12s\n", p.from.iso().c_str(), p.to.iso().c_str(), p.days,
                (law::format_percent(p.base_rate_bp) + " %").c_str(), (law::format_percent(p.rate_bp) + " %").c_str(),
                pad_left(p.interest.to_decimal_string(), 12).c_str());
  }
  std::printf("%-10s  %-10s  %5d  %9s  %8s  %12s\n\n", "total", "", b.days, "", "", b.total.to_decimal_string().c_str());
  std::printf("Total interest: %s %s\n", currency.c_str(), b.total.to_decimal_string().c_str());
  std::printf("Flat fee (§288 Abs. 5 BGB): %s — %s\n", fee.applies ? "applies, EUR 40.00" : "does not apply",
              fee.reason.c_str());
}

void run_interest(Context& ctx, const InterestArgs& a) {
  auto principal = parse_principal(a.principal);
  if (!principal) return report(ctx, "--principal: " + principal.error().to_string(), 2);
  auto from = calendar::Date::parse(a.from);
  if (!from) return report(ctx, "--from: " + from.error().to_string(), 2);
  auto to = calendar::Date::parse(a.to);
  if (!to) return report(ctx, "--to: " + to.error().to_string(), 2);
  auto debtor = domain::parse_customer_type(a.debtor);
  if (!debtor) return report(ctx, "--debtor: " + debtor.error().to_string(), 2);
  auto table = load_base_rate_table(ctx, a.base_rates_file);
  if (!table) return;

  auto breakdown = law::default_interest(money::Money(*principal, money::Currency::eur()), *from, *to, *debtor, *table);
  if (!breakdown) return report(ctx, breakdown.error().to_string());
  law::FlatFeeQuestion q;
  q.debtor = *debtor;
  q.default_start = *from;  // --from is the first day of default
  q.as_of = *to;
  print_breakdown(*breakdown, law::flat_fee_applies(q));
}

}  // namespace

std::optional<law::BaseRateTable> load_base_rate_table(Context& ctx, const std::string& flag) {
  const std::string& path = flag.empty() ? ctx.config.base_rates : flag;
  if (path.empty()) return law::builtin_base_rates();
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    report(ctx, "cannot read the base-rate table '" + path + "'");
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  auto table = law::parse_base_rates(text.str(), path);
  if (!table) {
    report(ctx, table.error().to_string());
    return std::nullopt;
  }
  return *table;
}

void add_law_command(CLI::App& app, Context& ctx) {
  auto* law_cmd = app.add_subcommand("law", "German law: §288 BGB default interest and related rules");
  law_cmd->require_subcommand(1);

  auto args = std::make_shared<InterestArgs>();
  auto* interest = law_cmd->add_subcommand(
      "interest", "Default interest (§288 BGB) on an amount, split at every change of the base rate (§247 BGB)");
  interest->add_option("--principal", args->principal, "Amount owed in EUR, e.g. 1234.56")->required();
  interest->add_option("--from", args->from, "First day of default (YYYY-MM-DD), included")->required();
  interest->add_option("--to", args->to, "Last day interest accrues (YYYY-MM-DD), included")->required();
  interest->add_option("--debtor", args->debtor, "consumer (+5 points) or business (+9 points)")->required();
  interest->add_option("--base-rates", args->base_rates_file,
                       "Base-rate table (CSV: valid_from,rate_percent) instead of the built-in one");
  interest->callback([&ctx, args] { run_interest(ctx, *args); });
}

}  // namespace kulanz::cli
