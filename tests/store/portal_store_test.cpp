// PortalStore on both databases: a session is found by its token hash until it expires,
// records the passed check and the language, ends alone or with all of its customer's
// sessions (a revoked link), expired ones are purged; failed checks are kept per customer
// and creditor, replaced and cleared; failed entries per typed number; portal files get
// versions; interactions are listed newest first per customer and rated once, only by
// their own customer.
#include "store_fixture.hpp"

namespace kulanz::store_test {
namespace {

const std::int64_t kNow = 1795420800;  // 2026-11-23 08:00 UTC

class PortalStoreTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    c_ = creditor("swb").id;
    k1_ = customer(c_, "K-1").id;
    k2_ = customer(c_, "K-2").id;
  }
  ports::PortalSession session(const std::string& hash, CustomerId k, std::int64_t expires = kNow + 3600) {
    ports::PortalSession s;
    s.token_sha256 = hash;
    s.creditor_id = c_;
    s.customer_id = k;
    s.csrf_token = "csrf-" + hash;
    s.language = "de";
    s.entered_via = "link";
    s.created_unix = kNow;
    s.expires_unix = expires;
    EXPECT_TRUE(store().portal().create_portal_session(s).has_value());
    return s;
  }
  CreditorId c_;
  CustomerId k1_, k2_;
};

TEST_P(PortalStoreTest, SessionsLiveUntilTheyExpireOrEnd) {
  auto& ps = store().portal();
  session("aa11", k1_);
  session("bb22", k1_);
  session("cc33", k2_);
  session("dd44", k2_, kNow - 1);  // expired already

  auto found = ps.portal_session("aa11", kNow);
  ASSERT_TRUE(found.has_value()) << found.error().to_string();
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->customer_id, k1_);
  EXPECT_EQ((*found)->csrf_token, "csrf-aa11");
  EXPECT_EQ((*found)->verified_unix, 0);
  EXPECT_FALSE(ps.portal_session("aa11", kNow + 3600)->has_value()) << "expired at expires_unix";
  EXPECT_FALSE(ps.portal_session("dd44", kNow)->has_value());
  EXPECT_FALSE(ps.portal_session("zz99", kNow)->has_value());

  EXPECT_TRUE(ps.set_portal_session_verified("aa11", kNow + 5).value());
  EXPECT_TRUE(ps.set_portal_session_language("aa11", "en").value());
  EXPECT_FALSE(ps.set_portal_session_language("zz99", "en").value());
  found = ps.portal_session("aa11", kNow);
  EXPECT_EQ((*found)->verified_unix, kNow + 5);
  EXPECT_EQ((*found)->language, "en");

  ASSERT_TRUE(ps.end_portal_session("bb22").has_value());
  EXPECT_FALSE(ps.portal_session("bb22", kNow)->has_value());
  // A revoked link ends every session of its customer, and only those.
  EXPECT_EQ(ps.end_customer_portal_sessions(c_, k1_).value(), 1);
  EXPECT_FALSE(ps.portal_session("aa11", kNow)->has_value());
  EXPECT_TRUE(ps.portal_session("cc33", kNow)->has_value());
  EXPECT_EQ(ps.purge_expired_portal_sessions(kNow).value(), 1);
  EXPECT_EQ(ps.purge_expired_portal_sessions(kNow).value(), 0);
}

TEST_P(PortalStoreTest, FailedChecksAreKeptPerCustomerAndCreditor) {
  auto& ps = store().portal();
  auto none = ps.portal_check_failures(c_, k1_);
  ASSERT_TRUE(none.has_value()) << none.error().to_string();
  EXPECT_EQ(none->failures, 0);
  ASSERT_TRUE(ps.save_portal_check_failures(c_, k1_, {2, kNow, 0}).has_value());
  ASSERT_TRUE(ps.save_portal_check_failures(c_, k1_, {5, kNow, kNow + 900}).has_value());
  auto f = ps.portal_check_failures(c_, k1_).value();
  EXPECT_EQ(f.failures, 5);
  EXPECT_EQ(f.window_start_unix, kNow);
  EXPECT_EQ(f.locked_until_unix, kNow + 900);
  EXPECT_EQ(ps.portal_check_failures(c_, k2_)->failures, 0);
  auto other = creditor("other").id;
  auto k1_other = customer(other, "K-1").id;
  EXPECT_EQ(ps.portal_check_failures(other, k1_other)->failures, 0);
  ASSERT_TRUE(ps.clear_portal_check_failures(c_, k1_).has_value());
  EXPECT_EQ(ps.portal_check_failures(c_, k1_)->failures, 0);
}

