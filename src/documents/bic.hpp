#pragma once
// BIC (ISO 9362): validation into the compact upper-case form.
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace kulanz::documents {

// The BIC without spaces and in upper case, checked for its shape: 8 or 11 characters;
// 4 letters (bank), 2 letters (country), 2 letters or digits (location), optionally
// 3 letters or digits (branch). An 8-character BIC stays 8 characters (no "XXX" is added).
// Errors are bic_invalid with field "bic" and say what to correct. Whether the bank
// exists is not known here.
base::Result<std::string> normalize_bic(std::string_view text);

}  // namespace kulanz::documents
