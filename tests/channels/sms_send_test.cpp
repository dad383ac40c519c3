// send_vonage_sms against a local stand-in of the Vonage Messages API
// (vonage_stand_in.py), which checks every request as the gateway does and records it.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>

#include "channels/sms_vonage.hpp"
#include "server_process.hpp"
#include "test_support.hpp"

namespace kulanz::channels {
namespace {

namespace json = boost::json;

const std::string kKey = "a1b2c3d4";
const std::string kSecret = "Geheim:1234+/=";  // a colon and base64 characters: Basic auth must encode it

std::string body_to(const std::string& to, const std::string& client_ref = "c1/consumers@1/s1/7") {
  auto body = vonage_request_body({to, "Stadtwerke", "Zahlungserinnerung: 54,98 € offen.", client_ref});
  return body ? *body : std::string();
}

class SmsSendTest : public ::testing::Test {
 protected:
  SmsSendTest() : gateway_("vonage_stand_in.py", {"--log", log_.string(), "--api-key", kKey, "--api-secret", kSecret}) {}

  SmsGatewaySettings settings() const {
    SmsGatewaySettings s;
    s.base_url = "http://127.0.0.1:" + std::to_string(gateway_.port());
    s.api_key = kKey;
    s.api_secret = kSecret;
    s.timeout_seconds = 10;
    return s;
  }

  // The requests the stand-in received, in order.
  std::vector<json::object> requests() const {
    std::vector<json::object> out;
    if (!std::filesystem::exists(log_)) return out;
    for (const auto& line : test::file_lines(log_)) out.push_back(json::parse(line).as_object());
    return out;
  }

