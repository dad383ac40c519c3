// Creditors and the upserts of customers, invoices, credit notes and payments.
#include <limits>

#include "store_fixture.hpp"

namespace kulanz::store_test {
namespace {

using base::ErrorCode;

TEST_P(StoreTest, CreditorsByCodeAndIdAndDuplicateCode) {
  auto a = creditor("swb", "Stadtwerke Bärstadt");
  auto b = creditor("kbx", "Kabel Beispiel");
  EXPECT_TRUE(a.id.valid());
  EXPECT_NE(a.id, b.id);
  auto by_code = store().find_creditor("swb");
  ASSERT_TRUE(by_code.has_value());
  ASSERT_TRUE(by_code->has_value());
  EXPECT_EQ((*by_code)->id, a.id);
  EXPECT_EQ((*by_code)->name, "Stadtwerke Bärstadt");
  EXPECT_EQ((*by_code)->currency, money::Currency::eur());
  auto by_id = store().find_creditor(std::to_string(b.id.value));
  ASSERT_TRUE(by_id.has_value() && by_id->has_value());
  EXPECT_EQ((*by_id)->code, "kbx");
  auto none = store().find_creditor("nope");
  ASSERT_TRUE(none.has_value());
  EXPECT_FALSE(none->has_value());
  auto all = store().list_creditors();
  ASSERT_TRUE(all.has_value());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].code, "swb");
  Creditor dup;
  dup.code = "swb";
  dup.name = "Noch einmal";
  auto again = store().create_creditor(dup);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::db_constraint);
  EXPECT_NE(again.error().detail.find("'swb' exists already"), std::string::npos) << again.error().detail;
}

Customer full_customer() {
  Customer c;
  c.external_id = "K-Ä1";
  c.name = "Jürgen Größe – Müller & Söhne \"Bäckerei\" 😀";
  c.type = CustomerType::business;
  c.language = Language::en;
  c.time_zone = "Europe/Vienna";
  c.country = "AT";
  c.state = "";
  c.postal_code = "1010";
  c.city = "Wien";
  c.street = "Stephansplatz 1\\2";
  c.birth_date = day("1970-02-28");
  c.key_account = true;
  c.also_supplier = true;
  c.risk_score = 73;
  c.customer_since = day("2001-09-01");
  c.lifetime_revenue_minor = 1234567;
  c.contacts = {{Channel::email, "jürgen@bäckerei.example", true, false},
                {Channel::sms, "+436641234567", false, true},
                {Channel::letter, "", true, false},
                {Channel::phone, "line\n\"two\"\t\\", false, false}};
  return c;
}

void expect_same_customer(const Customer& a, const Customer& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.creditor_id, b.creditor_id);
  EXPECT_EQ(a.external_id, b.external_id);
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.type, b.type);
  EXPECT_EQ(a.language, b.language);
  EXPECT_EQ(a.time_zone, b.time_zone);
  EXPECT_EQ(a.country, b.country);
  EXPECT_EQ(a.state, b.state);
  EXPECT_EQ(a.postal_code, b.postal_code);
  EXPECT_EQ(a.city, b.city);
  EXPECT_EQ(a.street, b.street);
  EXPECT_EQ(a.birth_date, b.birth_date);
  EXPECT_EQ(a.key_account, b.key_account);
  EXPECT_EQ(a.also_supplier, b.also_supplier);
  EXPECT_EQ(a.risk_score, b.risk_score);
  EXPECT_EQ(a.customer_since, b.customer_since);
  EXPECT_EQ(a.lifetime_revenue_minor, b.lifetime_revenue_minor);
  ASSERT_EQ(a.contacts.size(), b.contacts.size());
  for (std::size_t k = 0; k < a.contacts.size(); ++k) {
    EXPECT_EQ(a.contacts[k].channel, b.contacts[k].channel) << k;
    EXPECT_EQ(a.contacts[k].address, b.contacts[k].address) << k;
    EXPECT_EQ(a.contacts[k].consent, b.contacts[k].consent) << k;
    EXPECT_EQ(a.contacts[k].invalid, b.contacts[k].invalid) << k;
  }
}

