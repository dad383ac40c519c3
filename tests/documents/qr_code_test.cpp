// QR codes: the symbol's size shows byte mode at level M, the finder patterns sit in the
// corners, and zbarimg reads back exactly the bytes that were encoded.
#include <gtest/gtest.h>

#include <cairo.h>

#include <cstdio>

#include "documents/epc_payload.hpp"
#include "documents/qr_code.hpp"
#include "tool_runner.hpp"

namespace kulanz::documents {
namespace {

using base::ErrorCode;

// Writes the matrix as a PNG, 8 pixels per module, with a quiet zone of 4 modules.
std::filesystem::path write_png(const QrMatrix& qr, const test::ScratchDir& scratch) {
  constexpr int kPixels = 8;
  const int side = (qr.size + 8) * kPixels;
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, side, side);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (int y = 0; y < qr.size; ++y) {
    for (int x = 0; x < qr.size; ++x) {
      if (qr.at(x, y)) cairo_rectangle(cr, (x + 4) * kPixels, (y + 4) * kPixels, kPixels, kPixels);
    }
  }
  cairo_fill(cr);
  const auto path = scratch.path() / "qr.png";
  cairo_surface_write_to_png(surface, path.c_str());
  cairo_destroy(cr);
  cairo_surface_destroy(surface);
  return path;
}

bool finder_pattern_at(const QrMatrix& qr, int left, int top) {
  for (int y = 0; y < 7; ++y) {
    for (int x = 0; x < 7; ++x) {
      const bool ring = x == 0 || y == 0 || x == 6 || y == 6;
      const bool core = x >= 2 && x <= 4 && y >= 2 && y <= 4;
      if (qr.at(left + x, top + y) != (ring || core)) return false;
    }
  }
  return true;
}

TEST(QrCode, MatrixHasFinderPatternsInThreeCorners) {
  auto qr = encode_qr("kulanz");
  ASSERT_TRUE(qr) << qr.error().to_string();
  ASSERT_GE(qr->size, 21);
  EXPECT_EQ((qr->size - 17) % 4, 0);
  EXPECT_EQ(qr->dark.size(), static_cast<std::size_t>(qr->size * qr->size));
  EXPECT_TRUE(finder_pattern_at(*qr, 0, 0));
  EXPECT_TRUE(finder_pattern_at(*qr, qr->size - 7, 0));
  EXPECT_TRUE(finder_pattern_at(*qr, 0, qr->size - 7));
  EXPECT_FALSE(finder_pattern_at(*qr, qr->size - 7, qr->size - 7));
  EXPECT_FALSE(qr->at(-1, 0));
  EXPECT_FALSE(qr->at(0, qr->size));
}

// In byte mode, version 13 holds exactly 331 bytes at level M (at level L it would already
// hold them in version 12, 65 modules): the EPC limit fills a 69-module symbol, one more
// byte needs version 14.
TEST(QrCode, SymbolSizeShowsByteModeAtLevelM) {
  EXPECT_EQ(encode_qr(std::string(331, 'a')).value().size, 17 + 4 * 13);
  EXPECT_EQ(encode_qr(std::string(332, 'a')).value().size, 17 + 4 * 14);
  EXPECT_EQ(encode_qr(std::string(2331, 'a')).value().size, 17 + 4 * 40);
}

TEST(QrCode, RejectsEmptyAndOversizedData) {
  auto empty = encode_qr("");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(empty.error().field, "bytes");
  auto too_long = encode_qr(std::string(2332, 'a'));
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(too_long.error().detail.find("2331"), std::string::npos);
}

TEST(QrCode, ZbarimgReadsBackAnEpcPayload) {
  ASSERT_TRUE(test::tools_available({"zbarimg"}));
  CreditTransfer t;
  t.bic = "COBADEFFXXX";
  t.name = "Müller & Söhne GmbH";
  t.iban = "DE89370400440532013000";
  t.amount_minor = 12523;
  t.reference = "RF18539007547034";
  const std::string payload = epc_payload(t).value();
  auto qr = encode_qr(payload);
  ASSERT_TRUE(qr);
  test::ScratchDir scratch;
  EXPECT_EQ(test::zbar_decode(write_png(*qr, scratch)), payload);
}

// The SVG's path holds exactly the dark modules, shifted by the quiet zone, and the label
// is escaped.
TEST(QrCode, SvgPathDrawsExactlyTheDarkModules) {
  auto qr = encode_qr("BCD\n002\n1\nSCT\n\nStadtwerke & Co\nDE89370400440532013000\nEUR12.34");
  ASSERT_TRUE(qr) << qr.error().to_string();
  const std::string svg = qr_svg(*qr, "GiroCode <Stadtwerke & Co>", 4);
  const int side = qr->size + 8;
  EXPECT_NE(svg.find("viewBox=\"0 0 " + std::to_string(side) + " " + std::to_string(side) + "\""), std::string::npos);
  EXPECT_NE(svg.find("<title>GiroCode &lt;Stadtwerke &amp; Co&gt;</title>"), std::string::npos);
  std::vector<std::uint8_t> drawn(static_cast<std::size_t>(qr->size * qr->size), 0);
  const auto d_at = svg.find(" d=\"");
  ASSERT_NE(d_at, std::string::npos);
  std::string d = svg.substr(d_at + 4, svg.find('"', d_at + 4) - d_at - 4);
  int runs = 0;
  for (std::size_t pos = 0; pos < d.size();) {
    int x = 0, y = 0, n = 0, n2 = 0;
    int used = 0;
    ASSERT_EQ(std::sscanf(d.c_str() + pos, "M%d %dh%dv1h-%dz%n", &x, &y, &n, &n2, &used), 4) << d.substr(pos, 30);
    ASSERT_EQ(n, n2);
    for (int k = 0; k < n; ++k) {
      const int mx = x - 4 + k, my = y - 4;
      ASSERT_TRUE(mx >= 0 && my >= 0 && mx < qr->size && my < qr->size);
      drawn[static_cast<std::size_t>(my * qr->size + mx)] += 1;
    }
    pos += static_cast<std::size_t>(used);
    ++runs;
  }
  EXPECT_GT(runs, qr->size);
  EXPECT_EQ(drawn, qr->dark);
}

}  // namespace
}  // namespace kulanz::documents
