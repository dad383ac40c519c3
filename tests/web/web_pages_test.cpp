// The web pages over real HTTP: login, lockout, CSRF, sessions, logout, dashboard figures,
// security headers.
#include <gtest/gtest.h>

#include <string>

#include "http/web_format.hpp"
#include "security/security.hpp"
#include "seed_portfolio.hpp"
#include "web_fixture.hpp"

namespace kulanz::webtest {
namespace {

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

std::string session_cookie_header(const HttpClient& c) {
  for (const auto& h : c.last_set_cookies) {
    if (h.rfind("kulanz_session=", 0) == 0) return h;
  }
  return "";
}

// The text of the element carrying data-kpi="<name>".
std::string kpi(const std::string& html, const std::string& name) {
  std::string marker = "data-kpi=\"" + name + "\">";
  auto at = html.find(marker);
  if (at == std::string::npos) return "<missing>";
  at += marker.size();
  return html.substr(at, html.find('<', at) - at);
}

void expect_security_headers(const HttpReply& r) {
  std::string csp = r.header("content-security-policy");
  EXPECT_TRUE(contains(csp, "default-src 'self'")) << csp;
  EXPECT_TRUE(contains(csp, "frame-ancestors 'none'")) << csp;
  EXPECT_FALSE(contains(csp, "unsafe-inline")) << csp;
  EXPECT_FALSE(contains(csp, "unsafe-eval")) << csp;
  EXPECT_EQ(r.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(r.header("referrer-policy"), "same-origin");
  EXPECT_EQ(r.header("x-frame-options"), "DENY");
  EXPECT_EQ(r.header("cache-control"), "no-store");
}

TEST_F(WebServerTest, LoginPageIsAccessibleHtmlWithCsrfTokenAndSecurityHeaders) {
  auto c = client();
  auto r = c.get("/login");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8");
  expect_security_headers(r);
  EXPECT_TRUE(contains(r.body, "<html lang=\"de\">"));
  EXPECT_TRUE(contains(r.body, "<main id=\"main\""));
  EXPECT_TRUE(contains(r.body, "<label for=\"email\">E-Mail-Adresse</label>"));
  EXPECT_TRUE(contains(r.body, "<label for=\"password\">Passwort</label>"));
  EXPECT_FALSE(contains(r.body, "<script>")) << "no inline scripts";
  std::string token = hidden_input(r.body, "csrf_token");
  EXPECT_GE(token.size(), 40u);
  ASSERT_EQ(c.last_set_cookies.size(), 1u);
  const std::string& cookie = c.last_set_cookies.front();
  EXPECT_EQ(cookie.rfind("kulanz_login_csrf=" + token + ";", 0), 0u) << cookie;
  EXPECT_TRUE(contains(cookie, "HttpOnly"));
  EXPECT_TRUE(contains(cookie, "SameSite=Lax"));
  EXPECT_FALSE(contains(cookie, "Secure")) << "plain http must not get Secure cookies";
}

TEST_F(WebServerTest, DashboardRedirectsToLoginWhenSignedOut) {
  auto c = client();
  auto r = c.get("/");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/login");
  // A made-up session cookie does not help.
  c.cookies["kulanz_session"] = security::random_token(32);
  r = c.get("/");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/login");
}

TEST_F(WebServerTest, LoginSucceedsWithSessionCookieStoredHashed) {
  auto c = client();
  auto r = login(c, kAnna, kPassword);
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("location"), "/");
  std::string cookie = session_cookie_header(c);
  ASSERT_FALSE(cookie.empty());
  EXPECT_TRUE(contains(cookie, "HttpOnly"));
  EXPECT_TRUE(contains(cookie, "SameSite=Lax"));
  EXPECT_TRUE(contains(cookie, "Path=/"));
  EXPECT_TRUE(contains(cookie, "Max-Age=43200"));
  EXPECT_FALSE(contains(cookie, "Secure"));

  std::string token = c.cookies.at("kulanz_session");
  auto by_hash = store->session_by_hash(security::sha256_hex(token), kNow);
  ASSERT_TRUE(by_hash.has_value());
  ASSERT_TRUE(by_hash->has_value()) << "the session is found by the hash of the cookie";
  EXPECT_EQ((*by_hash)->expires_unix, kNow + 43200);
  auto by_plain = store->session_by_hash(token, kNow);
  ASSERT_TRUE(by_plain.has_value());
  EXPECT_FALSE(by_plain->has_value()) << "the cookie value itself is not stored";

  auto page = c.get("/");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "Angemeldet als <strong>Anna Beispiel</strong>"));
  // Signed in, /login leads to the dashboard.
  auto again = c.get("/login");
  EXPECT_EQ(again.status, 303);
  EXPECT_EQ(again.header("location"), "/");
}

