// PDF letters read back with the real readers: pdfinfo (A4, page count, metadata),
// pdftotext (texts with umlauts, the DIN 5008 address window cropped in points),
// pdftoppm + zbarimg (the GiroCode), pdffonts, pdfimages, and the raster of the marks.
#include <gtest/gtest.h>

#include <cairo.h>

#include <cmath>
#include <fstream>
#include <iterator>

#include "documents/din5008.hpp"
#include "documents/letter_pdf.hpp"
#include "sample_letter.hpp"
#include "tool_runner.hpp"

namespace kulanz::documents {
namespace {

using din5008::to_points;
using test::count_of;
using test::pdf_text;
using test::pdf_text_in_area;

class LetterPdf : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(test::tools_available({"pdfinfo", "pdftotext", "pdftoppm", "pdffonts", "pdfimages", "zbarimg"}));
  }

  // Renders `letter` and writes the PDF into the scratch folder.
  std::filesystem::path render(const Letter& letter, const std::string& name = "letter.pdf") {
    auto pdf = render_letter_pdf(letter);
    EXPECT_TRUE(pdf) << pdf.error().to_string();
    if (!pdf) return {};
    return scratch_.write(name, *pdf);
  }

  // Text inside a rectangle given in millimetres from the page's top-left corner.
  static std::string text_in_mm(const std::filesystem::path& pdf, int page, double x, double y, double w, double h) {
    return pdf_text_in_area(pdf, page, to_points(x), to_points(y), to_points(w), to_points(h));
  }

  test::ScratchDir scratch_;
};

TEST_F(LetterPdf, IsOneA4PortraitPageWithMetadata) {
  const auto pdf = render(test::sample_letter());
  const std::string info = test::pdfinfo(pdf);
  EXPECT_NE(info.find("595.28 x 841.89 pts (A4)"), std::string::npos) << info;
  EXPECT_EQ(test::pdf_page_count(pdf), 1) << info;
  EXPECT_NE(info.find("Title:           Zahlungserinnerung"), std::string::npos) << info;
  EXPECT_NE(info.find("Creator:         kulanz"), std::string::npos) << info;
  EXPECT_NE(info.find("CreationDate:"), std::string::npos) << info;
  EXPECT_NE(info.find("2026"), std::string::npos) << info;
}