TEST_P(StoreTest, CustomerUpsertInsertsUpdatesAndKeepsUnchanged) {
  auto c = creditor("swb");
  Customer cu = full_customer();
  auto r1 = store().upsert_customer(c.id, cu);
  ASSERT_TRUE(r1.has_value()) << r1.error().to_string();
  EXPECT_EQ(*r1, UpsertOutcome::inserted);
  EXPECT_TRUE(cu.id.valid());
  EXPECT_EQ(cu.creditor_id, c.id);

  auto loaded = store().customer_by_external_id(c.id, "K-Ä1");
  ASSERT_TRUE(loaded.has_value() && loaded->has_value());
  expect_same_customer(**loaded, cu);
  auto by_id = store().customer_by_id(c.id, cu.id);
  ASSERT_TRUE(by_id.has_value() && by_id->has_value());
  expect_same_customer(**by_id, cu);

  Customer same = full_customer();
  auto r2 = store().upsert_customer(c.id, same);
  ASSERT_TRUE(r2.has_value());
  EXPECT_EQ(*r2, UpsertOutcome::unchanged);
  EXPECT_EQ(same.id, cu.id);

  // Every field on its own makes a change.
  std::vector<std::function<void(Customer&)>> changes = {
      [](Customer& x) { x.name += "."; },
      [](Customer& x) { x.type = CustomerType::consumer; },
      [](Customer& x) { x.language = Language::de; },
      [](Customer& x) { x.time_zone = "Europe/Berlin"; },
      [](Customer& x) { x.country = "DE"; },
      [](Customer& x) { x.state = "BY"; },
      [](Customer& x) { x.postal_code = "80331"; },
      [](Customer& x) { x.city = "München"; },
      [](Customer& x) { x.street = "Marienplatz 8"; },
      [](Customer& x) { x.birth_date.reset(); },
      [](Customer& x) { x.key_account = false; },
      [](Customer& x) { x.also_supplier = false; },
      [](Customer& x) { x.risk_score.reset(); },
      [](Customer& x) { x.customer_since = day("2001-09-02"); },
      [](Customer& x) { x.lifetime_revenue_minor = -1; },
      [](Customer& x) { x.contacts[0].consent = false; },
      [](Customer& x) { x.contacts[0].invalid = true; },
      [](Customer& x) { x.contacts[3].address = "+49301234"; },
      [](Customer& x) { x.contacts.pop_back(); },
  };
  Customer current = full_customer();
  for (std::size_t k = 0; k < changes.size(); ++k) {
    Customer next = current;
    changes[k](next);
    auto r = store().upsert_customer(c.id, next);
    ASSERT_TRUE(r.has_value()) << r.error().to_string();
    EXPECT_EQ(*r, UpsertOutcome::updated) << "change " << k;
    EXPECT_EQ(next.id, cu.id);
    auto stored = store().customer_by_id(c.id, cu.id);
    ASSERT_TRUE(stored.has_value() && stored->has_value());
    expect_same_customer(**stored, next);
    auto again = store().upsert_customer(c.id, next);
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(*again, UpsertOutcome::unchanged) << "change " << k;
    current = next;
  }
  auto ids = store().customer_ids(c.id);
  ASSERT_TRUE(ids.has_value());
  ASSERT_EQ(ids->size(), 1u);
  EXPECT_EQ(ids->at("K-Ä1"), cu.id);
}

