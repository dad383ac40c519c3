// Payments in Stripe Checkout's wire format: the form body of a checkout session byte for
// byte, its field errors, and signed webhook events (Stripe-Signature, HMAC-SHA256 over
// "<t>.<body>") accepted only when everything matches.
#include <gtest/gtest.h>

#include "channels/payment_stripe.hpp"
#include "security/security.hpp"

namespace kulanz::channels {
namespace {

constexpr std::int64_t kNow = 1795417200;  // 2026-11-23
const std::string kEndpointSecret = "whsec_test_5f2b8c1d9e";

CheckoutRequest sample_request() {
  CheckoutRequest r;
  r.amount_minor = 5498;
  r.currency = "EUR";
  r.description = "Rechnung R-2026-0042 (Jürgen Weiß)";
  r.client_reference_id = "swb/K-1001/pay-7";
  r.metadata = {{"customer", "K-1001"}, {"items", "R-2026-0042 R-2026-0043"}};
  r.success_url = "https://portal.example.de/p/abc/paid?session={CHECKOUT_SESSION_ID}";
  r.cancel_url = "https://portal.example.de/p/abc";
  r.customer_email = "juergen.weiss@example.de";
  r.locale = "de";
  r.payment_method_types = {"card", "paypal"};
  r.idempotency_key = "swb/K-1001/pay-7";
  return r;
}

TEST(StripeCheckoutForm, SampleRequestIsTheDocumentedFormByteForByte) {
  auto form = stripe_checkout_form(sample_request());
  ASSERT_TRUE(form.has_value()) << form.error().to_string();
  EXPECT_EQ(*form,
            "mode=payment"
            "&line_items[0][price_data][currency]=eur"
            "&line_items[0][price_data][unit_amount]=5498"
            "&line_items[0][price_data][product_data][name]=Rechnung%20R-2026-0042%20%28J%C3%BCrgen%20Wei%C3%9F%29"
            "&line_items[0][quantity]=1"
            "&success_url=https%3A%2F%2Fportal.example.de%2Fp%2Fabc%2Fpaid%3Fsession%3D%7BCHECKOUT_SESSION_ID%7D"
            "&cancel_url=https%3A%2F%2Fportal.example.de%2Fp%2Fabc"
            "&client_reference_id=swb%2FK-1001%2Fpay-7"
            "&customer_email=juergen.weiss%40example.de"
            "&locale=de"
            "&payment_method_types[0]=card"
            "&payment_method_types[1]=paypal"
            "&metadata[customer]=K-1001"
            "&metadata[items]=R-2026-0042%20R-2026-0043");
}

TEST(StripeCheckoutForm, OptionalPartsAreLeftOutAndMetadataKeysEncoded) {
  CheckoutRequest r = sample_request();
  r.customer_email.clear();
  r.locale.clear();
  r.payment_method_types.clear();
  r.metadata = {{"Fall Nr.", "a&b=c+d"}};
  r.amount_minor = 9007199254740993;  // above 2^53: written exactly
  auto form = stripe_checkout_form(r);
  ASSERT_TRUE(form.has_value()) << form.error().to_string();
  EXPECT_EQ(*form,
            "mode=payment"
            "&line_items[0][price_data][currency]=eur"
            "&line_items[0][price_data][unit_amount]=9007199254740993"
            "&line_items[0][price_data][product_data][name]=Rechnung%20R-2026-0042%20%28J%C3%BCrgen%20Wei%C3%9F%29"
            "&line_items[0][quantity]=1"
            "&success_url=https%3A%2F%2Fportal.example.de%2Fp%2Fabc%2Fpaid%3Fsession%3D%7BCHECKOUT_SESSION_ID%7D"
            "&cancel_url=https%3A%2F%2Fportal.example.de%2Fp%2Fabc"
            "&client_reference_id=swb%2FK-1001%2Fpay-7"
            "&metadata[Fall%20Nr.]=a%26b%3Dc%2Bd");
  r.locale = "auto";
  EXPECT_NE(stripe_checkout_form(r)->find("&locale=auto&"), std::string::npos);
}

TEST(StripeCheckoutForm, BadRequestsNameTheField) {
  struct Case {
    const char* what;
    void (*change)(CheckoutRequest&);
    const char* field;
    base::ErrorCode code;
  };
  using base::ErrorCode;
  const Case cases[] = {
      {"zero amount", [](CheckoutRequest& r) { r.amount_minor = 0; }, "amount_minor", ErrorCode::amount_invalid},
      {"negative amount", [](CheckoutRequest& r) { r.amount_minor = -5498; }, "amount_minor", ErrorCode::amount_invalid},
      {"no currency", [](CheckoutRequest& r) { r.currency.clear(); }, "currency", ErrorCode::currency_unknown},
      {"currency of 4 letters", [](CheckoutRequest& r) { r.currency = "EURO"; }, "currency", ErrorCode::currency_unknown},
      {"currency with a digit", [](CheckoutRequest& r) { r.currency = "EU1"; }, "currency", ErrorCode::currency_unknown},
      {"no description", [](CheckoutRequest& r) { r.description.clear(); }, "description", ErrorCode::required_missing},
      {"description not UTF-8", [](CheckoutRequest& r) { r.description = "Wei\xDF"; }, "description",
       ErrorCode::invalid_argument},
      {"description with a line break", [](CheckoutRequest& r) { r.description = "a\nb"; }, "description",
       ErrorCode::invalid_argument},
      {"no reference", [](CheckoutRequest& r) { r.client_reference_id.clear(); }, "client_reference_id",
       ErrorCode::required_missing},
      {"reference of 201 characters", [](CheckoutRequest& r) { r.client_reference_id = std::string(201, 'r'); },
       "client_reference_id", ErrorCode::text_too_long},
      {"51 metadata keys",
       [](CheckoutRequest& r) {
         r.metadata.clear();
         for (int i = 0; i < 51; ++i) r.metadata.emplace_back("k" + std::to_string(i), "v");
       },
       "metadata", ErrorCode::payment_metadata_invalid},
      {"metadata key of 41 characters", [](CheckoutRequest& r) { r.metadata = {{std::string(41, 'k'), "v"}}; },
       "metadata[kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk]",
       ErrorCode::payment_metadata_invalid},
      {"metadata key with brackets", [](CheckoutRequest& r) { r.metadata = {{"a[b]", "v"}}; }, "metadata[a[b]]",
       ErrorCode::payment_metadata_invalid},
      {"empty metadata key", [](CheckoutRequest& r) { r.metadata = {{"", "v"}}; }, "metadata",
       ErrorCode::payment_metadata_invalid},
      {"metadata key twice", [](CheckoutRequest& r) { r.metadata = {{"a", "1"}, {"a", "2"}}; }, "metadata[a]",
       ErrorCode::payment_metadata_invalid},
      {"metadata value of 501 characters", [](CheckoutRequest& r) { r.metadata = {{"a", std::string(501, 'v')}}; },
       "metadata[a]", ErrorCode::payment_metadata_invalid},
      {"empty metadata value", [](CheckoutRequest& r) { r.metadata = {{"a", ""}}; }, "metadata[a]",
       ErrorCode::payment_metadata_invalid},
      {"no success_url", [](CheckoutRequest& r) { r.success_url.clear(); }, "success_url", ErrorCode::return_url_invalid},
      {"relative success_url", [](CheckoutRequest& r) { r.success_url = "/p/abc/paid"; }, "success_url",
       ErrorCode::return_url_invalid},
      {"ftp cancel_url", [](CheckoutRequest& r) { r.cancel_url = "ftp://portal.example.de/"; }, "cancel_url",
       ErrorCode::return_url_invalid},
      {"cancel_url with a space", [](CheckoutRequest& r) { r.cancel_url = "https://portal.example.de/a b"; }, "cancel_url",
       ErrorCode::return_url_invalid},
      {"javascript success_url", [](CheckoutRequest& r) { r.success_url = "javascript:alert(1)"; }, "success_url",
       ErrorCode::return_url_invalid},
      {"bad email", [](CheckoutRequest& r) { r.customer_email = "juergen.weiss"; }, "customer_email",
       ErrorCode::email_invalid},
      {"locale fr", [](CheckoutRequest& r) { r.locale = "fr"; }, "locale", ErrorCode::language_invalid},
      {"method type with capitals", [](CheckoutRequest& r) { r.payment_method_types = {"card", "PayPal"}; },
       "payment_method_types[1]", ErrorCode::enum_invalid},
      {"method type twice", [](CheckoutRequest& r) { r.payment_method_types = {"card", "card"}; },
       "payment_method_types[1]", ErrorCode::enum_invalid},
      {"empty method type", [](CheckoutRequest& r) { r.payment_method_types = {""}; }, "payment_method_types[0]",
       ErrorCode::enum_invalid},
      {"no idempotency key", [](CheckoutRequest& r) { r.idempotency_key.clear(); }, "idempotency_key",
       ErrorCode::idempotency_key_invalid},
      {"idempotency key with a space", [](CheckoutRequest& r) { r.idempotency_key = "a b"; }, "idempotency_key",
       ErrorCode::idempotency_key_invalid},
      {"idempotency key with a line break", [](CheckoutRequest& r) { r.idempotency_key = "a\r\nX-Evil: 1"; },
       "idempotency_key", ErrorCode::idempotency_key_invalid},
      {"idempotency key of 256 characters", [](CheckoutRequest& r) { r.idempotency_key = std::string(256, 'k'); },
       "idempotency_key", ErrorCode::idempotency_key_invalid},
  };
  for (const auto& c : cases) {
    CheckoutRequest r = sample_request();
    c.change(r);
    auto form = stripe_checkout_form(r);
    ASSERT_FALSE(form.has_value()) << c.what;
    EXPECT_EQ(form.error().field, c.field) << c.what << ": " << form.error().to_string();
    EXPECT_EQ(form.error().code, c.code) << c.what << ": " << form.error().to_string();
    EXPECT_FALSE(form.error().detail.empty()) << c.what;
  }
  // The limits themselves are allowed.
  CheckoutRequest at_limits = sample_request();
  at_limits.client_reference_id = std::string(199, 'r') + "ß";  // 200 characters, 201 bytes
  at_limits.metadata.clear();
  for (int i = 0; i < 50; ++i) at_limits.metadata.emplace_back(std::to_string(i) + std::string(38, 'k'), std::string(500, 'v'));
  at_limits.idempotency_key = std::string(255, 'k');
  auto form = stripe_checkout_form(at_limits);
  EXPECT_TRUE(form.has_value()) << form.error().to_string();
}

// --- webhooks ---------------------------------------------------------------------------

// "t=<t>,v1=<hex>" as Stripe builds it.
std::string signature_header(const std::string& secret, std::int64_t t, const std::string& body) {
  return "t=" + std::to_string(t) + ",v1=" + security::hmac_sha256_hex(secret, std::to_string(t) + "." + body);
}

// A checkout.session.completed event as Stripe sends it (indented by two spaces).
std::string completed_event(const std::string& amount_total = "5498") {
  return R"({
  "id": "evt_1PqRsT2eZvKYlo2CkR1nH0aB",
  "object": "event",
  "api_version": "2024-06-20",
  "created": 1795417190,
  "data": {
    "object": {
      "id": "cs_test_a1b2C3d4E5f6G7h8I9j0",
      "object": "checkout.session",
      "amount_subtotal": )" + amount_total + R"(,
      "amount_total": )" + amount_total + R"(,
      "cancel_url": "https://portal.example.de/p/abc",
      "client_reference_id": "swb/K-1001/pay-7",
      "created": 1795417000,
      "currency": "eur",
      "customer_details": {"email": "juergen.weiss@example.de", "name": "J\u00fcrgen Wei\u00df"},
      "expires_at": 1795503400,
      "livemode": false,
      "metadata": {
        "customer": "K-1001",
        "items": "R-2026-0042 R-2026-0043"
      },
      "mode": "payment",
      "payment_intent": "pi_3PqRsT2eZvKYlo2C1aB2cD3e",
      "payment_method_types": [
        "paypal"
      ],
      "payment_status": "paid",
      "status": "complete",
      "success_url": "https://portal.example.de/p/abc/paid?session={CHECKOUT_SESSION_ID}",
      "url": null
    }
  },
  "livemode": false,
  "pending_webhooks": 1,
  "request": {
    "id": null,
    "idempotency_key": null
  },
  "type": "checkout.session.completed"
}
)";
}

