// The ledger's invariants and the inputs auto_allocate refuses.
#include <gtest/gtest.h>

#include "ledger_builder.hpp"

namespace kulanz::test {
namespace {

CustomerLedger allocated() {
  LedgerBuilder b;
  b.invoice("RE-1", "2026-01-01", "2026-01-31", eur(10000));
  const InvoiceId first = b.last_invoice_id();
  auto l = b.invoice("RE-2", "2026-02-01", "2026-02-28", eur(5000))
               .credit_note("GS-1", "2026-01-10", eur(1000), first)
               .payment("P-1", "2026-02-05", eur(12000))
               .build();
  EXPECT_TRUE(auto_allocate(l));
  return l;
}

TEST(Invariants, HoldAfterAutoAllocation) {
  auto l = allocated();
  EXPECT_TRUE(check_invariants(l));
  EXPECT_EQ(l.invoices[0].open, eur(0));
  EXPECT_EQ(l.invoices[1].open, eur(2000));
}

TEST(Invariants, StaleOpenAmountIsReported) {
  auto l = allocated();
  l.invoices[1].open = eur(1999);
  auto st = check_invariants(l);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, base::ErrorCode::ledger_inconsistent);
  EXPECT_NE(st.error().detail.find("RE-2"), std::string::npos);
}

TEST(Invariants, StaleUnallocatedAmountIsReported) {
  auto l = allocated();
  l.payments[0].unallocated = eur(5);
  EXPECT_EQ(check_invariants(l).error().code, base::ErrorCode::ledger_inconsistent);
  auto m = allocated();
  m.credit_notes[0].unallocated = eur(1000);
  EXPECT_EQ(check_invariants(m).error().code, base::ErrorCode::ledger_inconsistent);
}

TEST(Invariants, AllocationsNeverExceedTheItem) {
  auto l = allocated();
  Allocation extra = l.allocations.back();
  extra.invoice_id = l.invoices[0].id;  // RE-1 is already fully allocated
  extra.amount = eur(1);
  l.allocations.push_back(extra);
  auto st = check_invariants(l);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, base::ErrorCode::allocation_exceeds_item);
  auto again = auto_allocate(l);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, base::ErrorCode::allocation_exceeds_item);
}

TEST(Invariants, AllocationsNeverExceedThePayment) {
  auto l = LedgerBuilder()
               .invoice("RE-1", "2026-01-01", "2026-01-31", eur(10000))
               .payment("P-1", "2026-02-05", eur(100))
               .build();
  Allocation a;
  a.creditor_id = l.customer.creditor_id;
  a.customer_id = l.customer.id;
  a.source = AllocationSource::payment;
  a.source_id = l.payments[0].id.value;
  a.invoice_id = l.invoices[0].id;
  a.amount = eur(101);
  a.date = d("2026-02-05");
  l.allocations.push_back(a);
  EXPECT_EQ(check_invariants(l).error().code, base::ErrorCode::allocation_exceeds_payment);
}

TEST(Invariants, AllocationsMustReferToRecordsOfTheLedger) {
  auto l = allocated();
  l.allocations[0].source_id = 999;
  EXPECT_EQ(check_invariants(l).error().code, base::ErrorCode::ledger_inconsistent);
  auto m = allocated();
  m.allocations[0].invoice_id = InvoiceId(999);
  EXPECT_EQ(check_invariants(m).error().code, base::ErrorCode::invoice_unknown);
  auto n = allocated();
  n.allocations[0].amount = eur(0);
  EXPECT_EQ(check_invariants(n).error().code, base::ErrorCode::amount_invalid);
}

TEST(Invariants, AllocationCurrencyMustMatch) {
  auto l = allocated();
  l.allocations[0].amount = Money(l.allocations[0].amount.minor(), Currency::from_code("USD").value());
  EXPECT_EQ(check_invariants(l).error().code, base::ErrorCode::currency_mismatch);
}

TEST(Invariants, RecordsMustBelongToTheLedgersCustomerAndCreditor) {
  auto l = allocated();
  l.invoices[1].customer_id = CustomerId(2);
  EXPECT_EQ(check_invariants(l).error().code, base::ErrorCode::ledger_inconsistent);
  auto m = allocated();
  m.payments[0].creditor_id = CreditorId(2);
  EXPECT_EQ(check_invariants(m).error().code, base::ErrorCode::ledger_inconsistent);
  auto n = allocated();
  n.allocations[0].creditor_id = CreditorId(2);
  EXPECT_EQ(check_invariants(n).error().code, base::ErrorCode::ledger_inconsistent);
  auto before = m.allocations.size();
  EXPECT_FALSE(auto_allocate(m));
  EXPECT_EQ(m.allocations.size(), before);
}

TEST(Invariants, DuplicateIdsAreReported) {
  auto l = allocated();
  l.invoices[1].id = l.invoices[0].id;
  EXPECT_EQ(check_invariants(l).error().code, base::ErrorCode::ledger_inconsistent);
}

