#include "law/default_start.hpp"

namespace kulanz::law {
namespace {

void keep_earliest(std::optional<Date>& best, Date candidate) {
  if (!best || candidate < *best) best = candidate;
}

}  // namespace

std::optional<Date> default_start(const DefaultInputs& in) {
  std::optional<Date> first;
  if (in.calendar_due_date) keep_earliest(first, in.calendar_due_date->add_days(1));
  const bool thirty_day_rule = in.debtor == domain::CustomerType::business || in.invoice_carried_notice;
  // The 30 days run from due date and receipt, whichever is later; with a calendar due
  // date the day after it always comes first, so the rule matters only without one.
  if (in.invoice_received && thirty_day_rule && !in.calendar_due_date) {
    keep_earliest(first, in.invoice_received->add_days(31));
  }
  // A reminder only matters for a claim without a calendar due date (with one, default has
  // begun by the day after it anyway), and only once the invoice had reached the debtor.
  const bool reminder_effective = in.reminder_received && !in.calendar_due_date &&
                                  (!in.invoice_received || !(*in.reminder_received < *in.invoice_received));
  if (reminder_effective) keep_earliest(first, in.reminder_received->add_days(1));
  return first;
}

}  // namespace kulanz::law
