#include "money/money.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

namespace kulanz::money {
namespace {
__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

base::Unexpected<base::Error> overflow() {
  return base::fail(base::ErrorCode::money_overflow, "the amount exceeds the supported range");
}
base::Unexpected<base::Error> mismatch(const Currency& a, const Currency& b) {
  return base::fail(base::ErrorCode::currency_mismatch,
                    std::string(a.code()) + " and " + std::string(b.code()) + " cannot be combined");
}
bool fits(i128 v) {
  return v >= std::numeric_limits<std::int64_t>::min() && v <= std::numeric_limits<std::int64_t>::max();
}
}  // namespace

base::Result<std::int64_t> mul_div(std::int64_t a, std::int64_t n, std::int64_t d, Rounding r) {
  if (d <= 0) return base::fail(base::ErrorCode::invalid_argument, "denominator must be positive");
  i128 num = static_cast<i128>(a) * n;
  i128 q = num / d;  // truncates toward zero
  i128 rem = num % d;
  if (rem != 0) {
    bool negative = num < 0;
    i128 twice = (rem < 0 ? -rem : rem) * 2;
    bool step = false;
    switch (r) {
      case Rounding::toward_zero: step = false; break;
      case Rounding::away_from_zero: step = true; break;
      case Rounding::half_up: step = twice >= d; break;
      case Rounding::half_even: step = twice > d || (twice == d && (q % 2 != 0)); break;
    }
    if (step) q += negative ? -1 : 1;
  }
  if (!fits(q)) return overflow();
  return static_cast<std::int64_t>(q);
}

base::Result<Money> Money::plus(const Money& o) const {
  if (!(currency_ == o.currency_)) return mismatch(currency_, o.currency_);
  std::int64_t out;
  if (__builtin_add_overflow(minor_, o.minor_, &out)) return overflow();
  return Money(out, currency_);
}

base::Result<Money> Money::minus(const Money& o) const {
  if (!(currency_ == o.currency_)) return mismatch(currency_, o.currency_);
  std::int64_t out;
  if (__builtin_sub_overflow(minor_, o.minor_, &out)) return overflow();
  return Money(out, currency_);
}

base::Result<Money> Money::negated() const {
  if (minor_ == std::numeric_limits<std::int64_t>::min()) return overflow();
  return Money(-minor_, currency_);
}

base::Result<Money> Money::scaled(std::int64_t n, std::int64_t d, Rounding r) const {
  auto v = mul_div(minor_, n, d, r);
  if (!v) return base::fail(std::move(v).error());
  return Money(*v, currency_);
}

std::string Money::to_decimal_string() const { return format_decimal(minor_, currency_.exponent()); }

base::Result<Money> sum(std::span<const Money> amounts, Currency currency) {
  Money total = Money::zero(currency);
  for (const auto& m : amounts) {
    auto next = total.plus(m);
    if (!next) return next;
    total = *next;
  }
  return total;
}

base::Result<std::vector<Money>> allocate(const Money& total, std::span<const std::int64_t> weights) {
  if (weights.empty()) return base::fail(base::ErrorCode::invalid_argument, "nothing to allocate to");
  i128 wsum = 0;
  for (auto w : weights) {
    if (w < 0) return base::fail(base::ErrorCode::invalid_argument, "weights must not be negative");
    wsum += w;
  }
  if (wsum == 0) return base::fail(base::ErrorCode::invalid_argument, "weights must not all be zero");
  std::vector<Money> parts;
  std::vector<std::pair<i128, std::size_t>> remainders;  // fractional remainder numerators
  parts.reserve(weights.size());
  i128 allocated = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    i128 num = static_cast<i128>(total.minor()) * weights[i];
    i128 q = num / wsum;
    i128 rem = num % wsum;
    parts.emplace_back(static_cast<std::int64_t>(q), total.currency());
    remainders.emplace_back(rem < 0 ? -rem : rem, i);
    allocated += q;
  }
  i128 left = static_cast<i128>(total.minor()) - allocated;  // |left| < weights.size()
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::int64_t step = left < 0 ? -1 : 1;
  for (std::size_t k = 0; left != 0; ++k) {
    auto& p = parts[remainders[k % remainders.size()].second];
    p = Money(p.minor() + step, p.currency());
    left -= step;
  }
  return parts;
}