// `body` with the first `from` replaced by `to`.
std::string replaced(std::string body, const std::string& from, const std::string& to) {
  const auto at = body.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) body.replace(at, from.size(), to);
  return body;
}

bool refused(const std::string& header, const std::string& body, std::int64_t now = kNow,
             const std::string& secret = kEndpointSecret) {
  auto r = verify_stripe_webhook(header, body, secret, now);
  return !r.has_value() && r.error().code == base::ErrorCode::unauthorized;
}

TEST(StripeWebhook, SignatureMatchesAVectorDerivedWithOpenssl) {
  // printf '%s' '1795417200.{"id":"evt_1PqRsT2eZvKYlo2C","object":"event"}' | openssl dgst -sha256 -hmac 'whsec_test_5f2b8c1d9e'
  const std::string body = R"({"id":"evt_1PqRsT2eZvKYlo2C","object":"event"})";
  const std::string header = "t=1795417200,v1=1db1c8c54e73b55e2f6b9f49e3b052610b9b4d1935d86a9712e540ea52812414";
  auto event = verify_stripe_webhook(header, body, kEndpointSecret, kNow);
  // The signature holds; the body is then refused as an event without type.
  ASSERT_FALSE(event.has_value());
  EXPECT_EQ(event.error().code, base::ErrorCode::payment_event_invalid) << event.error().to_string();
  EXPECT_EQ(signature_header(kEndpointSecret, 1795417200, body), header);
}

