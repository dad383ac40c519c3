#pragma once
// TARGET2 business days: the days SEPA payments settle, the same in every SEPA country.
// Closed are Saturdays, Sundays, 1 January, Good Friday, Easter Monday, 1 May,
// 25 and 26 December (the TARGET2 calendar of the European Central Bank).
#include "calendar/date.hpp"

namespace kulanz::calendar {

bool is_target2_day(Date date);
// The `n`-th TARGET2 business day after `date` (n >= 1); `date` itself never counts.
Date target2_days_after(Date date, int n);

}  // namespace kulanz::calendar
