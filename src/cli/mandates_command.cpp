// `kulanz mandates list|export`: a creditor's SEPA direct-debit mandates with their status,
// and the pain.008 file of the debits to collect on a day (services/direct_debits.hpp,
// docs/PAYMENTS.md "Direct debits to the bank").
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "cli/context.hpp"
#include "documents/iban.hpp"
#include "money/money.hpp"
#include "services/direct_debits.hpp"

namespace kulanz::cli {
namespace {

struct MandateArgs {
  std::string creditor, collection_date, out;
  bool dry_run = false;
};

void fail_with(Context& ctx, const std::string& command, const std::string& message, int code = 1) {
  std::fprintf(stderr, "kulanz mandates %s: %s\n", command.c_str(), message.c_str());
  ctx.exit_code = code;
}

std::string eur(std::int64_t minor) { return money::format_decimal(minor, 2) + " EUR"; }

// "DE89 **** **** **** **30 00" -> the country, check digits and the last four characters.
std::string masked_iban(const std::string& iban) {
  if (iban.size() < 8) return iban;
  std::string masked = iban.substr(0, 4) + std::string(iban.size() - 8, '*') + iban.substr(iban.size() - 4);
  return documents::format_iban(masked);
}

void list(Context& ctx, const MandateArgs& a) {
  auto store = ctx.open_store();
  if (!store) return;
  auto creditor = ctx.find_creditor(*store, a.creditor);
  if (!creditor) return;
  const auto today = calendar::Date::from_unix_utc(ctx.clock.now_unix());
  auto rows = services::mandate_overview(*store, creditor->id, today);
  if (!rows) return fail_with(ctx, "list", rows.error().to_string());
  std::printf("reference\tcustomer\tholder\tiban\tscope\tstatus\tsigned\tamount\tcollection_day\tcollected\n");
  for (const auto& o : *rows) {
    const auto& m = o.mandate;
    std::string collected = "-";
    if (o.collections > 0) {
      collected = std::to_string(o.collections) + "x, " + eur(o.collected_minor) + ", last " + o.last_collection_on->iso();
    }
    std::string status = o.status;
    if (m.revoked_unix != 0) status += " " + calendar::Date::from_unix_utc(m.revoked_unix).iso();
    std::printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", m.reference.c_str(), o.customer_number.c_str(),
                m.account_holder.c_str(), masked_iban(m.iban).c_str(), m.scope.c_str(), status.c_str(),
                calendar::Date::from_unix_utc(m.signed_unix).iso().c_str(),
                m.scope == "single" ? eur(m.amount_minor).c_str() : "-",
                m.collection_on ? m.collection_on->iso().c_str() : "-", collected.c_str());
  }
  if (rows->empty()) std::fprintf(stderr, "kulanz mandates list: %s has no mandates yet\n", creditor->code.c_str());
}

// Writes `bytes` to `path`, flushed and checked; false (and a message) on failure.
base::Status write_part(const std::string& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  if (!f) {
    return base::fail(base::ErrorCode::invalid_argument,
                      "cannot write '" + path + "' (check that the folder exists and is writable)", "out");
  }
  f << bytes;
  f.flush();
  if (!f) {
    f.close();
    std::filesystem::remove(path);
    return base::fail(base::ErrorCode::invalid_argument, "writing '" + path + "' failed (disk full?)", "out");
  }
  return {};
}

void run_export(Context& ctx, const MandateArgs& a) {
  auto on = calendar::Date::parse(a.collection_date);
  if (!on) return fail_with(ctx, "export", "--collection-date: " + on.error().detail, 2);
  if (a.out.empty() && !a.dry_run) return fail_with(ctx, "export", "--out: name the file to write (or use --dry-run)", 2);
  if (!a.out.empty() && !a.dry_run && std::filesystem::exists(a.out)) {
    return fail_with(ctx, "export",
                     "'" + a.out + "' exists; a file handed to the bank is never overwritten: choose another --out", 2);
  }
  auto store = ctx.open_store();
  if (!store) return;
  auto creditor = ctx.find_creditor(*store, a.creditor);
  if (!creditor) return;
  services::DirectDebitRequest r;
  r.creditor = creditor->id;
  r.collection_on = *on;
  r.now_unix = ctx.clock.now_unix();
  r.today = calendar::Date::from_unix_utc(r.now_unix);
  r.dry_run = a.dry_run;
  const std::string part = a.out + ".part";
  bool wrote_part = false;
  // The file is written before the records are committed: a failure to write keeps the
  // debits uncollected, and nothing is recorded that no file carries.
  auto result = services::export_direct_debits(*store, r, [&](const services::DirectDebitExport& e) -> base::Status {
    wrote_part = true;
    return write_part(part, e.xml);
  });
  if (!result) {
    if (wrote_part) std::filesystem::remove(part);
    return fail_with(ctx, "export", result.error().to_string());
  }
  const auto& e = *result;
  for (const auto& s : e.skipped) {
    std::printf("skipped %s (%s): %s\n", s.mandate_reference.c_str(), s.customer_number.c_str(), s.reason.c_str());
  }
  if (e.debits.empty()) {
    std::printf("nothing to collect on %s for %s; no file written\n", on->iso().c_str(), creditor->code.c_str());
    return;
  }
  for (const auto& d : e.debits) {
    std::string numbers;
    for (const auto& n : d.item_numbers) numbers += (numbers.empty() ? "" : ", ") + n;
    std::printf("%s\t%s\t%s\t%s\t%s\t%s\n", d.end_to_end_id.c_str(), d.mandate_reference.c_str(), d.customer_number.c_str(),
                d.sequence_type.c_str(), eur(d.amount_minor).c_str(), numbers.c_str());
  }
  if (a.dry_run) {
    std::printf("dry run: %zu debit(s), total %s, collection day %s; nothing written or recorded\n", e.debits.size(),
                eur(e.total_minor).c_str(), on->iso().c_str());
    return;
  }
  std::error_code ec;
  std::filesystem::rename(part, a.out, ec);
  if (ec) {
    return fail_with(ctx, "export",
                     "the debits are recorded as message " + e.message_id + ", but '" + part + "' could not be moved to '" +
                         a.out + "' (" + ec.message() + "): hand '" + part + "' to the bank");
  }
  std::printf("wrote %s: %zu debit(s), total %s, collection day %s, message %s, %d payment block(s)\n", a.out.c_str(),
              e.debits.size(), eur(e.total_minor).c_str(), on->iso().c_str(), e.message_id.c_str(), e.payment_infos);
}

}  // namespace

