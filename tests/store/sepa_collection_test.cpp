// Direct debits handed to the bank (migration 0015) on both databases: the store keeps each
// debit with its items, lists them per mandate, refuses an item collected before and a
// repeated end-to-end id without writing anything, and keeps creditors apart. The export
// service's rules on real data: which single and recurring mandates collect what on a day,
// FRST then RCUR, a second export of the day collects nothing, a dry run and a failed
// check or delivery write nothing, and the collection day is checked.
#include <map>
#include <set>

#include "engine/records.hpp"
#include "portal/settings.hpp"
#include "services/allocation_service.hpp"
#include "services/direct_debits.hpp"
#include "services/portal.hpp"
#include "store_fixture.hpp"

namespace kulanz::store_test {
namespace {

using base::ErrorCode;

const std::int64_t kNow = 1906533000;  // Saturday 2030-06-01 08:30 UTC

std::int64_t noon_of(const char* iso) { return std::int64_t{day(iso).days_since_epoch()} * 86400 + 43200; }

class SepaCollectionTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    c_ = creditor("swb").id;
    k1_ = customer(c_, "K-1", "Jürgen Müller").id;
    k2_ = customer(c_, "K-2", "Max Muster").id;
  }
  ports::MandateRecord mandate(CustomerId k, const std::string& reference, const std::string& scope,
                               std::vector<InvoiceId> items = {}, std::int64_t amount = 0,
                               std::optional<Date> on = std::nullopt, const char* signed_on = "2030-05-01",
                               const std::string& holder = "Jürgen Müller") {
    ports::MandateRecord m;
    m.customer_id = k;
    m.reference = reference;
    m.account_holder = holder;
    m.iban = "DE02120300000000202051";
    m.scope = scope;
    m.amount_minor = amount;
    m.currency = "EUR";
    m.invoice_ids = std::move(items);
    m.collection_on = on;
    m.session_ref = "portal:0123456789abcdef";
    m.signed_unix = noon_of(signed_on);
    auto st = store().portal().add_mandate(c_, m);
    EXPECT_TRUE(st.has_value()) << st.error().to_string();
    return m;
  }
  ports::SepaCollectionRecord collection(const ports::MandateRecord& m, std::vector<InvoiceId> items,
                                         const std::string& e2e, std::int64_t amount = 1000) {
    ports::SepaCollectionRecord c;
    c.mandate_id = m.id;
    c.customer_id = m.customer_id;
    c.sequence_type = m.scope == "single" ? "OOFF" : "FRST";
    c.invoice_ids = std::move(items);
    c.amount_minor = amount;
    c.currency = "EUR";
    c.collection_on = day("2030-06-04");
    c.message_id = "KLZ20300601083000-1";
    c.end_to_end_id = e2e;
    c.created_unix = kNow;
    return c;
  }
  // The creditor's portal file with a creditor identifier, and a profile with the account.
  void creditor_data() {
    std::string file(portal::builtin_portal_text());
    const std::string commented = "# creditor_identifier = ";
    ASSERT_NE(file.find(commented), std::string::npos);
    file.replace(file.find(commented), commented.size(), "creditor_identifier = ");
    auto loaded = services::load_portal_file(store(), c_, file, "portal.toml", "test", kNow);
    ASSERT_TRUE(loaded.has_value() && loaded->errors.empty());
    CreditorProfile p;
    p.legal_name = "Stadtwerke Beispiel GmbH";
    p.iban = "DE89370400440532013000";
    p.bic = "COBADEFFXXX";
    ASSERT_TRUE(store().save_creditor_profile(c_, p).has_value());
  }
  services::DirectDebitRequest request(const char* on = "2030-06-04", bool dry_run = false) {
    services::DirectDebitRequest r;
    r.creditor = c_;
    r.collection_on = day(on);
    r.today = day("2030-06-01");
    r.now_unix = kNow;
    r.dry_run = dry_run;
    return r;
  }
  std::size_t recorded() { return store().portal().list_sepa_collections(c_, std::nullopt).value().size(); }

  CreditorId c_;
  CustomerId k1_, k2_;
};