TEST(StripeWebhook, SignedCompletedEventIsAcceptedAndRead) {
  const std::string body = completed_event();
  auto event = verify_stripe_webhook(signature_header(kEndpointSecret, kNow - 10, body), body, kEndpointSecret, kNow);
  ASSERT_TRUE(event.has_value()) << event.error().to_string();
  EXPECT_EQ(event->event_id, "evt_1PqRsT2eZvKYlo2CkR1nH0aB");
  EXPECT_EQ(event->type, "checkout.session.completed");
  EXPECT_EQ(event->created, 1795417190);
  EXPECT_FALSE(event->livemode);
  EXPECT_EQ(event->session_id, "cs_test_a1b2C3d4E5f6G7h8I9j0");
  EXPECT_EQ(event->payment_status, "paid");
  ASSERT_TRUE(event->amount_total.has_value());
  EXPECT_EQ(*event->amount_total, 5498);
  EXPECT_EQ(event->currency, "EUR");
  EXPECT_EQ(event->client_reference_id, "swb/K-1001/pay-7");
  EXPECT_EQ(event->metadata, (PaymentMetadata{{"customer", "K-1001"}, {"items", "R-2026-0042 R-2026-0043"}}));
  EXPECT_EQ(event->payment_intent, "pi_3PqRsT2eZvKYlo2C1aB2cD3e");
  EXPECT_EQ(event->payment_method_type, "paypal");
  EXPECT_TRUE(event->paid());
}

