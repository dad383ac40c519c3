#include "engine/policy.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace kulanz::engine {
namespace {

using domain::Channel;
using domain::Contact;

Date ymd(int y, int m, int d) { return Date::from_ymd(y, m, d).value(); }

// Unix seconds of a UTC wall-clock time, computed without the time zone library.
std::int64_t utc(int y, int m, int d, int hour, int minute) {
  return std::int64_t{ymd(y, m, d).days_since_epoch()} * 86400 + hour * 3600 + minute * 60;
}

std::vector<std::string> rules(const NextDay& n) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n.pushed_by.size(); ++i) {
    out.push_back(n.blocked_days[i].iso() + " " + std::string(to_string(n.pushed_by[i].rule)));
  }
  return out;
}

// ---- names ----

TEST(PolicyNames, StepChannelsRoundTrip) {
  for (int i = 0; i < kStepChannelCount; ++i) {
    const auto c = static_cast<StepChannel>(i);
    EXPECT_EQ(parse_step_channel(to_string(c)).value(), c);
  }
  EXPECT_EQ(to_string(StepChannel::email), "email");
  EXPECT_EQ(to_string(StepChannel::sms), "sms");
  EXPECT_EQ(to_string(StepChannel::letter), "letter");
  EXPECT_EQ(to_string(StepChannel::call), "call");
  EXPECT_EQ(to_string(StepChannel::webhook), "webhook");
  EXPECT_EQ(parse_step_channel(" SMS ").value(), StepChannel::sms);
}

TEST(PolicyNames, UnknownStepChannelIsAnError) {
  for (const char* bad : {"fax", "phone", "", "e-mail"}) {
    auto r = parse_step_channel(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, base::ErrorCode::enum_invalid);
    EXPECT_EQ(r.error().field, "channel");
    EXPECT_NE(r.error().detail.find("email, sms, letter, call, webhook"), std::string::npos);
  }
}

TEST(PolicyNames, ContactChannels) {
  EXPECT_EQ(contact_channel(StepChannel::email), Channel::email);
  EXPECT_EQ(contact_channel(StepChannel::sms), Channel::sms);
  EXPECT_EQ(contact_channel(StepChannel::letter), Channel::letter);
  EXPECT_EQ(contact_channel(StepChannel::call), Channel::phone);
  EXPECT_EQ(contact_channel(StepChannel::webhook), std::nullopt);
  EXPECT_TRUE(is_customer_contact(StepChannel::email));
  EXPECT_TRUE(is_customer_contact(StepChannel::sms));
  EXPECT_TRUE(is_customer_contact(StepChannel::letter));
  EXPECT_TRUE(is_customer_contact(StepChannel::call));
  EXPECT_FALSE(is_customer_contact(StepChannel::webhook));
}

TEST(PolicyNames, Rules) {
  EXPECT_EQ(to_string(PolicyRule::none), "none");
  EXPECT_EQ(to_string(PolicyRule::sunday), "sunday");
  EXPECT_EQ(to_string(PolicyRule::public_holiday), "public_holiday");
  EXPECT_EQ(to_string(PolicyRule::frequency_cap), "frequency_cap");
  EXPECT_EQ(to_string(PolicyRule::min_gap), "min_gap");
  EXPECT_EQ(to_string(PolicyRule::quiet_hours), "quiet_hours");
  EXPECT_EQ(to_string(PolicyRule::no_consent), "no_consent");
  EXPECT_EQ(to_string(PolicyRule::no_address), "no_address");
  EXPECT_EQ(to_string(PolicyRule::horizon), "horizon");
}

// ---- channels ----

PolicyCustomer with(std::vector<Contact> contacts) {
  PolicyCustomer c;
  c.state = "BY";
  c.contacts = std::move(contacts);
  return c;
}

void expect_unusable(const ChannelCheck& c, PolicyRule rule, const std::string& reason) {
  EXPECT_FALSE(c.usable);
  EXPECT_EQ(c.rule, rule);
  EXPECT_EQ(c.reason, reason);
}

