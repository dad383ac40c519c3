// create_checkout_session against a local stand-in of Stripe Checkout (stripe_stand_in.py),
// which checks every request as Stripe does and records it; and the whole payment: the
// hosted page paid by a payer without JavaScript (pay_page.py), the signed event delivered
// to a receiver (webhook_receiver.py, /record) and checked with verify_stripe_webhook.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <ctime>

#include "channels/http_post.hpp"
#include "channels/payment_stripe.hpp"
#include "server_process.hpp"
#include "test_support.hpp"

namespace kulanz::channels {
namespace {

namespace json = boost::json;

const std::string kKey = "sk_test_51KulanzStandInKey4711";
const std::string kWebhookSecret = "whsec_test_Kulanz5f2b8c1d9e";
const std::string kOldWebhookSecret = "whsec_test_rolled_away";

std::int64_t now_unix() { return static_cast<std::int64_t>(std::time(nullptr)); }

CheckoutRequest request(std::int64_t amount_minor = 5498, const std::string& idempotency_key = "swb/K-1001/pay-7") {
  CheckoutRequest r;
  r.amount_minor = amount_minor;
  r.currency = "EUR";
  r.description = "Rechnung R-2026-0042 (Jürgen Weiß)";
  r.client_reference_id = "swb/K-1001/pay-7";
  r.metadata = {{"customer", "K-1001"}, {"items", "R-2026-0042 R-2026-0043"}};
  r.success_url = "https://portal.example.de/p/abc/paid?session={CHECKOUT_SESSION_ID}";
  r.cancel_url = "https://portal.example.de/p/abc";
  r.customer_email = "juergen.weiss@example.de";
  r.locale = "de";
  r.payment_method_types = {"paypal"};
  r.idempotency_key = idempotency_key;
  return r;
}

std::string form(const CheckoutRequest& r) {
  auto body = stripe_checkout_form(r);
  EXPECT_TRUE(body.has_value()) << body.error().to_string();
  return body ? *body : std::string();
}

// The form of the sample request with `from` replaced by `to`: what stripe_checkout_form
// would refuse, to test the provider's own checks.
std::string changed_form(const std::string& from, const std::string& to) {
  std::string body = form(request());
  const auto at = body.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) body.replace(at, from.size(), to);
  return body;
}

std::vector<json::object> json_lines(const std::filesystem::path& path) {
  std::vector<json::object> out;
  if (!std::filesystem::exists(path)) return out;
  for (const auto& line : test::file_lines(path)) out.push_back(json::parse(line).as_object());
  return out;
}

class PaymentTest : public ::testing::Test {
 protected:
  PaymentTest()
      : receiver_("webhook_receiver.py", {"--log", hooks_.string(), "--secret", "unused"}),
        stripe_("stripe_stand_in.py", {"--log", log_.string(), "--secret-key", kKey, "--webhook-url",
                                       "http://127.0.0.1:" + std::to_string(receiver_.port()) + "/record",
                                       "--webhook-secret", kOldWebhookSecret, "--webhook-secret", kWebhookSecret}) {}

  void SetUp() override {
    ASSERT_TRUE(receiver_.started()) << receiver_.startup_error();
    ASSERT_TRUE(stripe_.started()) << stripe_.startup_error();
  }

  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(stripe_.port()); }

  PaymentProviderSettings settings() const {
    PaymentProviderSettings s;
    s.base_url = base_url();
    s.secret_key = kKey;
    s.timeout_seconds = 10;
    return s;
  }

  CheckoutSessionResult create(const CheckoutRequest& r) const {
    return create_checkout_session(settings(), form(r), r.idempotency_key);
  }

  // The requests the stand-in received (kind api, page, control) and the webhooks it made.
  std::vector<json::object> log(const std::string& kind) const {
    std::vector<json::object> out;
    for (auto& entry : json_lines(log_)) {
      if (entry.at("kind").as_string() == kind) out.push_back(std::move(entry));
    }
    return out;
  }

