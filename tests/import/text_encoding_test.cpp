#include "importers/text_encoding.hpp"

#include <gtest/gtest.h>

namespace kulanz::importers {
namespace {

TEST(DecodeText, Cp1252UmlautsBecomeUtf8) {
  // "Müller Straße € – Öl" in Windows-1252
  std::string bytes = "M\xFCller Stra\xDF" "e \x80 \x96 \xD6l";
  auto d = decode_text(bytes, Encoding::auto_detect, "f.csv");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->detected, Encoding::windows_1252);
  EXPECT_EQ(d->text, "Müller Straße € – Öl");
}

TEST(DecodeText, ValidUtf8StaysAsIs) {
  auto d = decode_text("Größe;Köln", Encoding::auto_detect, "f.csv");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->detected, Encoding::utf8);
  EXPECT_EQ(d->text, "Größe;Köln");
}

TEST(DecodeText, BomIsRemoved) {
  auto d = decode_text("\xEF\xBB\xBFKundennummer;Name", Encoding::auto_detect, "f.csv");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->detected, Encoding::utf8);
  EXPECT_EQ(d->text, "Kundennummer;Name");
}

TEST(DecodeText, ForcedUtf8OnInvalidBytesNamesLineAndByte) {
  auto d = decode_text("a;b\nK\xF6ln;1\n", Encoding::utf8, "kunden.csv");
  ASSERT_FALSE(d.has_value());
  EXPECT_EQ(d.error().code, base::ErrorCode::import_encoding);
  EXPECT_EQ(d.error().location, "kunden.csv:2");
  EXPECT_NE(d.error().detail.find("byte 6"), std::string::npos);
}

TEST(DecodeText, TruncatedUtf8SequenceIsDetectedAsNotUtf8) {
  auto d = decode_text("abc\xC3", Encoding::auto_detect, "f.csv");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->detected, Encoding::windows_1252);
  EXPECT_EQ(d->text, "abcÃ");
}

TEST(DecodeText, Latin1MapsBytesToCodePoints) {
  auto d = decode_text("\x80\xE4", Encoding::latin_1, "f.csv");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->text, "\xC2\x80\xC3\xA4");
}

TEST(ParseEncoding, AcceptsCommonSpellings) {
  EXPECT_EQ(*parse_encoding("UTF8"), Encoding::utf8);
  EXPECT_EQ(*parse_encoding("cp1252"), Encoding::windows_1252);
  EXPECT_EQ(*parse_encoding("ISO-8859-1"), Encoding::latin_1);
  EXPECT_FALSE(parse_encoding("ebcdic").has_value());
}

}  // namespace
}  // namespace kulanz::importers