TEST_P(StoreTest, CustomerUpsertKeepsTheInvalidMarkOfAnUnchangedAddress) {
  auto c = creditor("swb");
  Customer cu = full_customer();
  ASSERT_TRUE(store().upsert_customer(c.id, cu).has_value());
  // A re-import knows nothing of the bounce: the same number comes without the mark.
  Customer again = full_customer();
  again.contacts[1].invalid = false;
  auto r = store().upsert_customer(c.id, again);
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
  EXPECT_EQ(*r, UpsertOutcome::unchanged);
  auto stored = store().customer_by_id(c.id, cu.id);
  ASSERT_TRUE(stored.has_value() && stored->has_value());
  EXPECT_TRUE((*stored)->contacts[1].invalid);
  EXPECT_EQ((*stored)->contacts[1].address, "+436641234567");

  // The same import with another change keeps it too.
  again.name = "Bäckerei Jürgen Müller GmbH & Co. KG";
  r = store().upsert_customer(c.id, again);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, UpsertOutcome::updated);
  stored = store().customer_by_id(c.id, cu.id);
  ASSERT_TRUE(stored.has_value() && stored->has_value());
  EXPECT_TRUE((*stored)->contacts[1].invalid);
  EXPECT_EQ((*stored)->name, again.name);

  EXPECT_TRUE(again.contacts[1].invalid) << "the caller's record shows what was stored";

  // A new number comes without the mark.
  again.contacts[1].address = "+436649876543";
  again.contacts[1].invalid = false;
  r = store().upsert_customer(c.id, again);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, UpsertOutcome::updated);
  stored = store().customer_by_id(c.id, cu.id);
  ASSERT_TRUE(stored.has_value() && stored->has_value());
  EXPECT_FALSE((*stored)->contacts[1].invalid);
  EXPECT_EQ((*stored)->contacts[1].address, "+436649876543");
}

TEST_P(StoreTest, InvoiceUpsertInsertsUpdatesAndKeepsUnchanged) {
  auto c = creditor("swb");
  auto k1 = customer(c.id, "K-1");
  auto k2 = customer(c.id, "K-2");
  Invoice i;
  i.customer_id = k1.id;
  i.external_id = "R-2026-001";
  i.number = "2026-001";
  i.kind = ItemKind::fee;
  i.issue_date = day("2026-01-10");
  i.due_date = day("2026-02-09");
  i.amount = eur(119000);
  i.skonto_basis_points = 200;
  i.skonto_days = 10;
  auto r1 = store().upsert_invoice(c.id, i);
  ASSERT_TRUE(r1.has_value()) << r1.error().to_string();
  EXPECT_EQ(*r1, UpsertOutcome::inserted);
  EXPECT_TRUE(i.id.valid());
  EXPECT_EQ(i.open, i.amount);

  auto loaded = store().invoice_by_external_id(c.id, "R-2026-001");
  ASSERT_TRUE(loaded.has_value() && loaded->has_value());
  const Invoice& l = **loaded;
  EXPECT_EQ(l.id, i.id);
  EXPECT_EQ(l.creditor_id, c.id);
  EXPECT_EQ(l.customer_id, k1.id);
  EXPECT_EQ(l.number, "2026-001");
  EXPECT_EQ(l.kind, ItemKind::fee);
  EXPECT_EQ(l.issue_date, day("2026-01-10"));
  EXPECT_EQ(l.due_date, day("2026-02-09"));
  EXPECT_EQ(l.amount, eur(119000));
  EXPECT_EQ(l.skonto_basis_points, 200);
  EXPECT_EQ(l.skonto_days, 10);
  EXPECT_EQ(l.open, eur(119000));

  Invoice same = i;
  same.id = InvoiceId();
  auto r2 = store().upsert_invoice(c.id, same);
  ASSERT_TRUE(r2.has_value());
  EXPECT_EQ(*r2, UpsertOutcome::unchanged);
  EXPECT_EQ(same.id, i.id);

  std::vector<std::function<void(Invoice&)>> changes = {
      [](Invoice& x) { x.number = "2026-001a"; },
      [](Invoice& x) { x.kind = ItemKind::interest; },
      [](Invoice& x) { x.issue_date = day("2026-01-11"); },
      [](Invoice& x) { x.due_date = day("2026-02-10"); },
      [](Invoice& x) { x.amount = eur(119001); },
      [](Invoice& x) { x.skonto_basis_points = 300; },
      [](Invoice& x) { x.skonto_days = 14; },
      [&](Invoice& x) { x.customer_id = k2.id; },
  };
  Invoice current = i;
  for (std::size_t k = 0; k < changes.size(); ++k) {
    Invoice next = current;
    changes[k](next);
    auto r = store().upsert_invoice(c.id, next);
    ASSERT_TRUE(r.has_value()) << r.error().to_string();
    EXPECT_EQ(*r, UpsertOutcome::updated) << "change " << k;
    auto again = store().upsert_invoice(c.id, next);
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(*again, UpsertOutcome::unchanged) << "change " << k;
    current = next;
  }
  auto stored = store().invoice_by_external_id(c.id, "R-2026-001");
  ASSERT_TRUE(stored.has_value() && stored->has_value());
  EXPECT_EQ((*stored)->customer_id, k2.id);
  EXPECT_EQ((*stored)->amount, eur(119001));
  EXPECT_EQ((*stored)->open, eur(119001));
  auto ids = store().invoice_ids(c.id);
  ASSERT_TRUE(ids.has_value());
  EXPECT_EQ(ids->size(), 1u);
  EXPECT_EQ(ids->at("R-2026-001"), i.id);
}

