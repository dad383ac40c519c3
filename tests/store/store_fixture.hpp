#pragma once
// The storage conformance suite: every TEST_P runs once on a fresh SQLite file and once
// on a fresh database of the PostgreSQL 15 test cluster (see pg_cluster.sh).
#include <gtest/gtest.h>

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "ports/ledger_store.hpp"

namespace kulanz::store_test {

enum class Backend { sqlite, postgres };
inline void PrintTo(Backend b, std::ostream* os) { *os << (b == Backend::sqlite ? "Sqlite" : "Postgres"); }

using namespace kulanz::domain;
using ports::UpsertOutcome;

Date day(const char* iso);
Money eur(std::int64_t minor);

class StoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Another empty database of the same kind (no schema), removed after the test.
  std::string fresh_url();
  // Runs SQL on the test database outside the store (for set-ups the port cannot make).
  void raw_exec(const std::string& url, const std::string& sql);

  ports::LedgerStore& store() { return *store_; }
  Creditor creditor(const std::string& code, const std::string& name = "Stadtwerke Beispiel");
  Customer customer(CreditorId c, const std::string& external_id, const std::string& name = "Erika Mustermann");
  Invoice invoice(CreditorId c, CustomerId cust, const std::string& external_id, Money amount, Date due,
                  Date issue = day("2026-01-05"));
  Payment payment(CreditorId c, CustomerId cust, const std::string& external_id, Money amount, Date value_date);

  std::string url_;
  std::unique_ptr<ports::LedgerStore> store_;

 private:
  std::string new_database();
  std::vector<std::string> created_;  // files or database names
  std::string pg_admin_url_;
};

}  // namespace kulanz::store_test
