#pragma once
// What identifies a message text: template name, channel, language and tone, the parts each
// channel has, template file paths and the fallback chain (docs/TEMPLATES.md).
#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.hpp"
#include "domain/types.hpp"

namespace kulanz::comms {

using domain::Language;  // to_string(Language) is domain's: "de", "en"

enum class Channel { email, sms, letter, call };
enum class Part { subject, html, text, body };
enum class Tone { friendly, neutral, firm };

std::string_view to_string(Channel);
std::string_view to_string(Part);
std::string_view to_string(Tone);
base::Result<Channel> parse_channel(std::string_view);
base::Result<Part> parse_part(std::string_view);
base::Result<Tone> parse_tone(std::string_view);

// email: subject, html, text; sms: text; letter: subject, body; call: text.
std::vector<Part> parts_of(Channel);
// HTML parts are rendered with HTML escaping; all other parts without.
constexpr bool is_html(Part p) { return p == Part::html; }

struct MessageKey {
  std::string template_name;  // "first_reminder"
  Channel channel = Channel::email;
  Language language = Language::de;
  Tone tone = Tone::neutral;
};

// Template names as in collection files: 1 to 64 ASCII letters, digits, '_', '-' or '.'.
bool is_template_name(std::string_view name);

// "de/friendly/first_reminder.email.subject.mustache"
std::string template_path(std::string_view template_name, Channel, Part, Language, Tone);

struct TemplatePath {
  Language language = Language::de;
  Tone tone = Tone::neutral;
  std::string template_name;
  Channel channel = Channel::email;
  Part part = Part::subject;
};
// Reads `<language>/<tone>/<template>.<channel>.<part>.mustache`; the part must belong to
// the channel. The error's detail says what is wrong with the path.
base::Result<TemplatePath> parse_template_path(std::string_view path);

// The (language, tone) pairs tried for a message, in order and without repeats:
// (language, tone) -> (language, neutral) -> (en, neutral).
std::vector<std::pair<Language, Tone>> fallback_chain(Language, Tone);

// The template names of the shipped texts (data/templates/): messages get email, sms and
// letter; call templates get call scripts.
inline constexpr std::array<std::string_view, 10> kMessageTemplates = {
    "pre_due_reminder", "due_day_note", "first_reminder", "second_reminder", "final_notice", "statement",
    "payment_plan_confirmation", "instalment_reminder", "promise_confirmation", "dispute_received"};
inline constexpr std::array<std::string_view, 4> kCallTemplates = {
    "key_account_call", "key_account_escalation_call", "netting_call", "collection_call"};

}  // namespace kulanz::comms
