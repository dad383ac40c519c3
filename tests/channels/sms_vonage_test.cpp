// SMS through the Vonage Messages API: the request body, and signed status webhooks
// (HS256 JWT with the body's SHA-256 as payload_hash) accepted only when everything matches.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "channels/sms_vonage.hpp"
#include "security/security.hpp"

namespace kulanz::channels {
namespace {

namespace json = boost::json;

constexpr std::int64_t kNow = 1795417200;  // 2026-11-23
const std::string kSecret = "a signature secret of the account";

std::string jwt(const std::string& secret, const std::string& body, std::int64_t iat, const std::string& alg = "HS256") {
  const std::string header = security::base64url_encode(json::serialize(json::object{{"alg", alg}, {"typ", "JWT"}}));
  const std::string claims = security::base64url_encode(json::serialize(json::object{
      {"iat", iat}, {"jti", "6f2a8f4e-1c1d-4b7a-9d59-1f0d8c0d2e11"}, {"iss", "Vonage"},
      {"payload_hash", security::sha256_hex(body)}, {"application_id", "aaaaaaaa-bbbb-cccc-dddd-0123456789ab"}}));
  return header + "." + claims + "." + security::hmac_token(secret, header + "." + claims, 32);
}

const std::string kDelivered =
    R"({"message_uuid":"aaaaaaaa-bbbb-cccc-dddd-0123456789ab","to":"4915112345678","from":"Stadtwerke",)"
    R"("timestamp":"2026-11-23T09:00:00.000Z","status":"delivered","channel":"sms","client_ref":"c1/consumers@1/s1/7"})";

TEST(VonageSms, RequestBodyIsTheDocumentedJson) {
  SmsMessage m{"+4915112345678", "Stadtwerke", "Zahlungserinnerung: 54,98 € offen. Link: https://x.example/p/abc", "c1/consumers@1/s1/7"};
  auto body = vonage_request_body(m);
  ASSERT_TRUE(body.has_value()) << body.error().to_string();
  const auto o = json::parse(*body).as_object();
  EXPECT_EQ(o.at("message_type").as_string(), "text");
  EXPECT_EQ(o.at("channel").as_string(), "sms");
  EXPECT_EQ(o.at("to").as_string(), "4915112345678") << "without the plus";
  EXPECT_EQ(o.at("from").as_string(), "Stadtwerke");
  EXPECT_EQ(o.at("text").as_string(), m.text) << "UTF-8 passes unchanged";
  EXPECT_EQ(o.at("client_ref").as_string(), "c1/consumers@1/s1/7");
  EXPECT_EQ(o.size(), 6u);
}

TEST(VonageSms, BadRequestsNameTheField) {
  auto field = [](SmsMessage m) {
    auto r = vonage_request_body(m);
    return r ? std::string("(accepted)") : r.error().field;
  };
  const SmsMessage ok{"+4915112345678", "Stadtwerke", "Text", ""};
  for (const char* to : {"", "015112345678", "+49 151 1234", "+491511234567890123", "+49abc"}) {
    SmsMessage m = ok;
    m.to = to;
    EXPECT_EQ(field(m), "to") << to;
  }
  for (const char* from : {"", "Stadtwerke Nord", "Stadt-werke", "1234567890123456"}) {
    SmsMessage m = ok;
    m.from = from;
    EXPECT_EQ(field(m), "from") << from;
  }
  SmsMessage numeric = ok;
  numeric.from = "4930123456";
  EXPECT_EQ(field(numeric), "(accepted)");
  SmsMessage empty = ok;
  empty.text.clear();
  EXPECT_EQ(field(empty), "text");
  SmsMessage broken = ok;
  broken.text = std::string("Fa\xC3", 3);
  EXPECT_EQ(field(broken), "text");
}

TEST(VonageSms, SignedStatusIsAcceptedAndRead) {
  auto s = verify_vonage_status("Bearer " + jwt(kSecret, kDelivered, kNow - 10), kDelivered, kSecret, kNow);
  ASSERT_TRUE(s.has_value()) << s.error().to_string();
  EXPECT_EQ(s->message_uuid, "aaaaaaaa-bbbb-cccc-dddd-0123456789ab");
  EXPECT_EQ(s->status, "delivered");
  EXPECT_EQ(s->to, "4915112345678");
  EXPECT_EQ(s->client_ref, "c1/consumers@1/s1/7");
  EXPECT_FALSE(s->final_failure());

  const std::string rejected =
      R"({"message_uuid":"u-2","to":"4915112345678","timestamp":"2026-11-23T09:00:00Z","status":"undeliverable",)"
      R"("error":{"type":"https://developer.vonage.com/api-errors/messages#1320","title":"1320","detail":"x","reason":"Unknown subscriber"}})";
  auto r = verify_vonage_status("Bearer " + jwt(kSecret, rejected, kNow), rejected, kSecret, kNow);
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
  EXPECT_TRUE(r->final_failure());
  EXPECT_EQ(r->error_reason, "Unknown subscriber");

  const std::string without_reason =
      R"({"message_uuid":"u-3","to":"4915112345678","timestamp":"2026-11-23T09:00:00Z","status":"rejected",)"
      R"("error":{"type":"https://developer.vonage.com/api-errors/messages#1330","title":"1330","detail":"Illegal number"}})";
  auto w = verify_vonage_status("Bearer " + jwt(kSecret, without_reason, kNow), without_reason, kSecret, kNow);
  ASSERT_TRUE(w.has_value()) << w.error().to_string();
  EXPECT_EQ(w->error_reason, "1330: Illegal number");
}

TEST(VonageSms, AnythingNotMatchingIsRefused) {
  auto refused = [](const std::string& auth, const std::string& body, std::int64_t now = kNow) {
    auto r = verify_vonage_status(auth, body, kSecret, now);
    return !r.has_value() && r.error().code == base::ErrorCode::unauthorized;
  };
  const std::string good = jwt(kSecret, kDelivered, kNow);
  EXPECT_TRUE(refused("", kDelivered));
  EXPECT_TRUE(refused(good, kDelivered)) << "without 'Bearer '";
  EXPECT_TRUE(refused("Bearer " + jwt("another secret", kDelivered, kNow), kDelivered)) << "wrong secret";
  std::string changed = kDelivered;
  changed.replace(changed.find("delivered"), 9, "rejected!");
  EXPECT_TRUE(refused("Bearer " + good, changed)) << "body changed after signing";
  std::string tampered = good;
  tampered[tampered.size() - 3] = tampered[tampered.size() - 3] == 'A' ? 'B' : 'A';
  EXPECT_TRUE(refused("Bearer " + tampered, kDelivered)) << "signature changed";
  EXPECT_TRUE(refused("Bearer " + jwt(kSecret, kDelivered, kNow - 301), kDelivered)) << "older than five minutes";
  EXPECT_TRUE(refused("Bearer " + jwt(kSecret, kDelivered, kNow + 301), kDelivered)) << "from the future";
  EXPECT_TRUE(refused("Bearer " + jwt(kSecret, kDelivered, kNow, "none"), kDelivered)) << "alg none";
  EXPECT_TRUE(refused("Bearer a.b", kDelivered));
  EXPECT_TRUE(refused("Bearer a.b.c.d", kDelivered));
  auto no_secret = verify_vonage_status("Bearer " + good, kDelivered, "", kNow);
  EXPECT_FALSE(no_secret.has_value());
}

}  // namespace
}  // namespace kulanz::channels
