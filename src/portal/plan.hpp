#pragma once
// A payment plan's schedule and whether it is within the creditor's plan policy (the
// portal file's [plan] section). Pure: the caller supplies the total and the first day.
#include <cstdint>
#include <string>
#include <vector>

#include "calendar/date.hpp"
#include "portal/settings.hpp"

namespace kulanz::portal {

struct Instalment {
  int number = 0;  // 1, 2, ...
  calendar::Date due;
  std::int64_t amount_minor = 0;
};

// `count` monthly instalments (1 .. 120) that add up to `total_minor` exactly, the first on
// `first_due` and each later one on the same day of the following months (the month's
// last day where it is shorter). The instalments are equal, the cents left over go to the
// first one; with a down payment of `down_payment_percent` (0 .. 90) of the total, rounded
// up to the cent, the first instalment is at least that and the rest share the remainder
// equally (its leftover cents on the second). Empty for a total below 1 or a count outside
// 1 .. 120.
std::vector<Instalment> plan_schedule(std::int64_t total_minor, int count, int down_payment_percent,
                                      calendar::Date first_due);

// Why a schedule is outside the policy, as keys of the portal's word catalog with their
// argument (empty: within):
//   plan_off            the creditor offers no plans in the portal
//   plan_months         more instalments than max_months (argument: max_months)
//   plan_min_instalment an instalment below min_instalment (argument: the minimum, minor units)
//   plan_max_total      the total above max_total (argument: the maximum, minor units)
struct PolicyBreach {
  std::string key;
  std::int64_t limit = 0;
};
std::vector<PolicyBreach> plan_policy_breaches(const PlanPolicy& policy, std::int64_t total_minor,
                                               const std::vector<Instalment>& schedule);

// The instalment counts from 2 up to max_months whose schedule is within policy.
std::vector<int> plan_counts_within_policy(const PlanPolicy& policy, std::int64_t total_minor,
                                           calendar::Date first_due);

}  // namespace kulanz::portal
