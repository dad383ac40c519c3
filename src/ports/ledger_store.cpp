#include "ports/ledger_store.hpp"

namespace kulanz::ports {

std::string_view to_string(Role r) {
  switch (r) {
    case Role::admin: return "admin";
    case Role::team_lead: return "team_lead";
    case Role::collector: return "collector";
    case Role::read_only: return "read_only";
  }
  return "read_only";
}

base::Result<Role> parse_role(std::string_view s) {
  if (s == "admin") return Role::admin;
  if (s == "team_lead") return Role::team_lead;
  if (s == "collector") return Role::collector;
  if (s == "read_only") return Role::read_only;
  return base::fail(base::ErrorCode::enum_invalid, "'" + std::string(s) + "' is not a role (admin, team_lead, collector, read_only)", "role");
}

Result<std::vector<UpsertOutcome>> LedgerStore::upsert_invoices(CreditorId creditor, std::vector<Invoice>& invoices) {
  std::vector<UpsertOutcome> outcomes;
  outcomes.reserve(invoices.size());
  for (auto& invoice : invoices) {
    auto r = upsert_invoice(creditor, invoice);
    if (!r) return base::fail(std::move(r).error());
    outcomes.push_back(*r);
  }
  return outcomes;
}

Status in_transaction(LedgerStore& store, const std::function<Status()>& fn) {
  KULANZ_TRY_STATUS(store.begin());
  auto st = fn();
  if (!st) {
    (void)store.rollback();
    return st;
  }
  return store.commit();
}

}  // namespace kulanz::ports