  // The session as GET /v1/checkout/sessions/<id> returns it.
  json::object retrieve(const std::string& session_id) const {
    const auto run = test::run_command(
        std::string(KULANZ_SYSTEM_PYTHON) +
        " -c 'import sys, urllib.request; print(urllib.request.urlopen(urllib.request.Request(sys.argv[1], "
        "headers={\"Authorization\": \"Bearer \" + sys.argv[2]})).read().decode())' " +
        test::shell_quote(base_url() + "/v1/checkout/sessions/" + session_id) + " " + test::shell_quote(kKey));
    EXPECT_EQ(run.exit_status, 0);
    return json::parse(run.out).as_object();
  }

  // The payer opens `url` and presses the button labelled `label`.
  json::object press(const std::string& url, const std::string& label) const {
    const auto run = test::run_command(std::string(KULANZ_SYSTEM_PYTHON) + " " + KULANZ_CHANNELS_TEST_DIR +
                                       "/pay_page.py " + test::shell_quote(url) + " " + test::shell_quote(label));
    EXPECT_EQ(run.exit_status, 0);
    return json::parse(run.out).as_object();
  }

  HttpPostOutcome control(const std::string& path) const {
    HttpPost post;
    post.url = base_url() + path;
    return http_post(post);
  }

  // The n-th (from 1) event the receiver got: its Stripe-Signature header and raw body.
  std::pair<std::string, std::string> delivery(int n) const {
    const auto received = json_lines(hooks_);
    if (static_cast<int>(received.size()) < n) return {};
    const auto& headers = received[n - 1].at("headers").as_object();
    const auto* signature = headers.if_contains("Stripe-Signature");
    return {signature ? std::string(signature->as_string()) : std::string(),
            test::read_file(hooks_.string() + "." + std::to_string(n) + ".body")};
  }

  test::ScratchDir scratch_;
  std::filesystem::path log_ = scratch_.path() / "stripe.jsonl";
  std::filesystem::path hooks_ = scratch_.path() / "hooks.jsonl";
  test::ServerProcess receiver_;
  test::ServerProcess stripe_;
};