TEST(PolicyChannel, EmailNeedsAddressConsentAndNoBounce) {
  const auto ok = check_channel(with({{Channel::email, "a@example.org", true, false}}), StepChannel::email);
  EXPECT_TRUE(ok.usable);
  EXPECT_EQ(ok.rule, PolicyRule::none);
  EXPECT_EQ(ok.reason, "");
  expect_unusable(check_channel(with({}), StepChannel::email), PolicyRule::no_address, "no email address");
  expect_unusable(check_channel(with({{Channel::email, "", true, false}}), StepChannel::email), PolicyRule::no_address,
                  "no email address");
  expect_unusable(check_channel(with({{Channel::email, "  ", true, false}}), StepChannel::email),
                  PolicyRule::no_address, "no email address");
  expect_unusable(check_channel(with({{Channel::email, "a@example.org", false, false}}), StepChannel::email),
                  PolicyRule::no_consent, "no consent for email");
  expect_unusable(check_channel(with({{Channel::email, "a@example.org", true, true}}), StepChannel::email),
                  PolicyRule::no_address, "email address marked invalid after a bounce");
  // Contacts of other channels do not count.
  expect_unusable(check_channel(with({{Channel::sms, "+491701234567", true, false}}), StepChannel::email),
                  PolicyRule::no_address, "no email address");
}

TEST(PolicyChannel, OneUsableEntryOfSeveralIsEnough) {
  const auto c = with({{Channel::email, "old@example.org", true, true}, {Channel::email, "new@example.org", true, false}});
  EXPECT_TRUE(check_channel(c, StepChannel::email).usable);
  // Without a usable entry the most telling reason wins: consent over a missing address.
  const auto d = with({{Channel::email, "", true, false}, {Channel::email, "a@example.org", false, false}});
  expect_unusable(check_channel(d, StepChannel::email), PolicyRule::no_consent, "no consent for email");
}

TEST(PolicyChannel, Sms) {
  EXPECT_TRUE(check_channel(with({{Channel::sms, "+491701234567", true, false}}), StepChannel::sms).usable);
  expect_unusable(check_channel(with({{Channel::sms, "+491701234567", false, false}}), StepChannel::sms),
                  PolicyRule::no_consent, "no consent for SMS");
  expect_unusable(check_channel(with({}), StepChannel::sms), PolicyRule::no_address, "no mobile number for SMS");
  expect_unusable(check_channel(with({{Channel::sms, "+491701234567", true, true}}), StepChannel::sms),
                  PolicyRule::no_address, "mobile number for SMS marked invalid (unknown number)");
  // A phone number agreed for calls is not an SMS consent.
  expect_unusable(check_channel(with({{Channel::phone, "+49891234567", true, false}}), StepChannel::sms),
                  PolicyRule::no_address, "no mobile number for SMS");
}

TEST(PolicyChannel, CallUsesPhoneContacts) {
  EXPECT_TRUE(check_channel(with({{Channel::phone, "+49891234567", true, false}}), StepChannel::call).usable);
  expect_unusable(check_channel(with({{Channel::phone, "+49891234567", false, false}}), StepChannel::call),
                  PolicyRule::no_consent, "no consent for calls");
  expect_unusable(check_channel(with({}), StepChannel::call), PolicyRule::no_address, "no phone number");
  expect_unusable(check_channel(with({{Channel::phone, "+49891234567", true, true}}), StepChannel::call),
                  PolicyRule::no_address, "phone number marked invalid (unknown number)");
}

TEST(PolicyChannel, LetterNeedsPostalAddressButNoConsent) {
  PolicyCustomer c = with({});
  EXPECT_TRUE(check_channel(c, StepChannel::letter).usable);
  c.contacts = {{Channel::letter, "", false, false}};  // no consent recorded: a letter is still allowed
  EXPECT_TRUE(check_channel(c, StepChannel::letter).usable);
  c.has_postal_address = false;
  expect_unusable(check_channel(c, StepChannel::letter), PolicyRule::no_address,
                  "no postal address (street, postal code and city)");
  c.has_postal_address = true;
  c.contacts = {{Channel::letter, "", true, true}};  // returned mail
  expect_unusable(check_channel(c, StepChannel::letter), PolicyRule::no_address,
                  "postal address marked invalid (letter returned)");
}

TEST(PolicyChannel, WebhookIsAlwaysUsable) {
  PolicyCustomer c = with({});
  c.has_postal_address = false;
  EXPECT_TRUE(check_channel(c, StepChannel::webhook).usable);
}

// ---- Sundays and public holidays ----

const ContactPolicyConfig kDefaults{};

TEST(PolicyDay, WorkdayIsAllowed) {
  const DayCheck c = check_day(kDefaults, "BY", ymd(2026, 3, 4));  // Wednesday
  EXPECT_TRUE(c.allowed);
  EXPECT_EQ(c.rule, PolicyRule::none);
  EXPECT_EQ(c.reason, "");
  EXPECT_TRUE(check_day(kDefaults, "BY", ymd(2026, 3, 7)).allowed);  // Saturday
}

