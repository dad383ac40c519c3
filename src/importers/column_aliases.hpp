#pragma once
// CSV header names -> canonical field names. German ERP exports (DATEV, SAP, Lexware,
// sevDesk) name their columns in many ways; the alias table (docs/IMPORT.md) matches
// them case-insensitively, ignoring spaces, underscores, hyphens, dots and slashes,
// with umlauts folded (ä = ae, ß = ss) and "%" read as "prozent".
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"
#include "importers/raw_record.hpp"

namespace kulanz::importers {

// "Fälligkeits-Datum" -> "faelligkeitsdatum", "Skonto %" -> "skontoprozent".
std::string normalize_column_name(std::string_view header);

// The canonical field a header names for this kind, if any.
std::optional<std::string_view> canonical_column(RecordKind kind, std::string_view header);

// All aliases (normalised) of one canonical field, for documentation.
std::vector<std::string_view> column_aliases(RecordKind kind, std::string_view canonical_name);

struct ColumnMapping {
  // For each column of the file: the canonical field, or empty if the column is ignored.
  std::vector<std::string> canonical;
  std::vector<std::string> headers;          // as written in the file (trimmed)
  std::vector<std::string> ignored_columns;  // headers as written
  std::vector<base::Error> errors;           // empty header, duplicate, missing required column

  bool ok() const { return errors.empty(); }
  // The header as written for a canonical field (falls back to the canonical name).
  std::string header_for(std::string_view canonical_name) const;
};

// Maps a header row. Invoices and credit notes need either an external_id or a number
// column (each defaults to the other); every other required field needs its column.
ColumnMapping map_columns(RecordKind kind, const std::vector<std::string>& headers);

}  // namespace kulanz::importers
