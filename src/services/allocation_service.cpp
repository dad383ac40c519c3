#include "services/allocation_service.hpp"

#include <string>

namespace kulanz::services {
namespace {

// True if auto_allocate corrected a stored open/unallocated amount (records keep their order).
bool remaining_changed(const domain::CustomerLedger& before, const domain::CustomerLedger& after) {
  for (std::size_t i = 0; i < before.invoices.size(); ++i) {
    if (!(before.invoices[i].open == after.invoices[i].open)) return true;
  }
  for (std::size_t i = 0; i < before.payments.size(); ++i) {
    if (!(before.payments[i].unallocated == after.payments[i].unallocated)) return true;
  }
  for (std::size_t i = 0; i < before.credit_notes.size(); ++i) {
    if (!(before.credit_notes[i].unallocated == after.credit_notes[i].unallocated)) return true;
  }
  return false;
}

}  // namespace

base::Result<std::int64_t> reallocate(ports::LedgerStore& store, domain::CreditorId creditor,
                                      const std::vector<domain::CustomerId>& customers) {
  std::int64_t created_total = 0;
  for (const auto customer : customers) {
    auto ledger = store.load_customer_ledger(creditor, customer);
    if (!ledger) return base::fail(std::move(ledger).error());
    const domain::CustomerLedger loaded = *ledger;
    auto created = domain::auto_allocate(*ledger);
    if (!created) {
      base::Error e = std::move(created).error();
      e.detail = "customer " + ledger->customer.external_id + ": " + e.detail;
      return base::fail(std::move(e));
    }
    // auto_allocate only succeeds on a consistent ledger; checking again guards what is
    // about to be written against a mistake in the allocation itself.
    if (auto ok = domain::check_invariants(*ledger); !ok) {
      base::Error e = std::move(ok).error();
      e.detail = "customer " + ledger->customer.external_id + " after allocation: " + e.detail;
      return base::fail(std::move(e));
    }
    if (created->empty() && !remaining_changed(loaded, *ledger)) continue;  // nothing to write
    KULANZ_TRY_STATUS(store.save_allocations(creditor, *ledger));
    created_total += static_cast<std::int64_t>(created->size());
  }
  return created_total;
}

}  // namespace kulanz::services
