#pragma once
// Money: an exact amount in integer minor units of one ISO 4217 currency.
// Arithmetic is checked (overflow and currency mixing are errors, never silent);
// rounding is always explicit; remainders of a split are placed deterministically.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "money/currency.hpp"

namespace kulanz::money {

enum class Rounding {
  half_up,    // kaufmännisch: .5 away from zero (German commercial rounding; the default for fees/interest)
  half_even,  // banker's rounding
  toward_zero,
  away_from_zero,
};

class Money {
 public:
  Money() = default;
  Money(std::int64_t minor, Currency c) : minor_(minor), currency_(c) {}
  static Money zero(Currency c) { return Money(0, c); }

  std::int64_t minor() const { return minor_; }
  const Currency& currency() const { return currency_; }
  bool is_zero() const { return minor_ == 0; }
  bool is_negative() const { return minor_ < 0; }
  bool is_positive() const { return minor_ > 0; }

  base::Result<Money> plus(const Money& o) const;
  base::Result<Money> minus(const Money& o) const;
  base::Result<Money> negated() const;
  // this * numerator / denominator, rounded as told. denominator must be > 0.
  base::Result<Money> scaled(std::int64_t numerator, std::int64_t denominator, Rounding r) const;

  // "1234.56" (point, no grouping, sign first) — the canonical machine form.
  std::string to_decimal_string() const;

  friend bool operator==(const Money& a, const Money& b) = default;

 private:
  std::int64_t minor_ = 0;
  Currency currency_;
};

// a * n / d with explicit rounding, exact in 128-bit; error on overflow of int64.
base::Result<std::int64_t> mul_div(std::int64_t a, std::int64_t n, std::int64_t d, Rounding r);

// Checked sum of amounts that must all be in `currency`.
base::Result<Money> sum(std::span<const Money> amounts, Currency currency);

// Splits `total` into parts proportional to `weights` (all >= 0, not all 0). The parts
// add up to `total` exactly: each part is first rounded toward zero, then the remaining
// minor units go one each to the parts with the largest fractional remainders, ties to the
// earlier index. Deterministic for the same input.
base::Result<std::vector<Money>> allocate(const Money& total, std::span<const std::int64_t> weights);

enum class DecimalStyle {
  point,  // 1,234.56 or 1234.56 ("," groups thousands)
  comma,  // 1.234,56 or 1234,56 ("." groups thousands), as German ERPs write
};

// Parses a decimal amount into minor units of `c`. Accepts an optional sign ("-" leading,
// or trailing as some ERPs write), thousands separators only in proper groups of three,
// at most `c.exponent()` decimals (more is an error, never rounded). No currency symbols.
base::Result<std::int64_t> parse_amount(std::string_view text, Currency c, DecimalStyle style);

// Formats minor units as a plain decimal ("1234.56", "-0.05", "1000" for exponent 0).
std::string format_decimal(std::int64_t minor, int exponent);

}  // namespace kulanz::money
