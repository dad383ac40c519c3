#include "portal/plan.hpp"

#include <algorithm>

namespace kulanz::portal {

std::vector<Instalment> plan_schedule(std::int64_t total_minor, int count, int down_payment_percent,
                                      calendar::Date first_due) {
  if (total_minor < 1 || count < 1 || count > 120) return {};
  const int pct = std::clamp(down_payment_percent, 0, 90);
  std::vector<std::int64_t> amounts(static_cast<std::size_t>(count), total_minor / count);
  amounts[0] += total_minor % count;
  const std::int64_t down = (total_minor * pct + 99) / 100;  // rounded up to the cent
  if (count > 1 && down > amounts[0]) {
    const std::int64_t rest = total_minor - down;
    const int others = count - 1;
    amounts[0] = down;
    for (int i = 1; i < count; ++i) amounts[static_cast<std::size_t>(i)] = rest / others;
    amounts[1] += rest % others;
  }
  std::vector<Instalment> out;
  for (int i = 0; i < count; ++i) out.push_back({i + 1, first_due.add_months(i), amounts[static_cast<std::size_t>(i)]});
  return out;
}

std::vector<PolicyBreach> plan_policy_breaches(const PlanPolicy& policy, std::int64_t total_minor,
                                               const std::vector<Instalment>& schedule) {
  std::vector<PolicyBreach> out;
  if (!policy.enabled) {
    out.push_back({"plan_off", 0});
    return out;
  }
  if (static_cast<int>(schedule.size()) > policy.max_months) out.push_back({"plan_months", policy.max_months});
  const bool small = std::any_of(schedule.begin(), schedule.end(),
                                 [&](const Instalment& i) { return i.amount_minor < policy.min_instalment_minor; });
  if (small) out.push_back({"plan_min_instalment", policy.min_instalment_minor});
  if (policy.max_total_minor > 0 && total_minor > policy.max_total_minor) {
    out.push_back({"plan_max_total", policy.max_total_minor});
  }
  return out;
}

std::vector<int> plan_counts_within_policy(const PlanPolicy& policy, std::int64_t total_minor,
                                           calendar::Date first_due) {
  std::vector<int> out;
  for (int n = 2; n <= std::min(policy.max_months, 120); ++n) {
    auto s = plan_schedule(total_minor, n, policy.down_payment_percent, first_due);
    if (!s.empty() && plan_policy_breaches(policy, total_minor, s).empty()) out.push_back(n);
  }
  return out;
}

}  // namespace kulanz::portal
