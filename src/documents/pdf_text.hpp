#pragma once
// Internal: text layouts with pango on a cairo context, in points, in "DejaVu Sans".
#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>
#include <string_view>

#include "documents/letter.hpp"

namespace kulanz::documents::detail {

inline constexpr const char* kFontFamily = "DejaVu Sans";

struct GObjectUnref {
  void operator()(void* object) const { g_object_unref(object); }
};

// Shared because one layout can be drawn on several pages (a repeated table header).
using LayoutPtr = std::shared_ptr<PangoLayout>;

struct FontSpec {
  double size_pt = 10.0;
  bool bold = false;
};

// Makes layouts whose metrics match what the cairo context `cr` will draw: one pango
// context from `cr`, fonts sized in absolute points (independent of pango's resolution).
class TextFactory {
 public:
  explicit TextFactory(cairo_t* cr);

  // `text` as plain text (no markup). width_pt > 0 wraps at word (else character)
  // boundaries and aligns within that width; width_pt <= 0 keeps each line unwrapped.
  LayoutPtr make(std::string_view text, FontSpec font, double width_pt = 0.0, Align align = Align::left) const;

 private:
  std::unique_ptr<PangoContext, GObjectUnref> context_;
};

// Logical extents of a layout in points.
double layout_height(PangoLayout* layout);
double layout_width(PangoLayout* layout);

// Draws the layout with its top-left corner at (x, y).
void draw_layout(cairo_t* cr, PangoLayout* layout, double x, double y);

}  // namespace kulanz::documents::detail
