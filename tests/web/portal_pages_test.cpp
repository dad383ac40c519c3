// The customer portal over real HTTP (docs/PORTAL.md): opening by link, the session cookie,
// the light check and its lock, entry by customer number without telling which numbers
// exist, CSRF on every form, revoked links, and that a session never reaches another
// customer's or another creditor's data on any portal route.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <tuple>

#include "channels/payment_stripe.hpp"
#include "documents/epc_payload.hpp"
#include "security/security.hpp"
#include "documents/qr_code.hpp"
#include "services/allocation_service.hpp"
#include "portal/settings.hpp"
#include "services/portal.hpp"
#include "services/portal_actions.hpp"
#include "services/portal_card.hpp"
#include "services/letters.hpp"
#include "services/portal_links.hpp"
#include "services/portal_messages.hpp"
#include "web_fixture.hpp"

namespace kulanz::webtest {
namespace {

bool contains(const std::string& haystack, std::string_view needle) { return haystack.find(needle) != std::string::npos; }

std::string replaced_first(std::string s, const std::string& from, const std::string& to) {
  const auto at = s.find(from);
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

// The text between `start` and the next `end` after it; empty when `start` is missing.
std::string between(const std::string& s, const std::string& start, const std::string& end) {
  auto a = s.find(start);
  if (a == std::string::npos) return {};
  a += start.size();
  auto b = s.find(end, a);
  return b == std::string::npos ? std::string() : s.substr(a, b - a);
}

class PortalTest : public WebServerTest {
 protected:
  void SetUp() override {
    WebServerTest::SetUp();
    // Postal codes for the check (the creditor's default check asks for the postal code).
    for (const auto& [creditor, id, postal] : {std::tuple{acme.id, "K-1001", "80331"}, std::tuple{acme.id, "K-1002", "10115"},
                                               std::tuple{beta.id, "B-1", "20095"}}) {
      auto c = store->customer_by_external_id(creditor, id);
      ASSERT_TRUE(c.has_value() && c->has_value());
      domain::Customer customer = **c;
      customer.postal_code = postal;
      ASSERT_TRUE(store->upsert_customer(creditor, customer).has_value());
    }
    k1001 = customer_id(acme.id, "K-1001");
    k1002 = customer_id(acme.id, "K-1002");
    b1 = customer_id(beta.id, "B-1");
  }

  domain::CustomerId customer_id(domain::CreditorId c, const std::string& ext) {
    auto found = store->customer_by_external_id(c, ext);
    EXPECT_TRUE(found.has_value() && found->has_value());
    return found && *found ? (**found).id : domain::CustomerId{};
  }

  std::string link_token(domain::CreditorId c, domain::CustomerId k) {
    auto link = services::portal_link(*store, {}, c, k, kNow);
    EXPECT_TRUE(link.has_value()) << (link ? "" : link.error().to_string());
    return link ? link->token : std::string();
  }

  // A client inside a session of that customer, opened by the personal link.
  HttpClient session_of(domain::CreditorId c, domain::CustomerId k) {
    auto client_ = client();
    auto r = client_.get("/p/" + link_token(c, k));
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(r.header("location"), "/p/");
    return client_;
  }

  // The session's CSRF token, from the language switch on every page.
  std::string csrf_of(HttpClient& c) {
    auto page = c.get("/p/help");
    return hidden_input(page.body, "csrf_token");
  }

  HttpReply answer(HttpClient& c, const std::string& text, const std::string& next = "/p/statement.pdf") {
    return c.post_form("/p/check", {{"csrf_token", csrf_of(c)}, {"next", next}, {"answer", text}});
  }

  // A contact history entry with one PDF document; returns its id.
  std::int64_t history_with_document(domain::CreditorId c, domain::CustomerId k, const std::string& subject) {
    ports::ContactHistoryRecord h;
    h.customer_id = k;
    h.channel = "email";
    h.address = "kunde@example.org";
    h.subject = subject;
    h.body_text = "Text";
    h.sent_unix = kNow - 3600;
    h.documents.push_back({0, "Mahnung.pdf", "application/pdf", "%PDF-1.4\n" + subject + "\n%%EOF\n"});
    EXPECT_TRUE(store->dispatch().add_contact_history(c, h).has_value());
    return h.id;
  }

  void add_copy(domain::CreditorId c, const std::string& invoice_external_id, const std::string& marker) {
    auto inv = store->invoice_by_external_id(c, invoice_external_id);
    ASSERT_TRUE(inv.has_value() && inv->has_value());
    ports::InvoiceCopy copy;
    copy.invoice_id = (**inv).id;
    copy.file_name = invoice_external_id + ".pdf";
    copy.content = "%PDF-1.4\n" + marker + "\n%%EOF\n";
    copy.size_bytes = static_cast<std::int64_t>(copy.content.size());
    copy.sha256 = "x";
    copy.added_unix = kNow;
    ASSERT_TRUE(store->dispatch().put_invoice_copy(c, copy).has_value());
  }

  // An invoice of K-1001 with 2 % Skonto for 10 days, issued `issued_days_ago`.
  void add_skonto_invoice(const std::string& external_id, std::int64_t amount_minor, int issued_days_ago) {
    domain::Invoice i;
    i.creditor_id = acme.id;
    i.customer_id = k1001;
    i.external_id = external_id;
    i.number = "S-" + external_id;
    i.issue_date = calendar::Date::from_unix_utc(kNow).add_days(-issued_days_ago);
    i.due_date = i.issue_date.add_days(30);
    i.amount = money::Money(amount_minor, acme.currency);
    i.open = i.amount;
    i.skonto_basis_points = 200;
    i.skonto_days = 10;
    ASSERT_TRUE(store->upsert_invoice(acme.id, i).has_value());
  }

  void give_acme_bank_details() {
    domain::CreditorProfile p;
    p.legal_name = "Acme Versorgung GmbH";
    p.iban = "DE89370400440532013000";
    p.bic = "COBADEFFXXX";
    ASSERT_TRUE(store->save_creditor_profile(acme.id, p).has_value());
  }

  // POST multipart/form-data: fields, then files as (field, file name, bytes).
  HttpReply post_multipart(HttpClient& c, const std::string& target,
                           const std::vector<std::pair<std::string, std::string>>& fields,
                           const std::vector<std::tuple<std::string, std::string, std::string>>& files) {
    const std::string boundary = "----kulanzTestBoundary7MA4YWxk";
    std::string body;
    for (const auto& [name, value] : fields) {
      body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }
    for (const auto& [name, file, bytes] : files) {
      body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + file +
              "\"\r\nContent-Type: application/pdf\r\n\r\n" + bytes + "\r\n";
    }
    body += "--" + boundary + "--\r\n";
    return c.send("POST", target, body, {{"Content-Type", "multipart/form-data; boundary=" + boundary}});
  }

  domain::CustomerId k1001, k1002, b1;
};

TEST_F(PortalTest, APromiseToPayPausesTheJourneyUntilItsDayAndCanBeRated) {
  auto c = session_of(acme.id, k1001);
  // Changing data needs the light check first.
  auto first = c.get("/p/promise");
  EXPECT_EQ(first.status, 303);
  EXPECT_EQ(first.header("location"), "/p/check?next=/p/promise");
  ASSERT_EQ(answer(c, "80331", "/p/promise").status, 303);
  auto form = c.get("/p/promise");
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(contains(form.body, "bis wann Sie 1.234,56\u00a0€ zahlen")) << form.body;
  EXPECT_TRUE(contains(form.body, "max=\"2026-12-07\""));  // 14 days by the default policy
  auto holds = [&] { return store->collection().list_holds(acme.id, k1001, false).value(); };

  // Too late, no date, no token: refused, nothing written.
  auto late = c.post_form("/p/promise", {{"csrf_token", csrf_of(c)}, {"until", "2026-12-31"}});
  EXPECT_EQ(late.status, 422);
  EXPECT_TRUE(contains(late.body, "spätestens 07.12.2026")) << late.body;
  EXPECT_EQ(c.post_form("/p/promise", {{"csrf_token", csrf_of(c)}, {"until", "bald"}}).status, 422);
  EXPECT_EQ(c.post_form("/p/promise", {{"until", "2026-12-05"}}).status, 403);
  EXPECT_TRUE(holds().empty());

  auto done = c.post_form("/p/promise", {{"csrf_token", csrf_of(c)}, {"until", "05.12.2026"}});
  ASSERT_EQ(done.status, 303);
  const std::string location = done.header("location");
  ASSERT_EQ(location.rfind("/p/done/", 0), 0u) << location;
  auto h = holds();
  ASSERT_EQ(h.size(), 1u);
  EXPECT_EQ(h[0].kind, engine::HoldKind::promise_to_pay);
  ASSERT_TRUE(h[0].until.has_value());
  EXPECT_EQ(h[0].until->iso(), "2026-12-05");
  EXPECT_EQ(h[0].starts_on.iso(), "2026-11-23");
  EXPECT_EQ(h[0].invoice_ids.size(), 2u);
  EXPECT_EQ(h[0].created_by.rfind("portal:", 0), 0u);
  auto interactions = store->portal().list_portal_interactions(acme.id, k1001, 0, 10).value();
  ASSERT_EQ(interactions.size(), 1u);
  EXPECT_EQ(interactions[0].kind, "promise");
  EXPECT_EQ(interactions[0].session_ref, h[0].created_by);
  EXPECT_EQ(interactions[0].summary, "Sie haben zugesagt, 1.234,56\u00a0€ bis 05.12.2026 zu zahlen.");
  EXPECT_EQ(location, "/p/done/" + std::to_string(interactions[0].id));

  // The confirmation offers the rating; the overview and the history show the promise.
  auto confirmation = c.get(location);
  EXPECT_EQ(confirmation.status, 200);
  EXPECT_TRUE(contains(confirmation.body, interactions[0].summary));
  EXPECT_TRUE(contains(confirmation.body, "name=\"rating\" value=\"good\""));
  EXPECT_TRUE(contains(c.get("/p/").body, "Sie haben die Zahlung bis 05.12.2026 zugesagt"));
  EXPECT_TRUE(contains(c.get("/p/history").body, interactions[0].summary));
  // A second promise while this one runs is not taken.
  EXPECT_TRUE(contains(c.get("/p/promise").body, "bereits eine Zahlungszusage"));
  EXPECT_EQ(c.post_form("/p/promise", {{"csrf_token", csrf_of(c)}, {"until", "2026-12-06"}}).status, 422);
  EXPECT_EQ(holds().size(), 1u);

  // The rating: a face is needed; the first rating stays.
  const std::string rating_path = location + "/rating";
  EXPECT_EQ(c.post_form(rating_path, {{"csrf_token", csrf_of(c)}, {"comment", "x"}}).status, 422);
  EXPECT_EQ(c.post_form(rating_path, {{"rating", "good"}}).status, 403);
  auto thanks = c.post_form(rating_path, {{"csrf_token", csrf_of(c)}, {"rating", "good"}, {"comment", " Schnell\x01 und einfach "}});
  EXPECT_EQ(thanks.status, 200);
  EXPECT_TRUE(contains(thanks.body, "Danke für Ihre Bewertung"));
  EXPECT_EQ(c.post_form(rating_path, {{"csrf_token", csrf_of(c)}, {"rating", "bad"}}).status, 200);
  auto rated = store->portal().list_portal_interactions(acme.id, k1001, 0, 10).value();
  EXPECT_EQ(rated[0].rating, "good");
  EXPECT_EQ(rated[0].rating_comment, "Schnell und einfach");
  EXPECT_FALSE(contains(c.get(location).body, "name=\"rating\""));
}

TEST_F(PortalTest, APlanWithinPolicyIsAgreedAtOnceAndAnotherBecomesARequestForACollector) {
  auto c = session_of(acme.id, k1001);
  ASSERT_EQ(answer(c, "80331", "/p/plan").status, 303);
  // 1.234,56 over 3 months from 30.11.2026 (a week ahead).
  auto preview = c.get("/p/plan?count=3");
  ASSERT_EQ(preview.status, 200);
  EXPECT_TRUE(contains(preview.body, "id=\"count-6\""));   // the policy allows up to 6
  EXPECT_FALSE(contains(preview.body, "id=\"count-7\""));
  const std::string table = between(preview.body, "<tbody>", "</tbody>");
  EXPECT_TRUE(contains(table, "<td>1</td><td>30.11.2026</td><td class=\"num\">411,52\u00a0€</td>")) << table;
  EXPECT_TRUE(contains(table, "<td>3</td><td>30.01.2027</td><td class=\"num\">411,52\u00a0€</td>")) << table;

  auto done = c.post_form("/p/plan", {{"csrf_token", csrf_of(c)}, {"count", "3"}});
  ASSERT_EQ(done.status, 303);
  auto plans = store->portal().list_payment_plans(acme.id, k1001, true).value();
  ASSERT_EQ(plans.size(), 1u);
  EXPECT_EQ(plans[0].total_minor, 123456);
  ASSERT_EQ(plans[0].instalments.size(), 3u);
  EXPECT_EQ(plans[0].instalments[2].due_on.iso(), "2027-01-30");
  auto holds = store->collection().list_holds(acme.id, k1001, true).value();
  ASSERT_EQ(holds.size(), 1u);
  EXPECT_EQ(holds[0].kind, engine::HoldKind::payment_plan);
  EXPECT_EQ(holds[0].id, plans[0].hold_id);
  ASSERT_TRUE(holds[0].until.has_value());
  EXPECT_EQ(holds[0].until->iso(), "2027-01-30");
  auto confirmation = c.get(done.header("location"));
  EXPECT_TRUE(contains(confirmation.body, "Ratenplan vereinbart: 3 Monatsraten über insgesamt 1.234,56\u00a0€."));
  EXPECT_TRUE(contains(confirmation.body, "<td>2</td><td>30.12.2026</td>"));
  EXPECT_TRUE(contains(c.get("/p/").body, "Ihr Ratenplan läuft"));
  EXPECT_TRUE(contains(c.get("/p/plan").body, "bereits ein Ratenplan"));

  // K-1002 (1.500,00) asks for 12 months: a task for a collector, no hold.
  auto other = session_of(acme.id, k1002);
  ASSERT_EQ(answer(other, "10115", "/p/plan").status, 303);
  auto request = other.post_form("/p/plan", {{"csrf_token", csrf_of(other)}, {"other", "1"}, {"other_count", "12"},
                                             {"wish", "Ab Januar bitte"}});
  ASSERT_EQ(request.status, 303);
  EXPECT_TRUE(store->collection().list_holds(acme.id, k1002, true).value().empty());
  EXPECT_TRUE(store->portal().list_payment_plans(acme.id, k1002, false).value().empty());
  auto tasks = store->collection().list_tasks(acme.id, k1002, 0, 10).value();
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].kind, "plan_request");
  EXPECT_TRUE(contains(tasks[0].note, "12 Monatsraten")) << tasks[0].note;
  EXPECT_TRUE(contains(tasks[0].note, "plan_months")) << tasks[0].note;
  EXPECT_TRUE(contains(tasks[0].note, "Ab Januar bitte")) << tasks[0].note;
  auto sent = other.get(request.header("location"));
  EXPECT_TRUE(contains(sent.body, "Anfrage gesendet"));
  EXPECT_TRUE(contains(sent.body, "Ratenplan angefragt: 12 Monatsraten über insgesamt 1.500,00\u00a0€."));
  auto interactions = store->portal().list_portal_interactions(acme.id, k1002, 0, 10).value();
  ASSERT_EQ(interactions.size(), 1u);
  EXPECT_EQ(interactions[0].kind, "plan_request");
  // Another customer's confirmation and rating stay out of reach.
  const std::string foreign = "/p/done/" + std::to_string(interactions[0].id);
  EXPECT_EQ(c.get(foreign).status, 404);
  EXPECT_EQ(c.post_form(foreign + "/rating", {{"csrf_token", csrf_of(c)}, {"rating", "bad"}}).status, 404);
  EXPECT_EQ(store->portal().list_portal_interactions(acme.id, k1002, 0, 10).value()[0].rating, "");
}

TEST_F(PortalTest, TheRunEndsAPlanAsCompletedOrBrokenByThePaymentsAgainstItsInstalments) {
  auto pay = [&](domain::CustomerId k, const std::string& id, std::int64_t minor, const char* day) {
    domain::Payment p;
    p.creditor_id = acme.id;
    p.customer_id = k;
    p.external_id = id;
    p.value_date = calendar::Date::parse_iso(day).value();
    p.amount = money::Money(minor, acme.currency);
    p.unallocated = p.amount;
    ASSERT_TRUE(store->upsert_payment(acme.id, p).has_value());
    ASSERT_TRUE(services::reallocate(*store, acme.id, {k}).has_value());
  };
  auto review = [&](const char* day) {
    return services::review_payment_plans(*store, acme.id, calendar::Date::parse_iso(day).value(), kNow).value();
  };
  auto agree = [&](domain::CustomerId k, const char* postal, const char* count) {
    auto c = session_of(acme.id, k);
    ASSERT_EQ(answer(c, postal, "/p/plan").status, 303);
    ASSERT_EQ(c.post_form("/p/plan", {{"csrf_token", csrf_of(c)}, {"count", count}}).status, 303);
  };
  agree(k1001, "80331", "3");  // 3 x 411,52 from 30.11.2026
  pay(k1001, "P-1", 41152, "2026-11-29");
  auto r = review("2026-12-06");  // the first instalment is paid
  EXPECT_EQ(r.completed + r.broken, 0);
  r = review("2027-01-04");  // the second is due since 30.12., within the grace days
  EXPECT_EQ(r.broken, 0);
  r = review("2027-01-05");
  EXPECT_EQ(r.broken, 1);
  auto plans = store->portal().list_payment_plans(acme.id, k1001, false).value();
  ASSERT_EQ(plans.size(), 1u);
  EXPECT_EQ(plans[0].status, "broken");
  auto hold = store->collection().hold_by_id(acme.id, plans[0].hold_id).value();
  ASSERT_TRUE(hold.has_value());
  EXPECT_EQ(hold->end, engine::HoldEnd::broken);
  EXPECT_EQ(hold->ended_on->iso(), "2027-01-05");
  EXPECT_EQ(review("2027-01-06").broken, 0) << "ended once";

  agree(k1002, "10115", "2");  // 2 x 750,00
  pay(k1002, "P-2", 150000, "2026-11-25");
  r = review("2026-11-26");
  EXPECT_EQ(r.completed, 1);
  EXPECT_EQ(store->portal().list_payment_plans(acme.id, k1002, false).value()[0].status, "completed");
  EXPECT_TRUE(store->collection().list_holds(acme.id, k1002, true).value().empty());
}

TEST_F(PortalTest, ASepaMandateIsCheckedStoredWithItsPrenotificationAndRevocable) {
  auto c = session_of(acme.id, k1001);
  ASSERT_EQ(answer(c, "80331", "/p/mandate").status, 303);
  auto off = c.get("/p/mandate");
  EXPECT_EQ(off.status, 404);
  EXPECT_TRUE(contains(off.body, "Lastschriften bietet dieses Portal nicht an"));
  std::string file(portal::builtin_portal_text());
  const std::string commented = "# creditor_identifier = ";
  ASSERT_NE(file.find(commented), std::string::npos);
  file.replace(file.find(commented), commented.size(), "creditor_identifier = ");
  auto loaded = services::load_portal_file(*store, acme.id, file, "portal.toml", "test", kNow);
  ASSERT_TRUE(loaded.has_value() && loaded->errors.empty());

  auto form = c.get("/p/mandate");
  ASSERT_EQ(form.status, 200);
  // Three TARGET2 days after Monday 23.11.2026.
  EXPECT_TRUE(contains(form.body, "Nur diese Zahlung: 1.234,56\u00a0€ am 26.11.2026")) << form.body;
  EXPECT_TRUE(contains(form.body, "Gläubiger-Identifikationsnummer DE98ZZZ09999999999"));
  EXPECT_TRUE(contains(form.body, "acht Wochen"));
  EXPECT_TRUE(contains(c.get("/p/pay").body, "href=\"/p/mandate\""));
  auto mandates = [&](bool active) { return store->portal().list_mandates(acme.id, k1001, active).value(); };
  auto post = [&](const std::string& iban, const std::string& scope, bool consent) {
    std::vector<std::pair<std::string, std::string>> f = {
        {"csrf_token", csrf_of(c)}, {"account_holder", "Jördis Müller"}, {"iban", iban}, {"scope", scope}};
    if (consent) f.push_back({"consent", "yes"});
    return c.post_form("/p/mandate", f);
  };
  auto bad = post("DE89 3704 0044 0532 0130 01", "single", true);
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(contains(bad.body, "Diese IBAN stimmt nicht"));
  EXPECT_TRUE(contains(bad.body, "DE89 3704 0044 0532 0130 01")) << "what was typed stays";
  EXPECT_EQ(post("DE89 3704 0044 0532 0130 00", "single", false).status, 422);
  // A holder's name the pain.008 file could not carry (no Latin form) is refused.
  auto cyrillic = c.post_form("/p/mandate", {{"csrf_token", csrf_of(c)},
                                             {"account_holder", "Иван Петров"},
                                             {"iban", "DE89370400440532013000"},
                                             {"scope", "single"},
                                             {"consent", "yes"}});
  EXPECT_EQ(cyrillic.status, 422);
  EXPECT_TRUE(contains(cyrillic.body, "in lateinischer Schrift")) << cyrillic.body;
  EXPECT_TRUE(mandates(false).empty());

  auto done = post("de89 3704 0044 0532 0130 00", "single", true);
  ASSERT_EQ(done.status, 303);
  auto m = mandates(true);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].reference, "M-K-1001-1");
  EXPECT_EQ(m[0].iban, "DE89370400440532013000");
  EXPECT_EQ(m[0].scope, "single");
  EXPECT_EQ(m[0].amount_minor, 123456);
  EXPECT_EQ(m[0].collection_on->iso(), "2026-11-26");
  auto hold = store->collection().hold_by_id(acme.id, m[0].hold_id).value();
  ASSERT_TRUE(hold.has_value());
  EXPECT_EQ(hold->kind, engine::HoldKind::promise_to_pay);
  EXPECT_EQ(hold->until->iso(), "2026-12-01");
  EXPECT_TRUE(contains(c.get(done.header("location")).body, "Lastschriftmandat M-K-1001-1 für diese Zahlung erteilt"));
  auto listed = c.get("/p/mandate");
  EXPECT_TRUE(contains(listed.body, "Vorabankündigung: Wir ziehen 1.234,56\u00a0€ am 26.11.2026 von Ihrem Konto DE89 •••• •••• •••• ••30 00 ein, Mandatsreferenz M-K-1001-1, Gläubiger-ID DE98ZZZ09999999999."))
      << listed.body;
  // A single debit on top of it is not taken; one for future invoices is, once.
  EXPECT_EQ(post("DE89370400440532013000", "single", true).status, 422);
  ASSERT_EQ(post("DE89370400440532013000", "recurring", true).status, 303);
  EXPECT_EQ(post("DE89370400440532013000", "recurring", true).status, 422);
  EXPECT_EQ(mandates(true).size(), 2u);

  // Revoking: only one's own; the single debit's hold ends, dunning resumes.
  auto other = session_of(acme.id, k1002);
  ASSERT_EQ(answer(other, "10115", "/p/mandate").status, 303);
  const std::string revoke = "/p/mandate/" + std::to_string(m[0].id) + "/revoke";
  EXPECT_EQ(other.post_form(revoke, {{"csrf_token", csrf_of(other)}}).status, 404);
  EXPECT_EQ(c.post_form(revoke, {}).status, 403);
  EXPECT_EQ(mandates(true).size(), 2u);
  auto revoked = c.post_form(revoke, {{"csrf_token", csrf_of(c)}});
  ASSERT_EQ(revoked.status, 303);
  EXPECT_TRUE(contains(c.get(revoked.header("location")).body, "Lastschriftmandat M-K-1001-1 widerrufen."));
  EXPECT_EQ(mandates(true).size(), 1u);
  EXPECT_EQ(mandates(false)[0].revoked_by.rfind("portal:", 0), 0u);
  EXPECT_TRUE(store->collection().hold_by_id(acme.id, m[0].hold_id).value()->ended_on.has_value());
  EXPECT_EQ(c.post_form(revoke, {{"csrf_token", csrf_of(c)}}).status, 404) << "revoked once";
}

