#pragma once
// Runs the real readers the document tests check against: poppler's pdfinfo, pdftotext,
// pdftoppm, pdffonts, pdfimages, zbarimg, and xmllint. Each test works in its own scratch folder.
#include <gtest/gtest.h>

#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>

#include "../support/test_support.hpp"

namespace kulanz::documents::test {

using test_support::CommandOutput;
using test_support::run_command;

// Success when every program is on PATH; otherwise names the missing ones and the Debian
// package that provides them.
::testing::AssertionResult tools_available(std::initializer_list<const char*> programs);

// A path in single quotes for /bin/sh.
inline std::string shell_quote(const std::filesystem::path& path) { return test_support::shell_quote(path.string()); }

// A scratch folder named after the document tests.
class ScratchDir : public test_support::ScratchDir {
 public:
  ScratchDir() : test_support::ScratchDir("kulanz-documents") {}
};

// pdfinfo's full output, and the page count it reports (-1 when it cannot read the file).
std::string pdfinfo(const std::filesystem::path& pdf);
int pdf_page_count(const std::filesystem::path& pdf);

// pdftotext -layout of pages first..last (0: all pages).
std::string pdf_text(const std::filesystem::path& pdf, int first = 0, int last = 0);

// pdftotext of the rectangle (in points, 72 dpi, from the top-left corner) on one page.
std::string pdf_text_in_area(const std::filesystem::path& pdf, int page, double x_pt, double y_pt, double width_pt,
                             double height_pt);

// The data of the QR code(s) zbarimg finds in an image, byte for byte: `zbarimg --raw -q
// -Sbinary`. Without -Sbinary zbar re-encodes non-ASCII bytes of a code without an ECI
// header from a guessed legacy charset ("Süd" would come back as kanji) and appends a
// newline; with it the output is exactly the encoded bytes.
std::string zbar_decode(const std::filesystem::path& image);

// The page rasterized by pdftoppm at 300 dpi as PNG, then zbar_decode.
std::string decode_qr_on_page(const std::filesystem::path& pdf, int page, const ScratchDir& scratch);

// Number of occurrences of `needle` in `haystack`.
std::size_t count_of(std::string_view haystack, std::string_view needle);

}  // namespace kulanz::documents::test
