#include "store_fixture.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>

#include "store/open.hpp"
#include "store/sql.hpp"

namespace kulanz::store_test {

Date day(const char* iso) {
  auto d = Date::parse_iso(iso);
  EXPECT_TRUE(d.has_value()) << iso;
  return d.value_or(Date());
}

Money eur(std::int64_t minor) { return Money(minor, money::Currency::eur()); }

namespace {

std::string unique_suffix() {
  static std::atomic<int> counter{0};
  static const auto seed = std::random_device{}();
  return std::to_string(::getpid()) + "_" + std::to_string(seed % 100000) + "_" + std::to_string(++counter);
}

// Where pg_cluster.sh wrote the URL: KULANZ_PG_URL_FILE from the environment, else the
// file of the ctest fixture in the build tree.
std::string pg_url_file() {
  const char* env = std::getenv("KULANZ_PG_URL_FILE");
  return env && *env ? env : KULANZ_PG_URL_FILE;
}

std::string read_pg_url() {
  std::ifstream in(pg_url_file());
  std::string url;
  std::getline(in, url);
  return url;
}

// postgresql://user@host:port/postgres -> postgresql://user@host:port/NAME
std::string with_database(const std::string& url, const std::string& name) {
  auto slash = url.rfind('/');
  return url.substr(0, slash + 1) + name;
}

}  // namespace

std::string StoreTest::new_database() {
  if (GetParam() == Backend::sqlite) {
    std::string path = ::testing::TempDir() + "kulanz_store_" + unique_suffix() + ".db";
    std::ofstream(path).close();  // an empty file is an empty SQLite database
    created_.push_back(path);
    return "sqlite:" + path;
  }
  std::string name = "kulanz_test_" + unique_suffix();
  auto admin = store::open_postgres(pg_admin_url_);
  if (!admin) {
    ADD_FAILURE() << admin.error().to_string();
    return {};
  }
  auto st = (*admin)->exec("CREATE DATABASE " + name);
  if (!st) {
    ADD_FAILURE() << st.error().to_string();
    return {};
  }
  created_.push_back(name);
  return with_database(pg_admin_url_, name);
}

void StoreTest::SetUp() {
  if (GetParam() == Backend::postgres) {
    pg_admin_url_ = read_pg_url();
    if (pg_admin_url_.empty()) {
      GTEST_FAIL() << "the PostgreSQL test cluster is not running (" << pg_url_file()
                   << " is missing): run the suite through ctest, whose fixture 'postgres' starts it, or start it with "
                      "tests/store/pg_cluster.sh start <dir>; see docs/STORAGE.md";
    }
  }
  url_ = new_database();
  ASSERT_FALSE(url_.empty());
  auto applied = store::migrate(url_);
  ASSERT_TRUE(applied.has_value()) << applied.error().to_string();
  auto opened = store::open(url_);
  ASSERT_TRUE(opened.has_value()) << opened.error().to_string();
  store_ = std::move(*opened);
}

void StoreTest::TearDown() {
  store_.reset();
  if (GetParam() == Backend::sqlite) {
    for (const auto& path : created_) {
      for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
    }
    return;
  }
  if (created_.empty()) return;
  auto admin = store::open_postgres(pg_admin_url_);
  ASSERT_TRUE(admin.has_value()) << admin.error().to_string();
  for (const auto& name : created_) {
    auto st = (*admin)->exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    EXPECT_TRUE(st.has_value()) << st.error().to_string();
  }
}

std::string StoreTest::fresh_url() { return new_database(); }

void StoreTest::raw_exec(const std::string& url, const std::string& sql) {
  auto conn = url.starts_with("sqlite:") ? store::open_sqlite(url.substr(7), false) : store::open_postgres(url);
  ASSERT_TRUE(conn.has_value()) << conn.error().to_string();
  auto st = (*conn)->exec(sql);
  ASSERT_TRUE(st.has_value()) << st.error().to_string();
}

Creditor StoreTest::creditor(const std::string& code, const std::string& name) {
  Creditor c;
  c.code = code;
  c.name = name;
  auto created = store_->create_creditor(c);
  EXPECT_TRUE(created.has_value()) << created.error().to_string();
  return created.value_or(c);
}

Customer StoreTest::customer(CreditorId c, const std::string& external_id, const std::string& name) {
  Customer cu;
  cu.external_id = external_id;
  cu.name = name;
  auto r = store_->upsert_customer(c, cu);
  EXPECT_TRUE(r.has_value()) << r.error().to_string();
  return cu;
}

Invoice StoreTest::invoice(CreditorId c, CustomerId cust, const std::string& external_id, Money amount, Date due, Date issue) {
  Invoice i;
  i.customer_id = cust;
  i.external_id = external_id;
  i.number = "RE-" + external_id;
  i.issue_date = issue;
  i.due_date = due;
  i.amount = amount;
  auto r = store_->upsert_invoice(c, i);
  EXPECT_TRUE(r.has_value()) << r.error().to_string();
  return i;
}

Payment StoreTest::payment(CreditorId c, CustomerId cust, const std::string& external_id, Money amount, Date value_date) {
  Payment p;
  p.customer_id = cust;
  p.external_id = external_id;
  p.value_date = value_date;
  p.amount = amount;
  p.reference = "Zahlung " + external_id;
  auto r = store_->upsert_payment(c, p);
  EXPECT_TRUE(r.has_value()) << r.error().to_string();
  return p;
}

INSTANTIATE_TEST_SUITE_P(Db, StoreTest, ::testing::Values(Backend::sqlite, Backend::postgres),
                         [](const ::testing::TestParamInfo<Backend>& param_info) {
                           return param_info.param == Backend::sqlite ? std::string("Sqlite") : std::string("Postgres");
                         });

}  // namespace kulanz::store_test
