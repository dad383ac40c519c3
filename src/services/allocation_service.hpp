#pragma once
// Applies unallocated payments and credit notes of customers to their open items
// (domain::auto_allocate) and stores the result. Used after imports and API writes.
#include <cstdint>
#include <vector>

#include "base/result.hpp"
#include "ports/ledger_store.hpp"

namespace kulanz::services {

// Re-runs automatic allocation for each customer and saves it (inside the caller's
// transaction if one is open). Returns the number of allocations created.
base::Result<std::int64_t> reallocate(ports::LedgerStore& store, domain::CreditorId creditor,
                                      const std::vector<domain::CustomerId>& customers);

}  // namespace kulanz::services
