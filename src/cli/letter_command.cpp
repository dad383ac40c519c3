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
#include "services/dispatch.hpp"
#include "services/letters.hpp"

namespace kulanz::cli {
namespace {

struct LetterArgs {
  std::string customer, creditor, as_of, out, base_rates;
  bool email = false;  // `kulanz email`: the e-mail instead of the letter
  bool sms = false;    // `kulanz sms`: the SMS, printed
  bool json = false;   // `kulanz sms --json`: the gateway's request body
};

const char* g_command = "letter";  // the command being run, for messages

void fail_with(Context& ctx, const std::string& message, int code = 1) {
  std::fprintf(stderr, "kulanz %s: %s\n", g_command, message.c_str());
  ctx.exit_code = code;
}

bool write_file(Context& ctx, const std::string& path, const std::string& bytes);

void run(Context& ctx, const LetterArgs& a) {
  g_command = a.sms ? "sms" : a.email ? "email" : "letter";
  auto as_of = calendar::Date::parse(a.as_of);
  if (!as_of) return fail_with(ctx, "--as-of: " + as_of.error().detail, 2);
  auto rates = load_base_rate_table(ctx, a.base_rates);
  if (!rates) return;
  auto store = ctx.open_store();
  if (!store) return;
  auto who = ctx.find_customer(*store, g_command, a.creditor, a.customer);
  if (!who) return;
  const domain::Creditor* creditor = &who->creditor;
  services::LetterRequest r;
  r.creditor = creditor->id;
  r.customer_external_id = a.customer;
  r.as_of = *as_of;
  r.now_unix = ctx.clock.now_unix();
  r.base_rates = &*rates;
  r.portal.secret = ctx.config.portal_secret;
  r.portal.public_url = ctx.config.public_url;
  if (a.sms) {
    const std::string sender = ctx.config.sms_sender.empty() ? creditor->code : ctx.config.sms_sender;
    auto sms = services::compose_sms(*store, r, sender, static_cast<std::size_t>(ctx.config.sms_max_segments));
    if (!sms) return fail_with(ctx, sms.error().to_string());
    if (a.json) {
      std::printf("%s\n", sms->request_json.c_str());
      return;
    }
    std::printf("SMS to %s, %s (%s, %s): %zu characters, %s, %zu segment(s)\n%s\n", sms->to.c_str(),
                sms->meta.template_name.c_str(), sms->meta.tone.c_str(), sms->meta.language.c_str(), sms->characters,
                sms->gsm7 ? "GSM-7" : "UCS-2", sms->segments, sms->text.c_str());
    return;
  }
  if (a.email) {
    auto mail = services::compose_email(*store, r);
    if (!mail) return fail_with(ctx, mail.error().to_string());
    if (!write_file(ctx, a.out, mail->eml)) return;
    std::string attached = mail->meta.pages > 0 ? "letter attached (" + std::to_string(mail->meta.pages) + " page(s))"
                                                : std::string("no letter attached");
    for (const auto& name : mail->invoice_copies) attached += ", " + name;
    for (const auto& name : mail->copies_left_out) attached += ", " + name + " left out (size limit)";
    std::printf("wrote %s: e-mail to %s, %s (%s, %s), Message-ID %s, %s, reference %s\n", a.out.c_str(),
                mail->to.c_str(), mail->meta.template_name.c_str(), mail->meta.tone.c_str(),
                mail->meta.language.c_str(), mail->message_id.c_str(), attached.c_str(),
                documents::format_rf(mail->meta.reference).c_str());
    return;
  }
  auto letter = services::compose_letter(*store, r);
  if (!letter) return fail_with(ctx, letter.error().to_string());
  if (!write_file(ctx, a.out, letter->pdf)) return;
  const domain::Language lang = letter->language == "en" ? domain::Language::en : domain::Language::de;
  std::printf("wrote %s: %d page(s), %s (%s, %s)%s; %zu item(s), total %s, reference %s\n", a.out.c_str(), letter->pages,
              letter->template_name.c_str(), letter->tone.c_str(), letter->language.c_str(),
              letter->from_decision ? ", the day's message" : ", nothing is sent that day: a statement",
              letter->items.size(), comms::format_money(letter->total_due_minor, letter->currency, lang).c_str(),
              documents::format_rf(letter->reference).c_str());
}

struct BatchArgs {
  std::string creditor, as_of, out_dir = ".", base_rates;
  bool reprint = false;
};

// Writes `bytes` to `path` through `path.part`; false (and a message) on failure.
bool write_file(Context& ctx, const std::string& path, const std::string& bytes) {
  const std::string tmp = path + ".part";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) {
      fail_with(ctx, "cannot write '" + tmp + "' (check that the folder exists and is writable)");
      return false;
    }
    f << bytes;
    f.flush();
    if (!f) {
      std::filesystem::remove(tmp);
      fail_with(ctx, "writing '" + path + "' failed (disk full?)");
      return false;
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    fail_with(ctx, "cannot move '" + tmp + "' to '" + path + "': " + ec.message());
    return false;
  }
  return true;
}

void run_batch(Context& ctx, const BatchArgs& a) {
  g_command = "letters";
  auto as_of = calendar::Date::parse(a.as_of);
  if (!as_of) return fail_with(ctx, "--as-of: " + as_of.error().detail, 2);
  auto rates = load_base_rate_table(ctx, a.base_rates);
  if (!rates) return;
  auto store = ctx.open_store();
  if (!store) return;
  auto creditor = ctx.find_creditor(*store, a.creditor);
  if (!creditor) return;
  const auto dir = std::filesystem::path(a.out_dir);
  const std::string stem = creditor->code + "-" + as_of->iso();
  const std::string pdf_path = (dir / ("letters-" + stem + ".pdf")).string();
  const std::string csv_path = (dir / ("manifest-" + stem + ".csv")).string();
  for (const auto& p : {pdf_path, csv_path}) {
    if (std::filesystem::exists(p)) return fail_with(ctx, "'" + p + "' exists; remove it or choose another --out-dir", 2);
  }
  services::PrintBatchRequest r;
  r.creditor = creditor->id;
  r.as_of = *as_of;
  r.now_unix = ctx.clock.now_unix();
  r.base_rates = &*rates;
  r.portal.secret = ctx.config.portal_secret;
  r.portal.public_url = ctx.config.public_url;
  r.reprint = a.reprint;
  auto batch = services::compose_print_batch(*store, r);
  if (!batch) return fail_with(ctx, batch.error().to_string());
  if (batch->letters > 0) {
    if (!write_file(ctx, pdf_path, batch->pdf)) return;
    if (!write_file(ctx, csv_path, batch->manifest_csv)) {
      std::filesystem::remove(pdf_path);
      return;
    }
  }
  // Handed over once the files exist: each letter sent, with its history record.
  auto recorded = services::record_print_batch(*store, *creditor, *batch, "letters-" + stem + ".pdf", ctx.clock);
  if (!recorded) {
    return fail_with(ctx, "the batch was written but could not be recorded as handed over (" +
                              recorded.error().to_string() + "); remove the files and run the command again");
  }
  if (batch->letters == 0) {
    std::printf("no letters for %s on %s to hand over (run `kulanz run --as-of %s` first; --reprint prints the ones "
                "handed over already)\n",
                creditor->code.c_str(), as_of->iso().c_str(), as_of->iso().c_str());
  } else {
    std::printf("wrote %s (%d letters, %d pages) and %s\n", pdf_path.c_str(), batch->letters, batch->pages,
                csv_path.c_str());
    std::printf("handed over: %d letters recorded in the contact history", recorded->handed_over);
    if (recorded->before > 0) std::printf(", %d printed again (handed over before)", recorded->before);
    std::printf("\n");
  }
  if (recorded->cancelled > 0) {
    std::printf("left out: %d letters whose items were paid, credited or put on hold since the run (cancelled)\n",
                recorded->cancelled);
  }
}

// The options `letter`, `email` and `sms` share: whose message, on which day.
CLI::App* add_message_command(CLI::App& app, Context& ctx, const char* name, const char* help,
                              const std::shared_ptr<LetterArgs>& args, const char* out_help) {
  auto* cmd = app.add_subcommand(name, help);
  cmd->add_option("--customer", args->customer, "The customer's external id, e.g. K-1001")->required();
  cmd->add_option("--as-of", args->as_of, "The day (YYYY-MM-DD)")->required();
  if (out_help) cmd->add_option("--out", args->out, out_help)->required();
  cmd->add_option("--creditor", args->creditor, "Creditor code or id (needed when several creditors have the customer)");
  cmd->add_option("--base-rates", args->base_rates, "Base-rate table (CSV) instead of the configured or built-in one");
  cmd->callback([&ctx, args] { run(ctx, *args); });
  return cmd;
}

}  // namespace

