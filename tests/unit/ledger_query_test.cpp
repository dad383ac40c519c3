// Item status, open items, balance, aging and statements of one customer.
#include <gtest/gtest.h>

#include "ledger_builder.hpp"

namespace kulanz::test {
namespace {

TEST(ItemStatus, DependsOnTheDueDateAndWhatIsOpen) {
  auto l = LedgerBuilder().invoice("RE-1", "2026-01-01", "2026-01-31", eur(1000)).build();
  const Invoice& inv = l.invoices[0];
  EXPECT_EQ(item_status(inv, d("2026-01-30")), ItemStatus::not_due);
  EXPECT_EQ(item_status(inv, d("2026-01-31")), ItemStatus::due_today);
  EXPECT_EQ(item_status(inv, d("2026-02-01")), ItemStatus::overdue);
  Invoice paid = inv;
  paid.open = eur(0);
  EXPECT_EQ(item_status(paid, d("2026-03-01")), ItemStatus::paid);
  EXPECT_EQ(to_string(ItemStatus::due_today), "due_today");
}

TEST(Aging, BucketBoundaries) {
  EXPECT_EQ(bucket_for_days_past_due(-10), AgingBucket::not_due);
  EXPECT_EQ(bucket_for_days_past_due(0), AgingBucket::not_due);  // due today is not overdue
  EXPECT_EQ(bucket_for_days_past_due(1), AgingBucket::d1_30);
  EXPECT_EQ(bucket_for_days_past_due(30), AgingBucket::d1_30);
  EXPECT_EQ(bucket_for_days_past_due(31), AgingBucket::d31_60);
  EXPECT_EQ(bucket_for_days_past_due(60), AgingBucket::d31_60);
  EXPECT_EQ(bucket_for_days_past_due(61), AgingBucket::d61_90);
  EXPECT_EQ(bucket_for_days_past_due(90), AgingBucket::d61_90);
  EXPECT_EQ(bucket_for_days_past_due(91), AgingBucket::over_90);
  EXPECT_EQ(bucket_for_days_past_due(5000), AgingBucket::over_90);
  EXPECT_EQ(to_string(AgingBucket::d31_60), "31-60");
}

// One invoice per boundary, all issued 2025-06-01, as of 2026-06-01.
CustomerLedger boundary_ledger() {
  const Date as_of = d("2026-06-01");
  LedgerBuilder b;
  const int days[] = {-5, 0, 1, 30, 31, 60, 61, 90, 91};
  std::int64_t amount = 100;
  for (int days_past_due : days) {
    const std::string due = as_of.add_days(-days_past_due).iso();
    b.invoice("D" + std::to_string(days_past_due), "2025-06-01", due.c_str(), eur(amount));
    amount *= 2;
  }
  return b.build();
}

TEST(OpenItems, CarryDaysPastDueAndBucketOrderedByDueDate) {
  const auto l = boundary_ledger();
  const auto items = open_items(l, d("2026-06-01"));
  ASSERT_EQ(items.size(), 9u);
  EXPECT_EQ(items.front().number, "D91");  // oldest due first
  EXPECT_EQ(items.back().number, "D-5");
  for (const auto& item : items) {
    EXPECT_EQ(item.number, "D" + std::to_string(item.days_past_due));
    EXPECT_EQ(item.bucket, bucket_for_days_past_due(item.days_past_due));
    EXPECT_EQ(item.open, item.amount);
  }
}

TEST(Aging, SumsOpenAmountsPerBucket) {
  const auto l = boundary_ledger();
  auto a = aging(l, d("2026-06-01"));
  ASSERT_TRUE(a) << a.error().to_string();
  // Amounts 100, 200, 400, ... by days -5, 0, 1, 30, 31, 60, 61, 90, 91.
  EXPECT_EQ(a->amount[0], eur(100 + 200));
  EXPECT_EQ(a->amount[1], eur(400 + 800));
  EXPECT_EQ(a->amount[2], eur(1600 + 3200));
  EXPECT_EQ(a->amount[3], eur(6400 + 12800));
  EXPECT_EQ(a->amount[4], eur(25600));
  EXPECT_EQ(a->count[0], 2);
  EXPECT_EQ(a->count[4], 1);
  EXPECT_EQ(a->total_open, eur(51100));
  EXPECT_EQ(a->total_overdue, eur(51100 - 300));
  auto bal = balance(l, d("2026-06-01"));
  ASSERT_TRUE(bal);
  EXPECT_EQ(bal->overdue, a->total_overdue);
  EXPECT_EQ(bal->open_items, a->total_open);
}

TEST(Aging, AddsUpOverCustomersOfACreditor) {
  const auto l = boundary_ledger();
  Aging total = empty_aging(Currency::eur());
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(add_aging(total, aging(l, d("2026-06-01")).value()));
  EXPECT_EQ(total.total_open, eur(3 * 51100));
  EXPECT_EQ(total.count[1], 6);
  EXPECT_EQ(total.amount[4], eur(3 * 25600));
  Aging usd = empty_aging(Currency::from_code("USD").value());
  auto st = add_aging(total, usd);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, base::ErrorCode::currency_mismatch);
  EXPECT_EQ(total.total_open, eur(3 * 51100));  // unchanged after a failure
}

TEST(Aging, RejectsItemsInAnotherCurrency) {
  auto l = LedgerBuilder()
               .invoice("RE-1", "2026-01-01", "2026-01-31", eur(1000))
               .invoice("RE-2", "2026-01-01", "2026-01-31", Money(1000, Currency::from_code("CHF").value()))
               .build();
  auto a = aging(l, d("2026-02-15"));
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().code, base::ErrorCode::currency_mismatch);
  auto bal = balance(l, d("2026-02-15"));
  ASSERT_FALSE(bal);
  EXPECT_EQ(bal.error().code, base::ErrorCode::currency_mismatch);
}