TEST_F(PortalTest, ADisputeWithDocumentsTakesTheInvoiceOutOfDunningAndFilesAreJudgedByTheirContent) {
  auto c = session_of(acme.id, k1001);
  ASSERT_EQ(answer(c, "80331", "/p/dispute").status, 303);
  auto form = c.get("/p/dispute?item=acme-R-2");
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(contains(form.body, "<option value=\"acme-R-2\" selected>")) << form.body;
  EXPECT_TRUE(contains(form.body, "enctype=\"multipart/form-data\""));
  EXPECT_FALSE(contains(form.body, "acme-R-3")) << "another customer's invoice";

  const std::string pdf = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";
  const std::string png = std::string("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16) + std::string(17, '\x01') +
                          std::string("\0\0\0\0IEND\xae\x42\x60\x82", 12);
  auto fields = [&](const std::string& item, const std::string& reason) {
    return std::vector<std::pair<std::string, std::string>>{
        {"csrf_token", csrf_of(c)}, {"item", item}, {"reason", reason}, {"message", "Die Lieferung kam nie an."}};
  };
  auto nothing_written = [&] {
    EXPECT_TRUE(store->collection().list_holds(acme.id, k1001, false).value().empty());
    EXPECT_TRUE(store->portal().list_portal_interactions(acme.id, k1001, 0, 10).value().empty());
    EXPECT_TRUE(store->collection().list_tasks(acme.id, k1001, 0, 10).value().empty());
  };
  // A text file named like a PDF, an unknown reason, another customer's invoice, no token.
  auto fake = post_multipart(c, "/p/dispute", fields("acme-R-2", "not_received"),
                             {{"files", "beleg.pdf", "Das ist kein PDF, nur Text."}});
  EXPECT_EQ(fake.status, 422);
  EXPECT_TRUE(contains(fake.body, "Die Datei „beleg.pdf“ ist kein PDF, JPEG oder PNG")) << fake.body;
  EXPECT_TRUE(contains(fake.body, "Die Lieferung kam nie an.")) << "the message stays";
  EXPECT_EQ(post_multipart(c, "/p/dispute", fields("acme-R-2", "weather"), {}).status, 422);
  EXPECT_EQ(post_multipart(c, "/p/dispute", fields("acme-R-3", "not_received"), {}).status, 422);
  EXPECT_EQ(post_multipart(c, "/p/dispute", {{"item", "acme-R-2"}, {"reason", "not_received"}}, {}).status, 403);
  EXPECT_EQ(post_multipart(c, "/p/dispute", fields("acme-R-2", "not_received"),
                           {{"files", "a.pdf", pdf}, {"files", "b.pdf", pdf}, {"files", "c.pdf", pdf}, {"files", "d.pdf", pdf}})
                .status,
            422);
  nothing_written();

  auto done = post_multipart(c, "/p/dispute", fields("acme-R-2", "not_received"),
                             {{"files", "../../Lieferschein.pdf", pdf}, {"files", "Foto.png", png}});
  ASSERT_EQ(done.status, 303) << done.body;
  auto holds = store->collection().list_holds(acme.id, k1001, true).value();
  ASSERT_EQ(holds.size(), 1u);
  EXPECT_EQ(holds[0].kind, engine::HoldKind::dispute);
  ASSERT_EQ(holds[0].invoice_ids.size(), 1u);
  EXPECT_EQ(holds[0].invoice_ids[0], store->invoice_by_external_id(acme.id, "acme-R-2").value()->id);
  EXPECT_FALSE(holds[0].until.has_value());
  auto interactions = store->portal().list_portal_interactions(acme.id, k1001, 0, 10).value();
  ASSERT_EQ(interactions.size(), 1u);
  EXPECT_EQ(interactions[0].kind, "dispute");
  EXPECT_EQ(interactions[0].summary, "Ihr Anliegen zu Rechnung R-2026-1002 ist eingegangen (Vorgang F-K-1001-1).");
  auto docs = store->portal().list_portal_documents(acme.id, k1001, interactions[0].id).value();
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].name, "Lieferschein.pdf");
  EXPECT_EQ(docs[0].content_type, "application/pdf");
  EXPECT_EQ(docs[1].content_type, "image/png") << "judged by the content, not the declared type";
  auto bytes = store->portal().portal_document(acme.id, k1001, docs[1].id).value();
  ASSERT_TRUE(bytes.has_value());
  EXPECT_EQ(bytes->content, png);
  EXPECT_FALSE(store->portal().portal_document(acme.id, k1002, docs[1].id).value().has_value());
  auto tasks = store->collection().list_tasks(acme.id, k1001, 0, 10).value();
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].kind, "dispute");
  EXPECT_TRUE(contains(tasks[0].note, "Ware oder Leistung nicht erhalten")) << tasks[0].note;
  EXPECT_TRUE(contains(tasks[0].note, "Die Lieferung kam nie an.")) << tasks[0].note;
  auto confirmation = c.get(done.header("location"));
  EXPECT_TRUE(contains(confirmation.body, "Lieferschein.pdf (1 KB)"));
  EXPECT_TRUE(contains(confirmation.body, "mahnen wir diese Rechnung nicht"));
  // The item shows as paused; a second message about it adds no second hold.
  EXPECT_TRUE(contains(c.get("/p/items").body, "Mahnung ruht"));
  ASSERT_EQ(post_multipart(c, "/p/dispute", fields("acme-R-2", "question"), {}).status, 303);
  EXPECT_EQ(store->collection().list_holds(acme.id, k1001, true).value().size(), 1u);
  EXPECT_TRUE(contains(store->portal().list_portal_interactions(acme.id, k1001, 0, 10).value()[0].summary, "F-K-1001-2"));
}

