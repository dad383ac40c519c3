// A customer's ledger round trip, unapplied payments and the portfolio summary.
#include "store_fixture.hpp"

namespace kulanz::store_test {
namespace {

using base::ErrorCode;

TEST_P(StoreTest, LedgerAllocationsRoundTrip) {
  auto c = creditor("swb");
  auto k = customer(c.id, "K-1");
  auto other = customer(c.id, "K-2");
  auto i1 = invoice(c.id, k.id, "R-1", eur(10000), day("2026-02-01"));
  auto i2 = invoice(c.id, k.id, "R-2", eur(5000), day("2026-03-01"));
  invoice(c.id, other.id, "R-9", eur(999), day("2026-03-01"));
  CreditNote n;
  n.customer_id = k.id;
  n.external_id = "G-1";
  n.number = "GS-1";
  n.issue_date = day("2026-02-10");
  n.amount = eur(1000);
  n.invoice_id = i2.id;
  ASSERT_TRUE(store().upsert_credit_note(c.id, n).has_value());
  auto p = payment(c.id, k.id, "Z-1", eur(12000), day("2026-02-15"));
  payment(c.id, other.id, "Z-9", eur(5), day("2026-02-15"));

  auto unapplied = store().customers_with_unapplied(c.id);
  ASSERT_TRUE(unapplied.has_value());
  EXPECT_EQ(*unapplied, (std::vector<CustomerId>{k.id, other.id}));

  auto ledger = store().load_customer_ledger(c.id, k.id);
  ASSERT_TRUE(ledger.has_value()) << ledger.error().to_string();
  EXPECT_EQ(ledger->customer.id, k.id);
  ASSERT_EQ(ledger->invoices.size(), 2u);
  ASSERT_EQ(ledger->payments.size(), 1u);
  ASSERT_EQ(ledger->credit_notes.size(), 1u);
  EXPECT_TRUE(ledger->allocations.empty());
  auto created = auto_allocate(*ledger);
  ASSERT_TRUE(created.has_value()) << created.error().to_string();
  ASSERT_FALSE(created->empty());
  ASSERT_TRUE(store().save_allocations(c.id, *ledger).has_value());

  auto reloaded = store().load_customer_ledger(c.id, k.id);
  ASSERT_TRUE(reloaded.has_value());
  ASSERT_EQ(reloaded->allocations.size(), ledger->allocations.size());
  for (std::size_t a = 0; a < ledger->allocations.size(); ++a) {
    const auto& want = ledger->allocations[a];
    const auto& got = reloaded->allocations[a];
    EXPECT_TRUE(got.id.valid());
    EXPECT_EQ(got.creditor_id, c.id);
    EXPECT_EQ(got.customer_id, k.id);
    EXPECT_EQ(got.source, want.source);
    EXPECT_EQ(got.source_id, want.source_id);
    EXPECT_EQ(got.invoice_id, want.invoice_id);
    EXPECT_EQ(got.amount, want.amount);
    EXPECT_EQ(got.date, want.date);
  }
  for (std::size_t x = 0; x < 2; ++x) EXPECT_EQ(reloaded->invoices[x].open, ledger->invoices[x].open);
  EXPECT_EQ(reloaded->payments[0].unallocated, ledger->payments[0].unallocated);
  EXPECT_EQ(reloaded->credit_notes[0].unallocated, eur(0));
  // 10000 + 5000 - 1000 credit = 14000 owed, 12000 paid: 2000 still open, nothing unapplied.
  EXPECT_EQ(reloaded->invoices[0].open.minor() + reloaded->invoices[1].open.minor(), 2000);
  EXPECT_EQ(reloaded->payments[0].unallocated, eur(0));
  EXPECT_TRUE(check_invariants(*reloaded).has_value());
  unapplied = store().customers_with_unapplied(c.id);
  ASSERT_TRUE(unapplied.has_value());
  EXPECT_EQ(*unapplied, (std::vector<CustomerId>{other.id}));

  // Saving again replaces, never duplicates.
  ASSERT_TRUE(store().save_allocations(c.id, *reloaded).has_value());
  auto third = store().load_customer_ledger(c.id, k.id);
  ASSERT_TRUE(third.has_value());
  EXPECT_EQ(third->allocations.size(), ledger->allocations.size());

  // A new amount on an invoice removes its allocations and gives their amounts back.
  Invoice changed = i1;
  changed.amount = eur(11000);
  auto r = store().upsert_invoice(c.id, changed);
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
  EXPECT_EQ(*r, UpsertOutcome::updated);
  EXPECT_EQ(changed.open, eur(11000));
  auto after = store().load_customer_ledger(c.id, k.id);
  ASSERT_TRUE(after.has_value());
  for (const auto& a : after->allocations) EXPECT_NE(a.invoice_id, i1.id);
  EXPECT_TRUE(check_invariants(*after).has_value()) << check_invariants(*after).error().to_string();
  EXPECT_TRUE(after->payments[0].unallocated.is_positive());
  (void)p;
}

TEST_P(StoreTest, SaveAllocationsRefusesABrokenLedger) {
  auto c = creditor("swb");
  auto k = customer(c.id, "K-1");
  auto i = invoice(c.id, k.id, "R-1", eur(100), day("2026-02-01"));
  auto p = payment(c.id, k.id, "Z-1", eur(50), day("2026-02-02"));
  auto ledger = store().load_customer_ledger(c.id, k.id);
  ASSERT_TRUE(ledger.has_value());
  Allocation a;
  a.creditor_id = c.id;
  a.customer_id = k.id;
  a.source = AllocationSource::payment;
  a.source_id = p.id.value;
  a.invoice_id = i.id;
  a.amount = eur(80);  // more than the payment
  a.date = day("2026-02-02");
  ledger->allocations.push_back(a);
  auto st = store().save_allocations(c.id, *ledger);
  ASSERT_FALSE(st.has_value());
  auto reloaded = store().load_customer_ledger(c.id, k.id);
  ASSERT_TRUE(reloaded.has_value());
  EXPECT_TRUE(reloaded->allocations.empty());
  EXPECT_EQ(reloaded->invoices[0].open, eur(100));
}

TEST_P(StoreTest, PortfolioSummaryBucketsAKnownPortfolio) {
  auto c = creditor("swb");
  auto k1 = customer(c.id, "K-1");
  auto k2 = customer(c.id, "K-2");
  customer(c.id, "K-3");  // no items
  const Date as_of = day("2026-06-30");
  struct Row {
    const char* id;
    const char* due;
    std::int64_t amount;
  };
  // days past due at 2026-06-30 in the comment
  const Row rows[] = {
      {"nd-future", "2026-07-10", 100},  // -10: not due
      {"nd-today", "2026-06-30", 50},    // 0: not due
      {"b1-first", "2026-06-29", 200},   // 1
      {"b1-last", "2026-05-31", 300},    // 30
      {"b2-first", "2026-05-30", 400},   // 31
      {"b2-last", "2026-05-01", 450},    // 60
      {"b3-first", "2026-04-30", 470},   // 61
      {"b3-last", "2026-04-01", 500},    // 90
      {"b4-first", "2026-03-31", 600},   // 91
      {"b4-old", "2019-01-01", 700},     // years
  };
  for (std::size_t n = 0; n < std::size(rows); ++n) {
    invoice(c.id, n % 2 ? k1.id : k2.id, rows[n].id, eur(rows[n].amount), day(rows[n].due), day("2019-01-01"));
  }
  // One paid item and one in a foreign currency.
  auto paid = invoice(c.id, k1.id, "paid", eur(999), day("2026-01-01"));
  auto pay = payment(c.id, k1.id, "Z-paid", eur(999), day("2026-01-02"));
  pay.reference = "RE-paid";
  ASSERT_TRUE(store().upsert_payment(c.id, pay).has_value());
  auto ledger = store().load_customer_ledger(c.id, k1.id);
  ASSERT_TRUE(ledger.has_value());
  ASSERT_TRUE(auto_allocate(*ledger).has_value());
  ASSERT_TRUE(store().save_allocations(c.id, *ledger).has_value());
  auto paid_now = store().invoice_by_external_id(c.id, "paid");
  ASSERT_TRUE(paid_now.has_value() && paid_now->has_value());
  ASSERT_EQ((*paid_now)->open, eur(0));
  Invoice usd;
  usd.customer_id = k2.id;
  usd.external_id = "usd";
  usd.amount = Money(12345, money::Currency::from_code("USD").value());
  usd.issue_date = day("2026-01-01");
  usd.due_date = day("2026-01-31");
  ASSERT_TRUE(store().upsert_invoice(c.id, usd).has_value());

  auto s = store().portfolio_summary(c.id, as_of);
  ASSERT_TRUE(s.has_value()) << s.error().to_string();
  EXPECT_EQ(s->customers, 3);
  EXPECT_EQ(s->invoices, 12);
  EXPECT_EQ(s->open_items, 11);  // all but the paid one, including the USD item
  EXPECT_EQ(s->aging.currency, money::Currency::eur());
  const std::int64_t amounts[] = {150, 500, 850, 970, 1300};
  const std::int64_t counts[] = {2, 2, 2, 2, 2};
  for (int b = 0; b < kAgingBucketCount; ++b) {
    EXPECT_EQ(s->aging.amount[static_cast<std::size_t>(b)], eur(amounts[b])) << "bucket " << b;
    EXPECT_EQ(s->aging.count[static_cast<std::size_t>(b)], counts[b]) << "bucket " << b;
  }
  EXPECT_EQ(s->aging.total_open, eur(3770));
  EXPECT_EQ(s->aging.total_overdue, eur(3620));

  // One day later the boundaries move by one day.
  auto next = store().portfolio_summary(c.id, as_of.add_days(1));
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->aging.amount[0], eur(100));
  EXPECT_EQ(next->aging.amount[1], eur(50 + 200));
  EXPECT_EQ(next->aging.amount[2], eur(300 + 400));
  EXPECT_EQ(next->aging.amount[3], eur(450 + 470));
  EXPECT_EQ(next->aging.amount[4], eur(500 + 600 + 700));

  auto empty = store().portfolio_summary(creditor("leer").id, as_of);
  ASSERT_TRUE(empty.has_value());
  EXPECT_EQ(empty->open_items, 0);
  EXPECT_EQ(empty->aging.total_open, eur(0));
  auto unknown = store().portfolio_summary(CreditorId(424242), as_of);
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, ErrorCode::creditor_unknown);
  (void)paid;
}

}  // namespace
}  // namespace kulanz::store_test
