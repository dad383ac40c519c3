// Letters that cannot be laid out: each error names the field (and, in a batch, the
// letter) and says what to change. Nothing is rendered for them.
#include <gtest/gtest.h>

#include <fstream>

#include "documents/letter_pdf.hpp"
#include "sample_letter.hpp"
#include "tool_runner.hpp"

namespace kulanz::documents {
namespace {

using base::ErrorCode;

base::Error render_error(const Letter& letter) {
  auto pdf = render_letter_pdf(letter);
  EXPECT_FALSE(pdf);
  if (pdf) return base::Error(ErrorCode::internal, "rendered although it should fail");
  return std::move(pdf).error();
}

TEST(LetterErrors, RecipientNeedsOneToSixLines) {
  Letter letter = test::sample_letter();
  letter.recipient_lines = {"1", "2", "3", "4", "5", "6", "7"};
  auto seven = render_error(letter);
  EXPECT_EQ(seven.code, ErrorCode::invalid_argument);
  EXPECT_EQ(seven.field, "recipient_lines");
  EXPECT_NE(seven.detail.find("6 lines"), std::string::npos) << seven.detail;
  letter.recipient_lines.clear();
  EXPECT_EQ(render_error(letter).field, "recipient_lines");
  letter.recipient_lines = {"1", "2", "3", "4", "5", "6"};
  EXPECT_TRUE(render_letter_pdf(letter));
}

TEST(LetterErrors, RecipientLineTooWideForTheWindow) {
  Letter letter = test::sample_letter();
  letter.recipient_lines[1] = "Jürgen Maximilian Müller-Lüdenscheidt-Wanne-Eickel von und zu Hohenstein";
  auto error = render_error(letter);
  EXPECT_EQ(error.code, ErrorCode::invalid_argument);
  EXPECT_EQ(error.field, "recipient_lines[1]");
  EXPECT_NE(error.detail.find("75 mm"), std::string::npos) << error.detail;
}

TEST(LetterErrors, LineBreaksAndInvalidUtf8) {
  Letter letter = test::sample_letter();
  letter.subject = "Zahlungs-\nerinnerung";
  EXPECT_EQ(render_error(letter).field, "subject");
  letter = test::sample_letter();
  letter.body = {"M\xFCller"};
  auto latin1 = render_error(letter);
  EXPECT_EQ(latin1.field, "body[0]");
  EXPECT_NE(latin1.detail.find("UTF-8"), std::string::npos);
}

TEST(LetterErrors, TableRowsMustMatchTheColumns) {
  Letter letter = test::sample_letter();
  letter.items.rows[1].pop_back();
  auto error = render_error(letter);
  EXPECT_EQ(error.code, ErrorCode::invalid_argument);
  EXPECT_EQ(error.field, "items.rows[1]");
  EXPECT_NE(error.detail.find("3 cells but the table has 4 columns"), std::string::npos) << error.detail;

  letter = test::sample_letter();
  letter.items.columns.resize(1);
  for (auto& row : letter.items.rows) row.resize(1);
  EXPECT_EQ(render_error(letter).field, "items.summary");
}

TEST(LetterErrors, PageLabelNeedsThePageNumber) {
  Letter letter = test::sample_letter();
  letter.page_label_format = "Seite";
  auto error = render_error(letter);
  EXPECT_EQ(error.field, "page_label_format");
  EXPECT_NE(error.detail.find("{page}"), std::string::npos);
}

TEST(LetterErrors, CreationDateMustBeIso8601) {
  Letter letter = test::sample_letter();
  for (const char* bad : {"01.03.2026", "2026-3-1", "2026-03-01 09:00", "2026-03-01T09:00:00+1"}) {
    letter.pdf_creation_date = bad;
    EXPECT_EQ(render_error(letter).field, "pdf_creation_date") << bad;
  }
  for (const char* good : {"2026-03-01", "2026-03-01T09:00:00", "2026-03-01T09:00:00Z", "2026-03-01T09:00:00+01:00"}) {
    letter.pdf_creation_date = good;
    EXPECT_TRUE(render_letter_pdf(letter)) << good;
  }
}

TEST(LetterErrors, MissingLogoNamesTheFile) {
  Letter letter = test::sample_letter();
  letter.creditor.logo_png_path = "/nonexistent/kulanz/logo.png";
  auto error = render_error(letter);
  EXPECT_EQ(error.code, ErrorCode::io_error);
  EXPECT_EQ(error.field, "creditor.logo_png_path");
  EXPECT_NE(error.detail.find("/nonexistent/kulanz/logo.png"), std::string::npos) << error.detail;
  EXPECT_NE(error.detail.find("does not exist"), std::string::npos) << error.detail;
}

TEST(LetterErrors, LogoThatIsNoPngNamesTheFile) {
  test::ScratchDir scratch;
  const auto fake = scratch.write("logo.png", "this is not a PNG image\n");
  Letter letter = test::sample_letter();
  letter.creditor.logo_png_path = fake.string();
  auto error = render_error(letter);
  EXPECT_EQ(error.code, ErrorCode::io_error);
  EXPECT_EQ(error.field, "creditor.logo_png_path");
  EXPECT_NE(error.detail.find(fake.string()), std::string::npos) << error.detail;
}

TEST(LetterErrors, OversizedGiroCodePayload) {
  Letter letter = test::sample_letter();
  letter.payment->epc_payload = std::string(3000, 'x');
  auto error = render_error(letter);
  EXPECT_EQ(error.code, ErrorCode::invalid_argument);
  EXPECT_EQ(error.field, "payment.epc_payload");
}

TEST(LetterErrors, EmptyPaymentBox) {
  Letter letter = test::sample_letter();
  letter.payment = PaymentBox{};
  EXPECT_EQ(render_error(letter).field, "payment");
  letter.payment.reset();
  EXPECT_TRUE(render_letter_pdf(letter));
}

TEST(LetterErrors, BatchNamesTheLetter) {
  Letter bad = test::sample_letter();
  bad.recipient_lines.clear();
  const std::vector<Letter> letters{test::sample_letter(), bad};
  std::vector<int> pages{7};
  auto pdf = render_letters_pdf(letters, &pages);
  ASSERT_FALSE(pdf);
  EXPECT_EQ(pdf.error().location, "letter 2");
  EXPECT_EQ(pdf.error().field, "recipient_lines");
  EXPECT_EQ(pages, std::vector<int>{7}) << "left untouched on failure";

  auto none = render_letters_pdf(std::span<const Letter>(), nullptr);
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().field, "letters");
}

}  // namespace
}  // namespace kulanz::documents
