// `kulanz strategy validate` and `kulanz strategy show-default`: collection files on disk.
// The database side (load, versions) is in strategy_store_command.cpp.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/context.hpp"
#include "engine/builtin_collection.hpp"
#include "money/money.hpp"

namespace kulanz::cli {
namespace {

struct ValidateArgs {
  std::string file;
  bool builtin = false;
};

std::string channels_text(const std::vector<engine::StepChannel>& chs) {
  std::string s;
  for (auto c : chs) s += (s.empty() ? "" : ",") + std::string(engine::to_string(c));
  return s.empty() ? "-" : s;
}

std::string two_digits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

std::string hhmm(int minutes) { return two_digits(minutes / 60) + ":" + two_digits(minutes % 60); }

std::string padded(std::string s, std::size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

std::string hours_text(const engine::QuietHours& h) {
  return hhmm(h.allowed_from_minute) + "-" + hhmm(h.allowed_to_minute);
}

// `  day   -3  reminder            sms,email         pre_due_reminder/friendly  optional`
void print_steps(const std::vector<engine::Step>& steps, const money::Currency& cur, const char* indent) {
  for (const auto& st : steps) {
    std::string what = st.template_name;
    if (st.tone) what += "/" + std::string(engine::to_string(*st.tone));
    if (st.fee_type) {
      what += (what.empty() ? "" : " ") + std::string(engine::to_string(*st.fee_type));
      if (st.fee_minor) what += " " + money::format_decimal(*st.fee_minor, cur.exponent());
      else if (*st.fee_type == engine::FeeType::flat_fee_288) what += " (40.00 EUR by law)";
    }
    std::vector<std::string> parts;
    if (!what.empty()) parts.push_back(what);
    if (st.optional) parts.emplace_back("optional");
    if (st.only_if_no_reaction_since_last_step) parts.emplace_back("only-if-no-reaction");
    if (st.customer_type) parts.push_back(std::string(domain::to_string(*st.customer_type)) + "-only");
    if (st.min_open_minor) parts.push_back("min-open " + money::format_decimal(*st.min_open_minor, cur.exponent()));
    std::string tail;
    for (const auto& p : parts) tail += (tail.empty() ? "" : "  ") + p;
    std::string day = std::to_string(st.day);
    if (st.day >= 0) day = "+" + day;
    std::string out = std::string(indent) + "day " + std::string(day.size() < 4 ? 4 - day.size() : 0, ' ') + day + "  " +
                      padded(std::string(engine::to_string(st.kind)), 18) + "  " + padded(channels_text(st.channels), 16) +
                      "  " + tail;
    while (!out.empty() && out.back() == ' ') out.pop_back();
    std::printf("%s\n", out.c_str());
  }
}

void print_policy(const engine::ContactPolicyConfig& p) {
  const auto& all = p.hours[0];
  std::string hours = "contacts " + hours_text(all) + " local time";
  std::string exceptions;
  for (int c = 1; c < engine::kStepChannelCount; ++c) {
    const auto& h = p.hours[static_cast<std::size_t>(c)];
    if (h.allowed_from_minute == all.allowed_from_minute && h.allowed_to_minute == all.allowed_to_minute) continue;
    exceptions += (exceptions.empty() ? "" : ", ") + std::string(engine::to_string(static_cast<engine::StepChannel>(c))) +
                  " " + hours_text(h);
  }
  if (!exceptions.empty()) hours += " (" + exceptions + ")";
  std::string days;
  if (p.no_contact_on_sundays && p.no_contact_on_public_holidays) days = "no contact on Sundays and public holidays";
  else if (p.no_contact_on_sundays) days = "no contact on Sundays";
  else if (p.no_contact_on_public_holidays) days = "no contact on public holidays";
  else days = "contacts on every day of the week";
  std::printf("policy: %s; %s; at most %d contacts in %d days, at least %d days apart; deferred at most %d days\n",
              hours.c_str(), days.c_str(), p.max_contacts, p.window_days, p.min_gap_days, p.max_deferral_days);
}

void print_summary(const std::string& name, const engine::CollectionFile& f) {
  const auto& cur = f.segments.currency;
  std::printf("%s: valid (%zu segments, %zu strategies, amounts in %s)\n", name.c_str(), f.segments.segments.size(),
              f.strategies.size(), std::string(cur.code()).c_str());
  std::printf("segments (first match wins):\n");
  int i = 0;
  for (const auto& s : f.segments.segments) {
    std::string when;
    for (const auto& c : s.conditions) when += (when.empty() ? "" : " and ") + c.source_text;
    const auto* st = f.strategy_for(s.name);
    std::printf("  %d. %-20s %-40s -> %s\n", ++i, s.name.c_str(), when.empty() ? "(default)" : when.c_str(),
                st ? st->name.c_str() : "-");
  }
  print_policy(f.policy);
  for (const auto& sc : f.surcharges) {
    std::string what;
    if (sc.rule.fixed_minor) what = money::format_decimal(sc.rule.fixed_minor, cur.exponent()) + " " + std::string(cur.code());
    if (sc.rule.basis_points)
      what += (what.empty() ? "" : " + ") + money::format_decimal(sc.rule.basis_points, 2) + " %";
    std::printf("surcharge for %s%s: %s\n", std::string(law::to_string(sc.rule.method)).c_str(),
                sc.rule.customer_type ? (" (" + std::string(domain::to_string(*sc.rule.customer_type)) + " customers)").c_str()
                                      : " (every customer)",
                what.c_str());
  }
  for (const auto& s : f.strategies) {
    std::string about = "segment " + s.segment;
    if (!s.variants.empty()) about += ", experiment " + (s.experiment.empty() ? s.name : s.experiment);
    if (s.holdout) about += ", holdout " + std::to_string(s.holdout) + "%";
    std::printf("strategy %s (%s)\n", s.name.c_str(), about.c_str());
    print_steps(s.steps, cur, "  ");
    for (const auto& v : s.variants) {
      std::printf("  variant %s (%d%%)%s\n", v.name.c_str(), v.share, v.steps.empty() ? ": the strategy's steps" : "");
      print_steps(v.steps, cur, "    ");
    }
  }
}

void validate(Context& ctx, const ValidateArgs& a) {
  if (a.builtin == !a.file.empty()) {
    std::fprintf(stderr, "kulanz strategy validate: name a FILE or give --builtin\n");
    ctx.exit_code = 2;
    return;
  }
  const std::string name = a.builtin ? "builtin:default.toml" : a.file;
  engine::LoadResult r = a.builtin ? engine::parse_collection(engine::builtin_collection_text(), name)
                                   : engine::load_collection_file(a.file);
  if (!r.file) {
    for (const auto& d : r.errors) std::fprintf(stderr, "%s\n", d.to_string().c_str());
    std::fprintf(stderr, "kulanz strategy validate: %zu problem(s) (E7001)\n", r.errors.size());
    ctx.exit_code = 1;
    return;
  }
  print_summary(name, *r.file);
}

}  // namespace

void add_strategy_command(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("strategy", "Collection files: segments, strategies and the contact policy");
  cmd->require_subcommand(1);
  auto a = std::make_shared<ValidateArgs>();
  auto* v = cmd->add_subcommand("validate", "Check a collection file; every problem is printed as FILE:LINE:COL: message");
  v->add_option("file", a->file, "Collection file (TOML, docs/STRATEGIES.md)");
  v->add_flag("--builtin", a->builtin, "Check the built-in default set instead");
  v->callback([&ctx, a] { validate(ctx, *a); });
  auto* show = cmd->add_subcommand("show-default", "Print the built-in default collection file (a starting point)");
  show->callback([] {
    const auto text = engine::builtin_collection_text();
    std::fwrite(text.data(), 1, text.size(), stdout);
  });
  // The database side (`strategy load`, `strategy versions`) is added to this command by
  // add_strategy_store_commands (strategy_store_command.cpp), called from cli.cpp.
}

}  // namespace kulanz::cli