TEST(PolicyDay, Sunday) {
  const DayCheck c = check_day(kDefaults, "NI", ymd(2026, 3, 8));
  EXPECT_FALSE(c.allowed);
  EXPECT_EQ(c.rule, PolicyRule::sunday);
  EXPECT_EQ(c.reason, "Sunday");
  ContactPolicyConfig sundays_ok;
  sundays_ok.no_contact_on_sundays = false;
  EXPECT_TRUE(check_day(sundays_ok, "NI", ymd(2026, 3, 8)).allowed);
}

TEST(PolicyDay, BussUndBettagOnlyInSachsen) {
  const DayCheck sn = check_day(kDefaults, "SN", ymd(2026, 11, 18));
  EXPECT_FALSE(sn.allowed);
  EXPECT_EQ(sn.rule, PolicyRule::public_holiday);
  EXPECT_EQ(sn.reason, "public holiday in SN: Buß- und Bettag");
  EXPECT_TRUE(check_day(kDefaults, "BY", ymd(2026, 11, 18)).allowed);
  EXPECT_TRUE(check_day(kDefaults, "", ymd(2026, 11, 18)).allowed);
}

TEST(PolicyDay, Reformationstag) {
  for (const char* state : {"BB", "HB", "HH", "MV", "NI", "SN", "ST", "SH", "TH"}) {
    const DayCheck c = check_day(kDefaults, state, ymd(2026, 10, 31));
    EXPECT_FALSE(c.allowed) << state;
    EXPECT_EQ(c.reason, std::string("public holiday in ") + state + ": Reformationstag");
  }
  for (const char* state : {"BY", "BW", "NW", "BE", ""}) EXPECT_TRUE(check_day(kDefaults, state, ymd(2026, 10, 31)).allowed) << state;
}

TEST(PolicyDay, AllerheiligenOnASundayIsReportedAsSunday) {
  const DayCheck by = check_day(kDefaults, "BY", ymd(2026, 11, 1));
  EXPECT_EQ(by.rule, PolicyRule::sunday);
  ContactPolicyConfig sundays_ok;
  sundays_ok.no_contact_on_sundays = false;
  const DayCheck holiday = check_day(sundays_ok, "BY", ymd(2026, 11, 1));
  EXPECT_FALSE(holiday.allowed);
  EXPECT_EQ(holiday.rule, PolicyRule::public_holiday);
  EXPECT_EQ(holiday.reason, "public holiday in BY: Allerheiligen");
  EXPECT_TRUE(check_day(sundays_ok, "NI", ymd(2026, 11, 1)).allowed);
}

TEST(PolicyDay, FronleichnamAndHeiligeDreiKoenige) {
  for (const char* state : {"BW", "BY", "HE", "NW", "RP", "SL"}) {
    EXPECT_EQ(check_day(kDefaults, state, ymd(2026, 6, 4)).reason, std::string("public holiday in ") + state + ": Fronleichnam");
  }
  for (const char* state : {"BE", "NI", "SN", ""}) EXPECT_TRUE(check_day(kDefaults, state, ymd(2026, 6, 4)).allowed) << state;
  for (const char* state : {"BW", "BY", "ST"}) {
    EXPECT_EQ(check_day(kDefaults, state, ymd(2026, 1, 6)).reason,
              std::string("public holiday in ") + state + ": Heilige Drei Könige");
  }
  for (const char* state : {"NI", "HE", ""}) EXPECT_TRUE(check_day(kDefaults, state, ymd(2026, 1, 6)).allowed) << state;
}

TEST(PolicyDay, StateCodeIsParsedLikeElsewhere) {
  EXPECT_EQ(check_day(kDefaults, "de-sn", ymd(2026, 11, 18)).reason, "public holiday in SN: Buß- und Bettag");
  EXPECT_EQ(check_day(kDefaults, "by", ymd(2026, 6, 4)).reason, "public holiday in BY: Fronleichnam");
}

