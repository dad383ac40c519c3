#include "law/allocation_order.hpp"

#include <algorithm>
#include <tuple>

namespace kulanz::law {

int allocation_rank(domain::ItemKind kind) {
  switch (kind) {
    case domain::ItemKind::fee: return 0;
    case domain::ItemKind::interest: return 1;
    case domain::ItemKind::invoice: return 2;
  }
  return 2;
}

std::vector<std::size_t> allocation_order(std::span<const domain::Invoice> items, calendar::Date payment_date) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].open.is_positive()) order.push_back(i);
  }
  auto key = [&](std::size_t i) {
    const domain::Invoice& x = items[i];
    const bool not_yet_due = payment_date < x.due_date;
    return std::tuple<bool, int, calendar::Date, calendar::Date, const std::string&, std::int64_t>(
        not_yet_due, allocation_rank(x.kind), x.due_date, x.issue_date, x.number, x.id.value);
  };
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
  return order;
}

}  // namespace kulanz::law
