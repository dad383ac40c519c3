#include <CLI/CLI.hpp>
#include <cstdio>
#include <ctime>
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
  auto* list = cmd->add_subcommand("list", "List the creditor's API keys (prefix, label, created, state; never the secret)");
  static std::string list_creditor;
  list->add_option("--creditor", list_creditor, "Creditor code or id")->required();
  list->callback([&ctx] {
    auto s = ctx.open_store();
    if (!s) return;
    auto cr = ctx.find_creditor(*s, list_creditor);
    if (!cr) return;
    auto keys = s->list_api_keys(cr->id);
    if (!keys) {
      std::fprintf(stderr, "kulanz apikey list: %s\n", keys.error().to_string().c_str());
      ctx.exit_code = 2;
      return;
    }
    std::printf("prefix\tlabel\tcreated_utc\tstate\n");
    for (const auto& k : *keys) {
      std::time_t t = static_cast<std::time_t>(k.created_unix);
      std::tm tm{};
      gmtime_r(&t, &tm);
      char when[32];
      std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
      std::printf("%s\t%s\t%s\t%s\n", k.prefix.c_str(), k.label.c_str(), when, k.revoked ? "revoked" : "active");
    }
  });

  auto* revoke = cmd->add_subcommand("revoke", "Revoke an API key by its prefix (shown by `apikey list`); effective at once");
  static std::string revoke_creditor, revoke_prefix;
  revoke->add_option("--creditor", revoke_creditor, "Creditor code or id")->required();
  revoke->add_option("prefix", revoke_prefix, "The key's prefix (the part after kz_), or the whole key")->required();
  revoke->callback([&ctx] {
    auto s = ctx.open_store();
    if (!s) return;
    auto cr = ctx.find_creditor(*s, revoke_creditor);
    if (!cr) return;
    std::string prefix = revoke_prefix;
    if (auto parts = http::parse_api_key(prefix)) prefix = std::string(parts->prefix);
    auto done = s->revoke_api_key(cr->id, prefix);
    if (!done) {
      std::fprintf(stderr, "kulanz apikey revoke: %s\n", done.error().to_string().c_str());
      ctx.exit_code = 2;
      return;
    }
    if (!*done) {
      std::fprintf(stderr, "kulanz apikey revoke: creditor %s has no API key with prefix '%s' (see `kulanz apikey list --creditor %s`)\n",
                   cr->code.c_str(), prefix.c_str(), cr->code.c_str());
      ctx.exit_code = 1;
      return;
    }
    std::printf("revoked API key kz_%s_... of creditor %s\n", prefix.c_str(), cr->code.c_str());
  });
}

}  // namespace kulanz::cli