TEST(PolicyDay, NationwideHolidaysApplyWithoutAState) {
  // A customer abroad or of unknown state gets no reminder on Easter Monday or Christmas.
  for (const char* state : {"", "XX", "Tirol"}) {
    const DayCheck easter = check_day(kDefaults, state, ymd(2026, 4, 6));
    EXPECT_FALSE(easter.allowed) << state;
    EXPECT_EQ(easter.rule, PolicyRule::public_holiday);
    EXPECT_EQ(easter.reason, "nationwide public holiday: Ostermontag");
    EXPECT_EQ(check_day(kDefaults, state, ymd(2026, 12, 25)).reason, "nationwide public holiday: 1. Weihnachtstag");
    EXPECT_EQ(check_day(kDefaults, state, ymd(2026, 10, 3)).reason,
              "nationwide public holiday: Tag der Deutschen Einheit");
  }
  // 2017: the Reformationstag was a holiday in every state.
  EXPECT_EQ(check_day(kDefaults, "", ymd(2017, 10, 31)).reason, "nationwide public holiday: Reformationstag");
  EXPECT_TRUE(check_day(kDefaults, "", ymd(2026, 10, 31)).allowed);
  EXPECT_EQ(check_day(kDefaults, "BY", ymd(2026, 12, 25)).reason, "public holiday in BY: 1. Weihnachtstag");
}

TEST(PolicyDay, HolidaysCanBeSwitchedOff) {
  ContactPolicyConfig config;
  config.no_contact_on_public_holidays = false;
  EXPECT_TRUE(check_day(config, "BY", ymd(2026, 12, 25)).allowed);
  EXPECT_TRUE(check_day(config, "", ymd(2026, 12, 25)).allowed);
  EXPECT_EQ(check_day(config, "BY", ymd(2026, 12, 27)).rule, PolicyRule::sunday);
}

TEST(PolicyDay, YearsWithoutHolidayRulesHaveNoHolidays) {
  EXPECT_TRUE(check_day(kDefaults, "BY", ymd(1990, 12, 25)).allowed);  // a Tuesday
  EXPECT_TRUE(check_day(kDefaults, "", ymd(1990, 12, 25)).allowed);
  EXPECT_EQ(check_day(kDefaults, "BY", ymd(1990, 12, 23)).rule, PolicyRule::sunday);
}

// ---- frequency caps ----

TEST(PolicyCaps, NoContactsAllowsAnyDay) {
  EXPECT_TRUE(check_caps(kDefaults, {}, ymd(2026, 3, 6)).allowed);
}

TEST(PolicyCaps, TwoContactsInTheWindow) {
  const std::vector<Date> days = {ymd(2026, 3, 2), ymd(2026, 3, 5)};
  const DayCheck c = check_caps(kDefaults, days, ymd(2026, 3, 6));
  EXPECT_FALSE(c.allowed);
  EXPECT_EQ(c.rule, PolicyRule::frequency_cap);
  EXPECT_EQ(c.reason, "2 contacts in the 7 days 2026-03-02..2026-03-08 (at most 2)");
  // 03-08 still shares a window with both; 03-09 shares one only with 03-05, four days back.
  EXPECT_EQ(check_caps(kDefaults, days, ymd(2026, 3, 8)).rule, PolicyRule::frequency_cap);
  EXPECT_TRUE(check_caps(kDefaults, days, ymd(2026, 3, 9)).allowed);
}

TEST(PolicyCaps, MinimumGap) {
  const std::vector<Date> days = {ymd(2026, 3, 2)};
  const DayCheck c = check_caps(kDefaults, days, ymd(2026, 3, 4));
  EXPECT_FALSE(c.allowed);
  EXPECT_EQ(c.rule, PolicyRule::min_gap);
  EXPECT_EQ(c.reason, "last contact 2026-03-02, less than 3 days ago");
  EXPECT_TRUE(check_caps(kDefaults, days, ymd(2026, 3, 5)).allowed);  // exactly three days later
  const DayCheck same = check_caps(kDefaults, days, ymd(2026, 3, 2));
  EXPECT_EQ(same.rule, PolicyRule::min_gap);
  EXPECT_EQ(same.reason, "already a contact on 2026-03-02 (at least 3 days between contacts)");
  ContactPolicyConfig one_day;
  one_day.min_gap_days = 1;
  EXPECT_EQ(check_caps(one_day, days, ymd(2026, 3, 2)).rule, PolicyRule::min_gap);
  EXPECT_TRUE(check_caps(one_day, days, ymd(2026, 3, 3)).allowed);
}

TEST(PolicyCaps, ZeroGapDisablesTheGapRule) {
  ContactPolicyConfig config;
  config.min_gap_days = 0;
  const std::vector<Date> days = {ymd(2026, 3, 2)};
  EXPECT_TRUE(check_caps(config, days, ymd(2026, 3, 2)).allowed);  // a second contact the same day
  EXPECT_TRUE(check_caps(config, days, ymd(2026, 3, 3)).allowed);
  const std::vector<Date> twice = {ymd(2026, 3, 2), ymd(2026, 3, 2)};  // two contacts on one day
  EXPECT_EQ(check_caps(config, twice, ymd(2026, 3, 3)).reason,
            "2 contacts in the 7 days 2026-03-02..2026-03-08 (at most 2)");
  EXPECT_TRUE(check_caps(config, twice, ymd(2026, 3, 9)).allowed);
}

