#include "documents/pdf_text.hpp"

#include <cmath>

namespace kulanz::documents::detail {

TextFactory::TextFactory(cairo_t* cr) : context_(pango_cairo_create_context(cr)) {}

LayoutPtr TextFactory::make(std::string_view text, FontSpec font, double width_pt, Align align) const {
  LayoutPtr layout(pango_layout_new(context_.get()), GObjectUnref{});
  PangoFontDescription* description = pango_font_description_new();
  pango_font_description_set_family(description, kFontFamily);
  pango_font_description_set_weight(description, font.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size(description, font.size_pt * PANGO_SCALE);
  pango_layout_set_font_description(layout.get(), description);
  pango_font_description_free(description);
  if (width_pt > 0.0) {
    pango_layout_set_width(layout.get(), static_cast<int>(std::lround(width_pt * PANGO_SCALE)));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout.get(), align == Align::right    ? PANGO_ALIGN_RIGHT
                                             : align == Align::center ? PANGO_ALIGN_CENTER
                                                                      : PANGO_ALIGN_LEFT);
  }
  pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
  return layout;
}

double layout_height(PangoLayout* layout) {
  PangoRectangle logical;
  pango_layout_get_extents(layout, nullptr, &logical);
  return static_cast<double>(logical.height) / PANGO_SCALE;
}

double layout_width(PangoLayout* layout) {
  PangoRectangle logical;
  pango_layout_get_extents(layout, nullptr, &logical);
  return static_cast<double>(logical.width) / PANGO_SCALE;
}

void draw_layout(cairo_t* cr, PangoLayout* layout, double x, double y) {
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout);
}

}  // namespace kulanz::documents::detail
