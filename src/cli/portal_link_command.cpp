// `kulanz portal-link`: prints a customer's personal portal link, or revokes it and prints
// the new one (docs/PORTAL.md).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <string>

#include "cli/context.hpp"
#include "services/portal_links.hpp"

namespace kulanz::cli {
namespace {

struct LinkArgs {
  std::string creditor, customer;
  bool revoke = false;
};

void fail_with(Context& ctx, const std::string& message, int code = 1) {
  std::fprintf(stderr, "kulanz portal-link: %s\n", message.c_str());
  ctx.exit_code = code;
}

void run(Context& ctx, const LinkArgs& a) {
  auto store = ctx.open_store();
  if (!store) return;
  auto who = ctx.find_customer(*store, "portal-link", a.creditor, a.customer);
  if (!who) return;
  const domain::Creditor* creditor = &who->creditor;
  const domain::Customer* customer = &who->customer;
  services::PortalLinkSettings settings;
  settings.secret = ctx.config.portal_secret;
  settings.public_url = ctx.config.public_url;
  const auto now = ctx.clock.now_unix();
  auto link = a.revoke ? services::revoke_portal_link(*store, settings, creditor->id, customer->id, now)
                       : services::portal_link(*store, settings, creditor->id, customer->id, now);
  if (!link) return fail_with(ctx, link.error().to_string());
  if (a.revoke) std::fprintf(stderr, "the previous link of %s no longer works\n", a.customer.c_str());
  std::printf("%s\n", link->url.c_str());
}

}  // namespace

void add_portal_link_command(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<LinkArgs>();
  auto* cmd = app.add_subcommand("portal-link", "Print a customer's personal portal link (or revoke it and print the new one)");
  cmd->add_option("--customer", a->customer, "The customer's external id, e.g. K-1001")->required();
  cmd->add_option("--creditor", a->creditor, "Creditor code or id (needed when several creditors have the customer)");
  cmd->add_flag("--revoke", a->revoke, "Revoke the current link; the old one stops working, a new one is printed");
  cmd->callback([&ctx, a] { run(ctx, *a); });
}

}  // namespace kulanz::cli
