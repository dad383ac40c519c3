#pragma once
// The fixture of the HTTP tests: a fresh SQLite database with migrations, two creditors
// with one API key each, and the real http::Server with the REST API listening on
// 127.0.0.1 on a free port. The clock is fixed at 2026-03-31 12:00 UTC.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "base/clock.hpp"
#include "http/api.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "http_client.hpp"
#include "ports/ledger_store.hpp"

namespace kulanz::testing {

class ApiServerTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Options of the API under test: small limits so that 413 and batch limits are cheap to reach.
  static http::ApiOptions api_options();

  HttpClient client() const { return HttpClient(server_->port()); }
  // A store session of the test itself (for set-up that the API does not offer).
  ports::LedgerStore& store() { return *store_; }
  // Creates a key for `creditor` as `kulanz apikey create` does.
  std::string create_key(domain::CreditorId creditor);
  // Writes the ledger the ledger-view tests know by heart (see api_test_server.cpp)
  // through the batch endpoints with `key`; fails the test if any batch is refused.
  void seed_known_ledger(const std::string& key);

  // The base-rate table the API is given (nullptr: the built-in one); set before SetUp.
  std::shared_ptr<const law::BaseRateTable> base_rates_;
  std::string db_dir_;
  std::string db_url_;
  domain::Creditor acme_;
  domain::Creditor zeta_;
  std::string acme_key_;
  std::string zeta_key_;

 private:
  base::ManualClock clock_{0};
  std::unique_ptr<ports::LedgerStore> store_;
  http::Router router_;
  std::unique_ptr<http::Server> server_;
};

// Asserts an RFC 9457 problem: status, content type, the registry code and the members
// every problem has; `field` is checked when not empty. Returns the parsed body.
boost::json::object expect_problem(const HttpResult& result, int status, int code, const std::string& field = {});

// Members of a JSON object as strings/integers (fails the test when missing or of another type).
std::string str(const boost::json::value& object, const char* name);
std::int64_t num(const boost::json::value& object, const char* name);

}  // namespace kulanz::testing
