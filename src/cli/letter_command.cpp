// `kulanz letter`: writes the letter a customer would get on a day as a PDF
// (services/letters.hpp, docs/DOCUMENTS.md).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "cli/context.hpp"
#include "comms/format.hpp"
#include "documents/creditor_reference.hpp"
#include "services/letters.hpp"

namespace kulanz::cli {
namespace {

struct LetterArgs {
  std::string customer, creditor, as_of, out, base_rates;
};

void fail_with(Context& ctx, const std::string& message, int code = 1) {
  std::fprintf(stderr, "kulanz letter: %s\n", message.c_str());
  ctx.exit_code = code;
}

void run(Context& ctx, const LetterArgs& a) {
  auto as_of = calendar::Date::parse(a.as_of);
  if (!as_of) return fail_with(ctx, "--as-of: " + as_of.error().detail, 2);
  auto rates = load_base_rate_table(ctx, a.base_rates);
  if (!rates) return;
  auto store = ctx.open_store();
  if (!store) return;
  std::optional<domain::Creditor> creditor;
  if (!a.creditor.empty()) {
    creditor = ctx.find_creditor(*store, a.creditor);
    if (!creditor) return;
  } else {
    auto all = store->list_creditors();
    if (!all) return fail_with(ctx, all.error().to_string());
    for (const auto& c : *all) {
      auto found = store->customer_by_external_id(c.id, a.customer);
      if (!found) return fail_with(ctx, found.error().to_string());
      if (!*found) continue;
      if (creditor) return fail_with(ctx, "customer '" + a.customer + "' exists at several creditors; name one with --creditor", 2);
      creditor = c;
    }
    if (!creditor) return fail_with(ctx, "no customer '" + a.customer + "' (customers are named by their external id)", 2);
  }
  services::LetterRequest r;
  r.creditor = creditor->id;
  r.customer_external_id = a.customer;
  r.as_of = *as_of;
  r.now_unix = ctx.clock.now_unix();
  r.base_rates = &*rates;
  r.portal.secret = ctx.config.portal_secret;
  r.portal.public_url = ctx.config.public_url;
  auto letter = services::compose_letter(*store, r);
  if (!letter) return fail_with(ctx, letter.error().to_string());
  const std::string tmp = a.out + ".part";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) return fail_with(ctx, "cannot write '" + tmp + "' (check that the folder exists and is writable)");
    f << letter->pdf;
    f.flush();
    if (!f) {
      std::filesystem::remove(tmp);
      return fail_with(ctx, "writing '" + a.out + "' failed (disk full?)");
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, a.out, ec);
  if (ec) return fail_with(ctx, "cannot move '" + tmp + "' to '" + a.out + "': " + ec.message());
  const domain::Language lang = letter->language == "en" ? domain::Language::en : domain::Language::de;
  std::printf("wrote %s: %d page(s), %s (%s, %s)%s; %zu item(s), total %s, reference %s\n", a.out.c_str(), letter->pages,
              letter->template_name.c_str(), letter->tone.c_str(), letter->language.c_str(),
              letter->from_decision ? ", the day's message" : ", nothing is sent that day: a statement",
              letter->items.size(), comms::format_money(letter->total_due_minor, letter->currency, lang).c_str(),
              documents::format_rf(letter->reference).c_str());
}

}  // namespace

void add_letter_command(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<LetterArgs>();
  auto* cmd = app.add_subcommand("letter", "Write the letter a customer would get on a day as a PDF");
  cmd->add_option("--customer", a->customer, "The customer's external id, e.g. K-1001")->required();
  cmd->add_option("--as-of", a->as_of, "The day (YYYY-MM-DD)")->required();
  cmd->add_option("--out", a->out, "The PDF file to write")->required();
  cmd->add_option("--creditor", a->creditor, "Creditor code or id (needed when several creditors have the customer)");
  cmd->add_option("--base-rates", a->base_rates, "Base-rate table (CSV) instead of the configured or built-in one");
  cmd->callback([&ctx, a] { run(ctx, *a); });
}

}  // namespace kulanz::cli