TEST(Balance, ItemDueTodayIsOpenButNotOverdue) {
  auto l = LedgerBuilder().invoice("RE-1", "2026-01-01", "2026-01-31", eur(1000)).build();
  auto bal = balance(l, d("2026-01-31"));
  ASSERT_TRUE(bal);
  EXPECT_EQ(bal->open_items, eur(1000));
  EXPECT_EQ(bal->overdue, eur(0));
  EXPECT_EQ(bal->balance, eur(1000));
  auto next_day = balance(l, d("2026-02-01"));
  EXPECT_EQ(next_day->overdue, eur(1000));
}

TEST(Balance, OfAnEmptyLedgerIsZero) {
  auto l = LedgerBuilder().build();
  auto bal = balance(l, d("2026-01-31"));
  ASSERT_TRUE(bal);
  EXPECT_EQ(bal->balance, eur(0));
  EXPECT_TRUE(open_items(l, d("2026-01-31")).empty());
  EXPECT_TRUE(check_invariants(l));
}

TEST(Balance, EqualsDocumentsMinusPaymentsAndTheClosingStatementBalance) {
  LedgerBuilder b;
  b.invoice("RE-1", "2026-01-05", "2026-01-19", eur(11900));
  const InvoiceId first = b.last_invoice_id();
  b.invoice("RE-2", "2026-02-05", "2026-02-19", eur(5950))
      .invoice("RE-3", "2026-03-05", "2026-03-19", eur(2380))
      .credit_note("GS-1", "2026-01-10", eur(1900), first)
      .payment("P-1", "2026-01-20", eur(10000), "RE-1")
      .payment("P-2", "2026-03-01", eur(3000))
      .payment("P-3", "2026-03-30", eur(9000));  // overpays everything
  auto l = b.build();
  ASSERT_TRUE(auto_allocate(l));
  ASSERT_TRUE(check_invariants(l));
  auto bal = balance(l, d("2026-04-01"));
  ASSERT_TRUE(bal);
  EXPECT_EQ(bal->open_items, eur(0));
  EXPECT_EQ(bal->unapplied, eur(1900 + 22000 - 20230));
  EXPECT_EQ(bal->balance, eur(20230 - 1900 - 22000));
  auto st = statement(l, d("2026-01-01"), d("2026-04-01"));
  ASSERT_TRUE(st);
  EXPECT_EQ(st->closing_balance, bal->balance);
}