TEST_P(SepaCollectionTest, DebitsAreKeptWithTheirItemsAndListedPerMandate) {
  auto& ps = store().portal();
  const auto r1 = invoice(c_, k1_, "R-1", eur(10000), day("2030-06-01"));
  const auto r2 = invoice(c_, k1_, "R-2", eur(5000), day("2030-06-01"));
  const auto r3 = invoice(c_, k2_, "R-3", eur(700), day("2030-06-01"));
  const auto single = mandate(k1_, "M-K-1-1", "single", {r1.id, r2.id}, 15000, day("2030-06-04"));
  const auto recurring = mandate(k2_, "M-K-2-1", "recurring");
  auto a = collection(single, {r1.id, r2.id}, "KLZ20300601083000-1-1", 15000);
  ASSERT_TRUE(ps.add_sepa_collection(c_, a).has_value());
  EXPECT_GT(a.id, 0);
  auto b = collection(recurring, {r3.id}, "KLZ20300601083000-1-2", 700);
  ASSERT_TRUE(ps.add_sepa_collection(c_, b).has_value());

  auto all = ps.list_sepa_collections(c_, std::nullopt);
  ASSERT_TRUE(all.has_value()) << all.error().to_string();
  ASSERT_EQ(all->size(), 2u);
  const auto& first = (*all)[0];
  EXPECT_EQ(first.id, a.id);
  EXPECT_EQ(first.mandate_id, single.id);
  EXPECT_EQ(first.customer_id, k1_);
  EXPECT_EQ(first.sequence_type, "OOFF");
  EXPECT_EQ(first.invoice_ids, (std::vector<InvoiceId>{r1.id, r2.id}));
  EXPECT_EQ(first.amount_minor, 15000);
  EXPECT_EQ(first.currency, "EUR");
  EXPECT_EQ(first.collection_on, day("2030-06-04"));
  EXPECT_EQ(first.message_id, "KLZ20300601083000-1");
  EXPECT_EQ(first.end_to_end_id, "KLZ20300601083000-1-1");
  EXPECT_EQ(first.created_unix, kNow);
  auto of_recurring = ps.list_sepa_collections(c_, recurring.id);
  ASSERT_EQ(of_recurring->size(), 1u);
  EXPECT_EQ((*of_recurring)[0].sequence_type, "FRST");
  EXPECT_TRUE(ps.list_sepa_collections(creditor("beta").id, std::nullopt)->empty());
}

TEST_P(SepaCollectionTest, AnItemIsCollectedOnceAndARefusedDebitWritesNothing) {
  auto& ps = store().portal();
  const auto r1 = invoice(c_, k1_, "R-1", eur(10000), day("2030-06-01"));
  const auto r2 = invoice(c_, k1_, "R-2", eur(5000), day("2030-06-01"));
  const auto m = mandate(k1_, "M-K-1-1", "recurring");
  auto a = collection(m, {r1.id}, "E-1");
  ASSERT_TRUE(ps.add_sepa_collection(c_, a).has_value());

  auto again = collection(m, {r2.id, r1.id}, "E-2");
  auto st = ps.add_sepa_collection(c_, again);
  ASSERT_FALSE(st.has_value());
  EXPECT_EQ(st.error().code, ErrorCode::conflict);
  EXPECT_NE(st.error().detail.find("collected before"), std::string::npos) << st.error().to_string();
  EXPECT_EQ(recorded(), 1u) << "the refused debit left a row";
  // R-2 alone is still free.
  auto r2_only = collection(m, {r2.id}, "E-2");
  EXPECT_TRUE(ps.add_sepa_collection(c_, r2_only).has_value());

  // A repeated end-to-end id is refused by the database.
  const auto r3 = invoice(c_, k1_, "R-3", eur(100), day("2030-06-01"));
  auto same_id = collection(m, {r3.id}, "E-1");
  EXPECT_FALSE(ps.add_sepa_collection(c_, same_id).has_value());
  EXPECT_EQ(recorded(), 2u);

  auto bad = collection(m, {r3.id}, "E-3");
  bad.sequence_type = "FNAL";
  EXPECT_FALSE(ps.add_sepa_collection(c_, bad).has_value());
  bad.sequence_type = "RCUR";
  bad.invoice_ids.clear();
  EXPECT_FALSE(ps.add_sepa_collection(c_, bad).has_value());

  // Another creditor's debit can name neither this creditor's mandate nor its items.
  const auto beta = creditor("beta").id;
  const auto kb = customer(beta, "K-1").id;
  auto foreign = collection(m, {r3.id}, "E-9");
  foreign.customer_id = kb;
  EXPECT_FALSE(ps.add_sepa_collection(beta, foreign).has_value());
  EXPECT_TRUE(ps.list_sepa_collections(beta, std::nullopt)->empty());
}

