#include "api_test_server.hpp"

#include <unistd.h>

#include <atomic>
#include <filesystem>

#include <boost/json/serialize.hpp>

#include "calendar/date.hpp"
#include "http/api_keys.hpp"
#include "store/open.hpp"

namespace kulanz::testing {
namespace {

std::int64_t fixed_now() {
  auto day = calendar::Date::from_ymd(2026, 3, 31);
  return static_cast<std::int64_t>(day->days_since_epoch()) * 86400 + 12 * 3600;
}

domain::Creditor make_creditor(ports::LedgerStore& store, const std::string& code, const std::string& name) {
  domain::Creditor c;
  c.code = code;
  c.name = name;
  auto created = store.create_creditor(c);
  EXPECT_TRUE(created) << (created ? "" : created.error().to_string());
  return created ? *created : c;
}

}  // namespace

http::ApiOptions ApiServerTest::api_options() {
  http::ApiOptions options;
  options.default_page_size = 10;
  options.max_page_size = 100;
  options.max_batch_items = 50;
  options.max_body_bytes = 64 * 1024;
  return options;
}

std::string ApiServerTest::create_key(domain::CreditorId creditor) {
  auto key = http::create_api_key(*store_, creditor, "tests", clock_.now_unix());
  EXPECT_TRUE(key) << (key ? "" : key.error().to_string());
  return key ? *key : std::string();
}

void ApiServerTest::SetUp() {
  static std::atomic<int> counter{0};
  auto dir = std::filesystem::temp_directory_path() /
             ("kulanz-http-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  db_dir_ = dir.string();
  db_url_ = "sqlite:" + (dir / "api.db").string();
  clock_.set(fixed_now());

  auto migrated = store::migrate(db_url_);
  ASSERT_TRUE(migrated) << migrated.error().to_string();
  auto opened = store::open(db_url_);
  ASSERT_TRUE(opened) << opened.error().to_string();
  store_ = std::move(*opened);
  acme_ = make_creditor(*store_, "acme", "Acme Stadtwerke GmbH");
  zeta_ = make_creditor(*store_, "zeta", "Zeta Versand AG");
  acme_key_ = create_key(acme_.id);
  zeta_key_ = create_key(zeta_.id);

  http::ApiOptions api = api_options();
  api.base_rates = base_rates_;
  http::register_api_routes(router_, api);
  http::ServerOptions options;
  options.address = "127.0.0.1";
  options.port = 0;
  options.threads = 2;
  std::string url = db_url_;
  server_ = std::make_unique<http::Server>(options, router_, [url] { return store::open(url); }, clock_);
  auto started = server_->start();
  ASSERT_TRUE(started) << started.error().to_string();
  ASSERT_NE(server_->port(), 0);
}

void ApiServerTest::TearDown() {
  if (server_) {
    server_->stop();
    server_.reset();
  }
  store_.reset();
  std::error_code ignored;
  if (!db_dir_.empty()) std::filesystem::remove_all(db_dir_, ignored);
}

// Customer C1 (business) and C2 (consumer). As of 2026-03-31:
//   R-3  I3  issued 2025-11-01, due 2025-12-01, 200.00; P1 (120.00, "R-3 Zahlung") -> open 80.00, 120 days past due
//   R-1  I1  issued 2026-01-01, due 2026-01-31, 100.00; G-1 CN1 (20.00 for I1)     -> open 80.00, 59 days past due
//   R-2  I2  issued 2026-03-01, due 2026-04-15,  50.00                             -> open 50.00, not due
//   R-10 J1  (C2) issued 2026-02-01, due 2026-03-15, 30.00; P2 (30.00)             -> paid
void ApiServerTest::seed_known_ledger(const std::string& key) {
  auto batch = [&](const std::string& resource, const std::string& items) {
    auto r = client().post_json("/api/v1/" + resource + "/batch", key, R"({"items": [)" + items + "]}");
    EXPECT_EQ(r.status, 200) << resource << ": " << r.body;
  };
  batch("customers", R"({"external_id": "C1", "name": "Müller Bäckerei GmbH", "type": "business", "email": "buchhaltung@mueller.example"},
                        {"external_id": "C2", "name": "Erika Mustermann", "type": "consumer"})");
  batch("invoices", R"({"external_id": "I3", "customer_external_id": "C1", "number": "R-3", "issue_date": "2025-11-01", "due_date": "2025-12-01", "amount": "200.00"},
                       {"external_id": "I1", "customer_external_id": "C1", "number": "R-1", "issue_date": "2026-01-01", "due_date": "2026-01-31", "amount": 100},
                       {"external_id": "I2", "customer_external_id": "C1", "number": "R-2", "issue_date": "2026-03-01", "due_date": "2026-04-15", "amount": "50.00"},
                       {"external_id": "J1", "customer_external_id": "C2", "number": "R-10", "issue_date": "2026-02-01", "due_date": "2026-03-15", "amount": 30.00})");
  batch("credit-notes", R"({"external_id": "CN1", "customer_external_id": "C1", "number": "G-1", "issue_date": "2026-02-01", "amount": "20.00", "invoice_external_id": "I1"})");
  batch("payments", R"({"external_id": "P1", "customer_external_id": "C1", "value_date": "2026-02-10", "amount": "120.00", "reference": "R-3 Zahlung"},
                       {"external_id": "P2", "customer_external_id": "C2", "value_date": "2026-03-01", "amount": "30.00", "reference": "R-10"})");
}

boost::json::object expect_problem(const HttpResult& result, int status, int code, const std::string& field) {
  EXPECT_EQ(result.status, status) << result.body;
  EXPECT_EQ(result.header("content-type"), "application/problem+json") << result.body;
  auto v = result.json();
  if (!v.is_object()) {
    ADD_FAILURE() << "problem body is not an object: " << result.body;
    return {};
  }
  auto& o = v.as_object();
  EXPECT_EQ(str(o, "type"), "urn:kulanz:error:E" + std::to_string(code));
  EXPECT_EQ(num(o, "code"), code) << result.body;
  EXPECT_EQ(num(o, "status"), status);
  EXPECT_FALSE(str(o, "title").empty());
  EXPECT_FALSE(str(o, "detail").empty());
  EXPECT_FALSE(str(o, "instance").empty());
  if (!field.empty()) {
    EXPECT_EQ(str(o, "field"), field) << result.body;
  }
  return o;
}

std::string str(const boost::json::value& object, const char* name) {
  const auto* o = object.if_object();
  const auto* v = o ? o->if_contains(name) : nullptr;
  if (!v || !v->is_string()) {
    ADD_FAILURE() << "no string member '" << name << "' in " << boost::json::serialize(object);
    return {};
  }
  return std::string(v->get_string());
}

std::int64_t num(const boost::json::value& object, const char* name) {
  const auto* o = object.if_object();
  const auto* v = o ? o->if_contains(name) : nullptr;
  if (!v || !(v->is_int64() || v->is_uint64())) {
    ADD_FAILURE() << "no integer member '" << name << "' in " << boost::json::serialize(object);
    return 0;
  }
  return v->is_int64() ? v->get_int64() : static_cast<std::int64_t>(v->get_uint64());
}

}  // namespace kulanz::testing
