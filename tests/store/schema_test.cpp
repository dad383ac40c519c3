// Migrations, schema version checks, database URLs and transactions.
#include <unistd.h>

#include <thread>

#include "store/migrations.hpp"
#include "store/open.hpp"
#include "store_fixture.hpp"

namespace kulanz::store_test {
namespace {

using base::ErrorCode;

TEST_P(StoreTest, MigrateAppliesAllOnceAndIsIdempotent) {
  auto url = fresh_url();
  auto first = store::migrate(url);
  ASSERT_TRUE(first.has_value()) << first.error().to_string();
  std::vector<int> all;
  for (const auto& m : store::migrations()) all.push_back(m.version);
  EXPECT_EQ(*first, all);
  EXPECT_EQ(all, std::vector<int>({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}));
  auto second = store::migrate(url);
  ASSERT_TRUE(second.has_value()) << second.error().to_string();
  EXPECT_TRUE(second->empty());
  auto opened = store::open(url);
  EXPECT_TRUE(opened.has_value()) << opened.error().to_string();
}

// 0003 folds journeys, segment assignments and step records (0002) into one
// collection_state row per customer, keeping every value.
TEST_P(StoreTest, Migration3KeepsJourneysAssignmentsAndStepsInOneRowPerCustomer) {
  auto url = fresh_url();
  const store::Dialect dialect = GetParam() == Backend::sqlite ? store::Dialect::sqlite : store::Dialect::postgres;
  std::string v2 = "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);\n";
  for (const auto& m : store::migrations()) {
    if (m.version > 2) continue;
    v2 += store::migration_sql(m, dialect) + "\nINSERT INTO schema_migrations (version, applied_at) VALUES (" +
          std::to_string(m.version) + ", '2026-01-01T00:00:00Z');\n";
  }
  raw_exec(url, v2);
  raw_exec(url, R"sql(
INSERT INTO creditors (id, code, name, currency, country) VALUES (1, 'sw', 'Stadtwerke', 'EUR', 'DE');
INSERT INTO customers (id, creditor_id, external_id, name, customer_type, language, time_zone, country, state, postal_code,
                       city, street, key_account, also_supplier, lifetime_revenue_minor, contacts)
  VALUES (1, 1, 'K-1', 'Erika', 'consumer', 'de', 'Europe/Berlin', 'DE', 'BY', '80331', 'München', 'Weg 1', 0, 0, 0, '[]'),
         (2, 1, 'K-2', 'Max', 'business', 'de', 'Europe/Berlin', 'DE', 'BE', '10115', 'Berlin', 'Weg 2', 0, 0, 0, '[]'),
         (3, 1, 'K-3', 'Nina', 'consumer', 'de', 'Europe/Berlin', 'DE', 'BE', '10115', 'Berlin', 'Weg 3', 0, 0, 0, '[]');
INSERT INTO invoices (id, creditor_id, customer_id, external_id, number, kind, issue_date, due_date, currency, amount_minor,
                      skonto_basis_points, skonto_days, open_minor)
  VALUES (10, 1, 1, 'R-10', 'R-10', 'invoice', '2026-01-01', '2026-02-01', 'EUR', 1000, 0, 0, 1000),
         (11, 1, 1, 'R-11', 'R-11', 'invoice', '2026-01-01', '2026-02-01', 'EUR', 2000, 0, 0, 2000);
INSERT INTO segment_assignments (creditor_id, customer_id, segment, rule_index, explanation, as_of)
  VALUES (1, 1, 'consumers', 6, 'default segment', '2026-03-01'), (1, 3, 'vip', -1, 'override', '2026-03-02');
INSERT INTO journeys (creditor_id, customer_id, strategy, version, variant, holdout, started_on)
  VALUES (1, 1, 'consumers', 2, 'sms_first', 1, '2026-02-11'), (1, 2, 'businesses', 1, '', 0, '2026-02-12');
INSERT INTO step_records (creditor_id, customer_id, invoice_id, strategy, version, step_index, state, on_date, decision_key)
  VALUES (1, 1, 10, 'consumers', 2, 0, 'skipped', '2026-02-11', 'c1/consumers@2/s0/10'),
         (1, 1, 10, 'consumers', 2, 1, 'done', '2026-02-11', 'c1/consumers@2/s1/10.11'),
         (1, 1, 11, 'consumers', 2, 1, 'done', '2026-02-11', 'c1/consumers@2/s1/10.11'),
         (1, 1, 11, '$limitation', 0, 0, 'done', '2026-03-01', 'c1/limitation/11');
)sql");
  auto applied = store::migrate(url);
  ASSERT_TRUE(applied.has_value()) << applied.error().to_string();
  EXPECT_EQ(*applied, std::vector<int>({3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}));
  auto opened = store::open(url);
  ASSERT_TRUE(opened.has_value()) << opened.error().to_string();
  auto& cs = (*opened)->collection();
  auto one = cs.load_case(CreditorId(1), CustomerId(1), day("2026-01-01"));
  ASSERT_TRUE(one.has_value()) << one.error().to_string();
  ASSERT_TRUE(one->has_value());
  const auto& c1 = **one;
  ASSERT_TRUE(c1.assignment.has_value());
  EXPECT_EQ(c1.assignment->segment, "consumers");
  EXPECT_EQ(c1.assignment->rule_index, 6);
  EXPECT_EQ(c1.assignment->explanation, "default segment");
  EXPECT_EQ(c1.assignment->as_of, day("2026-03-01"));
  ASSERT_TRUE(c1.journey.has_value());
  EXPECT_EQ(c1.journey->strategy, "consumers");
  EXPECT_EQ(c1.journey->version, 2);
  EXPECT_EQ(c1.journey->variant, "sms_first");
  EXPECT_TRUE(c1.journey->holdout);
  EXPECT_EQ(c1.journey->started_on, day("2026-02-11"));
  ASSERT_EQ(c1.steps.size(), 4u);
  int done = 0, skipped = 0, limitation = 0;
  for (const auto& r : c1.steps) {
    EXPECT_EQ(r.customer_id, CustomerId(1));
    if (r.strategy == "$limitation") {
      ++limitation;
      EXPECT_EQ(r.invoice_id, InvoiceId(11));
      EXPECT_EQ(r.on, day("2026-03-01"));
      continue;
    }
    EXPECT_EQ(r.version, 2);
    if (r.state == engine::StepState::skipped) {
      ++skipped;
      EXPECT_EQ(r.invoice_id, InvoiceId(10));
      EXPECT_EQ(r.step_index, 0);
    } else {
      ++done;
      EXPECT_EQ(r.step_index, 1);
      EXPECT_EQ(r.on, day("2026-02-11"));
    }
  }
  EXPECT_EQ(done, 2);
  EXPECT_EQ(skipped, 1);
  EXPECT_EQ(limitation, 1);
  auto two = cs.load_case(CreditorId(1), CustomerId(2), day("2026-01-01"));
  ASSERT_TRUE(two.has_value() && two->has_value());
  EXPECT_FALSE((*two)->assignment.has_value());
  ASSERT_TRUE((*two)->journey.has_value());
  EXPECT_EQ((*two)->journey->strategy, "businesses");
  EXPECT_TRUE((*two)->steps.empty());
  auto three = cs.segment_assignment(CreditorId(1), CustomerId(3));
  ASSERT_TRUE(three.has_value() && three->has_value());
  EXPECT_EQ((*three)->segment, "vip");
  EXPECT_EQ((*three)->rule_index, -1);
  auto none = cs.load_case(CreditorId(1), CustomerId(3), day("2026-01-01"));
  ASSERT_TRUE(none.has_value() && none->has_value());
  EXPECT_FALSE((*none)->journey.has_value());
}

TEST_P(StoreTest, ConcurrentMigrationsApplyEachVersionOnce) {
  auto url = fresh_url();
  base::Result<std::vector<int>> a = std::vector<int>{}, b = std::vector<int>{};
  std::thread t1([&] { a = store::migrate(url); });
  std::thread t2([&] { b = store::migrate(url); });
  t1.join();
  t2.join();
  ASSERT_TRUE(a.has_value()) << a.error().to_string();
  ASSERT_TRUE(b.has_value()) << b.error().to_string();
  EXPECT_EQ(a->size() + b->size(), store::migrations().size());
  EXPECT_TRUE(store::open(url).has_value());
}

TEST_P(StoreTest, OpenRefusesAnUnmigratedDatabase) {
  auto url = fresh_url();
  auto opened = store::open(url);
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code, ErrorCode::db_migration);
  EXPECT_NE(opened.error().detail.find("run `kulanz migrate`"), std::string::npos) << opened.error().detail;
  EXPECT_NE(opened.error().detail.find("version 0"), std::string::npos) << opened.error().detail;
}

TEST_P(StoreTest, NewerSchemaIsRefusedByOpenAndMigrate) {
  raw_exec(url_, "INSERT INTO schema_migrations (version, applied_at) VALUES (9999, '2030-01-01T00:00:00Z')");
  auto opened = store::open(url_);
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code, ErrorCode::db_schema_newer);
  EXPECT_NE(opened.error().detail.find("9999"), std::string::npos) << opened.error().detail;
  auto migrated = store::migrate(url_);
  ASSERT_FALSE(migrated.has_value());
  EXPECT_EQ(migrated.error().code, ErrorCode::db_schema_newer);
}

