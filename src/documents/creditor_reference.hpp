#pragma once
// ISO 11649 structured creditor reference ("RF reference"): "RF", two check digits and a
// body of 1 to 21 letters or digits, at most 25 characters in its electronic form.
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace kulanz::documents {

inline constexpr std::size_t rf_max_body_length = 21;

// "RF" + check digits + body for a body of 1 to 21 letters or digits (spaces and tabs are
// dropped, letters upper-cased). The check digits are 98 minus the ISO 7064 MOD 97-10
// remainder of body + "RF00" with letters read as 10..35, written with two digits.
// Example: make_rf("539007547034") == "RF18539007547034".
// Errors are reference_invalid with field "reference".
base::Result<std::string> make_rf(std::string_view body);

// The electronic form of an RF reference typed by a person (spaces and tabs dropped,
// letters upper-cased), verified: starts with RF, two check digits 02..98, a body of 1 to 21
// letters or digits, remainder 1 of MOD 97-10 over body + "RF" + check digits.
// Errors are reference_invalid with field "reference".
base::Result<std::string> normalize_rf(std::string_view text);

// "RF18 5390 0754 7034": groups of four for print. Spaces already present are dropped first
// and letters are upper-cased; nothing is checked.
std::string format_rf(std::string_view electronic);

}  // namespace kulanz::documents