TEST_F(PortalTest, ContactPreferencesApplyAtOnceAndStayOverALaterImport) {
  auto c = session_of(acme.id, k1001);
  EXPECT_EQ(c.get("/p/preferences").status, 303);  // the check first
  ASSERT_EQ(answer(c, "80331", "/p/preferences").status, 303);
  auto form = c.get("/p/preferences");
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(contains(form.body, "id=\"language-de\" name=\"language\" value=\"de\" checked")) << form.body;
  EXPECT_TRUE(contains(c.get("/p/").body, "href=\"/p/preferences\""));

  auto post = [&](std::vector<std::pair<std::string, std::string>> fields) {
    fields.emplace_back("csrf_token", csrf_of(c));
    return c.post_form("/p/preferences", fields);
  };
  // Consent without an address, an address that is not one, no token: refused, nothing changed.
  auto no_address = post({{"language", "de"}, {"email", ""}, {"email_consent", "yes"}});
  EXPECT_EQ(no_address.status, 422);
  EXPECT_TRUE(contains(no_address.body, "Für „E-Mail“ fehlt uns die Adresse")) << no_address.body;
  EXPECT_EQ(post({{"language", "de"}, {"email", "kein at-zeichen"}, {"email_consent", "yes"}}).status, 422);
  EXPECT_EQ(post({{"language", "fr"}}).status, 422);
  EXPECT_EQ(c.post_form("/p/preferences", {{"language", "en"}}).status, 403);
  EXPECT_TRUE(store->portal().list_portal_interactions(acme.id, k1001, 0, 10).value().empty());

  auto done = post({{"language", "en"}, {"email", " kunde@example.org "}, {"email_consent", "yes"},
                    {"mobile", "0151 2345678"}, {"phone", "0711 123456"}, {"phone_consent", "yes"}});
  ASSERT_EQ(done.status, 303) << done.body;
  auto customer = store->customer_by_id(acme.id, k1001).value().value();
  EXPECT_EQ(customer.language, domain::Language::en);
  ASSERT_NE(customer.contact(domain::Channel::email), nullptr);
  EXPECT_EQ(customer.contact(domain::Channel::email)->address, "kunde@example.org");
  EXPECT_TRUE(customer.contact(domain::Channel::email)->consent);
  ASSERT_NE(customer.contact(domain::Channel::sms), nullptr);
  EXPECT_EQ(customer.contact(domain::Channel::sms)->address, "+491512345678");
  EXPECT_FALSE(customer.contact(domain::Channel::sms)->consent);
  EXPECT_TRUE(customer.contact(domain::Channel::phone)->consent);
  auto interactions = store->portal().list_portal_interactions(acme.id, k1001, 0, 10).value();
  ASSERT_EQ(interactions.size(), 1u);
  EXPECT_EQ(interactions[0].kind, "preferences");
  EXPECT_EQ(interactions[0].summary, "Contact preferences saved: email yes, text messages no, calls yes; language English.");
  EXPECT_TRUE(contains(interactions[0].detail_json, "\"before\":{\"language\":\"de\",\"email\":null"));
  // The portal speaks the chosen language from now on.
  EXPECT_TRUE(contains(c.get(done.header("location")).body, "<html lang=\"en\">"));

  // The creditor's system sends the customer again with its own (older) data: the
  // customer's choices stay, everything else is updated.
  domain::Customer erp = customer;
  erp.name = "Kundin K-1001 Neu";
  erp.language = domain::Language::de;
  erp.contacts = {domain::Contact{domain::Channel::email, "alt@example.org", false, false},
                  domain::Contact{domain::Channel::sms, "+4915199999999", true, false}};
  erp.preferences = {};
  ASSERT_TRUE(store->upsert_customer(acme.id, erp).has_value());
  auto after = store->customer_by_id(acme.id, k1001).value().value();
  EXPECT_EQ(after.name, "Kundin K-1001 Neu");
  EXPECT_EQ(after.language, domain::Language::en);
  EXPECT_EQ(after.contact(domain::Channel::email)->address, "kunde@example.org");
  EXPECT_TRUE(after.contact(domain::Channel::email)->consent);
  EXPECT_EQ(after.contact(domain::Channel::sms)->address, "+491512345678");
  EXPECT_FALSE(after.contact(domain::Channel::sms)->consent);
  EXPECT_EQ(after.preferences.session_ref.substr(0, 7), "portal:");
  // The engine reads the customer through the same records: its case has the choices.
  auto one = store->collection().load_case(acme.id, k1001, calendar::Date::from_unix_utc(kNow).add_days(-90));
  ASSERT_TRUE(one.has_value() && one->has_value());
  EXPECT_EQ((*one)->ledger.customer.language, domain::Language::en);
  EXPECT_FALSE((*one)->ledger.customer.contact(domain::Channel::sms)->consent);
  auto batch = store->collection().load_cases(acme.id, domain::CustomerId{}, 100,
                                              calendar::Date::from_unix_utc(kNow).add_days(-90));
  ASSERT_TRUE(batch.has_value());
  for (const auto& k : *batch) {
    if (k.ledger.customer.id == k1001) {
      EXPECT_EQ(k.ledger.customer.language, domain::Language::en);
    }
  }
}

