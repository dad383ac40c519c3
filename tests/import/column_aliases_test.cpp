#include "importers/column_aliases.hpp"

#include <gtest/gtest.h>

namespace kulanz::importers {
namespace {

TEST(NormalizeColumnName, FoldsCaseUmlautsAndPunctuation) {
  EXPECT_EQ(normalize_column_name("Fälligkeits-Datum"), "faelligkeitsdatum");
  EXPECT_EQ(normalize_column_name("Skonto %"), "skontoprozent");
  EXPECT_EQ(normalize_column_name("STRASSE"), "strasse");
  EXPECT_EQ(normalize_column_name("Straße"), "strasse");
  EXPECT_EQ(normalize_column_name("E-Mail"), "email");
  EXPECT_EQ(normalize_column_name("customer_external_id"), "customerexternalid");
}

TEST(CanonicalColumn, GermanErpAliases) {
  using K = RecordKind;
  EXPECT_EQ(canonical_column(K::invoice, "Kundennummer"), "customer_external_id");
  EXPECT_EQ(canonical_column(K::customer, "Kundennummer"), "external_id");
  EXPECT_EQ(canonical_column(K::invoice, "Rechnungsnummer"), "number");
  EXPECT_EQ(canonical_column(K::invoice, "Rechnungsdatum"), "issue_date");
  EXPECT_EQ(canonical_column(K::invoice, "Fälligkeit"), "due_date");
  EXPECT_EQ(canonical_column(K::invoice, "Faelligkeit"), "due_date");
  EXPECT_EQ(canonical_column(K::invoice, "fällig am"), "due_date");
  EXPECT_EQ(canonical_column(K::invoice, "Bruttobetrag"), "amount");
  EXPECT_EQ(canonical_column(K::invoice, "WÄHRUNG"), "currency");
  EXPECT_EQ(canonical_column(K::invoice, "Skonto %"), "skonto_percent");
  EXPECT_EQ(canonical_column(K::invoice, "Skontotage"), "skonto_days");
  EXPECT_EQ(canonical_column(K::credit_note, "Gutschriftsnummer"), "number");
  EXPECT_EQ(canonical_column(K::credit_note, "Rechnungsnummer"), "invoice_external_id");
  EXPECT_EQ(canonical_column(K::payment, "Valuta"), "value_date");
  EXPECT_EQ(canonical_column(K::payment, "Zahlungsdatum"), "value_date");
  EXPECT_EQ(canonical_column(K::payment, "Verwendungszweck"), "reference");
  EXPECT_EQ(canonical_column(K::customer, "PLZ"), "postal_code");
  EXPECT_EQ(canonical_column(K::customer, "Ort"), "city");
  EXPECT_EQ(canonical_column(K::customer, "Straße"), "street");
  EXPECT_EQ(canonical_column(K::customer, "Bundesland"), "state");
  EXPECT_EQ(canonical_column(K::customer, "E-Mail"), "email");
  EXPECT_EQ(canonical_column(K::customer, "Telefon"), "phone");
  EXPECT_EQ(canonical_column(K::customer, "Sprache"), "language");
  EXPECT_EQ(canonical_column(K::customer, "Geburtsdatum"), "birth_date");
  EXPECT_EQ(canonical_column(K::customer, "Name/Firma"), "name");
  EXPECT_FALSE(canonical_column(K::invoice, "Lieblingsfarbe").has_value());
}

TEST(MapColumns, UnknownColumnIsAnErrorWithHint) {
  auto m = map_columns(RecordKind::invoice,
                       {"Rechnungsnummer", "Kundennummer", "Rechnungsdatum", "Fälligkeit", "Rechnungsbetrg"});
  ASSERT_FALSE(m.ok());
  bool found = false;
  for (const auto& e : m.errors) {
    if (e.code != base::ErrorCode::import_column_unknown) continue;
    found = true;
    EXPECT_EQ(e.field, "Rechnungsbetrg");
    EXPECT_NE(e.detail.find("did you mean 'rechnungsbetrag' (amount)"), std::string::npos) << e.detail;
    EXPECT_NE(e.detail.find("customer_external_id"), std::string::npos);
  }
  EXPECT_TRUE(found);
  // amount is then missing as well
  bool missing = false;
  for (const auto& e : m.errors) missing |= e.code == base::ErrorCode::import_column_missing && e.field == "amount";
  EXPECT_TRUE(missing);
}

TEST(MapColumns, DuplicateMeaningIsAnError) {
  auto m = map_columns(RecordKind::invoice, {"Betrag", "Bruttobetrag", "Rechnungsnummer", "Kundennummer",
                                             "Rechnungsdatum", "Fälligkeit"});
  ASSERT_EQ(m.errors.size(), 1u);
  EXPECT_EQ(m.errors[0].code, base::ErrorCode::import_column_duplicate);
}

TEST(MapColumns, NumberAloneIsEnoughForInvoices) {
  auto m = map_columns(RecordKind::invoice, {"Rechnungsnummer", "Kundennummer", "Rechnungsdatum", "Fälligkeit", "Betrag"});
  EXPECT_TRUE(m.ok());
  EXPECT_EQ(m.canonical[3], "due_date");
  EXPECT_EQ(m.header_for("due_date"), "Fälligkeit");
}

TEST(MapColumns, ExportedOpenAmountIsIgnored) {
  auto m = map_columns(RecordKind::invoice, {"external_id", "customer_external_id", "issue_date", "due_date", "amount",
                                             "open_amount"});
  EXPECT_TRUE(m.ok());
  ASSERT_EQ(m.ignored_columns.size(), 1u);
  EXPECT_EQ(m.canonical[5], "");
}

}  // namespace
}  // namespace kulanz::importers
