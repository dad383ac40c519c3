// §286 BGB start of default.
#include <gtest/gtest.h>

#include "law/default_start.hpp"

namespace kulanz::law {
namespace {

using domain::CustomerType;

Date d(const char* iso) { return Date::parse_iso(iso).value(); }

TEST(DefaultStart, DayAfterACalendarDueDate) {
  DefaultInputs in;
  in.debtor = CustomerType::consumer;
  in.calendar_due_date = d("2026-03-15");
  EXPECT_EQ(default_start(in), d("2026-03-16"));
  in.calendar_due_date = d("2024-02-28");
  EXPECT_EQ(default_start(in), d("2024-02-29"));
  in.calendar_due_date = d("2025-12-31");
  EXPECT_EQ(default_start(in), d("2026-01-01"));
}

// Received 2026-03-01: the 30 days are 03-02 .. 03-31; default from 2026-04-01.
TEST(DefaultStart, BusinessThirtyDaysAfterReceiptWithoutDueDate) {
  DefaultInputs in;
  in.debtor = CustomerType::business;
  in.invoice_received = d("2026-03-01");
  EXPECT_EQ(default_start(in), d("2026-04-01"));
}

TEST(DefaultStart, ConsumerThirtyDaysOnlyWithTheNotice) {
  DefaultInputs in;
  in.debtor = CustomerType::consumer;
  in.invoice_received = d("2026-03-01");
  EXPECT_EQ(default_start(in), std::nullopt);
  in.invoice_carried_notice = true;
  EXPECT_EQ(default_start(in), d("2026-04-01"));
}

TEST(DefaultStart, ReminderPutsTheDebtorInDefaultTheDayAfter) {
  DefaultInputs in;
  in.debtor = CustomerType::consumer;
  in.invoice_received = d("2026-03-01");
  in.reminder_received = d("2026-03-10");
  EXPECT_EQ(default_start(in), d("2026-03-11"));
  // For a business the reminder comes before the 30 days are over: it wins.
  in.debtor = CustomerType::business;
  EXPECT_EQ(default_start(in), d("2026-03-11"));
  // A late reminder does not delay the 30-day default.
  in.reminder_received = d("2026-04-20");
  EXPECT_EQ(default_start(in), d("2026-04-01"));
}

TEST(DefaultStart, ReminderBeforeTheInvoiceArrivedDoesNotCount) {
  DefaultInputs in;
  in.debtor = CustomerType::consumer;
  in.invoice_received = d("2026-03-05");
  in.reminder_received = d("2026-03-01");
  EXPECT_EQ(default_start(in), std::nullopt);
}

// The 30 days run from due date and receipt, whichever is later: with a calendar due
// date, default begins the day after it, even if the invoice arrived long before.
TEST(DefaultStart, CalendarDueDateIsNotAdvancedByTheThirtyDayRuleOrAnEarlyReminder) {
  DefaultInputs in;
  in.debtor = CustomerType::business;
  in.calendar_due_date = d("2026-05-31");
  in.invoice_received = d("2026-03-01");
  in.reminder_received = d("2026-04-15");
  EXPECT_EQ(default_start(in), d("2026-06-01"));
}

TEST(DefaultStart, NothingKnownMeansNoDefault) {
  DefaultInputs in;
  in.debtor = CustomerType::business;
  EXPECT_EQ(default_start(in), std::nullopt);
}

}  // namespace
}  // namespace kulanz::law
