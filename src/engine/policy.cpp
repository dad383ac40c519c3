#include "engine/policy.hpp"

#include <date/tz.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <limits>

#include "base/text.hpp"
#include "calendar/german_state.hpp"
#include "calendar/holidays.hpp"

namespace kulanz::engine {
namespace {

using base::ErrorCode;

constexpr std::string_view kDefaultTimeZone = "Europe/Berlin";
constexpr int kMinutesPerDay = 24 * 60;

// ---- channels ----

struct ChannelWords {
  std::string_view consent;  // "no consent for <consent>"
  std::string_view address;  // "no <address>", "<address> marked invalid ..."
  std::string_view invalid_because;
};

ChannelWords words(StepChannel channel) {
  switch (channel) {
    case StepChannel::email: return {"email", "email address", "after a bounce"};
    case StepChannel::sms: return {"SMS", "mobile number for SMS", "(unknown number)"};
    case StepChannel::letter: return {"letters", "postal address", "(letter returned)"};
    case StepChannel::call: return {"calls", "phone number", "(unknown number)"};
    case StepChannel::webhook: break;
  }
  return {"webhooks", "webhook address", ""};
}

// How far one contact entry got through the checks; the furthest one explains best why
// the channel is not usable ("no consent" says more than "no address" of an empty entry).
enum class ContactStage { no_address = 0, no_consent = 1, invalid = 2, usable = 3 };

ContactStage stage_of(const domain::Contact& c) {
  if (base::trim(c.address).empty()) return ContactStage::no_address;
  if (!c.consent) return ContactStage::no_consent;
  if (c.invalid) return ContactStage::invalid;
  return ContactStage::usable;
}

ChannelCheck unusable(PolicyRule rule, std::string reason) { return ChannelCheck{false, rule, std::move(reason)}; }

ChannelCheck check_letter(const PolicyCustomer& customer) {
  const ChannelWords w = words(StepChannel::letter);
  if (!customer.has_postal_address) {
    return unusable(PolicyRule::no_address, "no postal address (street, postal code and city)");
  }
  // A letter needs no consent. A letter entry marked invalid records returned mail:
  // sending to the same address again is pointless.
  for (const domain::Contact& c : customer.contacts) {
    if (c.channel == domain::Channel::letter && c.invalid) {
      return unusable(PolicyRule::no_address, std::string(w.address) + " marked invalid " + std::string(w.invalid_because));
    }
  }
  return ChannelCheck{true, PolicyRule::none, {}};
}

// ---- days ----

std::string gap_phrase(int days) { return days == 1 ? "1 day" : std::to_string(days) + " days"; }

// The holiday name of `day` for a customer without a (German) state: only holidays that
// every state keeps (Neujahr, Karfreitag, Ostermontag, Tag der Arbeit, Christi Himmelfahrt,
// Pfingstmontag, Tag der Deutschen Einheit, both Weihnachtstage; in 2017 also the
// Reformationstag). A customer abroad or of unknown state still gets no reminder on
// Christmas Day, but no state's own holiday blocks them.
std::string_view nationwide_holiday_name(Date day) {
  std::string_view name;
  for (calendar::GermanState s : calendar::all_german_states()) {
    const std::string_view n = calendar::holiday_name(s, day);
    if (n.empty()) return {};
    if (name.empty()) name = n;
  }
  return name;
}

// ---- time zones ----

// The zone named `name`, or nullptr. `problem` is set when the database itself is missing
// or unreadable (then every name fails, and the message must say why).
const date::time_zone* find_zone(std::string_view name, std::string& problem) {
  const date::tzdb* db = nullptr;
  try {
    db = &date::get_tzdb();
  } catch (const std::exception& e) {
    problem = std::string("the time zone database could not be read: ") + e.what();
    return nullptr;
  }
  if (db->zones.empty()) {
    problem = "no time zone database is installed (Debian package tzdata, /usr/share/zoneinfo)";
    return nullptr;
  }
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;  // an unknown name
  }
}

// The UTC instant of a local wall-clock time. In a spring-forward gap the local time does
// not exist: take the first instant after the gap (the transition itself). In a fall-back
// overlap it exists twice: take the earlier.
std::int64_t to_unix(const date::time_zone& zone, date::local_seconds local) {
  const date::local_info info = zone.get_info(local);
  if (info.result == date::local_info::nonexistent) {
    return info.first.end.time_since_epoch().count();
  }
  const date::sys_seconds utc{local.time_since_epoch() - info.first.offset};
  return utc.time_since_epoch().count();
}

std::string hhmm(int minutes) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
  return buf;
}

}  // namespace