TEST_P(SepaCollectionTest, TheExportCollectsWhatTheRulesSayAndNeverTwice) {
  creditor_data();
  auto& cs = store().collection();
  // K-1: a single mandate for the day; 150.00 open, the mandate says 140.00 (Skonto).
  const auto r1 = invoice(c_, k1_, "R-1", eur(10000), day("2030-06-10"), day("2030-05-20"));
  const auto r2 = invoice(c_, k1_, "R-2", eur(5000), day("2030-06-10"), day("2030-05-20"));
  const auto single = mandate(k1_, "M-K-1-1", "single", {r1.id, r2.id}, 14000, day("2030-06-04"));
  // K-2: a single mandate for the day whose item was paid meanwhile.
  const auto r21 = invoice(c_, k2_, "R-21", eur(5000), day("2030-06-10"));
  payment(c_, k2_, "Z-21", eur(5000), day("2030-05-30"));
  ASSERT_TRUE(services::reallocate(store(), c_, {k2_}).has_value());
  mandate(k2_, "M-K-2-1", "single", {r21.id}, 5000, day("2030-06-04"), "2030-05-01", "Max Muster");
  // K-3: a recurring mandate signed on 1 May.
  const auto k3 = customer(c_, "K-3", "Søren Ærø").id;
  const auto r31 = invoice(c_, k3, "R-31", eur(3100), day("2030-06-01"), day("2030-05-10"));  // collected
  invoice(c_, k3, "R-32", eur(3200), day("2030-06-01"), day("2030-04-20"));                   // issued before the mandate
  const auto r33 = invoice(c_, k3, "R-33", eur(3300), day("2030-06-04"), day("2030-06-03"));  // announced too late
  invoice(c_, k3, "R-34", eur(3400), day("2030-06-30"), day("2030-05-15"));                   // not due yet
  const auto r35 = invoice(c_, k3, "R-35", eur(3500), day("2030-06-02"), day("2030-05-12"));  // disputed
  const auto r37 = invoice(c_, k3, "R-37", eur(3700), day("2030-06-04"), day("2030-05-20"));  // collected
  Invoice fee;
  fee.customer_id = k3;
  fee.external_id = "F-36";
  fee.number = "F-36";
  fee.kind = ItemKind::fee;
  fee.issue_date = day("2030-05-20");
  fee.due_date = day("2030-06-01");
  fee.amount = eur(500);
  ASSERT_TRUE(store().upsert_invoice(c_, fee).has_value());                                  // a fee, not an invoice
  engine::Hold dispute;
  dispute.customer_id = k3;
  dispute.kind = engine::HoldKind::dispute;
  dispute.invoice_ids = {r35.id};
  dispute.starts_on = day("2030-05-25");
  dispute.reason = "Zählerstand bestritten";
  dispute.created_by = "cli";
  ASSERT_TRUE(cs.create_hold(c_, dispute).has_value());
  const auto recurring = mandate(k3, "M-K-3-1", "recurring", {}, 0, std::nullopt, "2030-05-01", "Søren Ærø");
  // K-4: a single mandate for another day, K-5: a revoked one for the day.
  const auto k4 = customer(c_, "K-4").id;
  const auto r4 = invoice(c_, k4, "R-4", eur(400), day("2030-06-10"));
  mandate(k4, "M-K-4-1", "single", {r4.id}, 400, day("2030-06-05"));
  const auto k5 = customer(c_, "K-5").id;
  const auto r5 = invoice(c_, k5, "R-5", eur(500), day("2030-06-10"));
  const auto revoked = mandate(k5, "M-K-5-1", "single", {r5.id}, 500, day("2030-06-04"));
  ASSERT_TRUE(store().portal().revoke_mandate(c_, k5, revoked.id, "portal:x", kNow).value());
  // K-6: a recurring mandate leaves the item of the customer's single mandate to it.
  const auto k6 = customer(c_, "K-6").id;
  const auto r61 = invoice(c_, k6, "R-61", eur(6100), day("2030-06-01"), day("2030-05-10"));
  const auto r62 = invoice(c_, k6, "R-62", eur(6200), day("2030-06-01"), day("2030-05-10"));
  mandate(k6, "M-K-6-1", "recurring", {}, 0, std::nullopt, "2030-05-01");
  mandate(k6, "M-K-6-2", "single", {r61.id}, 6100, day("2030-06-05"));
  // K-7: a single mandate for the day, but a payment waits to be allocated.
  const auto k7 = customer(c_, "K-7").id;
  const auto r7 = invoice(c_, k7, "R-7", eur(8000), day("2030-06-10"));
  payment(c_, k7, "Z-7", eur(2000), day("2030-05-30"));
  mandate(k7, "M-K-7-1", "single", {r7.id}, 8000, day("2030-06-04"));

  // A dry run plans and writes the file's text, but records nothing.
  bool delivered = false;
  auto deliver = [&](const services::DirectDebitExport&) -> base::Status {
    delivered = true;
    return {};
  };
  auto dry = services::export_direct_debits(store(), request("2030-06-04", true), deliver);
  ASSERT_TRUE(dry.has_value()) << dry.error().to_string();
  EXPECT_FALSE(dry->recorded);
  EXPECT_FALSE(delivered);
  EXPECT_EQ(dry->debits.size(), 3u);
  EXPECT_EQ(recorded(), 0u);

  auto done = services::export_direct_debits(store(), request(), deliver);
  ASSERT_TRUE(done.has_value()) << done.error().to_string();
  EXPECT_TRUE(done->recorded);
  EXPECT_TRUE(delivered);
  EXPECT_EQ(done->message_id, "KLZ20300601083000-1");
  ASSERT_EQ(done->debits.size(), 3u);
  const auto& d1 = done->debits[0];
  EXPECT_EQ(d1.mandate_reference, "M-K-1-1");
  EXPECT_EQ(d1.sequence_type, "OOFF");
  EXPECT_EQ(d1.amount_minor, 14000) << "capped at the mandate's amount";
  EXPECT_EQ(d1.items, (std::vector<InvoiceId>{r1.id, r2.id}));
  EXPECT_EQ(d1.end_to_end_id, "KLZ20300601083000-1-1");
  const auto& d3 = done->debits[1];
  EXPECT_EQ(d3.mandate_reference, "M-K-3-1");
  EXPECT_EQ(d3.sequence_type, "FRST");
  EXPECT_EQ(d3.items, (std::vector<InvoiceId>{r31.id, r37.id}));
  EXPECT_EQ(d3.item_numbers, (std::vector<std::string>{"RE-R-31", "RE-R-37"}));
  EXPECT_EQ(d3.amount_minor, 6800);
  const auto& d6 = done->debits[2];
  EXPECT_EQ(d6.mandate_reference, "M-K-6-1");
  EXPECT_EQ(d6.items, (std::vector<InvoiceId>{r62.id})) << "R-61 is left to its single mandate";
  EXPECT_EQ(done->total_minor, 14000 + 6800 + 6200);
  EXPECT_EQ(done->payment_infos, 2);  // OOFF and FRST
  std::set<std::string> skipped;
  for (const auto& s : done->skipped) skipped.insert(s.mandate_reference + ": " + s.reason);
  EXPECT_EQ(skipped.size(), 2u);
  EXPECT_TRUE(skipped.count("M-K-2-1: its items are paid"));
  EXPECT_EQ(skipped.count("M-K-7-1: the customer has 20.00 EUR of payments or credit notes not yet allocated; allocate "
                          "them, then export again"),
            1u)
      << testing::PrintToString(skipped);
  EXPECT_NE(done->xml.find("<Nm>Soren AEro</Nm>"), std::string::npos);
  EXPECT_NE(done->xml.find("<Ustrd>Rechnungen RE-R-31, RE-R-37</Ustrd>"), std::string::npos);
  EXPECT_NE(done->xml.find("<CtrlSum>270.00</CtrlSum>"), std::string::npos);
  EXPECT_NE(done->xml.find("<Id>DE98ZZZ09999999999</Id>"), std::string::npos);
  EXPECT_EQ(recorded(), 3u);

  // The same day again: nothing more to collect.
  auto again = services::export_direct_debits(store(), request(), deliver);
  ASSERT_TRUE(again.has_value()) << again.error().to_string();
  EXPECT_TRUE(again->debits.empty());
  EXPECT_TRUE(again->xml.empty());
  EXPECT_FALSE(again->recorded);
  bool told = false;
  for (const auto& s : again->skipped) {
    told = told || (s.mandate_reference == "M-K-1-1" && s.reason == "collected before (message KLZ20300601083000-1)");
  }
  EXPECT_TRUE(told);
  EXPECT_EQ(recorded(), 3u);

  // A week later: R-33 (now announced long enough before) and a new invoice under the
  // recurring mandate are one RCUR debit; K-6's single mandate can no longer collect (its
  // day passed), so its item goes to the recurring one. The message gets the next number.
  const auto r38 = invoice(c_, k3, "R-38", eur(3800), day("2030-06-11"), day("2030-06-05"));
  auto later = request("2030-06-11");
  later.today = day("2030-06-07");
  auto next = services::export_direct_debits(store(), later, deliver);
  ASSERT_TRUE(next.has_value()) << next.error().to_string();
  ASSERT_EQ(next->debits.size(), 2u);
  EXPECT_EQ(next->debits[0].mandate_reference, "M-K-3-1");
  EXPECT_EQ(next->debits[0].sequence_type, "RCUR");
  EXPECT_EQ(next->debits[0].items, (std::vector<InvoiceId>{r33.id, r38.id}));
  EXPECT_EQ(next->debits[0].amount_minor, 3300 + 3800);
  EXPECT_EQ(next->debits[1].mandate_reference, "M-K-6-1");
  EXPECT_EQ(next->debits[1].sequence_type, "RCUR");
  EXPECT_EQ(next->debits[1].items, (std::vector<InvoiceId>{r61.id}));
  EXPECT_EQ(next->message_id, "KLZ20300601083000-2");
  EXPECT_EQ(next->payment_infos, 1);
  EXPECT_NE(next->xml.find("<SeqTp>RCUR</SeqTp>"), std::string::npos);

  // The overview.
  auto overview = services::mandate_overview(store(), c_, day("2030-06-07"));
  ASSERT_TRUE(overview.has_value()) << overview.error().to_string();
  std::map<std::string, std::string> status;
  for (const auto& o : *overview) status[o.mandate.reference] = o.status;
  EXPECT_EQ(status["M-K-1-1"], "collected");
  EXPECT_EQ(status["M-K-2-1"], "lapsed");
  EXPECT_EQ(status["M-K-3-1"], "in_force");
  EXPECT_EQ(status["M-K-4-1"], "lapsed");
  EXPECT_EQ(status["M-K-5-1"], "revoked");
  EXPECT_EQ(status["M-K-6-2"], "lapsed");
  for (const auto& o : *overview) {
    if (o.mandate.reference != "M-K-3-1") continue;
    EXPECT_EQ(o.collections, 2);
    EXPECT_EQ(o.collected_minor, 6800 + 3300 + 3800);
    EXPECT_EQ(o.last_collection_on, day("2030-06-11"));
    EXPECT_EQ(o.customer_number, "K-3");
  }
  auto unused = services::mandate_overview(store(), c_, day("2033-07-01"));
  for (const auto& o : *unused) {
    if (o.mandate.reference != "M-K-6-1") continue;
    EXPECT_EQ(o.status, "expired");  // last collected 2030-06-11, 36 months before 2033-07-01
  }
  (void)single;
  (void)recurring;
}

