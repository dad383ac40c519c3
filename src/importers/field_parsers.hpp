#pragma once
// Parsers for single field values as import files and API bodies write them. Each one
// trims the text, accepts the spellings German ERPs use, and fails with a registry code
// and a detail saying what was found and what is expected. No I/O.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.hpp"
#include "calendar/date.hpp"
#include "money/money.hpp"

namespace kulanz::importers {

// "2026-03-31" or "31.03.2026" (also "1.3.2026").
base::Result<calendar::Date> parse_date_field(std::string_view text);

// A positive amount in minor units of `currency`; `style` says which of ',' and '.' is
// the decimal separator. Zero and negative amounts are rejected.
base::Result<std::int64_t> parse_positive_amount(std::string_view text, money::Currency currency,
                                                 money::DecimalStyle style);

// Decides the decimal style of a column from one value when the value is unambiguous:
// "1.234,56" and "12,5" are comma style, "1,234.56" and "12.50" point style; "1234" and
// "1.234" (one group of three) decide nothing.
std::optional<money::DecimalStyle> decimal_style_of(std::string_view value);

// A percentage with at most two decimals, either separator, optional "%": "2", "2,5",
// "2.25 %" -> basis points (200, 250, 225). Range 0..100.
base::Result<std::int32_t> parse_percent_basis_points(std::string_view text);

// A whole number in [min, max].
base::Result<std::int64_t> parse_integer(std::string_view text, std::int64_t min, std::int64_t max);

// yes/no in English and German: ja/nein, yes/no, true/false, j/n, y/n, x (= yes), 1/0, wahr/falsch.
base::Result<bool> parse_boolean(std::string_view text);

// A plausible email address (one @, a dot in the domain, no spaces); returned trimmed.
base::Result<std::string> parse_email(std::string_view text);

// A phone number in E.164 form. German national numbers ("0711 123456") become +49...;
// "0049..." becomes "+49..."; spaces, '/', '-', '.', '(' and ')' are dropped.
base::Result<std::string> parse_phone(std::string_view text);

// ISO 3166-1 alpha-2 (upper-cased). "Deutschland"/"Germany" are read as DE.
base::Result<std::string> parse_country(std::string_view text);

// A German state as its ISO 3166-2:DE code ("BY") from the code or the name ("Bayern",
// "Nordrhein-Westfalen", "Baden-Württemberg").
base::Result<std::string> parse_german_state(std::string_view text);

// Text of at most `max_chars` code points, trimmed; control characters other than
// tab and line breaks are rejected.
base::Result<std::string> parse_text(std::string_view text, std::size_t max_chars);

// An external id: 1..64 characters, no control characters, trimmed.
base::Result<std::string> parse_external_id(std::string_view text);

}  // namespace kulanz::importers
