// Creditor profiles: saved whole, read back byte for byte (umlauts, PNG bytes), replaced,
// and kept per creditor.
#include <string>

#include "store_fixture.hpp"

namespace kulanz::store_test {
namespace {

CreditorProfile sample_profile() {
  CreditorProfile p;
  p.legal_name = "Stadtwerke Süd GmbH";
  p.street = "Hauptstraße 1";
  p.postal_code = "80331";
  p.city = "München";
  p.phone = "+49 89 123456";
  p.email = "forderungen@stadtwerke-sued.example";
  p.reply_to = "service@stadtwerke-sued.example";
  p.website = "https://stadtwerke-sued.example";
  p.iban = "DE89370400440532013000";
  p.bic = "COBADEFFXXX";
  p.bank_name = "Commerzbank";
  p.register_entry = "Amtsgericht München, HRB 12345";
  p.vat_id = "DE123456789";
  p.management = "Geschäftsführung: Erika Beispiel";
  p.logo_png = std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  p.brand_color = "#006e4f";
  return p;
}

TEST_P(StoreTest, CreditorProfileIsSavedReadAndReplaced) {
  auto a = creditor("swb");
  auto b = creditor("other");
  auto none = store().creditor_profile(a.id);
  ASSERT_TRUE(none.has_value()) << none.error().to_string();
  EXPECT_FALSE(none->has_value());

  const CreditorProfile p = sample_profile();
  ASSERT_TRUE(store().save_creditor_profile(a.id, p).has_value());
  auto got = store().creditor_profile(a.id);
  ASSERT_TRUE(got.has_value() && got->has_value()) << (got ? "" : got.error().to_string());
  const CreditorProfile& r = **got;
  EXPECT_EQ(r.legal_name, p.legal_name);
  EXPECT_EQ(r.street, p.street);
  EXPECT_EQ(r.city, "München");
  EXPECT_EQ(r.iban, p.iban);
  EXPECT_EQ(r.bic, p.bic);
  EXPECT_EQ(r.register_entry, p.register_entry);
  EXPECT_EQ(r.management, p.management);
  EXPECT_EQ(r.logo_png, p.logo_png) << "PNG bytes, NUL bytes included, come back unchanged";
  EXPECT_EQ(r.brand_color, "#006e4f");
  EXPECT_FALSE(store().creditor_profile(b.id)->has_value()) << "another creditor has no profile";

  CreditorProfile changed = p;
  changed.city = "Augsburg";
  changed.logo_png.clear();
  ASSERT_TRUE(store().save_creditor_profile(a.id, changed).has_value());
  got = store().creditor_profile(a.id);
  ASSERT_TRUE(got.has_value() && got->has_value());
  EXPECT_EQ((*got)->city, "Augsburg");
  EXPECT_TRUE((*got)->logo_png.empty());

  auto missing = store().save_creditor_profile(CreditorId(999999), p);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, base::ErrorCode::db_constraint);
}

// A payment reference is reused for the same items and amount, new otherwise, and only
// readable by its creditor.
TEST_P(StoreTest, PaymentReferencesAreReusedForTheSameItemsAndAmount) {
  auto a = creditor("swb");
  auto b = creditor("other");
  auto k = customer(a.id, "K-1");
  auto i1 = invoice(a.id, k.id, "R-1", eur(1000), day("2026-02-01"));
  auto i2 = invoice(a.id, k.id, "R-2", eur(2000), day("2026-02-15"));
  ports::PaymentReference r;
  r.creditor_id = a.id;
  r.customer_id = k.id;
  r.invoice_ids = {i2.id, i1.id};
  r.amount_minor = 3000;
  r.currency = "EUR";
  r.created_unix = 100;
  ASSERT_TRUE(store().payment_reference_for(r).has_value());
  EXPECT_GT(r.id, 0);
  ports::PaymentReference same = r;
  same.id = 0;
  same.invoice_ids = {i1.id, i2.id};
  same.created_unix = 200;
  ASSERT_TRUE(store().payment_reference_for(same).has_value());
  EXPECT_EQ(same.id, r.id) << "the same items and amount keep their reference";
  EXPECT_EQ(same.created_unix, 100);
  ports::PaymentReference more = r;
  more.id = 0;
  more.amount_minor = 3250;  // a fee was added
  ASSERT_TRUE(store().payment_reference_for(more).has_value());
  EXPECT_NE(more.id, r.id);

  auto got = store().payment_reference(a.id, r.id);
  ASSERT_TRUE(got.has_value() && got->has_value());
  EXPECT_EQ((*got)->customer_id, k.id);
  EXPECT_EQ((*got)->invoice_ids, (std::vector<InvoiceId>{i1.id, i2.id}));
  EXPECT_EQ((*got)->amount_minor, 3000);
  EXPECT_FALSE(store().payment_reference(b.id, r.id)->has_value()) << "another creditor cannot read it";
}

// A creditor's own message texts are replaced as a set, listed by path and kept apart from
// other creditors'.
TEST_P(StoreTest, CreditorTemplatesAreReplacedAsASet) {
  auto a = creditor("swb");
  auto b = creditor("other");
  const std::vector<std::pair<std::string, std::string>> first = {
      {"de/friendly/first_reminder.letter.subject.mustache", "Kleine Erinnerung – {{item_numbers}}"},
      {"de/firm/first_reminder.email.text.mustache", ""}};
  ASSERT_TRUE(store().replace_creditor_templates(a.id, first, 100).has_value());
  auto got = store().creditor_templates(a.id);
  ASSERT_TRUE(got.has_value()) << got.error().to_string();
  ASSERT_EQ(got->size(), 2u);
  EXPECT_EQ((*got)[0].first, "de/firm/first_reminder.email.text.mustache") << "ascending by path";
  EXPECT_EQ((*got)[0].second, "");
  EXPECT_EQ((*got)[1].second, "Kleine Erinnerung – {{item_numbers}}");
  EXPECT_TRUE(store().creditor_templates(b.id)->empty());
  ASSERT_TRUE(store().replace_creditor_templates(a.id, {{"en/neutral/statement.sms.text.mustache", "x"}}, 200).has_value());
  got = store().creditor_templates(a.id);
  ASSERT_EQ(got->size(), 1u);
  EXPECT_EQ((*got)[0].first, "en/neutral/statement.sms.text.mustache");
}

}  // namespace
}  // namespace kulanz::store_test
