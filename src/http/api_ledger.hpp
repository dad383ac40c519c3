#pragma once
// Read-only views computed from the ledger: a customer's balance, open items and account
// statement, and the creditor's portfolio summary with aging buckets.
#include <vector>

#include "http/api_operation.hpp"

namespace kulanz::http {

std::vector<ApiOperation> ledger_operations(const ApiOptions& options);

}  // namespace kulanz::http