TEST_F(PortalTest, TheFormsLinkTheCreditorsAnswerWhereCustomersGetStuck) {
  auto c = session_of(acme.id, k1001);
  ASSERT_EQ(answer(c, "80331", "/p/").status, 303);
  for (const auto& [page, answer_id] : {std::pair{"/p/pay", "mandate"}, std::pair{"/p/promise", "promise"},
                                        std::pair{"/p/plan", "plan"}, std::pair{"/p/dispute", "dispute"}}) {
    auto r = c.get(page);
    ASSERT_EQ(r.status, 200) << page;
    EXPECT_TRUE(contains(r.body, std::string("<p class=\"more\"><a href=\"/p/help/") + answer_id + "\">")) << page;
  }
  // No answer about credit notes in the default file: no link.
  EXPECT_FALSE(contains(c.get("/p/credit-note").body, "/p/help/"));
}

TEST_F(PortalTest, ACreditNoteRequestBecomesATaskWithItsReasonAmountAndReference) {
  auto c = session_of(acme.id, k1001);
  // The form asks for the check first; then offers the customer's own invoices only.
  auto first = c.get("/p/credit-note?item=acme-R-1");
  ASSERT_EQ(first.status, 303);
  ASSERT_EQ(answer(c, "80331", "/p/credit-note?item=acme-R-1").status, 303);
  auto form = c.get("/p/credit-note?item=acme-R-1");
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(contains(form.body, "<option value=\"acme-R-1\" selected>")) << form.body;
  EXPECT_TRUE(contains(form.body, "Ware zurückgeschickt"));
  EXPECT_FALSE(contains(form.body, "acme-R-3"));
  EXPECT_TRUE(contains(c.get("/p/").body, "href=\"/p/credit-note\""));

  auto post = [&](const std::string& item, const std::string& reason, const std::string& amount) {
    return c.post_form("/p/credit-note", {{"csrf_token", csrf_of(c)}, {"item", item}, {"reason", reason},
                                          {"amount", amount}, {"message", "Zwei Teile zurück, Paket 4711."}});
  };
  // An unknown reason, another customer's invoice, an amount above the invoice or not a number.
  EXPECT_EQ(post("acme-R-1", "weather", "").status, 422);
  EXPECT_EQ(post("acme-R-3", "returned", "").status, 422);
  auto too_much = post("acme-R-1", "returned", "1.000,01");
  EXPECT_EQ(too_much.status, 422);
  EXPECT_TRUE(contains(too_much.body, "höchstens den Rechnungsbetrag")) << too_much.body;
  EXPECT_TRUE(contains(too_much.body, "aria-invalid=\"true\""));
  EXPECT_TRUE(contains(too_much.body, "Zwei Teile zurück, Paket 4711.")) << "what was typed stays";
  EXPECT_EQ(post("acme-R-1", "returned", "zwölf").status, 422);
  EXPECT_EQ(c.post_form("/p/credit-note", {{"item", "acme-R-1"}, {"reason", "returned"}}).status, 403);
  EXPECT_TRUE(store->portal().list_portal_interactions(acme.id, k1001, 0, 10).value().empty());
  EXPECT_TRUE(store->collection().list_tasks(acme.id, k1001, 0, 10).value().empty());

  auto done = post("acme-R-1", "returned", "120,50");
  ASSERT_EQ(done.status, 303) << done.body;
  auto interactions = store->portal().list_portal_interactions(acme.id, k1001, 0, 10).value();
  ASSERT_EQ(interactions.size(), 1u);
  EXPECT_EQ(interactions[0].kind, "credit_note");
  EXPECT_EQ(interactions[0].summary, "Gutschrift zu Rechnung R-2026-1001 angefragt (Vorgang G-K-1001-1).");
  EXPECT_TRUE(contains(interactions[0].detail_json, "\"amount_minor\":12050"));
  auto tasks = store->collection().list_tasks(acme.id, k1001, 0, 10).value();
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].kind, "credit_note");
  EXPECT_EQ(tasks[0].note, "Gutschrift-Anfrage G-K-1001-1 zu Rechnung R-2026-1001: Ware zurückgeschickt, gewünscht "
                           "120.50 EUR. Nachricht: Zwei Teile zurück, Paket 4711.");
  // Dunning goes on: no hold.
  EXPECT_TRUE(store->collection().list_holds(acme.id, k1001, true).value().empty());
  auto confirmation = c.get(done.header("location"));
  EXPECT_TRUE(contains(confirmation.body, "G-K-1001-1"));
  EXPECT_TRUE(contains(confirmation.body, "prüft Ihre Anfrage"));
  EXPECT_TRUE(contains(c.get("/p/history").body, "Gutschrift zu Rechnung R-2026-1001 angefragt"));
}

TEST_F(PortalTest, ACallbackIsArrangedForABusinessDayAndWindowAsATaskDueThatDay) {
  auto c = session_of(acme.id, k1001);
  ASSERT_EQ(answer(c, "80331", "/p/callback").status, 303);
  auto form = c.get("/p/callback");
  ASSERT_EQ(form.status, 200);
  // kNow is Monday 23 Nov 2026: the next ten business days, from Tuesday, without the weekend.
  EXPECT_TRUE(contains(form.body, "<option value=\"2026-11-24\" selected>Dienstag, 24.11.2026</option>")) << form.body;
  EXPECT_TRUE(contains(form.body, "<option value=\"2026-12-07\">Montag, 07.12.2026</option>"));
  EXPECT_FALSE(contains(form.body, "2026-11-28"));
  EXPECT_FALSE(contains(form.body, "2026-12-08"));
  EXPECT_TRUE(contains(form.body, "value=\"10:00-12:00\""));
  EXPECT_TRUE(contains(c.get("/p/").body, "href=\"/p/callback\""));

  auto post = [&](const std::string& phone, const std::string& day, const std::string& window) {
    return c.post_form("/p/callback", {{"csrf_token", csrf_of(c)}, {"phone", phone}, {"day", day}, {"window", window},
                                       {"topic", "Frage zur Ratenzahlung"}});
  };
  EXPECT_EQ(post("12345", "2026-11-24", "10:00-12:00").status, 422);        // no area code
  EXPECT_EQ(post("0711 123456", "2026-11-28", "10:00-12:00").status, 422);  // a Saturday
  EXPECT_EQ(post("0711 123456", "2026-11-23", "10:00-12:00").status, 422);  // today
  auto bad_window = post("0711 123456", "2026-11-24", "22:00-23:00");
  EXPECT_EQ(bad_window.status, 422);
  EXPECT_TRUE(contains(bad_window.body, "Bitte wählen Sie eine Uhrzeit.")) << bad_window.body;
  EXPECT_TRUE(contains(bad_window.body, "value=\"0711 123456\"")) << "what was typed stays";
  EXPECT_TRUE(store->collection().list_tasks(acme.id, k1001, 0, 10).value().empty());

  auto done = post("0711 / 123456", "2026-11-26", "10:00-12:00");
  ASSERT_EQ(done.status, 303) << done.body;
  auto tasks = store->collection().list_tasks(acme.id, k1001, 0, 10).value();
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].kind, "callback");
  EXPECT_EQ(tasks[0].due_on.iso(), "2026-11-26");
  EXPECT_EQ(tasks[0].note, "Rückruf R-K-1001-1 am 26.11.2026, 10:00-12:00 Uhr, unter +49711123456. Anliegen: Frage zur "
                           "Ratenzahlung");
  auto interactions = store->portal().list_portal_interactions(acme.id, k1001, 0, 10).value();
  ASSERT_EQ(interactions.size(), 1u);
  EXPECT_EQ(interactions[0].kind, "callback");
  EXPECT_EQ(interactions[0].summary, "Rückruf am Donnerstag, 26.11.2026, 10:00-12:00 Uhr vereinbart.");
  auto confirmation = c.get(done.header("location"));
  EXPECT_TRUE(contains(confirmation.body, "Wir rufen Sie in diesem Zeitraum an"));
}

