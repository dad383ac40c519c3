// Files from outside judged by their content: a real PDF (rendered by kulanz), real PNG
// and JPEG images (made by poppler's pdftoppm from that PDF) are recognised whatever
// their name; a text file, a truncated PDF or image, a ZIP, a file over the size limit
// and a type that is not accepted are refused with a message that says what the file
// looks like and what is accepted.
#include <gtest/gtest.h>

#include "documents/file_type.hpp"
#include "documents/letter_pdf.hpp"
#include "sample_letter.hpp"
#include "tool_runner.hpp"

namespace kulanz::documents {
namespace {

class FileTypeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(test::tools_available({"pdftoppm"}));
    auto bytes = render_letter_pdf(test::sample_letter());
    ASSERT_TRUE(bytes) << bytes.error().to_string();
    pdf_ = *bytes;
    const auto path = scratch_.write("letter.pdf", pdf_);
    for (const char* format : {"png", "jpeg"}) {
      const auto out = test::run_command("pdftoppm -r 20 -singlefile -" + std::string(format) + " " +
                                         test::shell_quote(path) + " " + test::shell_quote(scratch_.path() / format));
      ASSERT_EQ(out.exit_status, 0) << format;
    }
    png_ = test_support::read_file(scratch_.path() / "png.png");
    jpeg_ = test_support::read_file(scratch_.path() / "jpeg.jpg");
    ASSERT_FALSE(png_.empty());
    ASSERT_FALSE(jpeg_.empty());
  }
  test::ScratchDir scratch_;
  std::string pdf_, png_, jpeg_;
};

constexpr unsigned kAll = kAcceptPdf | kAcceptJpeg | kAcceptPng;
constexpr std::size_t kLimit = 10 * 1024 * 1024;

std::string refusal(std::string_view bytes, unsigned accepted = kAll, std::size_t limit = kLimit) {
  auto r = check_file(bytes, accepted, limit);
  return r ? std::string("accepted") : r.error().detail;
}

TEST_F(FileTypeTest, RealFilesAreRecognisedByTheirContent) {
  EXPECT_EQ(check_file(pdf_, kAll, kLimit).value(), FileType::pdf);
  EXPECT_EQ(check_file(png_, kAll, kLimit).value(), FileType::png);
  EXPECT_EQ(check_file(jpeg_, kAll, kLimit).value(), FileType::jpeg);
  EXPECT_EQ(content_type(FileType::pdf), "application/pdf");
  EXPECT_EQ(content_type(FileType::jpeg), "image/jpeg");
  EXPECT_EQ(extension(FileType::png), ".png");
}

TEST_F(FileTypeTest, ImpostorsAndDamagedFilesAreRefusedWithTheReason) {
  EXPECT_EQ(refusal("Rechnung 4711\nBetrag: 119,00 EUR\n"),
            "the file is not accepted: it is text; accepted are PDF, JPEG, PNG files, judged by their content, not "
            "their name");
  EXPECT_NE(refusal(pdf_.substr(0, pdf_.size() / 2)).find("starts like a PDF but is not a complete one"),
            std::string::npos);
  EXPECT_NE(refusal(png_.substr(0, png_.size() - 20)).find("starts like a PNG image"), std::string::npos);
  EXPECT_NE(refusal(jpeg_.substr(0, jpeg_.size() - 10)).find("starts like a JPEG image"), std::string::npos);
  EXPECT_NE(refusal(std::string("PK\x03\x04", 4) + std::string(100, 'x')).find("ZIP archive"), std::string::npos);
  EXPECT_NE(refusal("").find("the file is empty"), std::string::npos);
  // A real image where only PDF is accepted.
  EXPECT_NE(refusal(png_, kAcceptPdf).find("accepted are PDF files"), std::string::npos);
  // A PDF header with another version digit is no PDF.
  std::string fake = pdf_;
  fake[5] = '9';
  EXPECT_NE(refusal(fake).find("not a complete one"), std::string::npos);
}

TEST_F(FileTypeTest, TheSizeLimitComesFirst) {
  auto r = check_file(pdf_, kAll, pdf_.size() - 1);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, base::ErrorCode::document_too_large);
  EXPECT_NE(r.error().detail.find("at most " + std::to_string(pdf_.size() - 1)), std::string::npos);
  EXPECT_TRUE(check_file(pdf_, kAll, pdf_.size()));
}

}  // namespace
}  // namespace kulanz::documents