TEST(StripeWebhook, AmountAboveTwoToTheFiftyThirdIsReadExactly) {
  // 2^53 + 1 has no double of its own: a detour through double would give ...992.
  const std::string body = completed_event("9007199254740993");
  auto event = verify_stripe_webhook(signature_header(kEndpointSecret, kNow, body), body, kEndpointSecret, kNow);
  ASSERT_TRUE(event.has_value()) << event.error().to_string();
  ASSERT_TRUE(event->amount_total.has_value());
  EXPECT_EQ(*event->amount_total, 9007199254740993);
  const std::string largest = completed_event("9223372036854775807");
  auto max = verify_stripe_webhook(signature_header(kEndpointSecret, kNow, largest), largest, kEndpointSecret, kNow);
  ASSERT_TRUE(max.has_value()) << max.error().to_string();
  EXPECT_EQ(*max->amount_total, INT64_MAX);

  for (const char* amount : {"54.98", "5498.0", "5.498e3", "9223372036854775808", "\"5498\"", "true"}) {
    const std::string bad = completed_event(amount);
    auto r = verify_stripe_webhook(signature_header(kEndpointSecret, kNow, bad), bad, kEndpointSecret, kNow);
    ASSERT_FALSE(r.has_value()) << amount;
    EXPECT_EQ(r.error().code, base::ErrorCode::payment_event_invalid) << amount;
    EXPECT_NE(r.error().detail.find("amount_total"), std::string::npos) << r.error().detail;
  }
  const std::string null_amount = completed_event("null");
  auto none = verify_stripe_webhook(signature_header(kEndpointSecret, kNow, null_amount), null_amount, kEndpointSecret, kNow);
  ASSERT_TRUE(none.has_value()) << none.error().to_string();
  EXPECT_FALSE(none->amount_total.has_value()) << "null is not 0";
}