TEST(PolicyCaps, PlannedFutureContactsCount) {
  // The gap holds towards a planned contact too.
  const std::vector<Date> planned = {ymd(2026, 3, 10)};
  const DayCheck gap = check_caps(kDefaults, planned, ymd(2026, 3, 8));
  EXPECT_EQ(gap.rule, PolicyRule::min_gap);
  EXPECT_EQ(gap.reason, "contact planned for 2026-03-10, less than 3 days later");
  EXPECT_TRUE(check_caps(kDefaults, planned, ymd(2026, 3, 7)).allowed);
  // And so does the cap: two planned contacts in 03-06..03-12 leave no room on 03-06.
  ContactPolicyConfig config;
  config.min_gap_days = 0;
  const std::vector<Date> two = {ymd(2026, 3, 12), ymd(2026, 3, 10)};
  const DayCheck cap = check_caps(config, two, ymd(2026, 3, 6));
  EXPECT_EQ(cap.rule, PolicyRule::frequency_cap);
  EXPECT_EQ(cap.reason, "2 contacts in the 7 days 2026-03-06..2026-03-12 (at most 2)");
  EXPECT_TRUE(check_caps(config, two, ymd(2026, 3, 5)).allowed);
  EXPECT_TRUE(check_caps(config, two, ymd(2026, 3, 17)).allowed);
}

TEST(PolicyCaps, WindowEdges) {
  ContactPolicyConfig config;
  config.max_contacts = 1;
  config.window_days = 7;
  config.min_gap_days = 0;
  const std::vector<Date> days = {ymd(2026, 3, 1)};
  const DayCheck c = check_caps(config, days, ymd(2026, 3, 7));
  EXPECT_EQ(c.rule, PolicyRule::frequency_cap);
  EXPECT_EQ(c.reason, "1 contact in the 7 days 2026-03-01..2026-03-07 (at most 1)");
  EXPECT_TRUE(check_caps(config, days, ymd(2026, 3, 8)).allowed);
  EXPECT_EQ(check_caps(config, days, ymd(2026, 2, 23)).rule, PolicyRule::frequency_cap);
  EXPECT_TRUE(check_caps(config, days, ymd(2026, 2, 22)).allowed);
}

TEST(PolicyCaps, TheFullestWindowCounts) {
  // Three in 30 days at most; contacts 03-01, 03-20, 03-28: 03-25 shares 03-01..03-30 with
  // all three, 03-31 only shares windows with two of them.
  ContactPolicyConfig config;
  config.max_contacts = 3;
  config.window_days = 30;
  config.min_gap_days = 0;
  const std::vector<Date> days = {ymd(2026, 3, 28), ymd(2026, 3, 1), ymd(2026, 3, 20)};
  EXPECT_EQ(check_caps(config, days, ymd(2026, 3, 25)).reason,
            "3 contacts in the 30 days 2026-03-01..2026-03-30 (at most 3)");
  EXPECT_TRUE(check_caps(config, days, ymd(2026, 3, 31)).allowed);
}

// ---- next allowed day ----

TEST(PolicyNextDay, TodayWhenNothingBlocks) {
  const NextDay n = next_allowed_day(kDefaults, "BY", {}, ymd(2026, 3, 4));
  EXPECT_EQ(n.day, ymd(2026, 3, 4));
  EXPECT_TRUE(n.pushed_by.empty());
  EXPECT_TRUE(n.blocked_days.empty());
}

TEST(PolicyNextDay, HolidayThenSunday) {
  // Saturday 2026-10-31 is Reformationstag in Niedersachsen, then comes Sunday.
  const NextDay ni = next_allowed_day(kDefaults, "NI", {}, ymd(2026, 10, 31));
  EXPECT_EQ(ni.day, ymd(2026, 11, 2));
  ASSERT_EQ(ni.pushed_by.size(), 2u);
  ASSERT_EQ(ni.blocked_days.size(), 2u);
  EXPECT_EQ(ni.pushed_by[0].rule, PolicyRule::public_holiday);
  EXPECT_EQ(ni.pushed_by[0].reason, "public holiday in NI: Reformationstag");
  EXPECT_EQ(ni.blocked_days[0], ymd(2026, 10, 31));
  EXPECT_EQ(ni.pushed_by[1].rule, PolicyRule::sunday);
  EXPECT_EQ(ni.blocked_days[1], ymd(2026, 11, 1));
  // In Bayern the Saturday is an ordinary day.
  const NextDay by = next_allowed_day(kDefaults, "BY", {}, ymd(2026, 10, 31));
  EXPECT_EQ(by.day, ymd(2026, 10, 31));
  EXPECT_TRUE(by.pushed_by.empty());
}