TEST_P(SepaCollectionTest, AFailedCheckOrDeliveryWritesNothing) {
  creditor_data();
  const auto r1 = invoice(c_, k1_, "R-1", eur(10000), day("2030-06-10"));
  const auto r2 = invoice(c_, k2_, "R-2", eur(2000), day("2030-06-10"));
  mandate(k1_, "M-K-1-1", "single", {r1.id}, 10000, day("2030-06-04"));
  const auto cyrillic = mandate(k2_, "M-K-2-1", "single", {r2.id}, 2000, day("2030-06-04"), "2030-05-01", "Иван Петров");
  auto bad = services::export_direct_debits(store(), request(), nullptr);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::direct_debit_invalid);
  EXPECT_EQ(bad.error().location, "mandate M-K-2-1");
  EXPECT_EQ(bad.error().field, "debtor_name");
  EXPECT_EQ(recorded(), 0u);

  ASSERT_TRUE(store().portal().revoke_mandate(c_, k2_, cyrillic.id, "cli", kNow).value());
  auto refused = services::export_direct_debits(store(), request(), [](const services::DirectDebitExport&) -> base::Status {
    return base::fail(ErrorCode::invalid_argument, "disk full", "out");
  });
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().detail, "disk full");
  EXPECT_EQ(recorded(), 0u);
  auto ok = services::export_direct_debits(store(), request(), nullptr);
  ASSERT_TRUE(ok.has_value()) << ok.error().to_string();
  EXPECT_EQ(ok->debits.size(), 1u);
  EXPECT_EQ(recorded(), 1u);
}

