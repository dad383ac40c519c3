#pragma once
// A record as it arrived, before validation: canonical field name -> text, plus where it
// came from. CSV rows, JSON Lines objects and API request bodies all become RawRecords,
// so that one validation path serves the importer and the REST API alike.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kulanz::importers {

enum class RecordKind { customer, invoice, credit_note, payment };
std::string_view to_string(RecordKind);  // "customers", "invoices", "credit-notes", "payments"

struct RawRecord {
  std::string location;  // "invoices.csv:17" or "items[3]" — used as the error location
  std::vector<std::pair<std::string, std::string>> fields;  // canonical name -> text (numbers as written)
  std::optional<std::string_view> get(std::string_view canonical_name) const;
};

}  // namespace kulanz::importers
