// Create/update, read and list of customers, invoices, credit notes and payments.
#include <set>
#include <thread>

#include <boost/json.hpp>

#include "api_test_server.hpp"

namespace kulanz::testing {
namespace {

using ApiRecordsTest = ApiServerTest;
namespace json = boost::json;

TEST_F(ApiRecordsTest, PutCustomerInsertsThenIsUnchangedThenUpdates) {
  auto c = client();
  std::string body = R"({"name": "Jörg Weiß", "type": "consumer", "email": "joerg@example.org", "state": "BY"})";
  auto first = c.put_json("/api/v1/customers/K-100", acme_key_, body);
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.header("kulanz-outcome"), "inserted");
  EXPECT_EQ(first.header("location"), "/api/v1/customers/K-100");
  auto created = first.json();
  EXPECT_EQ(str(created, "external_id"), "K-100");
  EXPECT_EQ(str(created, "name"), "Jörg Weiß");
  EXPECT_EQ(str(created, "email"), "joerg@example.org");
  EXPECT_EQ(str(created, "state"), "BY");

  auto again = c.put_json("/api/v1/customers/K-100", acme_key_, body);
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.header("kulanz-outcome"), "unchanged");

  auto changed = c.put_json("/api/v1/customers/K-100", acme_key_,
                            R"({"external_id": "K-100", "name": "Jörg Weiß-Müller", "type": "consumer"})");
  EXPECT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.header("kulanz-outcome"), "updated");

  auto read = c.get("/api/v1/customers/K-100", acme_key_);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.header("content-type"), "application/json");
  EXPECT_EQ(str(read.json(), "name"), "Jörg Weiß-Müller");
}

TEST_F(ApiRecordsTest, GetResultCanBeSentBackUnchanged) {
  auto c = client();
  ASSERT_EQ(c.put_json("/api/v1/customers/K-1", acme_key_, R"({"name": "A"})").status, 201);
  ASSERT_EQ(c.put_json("/api/v1/invoices/INV-1", acme_key_,
                       R"({"customer_external_id": "K-1", "issue_date": "2026-03-01", "due_date": "2026-03-15", "amount": "10.00"})")
                .status,
            201);
  for (const std::string target : {"/api/v1/customers/K-1", "/api/v1/invoices/INV-1"}) {
    auto read = c.get(target, acme_key_);
    ASSERT_EQ(read.status, 200) << read.body;
    auto back = c.put_json(target, acme_key_, read.body);
    EXPECT_EQ(back.status, 200) << target << ": " << back.body;
    EXPECT_EQ(back.header("kulanz-outcome"), "unchanged") << target;
  }
}

TEST_F(ApiRecordsTest, InvoiceAmountsAreExactDecimalsAndMinorUnits) {
  auto c = client();
  ASSERT_EQ(c.put_json("/api/v1/customers/K-1", acme_key_, R"({"name": "A"})").status, 201);
  // A JSON number is read from its text: 0.1 + 0.2 style binary rounding cannot happen.
  auto r = c.put_json("/api/v1/invoices/INV-7", acme_key_,
                      R"({"customer_external_id": "K-1", "number": "RE-2026-7", "issue_date": "2026-03-01",
                          "due_date": "2026-03-31", "amount": 1234567.3, "skonto_percent": "2.5", "skonto_days": 10})");
  ASSERT_EQ(r.status, 201) << r.body;
  auto inv = r.json();
  EXPECT_EQ(str(inv, "amount"), "1234567.30");
  EXPECT_EQ(num(inv, "amount_minor"), 123456730);
  EXPECT_EQ(str(inv, "open"), "1234567.30");
  EXPECT_EQ(str(inv, "currency"), "EUR");
  EXPECT_EQ(str(inv, "number"), "RE-2026-7");
  EXPECT_EQ(str(inv, "customer_external_id"), "K-1");
  EXPECT_EQ(str(inv, "skonto_percent"), "2.5");
  EXPECT_EQ(num(inv, "skonto_days"), 10);
  EXPECT_EQ(str(inv, "status"), "due_today");
  EXPECT_EQ(num(inv, "days_past_due"), 0);

  auto later = c.get("/api/v1/invoices/INV-7?as_of=2026-04-30", acme_key_);
  ASSERT_EQ(later.status, 200) << later.body;
  EXPECT_EQ(str(later.json(), "status"), "overdue");
  EXPECT_EQ(num(later.json(), "days_past_due"), 30);
}

