// `kulanz portal check|load|show`: a creditor's portal file (docs/PORTAL.md): the identity
// check, plan and promise policy, ways to pay, reasons, callback windows and knowledge base.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "cli/context.hpp"
#include "portal/settings.hpp"
#include "services/portal.hpp"

namespace kulanz::cli {
namespace {

constexpr std::size_t kMaxFileBytes = 4 * 1024 * 1024;

struct PortalArgs {
  std::string creditor, file, note;
};

void fail_with(Context& ctx, const std::string& message, int code = 1) {
  std::fprintf(stderr, "kulanz portal: %s\n", message.c_str());
  ctx.exit_code = code;
}

// The file's text, or nullopt after reporting why not.
std::optional<std::string> read_text(Context& ctx, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    fail_with(ctx, path + ": cannot be read; check the path and permissions", 2);
    return std::nullopt;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  if (text.size() > kMaxFileBytes) {
    fail_with(ctx, path + ": larger than 4 MiB; a portal file is a few kilobytes of TOML", 2);
    return std::nullopt;
  }
  return text;
}

void report(Context& ctx, const std::vector<portal::Diagnostic>& errors) {
  for (const auto& e : errors) std::fprintf(stderr, "%s\n", e.to_string().c_str());
  std::fprintf(stderr, "kulanz portal: %zu problem%s; nothing was stored\n", errors.size(), errors.size() == 1 ? "" : "s");
  ctx.exit_code = 1;
}

void summary(const portal::PortalSettings& s) {
  std::printf("check\t%s (%d wrong answers in %lld min lock it for %lld min)\n", std::string(domain::to_string(s.check)).c_str(),
              s.check_limits.max_failures, static_cast<long long>(s.check_limits.window_seconds / 60),
              static_cast<long long>(s.check_limits.lock_seconds / 60));
  std::printf("plan\t%s, up to %d months\n", s.plan.enabled ? "offered" : "not offered", s.plan.max_months);
  std::printf("promise\t%s, up to %d days\n", s.promise.enabled ? "offered" : "not offered", s.promise.max_days);
  std::string methods;
  for (auto m : s.methods) methods += (methods.empty() ? "" : ", ") + std::string(portal::to_string(m));
  std::printf("payment\t%s\n", methods.c_str());
  std::printf("reasons\t%zu dispute, %zu credit note\n", s.dispute_reasons.size(), s.credit_note_reasons.size());
  std::printf("answers\t%zu\n", s.answers.size());
}

void check(Context& ctx, const PortalArgs& a) {
  auto text = read_text(ctx, a.file);
  if (!text) return;
  auto parsed = portal::parse_portal_settings(*text, a.file);
  if (!parsed.settings) return report(ctx, parsed.errors);
  std::printf("%s: valid\n", a.file.c_str());
  summary(*parsed.settings);
}

void load(Context& ctx, const PortalArgs& a) {
  auto text = read_text(ctx, a.file);
  if (!text) return;
  auto store = ctx.open_store();
  if (!store) return;
  auto creditor = ctx.find_creditor(*store, a.creditor);
  if (!creditor) return;
  std::string note = a.note.empty() ? "cli: " + a.file : a.note;
  auto outcome = services::load_portal_file(*store, creditor->id, *text, a.file, note, ctx.clock.now_unix());
  if (!outcome) return fail_with(ctx, outcome.error().to_string());
  if (!outcome->errors.empty()) return report(ctx, outcome->errors);
  std::printf(outcome->unchanged ? "portal file of %s unchanged (version %lld)\n" : "portal file of %s stored as version %lld\n",
              creditor->code.c_str(), static_cast<long long>(outcome->version));
}

void show(Context& ctx, const PortalArgs& a) {
  auto store = ctx.open_store();
  if (!store) return;
  auto creditor = ctx.find_creditor(*store, a.creditor);
  if (!creditor) return;
  auto latest = store->portal().latest_portal_file(creditor->id);
  if (!latest) return fail_with(ctx, latest.error().to_string());
  if (!*latest) {
    std::printf("# %s has no portal file of its own; the shipped default applies:\n%s", creditor->code.c_str(),
                std::string(portal::builtin_portal_text()).c_str());
    return;
  }
  std::printf("# portal file of %s, version %lld (%s)\n%s", creditor->code.c_str(), static_cast<long long>((*latest)->version),
              (*latest)->note.c_str(), (*latest)->content.c_str());
}

}  // namespace

void add_portal_command(CLI::App& app, Context& ctx) {
  auto* portal_cmd = app.add_subcommand("portal", "The customer portal's settings per creditor (check, plans, promises, reasons, answers)");
  portal_cmd->require_subcommand(1);
  auto a = std::make_shared<PortalArgs>();
  auto* check_cmd = portal_cmd->add_subcommand("check", "Check a portal file without storing it");
  check_cmd->add_option("file", a->file, "The portal file (TOML)")->required();
  check_cmd->callback([&ctx, a] { check(ctx, *a); });
  auto* load_cmd = portal_cmd->add_subcommand("load", "Check a portal file and store it as the creditor's next version");
  load_cmd->add_option("--creditor", a->creditor, "Creditor code or id")->required();
  load_cmd->add_option("--note", a->note, "Who loaded it and why (default: the file name)");
  load_cmd->add_option("file", a->file, "The portal file (TOML)")->required();
  load_cmd->callback([&ctx, a] { load(ctx, *a); });
  auto* show_cmd = portal_cmd->add_subcommand("show", "Print the portal file that applies to a creditor");
  show_cmd->add_option("--creditor", a->creditor, "Creditor code or id")->required();
  show_cmd->callback([&ctx, a] { show(ctx, *a); });
}

}  // namespace kulanz::cli