void add_mandates_command(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<MandateArgs>();
  auto* cmd = app.add_subcommand("mandates", "SEPA direct-debit mandates: list them, export the debits to collect (pain.008)");
  cmd->require_subcommand(1);

  auto* list_cmd = cmd->add_subcommand("list", "List a creditor's mandates with their status and collections");
  list_cmd->add_option("--creditor", a->creditor, "Creditor code or id")->required();
  list_cmd->callback([&ctx, a] { list(ctx, *a); });

  auto* export_cmd = cmd->add_subcommand(
      "export",
      "Write the SEPA Core direct debits due on a collection day as a pain.008.001.02 file for the bank, and record "
      "them so that they are never collected twice");
  export_cmd->add_option("--creditor", a->creditor, "Creditor code or id")->required();
  export_cmd->add_option("--collection-date", a->collection_date,
                         "Collection day (YYYY-MM-DD): a TARGET2 business day after today")
      ->required();
  export_cmd->add_option("--out", a->out, "The file to write (must not exist; written through FILE.part)");
  export_cmd->add_flag("--dry-run", a->dry_run, "Show what would be collected; write and record nothing");
  export_cmd->footer(
      "Collected: single mandates whose collection day it is (what is still open of their items, at most the "
      "mandate's amount), and under recurring mandates the open invoices issued since the mandate, at least two days "
      "before the day and due by then. See docs/PAYMENTS.md.");
  export_cmd->callback([&ctx, a] { run_export(ctx, *a); });
}

}  // namespace kulanz::cli