TEST(StripeWebhook, WrongSecretTamperedBodyAndTimesOutsideTheToleranceAreRefused) {
  const std::string body = completed_event();
  EXPECT_TRUE(refused(signature_header("whsec_someone_else", kNow, body), body)) << "wrong secret";
  const std::string tampered = replaced(body, "\"amount_total\": 5498", "\"amount_total\": 9498");
  EXPECT_TRUE(refused(signature_header(kEndpointSecret, kNow, body), tampered)) << "body changed after signing";
  std::string reformatted = body;
  reformatted.erase(reformatted.size() - 1);  // only the final line break
  EXPECT_TRUE(refused(signature_header(kEndpointSecret, kNow, body), reformatted)) << "the raw bytes are signed";
  EXPECT_TRUE(refused(signature_header(kEndpointSecret, kNow - 301, body), body)) << "older than five minutes";
  EXPECT_TRUE(refused(signature_header(kEndpointSecret, kNow + 301, body), body)) << "from the future";
  EXPECT_FALSE(refused(signature_header(kEndpointSecret, kNow - 300, body), body)) << "exactly five minutes old";
  EXPECT_FALSE(refused(signature_header(kEndpointSecret, kNow + 300, body), body)) << "five minutes ahead";
  auto narrow = verify_stripe_webhook(signature_header(kEndpointSecret, kNow - 61, body), body, kEndpointSecret, kNow, 60);
  EXPECT_FALSE(narrow.has_value()) << "a tolerance of one minute";
  // The timestamp is signed: moving it breaks the signature.
  const std::string moved = "t=" + std::to_string(kNow) + signature_header(kEndpointSecret, kNow - 600, body).substr(12);
  EXPECT_TRUE(refused(moved, body));
  auto no_secret = verify_stripe_webhook(signature_header("", kNow, body), body, "", kNow);
  ASSERT_FALSE(no_secret.has_value());
  EXPECT_EQ(no_secret.error().code, base::ErrorCode::unauthorized);
}

TEST(StripeWebhook, MissingOrGarbledHeadersAreRefused) {
  const std::string body = completed_event();
  const std::string good = signature_header(kEndpointSecret, kNow, body);
  const std::string v1 = good.substr(good.find("v1="));
  const std::string t = "t=" + std::to_string(kNow);
  for (const std::string& header : {std::string(), std::string(" "), std::string("garbage"), v1, t, t + ",",
                                    t + ",v1", t + ",v1=", t + "," + v1 + ",=x", "t=abc," + v1, "t=-" + std::to_string(kNow) + "," + v1,
                                    "t=," + v1, t + "," + t + "," + v1, t + ";" + v1, "T=" + std::to_string(kNow) + "," + v1,
                                    t + ",V1=" + v1.substr(3), t + ",v0=" + v1.substr(3),
                                    t + ",v1=" + security::hmac_sha256_hex(kEndpointSecret, body),
                                    t + ",v1=" + v1.substr(3, 63), std::string(9000, 't')}) {
    EXPECT_TRUE(refused(header, body)) << "'" << header.substr(0, 100) << "'";
  }
  // An upper-case hex signature is not what Stripe sends.
  std::string upper = v1;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_TRUE(refused(t + ",v1=" + upper.substr(3), body));
  // The header as Stripe sends it in test mode, with a v0 signature to ignore, is accepted.
  EXPECT_FALSE(refused(good + ",v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39", body));
  EXPECT_FALSE(refused(" " + t + ", " + v1 + " ", body)) << "spaces around the elements";
}

TEST(StripeWebhook, OneMatchingV1AmongSeveralIsEnough) {
  const std::string body = completed_event();
  const std::string t = "t=" + std::to_string(kNow);
  const std::string right = "v1=" + security::hmac_sha256_hex(kEndpointSecret, std::to_string(kNow) + "." + body);
  const std::string other = "v1=" + security::hmac_sha256_hex("whsec_old_secret", std::to_string(kNow) + "." + body);
  EXPECT_FALSE(refused(t + "," + other + "," + right, body)) << "while a secret is rolled, both sign";
  EXPECT_FALSE(refused(t + "," + right + "," + other, body));
  EXPECT_FALSE(refused(other + "," + right + "," + t, body)) << "t need not come first";
  EXPECT_TRUE(refused(t + "," + other + "," + other, body));
}