TEST_P(SepaCollectionTest, TheCreditorNeedsAnIdentifierAndAnAccount) {
  const auto r1 = invoice(c_, k1_, "R-1", eur(10000), day("2030-06-10"));
  mandate(k1_, "M-K-1-1", "single", {r1.id}, 10000, day("2030-06-04"));
  auto no_ci = services::export_direct_debits(store(), request(), nullptr);
  ASSERT_FALSE(no_ci.has_value());
  EXPECT_EQ(no_ci.error().field, "creditor_identifier");
  creditor_data();
  CreditorProfile p;
  p.legal_name = "Stadtwerke Beispiel GmbH";
  ASSERT_TRUE(store().save_creditor_profile(c_, p).has_value());
  auto no_iban = services::export_direct_debits(store(), request(), nullptr);
  ASSERT_FALSE(no_iban.has_value());
  EXPECT_EQ(no_iban.error().field, "creditor_iban");
  EXPECT_EQ(recorded(), 0u);
}

TEST_P(SepaCollectionTest, TheCollectionDayIsATarget2DayAfterToday) {
  auto saturday = services::export_direct_debits(store(), request("2030-06-08"), nullptr);
  ASSERT_FALSE(saturday.has_value());
  EXPECT_EQ(saturday.error().code, ErrorCode::collection_date_invalid);
  EXPECT_NE(saturday.error().detail.find("the next one is 2030-06-10"), std::string::npos) << saturday.error().detail;
  auto christmas = services::export_direct_debits(store(), request("2030-12-25"), nullptr);
  ASSERT_FALSE(christmas.has_value());
  auto past = request("2030-06-03");
  past.today = day("2030-06-03");
  auto same_day = services::export_direct_debits(store(), past, nullptr);
  ASSERT_FALSE(same_day.has_value());
  EXPECT_NE(same_day.error().detail.find("the earliest is 2030-06-04"), std::string::npos) << same_day.error().detail;
  auto fine = services::export_direct_debits(store(), request("2030-06-03"), nullptr);
  ASSERT_TRUE(fine.has_value()) << fine.error().to_string();
  EXPECT_TRUE(fine->debits.empty());
}

INSTANTIATE_TEST_SUITE_P(Db, SepaCollectionTest, ::testing::Values(Backend::sqlite, Backend::postgres),
                         [](const ::testing::TestParamInfo<Backend>& param_info) {
                           return param_info.param == Backend::sqlite ? std::string("Sqlite") : std::string("Postgres");
                         });

}  // namespace
}  // namespace kulanz::store_test
