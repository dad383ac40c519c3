#include "comms/message.hpp"

namespace kulanz::comms {
namespace {

using base::ErrorCode;

constexpr std::string_view kSuffix = ".mustache";

std::string quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

base::Result<Language> parse_language_exact(std::string_view s) {
  if (s == "de") return Language::de;
  if (s == "en") return Language::en;
  return base::fail(ErrorCode::template_invalid, quoted(s) + " is not a language; use de or en", "language");
}

}  // namespace

std::string_view to_string(Channel c) {
  switch (c) {
    case Channel::email: return "email";
    case Channel::sms: return "sms";
    case Channel::letter: return "letter";
    case Channel::call: return "call";
  }
  return "email";
}

std::string_view to_string(Part p) {
  switch (p) {
    case Part::subject: return "subject";
    case Part::html: return "html";
    case Part::text: return "text";
    case Part::body: return "body";
  }
  return "text";
}

std::string_view to_string(Tone t) {
  switch (t) {
    case Tone::friendly: return "friendly";
    case Tone::neutral: return "neutral";
    case Tone::firm: return "firm";
  }
  return "neutral";
}

base::Result<Channel> parse_channel(std::string_view s) {
  for (Channel c : {Channel::email, Channel::sms, Channel::letter, Channel::call}) {
    if (s == to_string(c)) return c;
  }
  return base::fail(ErrorCode::template_invalid, quoted(s) + " is not a channel; use email, sms, letter or call", "channel");
}

base::Result<Part> parse_part(std::string_view s) {
  for (Part p : {Part::subject, Part::html, Part::text, Part::body}) {
    if (s == to_string(p)) return p;
  }
  return base::fail(ErrorCode::template_invalid, quoted(s) + " is not a part; use subject, html, text or body", "part");
}

base::Result<Tone> parse_tone(std::string_view s) {
  for (Tone t : {Tone::friendly, Tone::neutral, Tone::firm}) {
    if (s == to_string(t)) return t;
  }
  return base::fail(ErrorCode::template_invalid, quoted(s) + " is not a tone; use friendly, neutral or firm", "tone");
}

std::vector<Part> parts_of(Channel c) {
  switch (c) {
    case Channel::email: return {Part::subject, Part::html, Part::text};
    case Channel::sms: return {Part::text};
    case Channel::letter: return {Part::subject, Part::body};
    case Channel::call: return {Part::text};
  }
  return {};
}

bool is_template_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char ch : name) {
    bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' || ch == '.';
    if (!ok) return false;
  }
  return true;
}

std::string template_path(std::string_view template_name, Channel channel, Part part, Language language, Tone tone) {
  std::string path;
  path.reserve(template_name.size() + 40);
  path.append(domain::to_string(language)).append("/").append(to_string(tone)).append("/");
  path.append(template_name).append(".").append(to_string(channel)).append(".").append(to_string(part));
  path.append(kSuffix);
  return path;
}

base::Result<TemplatePath> parse_template_path(std::string_view path) {
  const std::string expected = "; expected <language>/<tone>/<template>.<channel>.<part>.mustache, e.g. de/friendly/first_reminder.email.subject.mustache";
  auto bad = [&](std::string why) { return base::fail(ErrorCode::template_invalid, why + expected, "path"); };

  auto slash1 = path.find('/');
  auto slash2 = slash1 == std::string_view::npos ? slash1 : path.find('/', slash1 + 1);
  if (slash2 == std::string_view::npos || path.find('/', slash2 + 1) != std::string_view::npos) {
    return bad("not a template file name");
  }
  std::string_view file = path.substr(slash2 + 1);
  if (file.size() <= kSuffix.size() || file.substr(file.size() - kSuffix.size()) != kSuffix) {
    return bad("a template file name ends with .mustache");
  }
  file.remove_suffix(kSuffix.size());
  auto dot_part = file.rfind('.');
  auto dot_channel = dot_part == std::string_view::npos || dot_part == 0 ? std::string_view::npos : file.rfind('.', dot_part - 1);
  if (dot_channel == std::string_view::npos) return bad("the file name has no channel and part");

  TemplatePath out;
  auto language = parse_language_exact(path.substr(0, slash1));
  if (!language) return bad(language.error().detail);
  auto tone = parse_tone(path.substr(slash1 + 1, slash2 - slash1 - 1));
  if (!tone) return bad(tone.error().detail);
  auto channel = parse_channel(file.substr(dot_channel + 1, dot_part - dot_channel - 1));
  if (!channel) return bad(channel.error().detail);
  auto part = parse_part(file.substr(dot_part + 1));
  if (!part) return bad(part.error().detail);
  out.language = *language;
  out.tone = *tone;
  out.channel = *channel;
  out.part = *part;
  out.template_name = std::string(file.substr(0, dot_channel));
  if (!is_template_name(out.template_name)) {
    return bad(quoted(out.template_name) + " is not a template name (1 to 64 letters, digits, '_', '-' or '.')");
  }
  bool part_fits = false;
  std::string parts;
  for (Part p : parts_of(out.channel)) {
    part_fits = part_fits || p == out.part;
    parts += parts.empty() ? "" : ", ";
    parts += to_string(p);
  }
  if (!part_fits) {
    return base::fail(ErrorCode::template_invalid,
                      "the " + std::string(to_string(out.channel)) + " channel has no part '" + std::string(to_string(out.part)) +
                          "'; its parts are: " + parts,
                      "path");
  }
  return out;
}

std::vector<std::pair<Language, Tone>> fallback_chain(Language language, Tone tone) {
  std::vector<std::pair<Language, Tone>> chain;
  for (auto step : {std::pair{language, tone}, std::pair{language, Tone::neutral}, std::pair{Language::en, Tone::neutral}}) {
    bool seen = false;
    for (const auto& s : chain) seen = seen || s == step;
    if (!seen) chain.push_back(step);
  }
  return chain;
}

}  // namespace kulanz::comms