TEST_P(StoreTest, BatchInvoiceUpsertMatchesSingleUpserts) {
  auto c = creditor("swb");
  auto k1 = customer(c.id, "K-1");
  auto k2 = customer(c.id, "K-2");
  invoice(c.id, k1.id, "R-5", eur(500), day("2026-03-01"));   // exists, will be unchanged
  invoice(c.id, k1.id, "R-70", eur(700), day("2026-03-01"));  // exists, will change
  // Two full chunks of SQLite's multi-row INSERT (1024 rows; PostgreSQL's: 64) and a
  // tail: a chunk with existing and repeated ids, a chunk of new rows, single rows.
  std::vector<Invoice> batch;
  for (int n = 0; n < 2100; ++n) {
    Invoice i;
    i.customer_id = n % 2 ? k1.id : k2.id;
    i.external_id = "R-" + std::to_string(n);
    i.number = "RE-R-" + std::to_string(n);
    i.issue_date = day("2026-01-05");
    i.due_date = day("2026-03-01");
    i.amount = eur(100 * n);
    batch.push_back(i);
  }
  batch[5].customer_id = k1.id;
  batch[5].amount = eur(500);
  batch[70].customer_id = k1.id;
  batch[70].amount = eur(701);
  // The same external id twice in one chunk: the second is an update of the first.
  batch[20].external_id = "R-DUP";
  batch[21].external_id = "R-DUP";
  batch[21].number = "RE-DUP-2";
  auto r = store().upsert_invoices(c.id, batch);
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
  ASSERT_EQ(r->size(), batch.size());
  for (std::size_t n = 0; n < batch.size(); ++n) {
    UpsertOutcome want = n == 5 ? UpsertOutcome::unchanged : (n == 70 || n == 21) ? UpsertOutcome::updated : UpsertOutcome::inserted;
    EXPECT_EQ((*r)[n], want) << n;
    EXPECT_TRUE(batch[n].id.valid()) << n;
    auto stored = store().invoice_by_external_id(c.id, batch[n].external_id);
    ASSERT_TRUE(stored.has_value() && stored->has_value()) << n;
    if (n != 20) {
      EXPECT_EQ((*stored)->id, batch[n].id) << n;
      EXPECT_EQ((*stored)->amount, batch[n].amount) << n;
      EXPECT_EQ((*stored)->number, batch[n].number) << n;
      EXPECT_EQ((*stored)->customer_id, batch[n].customer_id) << n;
      EXPECT_EQ(batch[n].open, batch[n].amount) << n;
    }
  }
  EXPECT_EQ(batch[20].id, batch[21].id);
  auto again = store().upsert_invoices(c.id, batch);
  ASSERT_TRUE(again.has_value());
  for (std::size_t n = 0; n < batch.size(); ++n) {
    // The two R-DUP rows keep overwriting each other's number, as single upserts would.
    EXPECT_EQ((*again)[n], n == 20 || n == 21 ? UpsertOutcome::updated : UpsertOutcome::unchanged) << n;
  }
  auto ids = store().invoice_ids(c.id);
  ASSERT_TRUE(ids.has_value());
  EXPECT_EQ(ids->size(), 2099u);
}

