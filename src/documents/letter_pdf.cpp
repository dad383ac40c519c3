#include "documents/letter_pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>

#include <memory>

#include "documents/din5008.hpp"
#include "documents/letter_check.hpp"
#include "documents/letter_composer.hpp"

#if CAIRO_VERSION < CAIRO_VERSION_ENCODE(1, 16, 0)
#error "cairo 1.16 or newer is needed for the PDF metadata (title, creation date)"
#endif

namespace kulanz::documents {

namespace {

struct SurfaceDestroy {
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
struct ContextDestroy {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Cairo 1.16 stamps the PDF with the current time unless told otherwise. The caller's date
// replaces it; without one, an empty date makes cairo write no creation date at all. Either
// way the bytes are a function of the letters alone.
void set_metadata(cairo_surface_t* surface, const Letter& first, bool single) {
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "kulanz");
  if (single) {
    const std::string& title = first.pdf_title.empty() ? first.subject : first.pdf_title;
    if (!title.empty()) cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  }
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, first.pdf_creation_date.c_str());
}

base::Unexpected<base::Error> for_letter(base::Error error, std::size_t index, bool batch) {
  if (batch) error.location = "letter " + std::to_string(index + 1);
  return base::fail(std::move(error));
}

base::Result<std::string> render(std::span<const Letter> letters, std::vector<int>* pages_per_letter, bool batch) {
  if (letters.empty()) {
    return base::fail(base::ErrorCode::invalid_argument, "there are no letters to render: pass at least one",
                      "letters");
  }
  for (std::size_t i = 0; i < letters.size(); ++i) {
    auto checked = detail::check_letter(letters[i]);
    if (!checked) return for_letter(std::move(checked).error(), i, batch);
  }

  std::string bytes;
  std::unique_ptr<cairo_surface_t, SurfaceDestroy> surface(
      cairo_pdf_surface_create_for_stream(append_to_string, &bytes, din5008::page_width_pt, din5008::page_height_pt));
  std::unique_ptr<cairo_t, ContextDestroy> cr(cairo_create(surface.get()));
  if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) {
    return base::fail(base::ErrorCode::render_failed,
                      std::string("cairo could not start a PDF: ") + cairo_status_to_string(cairo_status(cr.get())));
  }
  set_metadata(surface.get(), letters.front(), !batch);

  std::vector<int> counts;
  for (std::size_t i = 0; i < letters.size(); ++i) {
    auto pages = detail::compose_letter(cr.get(), letters[i]);
    if (!pages) return for_letter(std::move(pages).error(), i, batch);
    detail::draw_pages(cr.get(), *pages);
    counts.push_back(static_cast<int>(pages->size()));
  }
  const cairo_status_t drawn = cairo_status(cr.get());
  cr.reset();
  cairo_surface_finish(surface.get());
  const cairo_status_t finished = cairo_surface_status(surface.get());
  surface.reset();
  if (drawn != CAIRO_STATUS_SUCCESS || finished != CAIRO_STATUS_SUCCESS) {
    const cairo_status_t status = drawn != CAIRO_STATUS_SUCCESS ? drawn : finished;
    return base::fail(base::ErrorCode::render_failed,
                      std::string("cairo failed while writing the PDF: ") + cairo_status_to_string(status));
  }
  if (pages_per_letter) *pages_per_letter = std::move(counts);
  return bytes;
}

}  // namespace

base::Result<std::string> render_letter_pdf(const Letter& letter) {
  return render(std::span<const Letter>(&letter, 1), nullptr, false);
}

base::Result<std::string> render_letters_pdf(std::span<const Letter> letters, std::vector<int>* pages_per_letter) {
  return render(letters, pages_per_letter, true);
}

}  // namespace kulanz::documents
