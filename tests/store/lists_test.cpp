// Lists with cursor pagination and filters, and tenant isolation.
#include <set>

#include "store_fixture.hpp"

namespace kulanz::store_test {
namespace {

using base::ErrorCode;

template <class T, class Fn>
std::vector<T> all_pages(Fn list, ports::ListQuery q, int& pages) {
  std::vector<T> out;
  pages = 0;
  while (true) {
    auto page = list(q);
    EXPECT_TRUE(page.has_value()) << page.error().to_string();
    if (!page) break;
    ++pages;
    for (auto& item : page->items) out.push_back(item);
    if (page->next_cursor.empty()) break;
    q.cursor = page->next_cursor;
    if (pages > 1000) break;
  }
  return out;
}

TEST_P(StoreTest, PaginationVisitsEveryInvoiceOnceInIdOrder) {
  auto c = creditor("swb");
  auto k = customer(c.id, "K-1");
  std::vector<InvoiceId> ids;
  for (int n = 0; n < 23; ++n) ids.push_back(invoice(c.id, k.id, "R-" + std::to_string(n), eur(100 + n), day("2026-03-01")).id);
  for (int limit : {1, 5, 22, 23, 24, 500}) {
    ports::ListQuery q;
    q.limit = limit;
    int pages = 0;
    auto items = all_pages<Invoice>([&](const ports::ListQuery& lq) { return store().list_invoices(c.id, lq); }, q, pages);
    ASSERT_EQ(items.size(), ids.size()) << "limit " << limit;
    for (std::size_t k2 = 0; k2 < ids.size(); ++k2) EXPECT_EQ(items[k2].id, ids[k2]) << "limit " << limit;
    EXPECT_EQ(pages, (23 + limit - 1) / limit) << "limit " << limit;
  }
}

TEST_P(StoreTest, PaginationOfCustomersCreditNotesAndPayments) {
  auto c = creditor("swb");
  std::vector<CustomerId> customers;
  for (int n = 0; n < 7; ++n) customers.push_back(customer(c.id, "K-" + std::to_string(n)).id);
  for (int n = 0; n < 7; ++n) payment(c.id, customers[static_cast<std::size_t>(n)], "Z-" + std::to_string(n), eur(10), day("2026-01-01"));
  for (int n = 0; n < 7; ++n) {
    CreditNote cn;
    cn.customer_id = customers[0];
    cn.external_id = "G-" + std::to_string(n);
    cn.number = cn.external_id;
    cn.issue_date = day("2026-01-02");
    cn.amount = eur(5);
    ASSERT_TRUE(store().upsert_credit_note(c.id, cn).has_value());
  }
  ports::ListQuery q;
  q.limit = 3;
  int pages = 0;
  auto cs = all_pages<Customer>([&](const ports::ListQuery& lq) { return store().list_customers(c.id, lq); }, q, pages);
  EXPECT_EQ(cs.size(), 7u);
  EXPECT_EQ(pages, 3);
  auto ps = all_pages<Payment>([&](const ports::ListQuery& lq) { return store().list_payments(c.id, lq); }, q, pages);
  EXPECT_EQ(ps.size(), 7u);
  auto ns = all_pages<CreditNote>([&](const ports::ListQuery& lq) { return store().list_credit_notes(c.id, lq); }, q, pages);
  EXPECT_EQ(ns.size(), 7u);
  std::set<std::int64_t> seen;
  for (const auto& p : ps) seen.insert(p.id.value);
  EXPECT_EQ(seen.size(), 7u);

  q.customer_external_id = "K-3";
  auto only = store().list_payments(c.id, q);
  ASSERT_TRUE(only.has_value());
  ASSERT_EQ(only->items.size(), 1u);
  EXPECT_EQ(only->items[0].external_id, "Z-3");
  auto one_customer = store().list_customers(c.id, q);
  ASSERT_TRUE(one_customer.has_value());
  ASSERT_EQ(one_customer->items.size(), 1u);
  EXPECT_EQ(one_customer->items[0].external_id, "K-3");
  q.customer_external_id = "K-0";
  auto notes = store().list_credit_notes(c.id, q);
  ASSERT_TRUE(notes.has_value());
  EXPECT_EQ(notes->items.size(), 3u);
  q.customer_external_id = "unknown";
  auto none = store().list_payments(c.id, q);
  ASSERT_TRUE(none.has_value());
  EXPECT_TRUE(none->items.empty());
}

std::vector<std::string> external_ids(const base::Result<ports::Page<Invoice>>& page) {
  std::vector<std::string> out;
  EXPECT_TRUE(page.has_value()) << page.error().to_string();
  if (page) for (const auto& i : page->items) out.push_back(i.external_id);
  return out;
}

TEST_P(StoreTest, InvoiceFiltersByCustomerStatusAndDueDate) {
  auto c = creditor("swb");
  auto k1 = customer(c.id, "K-1");
  auto k2 = customer(c.id, "K-2");
  invoice(c.id, k1.id, "past", eur(100), day("2026-05-01"));
  invoice(c.id, k1.id, "today", eur(200), day("2026-06-30"));
  invoice(c.id, k2.id, "future", eur(300), day("2026-07-15"));
  auto paid = invoice(c.id, k2.id, "paid", eur(400), day("2026-04-01"));
  // Pay "paid" in full through an allocation.
  Payment p = payment(c.id, k2.id, "Z-1", eur(400), day("2026-04-01"));
  p.reference = "RE-paid";
  ASSERT_TRUE(store().upsert_payment(c.id, p).has_value());
  auto ledger = store().load_customer_ledger(c.id, k2.id);
  ASSERT_TRUE(ledger.has_value());
  auto allocated = auto_allocate(*ledger);
  ASSERT_TRUE(allocated.has_value()) << allocated.error().to_string();
  ASSERT_EQ(allocated->size(), 1u);
  ASSERT_TRUE(store().save_allocations(c.id, *ledger).has_value());

  ports::ListQuery q;
  q.as_of = day("2026-06-30");
  q.status = "open";
  EXPECT_EQ(external_ids(store().list_invoices(c.id, q)), (std::vector<std::string>{"past", "today", "future"}));
  q.status = "paid";
  EXPECT_EQ(external_ids(store().list_invoices(c.id, q)), (std::vector<std::string>{"paid"}));
  q.status = "overdue";
  EXPECT_EQ(external_ids(store().list_invoices(c.id, q)), (std::vector<std::string>{"past"}));
  q.status = "not_due";
  EXPECT_EQ(external_ids(store().list_invoices(c.id, q)), (std::vector<std::string>{"today", "future"}));
  q.status.reset();
  q.due_from = day("2026-06-30");
  EXPECT_EQ(external_ids(store().list_invoices(c.id, q)), (std::vector<std::string>{"today", "future"}));
  q.due_to = day("2026-06-30");
  EXPECT_EQ(external_ids(store().list_invoices(c.id, q)), (std::vector<std::string>{"today"}));
  q.due_from.reset();
  EXPECT_EQ(external_ids(store().list_invoices(c.id, q)), (std::vector<std::string>{"past", "today", "paid"}));
  q.due_to.reset();
  q.customer_external_id = "K-2";
  EXPECT_EQ(external_ids(store().list_invoices(c.id, q)), (std::vector<std::string>{"future", "paid"}));
  q.status = "open";
  q.due_to = day("2026-12-31");
  EXPECT_EQ(external_ids(store().list_invoices(c.id, q)), (std::vector<std::string>{"future"}));
  (void)paid;
}

TEST_P(StoreTest, BadLimitStatusAndCursorAreClearErrors) {
  auto c = creditor("swb");
  ports::ListQuery q;
  for (int limit : {0, -1, 501}) {
    q.limit = limit;
    auto r = store().list_invoices(c.id, q);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, ErrorCode::query_invalid);
    EXPECT_EQ(r.error().field, "limit");
    EXPECT_NE(r.error().detail.find("1 to 500"), std::string::npos);
  }
  q.limit = 10;
  q.status = "late";
  auto s = store().list_invoices(c.id, q);
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code, ErrorCode::query_invalid);
  EXPECT_NE(s.error().detail.find("open, paid, overdue, not_due"), std::string::npos);
  q.status.reset();
  for (const char* cursor : {"x", "n", "n-1", "nZZ", "12", "n0", "nzzzzzzzzzzzzzzzzz", "n1 "}) {
    q.cursor = cursor;
    auto r = store().list_customers(c.id, q);
    ASSERT_FALSE(r.has_value()) << cursor;
    EXPECT_EQ(r.error().code, ErrorCode::cursor_invalid) << cursor;
    EXPECT_EQ(r.error().field, "cursor");
  }
}