TEST_F(PaymentTest, CreatedSessionArrivesWithKeyVersionIdempotencyKeyAndTheFormByteForByte) {
  const CheckoutRequest r = request();
  const std::string body = form(r);
  const CheckoutSessionResult result = create(r);
  ASSERT_TRUE(result.created) << result.detail;
  EXPECT_FALSE(result.permanent);
  EXPECT_FALSE(result.in_doubt);
  EXPECT_EQ(result.http_status, 200);
  EXPECT_EQ(result.session_id.rfind("cs_test_", 0), 0U) << result.session_id;
  EXPECT_EQ(result.url, base_url() + "/c/pay/" + result.session_id);
  EXPECT_GT(result.expires_at, now_unix() + 23 * 3600);
  EXPECT_EQ(result.detail, "created " + result.session_id);

  const auto received = log("api");
  ASSERT_EQ(received.size(), 1U);
  const auto& e = received[0];
  EXPECT_EQ(e.at("method").as_string(), "POST");
  EXPECT_EQ(e.at("path").as_string(), "/v1/checkout/sessions");
  EXPECT_EQ(e.at("key").as_string(), kKey);
  EXPECT_EQ(e.at("content_type").as_string(), "application/x-www-form-urlencoded");
  EXPECT_EQ(e.at("stripe_version").as_string(), "2024-06-20");
  EXPECT_EQ(e.at("idempotency_key").as_string(), "swb/K-1001/pay-7");
  EXPECT_EQ(e.at("user_agent").as_string(), "kulanz-payments/1");
  EXPECT_EQ(e.at("body").as_string(), body) << "the form byte for byte";
  EXPECT_EQ(e.at("status").as_int64(), 200);
  EXPECT_EQ(e.at("session").as_string(), result.session_id);

  // What the provider understood.
  const json::object session = retrieve(result.session_id);
  EXPECT_EQ(session.at("object").as_string(), "checkout.session");
  EXPECT_EQ(session.at("amount_total").as_int64(), 5498);
  EXPECT_EQ(session.at("currency").as_string(), "eur");
  EXPECT_EQ(session.at("status").as_string(), "open");
  EXPECT_EQ(session.at("payment_status").as_string(), "unpaid");
  EXPECT_EQ(session.at("client_reference_id").as_string(), "swb/K-1001/pay-7");
  EXPECT_EQ(session.at("customer_email").as_string(), "juergen.weiss@example.de");
  EXPECT_EQ(session.at("locale").as_string(), "de");
  EXPECT_EQ(session.at("success_url").as_string(), r.success_url) << "{CHECKOUT_SESSION_ID} unchanged";
  EXPECT_EQ(session.at("cancel_url").as_string(), r.cancel_url);
  EXPECT_EQ(json::serialize(session.at("metadata")), R"({"customer":"K-1001","items":"R-2026-0042 R-2026-0043"})");
  EXPECT_EQ(json::serialize(session.at("payment_method_types")), R"(["paypal"])");
  EXPECT_FALSE(session.at("livemode").as_bool());
  const auto page = test::run_command(std::string(KULANZ_SYSTEM_PYTHON) +
                                      " -c 'import sys, urllib.request; sys.stdout.buffer.write(urllib.request.urlopen(sys.argv[1])"
                                      ".read())' " + test::shell_quote(result.url));
  EXPECT_NE(page.out.find("<title>Rechnung R-2026-0042 (Jürgen Weiß)</title>"), std::string::npos) << page.out;
  EXPECT_NE(page.out.find("54.98 EUR"), std::string::npos) << page.out;

  // A trailing slash in the base URL changes nothing.
  auto slashed = settings();
  slashed.base_url += "/";
  const CheckoutSessionResult again = create_checkout_session(slashed, form(request(5498, "another-key")), "another-key");
  EXPECT_TRUE(again.created) << again.detail;
  EXPECT_NE(again.session_id, result.session_id);
}

TEST_F(PaymentTest, WrongKeyIsPermanentWithTheProviderDetail) {
  auto wrong = settings();
  wrong.secret_key = "sk_test_51SomeoneElsesKey9876";
  const CheckoutSessionResult result = create_checkout_session(wrong, form(request()), "k1");
  EXPECT_FALSE(result.created);
  EXPECT_TRUE(result.permanent);
  EXPECT_FALSE(result.in_doubt);
  EXPECT_EQ(result.http_status, 401);
  EXPECT_EQ(result.detail,
            "HTTP 401 invalid_request_error: Invalid API Key provided: sk_test_*****************9876");
  EXPECT_TRUE(result.session_id.empty());
  ASSERT_EQ(log("api").size(), 1U);
  EXPECT_EQ(log("api")[0].at("status").as_int64(), 401);
}

