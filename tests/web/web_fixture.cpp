#include "web_fixture.hpp"

#include <cstdlib>

#include "security/security.hpp"
#include "seed_portfolio.hpp"
#include "store/open.hpp"

namespace kulanz::webtest {
namespace {

domain::UserId add_user(ports::LedgerStore& store, const std::string& email, const std::string& name) {
  auto hash = security::hash_password(kPassword);
  EXPECT_TRUE(hash.has_value());
  ports::User u;
  u.email = email;
  u.display_name = name;
  u.password_hash = hash ? *hash : std::string();
  auto created = store.create_user(u);
  EXPECT_TRUE(created.has_value()) << (created ? "" : created.error().to_string());
  return created ? created->id : domain::UserId{};
}

domain::Creditor add_creditor(ports::LedgerStore& store, const std::string& code, const std::string& name) {
  domain::Creditor c;
  c.code = code;
  c.name = name;
  auto created = store.create_creditor(c);
  EXPECT_TRUE(created.has_value()) << (created ? "" : created.error().to_string());
  return created ? *created : c;
}

}  // namespace

void WebServerTest::SetUp() {
  ASSERT_TRUE(security::init().has_value());
  std::string pattern = (std::filesystem::temp_directory_path() / "kulanz-web-XXXXXX").string();
  ASSERT_NE(mkdtemp(pattern.data()), nullptr);
  dir_ = pattern;
  db_url = "sqlite:" + (dir_ / "web.db").string();
  auto migrated = store::migrate(db_url);
  ASSERT_TRUE(migrated.has_value()) << migrated.error().to_string();
  auto opened = store::open(db_url);
  ASSERT_TRUE(opened.has_value()) << opened.error().to_string();
  store = std::move(*opened);

  acme = add_creditor(*store, "acme", "Acme Stadtwerke GmbH");
  beta = add_creditor(*store, "beta", "Beta & Söhne KG");
  auto today = calendar::Date::from_unix_utc(kNow);
  auto st = testdata::seed_invoices(*store, acme, today, testdata::known_portfolio());
  ASSERT_TRUE(st.has_value()) << st.error().to_string();
  st = testdata::seed_invoices(*store, beta, today, {{"B-1", -3, 4200}});
  ASSERT_TRUE(st.has_value()) << st.error().to_string();

  auto anna = add_user(*store, kAnna, "Anna Beispiel");
  auto bob = add_user(*store, kBob, "Bob <Bauer>");
  ASSERT_TRUE(store->add_membership({acme.id, anna, ports::Role::team_lead}).has_value());
  ASSERT_TRUE(store->add_membership({beta.id, anna, ports::Role::read_only}).has_value());
  ASSERT_TRUE(store->add_membership({beta.id, bob, ports::Role::collector}).has_value());
}

void WebServerTest::TearDown() {
  if (server_) {
    server_->stop();
    server_->wait();
  }
  server_.reset();
  store.reset();
  std::error_code ec;
  if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
}

HttpClient WebServerTest::client() {
  if (!server_) {
    http::register_web_routes(router_, web_options);
    http::register_portal_routes(router_, portal_options);
    http::register_api_routes(router_, api_options);
    std::string url = db_url;
    ports::StoreFactory factory = [url]() { return store::open(url); };
    http::ServerOptions options;
    options.address = "127.0.0.1";
    options.port = 0;
    options.threads = 2;
    server_ = std::make_unique<http::Server>(options, router_, factory, clock);
    auto st = server_->start();
    EXPECT_TRUE(st.has_value()) << (st ? "" : st.error().to_string());
  }
  return HttpClient(server_->port());
}

HttpReply WebServerTest::login(HttpClient& c, const std::string& email, const std::string& password,
                               const std::vector<std::pair<std::string, std::string>>& extra) {
  auto page = c.get("/login", extra);
  EXPECT_EQ(page.status, 200);
  std::string token = hidden_input(page.body, "csrf_token");
  EXPECT_FALSE(token.empty());
  return c.post_form("/login", {{"csrf_token", token}, {"email", email}, {"password", password}}, extra);
}

}  // namespace kulanz::webtest
