#pragma once
// German number formatting for pages, in plain integer arithmetic.
#include <cstdint>
#include <string>

#include "money/money.hpp"

namespace kulanz::http {

// 1234567 -> "1.234.567"; -5 -> "-5".
std::string format_count_de(std::int64_t n);
// 123456 minor EUR -> "1.234,56 €" (no-break space before the symbol); other currencies
// show their ISO code ("1.234 JPY").
std::string format_money_de(const money::Money& amount);

}  // namespace kulanz::http