TEST_F(PaymentTest, InvalidParametersArePermanentAndNameTheParameter) {
  auto send = [this](const std::string& body, const std::string& key) {
    return create_checkout_session(settings(), body, key);
  };
  const CheckoutSessionResult negative = send(changed_form("unit_amount]=5498", "unit_amount]=-5498"), "k1");
  EXPECT_FALSE(negative.created);
  EXPECT_TRUE(negative.permanent);
  EXPECT_FALSE(negative.in_doubt);
  EXPECT_EQ(negative.http_status, 400);
  EXPECT_EQ(negative.detail,
            "HTTP 400 invalid_request_error/parameter_invalid_integer: This value must be greater than or equal to 1. "
            "(param: line_items[0][price_data][unit_amount])");
  EXPECT_EQ(send(changed_form("unit_amount]=5498", "unit_amount]=54.98"), "k2").detail,
            "HTTP 400 invalid_request_error/parameter_invalid_integer: Invalid integer: 54.98 "
            "(param: line_items[0][price_data][unit_amount])");
  EXPECT_EQ(send(changed_form("currency]=eur", "currency]=euro"), "k3").detail,
            "HTTP 400 invalid_request_error: Invalid currency: euro. (param: line_items[0][price_data][currency])");
  EXPECT_EQ(send(changed_form("mode=payment", "mode=payment&expand[0]=line_items"), "k4").detail,
            "HTTP 400 invalid_request_error/parameter_unknown: Received unknown parameter: expand (param: expand)");
  EXPECT_EQ(send(changed_form("&success_url=", "&success="), "k5").detail,
            "HTTP 400 invalid_request_error/parameter_unknown: Received unknown parameter: success (param: success)");
  EXPECT_EQ(send(changed_form("success_url=https%3A%2F%2F", "success_url=%2F%2F"), "k6").detail,
            "HTTP 400 invalid_request_error/url_invalid: Not a valid URL (param: success_url)");
  const CheckoutSessionResult small = send(changed_form("unit_amount]=5498", "unit_amount]=49"), "k7");
  EXPECT_TRUE(small.permanent);
  EXPECT_NE(small.detail.find("amount_too_small"), std::string::npos) << small.detail;
  for (const auto& e : log("api")) EXPECT_EQ(e.at("status").as_int64(), 400);
  EXPECT_EQ(log("api").size(), 7U);
}

TEST_F(PaymentTest, TheSameIdempotencyKeyReturnsTheSameSession) {
  const CheckoutSessionResult first = create(request());
  ASSERT_TRUE(first.created) << first.detail;
  const CheckoutSessionResult second = create(request());
  ASSERT_TRUE(second.created) << second.detail;
  EXPECT_EQ(second.session_id, first.session_id);
  EXPECT_EQ(second.url, first.url);

  // The same key with other parameters is refused for good.
  const CheckoutSessionResult other = create(request(6000));
  EXPECT_FALSE(other.created);
  EXPECT_TRUE(other.permanent);
  EXPECT_EQ(other.http_status, 400);
  EXPECT_EQ(other.detail.rfind("HTTP 400 idempotency_error: Keys for idempotent requests can only be used with the same "
                               "parameters they were first used with.", 0), 0U) << other.detail;
  // Another key is another session.
  const CheckoutSessionResult fresh = create(request(5498, "swb/K-1001/pay-8"));
  ASSERT_TRUE(fresh.created) << fresh.detail;
  EXPECT_NE(fresh.session_id, first.session_id);

  const auto received = log("api");
  ASSERT_EQ(received.size(), 4U);
  EXPECT_FALSE(received[0].contains("replayed"));
  EXPECT_TRUE(received[1].at("replayed").as_bool());
  EXPECT_EQ(received[1].at("session").as_string(), first.session_id);
  EXPECT_EQ(received[2].at("status").as_int64(), 400);
}

TEST_F(PaymentTest, RateLimitConflictAndServerErrorAreNotPermanent) {
  const CheckoutSessionResult rate = create(request(99429, "k-rate"));
  EXPECT_FALSE(rate.created);
  EXPECT_FALSE(rate.permanent);
  EXPECT_FALSE(rate.in_doubt);
  EXPECT_EQ(rate.http_status, 429);
  EXPECT_EQ(rate.detail.rfind("HTTP 429 invalid_request_error/rate_limit: Request rate limit exceeded.", 0), 0U)
      << rate.detail;

  const CheckoutSessionResult busy = create(request(99409, "k-busy"));
  EXPECT_FALSE(busy.permanent);
  EXPECT_FALSE(busy.in_doubt);
  EXPECT_EQ(busy.http_status, 409);
  EXPECT_NE(busy.detail.find("idempotency_key_in_use"), std::string::npos) << busy.detail;

  const CheckoutSessionResult error = create(request(99500, "k-error"));
  EXPECT_FALSE(error.created);
  EXPECT_FALSE(error.permanent);
  EXPECT_TRUE(error.in_doubt) << "Stripe: the result of a 500 is indeterminate";
  EXPECT_EQ(error.http_status, 500);
  EXPECT_EQ(error.detail, "HTTP 500 api_error: An unknown error occurred");
  EXPECT_EQ(log("api").size(), 3U);
}

