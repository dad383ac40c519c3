#pragma once
// §§366, 367 BGB: the order in which a payment that does not say what it pays is applied.
#include <cstddef>
#include <span>
#include <vector>

#include "domain/types.hpp"

namespace kulanz::law {

// 0 = costs (fee items), 1 = interest items, 2 = principal (invoices): §367 Abs. 1 BGB.
int allocation_rank(domain::ItemKind kind);

// Indices of the items with something open, in the order a payment without a stated
// purpose received on `payment_date` is applied to them:
//   1. items already due on the payment date before items not yet due (§366 Abs. 2),
//   2. costs, then interest, then principal (§367 Abs. 1),
//   3. the item due first, then the oldest (issue date), then number, then id.
// Deterministic: the same items give the same order whatever their order in memory.
std::vector<std::size_t> allocation_order(std::span<const domain::Invoice> items, calendar::Date payment_date);

}  // namespace kulanz::law
