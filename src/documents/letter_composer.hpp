#pragma once
// Internal: lays one letter out into pages of drawing operations. Laying out first and
// drawing afterwards lets every page print the final page count ("page 2 of 3").
#include <cairo.h>

#include <functional>
#include <vector>

#include "base/result.hpp"
#include "documents/letter.hpp"

namespace kulanz::documents::detail {

using DrawOp = std::function<void(cairo_t*)>;

struct ComposedPage {
  std::vector<DrawOp> ops;
};

// The pages of `letter` (already checked by check_letter), measured with the fonts of `cr`.
// Errors: io_error for an unreadable logo, invalid_argument for a recipient line too wide
// for the address window, QR errors of the payment box.
base::Result<std::vector<ComposedPage>> compose_letter(cairo_t* cr, const Letter& letter);

// Draws the pages onto `cr`, each followed by cairo_show_page.
void draw_pages(cairo_t* cr, const std::vector<ComposedPage>& pages);

}  // namespace kulanz::documents::detail