  test::ScratchDir scratch_;
  std::filesystem::path log_ = scratch_.path() / "requests.jsonl";
  test::ServerProcess gateway_;
};

TEST_F(SmsSendTest, AcceptedMessageArrivesAsSentWithCredentialsAndHeaders) {
  ASSERT_TRUE(gateway_.started()) << gateway_.startup_error();
  const std::string body = body_to("+4915112345678");
  ASSERT_FALSE(body.empty());
  const SmsSendResult result = send_vonage_sms(settings(), body);
  ASSERT_TRUE(result.accepted) << result.detail;
  EXPECT_FALSE(result.permanent);
  EXPECT_FALSE(result.in_doubt);
  EXPECT_EQ(result.http_status, 202);
  EXPECT_EQ(result.message_uuid.size(), 36U) << result.message_uuid;
  EXPECT_EQ(result.detail, "accepted as " + result.message_uuid);

  const auto received = requests();
  ASSERT_EQ(received.size(), 1U);
  const auto& r = received[0];
  EXPECT_EQ(r.at("method").as_string(), "POST");
  EXPECT_EQ(r.at("path").as_string(), "/v1/messages");
  EXPECT_EQ(r.at("user").as_string(), kKey);
  EXPECT_EQ(r.at("content_type").as_string(), "application/json");
  EXPECT_EQ(r.at("accept").as_string(), "application/json");
  EXPECT_EQ(r.at("body").as_string(), body) << "the body byte for byte";
  EXPECT_EQ(r.at("status").as_int64(), 202);
  EXPECT_EQ(r.at("message_uuid").as_string(), result.message_uuid) << "the uuid the gateway gave";

  // A trailing slash in the base URL changes nothing.
  auto slashed = settings();
  slashed.base_url += "/";
  const SmsSendResult again = send_vonage_sms(slashed, body);
  EXPECT_TRUE(again.accepted) << again.detail;
  EXPECT_NE(again.message_uuid, result.message_uuid);
  ASSERT_EQ(requests().size(), 2U);
  EXPECT_EQ(requests()[1].at("path").as_string(), "/v1/messages");
}

TEST_F(SmsSendTest, WrongCredentialsArePermanentWithTheProblemDetail) {
  ASSERT_TRUE(gateway_.started()) << gateway_.startup_error();
  auto wrong = settings();
  wrong.api_secret = "not the secret";
  const SmsSendResult result = send_vonage_sms(wrong, body_to("+4915112345678"));
  EXPECT_FALSE(result.accepted);
  EXPECT_TRUE(result.permanent);
  EXPECT_FALSE(result.in_doubt);
  EXPECT_EQ(result.http_status, 401);
  EXPECT_EQ(result.detail, "HTTP 401 Unauthorized: You did not provide correct credentials.");
  EXPECT_TRUE(result.setup_refused);
  EXPECT_FALSE(result.recipient_refused);
  EXPECT_TRUE(result.message_uuid.empty());
  ASSERT_EQ(requests().size(), 1U);
  EXPECT_EQ(requests()[0].at("status").as_int64(), 401);
}

TEST_F(SmsSendTest, InvalidMessageIsPermanentAndNamesTheParameter) {
  ASSERT_TRUE(gateway_.started()) << gateway_.startup_error();
  // vonage_request_body would refuse these; the gateway's own check is what is tested.
  const std::string short_number =
      R"({"message_type":"text","channel":"sms","to":"12345","from":"Stadtwerke","text":"Hallo"})";
  const SmsSendResult result = send_vonage_sms(settings(), short_number);
  EXPECT_FALSE(result.accepted);
  EXPECT_TRUE(result.permanent);
  EXPECT_FALSE(result.in_doubt);
  EXPECT_EQ(result.http_status, 422);
  EXPECT_EQ(result.detail,
            "HTTP 422 Invalid params: The value of one or more parameters is invalid. (to: must be 7 to 15 digits)");
  EXPECT_TRUE(result.recipient_refused);
  EXPECT_FALSE(result.setup_refused);

  const std::string long_ref = body_to("+4915112345678", std::string(100, 'r'));
  ASSERT_FALSE(long_ref.empty());
  std::string too_long = long_ref;
  too_long.replace(too_long.find(std::string(100, 'r')), 100, std::string(101, 'r'));
  const SmsSendResult ref = send_vonage_sms(settings(), too_long);
  EXPECT_TRUE(ref.permanent);
  EXPECT_FALSE(ref.recipient_refused) << "client_ref is not the number";
  EXPECT_EQ(ref.http_status, 422);
  EXPECT_NE(ref.detail.find("client_ref"), std::string::npos) << ref.detail;
  EXPECT_TRUE(send_vonage_sms(settings(), long_ref).accepted) << "100 characters are allowed";
  EXPECT_EQ(requests().size(), 3U);
}

TEST_F(SmsSendTest, RateLimitAndServerErrorAreTemporary) {
  ASSERT_TRUE(gateway_.started()) << gateway_.startup_error();
  const SmsSendResult rate = send_vonage_sms(settings(), body_to("+4915100000429"));
  EXPECT_FALSE(rate.accepted);
  EXPECT_FALSE(rate.permanent);
  EXPECT_FALSE(rate.in_doubt);
  EXPECT_EQ(rate.http_status, 429);
  EXPECT_EQ(rate.detail, "HTTP 429 Rate Limit Hit: Please wait, then retry your request (retry after 7 s)");

  const SmsSendResult error = send_vonage_sms(settings(), body_to("+4915100000500"));
  EXPECT_FALSE(error.accepted);
  EXPECT_FALSE(error.permanent);
  EXPECT_FALSE(error.in_doubt);
  EXPECT_EQ(error.http_status, 500);
  EXPECT_EQ(error.detail, "HTTP 500 Internal Error: Something went wrong.");
  EXPECT_EQ(requests().size(), 2U);
}

TEST_F(SmsSendTest, NoAnswerAfterSendingIsInDoubt) {
  ASSERT_TRUE(gateway_.started()) << gateway_.startup_error();
  auto quick = settings();
  quick.timeout_seconds = 2;
  const auto started = std::chrono::steady_clock::now();
  const SmsSendResult hang = send_vonage_sms(quick, body_to("+4915100000408"));
  const auto waited = std::chrono::steady_clock::now() - started;
  EXPECT_FALSE(hang.accepted);
  EXPECT_FALSE(hang.permanent);
  EXPECT_TRUE(hang.in_doubt) << hang.detail;
  EXPECT_EQ(hang.http_status, 0);
  EXPECT_EQ(hang.detail.rfind("no answer after the request was sent: Timeout was reached", 0), 0U) << hang.detail;
  EXPECT_LT(waited, std::chrono::seconds(6)) << "the timeout bounds the wait";

  const SmsSendResult reset = send_vonage_sms(settings(), body_to("+4915100000444"));
  EXPECT_FALSE(reset.accepted);
  EXPECT_FALSE(reset.permanent);
  EXPECT_TRUE(reset.in_doubt) << reset.detail;
  EXPECT_EQ(reset.http_status, 0);

  // Both requests did reach the gateway: that is why they are in doubt.
  const auto received = requests();
  ASSERT_EQ(received.size(), 2U);
  EXPECT_EQ(received[0].at("status").as_string(), "hang");
  EXPECT_EQ(received[1].at("status").as_string(), "reset");
}

TEST_F(SmsSendTest, ATwoHundredWithoutAUsableUuidIsInDoubt) {
  ASSERT_TRUE(gateway_.started()) << gateway_.startup_error();
  const SmsSendResult bad = send_vonage_sms(settings(), body_to("+4915100000666"));
  EXPECT_FALSE(bad.accepted);
  EXPECT_FALSE(bad.permanent);
  EXPECT_TRUE(bad.in_doubt);
  EXPECT_EQ(bad.http_status, 202);
  EXPECT_TRUE(bad.message_uuid.empty());
  EXPECT_NE(bad.detail.find("without a valid message_uuid"), std::string::npos) << bad.detail;

  // A response larger than 64 KiB is not read to the end.
  const SmsSendResult big = send_vonage_sms(settings(), body_to("+4915100000777"));
  EXPECT_FALSE(big.accepted);
  EXPECT_TRUE(big.in_doubt);
  EXPECT_EQ(big.http_status, 202);
  EXPECT_EQ(big.detail, "the gateway answered 202 but the response could not be read: the response is longer than 65536 bytes");
}

TEST_F(SmsSendTest, RedirectIsNotFollowed) {
  ASSERT_TRUE(gateway_.started()) << gateway_.startup_error();
  const SmsSendResult result = send_vonage_sms(settings(), body_to("+4915100000302"));
  EXPECT_FALSE(result.accepted);
  EXPECT_FALSE(result.permanent);
  EXPECT_FALSE(result.in_doubt);
  EXPECT_EQ(result.http_status, 302);
  EXPECT_EQ(result.detail, "HTTP 302: redirect to http://127.0.0.1:9/v1/messages not followed");
  EXPECT_EQ(requests().size(), 1U);
}

TEST(SmsSend, NothingListeningIsTemporaryAndNotInDoubt) {
  auto settings = SmsGatewaySettings{};
  settings.base_url = "http://127.0.0.1:" + std::to_string(test::unused_loopback_port());
  settings.api_key = kKey;
  settings.api_secret = kSecret;
  const SmsSendResult result = send_vonage_sms(settings, body_to("+4915112345678"));
  EXPECT_FALSE(result.accepted);
  EXPECT_FALSE(result.permanent);
  EXPECT_FALSE(result.in_doubt) << "nothing was sent";
  EXPECT_EQ(result.http_status, 0);
  EXPECT_EQ(result.detail.rfind("the request was not sent: Couldn't connect to server", 0), 0U) << result.detail;
}

TEST(SmsSend, BadSettingsAndBodiesAreRefusedWithoutAConnection) {
  test::LoopbackListener listener;
  ASSERT_GT(listener.port(), 0);
  const std::string body = body_to("+4915112345678");
  auto base = SmsGatewaySettings{};
  base.api_key = kKey;
  base.api_secret = kSecret;
  base.base_url = listener.url("http");

  for (const std::string& url : {listener.url("ftp"), listener.url("file"), std::string("127.0.0.1:1/v1"),
                                 std::string(""), listener.url("http") + "/a b", listener.url("http") + "?x=1",
                                 "http://key:secret@127.0.0.1:" + std::to_string(listener.port())}) {
    auto s = base;
    s.base_url = url;
    const SmsSendResult result = send_vonage_sms(s, body);
    EXPECT_FALSE(result.accepted) << url;
    EXPECT_FALSE(result.permanent) << url << ": settings problems wait for the operator";
    EXPECT_FALSE(result.in_doubt) << url;
    EXPECT_EQ(result.detail.rfind("settings.base_url: ", 0), 0U) << result.detail;
  }
  auto no_secret = base;
  no_secret.api_secret.clear();
  EXPECT_EQ(send_vonage_sms(no_secret, body).detail, "settings.api_key/api_secret: both are required");
  auto no_timeout = base;
  no_timeout.timeout_seconds = 0;
  EXPECT_EQ(send_vonage_sms(no_timeout, body).detail, "settings.timeout_seconds: must be positive");

  for (const std::string& bad : {std::string(""), std::string("[1,2]"), std::string("{\"to\":")}) {
    const SmsSendResult result = send_vonage_sms(base, bad);
    EXPECT_TRUE(result.permanent) << bad;
    EXPECT_EQ(result.detail, "request_body: not a JSON object");
  }
  EXPECT_FALSE(listener.connection_pending()) << "a refused send must not connect";
  EXPECT_EQ(SmsGatewaySettings{}.base_url, "https://api.nexmo.com");
}

}  // namespace
}  // namespace kulanz::channels
