#include "domain/types.hpp"

#include <algorithm>

#include <array>

#include "base/text.hpp"

namespace kulanz::domain {

std::string_view to_string(CustomerType t) { return t == CustomerType::business ? "business" : "consumer"; }
std::string_view to_string(Language l) { return l == Language::en ? "en" : "de"; }
std::string_view to_string(Channel c) {
  switch (c) {
    case Channel::email: return "email";
    case Channel::sms: return "sms";
    case Channel::letter: return "letter";
    case Channel::phone: return "phone";
  }
  return "email";
}
std::string_view to_string(ItemKind k) {
  switch (k) {
    case ItemKind::invoice: return "invoice";
    case ItemKind::fee: return "fee";
    case ItemKind::interest: return "interest";
  }
  return "invoice";
}
std::string_view to_string(AllocationSource s) { return s == AllocationSource::credit_note ? "credit_note" : "payment"; }

base::Result<CustomerType> parse_customer_type(std::string_view raw) {
  auto s = base::ascii_lower(base::trim(raw));
  if (s == "consumer" || s == "private" || s == "privat" || s == "verbraucher" || s == "b2c" || s == "p") return CustomerType::consumer;
  if (s == "business" || s == "company" || s == "firma" || s == "unternehmen" || s == "gewerbe" || s == "b2b" || s == "f") return CustomerType::business;
  return base::fail(base::ErrorCode::enum_invalid, "'" + std::string(raw) + "' is not a customer type (use consumer or business)", "type");
}

base::Result<Language> parse_language(std::string_view raw) {
  auto s = base::ascii_lower(base::trim(raw));
  if (s == "de" || s == "deu" || s == "ger" || s == "deutsch" || s == "german" || s.rfind("de-", 0) == 0 || s.rfind("de_", 0) == 0) return Language::de;
  if (s == "en" || s == "eng" || s == "englisch" || s == "english" || s.rfind("en-", 0) == 0 || s.rfind("en_", 0) == 0) return Language::en;
  return base::fail(base::ErrorCode::language_invalid, "'" + std::string(raw) + "' is not a supported language (use de or en)", "language");
}

base::Result<Channel> parse_channel(std::string_view raw) {
  auto s = base::ascii_lower(base::trim(raw));
  if (s == "email") return Channel::email;
  if (s == "sms") return Channel::sms;
  if (s == "letter") return Channel::letter;
  if (s == "phone") return Channel::phone;
  return base::fail(base::ErrorCode::enum_invalid, "'" + std::string(raw) + "' is not a channel (email, sms, letter, phone)", "channel");
}

bool is_german_state_code(std::string_view code) {
  static constexpr std::array<std::string_view, 16> kStates = {"BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV",
                                                               "NI", "NW", "RP", "SL", "SN", "ST", "SH", "TH"};
  for (auto s : kStates) if (s == code) return true;
  return false;
}

const Contact* Customer::contact(Channel ch) const {
  for (const auto& c : contacts) if (c.channel == ch) return &c;
  return nullptr;
}

void apply_preferences(Customer& c) {
  if (c.preferences.language) c.language = *c.preferences.language;
  for (const auto& chosen : c.preferences.channels) {
    auto it = std::find_if(c.contacts.begin(), c.contacts.end(), [&](const Contact& k) { return k.channel == chosen.channel; });
    if (it == c.contacts.end()) {
      if (chosen.address.empty()) continue;
      c.contacts.push_back(Contact{chosen.channel, chosen.address, chosen.consent, false});
      continue;
    }
    if (!chosen.address.empty() && chosen.address != it->address) {
      it->address = chosen.address;
      it->invalid = false;
    }
    it->consent = chosen.consent;
  }
}

}  // namespace kulanz::domain
