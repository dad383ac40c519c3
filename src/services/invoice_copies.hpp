#pragma once
// Invoice copies the creditor supplies (docs/DOCUMENTS.md, "Invoice copies"): one PDF per
// invoice, checked by its content, attached to e-mails about the invoice and offered in
// the portal.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "ports/ledger_store.hpp"

namespace kulanz::services {

inline constexpr std::size_t kInvoiceCopyMaxBytes = 10 * 1024 * 1024;

// Stores `bytes` as the copy of the invoice with `invoice_external_id`, replacing an
// earlier one: refused unless the bytes are a complete PDF of at most 10 MiB
// (document_type_invalid, document_too_large) or when the invoice is unknown
// (invoice_unknown).
base::Result<ports::InvoiceCopy> add_invoice_copy(ports::LedgerStore& store, domain::CreditorId creditor,
                                                  std::string_view invoice_external_id, std::string_view file_name,
                                                  std::string bytes, std::int64_t now_unix);

// A file name safe to put into a MIME header or a download: the name's last path part,
// with quotes, backslashes, control characters and non-ASCII replaced; `fallback` when
// nothing usable is left.
std::string safe_file_name(std::string_view name, std::string_view fallback);

}  // namespace kulanz::services
