#pragma once
// Operations on the creditor's records (customers, invoices, credit notes, payments):
// read one, list with filters and cursor pagination, create-or-update one, and batches.
// Writes go through services::import_records, so the API validates exactly like
// `kulanz import`.
#include <vector>

#include "http/api_operation.hpp"

namespace kulanz::http {

std::vector<ApiOperation> record_operations(const ApiOptions& options);

}  // namespace kulanz::http