TEST_F(ApiRecordsTest, InvalidRecordIs422WithFieldAndNothingWritten) {
  auto c = client();
  ASSERT_EQ(c.put_json("/api/v1/customers/K-1", acme_key_, R"({"name": "A"})").status, 201);
  expect_problem(c.put_json("/api/v1/invoices/INV-9", acme_key_,
                            R"({"customer_external_id": "K-1", "issue_date": "2026-03-01", "due_date": "31.02.2026", "amount": "12.34"})"),
                 422, 2006, "due_date");
  auto r = c.put_json("/api/v1/invoices/INV-9", acme_key_,
                      R"({"customer_external_id": "K-1", "issue_date": "2026-03-01", "due_date": "31.02.2026", "amount": "12.345"})");
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.header("content-type"), "application/problem+json");
  auto problem = r.json().as_object();
  ASSERT_TRUE(problem.contains("errors")) << r.body;
  std::set<std::string> fields;
  for (const auto& e : problem.at("errors").as_array()) {
    fields.insert(str(e, "field"));
    EXPECT_TRUE(e.as_object().at("index").is_null());
    EXPECT_GT(num(e, "code"), 0);
    EXPECT_FALSE(str(e, "detail").empty());
  }
  EXPECT_TRUE(fields.count("due_date")) << r.body;
  EXPECT_TRUE(fields.count("amount")) << r.body;
  expect_problem(c.get("/api/v1/invoices/INV-9", acme_key_), 404, 1002);
}

TEST_F(ApiRecordsTest, UnknownFieldAndIdMismatchAreRejected) {
  auto c = client();
  expect_problem(c.put_json("/api/v1/customers/K-1", acme_key_, R"({"name": "A", "nmae": "typo"})"), 422, 5014, "nmae");
  auto both = expect_problem(c.put_json("/api/v1/customers/K-1", acme_key_, R"({"nmae": "typo"})"), 422, 5014, "nmae");
  ASSERT_TRUE(both.contains("errors"));
  ASSERT_EQ(both.at("errors").as_array().size(), 2u) << json::serialize(both);
  EXPECT_EQ(str(both.at("errors").as_array()[1], "field"), "name");
  expect_problem(c.put_json("/api/v1/customers/K-1", acme_key_, R"({"external_id": "K-2", "name": "A"})"), 422, 5016,
                 "external_id");
  expect_problem(c.put_json("/api/v1/customers/K-1", acme_key_, R"({"name": {"first": "A"}})"), 422, 5015, "name");
  expect_problem(c.get("/api/v1/customers/K-1", acme_key_), 404, 1002);
}

TEST_F(ApiRecordsTest, ReferencesUseExternalIds) {
  seed_known_ledger(acme_key_);
  auto c = client();
  auto note = c.get("/api/v1/credit-notes/CN1", acme_key_);
  ASSERT_EQ(note.status, 200) << note.body;
  EXPECT_EQ(str(note.json(), "customer_external_id"), "C1");
  EXPECT_EQ(str(note.json(), "invoice_external_id"), "I1");
  EXPECT_EQ(str(note.json(), "amount"), "20.00");
  EXPECT_EQ(str(note.json(), "unallocated"), "0.00");
  auto payment = c.get("/api/v1/payments/P1", acme_key_);
  ASSERT_EQ(payment.status, 200) << payment.body;
  EXPECT_EQ(str(payment.json(), "customer_external_id"), "C1");
  EXPECT_EQ(str(payment.json(), "reference"), "R-3 Zahlung");
  EXPECT_EQ(num(payment.json(), "amount_minor"), 12000);
  EXPECT_EQ(str(payment.json(), "value_date"), "2026-02-10");
  auto json_body = payment.json().as_object();
  EXPECT_FALSE(json_body.contains("id")) << "internal ids never leave the server";
}

TEST_F(ApiRecordsTest, ExternalIdsWithReservedCharactersRoundTrip) {
  auto c = client();
  auto r = c.put_json("/api/v1/customers/K%2F7%20a", acme_key_, R"({"name": "Slash"})");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(str(r.json(), "external_id"), "K/7 a");
  EXPECT_EQ(r.header("location"), "/api/v1/customers/K%2F7%20a");
  EXPECT_EQ(c.get("/api/v1/customers/K%2F7%20a", acme_key_).status, 200);
}

