#include "importers/record_source.hpp"

#include <gtest/gtest.h>

namespace kulanz::importers {
namespace {

TEST(CsvRecordSource, MapsGermanHeaderAndLocatesRows) {
  std::string text =
      "Rechnungsnummer;Kundennummer;Rechnungsdatum;Fälligkeit;Betrag\r\n"
      "R-1;K-1;01.03.2026;31.03.2026;1.234,56\r\n"
      "\"R-2\";K-2;01.03.2026;31.03.2026;\"99,00\"\r\n";
  std::vector<base::Error> header_errors;
  auto src = CsvRecordSource::open(text, "rechnungen.csv", RecordKind::invoice, {}, header_errors);
  ASSERT_TRUE(src.has_value()) << (header_errors.empty() ? "" : header_errors[0].to_string());
  EXPECT_EQ((*src)->delimiter(), ';');
  RawRecord r;
  ASSERT_TRUE(*(*src)->next(r));
  EXPECT_EQ(r.location, "rechnungen.csv:2");
  EXPECT_EQ(r.get("number"), "R-1");
  EXPECT_EQ(r.get("amount"), "1.234,56");
  EXPECT_EQ((*src)->column_label("due_date"), "Fälligkeit");
  ASSERT_TRUE(*(*src)->next(r));
  EXPECT_EQ(r.location, "rechnungen.csv:3");
  EXPECT_EQ(r.get("number"), "R-2");
  EXPECT_FALSE(*(*src)->next(r));
  (*src)->rewind();
  ASSERT_TRUE(*(*src)->next(r));
  EXPECT_EQ(r.get("number"), "R-1");
  EXPECT_EQ((*src)->sample_column("amount", 10), (std::vector<std::string>{"1.234,56", "99,00"}));
}

TEST(CsvRecordSource, HeaderErrorsAreAllReportedOnLineOne) {
  std::vector<base::Error> errors;
  auto src = CsvRecordSource::open("Kundennummer,Nmae,Farbe\n1,2,3\n", "k.csv", RecordKind::customer, {}, errors);
  ASSERT_FALSE(src.has_value());
  ASSERT_GE(errors.size(), 3u);  // two unknown columns + name missing
  for (const auto& e : errors) EXPECT_EQ(e.location, "k.csv:1");
  EXPECT_NE(errors[0].detail.find("did you mean 'name'"), std::string::npos) << errors[0].detail;
}

TEST(CsvRecordSource, WrongFieldCountMakesTheRecordInvalid) {
  std::vector<base::Error> errors;
  auto src = CsvRecordSource::open("external_id;name\nK1;A;extra\nK2;B\n", "k.csv", RecordKind::customer, {}, errors);
  ASSERT_TRUE(src.has_value());
  RawRecord r;
  ASSERT_TRUE(*(*src)->next(r));
  ASSERT_TRUE((*src)->record_error().has_value());
  EXPECT_EQ((*src)->record_error()->location, "k.csv:2");
  ASSERT_TRUE(*(*src)->next(r));
  EXPECT_FALSE((*src)->record_error().has_value());
}

TEST(CsvRecordSource, ExplicitDelimiterWins) {
  std::vector<base::Error> errors;
  auto src = CsvRecordSource::open("external_id\tname\nK1\tA, B\n", "k.tsv", RecordKind::customer, {'\t'}, errors);
  ASSERT_TRUE(src.has_value());
  RawRecord r;
  ASSERT_TRUE(*(*src)->next(r));
  EXPECT_EQ(r.get("name"), "A, B");
}

TEST(JsonLinesRecordSource, ObjectsPerLineWithBlankLines) {
  std::string text = "{\"external_id\":\"P1\",\"amount\":12.30}\r\n\n[1]\n{\"external_id\":\"P2\",\"colour\":\"red\"}\n";
  JsonLinesRecordSource src(text, "p.jsonl", RecordKind::payment);
  RawRecord r;
  ASSERT_TRUE(*src.next(r));
  EXPECT_FALSE(src.record_error().has_value());
  EXPECT_EQ(r.location, "p.jsonl:1");
  EXPECT_EQ(r.get("amount"), "12.30");
  ASSERT_TRUE(*src.next(r));
  ASSERT_TRUE(src.record_error().has_value());
  EXPECT_EQ(src.record_error()->location, "p.jsonl:3");
  ASSERT_TRUE(*src.next(r));
  ASSERT_TRUE(src.record_error().has_value());
  EXPECT_EQ(src.record_error()->code, base::ErrorCode::import_column_unknown);
  EXPECT_NE(src.record_error()->detail.find("'colour'"), std::string::npos);
  EXPECT_FALSE(*src.next(r));
}

TEST(FileFormat, FromPath) {
  EXPECT_EQ(*format_from_path("a/b/rechnungen.CSV"), FileFormat::csv);
  EXPECT_EQ(*format_from_path("x.jsonl"), FileFormat::jsonl);
  EXPECT_FALSE(format_from_path("x.xlsx").has_value());
  EXPECT_FALSE(format_from_path("dir.d/file").has_value());
}

}  // namespace
}  // namespace kulanz::importers
