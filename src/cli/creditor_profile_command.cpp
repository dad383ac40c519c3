// `kulanz creditor profile` and `kulanz creditor show`: the imprint, contact and bank
// details, logo and colour that letters, messages and the portal show (docs/CONFIGURATION.md).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include "cli/context.hpp"
#include "documents/bic.hpp"
#include "documents/iban.hpp"

namespace kulanz::cli {
namespace {

constexpr std::size_t kMaxLogoBytes = 512 * 1024;

struct ProfileArgs {
  std::string creditor;
  std::map<std::string, std::optional<std::string>> fields;  // option name -> value when given
  std::string logo;
  bool no_logo = false;
};

// The options that set one text field each, with the field they set.
const std::vector<std::pair<std::string, std::string domain::CreditorProfile::*>>& text_options() {
  static const std::vector<std::pair<std::string, std::string domain::CreditorProfile::*>> options = {
      {"legal-name", &domain::CreditorProfile::legal_name},
      {"street", &domain::CreditorProfile::street},
      {"postal-code", &domain::CreditorProfile::postal_code},
      {"city", &domain::CreditorProfile::city},
      {"country", &domain::CreditorProfile::country},
      {"phone", &domain::CreditorProfile::phone},
      {"email", &domain::CreditorProfile::email},
      {"reply-to", &domain::CreditorProfile::reply_to},
      {"website", &domain::CreditorProfile::website},
      {"iban", &domain::CreditorProfile::iban},
      {"bic", &domain::CreditorProfile::bic},
      {"bank-name", &domain::CreditorProfile::bank_name},
      {"register", &domain::CreditorProfile::register_entry},
      {"vat-id", &domain::CreditorProfile::vat_id},
      {"management", &domain::CreditorProfile::management},
      {"brand-color", &domain::CreditorProfile::brand_color},
  };
  return options;
}

void fail_with(Context& ctx, const std::string& message, int code = 2) {
  std::fprintf(stderr, "kulanz creditor profile: %s\n", message.c_str());
  ctx.exit_code = code;
}

bool is_hex_color(const std::string& s) {
  if (s.size() != 7 || s[0] != '#') return false;
  for (std::size_t i = 1; i < s.size(); ++i) {
    if (!std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

void set_profile(Context& ctx, const ProfileArgs& a) {
  auto store = ctx.open_store();
  if (!store) return;
  auto cr = ctx.find_creditor(*store, a.creditor);
  if (!cr) return;
  auto stored = store->creditor_profile(cr->id);
  if (!stored) return fail_with(ctx, stored.error().to_string(), 1);
  domain::CreditorProfile p = stored->value_or(domain::CreditorProfile{});
  for (const auto& [name, member] : text_options()) {
    const auto it = a.fields.find(name);
    if (it != a.fields.end() && it->second) p.*member = *it->second;
  }
  if (!p.iban.empty()) {
    auto iban = documents::normalize_iban(p.iban);
    if (!iban) return fail_with(ctx, "--iban: " + iban.error().detail);
    p.iban = *iban;
  }
  if (!p.bic.empty()) {
    auto bic = documents::normalize_bic(p.bic);
    if (!bic) return fail_with(ctx, "--bic: " + bic.error().detail);
    p.bic = *bic;
  }
  if (!is_hex_color(p.brand_color)) return fail_with(ctx, "--brand-color: '" + p.brand_color + "' is not a colour like #1f4e79");
  if (a.no_logo) p.logo_png.clear();
  if (!a.logo.empty()) {
    std::ifstream in(a.logo, std::ios::binary);
    if (!in) return fail_with(ctx, "--logo: cannot read '" + a.logo + "'");
    std::ostringstream bytes;
    bytes << in.rdbuf();
    std::string png = bytes.str();
    if (png.size() < 8 || png.compare(0, 8, std::string("\x89PNG\r\n\x1a\n", 8)) != 0)
      return fail_with(ctx, "--logo: '" + a.logo + "' is not a PNG image (its first bytes are not the PNG signature)");
    if (png.size() > kMaxLogoBytes)
      return fail_with(ctx, "--logo: '" + a.logo + "' has " + std::to_string(png.size()) + " bytes; at most " +
                                std::to_string(kMaxLogoBytes) + " are allowed (scale it down)");
    p.logo_png = std::move(png);
  }
  if (auto st = store->save_creditor_profile(cr->id, p); !st) return fail_with(ctx, st.error().to_string(), 1);
  std::printf("profile of %s saved\n", cr->code.c_str());
}

void show_profile(Context& ctx, const std::string& creditor) {
  auto store = ctx.open_store();
  if (!store) return;
  auto cr = ctx.find_creditor(*store, creditor);
  if (!cr) return;
  auto stored = store->creditor_profile(cr->id);
  if (!stored) return fail_with(ctx, stored.error().to_string(), 1);
  std::printf("creditor\t%s\nname\t%s\ncurrency\t%s\n", cr->code.c_str(), cr->name.c_str(),
              std::string(cr->currency.code()).c_str());
  if (!*stored) {
    std::printf("profile\tnone (set it with `kulanz creditor profile --creditor %s ...`)\n", cr->code.c_str());
    return;
  }
  const auto& p = **stored;
  for (const auto& [name, member] : text_options()) {
    std::string value = p.*member;
    if (name == "iban" && !value.empty()) value = documents::format_iban(value);
    std::printf("%s\t%s\n", name.c_str(), value.c_str());
  }
  std::printf("logo\t%s\n", p.logo_png.empty() ? "none" : ("PNG, " + std::to_string(p.logo_png.size()) + " bytes").c_str());
}

}  // namespace

void add_creditor_profile_commands(CLI::App& creditor, Context& ctx) {
  auto a = std::make_shared<ProfileArgs>();
  auto* cmd = creditor.add_subcommand(
      "profile", "Set what letters, messages and the portal show about a creditor (only the options given change)");
  cmd->add_option("--creditor", a->creditor, "Creditor code or id")->required();
  for (const auto& [name, member] : text_options()) {
    (void)member;
    a->fields[name];
    cmd->add_option_function<std::string>(
        "--" + name, [a, name = name](const std::string& v) { a->fields[name] = v; },
        name == "iban"          ? "IBAN for payments (checked), e.g. DE89 3704 0044 0532 0130 00"
        : name == "brand-color" ? "Colour of the portal and letters, #rrggbb"
        : name == "register"    ? "Register entry, e.g. \"Amtsgericht München, HRB 12345\""
                                : "Profile field " + name);
  }
  cmd->add_option("--logo", a->logo, "Logo as a PNG file (at most 512 KiB)");
  cmd->add_flag("--no-logo", a->no_logo, "Remove the logo");
  cmd->callback([&ctx, a] { set_profile(ctx, *a); });

  static std::string show_creditor;
  auto* show = creditor.add_subcommand("show", "Show a creditor and its profile");
  show->add_option("--creditor", show_creditor, "Creditor code or id")->required();
  show->callback([&ctx] { show_profile(ctx, show_creditor); });
}

}  // namespace kulanz::cli