// What the confirmation e-mail of a queued outbox entry says (the dispatcher's own path).
class PortalMessagesTest : public PortalTest {
 protected:
  void SetUp() override {
    PortalTest::SetUp();
    domain::CreditorProfile p;
    p.legal_name = "Acme Versorgung GmbH";
    p.street = "Hauptstraße 1";
    p.postal_code = "80331";
    p.city = "München";
    p.email = "service@acme.example";
    p.iban = "DE89370400440532013000";
    p.bic = "COBADEFFXXX";
    ASSERT_TRUE(store->save_creditor_profile(acme.id, p).has_value());
    auto c = store->customer_by_id(acme.id, k1001).value().value();
    c.contacts = {domain::Contact{domain::Channel::email, "kundin@example.org", true, false}};
    ASSERT_TRUE(store->upsert_customer(acme.id, c).has_value());
  }

  std::vector<engine::OutboxEntry> portal_entries() {
    std::vector<engine::OutboxEntry> out;
    for (auto& e : store->collection().list_outbox(acme.id, k1001, 0, 100).value()) {
      if (e.idempotency_key.rfind("portal:", 0) == 0) out.push_back(std::move(e));
    }
    return out;
  }

  base::Result<services::EmailOutcome> email_of(const engine::OutboxEntry& e, calendar::Date day) {
    services::LetterRequest r;
    r.creditor = acme.id;
    r.customer_external_id = "K-1001";
    r.as_of = day;
    r.now_unix = kNow;
    return services::compose_email_for(*store, r, e);
  }
};

TEST_F(PortalMessagesTest, APromiseIsConfirmedByEMailAlthoughItsItemsAreOnHold) {
  auto c = session_of(acme.id, k1001);
  ASSERT_EQ(answer(c, "80331", "/p/promise").status, 303);
  ASSERT_EQ(c.post_form("/p/promise", {{"csrf_token", csrf_of(c)}, {"until", "2026-11-30"}}).header("location").substr(0, 8),
            "/p/done/");
  auto entries = portal_entries();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].template_name, "promise_confirmation");
  EXPECT_EQ(entries[0].channel, engine::StepChannel::email);
  EXPECT_EQ(entries[0].local_day.iso(), "2026-11-23");
  auto mail = email_of(entries[0], calendar::Date::from_unix_utc(kNow));
  ASSERT_TRUE(mail.has_value()) << mail.error().to_string();
  EXPECT_TRUE(contains(mail->text, "bis zum 30.11.2026 zahlen")) << mail->text;
  EXPECT_TRUE(contains(mail->text, "1.234,56")) << mail->text;  // 1.000,00 + 234,56 open
  EXPECT_EQ(mail->to, "kundin@example.org");

  // Paid in the meantime: the confirmation is not sent any more.
  domain::Payment pay;
  pay.customer_id = k1001;
  pay.external_id = "P-1";
  pay.value_date = calendar::Date::from_unix_utc(kNow);
  pay.amount = money::Money(123456, acme.currency);
  ASSERT_TRUE(store->upsert_payment(acme.id, pay).has_value());
  ASSERT_TRUE(services::reallocate(*store, acme.id, {k1001}).has_value());
  auto obsolete = email_of(entries[0], calendar::Date::from_unix_utc(kNow));
  ASSERT_FALSE(obsolete.has_value());
  EXPECT_EQ(obsolete.error().code, base::ErrorCode::message_obsolete);
}

TEST_F(PortalMessagesTest, APlanIsConfirmedWithItsScheduleAndEachInstalmentRemindedUntilPaid) {
  auto c = session_of(acme.id, k1001);
  ASSERT_EQ(answer(c, "80331", "/p/plan").status, 303);
  ASSERT_EQ(c.post_form("/p/plan", {{"csrf_token", csrf_of(c)}, {"count", "3"}}).header("location").substr(0, 8),
            "/p/done/");
  auto plans = store->portal().list_payment_plans(acme.id, k1001, true).value();
  ASSERT_EQ(plans.size(), 1u);
  const auto& plan = plans[0];
  ASSERT_EQ(plan.instalments.size(), 3u);
  auto entries = portal_entries();
  ASSERT_EQ(entries.size(), 4u);
  EXPECT_EQ(entries[0].template_name, "payment_plan_confirmation");
  EXPECT_EQ(entries[0].idempotency_key, "portal:plan:" + std::to_string(plan.id));
  for (int n = 1; n <= 3; ++n) {
    const auto& e = entries[static_cast<std::size_t>(n)];
    EXPECT_EQ(e.template_name, "instalment_reminder");
    EXPECT_EQ(e.idempotency_key, "portal:instalment:" + std::to_string(plan.id) + ":" + std::to_string(n));
    EXPECT_EQ(e.local_day, plan.instalments[static_cast<std::size_t>(n - 1)].due_on.add_days(-services::kInstalmentReminderDays));
  }
  auto confirmation = email_of(entries[0], calendar::Date::from_unix_utc(kNow));
  ASSERT_TRUE(confirmation.has_value()) << confirmation.error().to_string();
  EXPECT_TRUE(contains(confirmation->text, "Ihr Ratenplan steht: 3 Raten")) << confirmation->text;
  EXPECT_TRUE(contains(confirmation->text, "- 1. Rate: 411,52 €, fällig am 30.11.2026")) << confirmation->text;

  const auto second_day = entries[2].local_day;
  auto reminder = email_of(entries[2], second_day);
  ASSERT_TRUE(reminder.has_value()) << reminder.error().to_string();
  EXPECT_TRUE(contains(reminder->text, "Die 2. von 3 Raten")) << reminder->text;
  // The first two instalments paid: the second's reminder is not sent, the third's is.
  domain::Payment pay;
  pay.customer_id = k1001;
  pay.external_id = "P-2";
  pay.value_date = calendar::Date::from_unix_utc(kNow);
  pay.amount = money::Money(plan.instalments[0].amount_minor + plan.instalments[1].amount_minor, acme.currency);
  ASSERT_TRUE(store->upsert_payment(acme.id, pay).has_value());
  ASSERT_TRUE(services::reallocate(*store, acme.id, {k1001}).has_value());
  auto paid = email_of(entries[2], second_day);
  ASSERT_FALSE(paid.has_value());
  EXPECT_EQ(paid.error().code, base::ErrorCode::message_obsolete);
  EXPECT_TRUE(email_of(entries[3], entries[3].local_day).has_value());
}

TEST_F(PortalTest, ThePayPageShowsTheTransferWithGiroCodeReferenceAndSkontoWhileItApplies) {
  add_skonto_invoice("acme-S-1", 50000, 3);    // discount 10,00 until kNow + 7 days
  add_skonto_invoice("acme-S-2", 20000, 20);   // discount period over
  auto c = session_of(acme.id, k1001);
  // Without bank details, there is nothing to transfer to.
  auto page = c.get("/p/pay");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "keine Bankdaten")) << page.body;
  EXPECT_FALSE(contains(page.body, "<svg"));

  give_acme_bank_details();
  page = c.get("/p/pay");
  ASSERT_EQ(page.status, 200);
  // 1.000,00 + 234,56 + 500,00 + 200,00 open; 10,00 Skonto on S-1.
  EXPECT_EQ(between(page.body, "data-kpi=\"pay-amount\">", "<"), "1.924,56\u00a0€");
  EXPECT_TRUE(contains(page.body, "Bei Zahlung bis 30.11.2026 ziehen Sie 10,00\u00a0€ Skonto ab: Sie zahlen 1.924,56\u00a0€ statt 1.934,56\u00a0€."))
      << page.body;
  EXPECT_EQ(between(page.body, "data-field=\"iban\" class=\"mono\">", "<"), "DE89 3704 0044 0532 0130 00");
  EXPECT_EQ(between(page.body, "data-field=\"payee\">", "<"), "Acme Versorgung GmbH");
  const std::string reference = between(page.body, "data-field=\"reference\" class=\"mono\">", "<");
  ASSERT_EQ(reference.substr(0, 2), "RF");
  // The GiroCode is the EPC payload of exactly what the page says.
  documents::CreditTransfer t;
  t.bic = "COBADEFFXXX";
  t.name = "Acme Versorgung GmbH";
  t.iban = "DE89370400440532013000";
  t.amount_minor = 192456;
  t.reference = reference;
  auto payload = documents::epc_payload(t);
  ASSERT_TRUE(payload.has_value());
  auto qr = documents::encode_qr(*payload);
  ASSERT_TRUE(qr.has_value());
  const std::string svg = "<svg" + between(page.body, "<svg", "</svg>") + "</svg>";
  EXPECT_EQ(svg, documents::qr_svg(*qr, "GiroCode: Überweisung von 1.924,56\u00a0€ an Acme Versorgung GmbH"));
  // The same items and amount keep their reference.
  EXPECT_EQ(between(c.get("/p/pay").body, "data-field=\"reference\" class=\"mono\">", "<"), reference);

  // One item: its own amount and reference; no Skonto once the period is over.
  auto one = c.get("/p/pay?item=acme-S-1");
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(between(one.body, "data-kpi=\"pay-amount\">", "<"), "490,00\u00a0€");
  EXPECT_TRUE(contains(one.body, "Rechnung S-acme-S-1 bezahlen"));
  const std::string one_reference = between(one.body, "data-field=\"reference\" class=\"mono\">", "<");
  EXPECT_NE(one_reference, reference);
  auto expired = c.get("/p/pay?item=acme-S-2");
  EXPECT_EQ(between(expired.body, "data-kpi=\"pay-amount\">", "<"), "200,00\u00a0€");
  EXPECT_FALSE(contains(expired.body, "Skonto"));
  // Another customer's item, or none: 404 with the way back.
  auto foreign = c.get("/p/pay?item=acme-R-3");
  EXPECT_EQ(foreign.status, 404);
  EXPECT_TRUE(contains(foreign.body, "href=\"/p/pay\""));
  // The overview and the item list lead here.
  auto overview = c.get("/p/");
  EXPECT_TRUE(contains(overview.body, "href=\"/p/pay\""));
  EXPECT_TRUE(contains(overview.body, "href=\"/p/pay?item=acme-S-1\""));
}

// ---- Paying online through the payment provider -----------------------------------------------

constexpr const char* kWebhookSecret = "whsec_portal_test_4f1c";

// A checkout.session.* event as the provider sends it, signed at `t` with `secret`.
struct SignedEvent {
  std::string body, signature;
};
SignedEvent provider_event(const std::string& event_id, const std::string& type, const std::string& session,
                           const std::string& reference, std::int64_t amount, const std::string& payment_status,
                           std::int64_t t = kNow, const std::string& secret = kWebhookSecret) {
  SignedEvent e;
  e.body = R"({
  "id": ")" + event_id + R"(",
  "object": "event",
  "api_version": "2024-06-20",
  "created": )" + std::to_string(t) + R"(,
  "data": {
    "object": {
      "id": ")" + session + R"(",
      "object": "checkout.session",
      "amount_total": )" + std::to_string(amount) + R"(,
      "client_reference_id": ")" + reference + R"(",
      "currency": "eur",
      "metadata": {"customer": "K-1001"},
      "mode": "payment",
      "payment_intent": "pi_3Test",
      "payment_method_types": ["card", "paypal"],
      "payment_status": ")" + payment_status + R"(",
      "status": "complete"
    }
  },
  "livemode": false,
  "type": ")" + type + R"("
}
)";
  e.signature = "t=" + std::to_string(t) + ",v1=" + security::hmac_sha256_hex(secret, std::to_string(t) + "." + e.body);
  return e;
}

