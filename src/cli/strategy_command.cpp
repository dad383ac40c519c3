// `kulanz strategy validate` and `kulanz strategy show-default`: collection files on disk.
// The database side (load, versions) is in strategy_store_command.cpp.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>

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

void print_steps(const std::vector<engine::Step>& steps, const money::Currency& cur, const char* indent) {
  for (const auto& st : steps) {
    std::string what = st.template_name.empty() ? "" : st.template_name;
    if (st.tone) what += "/" + std::string(engine::to_string(*st.tone));
    if (st.fee_type) {
      what += std::string(engine::to_string(*st.fee_type));
      if (st.fee_minor) what += " " + money::format_decimal(*st.fee_minor, cur.exponent());
    }
    std::string flags;
    if (st.optional) flags += " optional";
    if (st.only_if_no_reaction_since_last_step) flags += " only-if-no-reaction";
    if (st.customer_type) flags += " " + std::string(domain::to_string(*st.customer_type)) + "-only";
    if (st.min_open_minor) flags += " min-open " + money::format_decimal(*st.min_open_minor, cur.exponent());
    std::printf("%sday %+4d  %-18s %-22s %s%s\n", indent, st.day, std::string(engine::to_string(st.kind)).c_str(),
                channels_text(st.channels).c_str(), what.c_str(), flags.c_str());
  }
}

void validate(Context& ctx, const ValidateArgs& a) {
  if (a.builtin == !a.file.empty()) {
    std::fprintf(stderr, "kulanz strategy validate: name a FILE or give --builtin\n");
    ctx.exit_code = 2;
    return;
  }
  engine::LoadResult r = a.builtin ? engine::parse_collection(engine::builtin_collection_text(), "builtin:default.toml")
                                   : engine::load_collection_file(a.file);
  if (!r.file) {
    for (const auto& d : r.errors) std::fprintf(stderr, "%s\n", d.to_string().c_str());
    std::fprintf(stderr, "kulanz strategy validate: %zu problem(s) (E7001)\n", r.errors.size());
    ctx.exit_code = 1;
    return;
  }
  const auto& f = *r.file;
  const auto& cur = f.segments.currency;
  std::printf("%s: valid (%zu segments, %zu strategies, amounts in %s)\n",
              a.builtin ? "builtin:default.toml" : a.file.c_str(), f.segments.segments.size(), f.strategies.size(),
              std::string(cur.code()).c_str());
  std::printf("segments (first match wins):\n");
  int i = 0;
  for (const auto& s : f.segments.segments) {
    std::string when;
    for (const auto& c : s.conditions) when += (when.empty() ? "" : " and ") + c.source_text;
    const auto* st = f.strategy_for(s.name);
    std::printf("  %d. %-20s %-40s -> %s\n", ++i, s.name.c_str(), when.empty() ? "(default)" : when.c_str(),
                st ? st->name.c_str() : "-");
  }
  std::printf("policy: no contact on %s%s; at most %d contacts in %d days, %d days apart\n",
              f.policy.no_contact_on_sundays ? "Sundays" : "",
              f.policy.no_contact_on_public_holidays ? (f.policy.no_contact_on_sundays ? " and public holidays" : "public holidays") : "",
              f.policy.max_contacts, f.policy.window_days, f.policy.min_gap_days);
  for (const auto& s : f.strategies) {
    std::printf("strategy %s (segment %s)%s\n", s.name.c_str(), s.segment.c_str(),
                s.holdout ? (", holdout " + std::to_string(s.holdout) + "%").c_str() : "");
    print_steps(s.steps, cur, "  ");
    for (const auto& v : s.variants) {
      std::printf("  variant %s (%d%%)%s\n", v.name.c_str(), v.share, v.steps.empty() ? ": the strategy's steps" : "");
      print_steps(v.steps, cur, "    ");
    }
  }
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
  show->callback([] { std::fputs(std::string(engine::builtin_collection_text()).c_str(), stdout); });
}

}  // namespace kulanz::cli
