#pragma once
// Internal: the checks a Letter passes before it is laid out.
#include "base/result.hpp"
#include "documents/letter.hpp"

namespace kulanz::documents::detail {

// Every text valid UTF-8; one-line fields without line breaks; the counts the layout has
// room for (recipient lines 1..6, letterhead lines, info pairs, footer columns); table rows
// as wide as the header; a page label with "{page}"; a well-formed creation date.
// Errors are invalid_argument naming the field ("recipient_lines[7]", "items.rows[3]").
base::Status check_letter(const Letter& letter);

}  // namespace kulanz::documents::detail