TEST_P(StoreTest, BatchInvoiceUpsertRefusesAForeignCustomer) {
  auto a = creditor("aaa");
  auto b = creditor("bbb");
  auto ka = customer(a.id, "K-A");
  auto kb = customer(b.id, "K-B");
  std::vector<Invoice> batch;
  for (int n = 0; n < 1100; ++n) {  // a full chunk of the multi-row INSERT for both databases
    Invoice i;
    i.customer_id = n == 33 ? ka.id : kb.id;
    i.external_id = "R-" + std::to_string(n);
    i.amount = eur(1);
    batch.push_back(i);
  }
  ASSERT_TRUE(store().begin().has_value());
  auto r = store().upsert_invoices(b.id, batch);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::db_constraint);
  if (GetParam() == Backend::sqlite) {
    EXPECT_NE(r.error().detail.find("invoice 'R-33'"), std::string::npos) << r.error().detail;
  } else {
    EXPECT_NE(r.error().detail.find("invoices 'R-0' to 'R-63'"), std::string::npos) << r.error().detail;
  }
  ASSERT_TRUE(store().rollback().has_value());
  EXPECT_TRUE(store().invoice_ids(b.id)->empty());
}

TEST_P(StoreTest, CreditNoteUpsertWithAndWithoutInvoice) {
  auto c = creditor("swb");
  auto k = customer(c.id, "K-1");
  auto inv = invoice(c.id, k.id, "R-1", eur(10000), day("2026-03-01"));
  CreditNote n;
  n.customer_id = k.id;
  n.external_id = "G-1";
  n.number = "GS-1";
  n.issue_date = day("2026-02-01");
  n.amount = eur(2500);
  n.invoice_id = inv.id;
  auto r1 = store().upsert_credit_note(c.id, n);
  ASSERT_TRUE(r1.has_value()) << r1.error().to_string();
  EXPECT_EQ(*r1, UpsertOutcome::inserted);
  EXPECT_EQ(n.unallocated, eur(2500));
  auto loaded = store().credit_note_by_external_id(c.id, "G-1");
  ASSERT_TRUE(loaded.has_value() && loaded->has_value());
  EXPECT_EQ((*loaded)->invoice_id, std::optional<InvoiceId>(inv.id));
  EXPECT_EQ((*loaded)->amount, eur(2500));
  EXPECT_EQ((*loaded)->unallocated, eur(2500));
  EXPECT_EQ((*loaded)->number, "GS-1");
  EXPECT_EQ((*loaded)->issue_date, day("2026-02-01"));

  CreditNote same = n;
  auto r2 = store().upsert_credit_note(c.id, same);
  ASSERT_TRUE(r2.has_value());
  EXPECT_EQ(*r2, UpsertOutcome::unchanged);
  n.invoice_id.reset();
  auto r3 = store().upsert_credit_note(c.id, n);
  ASSERT_TRUE(r3.has_value());
  EXPECT_EQ(*r3, UpsertOutcome::updated);
  loaded = store().credit_note_by_external_id(c.id, "G-1");
  ASSERT_TRUE(loaded.has_value() && loaded->has_value());
  EXPECT_FALSE((*loaded)->invoice_id.has_value());
  n.number = "GS-1b";
  auto r4 = store().upsert_credit_note(c.id, n);
  ASSERT_TRUE(r4.has_value());
  EXPECT_EQ(*r4, UpsertOutcome::updated);
}

