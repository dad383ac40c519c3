#pragma once
// The canonical field names of each record kind: the names JSON Lines files and API
// request bodies use, and the names CSV header aliases resolve to (docs/IMPORT.md).
#include <optional>
#include <span>
#include <string_view>

#include "base/result.hpp"
#include "importers/raw_record.hpp"

namespace kulanz::importers {

enum class FieldType { text, id, amount, currency, date, boolean, integer, percent, email, phone, enumeration };

struct FieldSpec {
  std::string_view name;  // canonical name, e.g. "customer_external_id"
  FieldType type = FieldType::text;
  bool required = false;  // must be present and non-empty
  std::string_view description;  // one line, for API schemas and docs
};

// All canonical fields of a kind, in documentation order.
std::span<const FieldSpec> fields_of(RecordKind kind);
// The spec of one canonical field, if the kind has it.
const FieldSpec* find_field(RecordKind kind, std::string_view canonical_name);

// "customers" / "customer", "invoices", "credit-notes" / "credit_notes", "payments".
base::Result<RecordKind> parse_record_kind(std::string_view text);

}  // namespace kulanz::importers