// Walks every page and checks that each record appears exactly once.
std::vector<std::string> walk(const HttpClient& c, const std::string& key, const std::string& first_target, int* pages) {
  std::vector<std::string> ids;
  std::string target = first_target;
  *pages = 0;
  while (!target.empty()) {
    auto r = c.get(target, key);
    EXPECT_EQ(r.status, 200) << target << ": " << r.body;
    if (r.status != 200) break;
    ++*pages;
    auto page = r.json();
    for (const auto& item : page.at("items").as_array()) ids.push_back(str(item, "external_id"));
    const auto& next = page.at("next");
    if (next.is_null()) {
      EXPECT_TRUE(page.at("next_cursor").is_null());
      EXPECT_TRUE(r.header("link").empty());
      break;
    }
    target = std::string(next.as_string());
    EXPECT_EQ(r.header("link"), "<" + target + ">; rel=\"next\"");
    EXPECT_NE(target.find("cursor=" + str(page, "next_cursor")), std::string::npos);
    if (*pages > 100) break;
  }
  return ids;
}

TEST_F(ApiRecordsTest, ListPaginationVisitsEveryRecordOnce) {
  auto c = client();
  std::string items;
  for (int i = 0; i < 23; ++i) {
    items += std::string(i ? "," : "") + R"({"external_id": "K-)" + std::to_string(1000 + i) + R"(", "name": "Kunde )" +
             std::to_string(i) + "\"}";
  }
  ASSERT_EQ(c.post_json("/api/v1/customers/batch", acme_key_, R"({"items": [)" + items + "]}").status, 200);
  int pages = 0;
  auto ids = walk(c, acme_key_, "/api/v1/customers?limit=5", &pages);
  EXPECT_EQ(pages, 5);
  ASSERT_EQ(ids.size(), 23u);
  std::set<std::string> unique(ids.begin(), ids.end());
  EXPECT_EQ(unique.size(), 23u);
  for (int i = 0; i < 23; ++i) {
    EXPECT_TRUE(unique.count("K-" + std::to_string(1000 + i))) << i;
  }

  // The default page size of the API under test is 10.
  auto first = c.get("/api/v1/customers", acme_key_);
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.json().at("items").as_array().size(), 10u);
  // Exactly one full page: no empty extra page.
  auto all = c.get("/api/v1/customers?limit=23", acme_key_);
  EXPECT_EQ(all.json().at("items").as_array().size(), 23u);
  EXPECT_TRUE(all.json().at("next_cursor").is_null()) << all.body;
}

std::set<std::string> invoice_ids(const HttpClient& c, const std::string& key, const std::string& query) {
  int pages = 0;
  auto ids = walk(c, key, "/api/v1/invoices?limit=2&" + query, &pages);
  return {ids.begin(), ids.end()};
}

TEST_F(ApiRecordsTest, InvoiceFilters) {
  seed_known_ledger(acme_key_);
  auto c = client();
  using S = std::set<std::string>;
  EXPECT_EQ(invoice_ids(c, acme_key_, "status=open"), (S{"I1", "I2", "I3"}));
  EXPECT_EQ(invoice_ids(c, acme_key_, "status=paid"), (S{"J1"}));
  EXPECT_EQ(invoice_ids(c, acme_key_, "status=overdue"), (S{"I1", "I3"}));
  EXPECT_EQ(invoice_ids(c, acme_key_, "status=not_due"), (S{"I2"}));
  EXPECT_EQ(invoice_ids(c, acme_key_, "status=overdue&as_of=2026-05-01"), (S{"I1", "I2", "I3"}));
  EXPECT_EQ(invoice_ids(c, acme_key_, "due_from=2026-02-01"), (S{"I2", "J1"}));
  EXPECT_EQ(invoice_ids(c, acme_key_, "due_to=2026-01-31"), (S{"I1", "I3"}));
  EXPECT_EQ(invoice_ids(c, acme_key_, "due_from=2026-01-01&due_to=2026-03-31"), (S{"I1", "J1"}));
  EXPECT_EQ(invoice_ids(c, acme_key_, "customer=C2"), (S{"J1"}));
  EXPECT_EQ(invoice_ids(c, acme_key_, "customer=C1&status=overdue"), (S{"I1", "I3"}));
  EXPECT_EQ(invoice_ids(c, acme_key_, "customer=nobody"), S{});

  int pages = 0;
  auto payments = walk(c, acme_key_, "/api/v1/payments?customer=C2", &pages);
  EXPECT_EQ(payments, (std::vector<std::string>{"P2"}));
  auto notes = walk(c, acme_key_, "/api/v1/credit-notes?customer=C1", &pages);
  EXPECT_EQ(notes, (std::vector<std::string>{"CN1"}));
}

