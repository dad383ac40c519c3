#include "http/web_format.hpp"

#include <string_view>

namespace kulanz::http {
namespace {

// Groups the digits of a non-negative decimal integer in threes with '.'.
std::string group_thousands(std::string_view digits) {
  std::string out;
  out.reserve(digits.size() + digits.size() / 3);
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return out;
}

}  // namespace

std::string format_count_de(std::int64_t n) {
  std::string s = std::to_string(n);
  if (!s.empty() && s.front() == '-') return "-" + group_thousands(std::string_view(s).substr(1));
  return group_thousands(s);
}

std::string format_money_de(const money::Money& amount) {
  // format_decimal: "-1234.56" -> sign, integer part, fraction.
  std::string plain = money::format_decimal(amount.minor(), amount.currency().exponent());
  std::string_view rest = plain;
  std::string out;
  if (!rest.empty() && rest.front() == '-') {
    out += '-';
    rest.remove_prefix(1);
  }
  auto point = rest.find('.');
  out += group_thousands(rest.substr(0, point));
  if (point != std::string_view::npos) {
    out += ',';
    out += rest.substr(point + 1);
  }
  out += "\u00a0";  // no-break space keeps the symbol with the number
  out += amount.currency().code() == "EUR" ? std::string("€") : std::string(amount.currency().code());
  return out;
}

}  // namespace kulanz::http
