#include "law/base_rate.hpp"

#include <cstdlib>

#include "base/text.hpp"

namespace kulanz::law {
namespace {

using base::ErrorCode;

constexpr std::int32_t kMinRateBp = -1000;  // -10 %: far below any rate ever published
constexpr std::int32_t kMaxRateBp = 2000;   // +20 %

base::Unexpected<base::Error> bad_line(std::string_view source, int line, std::string detail) {
  base::Error e(ErrorCode::base_rate_table_invalid, std::move(detail));
  e.location = std::string(source) + ":" + std::to_string(line);
  return base::fail(std::move(e));
}

std::vector<std::string_view> split(std::string_view line, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    std::size_t pos = line.find(sep, start);
    out.push_back(base::trim(line.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start)));
    if (pos == std::string_view::npos) return out;
    start = pos + 1;
  }
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// "3.62" / "-0,88" / "−0.88" / "+1" -> basis points; at most two decimals, no exponent.
std::optional<std::int32_t> parse_percent_bp(std::string_view text, bool allow_comma) {
  bool negative = false;
  constexpr std::string_view kUnicodeMinus = "\xE2\x88\x92";
  if (text.starts_with(kUnicodeMinus)) {
    negative = true;
    text.remove_prefix(kUnicodeMinus.size());
  } else if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  std::int64_t whole = 0;
  std::size_t i = 0;
  for (; i < text.size() && is_digit(text[i]); ++i) {
    whole = whole * 10 + (text[i] - '0');
    if (whole > 100) return std::nullopt;
  }
  if (i == 0) return std::nullopt;
  std::int64_t fraction = 0;
  int decimals = 0;
  if (i < text.size() && (text[i] == '.' || (allow_comma && text[i] == ','))) {
    ++i;
    for (; i < text.size() && is_digit(text[i]); ++i) {
      if (++decimals > 2) return std::nullopt;
      fraction = fraction * 10 + (text[i] - '0');
    }
    if (decimals == 0) return std::nullopt;
  }
  if (i != text.size()) return std::nullopt;
  if (decimals == 1) fraction *= 10;
  std::int64_t bp = whole * 100 + fraction;
  return static_cast<std::int32_t>(negative ? -bp : bp);
}

// The day before the next scheduled change after a row's start (1 January / 1 July).
Date end_of_half_year(Date valid_from) {
  const int year = valid_from.year();
  const bool first_half = valid_from.month() < 7;
  auto next = Date::from_ymd(first_half ? year : year + 1, first_half ? 7 : 1, 1);
  // from_ymd fails only past 2199; the table's dates are within range by construction.
  return next ? next->add_days(-1) : Date::from_days(valid_from.days_since_epoch() + 183);
}

struct LineParser {
  std::string_view source;
  bool header_allowed = true;
  std::vector<BaseRateRow> rows;

  base::Status line(std::string_view raw, int number) {
    std::string_view text = base::trim(raw);
    if (text.empty() || text.front() == '#') return {};
    const char sep = text.find(';') != std::string_view::npos ? ';' : ',';
    auto fields = split(text, sep);
    const bool first = header_allowed;
    header_allowed = false;
    if (first && base::iequals_ascii(fields[0], "valid_from")) return {};
    if (fields.size() < 2 || fields.size() > 3) {
      return bad_line(source, number, "expected 'valid_from" + std::string(1, sep) + "rate_percent' (and optionally a status), got '" +
                                          std::string(text) + "'");
    }
    BaseRateRow row;
    row.line = number;
    auto date = Date::parse(fields[0]);
    if (!date) return bad_line(source, number, "'" + std::string(fields[0]) + "' is not a date (expected YYYY-MM-DD)");
    if (date->day() != 1 || (date->month() != 1 && date->month() != 7)) {
      return bad_line(source, number, date->iso() + " is not a 1 January or 1 July; the base rate changes only on those days (§247 BGB)");
    }
    row.valid_from = *date;
    auto bp = parse_percent_bp(fields[1], sep == ';');
    if (!bp) {
      return bad_line(source, number, "'" + std::string(fields[1]) +
                                          "' is not a percentage with at most two decimals (for example 3.62 or -0.88)");
    }
    if (*bp < kMinRateBp || *bp > kMaxRateBp) {
      return bad_line(source, number, "base rate " + format_percent(*bp) + " % is outside the plausible range -10 % .. 20 %");
    }
    row.rate_bp = *bp;
    if (fields.size() == 3 && !fields[2].empty()) {
      if (base::iequals_ascii(fields[2], "unconfirmed")) {
        row.confirmed = false;
      } else if (!base::iequals_ascii(fields[2], "confirmed")) {
        return bad_line(source, number, "status '" + std::string(fields[2]) + "' is neither 'confirmed' nor 'unconfirmed'");
      }
    }
    if (!rows.empty()) {
      const BaseRateRow& prev = rows.back();
      if (!(prev.valid_from < row.valid_from)) {
        return bad_line(source, number, row.valid_from.iso() + " does not come after " + prev.valid_from.iso() + " (line " +
                                            std::to_string(prev.line) + "); rows must be in date order, each date once");
      }
      if (!prev.confirmed && row.confirmed) {
        return bad_line(source, number, "a confirmed rate cannot follow the unconfirmed rate of " + prev.valid_from.iso() +
                                            " (line " + std::to_string(prev.line) + ")");
      }
    }
    rows.push_back(row);
    return {};
  }
};

}  // namespace

