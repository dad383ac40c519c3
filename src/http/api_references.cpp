#include "http/api_references.hpp"

namespace kulanz::http {

base::Result<std::string> ReferenceNames::customer(domain::CustomerId id) {
  if (auto it = customers_.find(id); it != customers_.end()) return it->second;
  auto found = store_.customer_by_id(creditor_, id);
  if (!found) return base::fail(std::move(found).error());
  std::string external_id = *found ? (*found)->external_id : std::string();
  customers_.emplace(id, external_id);
  return external_id;
}

base::Result<std::string> ReferenceNames::invoice(domain::CustomerId owner, std::optional<domain::InvoiceId> id) {
  if (!id || !id->valid()) return std::string();
  if (auto it = invoices_.find(*id); it != invoices_.end()) return it->second;
  // The port has no lookup by invoice id; the owner's ledger holds the invoices a credit note can name.
  auto ledger = store_.load_customer_ledger(creditor_, owner);
  if (!ledger) return base::fail(std::move(ledger).error());
  for (const auto& inv : ledger->invoices) invoices_.emplace(inv.id, inv.external_id);
  if (auto it = invoices_.find(*id); it != invoices_.end()) return it->second;
  return std::string();
}

}  // namespace kulanz::http