TEST(AutoAllocateRejects, CreditNoteLargerThanTheInvoiceItNames) {
  LedgerBuilder b;
  b.invoice("RE-1", "2026-01-01", "2026-01-31", eur(10000));
  auto l = b.credit_note("GS-1", "2026-01-10", eur(10001), b.last_invoice_id()).build();
  auto r = auto_allocate(l);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, base::ErrorCode::credit_note_exceeds_invoice);
  EXPECT_NE(r.error().detail.find("GS-1"), std::string::npos);
  EXPECT_TRUE(l.allocations.empty());
  EXPECT_EQ(check_invariants(l).error().code, base::ErrorCode::credit_note_exceeds_invoice);
}

TEST(AutoAllocateRejects, CreditNoteInAnotherCurrencyThanItsInvoice) {
  LedgerBuilder b;
  b.invoice("RE-1", "2026-01-01", "2026-01-31", eur(10000));
  auto l = b.credit_note("GS-1", "2026-01-10", Money(100, Currency::from_code("USD").value()), b.last_invoice_id())
               .build();
  auto r = auto_allocate(l);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, base::ErrorCode::currency_mismatch);
}

TEST(AutoAllocate, CreditNoteEqualToTheInvoiceClearsIt) {
  LedgerBuilder b;
  b.invoice("RE-1", "2026-01-01", "2026-01-31", eur(10000));
  auto l = b.credit_note("GS-1", "2026-01-10", eur(10000), b.last_invoice_id()).build();
  ASSERT_TRUE(auto_allocate(l));
  EXPECT_EQ(l.invoices[0].open, eur(0));
  EXPECT_EQ(item_status(l.invoices[0], d("2026-06-01")), ItemStatus::paid);
}

TEST(AutoAllocate, CreditNoteForAnAlreadyPaidInvoiceBecomesCredit) {
  LedgerBuilder b;
  b.invoice("RE-1", "2026-01-01", "2026-01-31", eur(10000));
  const InvoiceId first = b.last_invoice_id();
  auto l = b.invoice("RE-2", "2026-02-01", "2026-02-28", eur(5000))
               .payment("P-1", "2026-01-20", eur(10000), "RE-1")
               .build();
  ASSERT_TRUE(auto_allocate(l));
  CreditNote note;
  note.id = CreditNoteId(50);
  note.creditor_id = l.customer.creditor_id;
  note.customer_id = l.customer.id;
  note.number = "GS-1";
  note.issue_date = d("2026-02-10");
  note.amount = eur(2000);
  note.unallocated = eur(2000);
  note.invoice_id = first;
  l.credit_notes.push_back(note);
  ASSERT_TRUE(auto_allocate(l));
  EXPECT_EQ(l.invoices[1].open, eur(3000));  // the credit goes to the next open item
  EXPECT_EQ(l.credit_notes[0].unallocated, eur(0));
  EXPECT_TRUE(check_invariants(l));
}

TEST(AutoAllocate, PaymentInAnotherCurrencyStaysUnapplied) {
  auto l = LedgerBuilder()
               .invoice("RE-1", "2026-01-01", "2026-01-31", eur(10000))
               .payment("P-1", "2026-02-01", Money(10000, Currency::from_code("CHF").value()), "RE-1")
               .build();
  auto created = auto_allocate(l);
  ASSERT_TRUE(created);
  EXPECT_TRUE(created->empty());
  EXPECT_EQ(l.invoices[0].open, eur(10000));
  EXPECT_TRUE(check_invariants(l));
}

TEST(AutoAllocate, PaymentBeforeAnyInvoiceIsAppliedWhenTheInvoiceArrives) {
  auto l = LedgerBuilder().payment("P-1", "2026-01-01", eur(500)).build();
  ASSERT_TRUE(auto_allocate(l));
  EXPECT_EQ(l.payments[0].unallocated, eur(500));
  auto bal = balance(l, d("2026-01-02"));
  ASSERT_TRUE(bal);
  EXPECT_EQ(bal->balance, eur(-500));
}

TEST(AutoAllocate, JpyHasNoMinorUnits) {
  const Currency jpy = Currency::from_code("JPY").value();
  auto l = LedgerBuilder()
               .invoice("RE-1", "2026-01-01", "2026-01-31", Money(12000, jpy))
               .payment("P-1", "2026-02-01", Money(5000, jpy))
               .build();
  ASSERT_TRUE(auto_allocate(l));
  EXPECT_EQ(l.invoices[0].open, Money(7000, jpy));
  auto bal = balance(l, d("2026-02-02"));
  ASSERT_TRUE(bal);
  EXPECT_EQ(bal->balance.to_decimal_string(), "7000");
}

}  // namespace
}  // namespace kulanz::test
