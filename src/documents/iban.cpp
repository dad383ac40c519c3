#include "documents/iban.hpp"

#include <array>

#include "documents/check_digits.hpp"

namespace kulanz::documents {

namespace {

struct CountryLength {
  char code[3];
  int length;
};

// IBAN lengths by country from the ISO 13616 registry. All SEPA countries (EU, EEA,
// Switzerland, the United Kingdom, Andorra, Monaco, San Marino, Vatican City, Albania,
// Moldova, Montenegro, North Macedonia; French overseas departments and the Crown
// dependencies use the FR and GB formats), followed by further registry countries.
constexpr std::array<CountryLength, 89> kLengths{{
    // SEPA
    {"AD", 24}, {"AL", 28}, {"AT", 20}, {"BE", 16}, {"BG", 22}, {"CH", 21}, {"CY", 28},
    {"CZ", 24}, {"DE", 22}, {"DK", 18}, {"EE", 20}, {"ES", 24}, {"FI", 18}, {"FR", 27},
    {"GB", 22}, {"GI", 23}, {"GR", 27}, {"HR", 21}, {"HU", 28}, {"IE", 22}, {"IS", 26},
    {"IT", 27}, {"LI", 21}, {"LT", 20}, {"LU", 20}, {"LV", 21}, {"MC", 27}, {"MD", 24},
    {"ME", 22}, {"MK", 19}, {"MT", 31}, {"NL", 18}, {"NO", 15}, {"PL", 28}, {"PT", 25},
    {"RO", 24}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27}, {"VA", 22},
    // further countries of the registry
    {"AE", 23}, {"AZ", 28}, {"BA", 20}, {"BH", 22}, {"BI", 27}, {"BR", 29}, {"BY", 28},
    {"CR", 22}, {"DJ", 27}, {"DO", 28}, {"EG", 29}, {"FK", 18}, {"FO", 18}, {"GE", 22},
    {"GL", 18}, {"GT", 28}, {"HN", 28}, {"IL", 23}, {"IQ", 23}, {"JO", 30}, {"KW", 30},
    {"KZ", 20}, {"LB", 28}, {"LC", 32}, {"LY", 25}, {"MN", 20}, {"MR", 27}, {"MU", 30},
    {"NI", 28}, {"OM", 23}, {"PK", 24}, {"PS", 29}, {"QA", 29}, {"RS", 22}, {"RU", 33},
    {"SA", 24}, {"SC", 31}, {"SD", 18}, {"SO", 23}, {"ST", 25}, {"SV", 28}, {"TL", 23},
    {"TN", 24}, {"TR", 26}, {"UA", 29}, {"VG", 24}, {"XK", 20}, {"YE", 30},
}};

constexpr const char* kExample = "DE89 3704 0044 0532 0130 00";

base::Unexpected<base::Error> iban_error(std::string detail) {
  return base::fail(base::ErrorCode::iban_invalid, std::move(detail), "iban");
}

}  // namespace

int iban_length(std::string_view country) {
  for (const auto& entry : kLengths) {
    if (country == entry.code) return entry.length;
  }
  return 0;
}

base::Result<std::string> normalize_iban(std::string_view text) {
  using detail::is_digit;
  using detail::is_upper_letter;
  if (auto pos = detail::first_foreign_char(text)) {
    return iban_error("the IBAN contains " + detail::describe_char_at(text, *pos) +
                      ": only letters, digits and spaces are allowed; copy it again from the bank details");
  }
  std::string iban = detail::compact_upper(text);
  if (iban.empty()) {
    return iban_error(std::string("the IBAN is empty: enter the account's IBAN, for example ") + kExample);
  }
  if (iban.size() < 2 || !is_upper_letter(iban[0]) || !is_upper_letter(iban[1])) {
    return iban_error("an IBAN starts with a two-letter country code such as DE or AT, this one starts with '" +
                      iban.substr(0, 2) + "'");
  }
  const std::string country = iban.substr(0, 2);
  const int expected = iban_length(country);
  if (expected == 0) {
    return iban_error("'" + country + "' is not a country that issues IBANs: check the first two letters");
  }
  if (iban.size() < 4 || !is_digit(iban[2]) || !is_digit(iban[3])) {
    return iban_error("characters 3 and 4 of an IBAN are its check digits and must be digits, found '" +
                      iban.substr(2, 2) + "'");
  }
  if (static_cast<int>(iban.size()) != expected) {
    return iban_error("an IBAN from " + country + " has " + std::to_string(expected) + " characters, this one has " +
                      std::to_string(iban.size()) + ": a character is missing or one too many");
  }
  const int check = (iban[2] - '0') * 10 + (iban[3] - '0');
  if (check < 2 || check > 98) {
    return iban_error("the check digits '" + iban.substr(2, 2) + "' are impossible (they lie between 02 and 98): " +
                      "copy the IBAN again from the bank details");
  }
  const std::string rearranged = iban.substr(4) + iban.substr(0, 4);
  if (detail::mod97(rearranged) != 1) {
    return iban_error("the check digits of " + detail::group_by_four(iban) +
                      " do not match (ISO 13616 mod 97): a character is mistyped or two are swapped; "
                      "copy the IBAN again from the bank details");
  }
  return iban;
}

std::string format_iban(std::string_view electronic) { return detail::group_by_four(detail::compact_upper(electronic)); }

}  // namespace kulanz::documents
