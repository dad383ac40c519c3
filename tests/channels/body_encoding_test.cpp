// Quoted-printable and base64 bodies, byte for byte (RFC 2045 §6.7, §6.8).
#include "channels/body_encoding.hpp"

#include <gtest/gtest.h>

#include <string>

#include "test_support.hpp"

namespace kulanz::channels {
namespace {

TEST(QuotedPrintable, EncodesUmlautsAsUtf8Escapes) {
  EXPECT_EQ(encode_quoted_printable("Grüße aus München"), "Gr=C3=BC=C3=9Fe aus M=C3=BCnchen");
  EXPECT_EQ(encode_quoted_printable("1.234,56 €"), "1.234,56 =E2=82=AC");
}

TEST(QuotedPrintable, EncodesEqualsSignAndTrailingWhitespaceOnly) {
  EXPECT_EQ(encode_quoted_printable("a = b\t \r\nnext \nlast\t"), "a =3D b\t=20\r\nnext=20\r\nlast=09");
  EXPECT_EQ(encode_quoted_printable("Tab\tin the middle stays"), "Tab\tin the middle stays");
}

TEST(QuotedPrintable, KeepsLineBreaksOfTheTextAsCrlf) {
  EXPECT_EQ(encode_quoted_printable(""), "");
  EXPECT_EQ(encode_quoted_printable("abc\n"), "abc\r\n");
  EXPECT_EQ(encode_quoted_printable("abc\r\n\r\ndef"), "abc\r\n\r\ndef");
  EXPECT_EQ(encode_quoted_printable("one\ntwo\r\nthree"), "one\r\ntwo\r\nthree");
  EXPECT_EQ(encode_quoted_printable("lone\rcarriage return"), "lone=0Dcarriage return");
  EXPECT_EQ(encode_quoted_printable(".leading dot\n.\n"), ".leading dot\r\n.\r\n");
}

TEST(QuotedPrintable, SoftBreaksLongLinesAt76Characters) {
  EXPECT_EQ(encode_quoted_printable(std::string(76, 'x')), std::string(76, 'x'));
  EXPECT_EQ(encode_quoted_printable(std::string(77, 'x')), std::string(75, 'x') + "=\r\nxx");
  EXPECT_EQ(encode_quoted_printable(std::string(160, 'x')),
            std::string(75, 'x') + "=\r\n" + std::string(75, 'x') + "=\r\n" + std::string(10, 'x'));
}

TEST(QuotedPrintable, NeverCutsAnEscape) {
  // 74 + "=C3" would be 77 characters with the soft break: the escape moves to the next line.
  EXPECT_EQ(encode_quoted_printable(std::string(74, 'x') + "ü"), std::string(74, 'x') + "=\r\n=C3=BC");
  EXPECT_EQ(encode_quoted_printable(std::string(72, 'x') + "üü"), std::string(72, 'x') + "=C3=\r\n=BC=C3=BC");
}

TEST(QuotedPrintable, TrailingSpaceOfALongLineIsEncoded) {
  EXPECT_EQ(encode_quoted_printable(std::string(80, 'y') + " "), std::string(75, 'y') + "=\r\nyyyyy=20");
}

TEST(QuotedPrintable, AGermanLetterKeepsEveryLineWithinTheLimit) {
  std::string text;
  for (int i = 0; i < 40; ++i) {
    text += "Zeile " + std::to_string(i) + ": Für Rückfragen stehen wir Ihnen gern zur Verfügung – "
            "Ihr Forderungsmanagement, Straße der Einheit 12, 04109 Leipzig.  \n";
  }
  const std::string encoded = encode_quoted_printable(text);
  for (const auto& line : test::crlf_lines(encoded)) {
    EXPECT_LE(line.size(), kMaxBodyLine) << line;
    EXPECT_TRUE(line.empty() || (line.back() != ' ' && line.back() != '\t')) << line;
    for (char c : line) EXPECT_TRUE(c >= 32 && c <= 126) << line;
  }
  EXPECT_EQ(encoded.find('\n'), encoded.find("\r\n") + 1);
}

TEST(Base64Lines, EncodesThePaddingCases) {
  EXPECT_EQ(encode_base64_lines(""), "");
  EXPECT_EQ(encode_base64_lines("M"), "TQ==");
  EXPECT_EQ(encode_base64_lines("Ma"), "TWE=");
  EXPECT_EQ(encode_base64_lines("Man"), "TWFu");
  EXPECT_EQ(encode_base64_lines(std::string("\0\xFF\xFE", 3)), "AP/+");
}

TEST(Base64Lines, BreaksAfter76Characters) {
  std::string line;
  for (int i = 0; i < 19; ++i) line += "QUFB";
  EXPECT_EQ(encode_base64_lines(std::string(57, 'A')), line);
  EXPECT_EQ(encode_base64_lines(std::string(58, 'A')), line + "\r\nQQ==");
  EXPECT_EQ(encode_base64_lines(std::string(114, 'A')), line + "\r\n" + line);
}

}  // namespace
}  // namespace kulanz::channels
