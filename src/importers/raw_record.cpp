#include "importers/raw_record.hpp"

namespace kulanz::importers {

std::string_view to_string(RecordKind kind) {
  switch (kind) {
    case RecordKind::customer: return "customers";
    case RecordKind::invoice: return "invoices";
    case RecordKind::credit_note: return "credit-notes";
    case RecordKind::payment: return "payments";
  }
  return "invoices";
}

std::optional<std::string_view> RawRecord::get(std::string_view canonical_name) const {
  for (const auto& [name, value] : fields) {
    if (name == canonical_name) return std::string_view(value);
  }
  return std::nullopt;
}

}  // namespace kulanz::importers
