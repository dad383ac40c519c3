#include "seed_portfolio.hpp"

#include <set>

namespace kulanz::testdata {

std::vector<SeedInvoice> known_portfolio() {
  return {
      {"K-1001", 10, 100000},     // not due
      {"K-1001", -5, 23456},      // 1–30 days
      {"K-1002", -45, 150000},    // 31–60 days
      {"K-1003", -75, 9999},      // 61–90 days
      {"K-1004", -120, 1234567},  // over 90 days
  };
}

base::Status seed_invoices(ports::LedgerStore& store, const domain::Creditor& creditor, calendar::Date as_of,
                           const std::vector<SeedInvoice>& invoices) {
  return ports::in_transaction(store, [&]() -> base::Status {
    std::set<std::string> created;
    int n = 0;
    for (const auto& seed : invoices) {
      if (created.insert(seed.customer_external_id).second) {
        domain::Customer c;
        c.external_id = seed.customer_external_id;
        c.name = "Kundin " + seed.customer_external_id + " Müller";
        c.creditor_id = creditor.id;
        auto st = store.upsert_customer(creditor.id, c);
        if (!st) return base::fail(std::move(st).error());
      }
      auto customer = store.customer_by_external_id(creditor.id, seed.customer_external_id);
      if (!customer) return base::fail(std::move(customer).error());
      if (!customer->has_value()) return base::fail(base::ErrorCode::internal, "customer vanished after upsert");
      ++n;
      domain::Invoice i;
      i.creditor_id = creditor.id;
      i.customer_id = (*customer)->id;
      i.external_id = creditor.code + "-R-" + std::to_string(n);
      i.number = "R-2026-" + std::to_string(1000 + n);
      i.due_date = as_of.add_days(seed.due_in_days);
      i.issue_date = i.due_date.add_days(-30);
      i.amount = money::Money(seed.amount_minor, creditor.currency);
      i.open = i.amount;
      auto st = store.upsert_invoice(creditor.id, i);
      if (!st) return base::fail(std::move(st).error());
    }
    return base::Status{};
  });
}

}  // namespace kulanz::testdata
