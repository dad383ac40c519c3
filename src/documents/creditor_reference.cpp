#include "documents/creditor_reference.hpp"

#include "documents/check_digits.hpp"

namespace kulanz::documents {

namespace {

base::Unexpected<base::Error> rf_error(std::string detail) {
  return base::fail(base::ErrorCode::reference_invalid, std::move(detail), "reference");
}

std::string two_digits(int n) {
  return std::string{static_cast<char>('0' + n / 10), static_cast<char>('0' + n % 10)};
}

}  // namespace

base::Result<std::string> make_rf(std::string_view body) {
  if (auto pos = detail::first_foreign_char(body)) {
    return rf_error("the reference body contains " + detail::describe_char_at(body, *pos) +
                    ": an RF reference allows only letters A-Z and digits; leave out separators such as '-' or '/'");
  }
  std::string compact = detail::compact_upper(body);
  if (compact.empty()) return rf_error("the reference body is empty: give 1 to 21 letters or digits, such as an invoice number");
  if (compact.size() > rf_max_body_length) {
    return rf_error("the reference body '" + compact + "' has " + std::to_string(compact.size()) +
                    " characters, an RF reference allows at most 21: use a shorter number");
  }
  const int check = 98 - detail::mod97(compact + "RF00");
  return "RF" + two_digits(check) + compact;
}

base::Result<std::string> normalize_rf(std::string_view text) {
  if (auto pos = detail::first_foreign_char(text)) {
    return rf_error("the RF reference contains " + detail::describe_char_at(text, *pos) +
                    ": only letters, digits and spaces are allowed, for example RF18 5390 0754 7034");
  }
  std::string rf = detail::compact_upper(text);
  if (rf.empty()) return rf_error("the RF reference is empty: give a reference such as RF18 5390 0754 7034");
  if (rf.rfind("RF", 0) != 0) {
    return rf_error("a structured creditor reference starts with 'RF', '" + rf + "' does not");
  }
  if (rf.size() < 4 || !detail::is_digit(rf[2]) || !detail::is_digit(rf[3])) {
    return rf_error("characters 3 and 4 of an RF reference are its check digits and must be digits, '" + rf +
                    "' has '" + rf.substr(2, 2) + "'");
  }
  const std::size_t body_length = rf.size() - 4;
  if (body_length == 0 || body_length > rf_max_body_length) {
    return rf_error("the RF reference '" + rf + "' has a body of " + std::to_string(body_length) +
                    " characters after the check digits, it must have 1 to 21");
  }
  const int check = (rf[2] - '0') * 10 + (rf[3] - '0');
  if (check < 2 || check > 98 || detail::mod97(rf.substr(4) + rf.substr(0, 4)) != 1) {
    return rf_error("the check digits of " + format_rf(rf) +
                    " do not match (ISO 11649, mod 97): a character is mistyped or two are swapped; "
                    "copy the reference again from the invoice");
  }
  return rf;
}

std::string format_rf(std::string_view electronic) { return detail::group_by_four(detail::compact_upper(electronic)); }

}  // namespace kulanz::documents