class PortalOnlinePaymentTest : public PortalTest {
 protected:
  void SetUp() override {
    PortalTest::SetUp();
    portal_options.public_url = "https://portal.example.de";
    portal_options.create_checkout = [this](const services::CheckoutOrder& order) {
      orders.push_back(order);
      services::CheckoutAnswer a;
      if (provider_down) {
        a.in_doubt = true;
        a.detail = "no answer after the request was sent: Timeout was reached";
        return a;
      }
      a.created = true;
      a.session_id = "cs_test_" + std::to_string(orders.size());
      a.url = "https://checkout.example.com/c/pay/" + a.session_id;
      return a;
    };
    api_options.verify_payment_event = [](std::string_view signature, std::string_view body,
                                          std::int64_t now) -> base::Result<services::ProviderEvent> {
      auto e = channels::verify_stripe_webhook(signature, body, kWebhookSecret, now);
      if (!e) return base::fail(std::move(e).error());
      services::ProviderEvent out;
      out.event_id = e->event_id;
      out.type = e->type;
      out.created = e->created;
      out.session_id = e->session_id;
      out.amount_total = e->amount_total;
      out.currency = e->currency;
      out.client_reference_id = e->client_reference_id;
      out.payment_intent = e->payment_intent;
      out.paid = e->paid();
      out.expired = e->type == "checkout.session.expired";
      return out;
    };
  }

  HttpReply post_event(const SignedEvent& e) {
    return client().send("POST", "/api/v1/payments/events", e.body,
                         {{"Content-Type", "application/json; charset=utf-8"}, {"Stripe-Signature", e.signature}});
  }

  std::int64_t open_minor_of(domain::CustomerId k) {
    auto ledger = store->load_customer_ledger(acme.id, k);
    EXPECT_TRUE(ledger.has_value());
    std::int64_t open = 0;
    for (const auto& i : ledger->invoices) open += i.open.minor();
    return open;
  }

  std::vector<services::CheckoutOrder> orders;
  bool provider_down = false;
};

TEST_F(PortalOnlinePaymentTest, APaidSessionIsBookedOnceWithItsSkontoFromTheProvidersSignedEvent) {
  add_skonto_invoice("acme-S-1", 50000, 3);  // 2 % Skonto (10,00) for 7 more days
  const std::int64_t open_before = open_minor_of(k1001);
  auto c = session_of(acme.id, k1001);
  auto page = c.get("/p/pay");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "action=\"/p/pay/checkout\"")) << page.body;
  EXPECT_TRUE(contains(page.body, "1.724,56\u00a0€ online bezahlen"));
  EXPECT_TRUE(contains(page.body, "Mit Karte, PayPal, Apple Pay oder Google Pay"));

  // Without the session's token nothing is asked of the provider.
  EXPECT_EQ(c.post_form("/p/pay/checkout", {}).status, 403);
  EXPECT_TRUE(orders.empty());

  // On to the provider's page by a page that goes on at once (a redirect of the form would
  // be stopped by the pay page's form-action), with a link should it not.
  auto go = c.post_form("/p/pay/checkout", {{"csrf_token", csrf_of(c)}});
  ASSERT_EQ(go.status, 200) << go.body;
  EXPECT_TRUE(contains(go.body, "<meta http-equiv=\"refresh\" content=\"0; url=https://checkout.example.com/c/pay/cs_test_1\">"))
      << go.body;
  EXPECT_TRUE(contains(go.body, "href=\"https://checkout.example.com/c/pay/cs_test_1\""));
  EXPECT_EQ(go.header("cache-control"), "no-store");
  ASSERT_EQ(orders.size(), 1u);
  const auto& order = orders.front();
  EXPECT_EQ(order.amount_minor, 172456);  // 1.000,00 + 234,56 + 500,00 - 10,00 Skonto
  EXPECT_EQ(order.currency, "EUR");
  EXPECT_EQ(order.locale, "de");
  EXPECT_EQ(order.method_types, (std::vector<std::string>{"card", "paypal"}));
  EXPECT_EQ(order.description, "Zahlung an Acme Stadtwerke GmbH");
  const std::string attempt = order.client_reference_id.substr(5);
  EXPECT_EQ(order.client_reference_id, "card-" + attempt);
  EXPECT_EQ(order.idempotency_key, "kulanz-card-" + attempt);
  EXPECT_EQ(order.success_url, "https://portal.example.de/p/pay/return/" + attempt + "?session={CHECKOUT_SESSION_ID}");
  EXPECT_EQ(order.cancel_url, "https://portal.example.de/p/pay/return/" + attempt + "?cancelled=1");
  // Back before the provider's event: the payment is being confirmed; cancelled: nothing charged.
  EXPECT_TRUE(contains(c.get("/p/pay/return/" + attempt).body, "Zahlung wird bestätigt"));
  EXPECT_TRUE(contains(c.get("/p/pay/return/" + attempt + "?cancelled=1").body, "Es wurde nichts belastet"));

  const auto paid = provider_event("evt_1", "checkout.session.completed", "cs_test_1", "card-" + attempt, 172456, "paid");
  // Signed with another secret, or too old: refused, nothing booked.
  auto forged = paid;
  forged.signature = provider_event("evt_1", "checkout.session.completed", "cs_test_1", "card-" + attempt, 172456,
                                    "paid", kNow, "whsec_someone_else").signature;
  EXPECT_EQ(post_event(forged).status, 401);
  EXPECT_EQ(post_event(provider_event("evt_1", "checkout.session.completed", "cs_test_1", "card-" + attempt, 172456,
                                      "paid", kNow - 600))
                .status,
            401);
  auto tampered = paid;
  tampered.body = replaced_first(paid.body, "172456", "999999");
  EXPECT_EQ(post_event(tampered).status, 401);
  EXPECT_EQ(open_minor_of(k1001), open_before);
  auto none = store->payment_by_external_id(acme.id, "portal-card-" + attempt);
  ASSERT_TRUE(none.has_value());
  EXPECT_FALSE(none->has_value());

  // The signed event books the payment and the Skonto; everything of K-1001 is settled.
  auto booked = post_event(paid);
  ASSERT_EQ(booked.status, 200) << booked.body;
  EXPECT_TRUE(contains(booked.body, "\"outcome\":\"booked\"")) << booked.body;
  auto payment = store->payment_by_external_id(acme.id, "portal-card-" + attempt);
  ASSERT_TRUE(payment.has_value() && payment->has_value());
  EXPECT_EQ((**payment).amount.minor(), 172456);
  EXPECT_TRUE(contains((**payment).reference, "cs_test_1"));
  EXPECT_EQ((**payment).unallocated.minor(), 0);
  auto skonto = store->credit_note_by_external_id(acme.id, "portal-skonto-" + attempt + "-" +
                                                             std::to_string((**store->invoice_by_external_id(acme.id, "acme-S-1")).id.value));
  ASSERT_TRUE(skonto.has_value() && skonto->has_value());
  EXPECT_EQ((**skonto).amount.minor(), 1000);
  EXPECT_EQ(open_minor_of(k1001), 0);

  // The same event again (a redelivery or a replay) changes nothing; neither does a second
  // event about the same session.
  auto again = post_event(paid);
  EXPECT_EQ(again.status, 200);
  EXPECT_TRUE(contains(again.body, "\"outcome\":\"replay\"")) << again.body;
  auto second = post_event(provider_event("evt_2", "checkout.session.async_payment_succeeded", "cs_test_1",
                                          "card-" + attempt, 172456, "paid"));
  EXPECT_TRUE(contains(second.body, "\"outcome\":\"already_booked\"")) << second.body;
  auto payments = store->list_payments(acme.id, {});
  ASSERT_TRUE(payments.has_value());
  EXPECT_EQ(std::count_if(payments->items.begin(), payments->items.end(),
                          [](const domain::Payment& p) { return p.external_id.rfind("portal-card-", 0) == 0; }),
            1);

  // The payer's way back leads to the confirmation, which the history lists.
  auto back = c.get("/p/pay/return/" + attempt);
  ASSERT_EQ(back.status, 303);
  const std::string done = back.header("location");
  EXPECT_EQ(done.rfind("/p/done/", 0), 0u) << done;
  auto confirmation = c.get(done);
  EXPECT_TRUE(contains(confirmation.body, "Online bezahlt: 1.724,56\u00a0€")) << confirmation.body;
  EXPECT_TRUE(contains(c.get("/p/history").body, "Online bezahlt: 1.724,56\u00a0€"));
  EXPECT_TRUE(contains(c.get("/p/pay").body, "nichts zu zahlen"));
}

TEST_F(PortalOnlinePaymentTest, ProviderTroubleUnknownSessionsAndExpiredSessionsBookNothing) {
  auto c = session_of(acme.id, k1001);
  const std::int64_t open_before = open_minor_of(k1001);
  provider_down = true;
  auto failed = c.post_form("/p/pay/checkout", {{"csrf_token", csrf_of(c)}, {"item", "acme-R-1"}});
  EXPECT_EQ(failed.status, 502);
  EXPECT_TRUE(contains(failed.body, "Es wurde nichts belastet")) << failed.body;
  ASSERT_EQ(orders.size(), 1u);
  EXPECT_EQ(orders.back().amount_minor, 100000);  // the one item
  const std::string failed_attempt = orders.back().client_reference_id.substr(5);
  EXPECT_TRUE(contains(c.get("/p/pay/return/" + failed_attempt).body, "nicht zustande gekommen"));

  provider_down = false;
  // Another customer's item is not paid through this session.
  EXPECT_EQ(c.post_form("/p/pay/checkout", {{"csrf_token", csrf_of(c)}, {"item", "acme-R-3"}}).status, 404);
  EXPECT_EQ(orders.size(), 1u);
  ASSERT_EQ(c.post_form("/p/pay/checkout", {{"csrf_token", csrf_of(c)}}).status, 200);
  const std::string attempt = orders.back().client_reference_id.substr(5);

  // An event for a session kulanz never started, or with another reference: recorded, nothing booked.
  auto unknown = post_event(provider_event("evt_u", "checkout.session.completed", "cs_test_99", "card-" + attempt, 500, "paid"));
  EXPECT_EQ(unknown.status, 200);
  EXPECT_TRUE(contains(unknown.body, "\"outcome\":\"unknown_session\"")) << unknown.body;
  auto mismatch = post_event(provider_event("evt_m", "checkout.session.completed", "cs_test_2", "card-1" + attempt, 123456, "paid"));
  EXPECT_TRUE(contains(mismatch.body, "\"outcome\":\"reference_mismatch\"")) << mismatch.body;
  // Completed but not paid yet (a delayed method), then expired.
  auto pending = post_event(provider_event("evt_p", "checkout.session.completed", "cs_test_2", "card-" + attempt, 123456, "unpaid"));
  EXPECT_TRUE(contains(pending.body, "\"outcome\":\"pending\"")) << pending.body;
  auto expired = post_event(provider_event("evt_x", "checkout.session.expired", "cs_test_2", "card-" + attempt, 123456, "unpaid"));
  EXPECT_TRUE(contains(expired.body, "\"outcome\":\"expired\"")) << expired.body;
  EXPECT_EQ(open_minor_of(k1001), open_before);
  EXPECT_TRUE(contains(c.get("/p/pay/return/" + attempt).body, "nicht zustande gekommen"));
}

