#include "documents/bic.hpp"

#include "documents/check_digits.hpp"

namespace kulanz::documents {

namespace {

base::Unexpected<base::Error> bic_error(std::string detail) {
  return base::fail(base::ErrorCode::bic_invalid, std::move(detail), "bic");
}

// Index of the first character in [from, to) of `bic` that fails `ok`, or `to`.
template <class Pred>
std::size_t first_failing(const std::string& bic, std::size_t from, std::size_t to, Pred ok) {
  for (std::size_t i = from; i < to; ++i) {
    if (!ok(bic[i])) return i;
  }
  return to;
}

}  // namespace

base::Result<std::string> normalize_bic(std::string_view text) {
  if (auto pos = detail::first_foreign_char(text)) {
    return bic_error("the BIC contains " + detail::describe_char_at(text, *pos) +
                     ": only letters and digits are allowed, for example COBADEFFXXX");
  }
  std::string bic = detail::compact_upper(text);
  if (bic.empty()) return bic_error("the BIC is empty: enter the bank's BIC, for example COBADEFFXXX");
  if (bic.size() != 8 && bic.size() != 11) {
    return bic_error("a BIC has 8 or 11 characters, '" + bic + "' has " + std::to_string(bic.size()));
  }
  if (std::size_t i = first_failing(bic, 0, 4, detail::is_upper_letter); i < 4) {
    return bic_error("characters 1 to 4 of a BIC are the bank code and must be letters, '" + bic + "' has '" +
                     bic[i] + "' at position " + std::to_string(i + 1));
  }
  if (std::size_t i = first_failing(bic, 4, 6, detail::is_upper_letter); i < 6) {
    return bic_error("characters 5 and 6 of a BIC are the country code and must be letters such as DE, '" + bic +
                     "' has '" + bic[i] + "' at position " + std::to_string(i + 1));
  }
  // Location and branch are letters or digits; the character check above guarantees it.
  return bic;
}

}  // namespace kulanz::documents
