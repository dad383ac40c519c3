#pragma once
// The four record resources of the API and how each one is read from the store as JSON.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "base/result.hpp"
#include "calendar/date.hpp"
#include "http/api_operation.hpp"
#include "http/api_references.hpp"
#include "importers/raw_record.hpp"
#include "ports/ledger_store.hpp"

namespace kulanz::http {

struct JsonPage {
  boost::json::array items;
  std::string next_cursor;  // the store's cursor; empty on the last page
};

struct RecordResource {
  importers::RecordKind kind = importers::RecordKind::customer;
  std::string path;              // "credit-notes"
  std::string noun;              // "credit note"
  std::string plural;            // "credit notes"
  std::string schema;            // "CreditNote" (OpenAPI component name)
  std::string tag;               // "Credit notes"
  std::string operation_suffix;  // "credit_note"
  // The stored record with this external id as JSON, nullopt when the creditor has none.
  std::function<base::Result<std::optional<boost::json::object>>(ApiCall&, ReferenceNames&, std::string_view,
                                                                 calendar::Date as_of)>
      find;
  std::function<base::Result<JsonPage>(ApiCall&, ReferenceNames&, const ports::ListQuery&)> list;
  // Members the API returns but computes itself ("open", "status", "amount_minor", ...).
  // A body may carry them (a GET result sent back with PUT) and they are ignored; any
  // other member that is not an input field is rejected as body_field_unknown.
  std::vector<std::string> read_only_fields;
};

const std::vector<RecordResource>& record_resources();

}  // namespace kulanz::http
