#pragma once
// IBAN (ISO 13616): validation into the electronic form, and the paper form in groups of four.
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace kulanz::documents {

// The electronic form of an IBAN typed by a person: spaces and tabs removed, letters
// upper-cased, then checked: only letters and digits; a two-letter country code whose IBAN
// length is known (all SEPA countries and the other countries of the IBAN registry listed in
// iban.cpp); two check digits 02..98; exactly the country's length; remainder 1 of the
// ISO 7064 MOD 97-10 check over the rearranged IBAN. Errors are iban_invalid with field
// "iban" and say what to correct.
base::Result<std::string> normalize_iban(std::string_view text);

// "DE89 3704 0044 0532 0130 00": the electronic form in groups of four for print.
// Spaces already present are dropped first and letters are upper-cased; nothing is checked.
std::string format_iban(std::string_view electronic);

// Number of characters of an IBAN of `country` (ISO 3166-1 alpha-2, upper case), or 0 when
// the country is not in the table.
int iban_length(std::string_view country);

}  // namespace kulanz::documents
