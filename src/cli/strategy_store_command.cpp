// `kulanz strategy load` and `kulanz strategy versions`: collection files in the database.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>

#include "cli/context.hpp"
#include "services/collection_service.hpp"

namespace kulanz::cli {
namespace {

struct StoreArgs {
  std::string file, creditor, note;
};

void fail_with(Context& ctx, const std::string& command, const std::string& message) {
  std::fprintf(stderr, "kulanz %s: %s\n", command.c_str(), message.c_str());
  ctx.exit_code = 2;
}

void load(Context& ctx, const StoreArgs& a) {
  std::ifstream in(a.file, std::ios::binary);
  if (!in) return fail_with(ctx, "strategy load", "cannot read '" + a.file + "'");
  std::ostringstream text;
  text << in.rdbuf();
  auto store = ctx.open_store();
  if (!store) return;
  auto cr = ctx.find_creditor(*store, a.creditor);
  if (!cr) return;
  auto out = services::load_collection(*store, cr->id, text.str(), a.file, a.note.empty() ? "loaded from " + a.file : a.note,
                                       ctx.clock.now_unix());
  if (!out) {
    if (out.error().code == base::ErrorCode::collection_invalid) {
      std::fprintf(stderr, "%s\n", out.error().detail.c_str());
      std::fprintf(stderr, "kulanz strategy load: nothing was stored (E7001)\n");
      ctx.exit_code = 1;
      return;
    }
    return fail_with(ctx, "strategy load", out.error().to_string());
  }
  if (!out->new_file_version) {
    std::printf("unchanged: %s equals collection file version %lld of %s\n", a.file.c_str(),
                static_cast<long long>(out->file_version), cr->code.c_str());
    return;
  }
  std::printf("collection file version %lld stored for %s\n", static_cast<long long>(out->file_version), cr->code.c_str());
  for (const auto& c : out->changed) std::printf("  new strategy version: %s\n", c.c_str());
  if (out->changed.empty()) std::printf("  strategies unchanged (segments or policy changed)\n");
}

void versions(Context& ctx, const StoreArgs& a) {
  auto store = ctx.open_store();
  if (!store) return;
  auto cr = ctx.find_creditor(*store, a.creditor);
  if (!cr) return;
  auto& cs = store->collection();
  auto files = cs.list_collection_files(cr->id);
  if (!files) return fail_with(ctx, "strategy versions", files.error().to_string());
  auto strategies = cs.list_strategy_versions(cr->id);
  if (!strategies) return fail_with(ctx, "strategy versions", strategies.error().to_string());
  std::printf("collection files of %s:\n", cr->code.c_str());
  if (files->empty()) std::printf("  none yet (the first run stores the built-in default set)\n");
  for (const auto& f : *files) {
    std::printf("  v%lld  %s  %s\n", static_cast<long long>(f.version), f.sha256.substr(0, 12).c_str(), f.note.c_str());
  }
  std::printf("strategy versions:\n");
  for (const auto& s : *strategies) {
    std::printf("  %s v%lld  segment %s  (file v%lld, %s)\n", s.name.c_str(), static_cast<long long>(s.version),
                s.segment.c_str(), static_cast<long long>(s.collection_version), s.fingerprint.substr(0, 12).c_str());
  }
}

}  // namespace

void add_strategy_store_commands(CLI::App& strategy, Context& ctx) {
  auto a = std::make_shared<StoreArgs>();
  auto* load_cmd = strategy.add_subcommand(
      "load", "Validate a collection file and store it for a creditor (a new version of every changed strategy)");
  load_cmd->add_option("file", a->file, "Collection file (TOML, docs/STRATEGIES.md)")->required();
  load_cmd->add_option("--creditor", a->creditor, "Creditor code or id")->required();
  load_cmd->add_option("--note", a->note, "Why it changed (kept with the version)");
  load_cmd->callback([&ctx, a] { load(ctx, *a); });
  auto* v = strategy.add_subcommand("versions", "List a creditor's collection file versions and strategy versions");
  v->add_option("--creditor", a->creditor, "Creditor code or id")->required();
  v->callback([&ctx, a] { versions(ctx, *a); });
}

}  // namespace kulanz::cli
