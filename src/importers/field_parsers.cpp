#include "importers/field_parsers.hpp"

#include <array>
#include <charconv>
#include <utility>

#include "base/text.hpp"

namespace kulanz::importers {
namespace {

using base::ErrorCode;

std::string quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Folds ä/ö/ü/ß to ae/oe/ue/ss and drops everything but ASCII letters and digits.
std::string fold_key(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == 0xC3 && i + 1 < s.size()) {
      auto n = static_cast<unsigned char>(s[i + 1]);
      const char* rep = n == 0xA4 || n == 0x84 ? "ae" : n == 0xB6 || n == 0x96 ? "oe" : n == 0xBC || n == 0x9C ? "ue"
                        : n == 0x9F ? "ss" : nullptr;
      if (rep) { out += rep; ++i; continue; }
    }
    if (c >= 'A' && c <= 'Z') out.push_back(static_cast<char>(c - 'A' + 'a'));
    else if ((c >= 'a' && c <= 'z') || is_digit(static_cast<char>(c))) out.push_back(static_cast<char>(c));
  }
  return out;
}

}  // namespace

base::Result<calendar::Date> parse_date_field(std::string_view text) {
  auto t = base::trim(text);
  auto d = calendar::Date::parse(t);
  if (d) return d;
  std::string why = d.error().detail;
  if (why.find("does not exist") != std::string::npos) why = quoted(t) + " is not a day of the calendar";
  else if (why.find("is not a date") == std::string::npos) why = quoted(t) + ": " + why;
  return base::fail(ErrorCode::date_invalid, why + " (write DD.MM.YYYY or YYYY-MM-DD)");
}

std::optional<money::DecimalStyle> decimal_style_of(std::string_view value) {
  auto t = base::trim(value);
  auto last = t.find_last_of(",.");
  if (last == std::string_view::npos) return std::nullopt;
  const char sep = t[last];
  const char other = sep == ',' ? '.' : ',';
  const bool other_before = t.substr(0, last).find(other) != std::string_view::npos;
  const bool same_before = t.substr(0, last).find(sep) != std::string_view::npos;
  std::size_t digits_after = 0;
  while (last + 1 + digits_after < t.size() && is_digit(t[last + 1 + digits_after])) ++digits_after;
  // "1.234.567" / "1,234,567": the separator repeats, so it groups thousands.
  if (same_before && !other_before) return sep == ',' ? money::DecimalStyle::point : money::DecimalStyle::comma;
  if (other_before || digits_after != 3) return sep == ',' ? money::DecimalStyle::comma : money::DecimalStyle::point;
  return std::nullopt;  // "1.234" or "1,234": either reading is possible
}

base::Result<std::int64_t> parse_positive_amount(std::string_view text, money::Currency currency,
                                                 money::DecimalStyle style) {
  auto t = base::trim(text);
  auto minor = money::parse_amount(t, currency, style);
  if (!minor) {
    base::Error e = std::move(minor).error();
    if (e.code == ErrorCode::amount_invalid) {
      e.detail += style == money::DecimalStyle::comma ? " (write amounts like 1.234,56 or 1234,56)"
                                                      : " (write amounts like 1,234.56 or 1234.56)";
    }
    return base::fail(std::move(e));
  }
  if (*minor <= 0) {
    return base::fail(ErrorCode::amount_invalid, quoted(t) + " must be greater than zero (write corrections as credit notes)");
  }
  return minor;
}

base::Result<std::int32_t> parse_percent_basis_points(std::string_view text) {
  auto t = base::trim(text);
  if (!t.empty() && t.back() == '%') t = base::trim(t.substr(0, t.size() - 1));
  auto bad = [&](std::string why) {
    return base::fail(ErrorCode::percent_invalid, quoted(text) + " " + why + " (write a percentage such as 2 or 2,5)");
  };
  if (t.empty()) return bad("is empty");
  auto sep = t.find_first_of(",.");
  std::string_view whole = t.substr(0, sep);
  std::string_view frac = sep == std::string_view::npos ? std::string_view{} : t.substr(sep + 1);
  if (whole.empty() || whole.size() > 3) return bad("is not a percentage between 0 and 100");
  for (char c : whole) if (!is_digit(c)) return bad("is not a number");
  for (char c : frac) if (!is_digit(c)) return bad("is not a number");
  if (sep != std::string_view::npos && frac.empty()) return bad("ends with a decimal separator");
  while (frac.size() > 2 && frac.back() == '0') frac.remove_suffix(1);
  if (frac.size() > 2) return bad("has more than two decimals");
  int w = 0;
  std::from_chars(whole.data(), whole.data() + whole.size(), w);
  int f = 0;
  if (!frac.empty()) {
    std::from_chars(frac.data(), frac.data() + frac.size(), f);
    if (frac.size() == 1) f *= 10;
  }
  const std::int32_t bp = w * 100 + f;
  if (bp > 10000) return bad("is more than 100");
  return bp;
}

base::Result<std::int64_t> parse_integer(std::string_view text, std::int64_t min, std::int64_t max) {
  auto t = base::trim(text);
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || ec != std::errc() || ptr != t.data() + t.size()) {
    return base::fail(ErrorCode::invalid_argument, quoted(t) + " is not a whole number");
  }
  if (v < min || v > max) {
    return base::fail(ErrorCode::invalid_argument,
                      quoted(t) + " is out of range (allowed " + std::to_string(min) + ".." + std::to_string(max) + ")");
  }
  return v;
}