TEST_F(WebServerTest, EmailIsMatchedCaseInsensitively) {
  auto c = client();
  auto r = login(c, "  Anna@Example.ORG ", kPassword);
  EXPECT_EQ(r.status, 303) << r.body;
  EXPECT_FALSE(session_cookie_header(c).empty());
}

TEST_F(WebServerTest, SessionCookieIsSecureBehindHttps) {
  auto c = client();
  std::vector<std::pair<std::string, std::string>> https = {{"X-Forwarded-Proto", "https"}};
  auto r = login(c, kAnna, kPassword, https);
  ASSERT_EQ(r.status, 303);
  EXPECT_TRUE(contains(session_cookie_header(c), "; Secure"));
}

TEST_F(WebServerTest, WrongPasswordAndUnknownEmailGetTheSameGenericError) {
  auto c = client();
  auto wrong = login(c, kAnna, "falsches-Passwort-123");
  auto unknown = login(c, "niemand@example.org", "falsches-Passwort-123");
  for (const auto* r : {&wrong, &unknown}) {
    EXPECT_EQ(r->status, 401);
    EXPECT_TRUE(contains(r->body, "E-Mail-Adresse oder Passwort ist falsch."));
    EXPECT_TRUE(contains(r->body, "role=\"alert\""));
    EXPECT_TRUE(contains(r->body, "aria-invalid=\"true\""));
    expect_security_headers(*r);
  }
  EXPECT_EQ(c.cookies.count("kulanz_session"), 0u);
  // The pages differ only in the echoed email address.
  auto strip = [](std::string body, const std::string& email) {
    auto at = body.find("value=\"" + email + "\"");
    if (at != std::string::npos) body.erase(at, email.size() + 8);
    return body;
  };
  EXPECT_EQ(strip(wrong.body, kAnna), strip(unknown.body, "niemand@example.org"));
}

TEST_F(WebServerTest, EmptyFieldsGetAClearMessage) {
  auto c = client();
  auto r = login(c, "", "");
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(contains(r.body, "Bitte geben Sie E-Mail-Adresse und Passwort ein."));
}

