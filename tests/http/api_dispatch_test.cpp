// The contact history, documents sent with messages and webhooks over the API: listed per
// customer with external invoice ids, documents served as bytes, webhooks registered with
// checked URLs and events (secret shown once), removed, and nothing of one creditor ever
// visible to another.
#include <boost/json.hpp>

#include "api_test_server.hpp"
#include "security/security.hpp"

namespace kulanz::testing {
namespace {

namespace json = boost::json;

class ApiDispatchTest : public ApiServerTest {
 protected:
  // K-1 of acme with invoice R-1 and one e-mail in its history carrying a PDF.
  std::int64_t seed_history() {
    domain::Customer c;
    c.external_id = "K-1";
    c.name = "Erika Müller";
    EXPECT_TRUE(store().upsert_customer(acme_.id, c).has_value());
    domain::Invoice i;
    i.customer_id = c.id;
    i.external_id = "R-1";
    i.number = "R-1";
    i.issue_date = *calendar::Date::parse_iso("2026-02-01");
    i.due_date = *calendar::Date::parse_iso("2026-03-01");
    i.amount = money::Money(11900, acme_.currency);
    EXPECT_TRUE(store().upsert_invoice(acme_.id, i).has_value());
    ports::ContactHistoryRecord h;
    h.customer_id = c.id;
    h.channel = "email";
    h.address = "erika@example.org";
    h.template_name = "first_reminder";
    h.tone = "friendly";
    h.language = "de";
    h.subject = "Freundliche Zahlungserinnerung";
    h.body_text = "Guten Tag Frau Müller";
    h.message_id = "<abc@stadtwerke.example>";
    h.decision_key = "c1/consumers@1/s1/1";
    h.reason = "step 1 by email";
    h.invoice_ids = {i.id};
    h.sent_unix = 1773050000;
    h.updated_unix = 1773050000;
    h.documents.push_back({0, "Schreiben-2026-03-09.pdf", "application/pdf", "%PDF-1.5 bytes"});
    EXPECT_TRUE(store().dispatch().add_contact_history(acme_.id, h).has_value());
    return h.id;
  }
};

TEST_F(ApiDispatchTest, ContactHistoryIsListedPerCustomerWithItsDocuments) {
  const std::int64_t id = seed_history();
  auto list = client().get("/api/v1/customers/K-1/contacts", acme_key_);
  ASSERT_EQ(list.status, 200) << list.body;
  const json::value body = list.json();
  const auto& items = body.at("items").as_array();
  ASSERT_EQ(items.size(), 1u) << list.body;
  const auto& m = items.front();
  EXPECT_EQ(str(m, "channel"), "email");
  EXPECT_EQ(str(m, "address"), "erika@example.org");
  EXPECT_EQ(str(m, "delivery_state"), "sent");
  EXPECT_EQ(str(m, "subject"), "Freundliche Zahlungserinnerung");
  EXPECT_EQ(str(m, "message_id"), "<abc@stadtwerke.example>");
  EXPECT_EQ(str(m, "reason"), "step 1 by email");
  EXPECT_EQ(m.at("invoices").as_array(), json::array({"R-1"}));
  ASSERT_EQ(m.at("documents").as_array().size(), 1u);
  const auto& d = m.at("documents").as_array().front();
  EXPECT_EQ(str(d, "name"), "Schreiben-2026-03-09.pdf");
  EXPECT_EQ(d.at("size").as_int64(), 14);
  EXPECT_TRUE(list.json().at("next_before").is_null());

  auto pdf = client().get(str(d, "href"), acme_key_);
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.body, "%PDF-1.5 bytes");
  EXPECT_EQ(pdf.header("content-type"), "application/pdf");
  EXPECT_NE(pdf.header("content-disposition").find("Schreiben-2026-03-09.pdf"), std::string::npos);