std::string_view to_string(StepChannel c) {
  switch (c) {
    case StepChannel::email: return "email";
    case StepChannel::sms: return "sms";
    case StepChannel::letter: return "letter";
    case StepChannel::call: return "call";
    case StepChannel::webhook: return "webhook";
  }
  return "email";
}

base::Result<StepChannel> parse_step_channel(std::string_view raw) {
  const std::string s = base::ascii_lower(base::trim(raw));
  for (int i = 0; i < kStepChannelCount; ++i) {
    const auto c = static_cast<StepChannel>(i);
    if (s == to_string(c)) return c;
  }
  return base::fail(ErrorCode::enum_invalid,
                    "'" + std::string(raw) + "' is not a step channel (email, sms, letter, call, webhook)", "channel");
}

std::optional<domain::Channel> contact_channel(StepChannel c) {
  switch (c) {
    case StepChannel::email: return domain::Channel::email;
    case StepChannel::sms: return domain::Channel::sms;
    case StepChannel::letter: return domain::Channel::letter;
    case StepChannel::call: return domain::Channel::phone;
    case StepChannel::webhook: return std::nullopt;
  }
  return std::nullopt;
}

bool is_customer_contact(StepChannel c) { return c != StepChannel::webhook; }

std::string_view to_string(PolicyRule r) {
  switch (r) {
    case PolicyRule::none: return "none";
    case PolicyRule::sunday: return "sunday";
    case PolicyRule::public_holiday: return "public_holiday";
    case PolicyRule::frequency_cap: return "frequency_cap";
    case PolicyRule::min_gap: return "min_gap";
    case PolicyRule::quiet_hours: return "quiet_hours";
    case PolicyRule::no_consent: return "no_consent";
    case PolicyRule::no_address: return "no_address";
    case PolicyRule::horizon: return "horizon";
  }
  return "none";
}

ChannelCheck check_channel(const PolicyCustomer& customer, StepChannel channel) {
  if (channel == StepChannel::webhook) return ChannelCheck{true, PolicyRule::none, {}};
  if (channel == StepChannel::letter) return check_letter(customer);
  const domain::Channel wanted = *contact_channel(channel);
  // Several entries of one channel are possible; one usable entry is enough.
  ContactStage best = ContactStage::no_address;
  for (const domain::Contact& c : customer.contacts) {
    if (c.channel != wanted) continue;
    best = std::max(best, stage_of(c));
  }
  const ChannelWords w = words(channel);
  switch (best) {
    case ContactStage::usable: return ChannelCheck{true, PolicyRule::none, {}};
    case ContactStage::no_address: return unusable(PolicyRule::no_address, "no " + std::string(w.address));
    case ContactStage::no_consent: return unusable(PolicyRule::no_consent, "no consent for " + std::string(w.consent));
    case ContactStage::invalid:
      return unusable(PolicyRule::no_address, std::string(w.address) + " marked invalid " + std::string(w.invalid_because));
  }
  return unusable(PolicyRule::no_address, "no " + std::string(w.address));
}