void add_letter_command(CLI::App& app, Context& ctx) {
  auto t = std::make_shared<LetterArgs>();
  t->sms = true;
  auto* sms = add_message_command(app, ctx, "sms", "Print the SMS a customer would get on a day, with its length and segments",
                                  t, nullptr);
  sms->add_flag("--json", t->json, "Print the gateway's request body (Vonage Messages API) instead");

  auto e = std::make_shared<LetterArgs>();
  e->email = true;
  add_message_command(app, ctx, "email", "Write the e-mail a customer would get on a day as an .eml file (RFC 5322)", e,
                      "The .eml file to write");

  auto b = std::make_shared<BatchArgs>();
  auto* batch = app.add_subcommand("letters", "Write the print batch of a day: one PDF of all letters and a CSV manifest");
  batch->add_option("--creditor", b->creditor, "Creditor code or id")->required();
  batch->add_option("--as-of", b->as_of, "The run day whose letters to print (YYYY-MM-DD)")->required();
  batch->add_option("--out-dir", b->out_dir, "Folder for letters-<creditor>-<day>.pdf and manifest-<creditor>-<day>.csv");
  batch->add_option("--base-rates", b->base_rates, "Base-rate table (CSV) instead of the configured or built-in one");
  batch->add_flag("--reprint", b->reprint, "Also the day's letters handed over already (a lost or damaged batch)");
  batch->callback([&ctx, b] { run_batch(ctx, *b); });

  add_message_command(app, ctx, "letter", "Write the letter a customer would get on a day as a PDF",
                      std::make_shared<LetterArgs>(), "The PDF file to write");
}

}  // namespace kulanz::cli
