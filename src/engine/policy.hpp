#pragma once
// The one contact policy for every channel (docs/STRATEGIES.md, "Contact policy"):
// consent and opt-out, quiet hours in the customer's time zone, no contact on Sundays and
// on the public holidays of the customer's German state, and frequency caps across
// channels. A contact that cannot happen today is deferred to the next allowed day with
// the rule that moved it; it is never dropped silently.
//
// Pure functions over plain values. The only outside data is the operating system's time
// zone database (tzdata), read through date-tz for quiet-hour windows.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "calendar/date.hpp"
#include "domain/types.hpp"

namespace kulanz::engine {

using calendar::Date;

// How a step reaches (or, for webhook, reports on) a customer. Order of the enumerators is
// the index into per-channel arrays.
enum class StepChannel { email = 0, sms = 1, letter = 2, call = 3, webhook = 4 };
inline constexpr int kStepChannelCount = 5;
std::string_view to_string(StepChannel);
base::Result<StepChannel> parse_step_channel(std::string_view);
// The customer contact channel a step channel needs (email, sms, letter->letter, call->phone);
// webhook needs none.
std::optional<domain::Channel> contact_channel(StepChannel);
// Whether a contact on this channel counts towards the frequency caps and is bound to
// quiet hours, Sundays and holidays (everything but webhook, which informs the creditor's
// own systems).
bool is_customer_contact(StepChannel);

// Allowed local time of day [from, to) in minutes after midnight.
struct QuietHours {
  int allowed_from_minute = 8 * 60;  // 08:00
  int allowed_to_minute = 20 * 60;   // 20:00
};

struct ContactPolicyConfig {
  std::array<QuietHours, kStepChannelCount> hours{};  // per StepChannel; default 08:00–20:00
  bool no_contact_on_sundays = true;
  bool no_contact_on_public_holidays = true;  // of the customer's German state
  int max_contacts = 2;         // at most this many customer contacts ...
  int window_days = 7;          // ... in any window of this many consecutive days
  int min_gap_days = 3;         // and at least this many days between two contacts
  int max_deferral_days = 60;   // search horizon for the next allowed day
};

// The rules that can stop or move a contact, named in decisions and explanations.
enum class PolicyRule {
  none,
  sunday,          // no contact on Sundays
  public_holiday,  // no contact on a public holiday of the customer's state
  frequency_cap,   // max_contacts in window_days exceeded
  min_gap,         // less than min_gap_days since the last contact
  quiet_hours,     // (windows only) outside the allowed hours
  no_consent,      // the customer did not agree to this channel or opted out
  no_address,      // no address for this channel (or marked invalid after a bounce)
  horizon,         // no allowed day within max_deferral_days
};
std::string_view to_string(PolicyRule);

// What the policy needs to know about a customer.
struct PolicyCustomer {
  std::string state;      // German state code, empty = unknown (no state holidays apply)
  std::string time_zone;  // IANA name; empty = Europe/Berlin
  std::vector<domain::Contact> contacts;
  bool has_postal_address = true;  // letters need street, postal code and city
};

// Whether a channel may be used for this customer: consent given (letters need no
// consent, they need a postal address), an address present and not marked invalid.
struct ChannelCheck {
  bool usable = false;
  PolicyRule rule = PolicyRule::none;
  std::string reason;  // "no SMS consent", "email address marked invalid after a bounce"
};
ChannelCheck check_channel(const PolicyCustomer& customer, StepChannel channel);

// Sundays and public holidays: whether `day` is a contact day for a customer in `state`.
struct DayCheck {
  bool allowed = true;
  PolicyRule rule = PolicyRule::none;
  std::string reason;  // "Sunday", "public holiday in BY: Allerheiligen"
};
DayCheck check_day(const ContactPolicyConfig& config, std::string_view state, Date day);

// Frequency caps against the customer's earlier and already planned contacts (local
// days, any order, duplicates allowed: two contacts on one day are two entries).
DayCheck check_caps(const ContactPolicyConfig& config, std::span<const Date> contact_days, Date day);

// The first day >= `from` that passes check_day and check_caps, with the rules that pushed
// it (in the order met). nullopt (rule horizon) if none within max_deferral_days.
struct NextDay {
  std::optional<Date> day;
  std::vector<DayCheck> pushed_by;  // one entry per rule that moved the date, with the date it blocked
  std::vector<Date> blocked_days;   // parallel to pushed_by
};
NextDay next_allowed_day(const ContactPolicyConfig& config, std::string_view state,
                         std::span<const Date> contact_days, Date from);

// The instants (Unix seconds, UTC) between which a contact on `channel` may happen on the
// customer's local `day`: [from, to). Follows daylight-saving changes of the zone.
// Error invalid_argument for an unknown time zone.
struct SendWindow {
  std::int64_t from_unix = 0;
  std::int64_t to_unix = 0;
};
base::Result<SendWindow> send_window(const ContactPolicyConfig& config, StepChannel channel,
                                     std::string_view time_zone, Date day);

// True if `time_zone` names a zone of the installed time zone database.
bool is_known_time_zone(std::string_view time_zone);

// Checks a configuration: hours within 00:00..24:00 and from < to, caps >= 1, gap >= 0,
// window >= 1, horizon 1..366. Returns the first problem as invalid_argument.
base::Status validate(const ContactPolicyConfig& config);

}  // namespace kulanz::engine