TEST_F(PortalTest, WithoutAProviderThePayPageOffersNoOnlinePaymentAndEventsAreNotTaken) {
  auto c = session_of(acme.id, k1001);
  EXPECT_FALSE(contains(c.get("/p/pay").body, "/p/pay/checkout"));
  EXPECT_EQ(c.post_form("/p/pay/checkout", {{"csrf_token", csrf_of(c)}}).status, 404);
  auto r = client().send("POST", "/api/v1/payments/events", "{}", {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 404);
}

TEST_F(PortalTest, TheLinkOpensASessionInAnHttpOnlyCookieAndTheTokenLeavesTheAddress) {
  auto c = client();
  auto r = c.get("/p/" + link_token(acme.id, k1001));
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/p/");
  EXPECT_EQ(r.header("referrer-policy"), "no-referrer");
  std::string cookie;
  for (const auto& h : c.last_set_cookies) {
    if (h.rfind("kulanz_portal=", 0) == 0) cookie = h;
  }
  EXPECT_TRUE(contains(cookie, "; Path=/p; HttpOnly; SameSite=Lax; Max-Age=7200")) << cookie;
  EXPECT_FALSE(contains(cookie, "Secure")) << "plain HTTP";
  auto page = c.get("/p/");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "<html lang=\"de\">"));
  EXPECT_TRUE(contains(page.body, "Guten Tag, Kundin K-1001 Müller"));
  EXPECT_TRUE(contains(page.body, "data-kpi=\"balance\">1.234,56\u00a0€<")) << "1.000,00 + 234,56";
  EXPECT_TRUE(contains(page.body, "Eine Rechnung ist überfällig: 234,56\u00a0€."));
  EXPECT_TRUE(contains(page.body, "R-2026-1001"));
  EXPECT_FALSE(contains(page.body, "K-1002"));
  EXPECT_EQ(page.header("cache-control"), "no-store");
  EXPECT_TRUE(contains(page.header("content-security-policy"), "default-src 'self'"));
  // Under TLS (a proxy saying https) the cookie is Secure.
  auto tls = client();
  tls.get("/p/" + link_token(acme.id, k1001), {{"X-Forwarded-Proto", "https"}});
  ASSERT_FALSE(tls.last_set_cookies.empty());
  EXPECT_TRUE(contains(tls.last_set_cookies[0], "; Secure"));
}

TEST_F(PortalTest, UnknownAndRevokedLinksLookAlikeAndRevokingEndsTheSessions) {
  auto c = session_of(acme.id, k1001);
  ASSERT_EQ(c.get("/p/").status, 200);
  std::string old_token = link_token(acme.id, k1001);
  auto revoked = services::revoke_portal_link(*store, {}, acme.id, k1001, kNow);
  ASSERT_TRUE(revoked.has_value()) << revoked.error().to_string();
  auto after = c.get("/p/");
  EXPECT_EQ(after.status, 401) << "the session of the old link ended";
  EXPECT_FALSE(contains(after.body, "K-1001"));
  auto fresh = client();
  auto old_link = fresh.get("/p/" + old_token);
  auto unknown = fresh.get("/p/AAAAAAAAAAAAAAAAAAAAAA");
  auto malformed = fresh.get("/p/not-a-token");
  EXPECT_EQ(old_link.status, 404);
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(malformed.status, 404);
  EXPECT_EQ(old_link.body, unknown.body);
  EXPECT_TRUE(fresh.last_set_cookies.empty());
  EXPECT_EQ(fresh.get("/p/" + revoked->token).status, 303) << "the new link works";
}

TEST_F(PortalTest, GuessingLinksFromOneAddressIsLimited) {
  portal_options.link_failures_per_address = 3;
  auto c = client();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(c.get("/p/AAAAAAAAAAAAAAAAAAAAA" + std::to_string(i)).status, 404);
  auto blocked = c.get("/p/" + link_token(acme.id, k1001));
  EXPECT_EQ(blocked.status, 429);
  EXPECT_FALSE(blocked.header("retry-after").empty());
}

TEST_F(PortalTest, DocumentsAskForTheCheckOnceAndWrongAnswersLockIt) {
  auto c = session_of(acme.id, k1001);
  auto asked = c.get("/p/statement.pdf");
  ASSERT_EQ(asked.status, 303);
  EXPECT_EQ(asked.header("location"), "/p/check?next=/p/statement.pdf");
  auto form = c.get("/p/check?next=/p/statement.pdf");
  EXPECT_TRUE(contains(form.body, "<label for=\"answer\">Ihre Postleitzahl</label>"));
  for (int left = 4; left >= 1; --left) {
    auto wrong = answer(c, "99999");
    EXPECT_EQ(wrong.status, 401);
    EXPECT_TRUE(contains(wrong.body, left == 1 ? "noch einen Versuch" : "noch " + std::to_string(left) + " Versuche")) << left;
    EXPECT_TRUE(contains(wrong.body, "aria-invalid=\"true\""));
  }
  auto locked = answer(c, "99999");
  EXPECT_EQ(locked.status, 429);
  EXPECT_TRUE(contains(locked.body, "in 15 Minuten"));
  EXPECT_EQ(locked.header("retry-after"), "900");
  EXPECT_EQ(answer(c, "80331").status, 429) << "while locked, not even the right answer counts";
  // The lock is the customer's, kept in the database: a new session is locked as well.
  auto other = session_of(acme.id, k1001);
  EXPECT_EQ(answer(other, "80331").status, 429);
  clock.advance(901);
  auto right = answer(c, "80 331");
  EXPECT_EQ(right.status, 303);
  EXPECT_EQ(right.header("location"), "/p/statement.pdf");
  auto pdf = c.get("/p/statement.pdf");
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.header("content-type"), "application/pdf");
  EXPECT_EQ(pdf.body.rfind("%PDF-", 0), 0u);
  EXPECT_TRUE(contains(pdf.header("content-disposition"), "Kontoauszug-K-1001-2026-11-23.pdf"));
  // The check is asked once per session: the other session still has to answer.
  EXPECT_EQ(other.get("/p/statement.pdf").status, 303);
}

TEST_F(PortalTest, FormsWithoutTheSessionsTokenOrFromAnotherSiteAreRefused) {
  auto c = session_of(acme.id, k1001);
  std::string token = csrf_of(c);
  ASSERT_FALSE(token.empty());
  for (const char* path : {"/p/check", "/p/language", "/p/logout"}) {
    EXPECT_EQ(c.post_form(path, {{"answer", "80331"}, {"lang", "en"}}).status, 403) << path << " without token";
    EXPECT_EQ(c.post_form(path, {{"csrf_token", "x" + token}, {"answer", "80331"}, {"lang", "en"}}).status, 403)
        << path << " with a wrong token";
    EXPECT_EQ(c.post_form(path, {{"csrf_token", token}, {"answer", "80331"}, {"lang", "en"}},
                          {{"Sec-Fetch-Site", "cross-site"}})
                  .status,
              403)
        << path << " cross-site";
  }
  // Another customer's session token does not fit this session.
  auto other = session_of(acme.id, k1002);
  std::string other_token = csrf_of(other);
  EXPECT_EQ(c.post_form("/p/logout", {{"csrf_token", other_token}}).status, 403);
  EXPECT_EQ(c.get("/p/").status, 200) << "nothing was changed";
  // The entry form's double-submit token.
  auto fresh = client();
  EXPECT_EQ(fresh.post_form("/p/entry/acme", {{"number", "K-1001"}, {"answer", "80331"}}).status, 403);
}

TEST_F(PortalTest, EntryByNumberDoesNotTellWhichNumbersExistAndLocksAlike) {
  auto c = client();
  auto form = c.get("/p/entry/acme");
  ASSERT_EQ(form.status, 200);
  std::string token = hidden_input(form.body, "csrf_token");
  auto post = [&](const std::string& number, const std::string& text) {
    return c.post_form("/p/entry/acme", {{"csrf_token", token}, {"number", number}, {"answer", text}});
  };
  auto existing = post("K-1002", "99999");
  auto missing = post("K-9999", "99999");
  EXPECT_EQ(existing.status, 401);
  EXPECT_EQ(missing.status, 401);
  auto without_number = [](std::string body, const std::string& number) {
    for (auto at = body.find(number); at != std::string::npos; at = body.find(number)) body.erase(at, number.size());
    return body;
  };
  EXPECT_EQ(without_number(existing.body, "K-1002"), without_number(missing.body, "K-9999"));
  EXPECT_EQ(post("K-1002", "10115").status == 303, true) << "the right answer opens the customer's account";
  auto pdf = c.get("/p/statement.pdf");
  EXPECT_EQ(pdf.status, 200) << "entered with the check: documents without asking again";
  // Five wrong answers lock an existing number and a missing one the same way.
  auto d = client();
  token = hidden_input(d.get("/p/entry/acme").body, "csrf_token");
  auto post_d = [&](const std::string& number) {
    return d.post_form("/p/entry/acme", {{"csrf_token", token}, {"number", number}, {"answer", "00000"}});
  };
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(post_d("K-1001").status, 401);
    EXPECT_EQ(post_d("K-8888").status, 401);
  }
  auto last_existing = post_d("K-1001");
  auto last_missing = post_d("K-8888");
  EXPECT_EQ(last_existing.status, 429);
  EXPECT_EQ(last_missing.status, 429);
  EXPECT_EQ(last_existing.body, last_missing.body);
  EXPECT_EQ(d.post_form("/p/entry/acme", {{"csrf_token", token}, {"number", "K-1001"}, {"answer", "80331"}}).status, 429);
  EXPECT_EQ(client().get("/p/entry/nobody").status, 404);
}

