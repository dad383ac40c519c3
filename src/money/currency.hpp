#pragma once
#include <array>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace kulanz::money {

// An ISO 4217 currency: its alphabetic code and exponent (digits after the decimal point).
class Currency {
 public:
  constexpr Currency() = default;
  // Only codes in the built-in ISO 4217 table are accepted (case-insensitive input).
  static base::Result<Currency> from_code(std::string_view code);
  static Currency eur();

  std::string_view code() const { return std::string_view(code_.data(), 3); }
  int exponent() const { return exponent_; }
  // 10^exponent
  std::int64_t scale() const;
  bool valid() const { return code_[0] != 0; }

  friend bool operator==(const Currency& a, const Currency& b) { return a.code_ == b.code_; }

 private:
  constexpr Currency(std::array<char, 4> c, int e) : code_(c), exponent_(e) {}
  std::array<char, 4> code_{};
  int exponent_ = 0;
};

}  // namespace kulanz::money
