#pragma once
// Easter Sunday of the Gregorian calendar: the anchor of the movable holidays
// (Karfreitag, Ostermontag, Christi Himmelfahrt, Pfingsten, Fronleichnam).
#include "base/result.hpp"
#include "calendar/date.hpp"

namespace kulanz::calendar {

// Western (Gregorian) Easter Sunday, computed with integer arithmetic only. Defined for
// the years Date supports (1900..2199); other years are an error (date_invalid).
base::Result<Date> easter_sunday(int year);

}  // namespace kulanz::calendar