  // Another creditor sees neither the customer nor the document.
  expect_problem(client().get("/api/v1/customers/K-1/contacts", zeta_key_), 404, 1002);
  expect_problem(client().get(str(d, "href"), zeta_key_), 404, 1002);
  expect_problem(client().get("/api/v1/contacts/" + std::to_string(id) + "/documents/x", acme_key_), 422, 2013,
                 "document_id");
  EXPECT_EQ(client().get("/api/v1/customers/K-1/contacts", "").status, 401);
}

TEST_F(ApiDispatchTest, WebhooksAreRegisteredCheckedListedAndRemovedPerCreditor) {
  expect_problem(client().post_json("/api/v1/webhooks", acme_key_, R"({"url": "http://erp.example/hook", "events": ["*"]})"),
                 400, 1001, "url");
  expect_problem(client().post_json("/api/v1/webhooks", acme_key_,
                                    R"({"url": "https://erp.example/hook", "events": ["message.snt"]})"),
                 422, 2008, "events");
  expect_problem(client().post_json("/api/v1/webhooks", acme_key_, R"({"url": "https://erp.example/hook", "events": []})"),
                 422, 2009, "events");
  expect_problem(client().post_json("/api/v1/webhooks", acme_key_,
                                    R"({"url": "https://u:p@erp.example/hook", "events": ["*"]})"),
                 400, 1001, "url");
  expect_problem(client().post_json("/api/v1/webhooks", acme_key_,
                                    R"({"url": "https://erp.example/hook", "events": ["*"], "colour": 1})"),
                 422, 5014, "colour");

  auto added = client().post_json("/api/v1/webhooks", acme_key_,
                                  R"({"url": "https://erp.example/hook", "events": ["message.failed", "run.finished"]})");
  ASSERT_EQ(added.status, 201) << added.body;
  const std::string secret = str(added.json(), "secret");
  EXPECT_EQ(secret.rfind("whsec_", 0), 0u) << secret;
  EXPECT_GE(secret.size(), 30u);
  const std::int64_t id = added.json().at("id").as_int64();

  auto list = client().get("/api/v1/webhooks", acme_key_);
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.json().at("items").as_array().size(), 1u);
  EXPECT_EQ(list.body.find(secret), std::string::npos) << "the secret is shown only once";
  EXPECT_EQ(list.json().at("items").as_array().front().at("events"), json::array({"message.failed", "run.finished"}));
  EXPECT_TRUE(client().get("/api/v1/webhooks", zeta_key_).json().at("items").as_array().empty());

  expect_problem(client().send("DELETE", "/api/v1/webhooks/" + std::to_string(id), "",
                               {{"Authorization", "Bearer " + zeta_key_}}),
                 404, 1002);
  auto removed = client().send("DELETE", "/api/v1/webhooks/" + std::to_string(id), "",
                               {{"Authorization", "Bearer " + acme_key_}});
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_TRUE(client().get("/api/v1/webhooks", acme_key_).json().at("items").as_array().empty());
  auto deliveries = client().get("/api/v1/webhooks/deliveries", acme_key_);
  ASSERT_EQ(deliveries.status, 200) << deliveries.body;
  EXPECT_TRUE(deliveries.json().at("items").as_array().empty());
}

TEST_F(ApiDispatchTest, InvoiceCopiesAreUploadedCheckedServedAndRemovedPerCreditor) {
  seed_history();  // K-1 with invoice R-1
  const std::string pdf = "%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";
  auto put = [&](const std::string& key, const std::string& body, const std::string& type,
                 const std::string& target = "/api/v1/invoices/R-1/copy") {
    return client().send("PUT", target, body,
                         {{"Authorization", "Bearer " + key}, {"Content-Type", type},
                          {"Content-Disposition", "attachment; filename=\"Rechnung R-1.pdf\""}});
  };
  expect_problem(put(acme_key_, pdf, "application/json"), 415, 5011);
  expect_problem(put(acme_key_, "Rechnung R-1\n", "application/pdf"), 422, 8009);
  expect_problem(put(acme_key_, pdf.substr(0, 20), "application/pdf"), 422, 8009);
  expect_problem(put(acme_key_, pdf, "application/pdf", "/api/v1/invoices/R-404/copy"), 404, 1002);
  expect_problem(put(zeta_key_, pdf, "application/pdf"), 404, 1002);
  EXPECT_EQ(put("", pdf, "application/pdf").status, 401);
  expect_problem(client().get("/api/v1/invoices/R-1/copy", acme_key_), 404, 1002);

  auto stored = put(acme_key_, pdf, "application/pdf");
  ASSERT_EQ(stored.status, 200) << stored.body;
  EXPECT_EQ(str(stored.json(), "file_name"), "Rechnung R-1.pdf");
  EXPECT_EQ(stored.json().at("size").as_int64(), static_cast<std::int64_t>(pdf.size()));
  EXPECT_EQ(str(stored.json(), "sha256"), security::sha256_hex(pdf));

  auto got = client().get("/api/v1/invoices/R-1/copy", acme_key_);
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.body, pdf);
  EXPECT_EQ(got.header("content-type"), "application/pdf");
  EXPECT_NE(got.header("content-disposition").find("Rechnung R-1.pdf"), std::string::npos);
  // Another creditor neither reads nor removes it.
  expect_problem(client().get("/api/v1/invoices/R-1/copy", zeta_key_), 404, 1002);
  expect_problem(client().send("DELETE", "/api/v1/invoices/R-1/copy", "", {{"Authorization", "Bearer " + zeta_key_}}),
                 404, 1002);
  auto removed = client().send("DELETE", "/api/v1/invoices/R-1/copy", "", {{"Authorization", "Bearer " + acme_key_}});
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_TRUE(removed.json().at("removed").as_bool());
  expect_problem(client().get("/api/v1/invoices/R-1/copy", acme_key_), 404, 1002);
}

TEST_F(ApiDispatchTest, SmsReportsNeedTheConfiguredSignature) {
  // Without [sms] signature_secret the route does not accept reports at all.
  expect_problem(client().send("POST", "/api/v1/sms/status", R"({"message_uuid":"x","status":"delivered"})",
                               {{"Content-Type", "application/json"}}),
                 404, 1002);
}

}  // namespace
}  // namespace kulanz::testing