TEST_F(WebServerTest, LoginWithoutMatchingCsrfTokenIsRefused) {
  auto c = client();
  auto page = c.get("/login");
  std::string token = hidden_input(page.body, "csrf_token");
  ASSERT_FALSE(token.empty());
  // No token in the form.
  auto r = c.post_form("/login", {{"email", kAnna}, {"password", kPassword}});
  EXPECT_EQ(r.status, 403);
  EXPECT_TRUE(contains(r.body, "Formular abgelaufen"));
  // A token that is not the cookie's.
  r = c.post_form("/login", {{"csrf_token", security::random_token(32)}, {"email", kAnna}, {"password", kPassword}});
  EXPECT_EQ(r.status, 403);
  // The right token, but without the cookie (another site cannot read or set it).
  HttpClient other = client();
  r = other.post_form("/login", {{"csrf_token", token}, {"email", kAnna}, {"password", kPassword}});
  EXPECT_EQ(r.status, 403);
  // The right token, but the browser says the form came from another site.
  r = c.post_form("/login", {{"csrf_token", token}, {"email", kAnna}, {"password", kPassword}},
                  {{"Sec-Fetch-Site", "cross-site"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(c.cookies.count("kulanz_session"), 0u);
  // And with everything right it works.
  r = c.post_form("/login", {{"csrf_token", token}, {"email", kAnna}, {"password", kPassword}});
  EXPECT_EQ(r.status, 303);
}

TEST_F(WebServerTest, LockoutPerEmailAfterRepeatedFailures) {
  web_options.login_max_failures_per_email = 3;
  web_options.login_window_seconds = 600;
  auto c = client();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(login(c, kAnna, "falsches-Passwort-123").status, 401) << i;
  // Now even the right password is refused until the window has passed.
  auto locked = login(c, kAnna, kPassword);
  EXPECT_EQ(locked.status, 429);
  EXPECT_TRUE(contains(locked.body, "Zu viele fehlgeschlagene Anmeldeversuche"));
  EXPECT_TRUE(contains(locked.body, "in 10 Minuten erneut"));
  EXPECT_EQ(locked.header("retry-after"), "600");
  expect_security_headers(locked);
  EXPECT_EQ(c.cookies.count("kulanz_session"), 0u);
  // Another user from the same address is not affected by Anna's lockout.
  HttpClient other = client();
  EXPECT_EQ(login(other, kBob, kPassword).status, 303);

  clock.advance(599);
  EXPECT_EQ(login(c, kAnna, kPassword).status, 429);
  clock.advance(1);
  EXPECT_EQ(login(c, kAnna, kPassword).status, 303);
}

TEST_F(WebServerTest, LockoutPerAddressAcrossEmails) {
  web_options.login_max_failures_per_address = 4;
  auto c = client();
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(login(c, "raten" + std::to_string(i) + "@example.org", "falsches-Passwort-123").status, 401) << i;
  }
  auto r = login(c, kBob, kPassword);
  EXPECT_EQ(r.status, 429);
  EXPECT_TRUE(contains(r.body, "Zu viele Anmeldeversuche"));
  clock.advance(web_options.login_window_seconds);
  EXPECT_EQ(login(c, kBob, kPassword).status, 303);
}

TEST_F(WebServerTest, SessionExpires) {
  web_options.session_ttl_seconds = 3600;
  auto c = client();
  ASSERT_EQ(login(c, kAnna, kPassword).status, 303);
  clock.advance(3599);
  EXPECT_EQ(c.get("/").status, 200);
  clock.advance(1);
  auto r = c.get("/");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/login");
}

TEST_F(WebServerTest, LogoutNeedsTheCsrfTokenAndEndsTheSession) {
  auto c = client();
  ASSERT_EQ(login(c, kAnna, kPassword).status, 303);
  std::string session = c.cookies.at("kulanz_session");
  auto page = c.get("/");
  std::string token = hidden_input(page.body, "csrf_token");
  ASSERT_FALSE(token.empty());
  EXPECT_TRUE(contains(page.body, "action=\"/logout\""));

  auto refused = c.post_form("/logout", {});
  EXPECT_EQ(refused.status, 403);
  refused = c.post_form("/logout", {{"csrf_token", security::random_token(32)}});
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(c.get("/").status, 200) << "a refused logout leaves the session alone";

  auto r = c.post_form("/logout", {{"csrf_token", token}});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/login");
  std::string cleared = session_cookie_header(c);
  EXPECT_TRUE(contains(cleared, "Max-Age=0")) << cleared;
  EXPECT_EQ(c.cookies.count("kulanz_session"), 0u);
  EXPECT_EQ(c.get("/").status, 303);
  // The old cookie is dead on the server too.
  c.cookies["kulanz_session"] = session;
  EXPECT_EQ(c.get("/").status, 303);
  auto gone = store->session_by_hash(security::sha256_hex(session), clock.now_unix());
  ASSERT_TRUE(gone.has_value());
  EXPECT_FALSE(gone->has_value());
}

TEST_F(WebServerTest, DashboardShowsTheKnownPortfolio) {
  auto c = client();
  ASSERT_EQ(login(c, kAnna, kPassword).status, 303);
  auto r = c.get("/?creditor=acme");
  ASSERT_EQ(r.status, 200) << r.body;
  expect_security_headers(r);
  EXPECT_TRUE(contains(r.body, "Acme Stadtwerke GmbH"));
  EXPECT_TRUE(contains(r.body, "Stand: <time datetime=\"2026-11-23\">23.11.2026</time>"));
  EXPECT_EQ(kpi(r.body, "customers"), testdata::kKnownCustomers);
  EXPECT_EQ(kpi(r.body, "open-items"), testdata::kKnownOpenItems);
  EXPECT_EQ(kpi(r.body, "total-open"), testdata::kKnownTotalOpen);
  EXPECT_EQ(kpi(r.body, "total-overdue"), testdata::kKnownTotalOverdue);
  const char* labels[] = {"Nicht fällig", "1–30 Tage", "31–60 Tage", "61–90 Tage", "über 90 Tage"};
  for (int i = 0; i < 5; ++i) {
    // The table row (the text alternative of the chart) and the chart's description.
    std::string row = std::string("<th scope=\"row\">") + labels[i] + "</th><td class=\"num\">1</td><td class=\"num\">" +
                      std::string(testdata::kKnownBuckets[i]) + "</td>";
    EXPECT_TRUE(contains(r.body, row)) << row;
    EXPECT_TRUE(contains(r.body, std::string(labels[i]) + ": " + std::string(testdata::kKnownBuckets[i])));
  }
  // The chart is an SVG image with a title and description; the largest bar fills the plot.
  EXPECT_TRUE(contains(r.body, "<svg class=\"aging-chart\""));
  EXPECT_TRUE(contains(r.body, "role=\"img\" aria-labelledby=\"aging-title aging-desc\""));
  EXPECT_TRUE(contains(r.body, "height=\"210\""));
  // Anna may switch to beta; the current creditor is marked.
  EXPECT_TRUE(contains(r.body, "<a href=\"/?creditor=acme\" aria-current=\"page\">"));
  EXPECT_TRUE(contains(r.body, "<a href=\"/?creditor=beta\">"));
}

TEST_F(WebServerTest, DashboardFiguresEqualThePortfolioSummaryOfEachCreditor) {
  auto c = client();
  ASSERT_EQ(login(c, kAnna, kPassword).status, 303);
  auto today = calendar::Date::from_unix_utc(kNow);
  for (const auto* creditor : {&acme, &beta}) {
    auto summary = store->portfolio_summary(creditor->id, today);
    ASSERT_TRUE(summary.has_value()) << summary.error().to_string();
    auto r = c.get("/?creditor=" + creditor->code);
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(kpi(r.body, "customers"), http::format_count_de(summary->customers));
    EXPECT_EQ(kpi(r.body, "open-items"), http::format_count_de(summary->open_items));
    EXPECT_EQ(kpi(r.body, "total-open"),
              http::format_money_de(money::Money(summary->aging.total_open.minor(), creditor->currency)));
    EXPECT_EQ(kpi(r.body, "total-overdue"),
              http::format_money_de(money::Money(summary->aging.total_overdue.minor(), creditor->currency)));
  }
  auto r = c.get("/?creditor=beta");
  EXPECT_EQ(kpi(r.body, "total-overdue"), "42,00\u00a0€");
  EXPECT_TRUE(contains(r.body, "Beta &amp; Söhne KG")) << "names are HTML-escaped";
}

TEST_F(WebServerTest, UsersSeeOnlyTheirOwnCreditors) {
  auto c = client();
  ASSERT_EQ(login(c, kBob, kPassword).status, 303);
  auto r = c.get("/");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(contains(r.body, "Beta &amp; Söhne KG"));
  EXPECT_FALSE(contains(r.body, "Acme"));
  EXPECT_FALSE(contains(r.body, "class=\"switcher\"")) << "one creditor needs no switcher";
  EXPECT_TRUE(contains(r.body, "Bob &lt;Bauer&gt;")) << "the user's name is HTML-escaped";
  auto other = c.get("/?creditor=acme");
  EXPECT_EQ(other.status, 404);
  EXPECT_TRUE(contains(other.body, "Gläubiger nicht gefunden"));
  EXPECT_FALSE(contains(other.body, "15.180,22"));
}

TEST_F(WebServerTest, StaticAssetsHaveContentTypesAndCaching) {
  auto c = client();
  struct Case {
    const char* path;
    const char* type;
    const char* sample;
  };
  for (const Case& k : {Case{"/static/app.css", "text/css; charset=utf-8", ":root"},
                        Case{"/static/favicon.svg", "image/svg+xml", "<svg"},
                        Case{"/static/htmx.min.js", "text/javascript; charset=utf-8", "htmx"}}) {
    auto r = c.get(k.path);
    ASSERT_EQ(r.status, 200) << k.path << " (htmx comes from `npm ci` in web/)";
    EXPECT_EQ(r.header("content-type"), k.type) << k.path;
    EXPECT_EQ(r.header("x-content-type-options"), "nosniff");
    EXPECT_EQ(r.header("cache-control"), "public, max-age=300");
    EXPECT_TRUE(contains(r.body, k.sample)) << k.path;
    std::string etag = r.header("etag");
    ASSERT_FALSE(etag.empty());
    auto cached = c.get(k.path, {{"If-None-Match", etag}});
    EXPECT_EQ(cached.status, 304);
    EXPECT_TRUE(cached.body.empty());
  }
  // Pages link versioned URLs, which may be cached for a year.
  auto page = c.get("/login");
  auto at = page.body.find("/static/app.css?v=");
  ASSERT_NE(at, std::string::npos);
  std::string url = page.body.substr(at, page.body.find('"', at) - at);
  auto versioned = c.get(url);
  EXPECT_EQ(versioned.status, 200);
  EXPECT_EQ(versioned.header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_TRUE(contains(page.body, "/static/htmx.min.js?v="));

  EXPECT_EQ(c.get("/static/missing.css").status, 404);
  auto traversal = c.get("/static/..%2Ftemplates%2Flogin.mustache");
  EXPECT_EQ(traversal.status, 404);
  EXPECT_FALSE(contains(traversal.body, "{{"));
}

TEST_F(WebServerTest, HealthCheckAnswersOkWithTheDatabase) {
  auto c = client();
  auto r = c.get("/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "ok");
  EXPECT_EQ(r.header("cache-control"), "no-store");
}

}  // namespace
}  // namespace kulanz::webtest