TEST_F(LetterPdf, AllTextsAppearWithUmlautsIntact) {
  Letter letter = test::sample_letter();
  letter.body.push_back("Texte werden nie als Markup gelesen: <b>Müller & Söhne</b>");
  const auto pdf = render(letter);
  const std::string text = pdf_text(pdf);
  for (const char* expected :
       {"Kulanz Beispiel GmbH Süd", "Hauptstraße 1", "forderungen@kulanz.example", "Jürgen Müller",
        "Lindenstraße 42", "80331 München", "Kundennummer", "K-4711", "Ansprechpartner", "Frau Weiß",
        "Zahlungserinnerung", "Sehr geehrter Herr Müller,", "Rechnungsnummer", "Fällig am", "RE-2026-0001",
        "RE-2026-0003", "102,00 €", "Mahngebühr", "Verzugszinsen", "Gesamtbetrag", "365,23 €",
        "betrachten Sie dieses Schreiben", "Mit freundlichen Grüßen", "Ihr Forderungsmanagement",
        "https://portal.kulanz.example/p/abc123", "Zahlungsinformationen", "Kontoinhaber",
        "DE89 3704 0044 0532 0130 00", "RF18 5390 0754 7034", "Mit Banking-App scannen",
        "Amtsgericht Charlottenburg HRB 12345", "Geschäftsführer: Eva Groß", "Seite 1 von 1", "<b>Müller & Söhne</b>"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << "missing: " << expected << "\n" << text;
  }
}

// DIN 5008 form B: the address field lies 20 mm from the left and 45 mm from the top,
// 85 x 45 mm; the recipient fills the lower 27.3 mm, the return address sits above it.
TEST_F(LetterPdf, AddressWindowHoldsRecipientAndReturnAddressOnly) {
  const auto pdf = render(test::sample_letter());
  const std::string window = text_in_mm(pdf, 1, din5008::address_left_mm, din5008::address_top_mm,
                                        din5008::address_width_mm, din5008::address_height_mm);
  for (const char* line : {"Herrn", "Jürgen Müller", "Lindenstraße 42", "80331 München", "10115 Berlin"}) {
    EXPECT_NE(window.find(line), std::string::npos) << "missing in the window: " << line << "\n" << window;
  }
  for (const char* outside : {"Zahlungserinnerung", "Sehr geehrter", "Kundennummer", "Telefon", "RE-2026"}) {
    EXPECT_EQ(window.find(outside), std::string::npos) << "inside the window: " << outside << "\n" << window;
  }

  const std::string recipient_zone = text_in_mm(pdf, 1, din5008::address_left_mm, din5008::recipient_zone_top_mm,
                                                din5008::address_width_mm, din5008::recipient_zone_height_mm);
  for (const char* line : {"Herrn", "Jürgen Müller", "Lindenstraße 42", "80331 München"}) {
    EXPECT_NE(recipient_zone.find(line), std::string::npos) << line << "\n" << recipient_zone;
  }
  EXPECT_EQ(recipient_zone.find("10115 Berlin"), std::string::npos) << recipient_zone;

  const std::string return_zone = text_in_mm(pdf, 1, din5008::address_left_mm, din5008::address_top_mm,
                                             din5008::address_width_mm, din5008::return_zone_height_mm);
  EXPECT_NE(return_zone.find("10115 Berlin"), std::string::npos) << return_zone;
  EXPECT_EQ(return_zone.find("Müller"), std::string::npos) << return_zone;
}

// A recipient line too wide at 10 pt sets the whole block in a smaller size (down to 8 pt)
// instead of wrapping out of the window.
TEST_F(LetterPdf, LongRecipientLineShrinksToFitTheWindow) {
  Letter letter = test::sample_letter();
  letter.recipient_lines[1] = "Maximilian Müller-Lüdenscheidt-Hohenstein";
  const auto pdf = render(letter);
  const std::string window = text_in_mm(pdf, 1, din5008::address_left_mm, din5008::recipient_zone_top_mm,
                                        din5008::address_width_mm, din5008::recipient_zone_height_mm);
  EXPECT_NE(window.find("Maximilian Müller-Lüdenscheidt-Hohenstein"), std::string::npos) << window;
  EXPECT_NE(window.find("80331 München"), std::string::npos) << window;
}

TEST_F(LetterPdf, InfoBlockAndBodyArePlacedAfterDin5008) {
  const auto pdf = render(test::sample_letter());
  const std::string info = text_in_mm(pdf, 1, din5008::info_left_mm, din5008::info_top_mm,
                                      din5008::text_right_mm - din5008::info_left_mm, 25.0);
  EXPECT_NE(info.find("Kundennummer"), std::string::npos) << info;
  EXPECT_NE(info.find("01.03.2026"), std::string::npos) << info;
  EXPECT_EQ(info.find("Müller"), std::string::npos) << info;
  // Nothing of the body above the lower edge of the address field; the subject right below.
  const std::string above = text_in_mm(pdf, 1, 0.0, 0.0, 210.0, din5008::address_top_mm + din5008::address_height_mm);
  EXPECT_EQ(above.find("Zahlungserinnerung"), std::string::npos) << above;
  EXPECT_EQ(above.find("Sehr geehrter"), std::string::npos) << above;
  const std::string below = text_in_mm(pdf, 1, din5008::text_left_mm, 90.0, 165.0, 15.0);
  EXPECT_NE(below.find("Zahlungserinnerung"), std::string::npos) << below;
}

TEST_F(LetterPdf, GiroCodeDecodesToTheExactPayload) {
  const auto pdf = render(test::sample_letter());
  EXPECT_EQ(test::decode_qr_on_page(pdf, 1, scratch_), test::sample_epc_payload());
}

TEST_F(LetterPdf, LongTableContinuesWithRepeatedHeaderAndPageNumbers) {
  const auto pdf = render(test::sample_letter(60));
  const int pages = test::pdf_page_count(pdf);
  ASSERT_GT(pages, 1);
  const std::string total = std::to_string(pages);

  const std::string page2 = pdf_text(pdf, 2, 2);
  EXPECT_NE(page2.find("Rechnungsnummer"), std::string::npos) << page2;
  EXPECT_NE(page2.find("Offener Betrag"), std::string::npos) << page2;
  EXPECT_NE(page2.find("Seite 2 von " + total), std::string::npos) << page2;
  EXPECT_NE(page2.find("Amtsgericht Charlottenburg"), std::string::npos) << "footer on every page\n" << page2;

  const std::string all = pdf_text(pdf);
  for (int page = 1; page <= pages; ++page) {
    EXPECT_EQ(count_of(all, "Seite " + std::to_string(page) + " von " + total), 1u) << page;
  }
  for (int i = 0; i < 60; ++i) {
    EXPECT_EQ(count_of(all, test::sample_invoice_number(i)), 1u) << "row " << i << " lost or repeated";
  }
  EXPECT_GE(count_of(all, "Rechnungsnummer"), 2u);
  EXPECT_EQ(count_of(all, "Verzugszinsen"), 1u);  // the summary rows once, after the last row
  // The payment box comes last: its GiroCode is on the last page.
  EXPECT_EQ(test::decode_qr_on_page(pdf, pages, scratch_), test::sample_epc_payload());
}

// Wherever the page break falls, the payment box is not left alone on the last page: the
// closing lines (and the paragraph before them) come along, so the page with the GiroCode
// also holds the greeting.
TEST_F(LetterPdf, PaymentBoxNeverStandsAloneOnAPage) {
  int continued = 0;
  for (int rows = 12; rows <= 32; rows += 2) {
    const auto pdf = render(test::sample_letter(rows), "rows-" + std::to_string(rows) + ".pdf");
    const int pages = test::pdf_page_count(pdf);
    if (pages < 2) continue;
    ++continued;
    const std::string last = pdf_text(pdf, pages, pages);
    EXPECT_NE(last.find("Zahlungsinformationen"), std::string::npos) << rows << " rows\n" << last;
    EXPECT_NE(last.find("Mit freundlichen Grüßen"), std::string::npos) << rows << " rows\n" << last;
    EXPECT_NE(last.find("betrachten Sie dieses Schreiben"), std::string::npos) << rows << " rows\n" << last;
  }
  EXPECT_GT(continued, 3);
}

TEST_F(LetterPdf, BatchStartsEachLetterOnANewPageAndCountsPages) {
  Letter second = test::sample_letter(60);
  second.recipient_lines = {"Firma", "Zoë Straßburger KG", "Am Markt 3", "01067 Dresden"};
  const std::vector<Letter> letters{test::sample_letter(), second};
  std::vector<int> pages_per_letter{99};
  auto bytes = render_letters_pdf(letters, &pages_per_letter);
  ASSERT_TRUE(bytes) << bytes.error().to_string();
  ASSERT_EQ(pages_per_letter.size(), 2u);
  EXPECT_EQ(pages_per_letter[0], 1);
  EXPECT_GT(pages_per_letter[1], 1);
  const auto pdf = scratch_.write("batch.pdf", *bytes);
  EXPECT_EQ(test::pdf_page_count(pdf), pages_per_letter[0] + pages_per_letter[1]);
  const std::string page1 = pdf_text(pdf, 1, 1);
  EXPECT_NE(page1.find("Seite 1 von 1"), std::string::npos) << page1;
  EXPECT_EQ(page1.find("Straßburger"), std::string::npos) << page1;
  const std::string page2 = pdf_text(pdf, 2, 2);
  EXPECT_NE(page2.find("Zoë Straßburger KG"), std::string::npos) << page2;
  EXPECT_NE(page2.find("Seite 1 von " + std::to_string(pages_per_letter[1])), std::string::npos) << page2;
  const std::string window = text_in_mm(pdf, 2, din5008::address_left_mm, din5008::address_top_mm,
                                        din5008::address_width_mm, din5008::address_height_mm);
  EXPECT_NE(window.find("01067 Dresden"), std::string::npos) << window;
}

TEST_F(LetterPdf, SameLetterGivesTheSameBytes) {
  const Letter letter = test::sample_letter(40);
  auto first = render_letter_pdf(letter);
  auto second = render_letter_pdf(letter);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(*first, *second);
}

// Without a date from the caller the PDF carries none: cairo would otherwise stamp the
// current time and two renders of the same letter would differ.
TEST_F(LetterPdf, NoCreationDateUnlessTheCallerGivesOne) {
  Letter letter = test::sample_letter();
  letter.pdf_creation_date.clear();
  auto bytes = render_letter_pdf(letter);
  ASSERT_TRUE(bytes);
  EXPECT_EQ(bytes->find("/CreationDate"), std::string::npos);
  EXPECT_EQ(bytes->find("/ModDate"), std::string::npos);
  const std::string info = test::pdfinfo(scratch_.write("undated.pdf", *bytes));
  EXPECT_EQ(info.find("CreationDate:"), std::string::npos) << info;

  letter.pdf_creation_date = "2026-03-01T09:00:00Z";
  auto dated = render_letter_pdf(letter);
  ASSERT_TRUE(dated);
  EXPECT_NE(dated->find("/CreationDate (20260301090000Z)"), std::string::npos);
}

TEST_F(LetterPdf, UsesOnlyDejaVuSans) {
  const auto pdf = render(test::sample_letter());
  const std::string fonts = test::run_command("pdffonts " + test::shell_quote(pdf)).out;
  EXPECT_NE(fonts.find("DejaVuSans "), std::string::npos) << fonts;
  EXPECT_NE(fonts.find("DejaVuSans-Bold"), std::string::npos) << fonts;
  // Every font row (after the two header lines) is a DejaVu Sans face embedded as a subset.
  std::size_t rows = 0;
  std::size_t start = 0;
  for (int line = 0; start < fonts.size(); ++line) {
    const std::size_t end = fonts.find('\n', start);
    const std::string row = fonts.substr(start, end - start);
    start = end == std::string::npos ? fonts.size() : end + 1;
    if (line < 2 || row.empty()) continue;
    ++rows;
    EXPECT_NE(row.find("+DejaVuSans"), std::string::npos) << row;
  }
  EXPECT_GE(rows, 2u);
}

TEST_F(LetterPdf, PortalLineIsALink) {
  auto pdf = render_letter_pdf(test::sample_letter());
  ASSERT_TRUE(pdf);
  EXPECT_NE(pdf->find("/URI (https://portal.kulanz.example/p/abc123)"), std::string::npos);
}

TEST_F(LetterPdf, LogoIsEmbeddedAsAnImage) {
  cairo_surface_t* png = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 240, 80);
  cairo_t* cr = cairo_create(png);
  cairo_set_source_rgb(cr, 0.1, 0.3, 0.6);
  cairo_paint(cr);
  cairo_destroy(cr);
  const auto logo = scratch_.path() / "logo.png";
  ASSERT_EQ(cairo_surface_write_to_png(png, logo.c_str()), CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy(png);

  Letter letter = test::sample_letter();
  letter.creditor.logo_png_path = logo.string();
  const auto pdf = render(letter);
  const std::string images = test::run_command("pdfimages -list " + test::shell_quote(pdf)).out;
  EXPECT_NE(images.find("  240    80 "), std::string::npos) << images;

  // The same logo given as bytes (as stored in the creditor's profile).
  std::ifstream in(logo, std::ios::binary);
  Letter from_bytes = test::sample_letter();
  from_bytes.creditor.logo_png.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  ASSERT_GT(from_bytes.creditor.logo_png.size(), 8u);
  const auto pdf2 = render(from_bytes);
  const std::string images2 = test::run_command("pdfimages -list " + test::shell_quote(pdf2)).out;
  EXPECT_NE(images2.find("  240    80 "), std::string::npos) << images2;

  Letter broken = test::sample_letter();
  broken.creditor.logo_png = "\x89PNG\r\n\x1a\n truncated";
  auto refused = render_letter_pdf(broken);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().field, "creditor.logo_png");
}