TEST_P(PortalStoreTest, FailedEntriesAreKeptPerNumberAndCreditor) {
  auto& ps = store().portal();
  auto other = creditor("beta").id;
  EXPECT_EQ(ps.portal_entry_failures(c_, "n1")->failures, 0);
  ASSERT_TRUE(ps.save_portal_entry_failures(c_, "n1", {2, kNow, 0}).has_value());
  ASSERT_TRUE(ps.save_portal_entry_failures(c_, "n1", {5, kNow, kNow + 900}).has_value());
  EXPECT_EQ(ps.portal_entry_failures(c_, "n1")->failures, 5);
  EXPECT_EQ(ps.portal_entry_failures(c_, "n1")->locked_until_unix, kNow + 900);
  EXPECT_EQ(ps.portal_entry_failures(other, "n1")->failures, 0) << "per creditor";
  EXPECT_EQ(ps.portal_entry_failures(c_, "n2")->failures, 0);
  ASSERT_TRUE(ps.clear_portal_entry_failures(c_, "n1").has_value());
  EXPECT_EQ(ps.portal_entry_failures(c_, "n1")->failures, 0);
}

TEST_P(PortalStoreTest, PortalFilesGetVersionsAndTheLatestIsRead) {
  auto& ps = store().portal();
  EXPECT_FALSE(ps.latest_portal_file(c_)->has_value());
  ports::PortalFileRecord f{0, "[plan]\nmax_months = 3\n", "aa", "cli", kNow};
  EXPECT_EQ(ps.save_portal_file(c_, f).value(), 1);
  f.content = "[plan]\nmax_months = 4\n";
  EXPECT_EQ(ps.save_portal_file(c_, f).value(), 2);
  auto latest = ps.latest_portal_file(c_);
  ASSERT_TRUE(latest.has_value() && latest->has_value());
  EXPECT_EQ((*latest)->version, 2);
  EXPECT_EQ((*latest)->content, "[plan]\nmax_months = 4\n");
  EXPECT_FALSE(ps.latest_portal_file(creditor("beta").id)->has_value());
}

TEST_P(PortalStoreTest, InteractionsAreListedNewestFirstAndRatedOnceByTheirCustomer) {
  auto& ps = store().portal();
  std::vector<std::int64_t> ids;
  for (int n = 0; n < 3; ++n) {
    ports::PortalInteraction i;
    i.customer_id = n == 1 ? k2_ : k1_;
    i.kind = "promise";
    i.summary = "Zahlung zugesagt bis 30.11.2026";
    i.detail_json = "{\"date\":\"2026-11-30\"}";
    i.session_ref = "portal:0123456789abcdef";
    i.created_unix = kNow + n;
    ASSERT_TRUE(ps.add_portal_interaction(c_, i).has_value());
    EXPECT_GT(i.id, 0);
    ids.push_back(i.id);
  }
  auto mine = ps.list_portal_interactions(c_, k1_, 0, 10);
  ASSERT_TRUE(mine.has_value()) << mine.error().to_string();
  ASSERT_EQ(mine->size(), 2u);
  EXPECT_EQ((*mine)[0].id, ids[2]);
  EXPECT_EQ((*mine)[1].detail_json, "{\"date\":\"2026-11-30\"}");
  EXPECT_EQ((*mine)[1].session_ref, "portal:0123456789abcdef");
  EXPECT_EQ(ps.list_portal_interactions(c_, std::nullopt, 0, 10)->size(), 3u);
  EXPECT_EQ(ps.list_portal_interactions(c_, std::nullopt, ids[2], 10)->size(), 2u);
  EXPECT_TRUE(ps.list_portal_interactions(creditor("beta").id, std::nullopt, 0, 10)->empty());

  EXPECT_FALSE(ps.rate_portal_interaction(c_, k2_, ids[0], "good", "", kNow).value()) << "another customer's";
  EXPECT_TRUE(ps.rate_portal_interaction(c_, k1_, ids[0], "bad", "Zu kompliziert", kNow + 9).value());
  EXPECT_FALSE(ps.rate_portal_interaction(c_, k1_, ids[0], "good", "", kNow + 10).value()) << "rated once";
  mine = ps.list_portal_interactions(c_, k1_, 0, 10);
  EXPECT_EQ((*mine)[1].rating, "bad");
  EXPECT_EQ((*mine)[1].rating_comment, "Zu kompliziert");
  EXPECT_EQ((*mine)[1].rated_unix, kNow + 9);
}

