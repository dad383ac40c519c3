#pragma once
// The German base rate (Basiszinssatz, §247 BGB) as a table of periods, parsed from text.
// Rates are exact basis points (1 bp = 0.01 percentage points); nothing here is floating
// point. A day is "known" only if a confirmed row covers it; everything else is refused.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "calendar/date.hpp"

namespace kulanz::law {

using calendar::Date;

// One row of the table: the rate in force from `valid_from` until the next row.
struct BaseRateRow {
  Date valid_from;             // always a 1 January or a 1 July
  std::int32_t rate_bp = 0;    // 3.62 % -> 362, -0.88 % -> -88
  bool confirmed = true;       // false: recorded for reference, never used for interest
  int line = 0;                // line number in the source text (1-based)
};

// A stretch of days [from, to] (both inclusive) with one base rate.
struct BaseRateSpan {
  Date from;
  Date to;
  std::int32_t rate_bp = 0;
};

class BaseRateTable {
 public:
  BaseRateTable() = default;
  // Rows must be in strictly increasing date order, confirmed rows first, at least one
  // confirmed (parse_base_rates guarantees this).
  BaseRateTable(std::vector<BaseRateRow> rows, std::string source);

  const std::vector<BaseRateRow>& rows() const { return rows_; }
  const std::string& source() const { return source_; }
  // The first and the last day covered by a confirmed rate. The last confirmed row holds
  // until the next scheduled change (1 January / 1 July), not beyond.
  Date first_known_day() const;
  Date last_known_day() const;

  // The base rate on one day; base_rate_unknown outside the known days.
  base::Result<std::int32_t> rate_on(Date day) const;
  // [from, to] (inclusive, from <= to) split at every rate change; base_rate_unknown if any
  // day of it is not known, with a message naming the days and how to add the rate.
  base::Result<std::vector<BaseRateSpan>> spans(Date from, Date to) const;

 private:
  base::Unexpected<base::Error> unknown(Date from, Date to) const;
  std::size_t confirmed_count() const;

  std::vector<BaseRateRow> rows_;
  std::string source_;
};

// Parses the table format of data/law/basiszinssatz.csv:
//   # comment lines and blank lines are ignored
//   valid_from,rate_percent[,status]      optional header
//   2024-01-01,3.62                        date (YYYY-MM-DD or DD.MM.YYYY), percent
//   2026-07-01,1.52,unconfirmed            status: confirmed (default) or unconfirmed
// The separator is ',' or ';' (with ';' the percent may use a decimal comma: "-0,88").
// The percent has at most two decimals and may carry a sign ("-", "+" or "−" U+2212).
// Any bad line is an error (base_rate_table_invalid) whose location is "SOURCE:LINE".
base::Result<BaseRateTable> parse_base_rates(std::string_view text, std::string_view source_name);

// The table shipped with kulanz (data/law/basiszinssatz.csv, compiled in).
std::string_view builtin_base_rates_text();
const BaseRateTable& builtin_base_rates();

// "3.62", "-0.88", "12.62": basis points as a percent with two decimals.
std::string format_percent(std::int32_t basis_points);

}  // namespace kulanz::law