TEST(PolicyNextDay, CapsThenSunday) {
  // Contacts Monday 03-02 and Thursday 03-05: Friday and Saturday share a 7-day window
  // with both (and are within 3 days of 03-05), Sunday 03-08 is Sunday, Monday 03-09 is free.
  const std::vector<Date> days = {ymd(2026, 3, 2), ymd(2026, 3, 5)};
  const NextDay n = next_allowed_day(kDefaults, "BY", days, ymd(2026, 3, 6));
  EXPECT_EQ(n.day, ymd(2026, 3, 9));
  EXPECT_EQ(rules(n), (std::vector<std::string>{"2026-03-06 frequency_cap", "2026-03-08 sunday"}));
  EXPECT_EQ(n.pushed_by[0].reason, "2 contacts in the 7 days 2026-03-02..2026-03-08 (at most 2)");
  // Without the Sunday rule 03-08 is still capped: the answer is the same.
  ContactPolicyConfig sundays_ok;
  sundays_ok.no_contact_on_sundays = false;
  const NextDay m = next_allowed_day(sundays_ok, "BY", days, ymd(2026, 3, 6));
  EXPECT_EQ(m.day, ymd(2026, 3, 9));
  EXPECT_EQ(rules(m), (std::vector<std::string>{"2026-03-06 frequency_cap"}));
}

TEST(PolicyNextDay, GapOnly) {
  const std::vector<Date> days = {ymd(2026, 3, 3)};
  const NextDay n = next_allowed_day(kDefaults, "BY", days, ymd(2026, 3, 4));
  EXPECT_EQ(n.day, ymd(2026, 3, 6));
  EXPECT_EQ(rules(n), (std::vector<std::string>{"2026-03-04 min_gap"}));
  EXPECT_EQ(n.pushed_by[0].reason, "last contact 2026-03-03, less than 3 days ago");
}

TEST(PolicyNextDay, PlannedContactsPushFurther) {
  // Planned on 03-10: 03-08 is Sunday, 03-09..03-12 are within 3 days of it, then
  // 03-13 is free.
  const std::vector<Date> days = {ymd(2026, 3, 10)};
  const NextDay n = next_allowed_day(kDefaults, "BY", days, ymd(2026, 3, 8));
  EXPECT_EQ(n.day, ymd(2026, 3, 13));
  EXPECT_EQ(rules(n), (std::vector<std::string>{"2026-03-08 sunday", "2026-03-09 min_gap"}));
}

TEST(PolicyNextDay, Horizon) {
  // One contact in 30 days, the last one yesterday: the next allowed day is 29 days away.
  ContactPolicyConfig config;
  config.max_contacts = 1;
  config.window_days = 30;
  config.min_gap_days = 0;
  config.no_contact_on_sundays = false;
  config.no_contact_on_public_holidays = false;
  const std::vector<Date> days = {ymd(2026, 3, 1)};
  config.max_deferral_days = 29;
  EXPECT_EQ(next_allowed_day(config, "BY", days, ymd(2026, 3, 2)).day, ymd(2026, 3, 31));
  config.max_deferral_days = 28;
  const NextDay n = next_allowed_day(config, "BY", days, ymd(2026, 3, 2));
  EXPECT_EQ(n.day, std::nullopt);
  EXPECT_EQ(rules(n), (std::vector<std::string>{"2026-03-02 frequency_cap"}));
}

// ---- send windows ----

TEST(PolicyTimeZone, TzdataIsInstalled) {
  ASSERT_TRUE(std::filesystem::exists("/usr/share/zoneinfo/Europe/Berlin"))
      << "the time zone database is missing: install the Debian package tzdata (/usr/share/zoneinfo)";
  EXPECT_TRUE(is_known_time_zone("Europe/Berlin"));
}

SendWindow window(const ContactPolicyConfig& config, StepChannel channel, std::string_view tz, Date day) {
  auto w = send_window(config, channel, tz, day);
  EXPECT_TRUE(w) << w.error().to_string();
  return w ? *w : SendWindow{};
}