DayCheck check_day(const ContactPolicyConfig& config, std::string_view state, Date day) {
  if (config.no_contact_on_sundays && day.iso_weekday() == 7) return DayCheck{false, PolicyRule::sunday, "Sunday"};
  // Years without holiday rules (before 1995) have no holidays rather than an error: the
  // policy never fails on a date, it only defers.
  if (!config.no_contact_on_public_holidays || !calendar::holiday_year_supported(day.year())) return {};
  auto german = calendar::parse_german_state(state);
  if (german) {
    const std::string_view name = calendar::holiday_name(*german, day);
    if (name.empty()) return {};
    return DayCheck{false, PolicyRule::public_holiday,
                    "public holiday in " + std::string(calendar::code(*german)) + ": " + std::string(name)};
  }
  // Empty, unknown or foreign state: the holidays common to all states (see above).
  const std::string_view name = nationwide_holiday_name(day);
  if (name.empty()) return {};
  return DayCheck{false, PolicyRule::public_holiday, "nationwide public holiday: " + std::string(name)};
}

DayCheck check_caps(const ContactPolicyConfig& config, std::span<const Date> contact_days, Date day) {
  // 64-bit day numbers: a configuration that was not validated must not overflow.
  const std::int64_t d = day.days_since_epoch();
  const std::int64_t window = std::max(config.window_days, 1);
  // (b) Every window of `window` consecutive days containing `day` must leave room for one
  // more contact. The fullest such window can be taken to start on a contact day in it or
  // on `day` itself (sliding a window right only loses contacts when its start passes one),
  // so only those starts are tried, earliest first: the reason names a window that
  // begins with a contact.
  std::vector<std::int64_t> starts;
  for (Date c : contact_days) {
    const std::int64_t cd = c.days_since_epoch();
    if (cd > d - window && cd <= d) starts.push_back(cd);
  }
  starts.push_back(d);
  std::sort(starts.begin(), starts.end());
  for (std::int64_t s : starts) {
    const std::int64_t last = s + window - 1;
    std::int64_t count = 0;
    for (Date c : contact_days) {
      if (c.days_since_epoch() >= s && c.days_since_epoch() <= last) ++count;
    }
    if (count + 1 > config.max_contacts) {
      const Date first_day = Date::from_days(static_cast<std::int32_t>(s));
      const Date last_day = Date::from_days(static_cast<std::int32_t>(
          std::min<std::int64_t>(last, std::numeric_limits<std::int32_t>::max())));
      return DayCheck{false, PolicyRule::frequency_cap,
                      std::to_string(count) + (count == 1 ? " contact" : " contacts") + " in the " +
                          std::to_string(window) + " days " + first_day.iso() + ".." + last_day.iso() +
                          " (at most " + std::to_string(config.max_contacts) + ")"};
    }
  }
  // (a) At least min_gap_days between two contacts, in both directions: a contact already
  // planned for a later day counts as much as an earlier one.
  if (config.min_gap_days > 0) {
    std::optional<Date> before;  // the latest conflicting contact on or before `day`
    std::optional<Date> after;   // the earliest conflicting contact after `day`
    for (Date c : contact_days) {
      const std::int64_t distance = c.days_since_epoch() - d;
      if (distance <= -config.min_gap_days || distance >= config.min_gap_days) continue;
      if (distance <= 0) {
        if (!before || *before < c) before = c;
      } else if (!after || c < *after) {
        after = c;
      }
    }
    const std::string gap = gap_phrase(config.min_gap_days);
    if (before && *before == day) {
      return DayCheck{false, PolicyRule::min_gap,
                      "already a contact on " + day.iso() + " (at least " + gap + " between contacts)"};
    }
    if (before) return DayCheck{false, PolicyRule::min_gap, "last contact " + before->iso() + ", less than " + gap + " ago"};
    if (after) {
      return DayCheck{false, PolicyRule::min_gap, "contact planned for " + after->iso() + ", less than " + gap + " later"};
    }
  }
  return {};
}

NextDay next_allowed_day(const ContactPolicyConfig& config, std::string_view state,
                         std::span<const Date> contact_days, Date from) {
  NextDay out;
  const int horizon = std::max(config.max_deferral_days, 0);
  for (int i = 0; i <= horizon; ++i) {
    const Date day = from.add_days(i);
    DayCheck check = check_day(config, state, day);
    if (check.allowed) check = check_caps(config, contact_days, day);
    if (check.allowed) {
      out.day = day;
      return out;
    }
    // One entry per rule, with the first day it blocked.
    const bool seen = std::any_of(out.pushed_by.begin(), out.pushed_by.end(),
                                  [&](const DayCheck& p) { return p.rule == check.rule; });
    if (!seen) {
      out.pushed_by.push_back(std::move(check));
      out.blocked_days.push_back(day);
    }
  }
  return out;
}

