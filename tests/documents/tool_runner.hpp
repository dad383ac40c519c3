#pragma once
// Runs the real readers the document tests check against: poppler's pdfinfo, pdftotext,
// pdftoppm, pdffonts, pdfimages, and zbarimg. Each test works in its own scratch folder.
#include <gtest/gtest.h>

#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>

namespace kulanz::documents::test {

struct CommandOutput {
  int exit_status = -1;  // the command's exit status, -1 if it could not be started
  std::string out;       // its standard output
};

// Runs `command` with /bin/sh and collects its standard output.
CommandOutput run_command(const std::string& command);

// Success when every program is on PATH; otherwise names the missing ones and the Debian
// package that provides them.
::testing::AssertionResult tools_available(std::initializer_list<const char*> programs);

// A path in single quotes for /bin/sh.
std::string shell_quote(const std::filesystem::path& path);

// A fresh folder under the system's temporary folder, removed afterwards unless the test
// failed (then it is kept and its path printed, to look at the files).
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Writes `bytes` to a file in the folder and returns its path.
  std::filesystem::path write(const std::string& name, std::string_view bytes) const;

 private:
  std::filesystem::path path_;
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
