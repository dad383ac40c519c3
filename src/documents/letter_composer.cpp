#include "documents/letter_composer.hpp"

#include <algorithm>
#include <memory>
#include <optional>
#include <string>

#include "documents/din5008.hpp"
#include "documents/pdf_text.hpp"
#include "documents/qr_code.hpp"

namespace kulanz::documents::detail {

namespace {

constexpr double mm(double v) { return din5008::to_points(v); }

constexpr FontSpec kBody{9.5, false};
constexpr FontSpec kBodyBold{9.5, true};
constexpr FontSpec kSmall{8.0, false};
constexpr FontSpec kTable{9.0, false};
constexpr FontSpec kTableBold{9.0, true};
constexpr FontSpec kFooter{7.0, false};
constexpr FontSpec kCreditorName{11.0, true};

constexpr double kTextLeft = mm(din5008::text_left_mm);
constexpr double kTextWidth = mm(din5008::text_right_mm - din5008::text_left_mm);

// Font sizes tried for the recipient block until every line fits the window's width.
constexpr double kRecipientSizes[] = {10.0, 9.0, 8.0};
// The return address shrinks from 7 pt down to 5 pt to fit on its one line.
constexpr double kReturnAddressSize = 7.0;
constexpr double kReturnAddressMinSize = 5.0;

// Vertical space between paragraphs (and around the items table), in lines of the body
// font. Half a blank line keeps a reminder with its table and payment box on one page.
constexpr double kParagraphGapLines = 0.5;
// Space between the subject and the salutation, in lines of the body font.
constexpr double kSubjectGapLines = 1.5;

// Table cells: padding left and right, above and below a row, and above and below a
// summary row (no rules between summary rows, so they can sit closer).
constexpr double kCellPadX = mm(1.0);
constexpr double kCellPadY = mm(0.6);
constexpr double kSummaryPadY = mm(0.3);

// Payment box: text inset from the frame, space between its lines, and the GiroCode's
// distance from the frame (its own quiet zone lies inside kQrSide).
constexpr double kBoxPad = mm(3.0);
constexpr double kBoxLineGap = mm(0.6);
constexpr double kQrSide = mm(30.0);  // including the quiet zone of 4 modules on each side
constexpr double kQrInset = mm(2.0);
constexpr int kQrQuietModules = 4;

DrawOp text_op(LayoutPtr layout, double x, double y) {
  return [layout = std::move(layout), x, y](cairo_t* cr) { draw_layout(cr, layout.get(), x, y); };
}

DrawOp rule_op(double x1, double y1, double x2, double y2, double width_pt, double gray) {
  return [=](cairo_t* cr) {
    cairo_save(cr);
    cairo_set_source_rgb(cr, gray, gray, gray);
    cairo_set_line_width(cr, width_pt);
    cairo_move_to(cr, x1, y1);
    cairo_line_to(cr, x2, y2);
    cairo_stroke(cr);
    cairo_restore(cr);
  };
}

// The symbol as one path of horizontal runs filled at once, so no seams appear between
// adjacent modules when a reader rasterizes the page.
DrawOp qr_op(std::shared_ptr<const QrMatrix> qr, double x, double y, double side) {
  return [qr = std::move(qr), x, y, side](cairo_t* cr) {
    const double module = side / (qr->size + 2 * kQrQuietModules);
    const double origin_x = x + kQrQuietModules * module;
    const double origin_y = y + kQrQuietModules * module;
    cairo_save(cr);
    cairo_set_source_rgb(cr, 1.0, 1.0, 1.0);
    cairo_rectangle(cr, x, y, side, side);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.0, 0.0, 0.0);
    for (int row = 0; row < qr->size; ++row) {
      int col = 0;
      while (col < qr->size) {
        if (!qr->at(col, row)) {
          ++col;
          continue;
        }
        const int start = col;
        while (col < qr->size && qr->at(col, row)) ++col;
        cairo_rectangle(cr, origin_x + start * module, origin_y + row * module, (col - start) * module, module);
      }
    }
    cairo_fill(cr);
    cairo_restore(cr);
  };
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out.push_back('\n');
    out += lines[i];
  }
  return out;
}

void replace_all(std::string& text, std::string_view token, const std::string& value) {
  for (std::size_t pos = text.find(token); pos != std::string::npos;
       pos = text.find(token, pos + value.size())) {
    text.replace(pos, token.size(), value);
  }
}