TEST(Statement, OpeningBalanceEntriesRunningBalanceAndClosing) {
  auto l = LedgerBuilder()
               .invoice("RE-1", "2026-01-05", "2026-01-19", eur(10000))
               .payment("P-1", "2026-01-18", eur(10000), "RE-1")
               .invoice("RE-2", "2026-02-05", "2026-02-19", eur(5000))
               .payment("P-2", "2026-02-10", eur(2000), "Teilzahlung RE-2")
               .invoice("RE-3", "2026-02-10", "2026-02-24", eur(700))
               .credit_note("GS-1", "2026-02-10", eur(300))
               .invoice("RE-4", "2026-03-05", "2026-03-19", eur(900))
               .build();
  auto st = statement(l, d("2026-02-01"), d("2026-02-28"));
  ASSERT_TRUE(st) << st.error().to_string();
  EXPECT_EQ(st->opening_balance, eur(0));
  ASSERT_EQ(st->entries.size(), 4u);
  // Same day: items, then credit notes, then payments.
  EXPECT_EQ(st->entries[0].reference, "RE-2");
  EXPECT_EQ(st->entries[0].debit, eur(5000));
  EXPECT_EQ(st->entries[0].running_balance, eur(5000));
  EXPECT_EQ(st->entries[1].reference, "RE-3");
  EXPECT_EQ(st->entries[1].kind, StatementEntryKind::invoice);
  EXPECT_EQ(st->entries[1].running_balance, eur(5700));
  EXPECT_EQ(st->entries[2].kind, StatementEntryKind::credit_note);
  EXPECT_EQ(st->entries[2].credit, eur(300));
  EXPECT_EQ(st->entries[2].running_balance, eur(5400));
  EXPECT_EQ(st->entries[3].kind, StatementEntryKind::payment);
  EXPECT_EQ(st->entries[3].reference, "Teilzahlung RE-2");
  EXPECT_EQ(st->entries[3].external_id, "P-2");
  EXPECT_EQ(st->entries[3].running_balance, eur(3400));
  EXPECT_EQ(st->closing_balance, eur(3400));

  auto march = statement(l, d("2026-03-01"), d("2026-03-31"));
  ASSERT_TRUE(march);
  EXPECT_EQ(march->opening_balance, eur(3400));
  ASSERT_EQ(march->entries.size(), 1u);
  EXPECT_EQ(march->closing_balance, eur(4300));
}

TEST(Statement, BoundaryDatesAreInclusiveAndEmptyPeriodsKeepTheBalance) {
  auto l = LedgerBuilder()
               .invoice("RE-1", "2026-01-01", "2026-01-15", eur(1000))
               .payment("P-1", "2026-01-31", eur(400))
               .build();
  auto st = statement(l, d("2026-01-01"), d("2026-01-31"));
  ASSERT_TRUE(st);
  EXPECT_EQ(st->entries.size(), 2u);
  EXPECT_EQ(st->closing_balance, eur(600));
  auto later = statement(l, d("2026-05-01"), d("2026-05-31"));
  ASSERT_TRUE(later);
  EXPECT_TRUE(later->entries.empty());
  EXPECT_EQ(later->opening_balance, eur(600));
  EXPECT_EQ(later->closing_balance, eur(600));
  auto one_day = statement(l, d("2026-01-31"), d("2026-01-31"));
  ASSERT_TRUE(one_day);
  EXPECT_EQ(one_day->opening_balance, eur(1000));
  EXPECT_EQ(one_day->entries.size(), 1u);
}

TEST(Statement, RejectsAReversedPeriodAndMixedCurrencies) {
  auto l = LedgerBuilder().invoice("RE-1", "2026-01-01", "2026-01-15", eur(1000)).build();
  auto reversed = statement(l, d("2026-02-01"), d("2026-01-01"));
  ASSERT_FALSE(reversed);
  EXPECT_EQ(reversed.error().code, base::ErrorCode::invalid_argument);
  auto mixed = LedgerBuilder()
                   .invoice("RE-1", "2026-01-01", "2026-01-15", eur(1000))
                   .payment("P-1", "2026-01-10", Money(1000, Currency::from_code("USD").value()))
                   .build();
  auto st = statement(mixed, d("2026-01-01"), d("2026-01-31"));
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, base::ErrorCode::currency_mismatch);
}

TEST(Statement, FeesAndInterestAppearAsTheirOwnKind) {
  auto l = LedgerBuilder()
               .invoice("RE-1", "2026-01-01", "2026-01-15", eur(1000))
               .invoice("MG-1", "2026-02-01", "2026-02-15", eur(500))
               .invoice("ZI-1", "2026-02-01", "2026-02-15", eur(12))
               .build();
  l.invoices[1].kind = ItemKind::fee;
  l.invoices[2].kind = ItemKind::interest;
  auto st = statement(l, d("2026-01-01"), d("2026-02-28"));
  ASSERT_TRUE(st);
  ASSERT_EQ(st->entries.size(), 3u);
  EXPECT_EQ(st->entries[1].kind, StatementEntryKind::fee);
  EXPECT_EQ(st->entries[2].kind, StatementEntryKind::interest);
  EXPECT_EQ(st->closing_balance, eur(1512));
}

}  // namespace
}  // namespace kulanz::test
