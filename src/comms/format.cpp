#include "comms/format.hpp"

#include <unicode/dtptngen.h>
#include <unicode/gregocal.h>
#include <unicode/locid.h>
#include <unicode/measunit.h>
#include <unicode/numberformatter.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <memory>

#include "base/text.hpp"
#include "money/currency.hpp"

namespace kulanz::comms {
namespace {

const icu::Locale& locale_of(Language language) {
  static const icu::Locale de("de", "DE");
  static const icu::Locale en("en", "GB");
  return language == Language::de ? de : en;
}

// ICU separates number and unit with U+00A0 (and, in some locales, U+202F); messages get
// a plain space (see format.hpp).
std::string plain_spaces(const icu::UnicodeString& text) {
  icu::UnicodeString copy(text);
  copy.findAndReplace(icu::UnicodeString(static_cast<UChar>(0x00A0)), icu::UnicodeString(u" "));
  copy.findAndReplace(icu::UnicodeString(static_cast<UChar>(0x202F)), icu::UnicodeString(u" "));
  std::string out;
  copy.toUTF8String(out);
  return out;
}

// Formats the exact decimal `decimal` ("-1234.56") with `formatter`; an empty string when
// ICU fails (missing locale data: an installation defect, answered with a plain fallback).
std::string format_decimal_with(const icu::number::LocalizedNumberFormatter& formatter, const std::string& decimal) {
  UErrorCode status = U_ZERO_ERROR;
  auto formatted = formatter.formatDecimal(icu::StringPiece(decimal.data(), static_cast<int32_t>(decimal.size())), status);
  if (U_FAILURE(status)) return {};
  icu::UnicodeString text = formatted.toString(status);
  if (U_FAILURE(status)) return {};
  return plain_spaces(text);
}

icu::UnicodeString utf16(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

}  // namespace

std::string format_money(std::int64_t minor, std::string_view currency, Language language) {
  auto known = money::Currency::from_code(currency);
  int exponent = known ? known->exponent() : 2;
  std::string code = known ? std::string(known->code()) : base::ascii_upper(currency);
  std::string decimal = money::format_decimal(minor, exponent);

  bool three_letters = code.size() == 3 && std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  UErrorCode status = U_ZERO_ERROR;
  icu::CurrencyUnit unit(three_letters ? utf16(code).getTerminatedBuffer() : u"XXX", status);
  if (three_letters && U_SUCCESS(status)) {
    auto formatter = icu::number::NumberFormatter::withLocale(locale_of(language))
                         .unit(unit)
                         .precision(icu::number::Precision::fixedFraction(exponent));
    std::string out = format_decimal_with(formatter, decimal);
    if (!out.empty()) return out;
  }
  // Not a currency code, or no ICU data: the exact decimal and what was given as the code.
  return code.empty() ? decimal : decimal + " " + code;
}

std::string format_money(const money::Money& amount, Language language) {
  return format_money(amount.minor(), amount.currency().code(), language);
}

std::string format_percent(std::int32_t basis_points, Language language) {
  std::string decimal = money::format_decimal(basis_points, 2);
  auto formatter = icu::number::NumberFormatter::withLocale(locale_of(language))
                       .unit(icu::MeasureUnit::getPercent())
                       .precision(icu::number::Precision::fixedFraction(2));
  std::string out = format_decimal_with(formatter, decimal);
  return out.empty() ? decimal + " %" : out;
}

std::string format_integer(std::int64_t value, Language language) {
  std::string decimal = std::to_string(value);
  auto formatter = icu::number::NumberFormatter::withLocale(locale_of(language))
                       .precision(icu::number::Precision::integer());
  std::string out = format_decimal_with(formatter, decimal);
  return out.empty() ? decimal : out;
}

namespace {

// One formatter per thread, language and style: building one reads ICU's pattern data,
// and SimpleDateFormat is not safe to share between threads.
std::unique_ptr<icu::SimpleDateFormat> make_date_format(Language language, DateStyle style) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale& locale = locale_of(language);
  std::unique_ptr<icu::DateTimePatternGenerator> generator(icu::DateTimePatternGenerator::createInstance(locale, status));
  if (U_FAILURE(status)) return nullptr;
  icu::UnicodeString skeleton = style == DateStyle::numeric ? icu::UnicodeString(u"ddMMyyyy") : icu::UnicodeString(u"dMMMMyyyy");
  icu::UnicodeString pattern = generator->getBestPattern(skeleton, status);
  if (U_FAILURE(status)) return nullptr;
  auto format = std::make_unique<icu::SimpleDateFormat>(pattern, locale, status);
  if (U_FAILURE(status)) return nullptr;
  // Civil dates are formatted as midnight UTC of that day in the proleptic Gregorian
  // calendar: no time zone of the machine takes part.
  auto calendar = std::make_unique<icu::GregorianCalendar>(icu::TimeZone::getGMT()->clone(), locale, status);
  if (U_FAILURE(status)) return nullptr;
  calendar->setGregorianChange(-8.64e15, status);  // no Julian calendar before 1582
  if (U_FAILURE(status)) return nullptr;
  format->adoptCalendar(calendar.release());
  return format;
}

}  // namespace

std::string format_date(calendar::Date date, Language language, DateStyle style) {
  thread_local std::array<std::unique_ptr<icu::SimpleDateFormat>, 4> formats;
  std::size_t slot = (language == Language::de ? 0U : 2U) + (style == DateStyle::numeric ? 0U : 1U);
  if (!formats[slot]) formats[slot] = make_date_format(language, style);
  if (!formats[slot]) return language == Language::de ? date.german() : date.iso();
  constexpr double kMillisPerDay = 86400000.0;  // exact in a double for every supported day
  UDate instant = static_cast<double>(date.days_since_epoch()) * kMillisPerDay;
  icu::UnicodeString text;
  formats[slot]->format(instant, text);
  return plain_spaces(text);
}

}  // namespace kulanz::comms