// A greyscale raster of page 1 at 100 dpi (PGM as pdftoppm writes it).
struct Raster {
  int width = 0;
  int height = 0;
  std::string pixels;
  int at_mm(double x_mm, double y_mm) const {
    const int x = static_cast<int>(std::lround(x_mm / 25.4 * 100.0));
    const int y = static_cast<int>(std::lround(y_mm / 25.4 * 100.0));
    return static_cast<unsigned char>(pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                                             static_cast<std::size_t>(x)]);
  }
  // The darkest pixel in a band one millimetre high around y_mm, from x0_mm to x1_mm.
  int darkest(double x0_mm, double x1_mm, double y_mm) const {
    int value = 255;
    for (double y = y_mm - 0.5; y <= y_mm + 0.5; y += 0.1) {
      for (double x = x0_mm; x <= x1_mm; x += 0.1) value = std::min(value, at_mm(x, y));
    }
    return value;
  }
};

Raster rasterize(const std::filesystem::path& pdf, const test::ScratchDir& scratch) {
  const auto prefix = scratch.path() / "raster";
  test::run_command("pdftoppm -r 100 -gray -singlefile -f 1 -l 1 " + test::shell_quote(pdf) + " " +
                    test::shell_quote(prefix));
  std::ifstream in(prefix.string() + ".pgm", std::ios::binary);
  std::string magic;
  int max_value = 0;
  Raster raster;
  in >> magic >> raster.width >> raster.height >> max_value;
  in.get();
  raster.pixels.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  EXPECT_EQ(magic, "P5");
  EXPECT_EQ(raster.pixels.size(), static_cast<std::size_t>(raster.width) * static_cast<std::size_t>(raster.height));
  return raster;
}

TEST_F(LetterPdf, FoldingAndPunchMarksOnTheLeftEdge) {
  const auto pdf = render(test::sample_letter());
  const Raster raster = rasterize(pdf, scratch_);
  ASSERT_EQ(raster.width, 827);  // 210 mm at 100 dpi
  const double from = din5008::mark_left_mm + 0.5;
  const double to = din5008::mark_left_mm + din5008::fold_mark_length_mm - 0.5;
  EXPECT_LT(raster.darkest(from, to, din5008::fold_mark_top_mm), 160);
  EXPECT_LT(raster.darkest(from, to, din5008::fold_mark_bottom_mm), 160);
  EXPECT_LT(raster.darkest(from, to, din5008::punch_mark_mm), 160);
  // Nothing else on the left edge: a few millimetres away from each mark it is white.
  EXPECT_GT(raster.darkest(from, to, din5008::fold_mark_top_mm - 5.0), 240);
  EXPECT_GT(raster.darkest(from, to, din5008::punch_mark_mm + 5.0), 240);
  EXPECT_GT(raster.darkest(from, to, din5008::fold_mark_bottom_mm + 5.0), 240);
}

}  // namespace
}  // namespace kulanz::documents