TEST(PolicyTimeZone, KnownZones) {
  EXPECT_TRUE(is_known_time_zone("America/New_York"));
  EXPECT_TRUE(is_known_time_zone("Asia/Kolkata"));
  EXPECT_TRUE(is_known_time_zone("UTC"));
  EXPECT_FALSE(is_known_time_zone("Mars/Olympus_Mons"));
  EXPECT_FALSE(is_known_time_zone(""));
  EXPECT_FALSE(is_known_time_zone("Berlin"));
  EXPECT_FALSE(is_known_time_zone("../../etc/passwd"));
}

TEST(PolicyTimeZone, BerlinSummer) {
  const SendWindow w = window(kDefaults, StepChannel::email, "Europe/Berlin", ymd(2026, 7, 15));
  EXPECT_EQ(w.from_unix, utc(2026, 7, 15, 6, 0));
  EXPECT_EQ(w.to_unix, utc(2026, 7, 15, 18, 0));
}

TEST(PolicyTimeZone, EmptyZoneIsBerlin) {
  const SendWindow w = window(kDefaults, StepChannel::email, "", ymd(2026, 1, 15));
  EXPECT_EQ(w.from_unix, utc(2026, 1, 15, 7, 0));
  EXPECT_EQ(w.to_unix, utc(2026, 1, 15, 19, 0));
}

TEST(PolicyTimeZone, NewYorkCrossesUtcMidnight) {
  const SendWindow w = window(kDefaults, StepChannel::sms, "America/New_York", ymd(2026, 7, 15));
  EXPECT_EQ(w.from_unix, utc(2026, 7, 15, 12, 0));
  EXPECT_EQ(w.to_unix, utc(2026, 7, 16, 0, 0));
}

TEST(PolicyTimeZone, Kolkata) {
  const SendWindow w = window(kDefaults, StepChannel::email, "Asia/Kolkata", ymd(2026, 7, 15));
  EXPECT_EQ(w.from_unix, utc(2026, 7, 15, 2, 30));
  EXPECT_EQ(w.to_unix, utc(2026, 7, 15, 14, 30));
}

TEST(PolicyTimeZone, BerlinSpringForward) {
  // 2026-03-29: 02:00 CET becomes 03:00 CEST (01:00 UTC). The window stays 08:00–20:00 local.
  const SendWindow w = window(kDefaults, StepChannel::email, "Europe/Berlin", ymd(2026, 3, 29));
  EXPECT_EQ(w.from_unix, utc(2026, 3, 29, 6, 0));
  EXPECT_EQ(w.to_unix, utc(2026, 3, 29, 18, 0));
  // The whole day has 23 hours.
  ContactPolicyConfig all_day;
  all_day.hours[0] = {0, 24 * 60};
  const SendWindow day = window(all_day, StepChannel::email, "Europe/Berlin", ymd(2026, 3, 29));
  EXPECT_EQ(day.from_unix, utc(2026, 3, 28, 23, 0));
  EXPECT_EQ(day.to_unix, utc(2026, 3, 29, 22, 0));
  // 02:30 does not exist that day: the window opens when the gap ends (03:00 CEST).
  ContactPolicyConfig in_gap;
  in_gap.hours[0] = {2 * 60 + 30, 20 * 60};
  EXPECT_EQ(window(in_gap, StepChannel::email, "Europe/Berlin", ymd(2026, 3, 29)).from_unix, utc(2026, 3, 29, 1, 0));
}

TEST(PolicyTimeZone, BerlinFallBack) {
  // 2026-10-25: 03:00 CEST becomes 02:00 CET (01:00 UTC); the day has 25 hours.
  const SendWindow w = window(kDefaults, StepChannel::email, "Europe/Berlin", ymd(2026, 10, 25));
  EXPECT_EQ(w.from_unix, utc(2026, 10, 25, 7, 0));
  EXPECT_EQ(w.to_unix, utc(2026, 10, 25, 19, 0));
  ContactPolicyConfig all_day;
  all_day.hours[0] = {0, 24 * 60};
  const SendWindow day = window(all_day, StepChannel::email, "Europe/Berlin", ymd(2026, 10, 25));
  EXPECT_EQ(day.to_unix - day.from_unix, 25 * 3600);
  // 02:30 happens twice: the earlier one (CEST, 00:30 UTC) opens the window.
  ContactPolicyConfig twice;
  twice.hours[0] = {2 * 60 + 30, 20 * 60};
  EXPECT_EQ(window(twice, StepChannel::email, "Europe/Berlin", ymd(2026, 10, 25)).from_unix,
            utc(2026, 10, 25, 0, 30));
}