TEST_P(StoreTest, RollbackLeavesNothing) {
  auto c = creditor("swb");
  ASSERT_TRUE(store().begin().has_value());
  auto cu = customer(c.id, "K-1");
  invoice(c.id, cu.id, "R-1", eur(1000), day("2026-02-01"));
  ASSERT_TRUE(store().rollback().has_value());
  auto found = store().customer_by_external_id(c.id, "K-1");
  ASSERT_TRUE(found.has_value());
  EXPECT_FALSE(found->has_value());
  auto inv = store().invoice_by_external_id(c.id, "R-1");
  ASSERT_TRUE(inv.has_value());
  EXPECT_FALSE(inv->has_value());
}

TEST_P(StoreTest, CommitKeepsEverything) {
  auto c = creditor("swb");
  ASSERT_TRUE(store().begin().has_value());
  auto cu = customer(c.id, "K-1");
  ASSERT_TRUE(store().commit().has_value());
  auto reopened = store::open(url_);
  ASSERT_TRUE(reopened.has_value());
  auto found = (*reopened)->customer_by_external_id(c.id, "K-1");
  ASSERT_TRUE(found.has_value());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, cu.id);
}

TEST_P(StoreTest, NestedBeginAndStrayCommitAreErrors) {
  ASSERT_TRUE(store().begin().has_value());
  auto nested = store().begin();
  ASSERT_FALSE(nested.has_value());
  EXPECT_EQ(nested.error().code, ErrorCode::db_error);
  EXPECT_NE(nested.error().detail.find("already open"), std::string::npos);
  ASSERT_TRUE(store().commit().has_value());
  auto stray = store().commit();
  ASSERT_FALSE(stray.has_value());
  EXPECT_NE(stray.error().detail.find("begin()"), std::string::npos);
  EXPECT_FALSE(store().rollback().has_value());
}

