#include <gtest/gtest.h>

#include <limits>

#include "ledger_builder.hpp"

namespace kulanz::test {
namespace {

TEST(AutoAllocate, PaymentGoesToTheOldestDueItemFirst) {
  auto l = LedgerBuilder()
               .invoice("RE-2", "2026-02-01", "2026-03-01", eur(5000))
               .invoice("RE-1", "2026-01-01", "2026-02-01", eur(3000))
               .payment("P-1", "2026-03-05", eur(4000))
               .build();
  auto created = auto_allocate(l);
  ASSERT_TRUE(created) << created.error().to_string();
  ASSERT_EQ(created->size(), 2u);
  EXPECT_EQ(invoice_by_number(l, "RE-1").open, eur(0));
  EXPECT_EQ(invoice_by_number(l, "RE-2").open, eur(4000));
  EXPECT_EQ((*created)[0].invoice_id, invoice_by_number(l, "RE-1").id);
  EXPECT_EQ((*created)[0].amount, eur(3000));
  EXPECT_EQ((*created)[1].amount, eur(1000));
  EXPECT_EQ((*created)[1].date, d("2026-03-05"));
  EXPECT_EQ(l.payments[0].unallocated, eur(0));
  EXPECT_EQ(l.allocations.size(), 2u);
  EXPECT_TRUE(check_invariants(l));
}

TEST(AutoAllocate, SameDueDateFallsBackToIssueDateThenNumber) {
  auto l = LedgerBuilder()
               .invoice("RE-B", "2026-01-10", "2026-02-01", eur(100))
               .invoice("RE-A", "2026-01-10", "2026-02-01", eur(100))
               .invoice("RE-C", "2026-01-05", "2026-02-01", eur(100))
               .payment("P-1", "2026-03-05", eur(150))
               .build();
  ASSERT_TRUE(auto_allocate(l));
  EXPECT_EQ(invoice_by_number(l, "RE-C").open, eur(0));
  EXPECT_EQ(invoice_by_number(l, "RE-A").open, eur(50));
  EXPECT_EQ(invoice_by_number(l, "RE-B").open, eur(100));
}

TEST(AutoAllocate, ReferenceNamingAnItemWinsOverAge) {
  auto l = LedgerBuilder()
               .invoice("RE-2026-0001", "2026-01-01", "2026-01-15", eur(1000))
               .invoice("RE-2026-0002", "2026-02-01", "2026-02-15", eur(2000))
               .payment("P-1", "2026-02-20", eur(2000), "Rechnung re-2026-0002 danke")
               .build();
  ASSERT_TRUE(auto_allocate(l));
  EXPECT_EQ(invoice_by_number(l, "RE-2026-0001").open, eur(1000));
  EXPECT_EQ(invoice_by_number(l, "RE-2026-0002").open, eur(0));
}

TEST(AutoAllocate, ReferenceWithSeveralInvoicesPaysThemOldestFirstThenTheRest) {
  auto l = LedgerBuilder()
               .invoice("100", "2026-01-01", "2026-01-15", eur(1000))
               .invoice("101", "2026-01-02", "2026-01-16", eur(1000))
               .invoice("102", "2026-01-03", "2026-01-17", eur(1000))
               .payment("P-1", "2026-02-20", eur(2500), "RG 102, 101")
               .build();
  ASSERT_TRUE(auto_allocate(l));
  EXPECT_EQ(invoice_by_number(l, "101").open, eur(0));
  EXPECT_EQ(invoice_by_number(l, "102").open, eur(0));
  EXPECT_EQ(invoice_by_number(l, "100").open, eur(500));  // the rest: oldest due first
}

TEST(AutoAllocate, ReferenceMatchesWholeNumbersOnly) {
  auto l = LedgerBuilder()
               .invoice("RE-1", "2026-01-01", "2026-01-10", eur(1000))
               .invoice("RE-10", "2026-01-05", "2026-01-20", eur(1000))
               .payment("P-1", "2026-02-20", eur(1000), "RE-10")
               .build();
  ASSERT_TRUE(auto_allocate(l));
  EXPECT_EQ(invoice_by_number(l, "RE-10").open, eur(0));
  EXPECT_EQ(invoice_by_number(l, "RE-1").open, eur(1000));
}

TEST(AutoAllocate, CreditNoteGoesToTheInvoiceItNames) {
  LedgerBuilder b;
  b.invoice("RE-1", "2026-01-01", "2026-01-15", eur(1000)).invoice("RE-2", "2026-01-02", "2026-01-20", eur(800));
  const InvoiceId second = b.last_invoice_id();
  auto l = b.credit_note("GS-1", "2026-01-25", eur(300), second).build();
  auto created = auto_allocate(l);
  ASSERT_TRUE(created);
  ASSERT_EQ(created->size(), 1u);
  EXPECT_EQ((*created)[0].source, AllocationSource::credit_note);
  EXPECT_EQ((*created)[0].date, d("2026-01-25"));
  EXPECT_EQ(invoice_by_number(l, "RE-1").open, eur(1000));
  EXPECT_EQ(invoice_by_number(l, "RE-2").open, eur(500));
  EXPECT_EQ(l.credit_notes[0].unallocated, eur(0));
}

TEST(AutoAllocate, CreditNoteWithoutInvoiceActsLikeCredit) {
  auto l = LedgerBuilder()
               .invoice("RE-1", "2026-01-01", "2026-01-15", eur(1000))
               .credit_note("GS-1", "2026-01-25", eur(300))
               .build();
  ASSERT_TRUE(auto_allocate(l));
  EXPECT_EQ(l.invoices[0].open, eur(700));
}

TEST(AutoAllocate, PartialPaymentsAccumulate) {
  auto l = LedgerBuilder()
               .invoice("RE-1", "2026-01-01", "2026-01-31", eur(10000))
               .payment("P-1", "2026-02-01", eur(2500))
               .payment("P-2", "2026-03-01", eur(2500))
               .build();
  ASSERT_TRUE(auto_allocate(l));
  EXPECT_EQ(l.invoices[0].open, eur(5000));
  EXPECT_EQ(item_status(l.invoices[0], d("2026-03-02")), ItemStatus::overdue);
  auto bal = balance(l, d("2026-03-02"));
  ASSERT_TRUE(bal);
  EXPECT_EQ(bal->balance, eur(5000));
  EXPECT_EQ(bal->overdue, eur(5000));
}

TEST(AutoAllocate, OverpaymentLeavesUnappliedCredit) {
  auto l = LedgerBuilder()
               .invoice("RE-1", "2026-01-01", "2026-01-31", eur(10000))
               .payment("P-1", "2026-01-20", eur(12345))
               .build();
  ASSERT_TRUE(auto_allocate(l));
  EXPECT_EQ(l.invoices[0].open, eur(0));
  EXPECT_EQ(l.payments[0].unallocated, eur(2345));
  auto bal = balance(l, d("2026-02-01"));
  ASSERT_TRUE(bal);
  EXPECT_EQ(bal->open_items, eur(0));
  EXPECT_EQ(bal->unapplied, eur(2345));
  EXPECT_EQ(bal->balance, eur(-2345));
  EXPECT_TRUE(open_items(l, d("2026-02-01")).empty());
}

TEST(AutoAllocate, KeepsExistingAllocationsAndAppliesLaterCreditToNewItems) {
  auto l = LedgerBuilder()
               .invoice("RE-1", "2026-01-01", "2026-01-31", eur(10000))
               .payment("P-1", "2026-01-20", eur(15000))
               .build();
  ASSERT_TRUE(auto_allocate(l));
  const Allocation first = l.allocations.at(0);
  // A new invoice arrives; the remaining credit is applied to it, the first allocation stays.
  Invoice next = l.invoices[0];
  next.id = InvoiceId(99);
  next.number = "RE-2";
  next.external_id = "ext-RE-2";
  next.issue_date = d("2026-02-01");
  next.due_date = d("2026-03-01");
  next.amount = eur(8000);
  next.open = eur(8000);
  l.invoices.push_back(next);
  auto created = auto_allocate(l);
  ASSERT_TRUE(created);
  ASSERT_EQ(created->size(), 1u);
  EXPECT_EQ((*created)[0].amount, eur(5000));
  ASSERT_EQ(l.allocations.size(), 2u);
  EXPECT_EQ(l.allocations[0].amount, first.amount);
  EXPECT_EQ(l.allocations[0].invoice_id, first.invoice_id);
  EXPECT_EQ(l.invoices[1].open, eur(3000));
  EXPECT_TRUE(check_invariants(l));
  // Running it again changes nothing.
  auto again = auto_allocate(l);
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->empty());
}

TEST(AutoAllocate, RecomputesStaleOpenAmountsFromAllocations) {
  auto l = LedgerBuilder().invoice("RE-1", "2026-01-01", "2026-01-31", eur(10000)).build();
  l.invoices[0].open = eur(1);  // stale
  ASSERT_TRUE(auto_allocate(l));
  EXPECT_EQ(l.invoices[0].open, eur(10000));
}

TEST(AutoAllocate, CurrenciesAreNeverMixed) {
  const Currency usd = Currency::from_code("USD").value();
  auto l = LedgerBuilder()
               .invoice("RE-1", "2026-01-01", "2026-01-31", Money(10000, usd))
               .invoice("RE-2", "2026-01-05", "2026-02-28", eur(4000))
               .payment("P-1", "2026-02-01", eur(5000), "RE-1")
               .build();
  ASSERT_TRUE(auto_allocate(l));
  EXPECT_EQ(l.invoices[0].open, Money(10000, usd));
  EXPECT_EQ(l.invoices[1].open, eur(0));
  EXPECT_EQ(l.payments[0].unallocated, eur(1000));
  EXPECT_TRUE(check_invariants(l));
}

TEST(AutoAllocate, IsDeterministic) {
  auto make = [] {
    return LedgerBuilder()
        .invoice("A", "2026-01-01", "2026-01-31", eur(1234))
        .invoice("B", "2026-01-01", "2026-01-31", eur(2345))
        .invoice("C", "2026-01-03", "2026-02-02", eur(3456))
        .credit_note("GS", "2026-02-01", eur(500))
        .payment("P-2", "2026-02-01", eur(3000))
        .payment("P-1", "2026-02-01", eur(1000), "C")
        .build();
  };
  auto a = make();
  auto b = make();
  ASSERT_TRUE(auto_allocate(a));
  ASSERT_TRUE(auto_allocate(b));
  ASSERT_EQ(a.allocations.size(), b.allocations.size());
  for (std::size_t i = 0; i < a.allocations.size(); ++i) {
    EXPECT_EQ(a.allocations[i].invoice_id, b.allocations[i].invoice_id);
    EXPECT_EQ(a.allocations[i].source_id, b.allocations[i].source_id);
    EXPECT_EQ(a.allocations[i].amount, b.allocations[i].amount);
  }
  // Same day: the credit note is applied before the payments, P-1 (reference C) first.
  EXPECT_EQ(invoice_by_number(a, "C").open, eur(2456));
  EXPECT_EQ(invoice_by_number(a, "A").open, eur(0));
  // P-2 (3000) pays the 734 left on A after the credit note, then 2266 of B's 2345.
  EXPECT_EQ(invoice_by_number(a, "B").open, eur(79));
  EXPECT_EQ(a.payments[0].unallocated, eur(0));
}

TEST(AutoAllocate, RejectsNonPositiveAmounts) {
  auto l = LedgerBuilder().invoice("RE-1", "2026-01-01", "2026-01-31", eur(0)).build();
  auto r = auto_allocate(l);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, base::ErrorCode::amount_invalid);
}