TEST_F(PaymentTest, ALostAnswerIsInDoubtAndTheSameKeyFindsTheSession) {
  auto quick = settings();
  quick.timeout_seconds = 2;
  const auto started = std::chrono::steady_clock::now();
  const CheckoutSessionResult hang = create_checkout_session(quick, form(request(99408, "k-hang")), "k-hang");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(6)) << "the timeout bounds the wait";
  EXPECT_FALSE(hang.created);
  EXPECT_FALSE(hang.permanent);
  EXPECT_TRUE(hang.in_doubt) << hang.detail;
  EXPECT_EQ(hang.http_status, 0);
  EXPECT_EQ(hang.detail.rfind("no answer after the request was sent: Timeout was reached", 0), 0U) << hang.detail;

  // The session was created, the answer lost; sent again with the same key, it comes back.
  const CheckoutSessionResult lost = create(request(99445, "k-lost"));
  EXPECT_FALSE(lost.created);
  EXPECT_TRUE(lost.in_doubt) << lost.detail;
  EXPECT_EQ(lost.http_status, 0);
  const CheckoutSessionResult found = create(request(99445, "k-lost"));
  ASSERT_TRUE(found.created) << found.detail;

  const auto received = log("api");
  ASSERT_EQ(received.size(), 3U);
  EXPECT_EQ(received[0].at("status").as_string(), "hang");
  EXPECT_EQ(received[1].at("status").as_string(), "reset");
  EXPECT_EQ(received[1].at("session").as_string(), found.session_id) << "the session of the lost answer";
  EXPECT_TRUE(received[2].at("replayed").as_bool());
}

TEST_F(PaymentTest, UnusableAnswersAreInDoubtAndRedirectsNotFollowed) {
  for (const std::int64_t amount : {99666, 99667, 99777}) {
    const CheckoutSessionResult result = create(request(amount, "k-" + std::to_string(amount)));
    EXPECT_FALSE(result.created) << amount;
    EXPECT_FALSE(result.permanent) << amount;
    EXPECT_TRUE(result.in_doubt) << amount;
    EXPECT_EQ(result.http_status, 200) << amount;
    EXPECT_TRUE(result.session_id.empty()) << amount;
    EXPECT_TRUE(result.url.empty()) << amount;
  }
  EXPECT_NE(create(request(99666, "k-99666")).detail.find("without a checkout session id"), std::string::npos);
  EXPECT_NE(create(request(99667, "k-99667")).detail.find("without a usable payment page url"), std::string::npos);
  EXPECT_EQ(create(request(99777, "k-99777")).detail,
            "the provider answered 200 but the response could not be read: the response is longer than 262144 bytes");

  const CheckoutSessionResult redirect = create(request(99302, "k-redirect"));
  EXPECT_FALSE(redirect.created);
  EXPECT_FALSE(redirect.permanent);
  EXPECT_FALSE(redirect.in_doubt);
  EXPECT_EQ(redirect.http_status, 302);
  EXPECT_EQ(redirect.detail, "HTTP 302: redirect to http://127.0.0.1:9/v1/checkout/sessions not followed");
}