TEST_F(ApiRecordsTest, InvalidQueryParametersAre400NamingTheParameter) {
  auto c = client();
  expect_problem(c.get("/api/v1/invoices?status=late", acme_key_), 400, 5013, "status");
  expect_problem(c.get("/api/v1/invoices?due_from=2026-13-01", acme_key_), 400, 5013, "due_from");
  expect_problem(c.get("/api/v1/invoices?due_to=yesterday", acme_key_), 400, 5013, "due_to");
  expect_problem(c.get("/api/v1/invoices?due_from=2026-03-01&due_to=2026-02-01", acme_key_), 400, 5013, "due_to");
  expect_problem(c.get("/api/v1/invoices?as_of=31.03.2026", acme_key_), 400, 5013, "as_of");
  expect_problem(c.get("/api/v1/customers?limit=0", acme_key_), 400, 5013, "limit");
  expect_problem(c.get("/api/v1/customers?limit=101", acme_key_), 400, 5013, "limit");
  expect_problem(c.get("/api/v1/customers?limit=ten", acme_key_), 400, 5013, "limit");
  expect_problem(c.get("/api/v1/customers?status=open", acme_key_), 400, 5013, "status");
  expect_problem(c.get("/api/v1/customers?limit=5&limit=6", acme_key_), 400, 5013, "limit");
  expect_problem(c.get("/api/v1/invoices?cursor=not-a-cursor", acme_key_), 400, 5007, "cursor");
  expect_problem(c.get("/api/v1/invoices?cursor=abcd", acme_key_), 400, 5007, "cursor");
}

}  // namespace
}  // namespace kulanz::testing

namespace kulanz::testing {
namespace {

TEST_F(ApiRecordsTest, ConcurrentWritesFromSeveralClientsAllSucceed) {
  // The server's I/O threads each hold their own database session; writes from parallel
  // clients must neither fail nor get lost.
  constexpr int kClients = 4;
  constexpr int kPerClient = 8;
  std::vector<std::thread> clients;
  std::vector<std::vector<int>> statuses(kClients);
  for (int t = 0; t < kClients; ++t) {
    clients.emplace_back([this, t, &statuses] {
      auto c = client();
      for (int i = 0; i < kPerClient; ++i) {
        std::string id = "P" + std::to_string(t) + "-" + std::to_string(i);
        statuses[static_cast<std::size_t>(t)].push_back(
            c.put_json("/api/v1/customers/" + id, acme_key_, R"({"name": "Parallel )" + id + "\"}").status);
      }
    });
  }
  for (auto& th : clients) th.join();
  for (const auto& per_client : statuses) {
    for (int status : per_client) EXPECT_EQ(status, 201);
  }
  auto all = client().get("/api/v1/customers?limit=100", acme_key_);
  ASSERT_EQ(all.status, 200);
  EXPECT_EQ(all.json().at("items").as_array().size(), static_cast<std::size_t>(kClients * kPerClient));
}

TEST_F(ApiRecordsTest, RecordsAddedWhileWalkingAppearOnceOnLaterPages) {
  auto c = client();
  ASSERT_EQ(c.post_json("/api/v1/customers/batch", acme_key_,
                        R"({"items": [{"external_id": "W-1", "name": "1"}, {"external_id": "W-2", "name": "2"},
                                      {"external_id": "W-3", "name": "3"}]})")
                .status,
            200);
  auto first = c.get("/api/v1/customers?limit=2", acme_key_);
  ASSERT_EQ(first.status, 200);
  ASSERT_EQ(c.put_json("/api/v1/customers/W-4", acme_key_, R"({"name": "4"})").status, 201);
  std::vector<std::string> ids;
  auto first_page = first.json();
  for (const auto& item : first_page.at("items").as_array()) ids.push_back(str(item, "external_id"));
  std::string next(first_page.at("next").as_string());
  auto rest = c.get(next, acme_key_);
  ASSERT_EQ(rest.status, 200) << rest.body;
  auto rest_page = rest.json();
  for (const auto& item : rest_page.at("items").as_array()) ids.push_back(str(item, "external_id"));
  EXPECT_EQ(ids, (std::vector<std::string>{"W-1", "W-2", "W-3", "W-4"}));
}

}  // namespace
}  // namespace kulanz::testing