TEST_P(StoreTest, InTransactionRollsBackOnFailure) {
  auto c = creditor("swb");
  auto st = ports::in_transaction(store(), [&]() -> base::Status {
    customer(c.id, "K-1");
    return base::fail(ErrorCode::invalid_argument, "stop here");
  });
  ASSERT_FALSE(st.has_value());
  auto found = store().customer_by_external_id(c.id, "K-1");
  ASSERT_TRUE(found.has_value());
  EXPECT_FALSE(found->has_value());
}

TEST_P(StoreTest, FailedStatementInTransactionCanBeRolledBack) {
  auto c = creditor("swb");
  ASSERT_TRUE(store().begin().has_value());
  customer(c.id, "K-1");
  Invoice bad;
  bad.customer_id = CustomerId(987654);
  bad.external_id = "R-X";
  bad.amount = eur(5);
  auto r = store().upsert_invoice(c.id, bad);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::db_constraint);
  EXPECT_NE(r.error().detail.find("invoice 'R-X'"), std::string::npos) << r.error().detail;
  ASSERT_TRUE(store().rollback().has_value());
  ASSERT_TRUE(store().begin().has_value());
  customer(c.id, "K-2");
  ASSERT_TRUE(store().commit().has_value());
  auto found = store().customer_by_external_id(c.id, "K-2");
  ASSERT_TRUE(found.has_value());
  EXPECT_TRUE(found->has_value());
}