TEST(StripeWebhook, OtherEventsAreReadAsStripeSendsThem) {
  auto read = [](const std::string& body) { return verify_stripe_webhook(signature_header(kEndpointSecret, kNow, body), body,
                                                                         kEndpointSecret, kNow); };
  const std::string expired =
      replaced(replaced(replaced(completed_event(), "checkout.session.completed", "checkout.session.expired"),
                        "\"payment_status\": \"paid\"", "\"payment_status\": \"unpaid\""),
               "\"pi_3PqRsT2eZvKYlo2C1aB2cD3e\"", "null");
  auto e = read(expired);
  ASSERT_TRUE(e.has_value()) << e.error().to_string();
  EXPECT_EQ(e->type, "checkout.session.expired");
  EXPECT_EQ(e->payment_status, "unpaid");
  EXPECT_TRUE(e->payment_intent.empty());
  EXPECT_FALSE(e->paid());

  auto s = read(replaced(completed_event(), "checkout.session.completed", "checkout.session.async_payment_succeeded"));
  ASSERT_TRUE(s.has_value()) << s.error().to_string();
  EXPECT_TRUE(s->paid());
  auto f = read(replaced(replaced(completed_event(), "checkout.session.completed", "checkout.session.async_payment_failed"),
                         "\"payment_status\": \"paid\"", "\"payment_status\": \"unpaid\""));
  ASSERT_TRUE(f.has_value()) << f.error().to_string();
  EXPECT_EQ(f->type, "checkout.session.async_payment_failed");
  EXPECT_FALSE(f->paid());
  // Completed but not yet paid: a delayed method such as SEPA debit; async_payment_succeeded follows.
  auto unpaid = read(replaced(completed_event(), "\"payment_status\": \"paid\"", "\"payment_status\": \"unpaid\""));
  ASSERT_TRUE(unpaid.has_value()) << unpaid.error().to_string();
  EXPECT_FALSE(unpaid->paid());

  // Other types: only id, type, created and livemode.
  const std::string charge = R"({"id":"evt_3PqRsT","object":"event","api_version":"2024-06-20","created":1795417100,)"
                             R"("data":{"object":{"id":"ch_3PqRsT","object":"charge","amount":5498}},"livemode":true,)"
                             R"("type":"charge.succeeded"})";
  auto c = read(charge);
  ASSERT_TRUE(c.has_value()) << c.error().to_string();
  EXPECT_EQ(c->type, "charge.succeeded");
  EXPECT_EQ(c->event_id, "evt_3PqRsT");
  EXPECT_EQ(c->created, 1795417100);
  EXPECT_TRUE(c->livemode);
  EXPECT_TRUE(c->session_id.empty());
  EXPECT_FALSE(c->amount_total.has_value());
  EXPECT_FALSE(c->paid());

  // Several payment method types offered: which one was used is not in the session.
  auto several = read(replaced(completed_event(), "\"paypal\"", "\"card\", \"paypal\""));
  ASSERT_TRUE(several.has_value()) << several.error().to_string();
  EXPECT_TRUE(several->payment_method_type.empty());
}

TEST(StripeWebhook, SignedBodiesThatAreNotEventsAreUnreadable) {
  auto code_of = [](const std::string& body) {
    auto r = verify_stripe_webhook(signature_header(kEndpointSecret, kNow, body), body, kEndpointSecret, kNow);
    return r ? std::string("(accepted)") : std::to_string(r.error().number());
  };
  const std::string good = completed_event();
  EXPECT_EQ(code_of(good), "(accepted)");
  for (const std::string& body : {std::string(""), std::string("[]"), std::string("{\"id\":"), std::string("{}"),
                                  replaced(good, "\"object\": \"event\"", "\"object\": \"evant\""),
                                  replaced(good, "evt_1PqRsT2eZvKYlo2CkR1nH0aB", "1PqRsT2eZvKYlo2CkR1nH0aB"),
                                  replaced(good, "\"created\": 1795417190", "\"created\": \"1795417190\""),
                                  replaced(good, "\"type\": \"checkout.session.completed\"", "\"type\": 7"),
                                  replaced(good, "\"object\": \"checkout.session\"", "\"object\": \"charge\""),
                                  replaced(good, "cs_test_a1b2C3d4E5f6G7h8I9j0", "cs_test_a1b2 C3d4"),
                                  replaced(good, "\"payment_status\": \"paid\",", ""),
                                  replaced(good, "\"currency\": \"eur\"", "\"currency\": \"euro\""),
                                  replaced(good, "\"customer\": \"K-1001\"", "\"customer\": 1001"),
                                  replaced(good, "\"payment_intent\": \"pi_", "\"payment_intent\": \"ch_")}) {
    EXPECT_EQ(code_of(body), "9104") << body.substr(0, 300);
  }
}

}  // namespace
}  // namespace kulanz::channels