TEST(PolicyTimeZone, HoursPerChannel) {
  ContactPolicyConfig config;
  config.hours[static_cast<int>(StepChannel::call)] = {9 * 60, 18 * 60};
  config.hours[static_cast<int>(StepChannel::sms)] = {10 * 60 + 30, 19 * 60};
  const Date day = ymd(2026, 1, 15);  // CET, UTC+1
  const SendWindow call = window(config, StepChannel::call, "Europe/Berlin", day);
  EXPECT_EQ(call.from_unix, utc(2026, 1, 15, 8, 0));
  EXPECT_EQ(call.to_unix, utc(2026, 1, 15, 17, 0));
  const SendWindow sms = window(config, StepChannel::sms, "Europe/Berlin", day);
  EXPECT_EQ(sms.from_unix, utc(2026, 1, 15, 9, 30));
  EXPECT_EQ(sms.to_unix, utc(2026, 1, 15, 18, 0));
  const SendWindow email = window(config, StepChannel::email, "Europe/Berlin", day);
  EXPECT_EQ(email.from_unix, utc(2026, 1, 15, 7, 0));
  EXPECT_EQ(email.to_unix, utc(2026, 1, 15, 19, 0));
}

TEST(PolicyTimeZone, UnknownZoneIsAnError) {
  for (const char* tz : {"Mars/Olympus_Mons", "Berlin", "Europe/Berlin "}) {
    auto w = send_window(kDefaults, StepChannel::email, tz, ymd(2026, 7, 15));
    ASSERT_FALSE(w) << tz;
    EXPECT_EQ(w.error().code, base::ErrorCode::invalid_argument);
    EXPECT_EQ(w.error().field, "time_zone");
    EXPECT_NE(w.error().detail.find(std::string("'") + tz + "'"), std::string::npos) << w.error().detail;
  }
}

// ---- configuration ----

void expect_invalid(const ContactPolicyConfig& config, const std::string& field, const std::string& detail_part) {
  const base::Status s = validate(config);
  ASSERT_FALSE(s) << field;
  EXPECT_EQ(s.error().code, base::ErrorCode::invalid_argument);
  EXPECT_EQ(s.error().field, field);
  EXPECT_NE(s.error().detail.find(detail_part), std::string::npos) << s.error().detail;
}

TEST(PolicyConfig, DefaultsAreValid) { EXPECT_TRUE(validate(ContactPolicyConfig{})); }

TEST(PolicyConfig, Hours) {
  ContactPolicyConfig c;
  c.hours[static_cast<int>(StepChannel::sms)] = {21 * 60, 8 * 60};
  expect_invalid(c, "hours.sms", "from 21:00 to 08:00");
  c = {};
  c.hours[static_cast<int>(StepChannel::call)] = {9 * 60, 9 * 60};
  expect_invalid(c, "hours.call", "from 09:00 to 09:00");
  c = {};
  c.hours[static_cast<int>(StepChannel::email)] = {-1, 20 * 60};
  expect_invalid(c, "hours.email", "from minute -1 to minute 1200");
  c = {};
  c.hours[static_cast<int>(StepChannel::letter)] = {0, 24 * 60 + 1};
  expect_invalid(c, "hours.letter", "within 00:00..24:00");
  c = {};
  c.hours[static_cast<int>(StepChannel::webhook)] = {0, 24 * 60};
  EXPECT_TRUE(validate(c));
}

TEST(PolicyConfig, Limits) {
  ContactPolicyConfig c;
  c.max_contacts = 0;
  expect_invalid(c, "max_contacts", "at least 1, not 0");
  c = {};
  c.window_days = 0;
  expect_invalid(c, "window_days", "at least 1, not 0");
  c = {};
  c.min_gap_days = -1;
  expect_invalid(c, "min_gap_days", "not -1");
  c = {};
  c.min_gap_days = 0;
  EXPECT_TRUE(validate(c));
  c = {};
  c.max_deferral_days = 0;
  expect_invalid(c, "max_deferral_days", "between 1 and 366, not 0");
  c.max_deferral_days = 367;
  expect_invalid(c, "max_deferral_days", "not 367");
  c.max_deferral_days = 366;
  EXPECT_TRUE(validate(c));
}

}  // namespace
}  // namespace kulanz::engine
