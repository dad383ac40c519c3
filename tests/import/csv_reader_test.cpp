#include "importers/csv_reader.hpp"

#include <gtest/gtest.h>

namespace kulanz::importers {
namespace {

std::vector<std::vector<std::string>> read_all(std::string_view text, char delim) {
  CsvReader reader(text, delim);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> fields;
  for (;;) {
    auto got = reader.next(fields);
    EXPECT_TRUE(got.has_value()) << (got ? "" : got.error().to_string());
    if (!got || !*got) break;
    rows.push_back(fields);
  }
  return rows;
}

TEST(CsvReader, SplitsSemicolonRowsWithCrLf) {
  auto rows = read_all("a;b;c\r\n1;2;3\r\n", ';');
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "2", "3"}));
}

TEST(CsvReader, QuotedFieldsHoldDelimitersDoubledQuotesAndNewlines) {
  auto rows = read_all("name;note\r\n\"Müller; Söhne\";\"sagt \"\"hallo\"\"\r\nzweite Zeile\"\r\n", ';');
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][0], "Müller; Söhne");
  EXPECT_EQ(rows[1][1], "sagt \"hallo\"\nzweite Zeile");  // CRLF inside quotes becomes LF
}

TEST(CsvReader, ReportsTheFirstLineOfEachRecord) {
  CsvReader reader("h\n\"a\nb\"\nc\n", ',');
  std::vector<std::string> f;
  ASSERT_TRUE(*reader.next(f));
  EXPECT_EQ(reader.line(), 1u);
  ASSERT_TRUE(*reader.next(f));
  EXPECT_EQ(reader.line(), 2u);
  ASSERT_TRUE(*reader.next(f));
  EXPECT_EQ(reader.line(), 4u);
  EXPECT_EQ(f[0], "c");
  EXPECT_FALSE(*reader.next(f));
}

TEST(CsvReader, EmptyFieldsAndBlankLines) {
  auto rows = read_all("a,b,c\n\n,,\n1,,3", ',');
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"", "", ""}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"1", "", "3"}));
}

TEST(CsvReader, LastRecordWithoutLineBreak) {
  auto rows = read_all("a\tb\n1\t2", '\t');
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][1], "2");
}

TEST(CsvReader, UnclosedQuoteIsAnErrorWithTheRecordLine) {
  CsvReader reader("a;b\n1;\"open\n2;3\n", ';');
  std::vector<std::string> f;
  ASSERT_TRUE(*reader.next(f));
  auto r = reader.next(f);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, base::ErrorCode::import_row_malformed);
  EXPECT_EQ(r.error().location, "2");
}

TEST(CsvReader, TextAfterClosingQuoteIsAnError) {
  CsvReader reader("\"a\"b;c\n", ';');
  std::vector<std::string> f;
  auto r = reader.next(f);
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().detail.find("doubled"), std::string::npos);
}

TEST(CsvReader, RawKeepsTheRecordAsWritten) {
  CsvReader reader("a;b\r\n\"x;y\";2\r\n", ';');
  std::vector<std::string> f;
  ASSERT_TRUE(*reader.next(f));
  ASSERT_TRUE(*reader.next(f));
  EXPECT_EQ(reader.raw(), "\"x;y\";2");
}

TEST(CsvReader, BoundsRecordSize) {
  std::string big = "a\n\"" + std::string(200, 'x') + "\"\n";
  CsvReader reader(big, ',', 100);
  std::vector<std::string> f;
  ASSERT_TRUE(*reader.next(f));
  EXPECT_FALSE(reader.next(f).has_value());
}

TEST(DetectDelimiter, PicksTheMostFrequentOutsideQuotes) {
  EXPECT_EQ(detect_delimiter("Kundennummer;Name;Betrag\n1;2;3"), ';');
  EXPECT_EQ(detect_delimiter("external_id,name,amount\n"), ',');
  EXPECT_EQ(detect_delimiter("a\tb\tc\n"), '\t');
  EXPECT_EQ(detect_delimiter("\"a,b,c\";d;e\n"), ';');
  EXPECT_EQ(detect_delimiter("single\n"), ';');
}

TEST(ParseDelimiter, NamesAndCharacters) {
  EXPECT_EQ(*parse_delimiter("tab"), '\t');
  EXPECT_EQ(*parse_delimiter(";"), ';');
  EXPECT_EQ(*parse_delimiter("comma"), ',');
  EXPECT_EQ(*parse_delimiter("auto"), '\0');
  EXPECT_FALSE(parse_delimiter("x").has_value());
}

}  // namespace
}  // namespace kulanz::importers

namespace kulanz::importers {
namespace {
TEST(CsvQuote, QuotesOnlyWhenNeededAndDoublesQuotes) {
  EXPECT_EQ(csv_quote("Müller", ';'), "Müller");
  EXPECT_EQ(csv_quote("a;b", ';'), "\"a;b\"");
  EXPECT_EQ(csv_quote("a;b", ','), "a;b");
  EXPECT_EQ(csv_quote("Firma \"Nord\"", ';'), "\"Firma \"\"Nord\"\"\"");
  EXPECT_EQ(csv_quote("Zeile 1\r\nZeile 2", ';'), "\"Zeile 1\r\nZeile 2\"");
  EXPECT_EQ(csv_quote("", ';'), "");
}
}  // namespace
}  // namespace kulanz::importers