// Addresses are checked before anything is opened; these do not depend on a database.
TEST(StoreUrl, UnknownSchemeNamesTheExpectedForms) {
  auto opened = store::open("mysql://app:geheim@db/kulanz");
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code, ErrorCode::db_url_invalid);
  EXPECT_NE(opened.error().detail.find("sqlite:PATH"), std::string::npos);
  EXPECT_NE(opened.error().detail.find("postgresql://"), std::string::npos);
  EXPECT_EQ(opened.error().detail.find("geheim"), std::string::npos) << opened.error().detail;
  auto migrated = store::migrate("kulanz.db");
  ASSERT_FALSE(migrated.has_value());
  EXPECT_EQ(migrated.error().code, ErrorCode::db_url_invalid);
  EXPECT_EQ(store::open("sqlite:").error().code, ErrorCode::db_url_invalid);
}

TEST(StoreUrl, UnreachablePostgresIsUnavailableWithHostButNoPassword) {
  auto opened = store::open("postgresql://kulanz:geheim@127.0.0.1:1/kulanz?connect_timeout=5");
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code, ErrorCode::db_unavailable);
  EXPECT_NE(opened.error().detail.find("127.0.0.1:1"), std::string::npos) << opened.error().detail;
  EXPECT_EQ(opened.error().detail.find("geheim"), std::string::npos) << opened.error().detail;
}

TEST(StoreUrl, MissingSqliteFileIsNotCreatedByOpen) {
  std::string path = ::testing::TempDir() + "kulanz_store_missing_" + std::to_string(::getpid()) + ".db";
  auto opened = store::open("sqlite:" + path);
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code, ErrorCode::db_unavailable);
  EXPECT_NE(opened.error().detail.find("kulanz migrate"), std::string::npos) << opened.error().detail;
  EXPECT_NE(opened.error().detail.find(path), std::string::npos);
}

TEST(StoreUrl, InMemoryDatabaseIsSharedWithinTheProcess) {
  auto migrated = store::migrate("sqlite::memory:");
  ASSERT_TRUE(migrated.has_value()) << migrated.error().to_string();
  auto a = store::open("sqlite::memory:");
  ASSERT_TRUE(a.has_value()) << a.error().to_string();
  Creditor c;
  c.code = "mem";
  c.name = "Speicher";
  ASSERT_TRUE((*a)->create_creditor(c).has_value());
  auto b = store::open("sqlite::memory:");
  ASSERT_TRUE(b.has_value());
  auto found = (*b)->find_creditor("mem");
  ASSERT_TRUE(found.has_value());
  EXPECT_TRUE(found->has_value());
}

TEST(StoreUrl, InMemorySessionsOnSeveralThreadsTakeTurns) {
  ASSERT_TRUE(store::migrate("sqlite::memory:").has_value());
  auto setup = store::open("sqlite::memory:");
  ASSERT_TRUE(setup.has_value());
  Creditor c;
  c.code = "threads";
  c.name = "Nebenläufig";
  auto created = (*setup)->create_creditor(c);
  ASSERT_TRUE(created.has_value()) << created.error().to_string();
  const CreditorId creditor = created->id;
  std::vector<std::string> failures(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      auto s = store::open("sqlite::memory:");
      if (!s) { failures[static_cast<std::size_t>(t)] = s.error().to_string(); return; }
      for (int n = 0; n < 25; ++n) {
        auto st = ports::in_transaction(**s, [&]() -> base::Status {
          Customer cu;
          cu.external_id = "T" + std::to_string(t) + "-" + std::to_string(n);
          cu.name = "Kunde";
          auto r = (*s)->upsert_customer(creditor, cu);
          if (!r) return base::fail(std::move(r).error());
          return {};
        });
        if (!st) { failures[static_cast<std::size_t>(t)] = st.error().to_string(); return; }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (const auto& f : failures) EXPECT_EQ(f, "");
  auto ids = (*setup)->customer_ids(creditor);
  ASSERT_TRUE(ids.has_value());
  EXPECT_EQ(ids->size(), 100u);
}

}  // namespace
}  // namespace kulanz::store_test