TEST_P(StoreTest, CreditorsNeverSeeEachOthersRecords) {
  auto a = creditor("aaa");
  auto b = creditor("bbb");
  auto ka = customer(a.id, "K-1", "Kunde von A");
  auto ia = invoice(a.id, ka.id, "R-1", eur(1000), day("2026-03-01"));
  auto pa = payment(a.id, ka.id, "Z-1", eur(10), day("2026-03-02"));

  // By id, by external id, by list, by the id maps.
  auto by_id = store().customer_by_id(b.id, ka.id);
  ASSERT_TRUE(by_id.has_value());
  EXPECT_FALSE(by_id->has_value());
  auto by_ext = store().customer_by_external_id(b.id, "K-1");
  ASSERT_TRUE(by_ext.has_value());
  EXPECT_FALSE(by_ext->has_value());
  auto inv = store().invoice_by_external_id(b.id, "R-1");
  ASSERT_TRUE(inv.has_value());
  EXPECT_FALSE(inv->has_value());
  auto pay = store().payment_by_external_id(b.id, "Z-1");
  ASSERT_TRUE(pay.has_value());
  EXPECT_FALSE(pay->has_value());
  ports::ListQuery q;
  EXPECT_TRUE(store().list_customers(b.id, q)->items.empty());
  EXPECT_TRUE(store().list_invoices(b.id, q)->items.empty());
  EXPECT_TRUE(store().list_payments(b.id, q)->items.empty());
  EXPECT_TRUE(store().customer_ids(b.id)->empty());
  EXPECT_TRUE(store().invoice_ids(b.id)->empty());
  EXPECT_TRUE(store().customers_with_unapplied(b.id)->empty());
  auto ledger = store().load_customer_ledger(b.id, ka.id);
  ASSERT_FALSE(ledger.has_value());
  EXPECT_EQ(ledger.error().code, ErrorCode::customer_unknown);
  // A's cursor does not reveal A's rows to B either.
  q.limit = 1;
  auto page_a = store().list_invoices(a.id, q);
  ASSERT_TRUE(page_a.has_value());
  q.customer_external_id = "K-1";
  EXPECT_TRUE(store().list_invoices(b.id, q)->items.empty());
  q.customer_external_id.reset();

  // By reference: B's records cannot point at A's customer, invoice or payment.
  Invoice ib;
  ib.customer_id = ka.id;
  ib.external_id = "R-B";
  ib.amount = eur(5);
  auto r1 = store().upsert_invoice(b.id, ib);
  ASSERT_FALSE(r1.has_value());
  EXPECT_EQ(r1.error().code, ErrorCode::db_constraint);
  EXPECT_NE(r1.error().detail.find("invoice 'R-B'"), std::string::npos) << r1.error().detail;
  EXPECT_NE(r1.error().detail.find("belongs to another creditor"), std::string::npos) << r1.error().detail;
  EXPECT_EQ(r1.error().detail.find('\n'), std::string::npos) << r1.error().detail;
  auto kb = customer(b.id, "K-1", "Kunde von B");
  CreditNote nb;
  nb.customer_id = kb.id;
  nb.external_id = "G-B";
  nb.amount = eur(5);
  nb.invoice_id = ia.id;
  auto r2 = store().upsert_credit_note(b.id, nb);
  ASSERT_FALSE(r2.has_value());
  EXPECT_EQ(r2.error().code, ErrorCode::db_constraint);
  Payment pb;
  pb.customer_id = ka.id;
  pb.external_id = "Z-B";
  pb.amount = eur(5);
  EXPECT_EQ(store().upsert_payment(b.id, pb).error().code, ErrorCode::db_constraint);
  // Moving A's invoice to B's customer through an upsert of A fails as well.
  Invoice moved = ia;
  moved.customer_id = kb.id;
  auto r3 = store().upsert_invoice(a.id, moved);
  ASSERT_FALSE(r3.has_value());
  EXPECT_EQ(r3.error().code, ErrorCode::db_constraint);
  // Allocations of B that name A's invoice and payment are refused.
  auto ledger_b = store().load_customer_ledger(b.id, kb.id);
  ASSERT_TRUE(ledger_b.has_value());
  Invoice fake = ia;
  fake.creditor_id = b.id;
  fake.customer_id = kb.id;
  fake.open = eur(990);
  Payment fake_pay = pa;
  fake_pay.creditor_id = b.id;
  fake_pay.customer_id = kb.id;
  fake_pay.unallocated = eur(0);
  ledger_b->invoices.push_back(fake);
  ledger_b->payments.push_back(fake_pay);
  Allocation al;
  al.creditor_id = b.id;
  al.customer_id = kb.id;
  al.source = AllocationSource::payment;
  al.source_id = pa.id.value;
  al.invoice_id = ia.id;
  al.amount = eur(10);
  al.date = day("2026-03-02");
  ledger_b->allocations.push_back(al);
  auto saved = store().save_allocations(b.id, *ledger_b);
  ASSERT_FALSE(saved.has_value());
  EXPECT_TRUE(saved.error().code == ErrorCode::db_constraint || saved.error().code == ErrorCode::ledger_inconsistent)
      << saved.error().to_string();

  // The same external ids live side by side; A's data is untouched.
  auto ib2 = invoice(b.id, kb.id, "R-1", eur(77), day("2026-04-01"));
  EXPECT_NE(ib2.id, ia.id);
  auto still = store().invoice_by_external_id(a.id, "R-1");
  ASSERT_TRUE(still.has_value() && still->has_value());
  EXPECT_EQ((*still)->amount, eur(1000));
  EXPECT_EQ((*still)->open, eur(1000));
  EXPECT_EQ((*still)->customer_id, ka.id);
  auto a_payment = store().payment_by_external_id(a.id, "Z-1");
  ASSERT_TRUE(a_payment.has_value() && a_payment->has_value());
  EXPECT_EQ((*a_payment)->unallocated, eur(10));
  auto sum_b = store().portfolio_summary(b.id, day("2026-06-30"));
  ASSERT_TRUE(sum_b.has_value());
  EXPECT_EQ(sum_b->customers, 1);
  EXPECT_EQ(sum_b->invoices, 1);
  EXPECT_EQ(sum_b->aging.total_open, eur(77));
}

}  // namespace
}  // namespace kulanz::store_test
