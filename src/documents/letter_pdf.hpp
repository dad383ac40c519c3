#pragma once
// PDF letters (A4, DIN 5008 form B) rendered with cairo and pango in "DejaVu Sans".
#include <span>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "documents/letter.hpp"

namespace kulanz::documents {

// The bytes of a PDF holding `letter` on as many pages as it needs.
// Errors: invalid_argument for a letter that cannot be laid out (field named, e.g.
// "recipient_lines", "items.rows[3]", "page_label_format"), io_error when the logo file
// cannot be read as PNG (the detail names the file), render_failed when cairo fails.
base::Result<std::string> render_letter_pdf(const Letter& letter);

// One PDF for a print batch: every letter starts on a new page and numbers its own pages.
// When `pages_per_letter` is not null it is replaced by the page count of each letter, in
// order (for a print manifest). The PDF metadata (creation date) is taken from the first
// letter. An error names the letter in Error::location ("letter 3").
base::Result<std::string> render_letters_pdf(std::span<const Letter> letters, std::vector<int>* pages_per_letter);

}  // namespace kulanz::documents
