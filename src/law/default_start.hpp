#pragma once
// §286 BGB: the first day a debtor is in default (Verzug) for one claim.
#include <optional>

#include "calendar/date.hpp"
#include "domain/types.hpp"

namespace kulanz::law {

using calendar::Date;

struct DefaultInputs {
  domain::CustomerType debtor = domain::CustomerType::consumer;
  // A due date fixed by the calendar (§286 Abs. 2 Nr. 1: "payable by 15 March"). When set,
  // no reminder is needed: default begins the day after it.
  std::optional<Date> calendar_due_date;
  // When the invoice reached the debtor (§286 Abs. 3: 30 days after receipt).
  std::optional<Date> invoice_received;
  // The invoice told the debtor about the 30-day rule; needed for consumers (§286 Abs. 3 S. 1 Hs. 2).
  bool invoice_carried_notice = false;
  // When a reminder (Mahnung) reached the debtor (§286 Abs. 1). It counts only for a claim
  // without a calendar due date and not before the invoice was received.
  std::optional<Date> reminder_received;
};

// The first day of default, or nullopt if none of the rules puts the debtor in default:
//  - with a calendar due date: the day after it;
//  - without one: the earlier of receipt + 31 days (the 30 days after the day of receipt
//    have passed, §187 Abs. 1 BGB; for a consumer only with the notice) and the day after
//    a reminder was received.
// The due date is taken as given: moving a due date that falls on a weekend or public
// holiday to the next working day (§193 BGB) is the caller's part.
std::optional<Date> default_start(const DefaultInputs& in);

}  // namespace kulanz::law