TEST_P(StoreTest, PaymentUpsertInsertsUpdatesAndKeepsUnchanged) {
  auto c = creditor("swb");
  auto k = customer(c.id, "K-1");
  Payment p = payment(c.id, k.id, "Z-1", eur(4711), day("2026-03-15"));
  EXPECT_TRUE(p.id.valid());
  EXPECT_EQ(p.unallocated, eur(4711));
  auto loaded = store().payment_by_external_id(c.id, "Z-1");
  ASSERT_TRUE(loaded.has_value() && loaded->has_value());
  EXPECT_EQ((*loaded)->reference, "Zahlung Z-1");
  EXPECT_EQ((*loaded)->value_date, day("2026-03-15"));
  EXPECT_EQ((*loaded)->amount, eur(4711));
  Payment same = p;
  auto r = store().upsert_payment(c.id, same);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, UpsertOutcome::unchanged);
  p.reference = "RE-R-1 Überweisung";
  r = store().upsert_payment(c.id, p);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, UpsertOutcome::updated);
  p.value_date = day("2026-03-16");
  r = store().upsert_payment(c.id, p);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, UpsertOutcome::updated);
  p.amount = eur(4712);
  r = store().upsert_payment(c.id, p);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, UpsertOutcome::updated);
  EXPECT_EQ(p.unallocated, eur(4712));
  loaded = store().payment_by_external_id(c.id, "Z-1");
  ASSERT_TRUE(loaded.has_value() && loaded->has_value());
  EXPECT_EQ((*loaded)->reference, "RE-R-1 Überweisung");
  EXPECT_EQ((*loaded)->unallocated, eur(4712));
}

TEST_P(StoreTest, MoneyAtTheEdgesOfInt64RoundTrips) {
  auto c = creditor("swb");
  auto k = customer(c.id, "K-1");
  const auto max = std::numeric_limits<std::int64_t>::max();
  const auto min = std::numeric_limits<std::int64_t>::min();
  auto big = invoice(c.id, k.id, "R-MAX", eur(max), day("2026-03-01"));
  auto small = invoice(c.id, k.id, "R-MIN", eur(min), day("2026-03-01"));
  auto one = invoice(c.id, k.id, "R-ONE", eur(1), day("2026-03-01"));
  for (const char* id : {"R-MAX", "R-MIN", "R-ONE"}) {
    auto loaded = store().invoice_by_external_id(c.id, id);
    ASSERT_TRUE(loaded.has_value() && loaded->has_value());
    const std::int64_t expected = std::string_view(id) == "R-MAX" ? max : std::string_view(id) == "R-MIN" ? min : 1;
    EXPECT_EQ((*loaded)->amount.minor(), expected) << id;
    EXPECT_EQ((*loaded)->open.minor(), expected) << id;
  }
  Customer rich = customer(c.id, "K-2");
  rich.lifetime_revenue_minor = min;
  ASSERT_TRUE(store().upsert_customer(c.id, rich).has_value());
  auto stored = store().customer_by_id(c.id, rich.id);
  ASSERT_TRUE(stored.has_value() && stored->has_value());
  EXPECT_EQ((*stored)->lifetime_revenue_minor, min);
  // Open totals beyond int64 are an error, never a wrapped number.
  auto summary = store().portfolio_summary(c.id, day("2026-06-30"));
  ASSERT_FALSE(summary.has_value());
  EXPECT_EQ(summary.error().code, ErrorCode::money_overflow) << summary.error().to_string();
  (void)big;
  (void)small;
  (void)one;
}

TEST_P(StoreTest, RecordsWithoutCurrencyOrCustomerAreRejected) {
  auto c = creditor("swb");
  auto k = customer(c.id, "K-1");
  Invoice no_currency;
  no_currency.customer_id = k.id;
  no_currency.external_id = "R-1";
  auto r = store().upsert_invoice(c.id, no_currency);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::currency_unknown);
  Payment no_customer;
  no_customer.external_id = "Z-1";
  no_customer.amount = eur(1);
  auto p = store().upsert_payment(c.id, no_customer);
  ASSERT_FALSE(p.has_value());
  EXPECT_EQ(p.error().code, ErrorCode::customer_unknown);
}

}  // namespace
}  // namespace kulanz::store_test