std::string page_label(std::string format, int page, int pages) {
  // "{page}" never matches inside "{pages}": the character after "{page" differs.
  replace_all(format, "{pages}", std::to_string(pages));
  replace_all(format, "{page}", std::to_string(page));
  return format;
}

// A cairo attribute string value: single quotes and backslashes escaped with a backslash.
std::string quoted_attribute(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

class Composer {
 public:
  Composer(cairo_t* cr, const Letter& letter) : text_(cr), letter_(letter) {
    line_height_ = layout_height(text_.make("X", kBody).get());
  }

  base::Result<std::vector<ComposedPage>> run() {
    measure_footer();
    pages_.emplace_back();
    KULANZ_TRY_STATUS(letterhead());
    KULANZ_TRY_STATUS(address_field());
    const double info_bottom = info_block();
    folding_and_punch_marks();
    page_top_ = std::max(mm(din5008::body_top_mm), info_bottom + 2 * line_height_);
    y_ = page_top_;
    KULANZ_TRY_STATUS(content());
    finish_pages();
    return std::move(pages_);
  }

 private:
  // ---- the flow of the body across pages ----

  void add(DrawOp op) { pages_.back().ops.push_back(std::move(op)); }

  void new_page() {
    pages_.emplace_back();
    page_top_ = y_ = mm(din5008::continuation_top_mm);
    if (repeat_on_new_page_) repeat_on_new_page_();
  }

  // Starts a new page unless `height` fits below the cursor. A block taller than a whole
  // page is placed anyway (it overflows) rather than breaking forever.
  void ensure(double height) {
    if (y_ + height > bottom_ && y_ > page_top_) new_page();
  }

  // Vertical space; it disappears when the next element starts a new page.
  void gap(double height) { y_ += height; }

  // A paragraph wrapped to the text width; it may break between its lines.
  void paragraph(const std::string& text, FontSpec font) {
    LayoutPtr layout = text_.make(text, font, kTextWidth);
    PangoLayoutIter* iter = pango_layout_get_iter(layout.get());
    int index = 0;
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(iter, nullptr, &logical);
      const double height = static_cast<double>(logical.height) / PANGO_SCALE;
      const double baseline = static_cast<double>(pango_layout_iter_get_baseline(iter) - logical.y) / PANGO_SCALE;
      const double x = kTextLeft + static_cast<double>(logical.x) / PANGO_SCALE;
      ensure(height);
      const double y = y_ + baseline;
      add([layout, index, x, y](cairo_t* cr) {
        cairo_move_to(cr, x, y);
        pango_cairo_show_layout_line(cr, pango_layout_get_line_readonly(layout.get(), index));
      });
      y_ += height;
      ++index;
    } while (pango_layout_iter_next_line(iter));
    pango_layout_iter_free(iter);
  }

  // A block kept together on one page.
  void block(LayoutPtr layout) {
    const double height = layout_height(layout.get());
    ensure(height);
    add(text_op(std::move(layout), kTextLeft, y_));
    y_ += height;
  }

  base::Status content() {
    const double paragraph_gap = kParagraphGapLines * line_height_;
    std::optional<PreparedBox> box;
    if (letter_.payment) {
      KULANZ_TRY(prepared, prepare_payment_box(*letter_.payment));
      box.emplace(std::move(prepared));
    }
    if (!letter_.subject.empty()) {
      paragraph(letter_.subject, kBodyBold);
      gap(kSubjectGapLines * line_height_);
    }
    if (!letter_.salutation.empty()) {
      paragraph(letter_.salutation, kBody);
      gap(paragraph_gap);
    }
    const bool has_table = !letter_.items.columns.empty();
    // The paragraphs that lead up to the closing and the payment box: those after the table,
    // or all of them when there is no table.
    std::vector<const std::string*> closing_flow;
    if (!has_table) {
      for (const auto& text : letter_.body) closing_flow.push_back(&text);
    } else {
      for (const auto& text : letter_.body) {
        paragraph(text, kBody);
        gap(paragraph_gap);
      }
      items_table();
      gap(paragraph_gap);
    }
    for (const auto& text : letter_.after_table) closing_flow.push_back(&text);

    // The payment box never stands alone at the top of a page: when it does not fit below
    // the text, the closing lines and the paragraph before them (without closing lines, the
    // last two paragraphs) move to the next page with it.
    const bool has_closing = !letter_.closing_lines.empty();
    const std::size_t kept_paragraphs = has_closing ? 1 : 2;
    const std::size_t tail_from =
        box && closing_flow.size() > kept_paragraphs ? closing_flow.size() - kept_paragraphs : 0;
    LayoutPtr closing = has_closing ? text_.make(join_lines(letter_.closing_lines), kBody, kTextWidth) : nullptr;
    LayoutPtr portal = letter_.portal_link.empty() ? nullptr : text_.make(letter_.portal_link, kBody, kTextWidth);
    for (std::size_t i = 0; i < closing_flow.size(); ++i) {
      if (box && i == tail_from) {
        double tail = 0.0;
        for (std::size_t k = i; k < closing_flow.size(); ++k) {
          tail += layout_height(text_.make(*closing_flow[k], kBody, kTextWidth).get()) + paragraph_gap;
        }
        if (closing) tail += layout_height(closing.get()) + paragraph_gap;
        if (portal) tail += layout_height(portal.get()) + paragraph_gap;
        keep_together(tail + box->height);
      }
      paragraph(*closing_flow[i], kBody);
      gap(paragraph_gap);
    }
    if (closing) {
      if (box && closing_flow.empty()) {
        const double portal_height = portal ? layout_height(portal.get()) + paragraph_gap : 0.0;
        keep_together(layout_height(closing.get()) + paragraph_gap + portal_height + box->height);
      }
      block(closing);
      gap(paragraph_gap);
    }
    if (portal) {
      portal_line(portal);
      gap(paragraph_gap);
    }
    if (box) place_payment_box(*box);
    return {};
  }

  // Starts a new page unless `height` fits below the cursor; a height larger than a whole
  // page is left to break where it must.
  void keep_together(double height) {
    if (height <= bottom_ - mm(din5008::continuation_top_mm)) ensure(height);
  }

  // Column widths: shares of the text width by weight. A column whose longest text would
  // wrap takes the width it needs from columns with room to spare, so that rows stay one
  // line high wherever the texts allow it.
  std::vector<double> column_widths(FontSpec font, FontSpec bold) {
    const ItemsTable& table = letter_.items;
    const std::size_t n = table.columns.size();
    int total_weight = 0;
    for (const auto& column : table.columns) total_weight += column.width_weight;
    std::vector<double> width(n);
    std::vector<double> natural(n, 0.0);
    for (std::size_t c = 0; c < n; ++c) {
      width[c] = kTextWidth * table.columns[c].width_weight / total_weight;
      natural[c] = layout_width(text_.make(table.columns[c].header, bold).get());
      for (const auto& row : table.rows) {
        natural[c] = std::max(natural[c], layout_width(text_.make(row[c], font).get()));
      }
      natural[c] += 2 * kCellPadX;
    }
    for (const auto& summary : table.summary) {
      const FontSpec f = summary.emphasized ? bold : font;
      natural[n - 1] = std::max(natural[n - 1], layout_width(text_.make(summary.value, f).get()) + 2 * kCellPadX);
    }
    double need = 0.0;
    double spare = 0.0;
    for (std::size_t c = 0; c < n; ++c) {
      need += std::max(0.0, natural[c] - width[c]);
      spare += std::max(0.0, width[c] - natural[c]);
    }
    if (need <= 0.0 || spare <= 0.0) return width;
    const double moved = std::min(need, spare);
    std::vector<double> fitted = width;
    for (std::size_t c = 0; c < n; ++c) {
      if (natural[c] > width[c]) fitted[c] += (natural[c] - width[c]) * moved / need;
      if (natural[c] < width[c]) fitted[c] -= (width[c] - natural[c]) * moved / spare;
    }
    return fitted;
  }

  void items_table() {
    const ItemsTable& table = letter_.items;
    const std::size_t n = table.columns.size();
    const std::vector<double> width = column_widths(kTable, kTableBold);
    std::vector<double> x(n);
    double cursor = kTextLeft;
    for (std::size_t c = 0; c < n; ++c) {
      x[c] = cursor;
      cursor += width[c];
    }
    const double pad_x = kCellPadX;
    const double pad_y = kCellPadY;
    auto cell = [&](const std::string& text, FontSpec font, std::size_t c, Align align) {
      return text_.make(text, font, width[c] - 2 * pad_x, align);
    };
    // Lays out one row; returns its cells and height.
    auto measure_row = [&](const std::vector<std::string>& cells, FontSpec font) {
      std::vector<LayoutPtr> layouts;
      double height = 0.0;
      for (std::size_t c = 0; c < n; ++c) {
        layouts.push_back(cell(cells[c], font, c, table.columns[c].align));
        height = std::max(height, layout_height(layouts.back().get()));
      }
      return std::make_pair(std::move(layouts), height + 2 * pad_y);
    };

    std::vector<std::string> header_texts;
    for (const auto& column : table.columns) header_texts.push_back(column.header);
    auto [header, header_height] = measure_row(header_texts, kTableBold);
    auto draw_header = [this, header = header, header_height = header_height, x, pad_x, pad_y] {
      for (std::size_t c = 0; c < header.size(); ++c) add(text_op(header[c], x[c] + pad_x, y_ + pad_y));
      const double rule_y = y_ + header_height;
      add(rule_op(kTextLeft, rule_y, kTextLeft + kTextWidth, rule_y, 0.8, 0.0));
      y_ += header_height;
    };

    std::vector<std::pair<std::vector<LayoutPtr>, double>> rows;
    for (const auto& row : table.rows) rows.push_back(measure_row(row, kTable));
    // The header never stands alone at the foot of a page.
    const double first_height = rows.empty() ? line_height_ : rows.front().second;
    ensure(header_height + first_height);
    draw_header();
    repeat_on_new_page_ = draw_header;

    for (auto& [cells, height] : rows) {
      ensure(height);
      for (std::size_t c = 0; c < n; ++c) add(text_op(cells[c], x[c] + pad_x, y_ + pad_y));
      add(rule_op(kTextLeft, y_ + height, kTextLeft + kTextWidth, y_ + height, 0.3, 0.6));
      y_ += height;
    }
    for (const SummaryRow& summary : table.summary) {
      const FontSpec font = summary.emphasized ? kTableBold : kTable;
      // The emphasized row keeps the full padding above its rule.
      const double top = summary.emphasized ? pad_y : kSummaryPadY;
      LayoutPtr label = text_.make(summary.label, font, x[n - 1] - kTextLeft - 2 * pad_x, Align::right);
      LayoutPtr value = cell(summary.value, font, n - 1, Align::right);
      const double height = std::max(layout_height(label.get()), layout_height(value.get())) + top + kSummaryPadY;
      ensure(height);
      if (summary.emphasized) add(rule_op(kTextLeft, y_, kTextLeft + kTextWidth, y_, 0.8, 0.0));
      add(text_op(label, kTextLeft + pad_x, y_ + top));
      add(text_op(value, x[n - 1] + pad_x, y_ + top));
      y_ += height;
    }
    repeat_on_new_page_ = nullptr;
  }

  void portal_line(LayoutPtr layout) {
    const double height = layout_height(layout.get());
    ensure(height);
    if (letter_.portal_url.empty()) {
      add(text_op(layout, kTextLeft, y_));
    } else {
      const std::string attributes = "uri=" + quoted_attribute(letter_.portal_url);
      const double y = y_;
      add([layout, attributes, y](cairo_t* cr) {
        cairo_tag_begin(cr, CAIRO_TAG_LINK, attributes.c_str());
        draw_layout(cr, layout.get(), kTextLeft, y);
        cairo_tag_end(cr, CAIRO_TAG_LINK);
      });
    }
    y_ += height;
  }

  // The payment box laid out but not yet placed: its texts relative to the box's top.
  struct PreparedBox {
    struct Placed {
      LayoutPtr layout;
      double x;
      double dy;
    };
    std::vector<Placed> texts;
    std::shared_ptr<const QrMatrix> qr;
    double height = 0.0;
  };

  // Title, then one label/value pair a line; the GiroCode on the right with its caption in
  // small type on the title's line (or under the pairs when the line is too short).
  base::Result<PreparedBox> prepare_payment_box(const PaymentBox& box) {
    PreparedBox out;
    if (!box.epc_payload.empty()) {
      auto encoded = encode_qr(box.epc_payload);
      if (!encoded) {
        base::Error error = std::move(encoded).error();
        error.field = "payment.epc_payload";
        return base::fail(std::move(error));
      }
      out.qr = std::make_shared<const QrMatrix>(std::move(encoded).value());
    }
    const double qr_zone = out.qr ? kQrSide + kQrInset + mm(4.0) : 0.0;
    const double left_x = kTextLeft + kBoxPad;
    const double left_width = kTextWidth - 2 * kBoxPad - qr_zone;
    const double label_width = mm(38.0);

    double dy = kBoxPad;
    double space_before = 0.0;  // between the previous text and the next one
    // The caption shares the title's line, right-aligned next to the code, when both fit.
    LayoutPtr caption = out.qr && !box.qr_caption.empty() ? text_.make(box.qr_caption, kSmall) : nullptr;
    if (!box.title.empty()) {
      LayoutPtr title = text_.make(box.title, kBodyBold, left_width);
      out.texts.push_back({title, left_x, dy});
      const double title_height = layout_height(title.get());
      if (caption && layout_width(title.get()) + mm(4.0) + layout_width(caption.get()) <= left_width) {
        LayoutPtr right = text_.make(box.qr_caption, kSmall, left_width, Align::right);
        // On the title's baseline.
        const double baseline = static_cast<double>(pango_layout_get_baseline(title.get()) -
                                                    pango_layout_get_baseline(right.get())) / PANGO_SCALE;
        out.texts.push_back({right, left_x, dy + baseline});
        caption = nullptr;
      }
      dy += title_height;
      space_before = mm(1.2);
    }
    for (const LabelValue& line : box.lines) {
      dy += space_before;
      LayoutPtr label = text_.make(line.label, kTable, label_width - mm(2.0));
      LayoutPtr value = text_.make(line.value, kTableBold, left_width - label_width);
      out.texts.push_back({label, left_x, dy});
      out.texts.push_back({value, left_x + label_width, dy});
      dy += std::max(layout_height(label.get()), layout_height(value.get()));
      space_before = kBoxLineGap;
    }
    if (caption) {
      dy += space_before + mm(0.6);
      caption = text_.make(box.qr_caption, kSmall, left_width);
      out.texts.push_back({caption, left_x, dy});
      dy += layout_height(caption.get());
    }
    out.height = dy + kBoxPad;
    if (out.qr) out.height = std::max(out.height, kQrSide + 2 * kQrInset);
    return out;
  }

  void place_payment_box(const PreparedBox& box) {
    ensure(box.height);
    const double top = y_;
    const double box_height = box.height;
    add([top, box_height](cairo_t* cr) {
      cairo_save(cr);
      cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
      cairo_set_line_width(cr, 0.8);
      cairo_rectangle(cr, kTextLeft, top, kTextWidth, box_height);
      cairo_stroke(cr);
      cairo_restore(cr);
    });
    for (const auto& p : box.texts) add(text_op(p.layout, p.x, top + p.dy));
    if (box.qr) {
      // Vertically centred when the texts make the box taller than the code.
      const double qr_top = top + (box_height - kQrSide) / 2.0;
      add(qr_op(box.qr, kTextLeft + kTextWidth - kQrInset - kQrSide, qr_top, kQrSide));
    }
    y_ += box_height;
  }

  // ---- the fixed parts of the first page ----

  base::Status letterhead() {
    const Letterhead& head = letter_.creditor;
    if (!head.logo_png_path.empty()) KULANZ_TRY_STATUS(logo(head.logo_png_path, nullptr));
    else if (!head.logo_png.empty()) KULANZ_TRY_STATUS(logo("(the creditor's logo)", &head.logo_png));
    const double x = mm(din5008::letterhead_right_left_mm);
    const double width = mm(din5008::text_right_mm - din5008::letterhead_right_left_mm);
    double y = mm(din5008::letterhead_top_mm);
    auto put = [&](const std::string& text, FontSpec font, double space_after) {
      LayoutPtr layout = text_.make(text, font, width);
      const double height = layout_height(layout.get());
      add(text_op(std::move(layout), x, y));
      y += height + space_after;
    };
    if (!head.name.empty()) put(head.name, kCreditorName, mm(1.0));
    if (!head.address_lines.empty()) put(join_lines(head.address_lines), kSmall, mm(1.5));
    if (!head.contact_lines.empty()) put(join_lines(head.contact_lines), kSmall, 0.0);
    return {};
  }

  // Reads PNG bytes for cairo from a string.
  struct PngReader {
    const std::string* bytes;
    std::size_t at = 0;
    static cairo_status_t read(void* closure, unsigned char* data, unsigned int length) {
      auto* r = static_cast<PngReader*>(closure);
      if (r->bytes->size() - r->at < length) return CAIRO_STATUS_READ_ERROR;
      std::copy_n(r->bytes->data() + r->at, length, data);
      r->at += length;
      return CAIRO_STATUS_SUCCESS;
    }
  };

  // From the file `path`, or from `bytes` when given (`path` then only names it in errors).
  base::Status logo(const std::string& path, const std::string* bytes) {
    PngReader reader{bytes};
    std::shared_ptr<cairo_surface_t> image(bytes ? cairo_image_surface_create_from_png_stream(&PngReader::read, &reader)
                                                 : cairo_image_surface_create_from_png(path.c_str()),
                                           cairo_surface_destroy);
    const cairo_status_t status = cairo_surface_status(image.get());
    auto logo_error = [&](const std::string& why) {
      return base::fail(base::ErrorCode::io_error,
                        "the logo '" + path + "' cannot be used: " + why +
                            (bytes ? "; set a readable PNG image as the logo" : "; give the path of a readable PNG file"),
                        bytes ? "creditor.logo_png" : "creditor.logo_png_path");
    };
    if (status == CAIRO_STATUS_FILE_NOT_FOUND) return logo_error("the file does not exist");
    if (status == CAIRO_STATUS_READ_ERROR) return logo_error("the file cannot be read or is not a PNG image");
    if (status != CAIRO_STATUS_SUCCESS) return logo_error(cairo_status_to_string(status));
    const int pixels_wide = cairo_image_surface_get_width(image.get());
    const int pixels_high = cairo_image_surface_get_height(image.get());
    if (pixels_wide <= 0 || pixels_high <= 0) return logo_error("the image is empty");
    const double scale = std::min(mm(din5008::logo_max_width_mm) / pixels_wide,
                                  mm(din5008::logo_max_height_mm) / pixels_high);
    const double x = kTextLeft;
    const double y = mm(din5008::letterhead_top_mm);
    add([image, x, y, scale](cairo_t* cr) {
      cairo_save(cr);
      cairo_translate(cr, x, y);
      cairo_scale(cr, scale, scale);
      cairo_set_source_surface(cr, image.get(), 0.0, 0.0);
      cairo_paint(cr);
      cairo_restore(cr);
    });
    return {};
  }

  base::Status address_field() {
    const double x = mm(din5008::address_left_mm + din5008::address_inner_left_mm);
    const double width = mm(din5008::address_width_mm - 2 * din5008::address_inner_left_mm);
    if (!letter_.return_address.empty()) {
      LayoutPtr line = text_.make(letter_.return_address, FontSpec{kReturnAddressSize, false});
      const double natural = layout_width(line.get());
      if (natural > width) {
        const double size = kReturnAddressSize * width / natural - 0.05;
        if (size < kReturnAddressMinSize) {
          return base::fail(base::ErrorCode::invalid_argument,
                            "the return address does not fit on one line of the address window (75 mm) even at 5 pt: "
                            "shorten it (name, street, postcode and town are enough)",
                            "return_address");
        }
        line = text_.make(letter_.return_address, FontSpec{size, false});
      }
      const double y = mm(din5008::recipient_zone_top_mm - 1.0) - layout_height(line.get());
      add(text_op(line, x, y));
    }
    for (double size : kRecipientSizes) {
      std::size_t too_wide = letter_.recipient_lines.size();
      for (std::size_t i = 0; i < letter_.recipient_lines.size() && too_wide == letter_.recipient_lines.size(); ++i) {
        if (layout_width(text_.make(letter_.recipient_lines[i], FontSpec{size, false}).get()) > width) too_wide = i;
      }
      if (too_wide == letter_.recipient_lines.size()) {
        LayoutPtr block = text_.make(join_lines(letter_.recipient_lines), FontSpec{size, false});
        add(text_op(block, x, mm(din5008::recipient_zone_top_mm + 1.0)));
        return {};
      }
      if (size == kRecipientSizes[std::size(kRecipientSizes) - 1]) {
        return base::fail(base::ErrorCode::invalid_argument,
                          "recipient line " + std::to_string(too_wide + 1) + " ('" + letter_.recipient_lines[too_wide] +
                              "') is wider than the address window (75 mm) even at 8 pt: abbreviate it",
                          "recipient_lines[" + std::to_string(too_wide) + "]");
      }
    }
    return {};
  }

  // Returns the bottom of the block.
  double info_block() {
    const double label_x = mm(din5008::info_left_mm);
    const double value_x = label_x + mm(din5008::info_label_width_mm);
    const double label_width = mm(din5008::info_label_width_mm - 2.0);
    const double value_width = mm(din5008::text_right_mm) - value_x;
    double y = mm(din5008::info_top_mm);
    for (const LabelValue& pair : letter_.info) {
      LayoutPtr label = text_.make(pair.label, kTable, label_width);
      LayoutPtr value = text_.make(pair.value, kTable, value_width);
      const double height = std::max(layout_height(label.get()), layout_height(value.get()));
      add(text_op(label, label_x, y));
      add(text_op(value, value_x, y));
      y += height + mm(0.8);
    }
    return y;
  }

  void folding_and_punch_marks() {
    const double left = mm(din5008::mark_left_mm);
    for (double at : {din5008::fold_mark_top_mm, din5008::fold_mark_bottom_mm}) {
      add(rule_op(left, mm(at), left + mm(din5008::fold_mark_length_mm), mm(at), 0.5, 0.0));
    }
    add(rule_op(left, mm(din5008::punch_mark_mm), left + mm(din5008::punch_mark_length_mm),
                mm(din5008::punch_mark_mm), 0.5, 0.0));
  }

  // ---- footer and page labels, on every page ----

  void measure_footer() {
    const auto& columns = letter_.footer_columns;
    double footer_height = 0.0;
    if (!columns.empty()) {
      const double column_width = kTextWidth / static_cast<double>(columns.size());
      for (std::size_t i = 0; i < columns.size(); ++i) {
        LayoutPtr layout = text_.make(join_lines(columns[i]), kFooter, column_width - mm(3.0));
        footer_height = std::max(footer_height, layout_height(layout.get()));
        footer_.push_back({layout, kTextLeft + static_cast<double>(i) * column_width});
      }
    }
    footer_top_ = mm(din5008::footer_bottom_mm) - footer_height;
    const double label_height = layout_height(text_.make("1", kSmall).get());
    label_top_ = (columns.empty() ? mm(din5008::footer_bottom_mm) : footer_top_ - mm(3.0)) - label_height;
    bottom_ = label_top_ - mm(2.0);
  }

  void finish_pages() {
    const int pages = static_cast<int>(pages_.size());
    for (int i = 0; i < pages; ++i) {
      auto& ops = pages_[static_cast<std::size_t>(i)].ops;
      if (!footer_.empty()) {
        const double rule_y = footer_top_ - mm(1.5);
        ops.push_back(rule_op(kTextLeft, rule_y, kTextLeft + kTextWidth, rule_y, 0.4, 0.5));
        for (const auto& [layout, x] : footer_) ops.push_back(text_op(layout, x, footer_top_));
      }
      LayoutPtr label = text_.make(page_label(letter_.page_label_format, i + 1, pages), kSmall, kTextWidth, Align::right);
      ops.push_back(text_op(label, kTextLeft, label_top_));
    }
  }

  TextFactory text_;
  const Letter& letter_;
  std::vector<ComposedPage> pages_;
  std::vector<std::pair<LayoutPtr, double>> footer_;  // layout and its x
  double line_height_ = 0.0;
  double page_top_ = 0.0;
  double y_ = 0.0;
  double bottom_ = 0.0;
  double footer_top_ = 0.0;
  double label_top_ = 0.0;
  std::function<void()> repeat_on_new_page_;
};

}  // namespace

base::Result<std::vector<ComposedPage>> compose_letter(cairo_t* cr, const Letter& letter) {
  return Composer(cr, letter).run();
}

void draw_pages(cairo_t* cr, const std::vector<ComposedPage>& pages) {
  for (const ComposedPage& page : pages) {
    for (const DrawOp& op : page.ops) op(cr);
    cairo_show_page(cr);
  }
}

}  // namespace kulanz::documents::detail
