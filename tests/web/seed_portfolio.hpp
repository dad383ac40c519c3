#pragma once
// A small, known portfolio for the page tests: what the dashboard
// must show for it is written down here once (kKnown*), next to the data.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "calendar/date.hpp"
#include "ports/ledger_store.hpp"

namespace kulanz::testdata {

struct SeedInvoice {
  std::string customer_external_id;
  std::int32_t due_in_days = 0;  // due date relative to the as-of date (negative: overdue)
  std::int64_t amount_minor = 0;
};

// Five open invoices of four customers, one in each aging bucket.
std::vector<SeedInvoice> known_portfolio();
inline constexpr std::string_view kKnownCustomers = "4";
inline constexpr std::string_view kKnownOpenItems = "5";
inline constexpr std::string_view kKnownTotalOpen = "15.180,22\u00a0€";
inline constexpr std::string_view kKnownTotalOverdue = "14.180,22\u00a0€";
// Amounts per bucket: not due, 1–30, 31–60, 61–90, over 90 days.
inline constexpr std::string_view kKnownBuckets[] = {"1.000,00\u00a0€", "234,56\u00a0€", "1.500,00\u00a0€",
                                                     "99,99\u00a0€", "12.345,67\u00a0€"};

// Writes the customers and invoices (issued 30 days before their due date) of the creditor.
base::Status seed_invoices(ports::LedgerStore& store, const domain::Creditor& creditor, calendar::Date as_of,
                           const std::vector<SeedInvoice>& invoices);

}  // namespace kulanz::testdata