TEST_P(PortalStoreTest, PaymentPlansKeepTheirInstalmentsAndEndOnce) {
  auto& ps = store().portal();
  auto plan = [&](CustomerId k, std::int64_t total, int count) {
    ports::PaymentPlanRecord p;
    p.customer_id = k;
    p.hold_id = 7;
    p.total_minor = total;
    p.currency = "EUR";
    p.invoice_ids = {domain::InvoiceId(3), domain::InvoiceId(5)};
    p.interest_accrues = true;
    p.session_ref = "portal:0123456789abcdef";
    p.created_unix = kNow;
    for (int n = 1; n <= count; ++n) {
      p.instalments.push_back({n, calendar::Date::parse_iso("2026-11-30").value().add_months(n - 1), total / count});
    }
    EXPECT_TRUE(ps.add_payment_plan(c_, p).has_value());
    EXPECT_GT(p.id, 0);
    return p.id;
  };
  const auto first = plan(k1_, 90000, 3);
  const auto second = plan(k2_, 40000, 2);
  const auto beta = creditor("beta").id;
  auto all = ps.list_payment_plans(c_, std::nullopt, true);
  ASSERT_TRUE(all.has_value()) << all.error().to_string();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].id, first);
  ASSERT_EQ((*all)[0].instalments.size(), 3u);
  EXPECT_EQ((*all)[0].instalments[2].number, 3);
  EXPECT_EQ((*all)[0].instalments[2].due_on.iso(), "2027-01-30");
  EXPECT_EQ((*all)[0].instalments[2].amount_minor, 30000);
  EXPECT_EQ((*all)[0].invoice_ids, (std::vector<domain::InvoiceId>{domain::InvoiceId(3), domain::InvoiceId(5)}));
  EXPECT_TRUE((*all)[0].interest_accrues);
  EXPECT_EQ((*all)[1].instalments.size(), 2u);
  EXPECT_EQ(ps.list_payment_plans(c_, k2_, false)->size(), 1u);
  EXPECT_TRUE(ps.list_payment_plans(beta, std::nullopt, false)->empty());

  EXPECT_TRUE(ps.end_payment_plan(c_, first, "broken", kNow + 60).value());
  EXPECT_FALSE(ps.end_payment_plan(c_, first, "completed", kNow + 61).value()) << "ended once";
  EXPECT_FALSE(ps.end_payment_plan(beta, second, "broken", kNow).value()) << "another creditor's";
  EXPECT_FALSE(ps.end_payment_plan(c_, second, "active", kNow).has_value());
  auto active = ps.list_payment_plans(c_, std::nullopt, true);
  ASSERT_EQ(active->size(), 1u);
  EXPECT_EQ((*active)[0].id, second);
  auto ended = ps.list_payment_plans(c_, k1_, false);
  EXPECT_EQ((*ended)[0].status, "broken");
  EXPECT_EQ((*ended)[0].ended_unix, kNow + 60);
}

INSTANTIATE_TEST_SUITE_P(Db, PortalStoreTest, ::testing::Values(Backend::sqlite, Backend::postgres),
                         [](const ::testing::TestParamInfo<Backend>& param_info) {
                           return param_info.param == Backend::sqlite ? std::string("Sqlite") : std::string("Postgres");
                         });

}  // namespace
}  // namespace kulanz::store_test
