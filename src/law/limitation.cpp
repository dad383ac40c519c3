#include "law/limitation.hpp"

namespace kulanz::law {

std::string_view to_string(LimitationState s) {
  switch (s) {
    case LimitationState::running: return "running";
    case LimitationState::flagged: return "flagged";
    case LimitationState::barred: return "barred";
  }
  return "running";
}

base::Result<Limitation> limitation(Date arose) {
  auto last = Date::from_ymd(arose.year() + 3, 12, 31);
  if (!last) return base::fail(std::move(last).error());
  return Limitation{*last, last->add_days(1), last->add_days(-kLimitationWarningDays)};
}

base::Result<LimitationState> limitation_state(Date arose, Date as_of) {
  auto l = limitation(arose);
  if (!l) return base::fail(std::move(l).error());
  if (l->last_day < as_of) return LimitationState::barred;
  if (as_of < l->flag_from) return LimitationState::running;
  return LimitationState::flagged;
}

}  // namespace kulanz::law
