#pragma once
// Locale formatting of the values that go into messages: amounts, dates, percentages.
// German messages use de_DE conventions, English ones en_GB (ICU's locale data).
//
// Every result uses a plain ASCII space (U+0020) where ICU puts a no-break space
// (U+00A0, U+202F): "1.234,56 €", "10,27 %". One formatted value serves every channel,
// and a plain space keeps SMS within GSM-7 and email subjects free of invisible characters.
//
// Amounts are exact: the minor units are written as a decimal string and handed to ICU's
// decimal-number input; no floating point is involved.
#include <cstdint>
#include <string>
#include <string_view>

#include "calendar/date.hpp"
#include "domain/types.hpp"
#include "money/money.hpp"

namespace kulanz::comms {

using domain::Language;

// de: 123456 EUR -> "1.234,56 €", -123456 -> "-1.234,56 €"
// en: 123456 EUR -> "€1,234.56", -123456 -> "-€1,234.56"
// The currency's exponent comes from the ISO 4217 table (src/money); another three-letter
// code is shown with two decimals and the code as its symbol ("1.234,56 XYZ"); anything
// else is not formatted by locale: "1234.56 EURO".
std::string format_money(std::int64_t minor, std::string_view currency, Language language);
std::string format_money(const money::Money& amount, Language language);

enum class DateStyle {
  numeric,    // de "23.11.2026", en "23/11/2026"
  long_form,  // de "23. November 2026", en "23 November 2026"
};
std::string format_date(calendar::Date date, Language language, DateStyle style = DateStyle::numeric);

// Basis points (1 bp = 0.01 percentage points) with two decimals:
// 1027 -> de "10,27 %", en "10.27%"; -88 -> de "-0,88 %", en "-0.88%".
std::string format_percent(std::int32_t basis_points, Language language);

// Whole numbers with grouping: 1234567 -> de "1.234.567", en "1,234,567".
std::string format_integer(std::int64_t value, Language language);

}  // namespace kulanz::comms