TEST_F(PaymentTest, PaidOnTheHostedPageTheSignedEventArrivesAndVerifies) {
  const CheckoutSessionResult session = create(request());
  ASSERT_TRUE(session.created) << session.detail;

  const json::object paid = press(session.url, "Pay");
  EXPECT_EQ(paid.at("page_status").as_int64(), 200);
  EXPECT_EQ(paid.at("form_action").as_string(), "/c/pay/" + session.session_id);
  EXPECT_EQ(paid.at("status").as_int64(), 303);
  EXPECT_EQ(paid.at("location").as_string(), "https://portal.example.de/p/abc/paid?session=" + session.session_id);

  const auto [signature, body] = delivery(1);
  ASSERT_FALSE(body.empty()) << "the event arrived";
  EXPECT_NE(signature.find(",v1="), std::string::npos) << signature;
  EXPECT_NE(signature.find(",v0="), std::string::npos) << "test mode adds a v0 signature: " << signature;
  auto event = verify_stripe_webhook(signature, body, kWebhookSecret, now_unix());
  ASSERT_TRUE(event.has_value()) << event.error().to_string() << "\n" << signature;
  EXPECT_EQ(event->event_id.rfind("evt_", 0), 0U);
  EXPECT_EQ(event->type, "checkout.session.completed");
  EXPECT_EQ(event->session_id, session.session_id);
  EXPECT_EQ(event->payment_status, "paid");
  EXPECT_TRUE(event->paid());
  ASSERT_TRUE(event->amount_total.has_value());
  EXPECT_EQ(*event->amount_total, 5498);
  EXPECT_EQ(event->currency, "EUR");
  EXPECT_EQ(event->client_reference_id, "swb/K-1001/pay-7");
  EXPECT_EQ(event->metadata, (PaymentMetadata{{"customer", "K-1001"}, {"items", "R-2026-0042 R-2026-0043"}}));
  EXPECT_EQ(event->payment_intent.rfind("pi_", 0), 0U) << event->payment_intent;
  EXPECT_EQ(event->payment_method_type, "paypal");
  EXPECT_FALSE(event->livemode);
  // Stripe's signature with a secret that is not this endpoint's proves nothing.
  EXPECT_FALSE(verify_stripe_webhook(signature, body, "whsec_test_another_endpoint", now_unix()).has_value());
  // Ten minutes later the same delivery is stale.
  EXPECT_FALSE(verify_stripe_webhook(signature, body, kWebhookSecret, now_unix() + 600).has_value());

  // The page is used up; the session says so.
  EXPECT_EQ(press(session.url, "Pay").at("page_status").as_int64(), 410);
  const json::object complete = retrieve(session.session_id);
  EXPECT_EQ(complete.at("status").as_string(), "complete");
  EXPECT_EQ(complete.at("payment_status").as_string(), "paid");
  EXPECT_EQ(complete.at("payment_intent").as_string(), event->payment_intent);

  // A redelivery is the same event, signed anew: the caller knows it by its id.
  const HttpPostOutcome resend = control("/_test/resend/" + event->event_id);
  EXPECT_EQ(resend.status, 200) << resend.body;
  const auto [signature2, body2] = delivery(2);
  EXPECT_EQ(body2, body) << "byte for byte";
  auto again = verify_stripe_webhook(signature2, body2, kWebhookSecret, now_unix());
  ASSERT_TRUE(again.has_value()) << again.error().to_string();
  EXPECT_EQ(again->event_id, event->event_id);

  const auto webhooks = log("webhook");
  ASSERT_EQ(webhooks.size(), 2U);
  EXPECT_EQ(webhooks[0].at("status").as_int64(), 200);
  EXPECT_EQ(webhooks[0].at("event").as_string(), event->event_id);
}

TEST_F(PaymentTest, CancelledAndExpiredSessionsPayNothing) {
  const CheckoutSessionResult cancelled = create(request(5498, "k-cancel"));
  ASSERT_TRUE(cancelled.created) << cancelled.detail;
  const json::object back = press(cancelled.url, "Cancel");
  EXPECT_EQ(back.at("status").as_int64(), 303);
  EXPECT_EQ(back.at("location").as_string(), "https://portal.example.de/p/abc");
  EXPECT_EQ(retrieve(cancelled.session_id).at("status").as_string(), "open") << "the payer may come back";
  EXPECT_TRUE(log("webhook").empty());

  const HttpPostOutcome expire = control("/_test/expire/" + cancelled.session_id);
  EXPECT_EQ(expire.status, 200) << expire.body;
  const auto [signature, body] = delivery(1);
  auto event = verify_stripe_webhook(signature, body, kWebhookSecret, now_unix());
  ASSERT_TRUE(event.has_value()) << event.error().to_string();
  EXPECT_EQ(event->type, "checkout.session.expired");
  EXPECT_EQ(event->session_id, cancelled.session_id);
  EXPECT_EQ(event->payment_status, "unpaid");
  EXPECT_FALSE(event->paid());
  EXPECT_EQ(press(cancelled.url, "Pay").at("page_status").as_int64(), 410);
}

