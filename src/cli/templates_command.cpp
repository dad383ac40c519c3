// `kulanz templates`: the message texts — list, show, validate a folder of own texts, and a
// creditor's own texts set, reset and listed (docs/TEMPLATES.md).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>

#include "cli/context.hpp"
#include "services/creditor_templates.hpp"

namespace kulanz::cli {
namespace {

struct Args {
  std::string creditor, path, file, dir;
};

void fail_with(Context& ctx, const std::string& command, const std::string& message, int code = 1) {
  std::fprintf(stderr, "kulanz templates %s: %s\n", command.c_str(), message.c_str());
  ctx.exit_code = code;
}

std::optional<std::string> read_file(Context& ctx, const std::string& command, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    fail_with(ctx, command, "cannot read '" + path + "'", 2);
    return std::nullopt;
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The set in effect: the creditor's, or the shipped one without --creditor.
std::optional<comms::TemplateSet> set_for(Context& ctx, const std::string& command, const std::string& creditor,
                                          std::unique_ptr<ports::LedgerStore>& store) {
  if (creditor.empty()) {
    auto shipped = comms::TemplateSet::shipped();
    if (!shipped) {
      fail_with(ctx, command, shipped.error().to_string());
      return std::nullopt;
    }
    return std::move(*shipped);
  }
  store = ctx.open_store();
  if (!store) return std::nullopt;
  auto cr = ctx.find_creditor(*store, creditor);
  if (!cr) return std::nullopt;
  auto set = services::creditor_template_set(*store, cr->id);
  if (!set) {
    fail_with(ctx, command, set.error().detail);
    return std::nullopt;
  }
  return std::move(*set);
}

void list(Context& ctx, const Args& a) {
  std::unique_ptr<ports::LedgerStore> store;
  auto set = set_for(ctx, "list", a.creditor, store);
  if (!set) return;
  std::map<std::string, bool> own;
  if (store) {
    auto cr = ctx.find_creditor(*store, a.creditor);
    auto rows = store->creditor_templates(cr->id);
    if (!rows) return fail_with(ctx, "list", rows.error().to_string());
    for (const auto& [p, t] : *rows) own[p] = t.find_first_not_of(" \t\r\n") == std::string::npos;
  }
  for (const auto& p : set->paths()) std::printf("%s%s\n", p.c_str(), own.count(p) ? "\t(own text)" : "");
  for (const auto& [p, removed] : own) {
    if (removed) std::printf("%s\t(removed: falls back)\n", p.c_str());
  }
}

void show(Context& ctx, const Args& a) {
  std::unique_ptr<ports::LedgerStore> store;
  auto set = set_for(ctx, "show", a.creditor, store);
  if (!set) return;
  const std::string* text = set->text(a.path);
  if (!text) return fail_with(ctx, "show", "no template '" + a.path + "' (see `kulanz templates list`)", 2);
  std::fwrite(text->data(), 1, text->size(), stdout);
}

// Every *.mustache file under the folder, as paths relative to it.
void validate(Context& ctx, const Args& a) {
  std::error_code ec;
  if (!std::filesystem::is_directory(a.dir, ec)) return fail_with(ctx, "validate", "'" + a.dir + "' is not a folder", 2);
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(a.dir)) {
    if (!e.is_regular_file() || e.path().extension() != ".mustache") continue;
    auto text = read_file(ctx, "validate", e.path().string());
    if (!text) return;
    files.emplace_back(std::filesystem::relative(e.path(), a.dir).generic_string(), std::move(*text));
  }
  if (files.empty()) return fail_with(ctx, "validate", "no .mustache files under '" + a.dir + "'", 2);
  auto shipped = comms::TemplateSet::shipped();
  if (!shipped) return fail_with(ctx, "validate", shipped.error().to_string());
  std::vector<comms::TemplateFile> view;
  for (const auto& [p, t] : files) view.push_back({p, t});
  auto set = shipped->overlay(view);
  if (!set) {
    std::fprintf(stderr, "%s\n", set.error().detail.c_str());
    return fail_with(ctx, "validate", "the texts under '" + a.dir + "' have problems (E8005)");
  }
  std::printf("%s: %zu text(s) valid over the shipped templates\n", a.dir.c_str(), files.size());
}

void change(Context& ctx, const Args& a, bool reset) {
  const std::string command = reset ? "reset" : "set";
  std::optional<std::string> text;
  if (!reset) {
    text = read_file(ctx, command, a.file);
    if (!text) return;
  }
  auto store = ctx.open_store();
  if (!store) return;
  auto cr = ctx.find_creditor(*store, a.creditor);
  if (!cr) return;
  std::map<std::string, std::optional<std::string>> changes{{a.path, text}};
  if (auto st = services::change_creditor_templates(*store, cr->id, changes, ctx.clock.now_unix()); !st) {
    if (st.error().code == base::ErrorCode::template_invalid) {
      std::fprintf(stderr, "%s\n", st.error().detail.c_str());
      return fail_with(ctx, command, "nothing was saved (E8005)");
    }
    return fail_with(ctx, command, st.error().to_string());
  }
  std::printf(reset ? "%s: %s uses the shipped text again\n" : "%s: %s saved\n", cr->code.c_str(), a.path.c_str());
}

}  // namespace

void add_templates_command(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("templates", "Message texts: list, show, validate, and a creditor's own texts");
  cmd->require_subcommand(1);
  auto a = std::make_shared<Args>();
  auto* l = cmd->add_subcommand("list", "List the texts in effect (the shipped ones, or a creditor's)");
  l->add_option("--creditor", a->creditor, "Creditor code or id (marks its own texts)");
  l->callback([&ctx, a] { list(ctx, *a); });
  auto* s = cmd->add_subcommand("show", "Print a text in effect");
  s->add_option("path", a->path, "e.g. de/firm/first_reminder.email.subject.mustache")->required();
  s->add_option("--creditor", a->creditor, "Creditor code or id");
  s->callback([&ctx, a] { show(ctx, *a); });
  auto* v = cmd->add_subcommand("validate", "Check a folder of own texts (paths as in data/templates/) over the shipped ones");
  v->add_option("dir", a->dir, "The folder")->required();
  v->callback([&ctx, a] { validate(ctx, *a); });
  auto* set = cmd->add_subcommand("set", "Use a creditor's own text for one part (checked; an empty file removes the part)");
  set->add_option("--creditor", a->creditor, "Creditor code or id")->required();
  set->add_option("path", a->path, "e.g. de/firm/first_reminder.email.subject.mustache")->required();
  set->add_option("file", a->file, "The file with the text")->required();
  set->callback([&ctx, a] { change(ctx, *a, false); });
  auto* reset = cmd->add_subcommand("reset", "Use the shipped text again for one part");
  reset->add_option("--creditor", a->creditor, "Creditor code or id")->required();
  reset->add_option("path", a->path, "The part's path")->required();
  reset->callback([&ctx, a] { change(ctx, *a, true); });
}

}  // namespace kulanz::cli