base::Result<bool> parse_boolean(std::string_view text) {
  auto s = base::ascii_lower(base::trim(text));
  static constexpr std::array<std::string_view, 8> yes = {"ja", "yes", "true", "j", "y", "x", "1", "wahr"};
  static constexpr std::array<std::string_view, 7> no = {"nein", "no", "false", "n", "0", "falsch", "-"};
  for (auto y : yes) if (s == y) return true;
  for (auto n : no) if (s == n) return false;
  return base::fail(ErrorCode::boolean_invalid, quoted(base::trim(text)) + " is not yes/no (write ja or nein, yes or no, 1 or 0)");
}

base::Result<std::string> parse_email(std::string_view text) {
  auto t = base::trim(text);
  auto at = t.find('@');
  const bool ok = at != std::string_view::npos && at > 0 && t.find('@', at + 1) == std::string_view::npos &&
                  t.find_first_of(" \t,;<>\"") == std::string_view::npos && t.size() <= 254 &&
                  t.substr(at + 1).find('.') != std::string_view::npos && t.back() != '.' && t[at + 1] != '.';
  if (!ok) return base::fail(ErrorCode::email_invalid, quoted(t) + " is not an email address (name@example.de)");
  return std::string(t);
}

base::Result<std::string> parse_phone(std::string_view text) {
  auto t = base::trim(text);
  std::string digits;
  bool plus = false;
  // "+49 (0)711 ..." writes the national trunk zero in brackets: it is not dialled.
  std::string without_trunk(t);
  if (auto p = without_trunk.find("(0)"); p != std::string::npos) without_trunk.erase(p, 3);
  t = without_trunk;
  for (std::size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    if (c == '+' && digits.empty() && !plus) { plus = true; continue; }
    if (is_digit(c)) { digits.push_back(c); continue; }
    if (c == ' ' || c == '/' || c == '-' || c == '.' || c == '(' || c == ')') continue;
    return base::fail(ErrorCode::phone_invalid, quoted(t) + " contains '" + std::string(1, c) +
                                                    "' (write a number such as 0711 123456 or +49 711 123456)");
  }
  std::string e164;
  if (plus) e164 = "+" + digits;
  else if (digits.rfind("00", 0) == 0) e164 = "+" + digits.substr(2);
  else if (digits.rfind("0", 0) == 0) e164 = "+49" + digits.substr(1);
  else return base::fail(ErrorCode::phone_invalid, quoted(t) + " has no area code (write 0711 123456 or +49 711 123456)");
  if (e164.size() < 8 || e164.size() > 16 || e164[1] == '0') {
    return base::fail(ErrorCode::phone_invalid, quoted(t) + " is not a valid phone number (7 to 15 digits with area code)");
  }
  return e164;
}

base::Result<std::string> parse_country(std::string_view text) {
  auto key = fold_key(text);
  if (key == "deutschland" || key == "germany" || key == "brd") return std::string("DE");
  if (key == "oesterreich" || key == "austria") return std::string("AT");
  if (key == "schweiz" || key == "switzerland") return std::string("CH");
  auto t = base::ascii_upper(base::trim(text));
  if (t.size() == 2 && t[0] >= 'A' && t[0] <= 'Z' && t[1] >= 'A' && t[1] <= 'Z') return t;
  return base::fail(ErrorCode::country_invalid, quoted(base::trim(text)) + " is not a country code (write DE, AT, CH, ...)");
}

base::Result<std::string> parse_german_state(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 16> kNames = {{
      {"badenwuerttemberg", "BW"}, {"bayern", "BY"}, {"berlin", "BE"}, {"brandenburg", "BB"},
      {"bremen", "HB"}, {"hamburg", "HH"}, {"hessen", "HE"}, {"mecklenburgvorpommern", "MV"},
      {"niedersachsen", "NI"}, {"nordrheinwestfalen", "NW"}, {"rheinlandpfalz", "RP"}, {"saarland", "SL"},
      {"sachsen", "SN"}, {"sachsenanhalt", "ST"}, {"schleswigholstein", "SH"}, {"thueringen", "TH"},
  }};
  auto code = base::ascii_upper(base::trim(text));
  if (code.rfind("DE-", 0) == 0) code = code.substr(3);
  for (const auto& [name, c] : kNames) if (c == code) return std::string(c);
  auto key = fold_key(text);
  for (const auto& [name, c] : kNames) if (name == key) return std::string(c);
  return base::fail(ErrorCode::state_invalid,
                    quoted(base::trim(text)) + " is not a German state (write its code such as BY or NW, or its name such as Bayern)");
}

base::Result<std::string> parse_text(std::string_view text, std::size_t max_chars) {
  auto t = base::trim(text);
  for (unsigned char c : t) {
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      return base::fail(ErrorCode::invalid_argument, "contains a control character (byte " + std::to_string(c) + ")");
    }
  }
  if (base::utf8_length(t) > max_chars) {
    return base::fail(ErrorCode::text_too_long, "is " + std::to_string(base::utf8_length(t)) + " characters long; at most " +
                                                    std::to_string(max_chars) + " are allowed");
  }
  return std::string(t);
}

base::Result<std::string> parse_external_id(std::string_view text) {
  auto t = base::trim(text);
  if (t.empty()) return base::fail(ErrorCode::required_missing, "is empty (every record needs its id from the source system)");
  for (unsigned char c : t) {
    if (c < 0x20 || c == 0x7F) return base::fail(ErrorCode::id_invalid, quoted(t) + " contains a control character");
  }
  if (base::utf8_length(t) > 64) {
    return base::fail(ErrorCode::id_invalid, quoted(t) + " is longer than 64 characters");
  }
  return std::string(t);
}

}  // namespace kulanz::importers