std::string format_percent(std::int32_t basis_points) {
  const std::int64_t bp = basis_points;
  const std::int64_t magnitude = bp < 0 ? -bp : bp;
  std::string cents = std::to_string(magnitude % 100);
  if (cents.size() < 2) cents.insert(0, "0");
  return (bp < 0 ? "-" : "") + std::to_string(magnitude / 100) + "." + cents;
}

BaseRateTable::BaseRateTable(std::vector<BaseRateRow> rows, std::string source)
    : rows_(std::move(rows)), source_(std::move(source)) {}

std::size_t BaseRateTable::confirmed_count() const {
  std::size_t n = 0;
  while (n < rows_.size() && rows_[n].confirmed) ++n;
  return n;
}

Date BaseRateTable::first_known_day() const { return rows_.empty() ? Date() : rows_.front().valid_from; }

Date BaseRateTable::last_known_day() const {
  const std::size_t n = confirmed_count();
  return n == 0 ? Date() : end_of_half_year(rows_[n - 1].valid_from);
}

base::Unexpected<base::Error> BaseRateTable::unknown(Date from, Date to) const {
  std::string detail = "no confirmed base rate (§247 BGB) is known for " + from.iso() + " .. " + to.iso() + "; the table " +
                       source_ + " covers " + first_known_day().iso() + " .. " + last_known_day().iso() + ".";
  for (std::size_t i = confirmed_count(); i < rows_.size(); ++i) {
    detail += " The rate from " + rows_[i].valid_from.iso() + " (" + format_percent(rows_[i].rate_bp) +
              " %) is marked unconfirmed (line " + std::to_string(rows_[i].line) + ").";
  }
  detail +=
      " Add the rate published by the Deutsche Bundesbank as a line 'YYYY-MM-DD,PERCENT' (valid from 1 January or "
      "1 July) to a copy of the table and pass it with --base-rates FILE or set [law] base_rates in the "
      "configuration; interest is never computed with a guessed rate.";
  return base::fail(ErrorCode::base_rate_unknown, std::move(detail));
}

base::Result<std::int32_t> BaseRateTable::rate_on(Date day) const {
  auto s = spans(day, day);
  if (!s) return base::fail(std::move(s).error());
  return s->front().rate_bp;
}

base::Result<std::vector<BaseRateSpan>> BaseRateTable::spans(Date from, Date to) const {
  if (to < from) {
    return base::fail(ErrorCode::invalid_argument, "the period " + from.iso() + " .. " + to.iso() + " ends before it starts");
  }
  const std::size_t n = confirmed_count();
  if (n == 0 || from < first_known_day() || last_known_day() < to) return unknown(from, to);
  std::vector<BaseRateSpan> out;
  for (std::size_t i = 0; i < n; ++i) {
    const Date row_from = rows_[i].valid_from;
    const Date row_to = i + 1 < n ? rows_[i + 1].valid_from.add_days(-1) : last_known_day();
    const Date a = from < row_from ? row_from : from;
    const Date b = row_to < to ? row_to : to;
    if (b < a) continue;
    if (!out.empty() && out.back().rate_bp == rows_[i].rate_bp) {
      out.back().to = b;  // an unchanged rate is one span, whatever the table repeats
    } else {
      out.push_back({a, b, rows_[i].rate_bp});
    }
  }
  return out;
}

base::Result<BaseRateTable> parse_base_rates(std::string_view text, std::string_view source_name) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // UTF-8 byte order mark
  LineParser p;
  p.source = source_name;
  int number = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    std::string_view raw = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    ++number;
    KULANZ_TRY_STATUS(p.line(raw, number));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  if (p.rows.empty() || !p.rows.front().confirmed) {
    base::Error e(ErrorCode::base_rate_table_invalid, "the table has no confirmed rate (expected lines such as '2024-01-01,3.62')");
    e.location = std::string(source_name);
    return base::fail(std::move(e));
  }
  return BaseRateTable(std::move(p.rows), std::string(source_name));
}

const BaseRateTable& builtin_base_rates() {
  static const BaseRateTable table = [] {
    auto t = parse_base_rates(builtin_base_rates_text(), "built-in basiszinssatz.csv");
    // The shipped table is checked by a unit test; a broken build is a programmer error.
    return t ? std::move(t).value() : BaseRateTable();
  }();
  return table;
}

}  // namespace kulanz::law