TEST(AutoAllocate, ReportsOverflowAsAnError) {
  auto l = LedgerBuilder()
               .invoice("RE-1", "2026-01-01", "2026-01-31", eur(std::numeric_limits<std::int64_t>::max()))
               .invoice("RE-2", "2026-01-01", "2026-01-31", eur(10))
               .build();
  ASSERT_TRUE(auto_allocate(l));
  auto bal = balance(l, d("2026-02-01"));
  ASSERT_FALSE(bal);
  EXPECT_EQ(bal.error().code, base::ErrorCode::money_overflow);
}

}  // namespace
}  // namespace kulanz::test

namespace kulanz::test {
namespace {

// §367 Abs. 1 BGB: a payment without a stated purpose goes to costs, then interest, then
// principal; §366 Abs. 2: items already due before items not yet due.
TEST(AutoAllocate, CostsThenInterestThenPrincipalAmongDueItems) {
  auto l = LedgerBuilder()
               .invoice("RE-1", "2026-01-01", "2026-02-01", eur(10000))
               .invoice("MG-1", "2026-03-01", "2026-03-01", eur(250))
               .invoice("ZI-1", "2026-03-01", "2026-03-01", eur(130))
               .invoice("RE-2", "2026-03-01", "2026-04-30", eur(5000))
               .payment("P-1", "2026-03-05", eur(1000))
               .build();
  for (auto& i : l.invoices) {
    if (i.number == "MG-1") i.kind = domain::ItemKind::fee;
    if (i.number == "ZI-1") i.kind = domain::ItemKind::interest;
  }
  ASSERT_TRUE(auto_allocate(l));
  EXPECT_EQ(invoice_by_number(l, "MG-1").open, eur(0)) << "costs first";
  EXPECT_EQ(invoice_by_number(l, "ZI-1").open, eur(0)) << "then interest";
  EXPECT_EQ(invoice_by_number(l, "RE-1").open, eur(10000 - 620)) << "then the principal";
  EXPECT_EQ(invoice_by_number(l, "RE-2").open, eur(5000));
  EXPECT_TRUE(check_invariants(l));
}

TEST(AutoAllocate, ItemsNotYetDueComeAfterDueOnesWhateverTheirKind) {
  auto l = LedgerBuilder()
               .invoice("RE-1", "2026-01-01", "2026-02-01", eur(300))
               .invoice("MG-9", "2026-03-10", "2026-03-20", eur(250))
               .payment("P-1", "2026-03-05", eur(400))
               .build();
  for (auto& i : l.invoices) {
    if (i.number == "MG-9") i.kind = domain::ItemKind::fee;
  }
  ASSERT_TRUE(auto_allocate(l));
  EXPECT_EQ(invoice_by_number(l, "RE-1").open, eur(0)) << "due principal before a fee not yet due";
  EXPECT_EQ(invoice_by_number(l, "MG-9").open, eur(150));
}

}  // namespace
}  // namespace kulanz::test
