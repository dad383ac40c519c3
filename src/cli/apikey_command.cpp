#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>

#include "cli/context.hpp"
#include "http/api_keys.hpp"

namespace kulanz::cli {

void add_apikey_command(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("apikey", "Manage API keys of a creditor");
  cmd->require_subcommand(1);
  auto* create = cmd->add_subcommand("create", "Create an API key; it is printed once and stored only as a hash");
  static std::string creditor, label = "default";
  create->add_option("--creditor", creditor, "Creditor code or id")->required();
  create->add_option("--label", label, "What the key is for (e.g. erp-sync)")->capture_default_str();
  create->callback([&ctx] {
    auto s = ctx.open_store();
    if (!s) return;
    auto cr = ctx.find_creditor(*s, creditor);
    if (!cr) return;
    auto key = http::create_api_key(*s, cr->id, label, ctx.clock.now_unix());
    if (!key) {
      std::fprintf(stderr, "kulanz apikey create: %s\n", key.error().to_string().c_str());
      ctx.exit_code = 2;
      return;
    }
    std::printf("%s\n", key->c_str());
    // The prefix is what later shows up in lists and logs; the rest is never stored.
    auto parts = http::parse_api_key(*key);
    std::string prefix = parts ? std::string(parts->prefix) : std::string();
    std::fprintf(stderr,
                 "API key kz_%s_... (\"%s\") for creditor %s created. Store it now: it cannot be shown again.\n"
                 "Use it as: Authorization: Bearer <key>\n",
                 prefix.c_str(), label.c_str(), cr->code.c_str());
  });
}

}  // namespace kulanz::cli