base::Result<SendWindow> send_window(const ContactPolicyConfig& config, StepChannel channel,
                                     std::string_view time_zone, Date day) {
  const std::string_view name = time_zone.empty() ? kDefaultTimeZone : time_zone;
  std::string problem;
  const date::time_zone* zone = find_zone(name, problem);
  if (zone == nullptr) {
    return base::fail(ErrorCode::invalid_argument,
                      problem.empty() ? "'" + std::string(name) +
                                            "' is not a time zone of the time zone database; write an IANA name "
                                            "such as Europe/Berlin"
                                      : "time zone '" + std::string(name) + "' cannot be looked up: " + problem,
                      "time_zone");
  }
  const QuietHours& hours = config.hours[static_cast<std::size_t>(channel)];
  const date::local_days midnight{date::days{day.days_since_epoch()}};
  try {
    SendWindow w;
    w.from_unix = to_unix(*zone, midnight + std::chrono::minutes{hours.allowed_from_minute});
    // 24:00 is the next local midnight, which to_unix places correctly even on a day of
    // 23 or 25 hours.
    w.to_unix = to_unix(*zone, midnight + std::chrono::minutes{hours.allowed_to_minute});
    return w;
  } catch (const std::exception& e) {
    // Reading the zone's rules from disk can fail (a damaged tzdata file).
    return base::fail(ErrorCode::invalid_argument,
                      "time zone '" + std::string(name) + "' could not be read: " + e.what(), "time_zone");
  }
}

bool is_known_time_zone(std::string_view time_zone) {
  if (time_zone.empty()) return false;
  std::string problem;
  return find_zone(time_zone, problem) != nullptr;
}

base::Status validate(const ContactPolicyConfig& config) {
  for (int i = 0; i < kStepChannelCount; ++i) {
    const QuietHours& h = config.hours[static_cast<std::size_t>(i)];
    const std::string channel(to_string(static_cast<StepChannel>(i)));
    const bool in_day = h.allowed_from_minute >= 0 && h.allowed_to_minute <= kMinutesPerDay;
    if (!in_day || h.allowed_from_minute >= h.allowed_to_minute) {
      const bool printable = h.allowed_from_minute >= 0 && h.allowed_from_minute <= kMinutesPerDay &&
                             h.allowed_to_minute >= 0 && h.allowed_to_minute <= kMinutesPerDay;
      const std::string range =
          printable ? "from " + hhmm(h.allowed_from_minute) + " to " + hhmm(h.allowed_to_minute)
                    : "from minute " + std::to_string(h.allowed_from_minute) + " to minute " +
                          std::to_string(h.allowed_to_minute);
      return base::fail(ErrorCode::invalid_argument,
                        "allowed hours for " + channel + " are " + range +
                            "; they must lie within 00:00..24:00 and start before they end",
                        "hours." + channel);
    }
  }
  if (config.max_contacts < 1) {
    return base::fail(ErrorCode::invalid_argument,
                      "max_contacts must be at least 1, not " + std::to_string(config.max_contacts), "max_contacts");
  }
  if (config.window_days < 1) {
    return base::fail(ErrorCode::invalid_argument,
                      "window_days must be at least 1, not " + std::to_string(config.window_days), "window_days");
  }
  if (config.min_gap_days < 0) {
    return base::fail(ErrorCode::invalid_argument,
                      "min_gap_days must be 0 (no gap) or more, not " + std::to_string(config.min_gap_days),
                      "min_gap_days");
  }
  if (config.max_deferral_days < 1 || config.max_deferral_days > 366) {
    return base::fail(ErrorCode::invalid_argument,
                      "max_deferral_days must be between 1 and 366, not " + std::to_string(config.max_deferral_days),
                      "max_deferral_days");
  }
  return {};
}

}  // namespace kulanz::engine