TEST(PaymentSend, NothingListeningIsNotSentAndNotInDoubt) {
  PaymentProviderSettings settings;
  settings.base_url = "http://127.0.0.1:" + std::to_string(test::unused_loopback_port());
  settings.secret_key = kKey;
  const CheckoutSessionResult result = create_checkout_session(settings, form(request()), "k1");
  EXPECT_FALSE(result.created);
  EXPECT_FALSE(result.permanent);
  EXPECT_FALSE(result.in_doubt) << "nothing was sent";
  EXPECT_EQ(result.http_status, 0);
  EXPECT_EQ(result.detail.rfind("the request was not sent: Couldn't connect to server", 0), 0U) << result.detail;
}

TEST(PaymentSend, BadSettingsAndArgumentsAreRefusedWithoutAConnection) {
  test::LoopbackListener listener;
  ASSERT_GT(listener.port(), 0);
  const std::string body = form(request());
  PaymentProviderSettings base;
  base.secret_key = kKey;
  base.base_url = listener.url("http");

  for (const std::string& url : {listener.url("ftp"), listener.url("file"), std::string("127.0.0.1:1/v1"), std::string(""),
                                 listener.url("http") + "/a b", listener.url("http") + "?x=1",
                                 "http://sk:x@127.0.0.1:" + std::to_string(listener.port())}) {
    auto s = base;
    s.base_url = url;
    const CheckoutSessionResult result = create_checkout_session(s, body, "k1");
    EXPECT_FALSE(result.created) << url;
    EXPECT_FALSE(result.permanent) << url << ": settings problems wait for the operator";
    EXPECT_FALSE(result.in_doubt) << url;
    EXPECT_EQ(result.detail.rfind("settings.base_url: ", 0), 0U) << result.detail;
  }
  auto no_key = base;
  no_key.secret_key.clear();
  EXPECT_EQ(create_checkout_session(no_key, body, "k1").detail, "settings.secret_key: required");
  auto bad_key = base;
  bad_key.secret_key = "sk_test_1\r\nX-Evil: 1";
  EXPECT_EQ(create_checkout_session(bad_key, body, "k1").detail,
            "settings.secret_key: must be printable ASCII without spaces");
  auto no_timeout = base;
  no_timeout.timeout_seconds = 0;
  EXPECT_EQ(create_checkout_session(no_timeout, body, "k1").detail, "settings.timeout_seconds: must be positive");

  for (const std::string& bad : {std::string(""), std::string("mode=payment&name=J\xC3\xBCrgen"),
                                 std::string("mode=payment&name=a b"), std::string("{\"mode\":\"payment\"}")}) {
    const CheckoutSessionResult result = create_checkout_session(base, bad, "k1");
    EXPECT_TRUE(result.permanent) << bad;
    EXPECT_EQ(result.detail, "form_body: not an application/x-www-form-urlencoded body") << bad;
  }
  for (const std::string& key : {std::string(""), std::string("a b"), std::string("k\r\nX-Evil: 1"), std::string(256, 'k')}) {
    const CheckoutSessionResult result = create_checkout_session(base, body, key);
    EXPECT_TRUE(result.permanent) << key;
    EXPECT_EQ(result.detail, "idempotency_key: 1 to 255 printable ASCII characters, no spaces");
  }
  EXPECT_FALSE(listener.connection_pending()) << "a refused request must not connect";
  EXPECT_EQ(PaymentProviderSettings{}.base_url, "https://api.stripe.com");
}

}  // namespace
}  // namespace kulanz::channels
