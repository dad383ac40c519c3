// §§366, 367 BGB: order of a payment without a stated purpose.
#include <gtest/gtest.h>

#include <algorithm>

#include "law/allocation_order.hpp"

namespace kulanz::law {
namespace {

using domain::Invoice;
using domain::ItemKind;
using money::Currency;
using money::Money;

calendar::Date d(const char* iso) { return calendar::Date::parse_iso(iso).value(); }

Invoice item(std::int64_t id, const char* number, ItemKind kind, const char* issued, const char* due, std::int64_t open) {
  Invoice inv;
  inv.id = domain::InvoiceId(id);
  inv.number = number;
  inv.kind = kind;
  inv.issue_date = d(issued);
  inv.due_date = d(due);
  inv.amount = Money(open == 0 ? 1000 : open, Currency::eur());
  inv.open = Money(open, Currency::eur());
  return inv;
}

std::vector<std::string> numbers(const std::vector<Invoice>& items, const std::vector<std::size_t>& order) {
  std::vector<std::string> out;
  for (auto i : order) out.push_back(items[i].number);
  return out;
}

std::vector<Invoice> sample() {
  return {
      item(1, "RE-1", ItemKind::invoice, "2026-01-01", "2026-01-15", 10000),
      item(2, "MG-1", ItemKind::fee, "2026-02-01", "2026-02-15", 500),
      item(3, "ZI-1", ItemKind::interest, "2026-02-01", "2026-02-15", 123),
      item(4, "RE-2", ItemKind::invoice, "2025-12-27", "2026-01-10", 20000),
      item(5, "RE-3", ItemKind::invoice, "2026-03-01", "2026-04-01", 30000),  // not yet due on 2026-03-01
      item(6, "MG-2", ItemKind::fee, "2026-03-01", "2026-04-01", 500),        // not yet due
      item(7, "RE-0", ItemKind::invoice, "2025-11-01", "2025-11-15", 0),      // paid: not listed
      item(8, "RE-4", ItemKind::invoice, "2025-12-20", "2026-01-15", 5000),   // same due as RE-1, older
  };
}

TEST(AllocationOrder, CostsThenInterestThenPrincipalDueFirstThenOldest) {
  auto items = sample();
  auto order = allocation_order(items, d("2026-03-01"));
  EXPECT_EQ(numbers(items, order),
            (std::vector<std::string>{"MG-1", "ZI-1", "RE-2", "RE-4", "RE-1", "MG-2", "RE-3"}));
}

TEST(AllocationOrder, ItemsDueOnThePaymentDateCountAsDue) {
  auto items = sample();
  auto order = allocation_order(items, d("2026-04-01"));
  EXPECT_EQ(numbers(items, order),
            (std::vector<std::string>{"MG-1", "MG-2", "ZI-1", "RE-2", "RE-4", "RE-1", "RE-3"}));
}

TEST(AllocationOrder, DoesNotDependOnTheOrderInMemory) {
  auto items = sample();
  const auto expected = numbers(items, allocation_order(items, d("2026-03-01")));
  std::reverse(items.begin(), items.end());
  EXPECT_EQ(numbers(items, allocation_order(items, d("2026-03-01"))), expected);
  std::rotate(items.begin(), items.begin() + 3, items.end());
  EXPECT_EQ(numbers(items, allocation_order(items, d("2026-03-01"))), expected);
}

TEST(AllocationOrder, Ranks) {
  EXPECT_LT(allocation_rank(ItemKind::fee), allocation_rank(ItemKind::interest));
  EXPECT_LT(allocation_rank(ItemKind::interest), allocation_rank(ItemKind::invoice));
  EXPECT_TRUE(allocation_order({}, d("2026-01-01")).empty());
}

}  // namespace
}  // namespace kulanz::law
