#pragma once
// Recognising an item's number in free-text remittance information.
#include <string_view>

namespace kulanz::domain {

// True if `number` (surrounding blanks ignored) occurs in `reference` as a whole token,
// compared case-insensitively (ASCII). A token ends where a letter or digit stops; a
// joiner ('-', '/', '.', '_') between letters or digits does not end it, so "RE-1" is
// not found in "RE-10", "100" not in "RE-100" or "100/2026", and "2026" not in the date
// "01.02.2026"; but "RE-1" is found in "RE-1, RE-2" and at the end of "Rechnung RE-1.".
// A number without any letter or digit is never found: a wrong match is worse than none.
bool reference_mentions(std::string_view reference, std::string_view number);

}  // namespace kulanz::domain
