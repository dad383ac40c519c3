#include "services/invoice_copies.hpp"

#include "documents/file_type.hpp"
#include "security/security.hpp"

namespace kulanz::services {

std::string safe_file_name(std::string_view name, std::string_view fallback) {
  if (const auto slash = name.find_last_of("/\\"); slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string out;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    const bool plain = (u >= 0x20 && u < 0x7F) && c != '"' && c != '\\' && c != ';';
    out += plain ? c : '_';
  }
  while (!out.empty() && (out.front() == '.' || out.front() == ' ')) out.erase(out.begin());
  if (out.size() > 120) out.erase(0, out.size() - 120);
  if (out.empty()) return std::string(fallback);
  return out;
}

base::Result<ports::InvoiceCopy> add_invoice_copy(ports::LedgerStore& store, domain::CreditorId creditor,
                                                  std::string_view invoice_external_id, std::string_view file_name,
                                                  std::string bytes, std::int64_t now_unix) {
  auto checked = documents::check_file(bytes, documents::kAcceptPdf, kInvoiceCopyMaxBytes);
  if (!checked) {
    auto e = std::move(checked).error();
    e.detail = "the copy of invoice '" + std::string(invoice_external_id) + "': " + e.detail;
    return base::fail(std::move(e));
  }
  KULANZ_TRY(invoice, store.invoice_by_external_id(creditor, invoice_external_id));
  if (!invoice) {
    return base::fail(base::ErrorCode::invoice_unknown,
                      "there is no invoice '" + std::string(invoice_external_id) +
                          "' for this creditor; import the invoice first, then its copy",
                      "invoice");
  }
  ports::InvoiceCopy c;
  c.invoice_id = invoice->id;
  c.file_name = safe_file_name(file_name, invoice->external_id + ".pdf");
  c.size_bytes = static_cast<std::int64_t>(bytes.size());
  c.sha256 = security::sha256_hex(bytes);
  c.added_unix = now_unix;
  c.content = std::move(bytes);
  KULANZ_TRY_STATUS(store.dispatch().put_invoice_copy(creditor, c));
  c.content.clear();
  return c;
}

}  // namespace kulanz::services
