#pragma once
// Limitation (Verjährung, §§195, 199 Abs. 1 BGB): the regular period of three years
// starts at the end of the year in which the claim arose (and the creditor knew of it),
// so it ends on 31 December of the third year after that year.
#include <cstdint>
#include <string_view>

#include "base/result.hpp"
#include "calendar/date.hpp"

namespace kulanz::law {

using calendar::Date;

inline constexpr std::int32_t kLimitationWarningDays = 90;

enum class LimitationState { running, flagged, barred };
std::string_view to_string(LimitationState);

struct Limitation {
  Date last_day;     // 31 December of year + 3: the last day the claim is not time-barred
  Date barred_from;  // the day after: from here the debtor may refuse to pay (§214 BGB)
  Date flag_from;    // last_day - 90 days: claims are flagged from this day on
};

// For a claim that arose (and became known) on `arose`. Fails only for dates so late that
// the end of the period lies outside the supported calendar (after 2199).
base::Result<Limitation> limitation(Date arose);

// running before flag_from, flagged from flag_from through last_day, barred after it.
base::Result<LimitationState> limitation_state(Date arose, Date as_of);

}  // namespace kulanz::law