TEST_F(PortalTest, TheLanguageSwitchIsRememberedInTheSessionAndACookie) {
  auto c = session_of(acme.id, k1001);
  auto r = c.post_form("/p/language", {{"csrf_token", csrf_of(c)}, {"lang", "en"}, {"next", "/p/items"}});
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/p/items");
  EXPECT_EQ(c.cookies["kulanz_portal_lang"], "en");
  auto page = c.get("/p/");
  EXPECT_TRUE(contains(page.body, "<html lang=\"en\">"));
  EXPECT_TRUE(contains(page.body, "Hello Kundin K-1001 Müller"));
  EXPECT_TRUE(contains(page.body, "€1,234.56"));
  EXPECT_TRUE(contains(page.body, ">Deutsch</button>"));
  // An outside target for `next` goes to the overview instead.
  r = c.post_form("/p/language", {{"csrf_token", csrf_of(c)}, {"lang", "de"}, {"next", "https://evil.example/"}});
  EXPECT_EQ(r.header("location"), "/p/");
  // A new session by link starts in the remembered language.
  auto again = c.get("/p/" + link_token(acme.id, k1001));
  EXPECT_EQ(again.status, 303);
  EXPECT_TRUE(contains(c.get("/p/").body, "<html lang=\"de\">"));
  auto entry = client().get("/p/entry/acme?lang=en");
  EXPECT_TRUE(contains(entry.body, "Sign in with your customer number"));
}

// Every portal route, with what a session of K-1001 (acme) gets when it asks for data of
// K-1002 (acme) or of B-1 (beta). A route added without a line here fails the test.
TEST_F(PortalTest, NoRouteReachesAnotherCustomersOrAnotherCreditorsData) {
  add_copy(acme.id, "acme-R-3", "COPY-OF-K-1002");
  add_copy(beta.id, "beta-R-1", "COPY-OF-B-1");
  add_copy(acme.id, "acme-R-1", "COPY-OF-K-1001");
  auto other_entry = history_with_document(acme.id, k1002, "Mahnung an K-1002");
  auto beta_entry = history_with_document(beta.id, b1, "Mahnung an B-1");
  auto own_entry = history_with_document(acme.id, k1001, "Mahnung an K-1001");
  auto interaction_of = [&](domain::CreditorId cr, domain::CustomerId k, const std::string& summary) {
    ports::PortalInteraction i;
    i.customer_id = k;
    i.kind = "promise";
    i.summary = summary;
    i.detail_json = "{}";
    i.session_ref = "portal:0000000000000000";
    i.created_unix = kNow;
    EXPECT_TRUE(store->portal().add_portal_interaction(cr, i).has_value());
    return std::to_string(i.id);
  };
  auto mandate_of = [&](domain::CreditorId cr, domain::CustomerId k, const std::string& reference) {
    ports::MandateRecord m;
    m.customer_id = k;
    m.reference = reference;
    m.account_holder = "Inhaber " + reference;
    m.iban = "DE89370400440532013000";
    m.scope = "recurring";
    m.currency = "EUR";
    m.session_ref = "portal:0000000000000000";
    m.signed_unix = kNow;
    EXPECT_TRUE(store->portal().add_mandate(cr, m).has_value());
    return std::to_string(m.id);
  };
  const std::string other_mandate = mandate_of(acme.id, k1002, "M-K-1002-1");
  const std::string beta_mandate = mandate_of(beta.id, b1, "M-B-1-1");
  auto card_of = [&](domain::CreditorId cr, domain::CustomerId k) {
    ports::CardPaymentRecord p;
    p.creditor_id = cr;
    p.customer_id = k;
    p.status = "open";
    p.amount_minor = 5000;
    p.currency = "EUR";
    p.language = "de";
    p.session_ref = "portal:0000000000000000";
    p.created_unix = kNow;
    p.updated_unix = kNow;
    EXPECT_TRUE(store->portal().add_card_payment(p).has_value());
    return std::to_string(p.id);
  };
  const std::string other_card = card_of(acme.id, k1002);
  const std::string beta_card = card_of(beta.id, b1);
  const std::string other_done = interaction_of(acme.id, k1002, "Zusage von K-1002");
  const std::string beta_done = interaction_of(beta.id, b1, "Zusage von B-1");

  auto c = session_of(acme.id, k1001);
  ASSERT_EQ(answer(c, "80331").status, 303);
  const std::set<std::string> foreign = {"K-1002", "B-1", "COPY-OF-K-1002", "COPY-OF-B-1", "Mahnung an K-1002",
                                         "Mahnung an B-1", "R-2026-1003", "Kundin K-1002", "Zusage von", "M-K-1002", "M-B-1"};
  auto expect_clean = [&](const HttpReply& r, const std::string& what) {
    for (const auto& f : foreign) EXPECT_FALSE(contains(r.body, f)) << what << " shows " << f;
  };
  struct Probe {
    std::string method, pattern, target;
    int status;  // for the foreign target
  };
  const std::vector<Probe> probes = {
      {"GET", "/p", "/p/", 200},
      {"GET", "/p/{token}", "/p/" + link_token(acme.id, k1002), 303},  // opens K-1002's own session (the link is the key)
      {"GET", "/p/check", "/p/check", 303},
      {"POST", "/p/check", "/p/check", 303},
      {"GET", "/p/entry/{creditor}", "/p/entry/beta", 200},
      {"POST", "/p/entry/{creditor}", "/p/entry/beta", 403},
      {"POST", "/p/language", "/p/language", 303},
      {"POST", "/p/logout", "/p/logout", 200},
      {"GET", "/p/items", "/p/items", 200},
      {"GET", "/p/pay", "/p/pay?item=acme-R-3", 404},
      {"GET", "/p/pay", "/p/pay?item=beta-R-1", 404},
      {"GET", "/p/pay", "/p/pay", 200},
      {"POST", "/p/pay/checkout", "/p/pay/checkout", 404},  // no payment provider here
      {"GET", "/p/pay/return/{attempt}", "/p/pay/return/" + other_card, 404},
      {"GET", "/p/pay/return/{attempt}", "/p/pay/return/" + beta_card, 404},
      {"GET", "/p/promise", "/p/promise", 200},
      {"POST", "/p/promise", "/p/promise", 422},
      {"GET", "/p/plan", "/p/plan", 200},
      {"POST", "/p/plan", "/p/plan", 422},
      {"GET", "/p/dispute", "/p/dispute?item=acme-R-3", 200},
      {"POST", "/p/dispute", "/p/dispute", 400},  // not multipart
      {"GET", "/p/mandate", "/p/mandate", 404},  // not offered without a creditor identifier
      {"POST", "/p/mandate", "/p/mandate", 404},
      {"POST", "/p/mandate/{mandate}/revoke", "/p/mandate/" + other_mandate + "/revoke", 404},
      {"POST", "/p/mandate/{mandate}/revoke", "/p/mandate/" + beta_mandate + "/revoke", 404},
      {"GET", "/p/credit-note", "/p/credit-note?item=acme-R-3", 200},
      {"POST", "/p/credit-note", "/p/credit-note", 422},
      {"GET", "/p/callback", "/p/callback", 200},
      {"GET", "/p/preferences", "/p/preferences", 200},
      {"POST", "/p/preferences", "/p/preferences", 422},
      {"POST", "/p/callback", "/p/callback", 422},
      {"GET", "/p/done/{interaction}", "/p/done/" + other_done, 404},
      {"GET", "/p/done/{interaction}", "/p/done/" + beta_done, 404},
      {"POST", "/p/done/{interaction}/rating", "/p/done/" + other_done + "/rating", 404},
      {"POST", "/p/done/{interaction}/rating", "/p/done/" + beta_done + "/rating", 404},
      {"GET", "/p/statement.pdf", "/p/statement.pdf", 200},
      {"GET", "/p/invoices/{invoice}/copy", "/p/invoices/acme-R-3/copy", 404},
      {"GET", "/p/invoices/{invoice}/copy", "/p/invoices/beta-R-1/copy", 404},
      {"GET", "/p/history", "/p/history", 200},
      {"GET", "/p/history/{entry}/documents/{index}", "/p/history/" + std::to_string(other_entry) + "/documents/1", 404},
      {"GET", "/p/history/{entry}/documents/{index}", "/p/history/" + std::to_string(beta_entry) + "/documents/1", 404},
      {"GET", "/p/help", "/p/help?q=Geb%C3%BChr", 200},
      {"GET", "/p/help/{answer}", "/p/help/fees", 200},
      {"GET", "/p/brand/{file}", "/p/brand/beta.css", 200},
      {"GET", "/p/brand/{creditor}/logo.png", "/p/brand/beta/logo.png", 404},
  };
  std::set<std::string> covered;
  for (const auto& p : probes) {
    if (p.pattern == "/p/{token}" || p.pattern == "/p/logout") continue;  // below: they change the client's session
    covered.insert(p.method + " " + p.pattern);
    HttpReply r = p.method == "GET" ? c.get(p.target) : c.post_form(p.target, {{"csrf_token", csrf_of(c)}, {"next", "/p/"}, {"lang", "de"}});
    EXPECT_EQ(r.status, p.status) << p.method << " " << p.target;
    expect_clean(r, p.target);
  }
  // The customer's own documents are there.
  EXPECT_TRUE(contains(c.get("/p/invoices/acme-R-1/copy").body, "COPY-OF-K-1001"));
  EXPECT_TRUE(contains(c.get("/p/history/" + std::to_string(own_entry) + "/documents/1").body, "Mahnung an K-1001"));
  auto history = c.get("/p/history");
  EXPECT_TRUE(contains(history.body, "Mahnung an K-1001"));
  // Logging out ends the session; the link of another customer opens only that customer.
  covered.insert("POST /p/logout");
  EXPECT_EQ(c.post_form("/p/logout", {{"csrf_token", csrf_of(c)}}).status, 200);
  EXPECT_EQ(c.get("/p/items").status, 401);
  covered.insert("GET /p/{token}");
  auto other = client();
  other.get("/p/" + link_token(acme.id, k1002));
  auto page = other.get("/p/");
  EXPECT_TRUE(contains(page.body, "Kundin K-1002 Müller"));
  EXPECT_FALSE(contains(page.body, "Kundin K-1001"));

  // Without a session, no route shows customer data.
  auto anonymous = client();
  for (const auto& p : probes) {
    if (p.pattern == "/p/{token}" || p.pattern.rfind("/p/entry", 0) == 0 || p.pattern.rfind("/p/brand", 0) == 0) continue;
    auto r = p.method == "GET" ? anonymous.get(p.target) : anonymous.post_form(p.target, {});
    EXPECT_EQ(r.status, 401) << p.method << " " << p.target;
    EXPECT_FALSE(contains(r.body, "K-100")) << p.target;
  }
  // Every registered portal route is probed.
  http::Router router;
  http::register_portal_routes(router, {});
  for (const auto& route : router.routes()) {
    EXPECT_TRUE(covered.count(route.method + " " + route.pattern) == 1) << "not probed: " << route.method << " " << route.pattern;
  }
}

}  // namespace
}  // namespace kulanz::webtest
