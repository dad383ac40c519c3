// `kulanz invoice-copy add|import|list|remove`: the creditor's copies of invoices (PDF),
// attached to e-mails about the invoice and offered in the portal (docs/DOCUMENTS.md,
// "Invoice copies").
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "cli/context.hpp"
#include "ports/ledger_store.hpp"
#include "services/invoice_copies.hpp"

namespace kulanz::cli {
namespace {

struct CopyArgs {
  std::string creditor, invoice, file, dir;
};

void fail_with(Context& ctx, const std::string& message, int code = 1) {
  std::fprintf(stderr, "kulanz invoice-copy: %s\n", message.c_str());
  ctx.exit_code = code;
}

// The file's bytes, at most a little over the limit (the check names the size).
std::optional<std::string> read_bytes(Context& ctx, const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    fail_with(ctx, "'" + path.string() + "' is not a readable file", 2);
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  std::string bytes;
  bytes.resize(services::kInvoiceCopyMaxBytes + 1);
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (in.bad()) {
    fail_with(ctx, "reading '" + path.string() + "' failed");
    return std::nullopt;
  }
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  return bytes;
}

void run_add(Context& ctx, const CopyArgs& a) {
  auto store = ctx.open_store();
  if (!store) return;
  auto creditor = ctx.find_creditor(*store, a.creditor);
  if (!creditor) return;
  auto bytes = read_bytes(ctx, a.file);
  if (!bytes) return;
  const std::string name = std::filesystem::path(a.file).filename().string();
  auto added = services::add_invoice_copy(*store, creditor->id, a.invoice, name, std::move(*bytes), ctx.clock.now_unix());
  if (!added) return fail_with(ctx, a.file + ": " + added.error().to_string());
  std::printf("invoice %s: copy %s (%lld bytes) stored\n", a.invoice.c_str(), added->file_name.c_str(),
              static_cast<long long>(added->size_bytes));
}

// Every *.pdf of the folder, named after its invoice's external id (RE-2026-004711.pdf):
// all are checked first; nothing is stored unless all are fine.
void run_import(Context& ctx, const CopyArgs& a) {
  auto store = ctx.open_store();
  if (!store) return;
  auto creditor = ctx.find_creditor(*store, a.creditor);
  if (!creditor) return;
  std::error_code ec;
  if (!std::filesystem::is_directory(a.dir, ec)) return fail_with(ctx, "'" + a.dir + "' is not a folder", 2);
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(a.dir, ec)) {
    const auto& p = entry.path();
    std::string ext = p.extension().string();
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (entry.is_regular_file() && ext == ".pdf") files.push_back(p);
  }
  if (ec) return fail_with(ctx, "reading the folder '" + a.dir + "' failed: " + ec.message());
  std::sort(files.begin(), files.end());
  if (files.empty()) return fail_with(ctx, "'" + a.dir + "' holds no .pdf files (name each after its invoice: RE-4711.pdf)", 2);
  int problems = 0, stored = 0;
  const base::Status written = ports::in_transaction(*store, [&]() -> base::Status {
    for (const auto& p : files) {
      auto bytes = read_bytes(ctx, p);
      if (!bytes) {
        ++problems;
        continue;
      }
      auto added = services::add_invoice_copy(*store, creditor->id, p.stem().string(), p.filename().string(),
                                              std::move(*bytes), ctx.clock.now_unix());
      if (!added) {
        std::fprintf(stderr, "kulanz invoice-copy: %s: %s\n", p.string().c_str(), added.error().to_string().c_str());
        ++problems;
        continue;
      }
      ++stored;
    }
    if (problems > 0) return base::fail(base::ErrorCode::batch_invalid, "nothing was stored");
    return {};
  });
  if (!written) {
    return fail_with(ctx, std::to_string(problems) + " of " + std::to_string(files.size()) +
                              " files refused (above); nothing was stored: fix or remove them and import again");
  }
  std::printf("%s: %d invoice copies stored\n", a.dir.c_str(), stored);
}

void run_list(Context& ctx, const CopyArgs& a) {
  auto store = ctx.open_store();
  if (!store) return;
  auto creditor = ctx.find_creditor(*store, a.creditor);
  if (!creditor) return;
  std::vector<domain::InvoiceId> only;
  if (!a.invoice.empty()) {
    auto invoice = store->invoice_by_external_id(creditor->id, a.invoice);
    if (!invoice) return fail_with(ctx, invoice.error().to_string());
    if (!*invoice) return fail_with(ctx, "there is no invoice '" + a.invoice + "'", 2);
    only.push_back((*invoice)->id);
  }
  auto copies = store->dispatch().invoice_copies(creditor->id, only, false);
  if (!copies) return fail_with(ctx, copies.error().to_string());
  auto ids = store->invoice_ids(creditor->id);
  if (!ids) return fail_with(ctx, ids.error().to_string());
  std::unordered_map<std::int64_t, std::string> external;
  for (const auto& [ext, id] : *ids) external[id.value] = ext;
  for (const auto& c : *copies) {
    std::printf("%s\t%s\t%lld bytes\tsha256 %s\n", external[c.invoice_id.value].c_str(), c.file_name.c_str(),
                static_cast<long long>(c.size_bytes), c.sha256.c_str());
  }
  if (copies->empty()) std::printf("no invoice copies\n");
}

void run_remove(Context& ctx, const CopyArgs& a) {
  auto store = ctx.open_store();
  if (!store) return;
  auto creditor = ctx.find_creditor(*store, a.creditor);
  if (!creditor) return;
  auto invoice = store->invoice_by_external_id(creditor->id, a.invoice);
  if (!invoice) return fail_with(ctx, invoice.error().to_string());
  if (!*invoice) return fail_with(ctx, "there is no invoice '" + a.invoice + "'", 2);
  auto removed = store->dispatch().remove_invoice_copy(creditor->id, (*invoice)->id);
  if (!removed) return fail_with(ctx, removed.error().to_string());
  if (!*removed) return fail_with(ctx, "invoice '" + a.invoice + "' has no copy", 2);
  std::printf("invoice %s: copy removed\n", a.invoice.c_str());
}

}  // namespace

