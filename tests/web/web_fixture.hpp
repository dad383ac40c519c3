#pragma once
// A real http::Server on 127.0.0.1:0 with the web routes, a temporary SQLite database with
// two creditors, two users and the known portfolio, and a manual clock.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "base/clock.hpp"
#include "domain/types.hpp"
#include "http/api.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "http/portal.hpp"
#include "http/web.hpp"
#include "http_client.hpp"
#include "ports/ledger_store.hpp"

namespace kulanz::webtest {

// 2026-11-23 12:00:00 UTC.
inline constexpr std::int64_t kNow = 1795435200;
inline constexpr const char* kAnna = "anna@example.org";  // acme (team_lead) and beta (read_only)
inline constexpr const char* kBob = "bob@example.org";    // beta only (collector)
inline constexpr const char* kPassword = "richtig-langes-Passwort-1";

class WebServerTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Starts the server with `web_options`, `portal_options` and `api_options` on first use.
  HttpClient client();
  // GET /login, then POST the form; returns the reply to the POST.
  HttpReply login(HttpClient& c, const std::string& email, const std::string& password,
                  const std::vector<std::pair<std::string, std::string>>& extra = {});

  http::WebOptions web_options;
  http::PortalOptions portal_options;
  http::ApiOptions api_options;
  base::ManualClock clock{kNow};
  std::unique_ptr<ports::LedgerStore> store;  // the test's own database session
  domain::Creditor acme, beta;
  std::string db_url;

 private:
  std::filesystem::path dir_;
  http::Router router_;
  std::unique_ptr<http::Server> server_;
};

}  // namespace kulanz::webtest