base::Result<std::int64_t> parse_amount(std::string_view text, Currency c, DecimalStyle style) {
  auto bad = [&](const std::string& why) {
    return base::fail(base::ErrorCode::amount_invalid, "'" + std::string(text) + "' " + why);
  };
  std::string_view t = text;
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
  if (t.empty()) return bad("is empty");
  bool negative = false;
  if (t.front() == '-' || t.front() == '+') { negative = t.front() == '-'; t.remove_prefix(1); }
  else if (t.back() == '-') { negative = true; t.remove_suffix(1); }
  if (t.empty()) return bad("has no digits");
  const char dec = style == DecimalStyle::comma ? ',' : '.';
  const char grp = style == DecimalStyle::comma ? '.' : ',';
  auto dpos = t.find(dec);
  std::string_view int_part = t.substr(0, dpos);
  std::string_view frac_part = dpos == std::string_view::npos ? std::string_view{} : t.substr(dpos + 1);
  if (dpos != std::string_view::npos && frac_part.find(dec) != std::string_view::npos) return bad("has two decimal separators");
  if (int_part.empty()) return bad("has no digits before the decimal separator");
  // Validate grouping: either no group separators, or groups of exactly three after the first.
  std::string digits;
  if (int_part.find(grp) != std::string_view::npos) {
    std::size_t first = int_part.find(grp);
    if (first == 0 || first > 3) return bad("has misplaced thousands separators");
    std::size_t pos = first;
    while (pos != std::string_view::npos) {
      std::size_t next = int_part.find(grp, pos + 1);
      std::size_t len = (next == std::string_view::npos ? int_part.size() : next) - pos - 1;
      if (len != 3) return bad("has misplaced thousands separators");
      pos = next;
    }
  }
  for (char ch : int_part) {
    if (ch == grp) continue;
    if (ch < '0' || ch > '9') return bad(std::string("contains '") + ch + "' (only digits and separators are allowed)");
    digits.push_back(ch);
  }
  for (char ch : frac_part) {
    if (ch < '0' || ch > '9') return bad(std::string("contains '") + ch + "' after the decimal separator");
  }
  if (dpos != std::string_view::npos && frac_part.empty()) return bad("ends with a decimal separator");
  if (static_cast<int>(frac_part.size()) > c.exponent()) {
    // Trailing zeros beyond the exponent are harmless ("12.300" EUR).
    std::string_view extra = frac_part.substr(static_cast<std::size_t>(c.exponent()));
    if (extra.find_first_not_of('0') != std::string_view::npos) {
      return base::fail(base::ErrorCode::amount_precision, "'" + std::string(text) + "' has more than " +
                                                               std::to_string(c.exponent()) + " decimals for " +
                                                               std::string(c.code()));
    }
    frac_part = frac_part.substr(0, static_cast<std::size_t>(c.exponent()));
  }
  digits.append(frac_part);
  for (int i = static_cast<int>(frac_part.size()); i < c.exponent(); ++i) digits.push_back('0');
  i128 v = 0;
  for (char ch : digits) {
    v = v * 10 + (ch - '0');
    if (v > std::numeric_limits<std::int64_t>::max()) return base::fail(base::ErrorCode::money_overflow, "'" + std::string(text) + "' is too large");
  }
  return static_cast<std::int64_t>(negative ? -v : v);
}

std::string format_decimal(std::int64_t minor, int exponent) {
  bool neg = minor < 0;
  u128 v = neg ? static_cast<u128>(-(static_cast<i128>(minor))) : static_cast<u128>(minor);
  std::string digits;
  do { digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(v % 10))); v /= 10; } while (v);
  if (exponent > 0) {
    while (static_cast<int>(digits.size()) <= exponent) digits.insert(digits.begin(), '0');
    digits.insert(digits.end() - exponent, '.');
  }
  return neg ? "-" + digits : digits;
}

}  // namespace kulanz::money