void add_invoice_copy_command(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("invoice-copy", "Copies of invoices (PDF) for e-mails and the portal");
  cmd->require_subcommand(1);
  auto a = std::make_shared<CopyArgs>();
  auto* add = cmd->add_subcommand("add", "Store the copy of one invoice (a PDF; replaces an earlier copy)");
  add->add_option("--creditor", a->creditor, "Creditor code or id")->required();
  add->add_option("--invoice", a->invoice, "The invoice's external id")->required();
  add->add_option("file", a->file, "The PDF file")->required();
  add->callback([&ctx, a] { run_add(ctx, *a); });

  auto* import = cmd->add_subcommand("import", "Store the copies in a folder: every .pdf named after its invoice (RE-4711.pdf)");
  import->add_option("--creditor", a->creditor, "Creditor code or id")->required();
  import->add_option("folder", a->dir, "The folder")->required();
  import->callback([&ctx, a] { run_import(ctx, *a); });

  auto* list = cmd->add_subcommand("list", "List the stored copies (invoice, file name, size, SHA-256)");
  list->add_option("--creditor", a->creditor, "Creditor code or id")->required();
  list->add_option("--invoice", a->invoice, "Only this invoice");
  list->callback([&ctx, a] { run_list(ctx, *a); });

  auto* remove = cmd->add_subcommand("remove", "Remove the copy of one invoice");
  remove->add_option("--creditor", a->creditor, "Creditor code or id")->required();
  remove->add_option("--invoice", a->invoice, "The invoice's external id")->required();
  remove->callback([&ctx, a] { run_remove(ctx, *a); });
}

}  // namespace kulanz::cli
