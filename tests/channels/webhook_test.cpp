// Webhooks out: the signature against fixed vectors, and post_webhook against a local
// receiver (webhook_receiver.py) that verifies signatures as docs/WEBHOOKS.md says.
#include "channels/webhook.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <ctime>

#include "server_process.hpp"
#include "test_support.hpp"

namespace kulanz::channels {
namespace {

namespace json = boost::json;

const std::string kSecret = "whsec_test_Kulanz";

std::int64_t now_unix() { return static_cast<std::int64_t>(std::time(nullptr)); }

TEST(WebhookSignature, MatchesVectorsDerivedWithOpenssl) {
  // printf '%s' '1772703000.{...}' | openssl dgst -sha256 -hmac 'whsec_test_Kulanz'
  EXPECT_EQ(webhook_signature(kSecret, 1772703000,
                              R"({"id":"evt_01","type":"message.sent","created":1772703000,"data":{"outbox":"4711"}})"),
            "v1=ba29be961364cd3b476b26e20071477abe7ab6e4c0c39de746d7d5520efc76ce");
  // Non-ASCII in the secret and the body: their UTF-8 bytes are signed.
  EXPECT_EQ(webhook_signature("geheim: ä", 1795417200,
                              R"({"id":"evt_02","type":"message.failed","data":{"name":"Jürgen Weiß","amount":"54.98"}})"),
            "v1=aee1ffbcf28caf3e6620cbacda111f1d17bee0a29e097a5a944e4d0d918681e2");
  EXPECT_EQ(webhook_signature("key", 1772703000, "{}"),
            "v1=0db70159019d4d683e9d941bcee76a1b0169a3090d4e45853f2b08a103d6bd6a");
  // Every input counts.
  const std::string base = webhook_signature("key", 1772703000, "{}");
  EXPECT_NE(webhook_signature("key", 1772703001, "{}"), base);
  EXPECT_NE(webhook_signature("kez", 1772703000, "{}"), base);
  EXPECT_NE(webhook_signature("key", 1772703000, "{ }"), base);
}

class WebhookTest : public ::testing::Test {
 protected:
  WebhookTest() : receiver_("webhook_receiver.py", {"--log", log_.string(), "--secret", kSecret}) {}

  WebhookDelivery delivery(const std::string& path, const std::string& event_id = "evt_7f3c9a1e2b4d") const {
    WebhookDelivery d;
    d.url = "http://127.0.0.1:" + std::to_string(receiver_.port()) + path;
    d.secret = kSecret;
    d.event_id = event_id;
    d.event_type = "message.sent";
    d.timestamp_unix = now_unix();
    d.body = R"({"id":")" + event_id +
             R"(","type":"message.sent","created":1772703000,"data":{"outbox":"4711","customer":"Jürgen Weiß"}})";
    d.timeout_seconds = 10;
    return d;
  }

  std::vector<json::object> deliveries() const {
    std::vector<json::object> out;
    if (!std::filesystem::exists(log_)) return out;
    for (const auto& line : test::file_lines(log_)) out.push_back(json::parse(line).as_object());
    return out;
  }

  static std::string header(const json::object& entry, const char* name) {
    const auto& headers = entry.at("headers").as_object();
    const auto* value = headers.if_contains(name);
    return value ? std::string(value->as_string()) : std::string("(missing)");
  }

  test::ScratchDir scratch_;
  std::filesystem::path log_ = scratch_.path() / "deliveries.jsonl";
  test::ServerProcess receiver_;
};

TEST_F(WebhookTest, DeliveryArrivesSignedWithTheDocumentedHeaders) {
  ASSERT_TRUE(receiver_.started()) << receiver_.startup_error();
  const WebhookDelivery d = delivery("/hook");
  const WebhookResult result = post_webhook(d);
  EXPECT_TRUE(result.delivered) << result.detail;
  EXPECT_FALSE(result.permanent);
  EXPECT_EQ(result.http_status, 200);
  EXPECT_EQ(result.detail, "HTTP 200");

  const auto received = deliveries();
  ASSERT_EQ(received.size(), 1U);
  const auto& r = received[0];
  EXPECT_EQ(r.at("method").as_string(), "POST");
  EXPECT_EQ(r.at("path").as_string(), "/hook");
  EXPECT_TRUE(r.at("verified").as_bool()) << "the receiver's documented check accepts it";
  EXPECT_FALSE(r.at("duplicate").as_bool());
  EXPECT_EQ(r.at("body").as_string(), d.body);
  EXPECT_EQ(test::read_file(log_.string() + ".1.body"), d.body) << "byte for byte";
  EXPECT_EQ(header(r, "Content-Type"), "application/json");
  EXPECT_EQ(header(r, "User-Agent"), "kulanz-webhooks/1");
  EXPECT_EQ(header(r, "X-Kulanz-Event-Id"), "evt_7f3c9a1e2b4d");
  EXPECT_EQ(header(r, "X-Kulanz-Event-Type"), "message.sent");
  EXPECT_EQ(header(r, "X-Kulanz-Timestamp"), std::to_string(d.timestamp_unix));
  EXPECT_EQ(header(r, "X-Kulanz-Signature"), webhook_signature(kSecret, d.timestamp_unix, d.body));
  EXPECT_EQ(header(r, "Expect"), "(missing)");
}

TEST_F(WebhookTest, TheSameEventTwiceIsRecognisedAsADuplicateByTheReceiver) {
  ASSERT_TRUE(receiver_.started()) << receiver_.startup_error();
  WebhookDelivery d = delivery("/hook", "evt_twice");
  EXPECT_TRUE(post_webhook(d).delivered);
  d.timestamp_unix += 1;  // a retry is signed anew
  EXPECT_TRUE(post_webhook(d).delivered);
  EXPECT_TRUE(post_webhook(delivery("/hook", "evt_other")).delivered);
  const auto received = deliveries();
  ASSERT_EQ(received.size(), 3U);
  EXPECT_FALSE(received[0].at("duplicate").as_bool());
  EXPECT_TRUE(received[1].at("duplicate").as_bool());
  EXPECT_FALSE(received[2].at("duplicate").as_bool());
  for (const auto& r : received) EXPECT_TRUE(r.at("verified").as_bool());
}

TEST_F(WebhookTest, ReceiverRefusesAWrongSecretAndAStaleTimestamp) {
  ASSERT_TRUE(receiver_.started()) << receiver_.startup_error();
  WebhookDelivery wrong = delivery("/hook");
  wrong.secret = "whsec_someone_else";
  const WebhookResult refused = post_webhook(wrong);
  EXPECT_FALSE(refused.delivered);
  EXPECT_FALSE(refused.permanent);
  EXPECT_EQ(refused.http_status, 401);
  EXPECT_EQ(refused.detail, R"(HTTP 401: {"error": "invalid signature or timestamp"})");

  WebhookDelivery stale = delivery("/hook");
  stale.timestamp_unix -= 600;  // ten minutes: outside the five-minute tolerance
  const WebhookResult old = post_webhook(stale);
  EXPECT_FALSE(old.delivered);
  EXPECT_EQ(old.http_status, 401);

  WebhookDelivery recent = delivery("/hook");
  recent.timestamp_unix -= 240;  // four minutes: inside
  EXPECT_TRUE(post_webhook(recent).delivered);

  const auto received = deliveries();
  ASSERT_EQ(received.size(), 3U);
  EXPECT_FALSE(received[0].at("verified").as_bool());
  EXPECT_FALSE(received[1].at("verified").as_bool());
  EXPECT_TRUE(received[2].at("verified").as_bool());
}

TEST_F(WebhookTest, GoneIsPermanentEverythingElseTemporary) {
  ASSERT_TRUE(receiver_.started()) << receiver_.startup_error();
  const WebhookResult gone = post_webhook(delivery("/gone"));
  EXPECT_FALSE(gone.delivered);
  EXPECT_TRUE(gone.permanent);
  EXPECT_EQ(gone.http_status, 410);

  const WebhookResult fail = post_webhook(delivery("/fail"));
  EXPECT_FALSE(fail.delivered);
  EXPECT_FALSE(fail.permanent);
  EXPECT_EQ(fail.http_status, 500);
  EXPECT_EQ(fail.detail, "HTTP 500: receiver is down (retry after 30 s)");

  const WebhookResult missing = post_webhook(delivery("/nowhere"));
  EXPECT_FALSE(missing.delivered);
  EXPECT_FALSE(missing.permanent);
  EXPECT_EQ(missing.http_status, 404);

  const WebhookResult redirect = post_webhook(delivery("/redirect"));
  EXPECT_FALSE(redirect.delivered);
  EXPECT_FALSE(redirect.permanent);
  EXPECT_EQ(redirect.http_status, 302);
  EXPECT_EQ(redirect.detail,
            "HTTP 302: redirect to http://127.0.0.1:" + std::to_string(receiver_.port()) + "/hook not followed");

  const auto received = deliveries();
  ASSERT_EQ(received.size(), 4U) << "the redirect was not followed to /hook";
  EXPECT_EQ(received[3].at("path").as_string(), "/redirect");
}

TEST_F(WebhookTest, NoAnswerWithinTheTimeoutIsTemporary) {
  ASSERT_TRUE(receiver_.started()) << receiver_.startup_error();
  WebhookDelivery d = delivery("/hang");
  d.timeout_seconds = 2;
  const auto started = std::chrono::steady_clock::now();
  const WebhookResult result = post_webhook(d);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(6));
  EXPECT_FALSE(result.delivered);
  EXPECT_FALSE(result.permanent);
  EXPECT_EQ(result.http_status, 0);
  EXPECT_EQ(result.detail.rfind("no answer after the request was sent: Timeout was reached", 0), 0U) << result.detail;
  ASSERT_EQ(deliveries().size(), 1U);
  EXPECT_TRUE(deliveries()[0].at("verified").as_bool());
}

TEST_F(WebhookTest, AnOversizedAnswerIsReadOnlyUpToTheBound) {
  ASSERT_TRUE(receiver_.started()) << receiver_.startup_error();
  const WebhookResult result = post_webhook(delivery("/big"));
  EXPECT_TRUE(result.delivered) << "the status line said 200: the receiver has the event";
  EXPECT_EQ(result.http_status, 200);
}

TEST(Webhook, NothingListeningIsTemporary) {
  WebhookDelivery d;
  d.url = "http://127.0.0.1:" + std::to_string(test::unused_loopback_port()) + "/hook";
  d.secret = kSecret;
  d.event_id = "evt_1";
  d.event_type = "run.finished";
  d.timestamp_unix = 1772703000;
  d.body = "{}";
  const WebhookResult result = post_webhook(d);
  EXPECT_FALSE(result.delivered);
  EXPECT_FALSE(result.permanent);
  EXPECT_EQ(result.http_status, 0);
  EXPECT_EQ(result.detail.rfind("not delivered: Couldn't connect to server", 0), 0U) << result.detail;
}

TEST(Webhook, DeliveriesThatCanNeverWorkArePermanentWithoutAConnection) {
  test::LoopbackListener listener;
  ASSERT_GT(listener.port(), 0);
  WebhookDelivery good;
  good.url = listener.url("http") + "/hook";
  good.secret = kSecret;
  good.event_id = "evt_1";
  good.event_type = "message.sent";
  good.timestamp_unix = 1772703000;
  good.body = R"({"id":"evt_1","type":"message.sent","created":1772703000,"data":{}})";

  for (const std::string& url :
       {listener.url("ftp") + "/hook", listener.url("file") + "/hook", listener.url("gopher"), std::string("file:///etc/passwd"),
        std::string("127.0.0.1:1/hook"), std::string(""), std::string("http://"), listener.url("http") + "/a b",
        listener.url("http") + "/hook\r\nX-Evil: 1", "http://user:pw@127.0.0.1:" + std::to_string(listener.port()) + "/",
        listener.url("http") + "/hook#part", std::string("https://exämple.de/hook")}) {
    WebhookDelivery d = good;
    d.url = url;
    const WebhookResult result = post_webhook(d);
    EXPECT_FALSE(result.delivered) << url;
    EXPECT_TRUE(result.permanent) << url;
    EXPECT_EQ(result.http_status, 0);
    EXPECT_EQ(result.detail.rfind("url: ", 0), 0U) << url << " -> " << result.detail;
  }
  auto expect_refused = [](const WebhookDelivery& d, const std::string& field) {
    const WebhookResult result = post_webhook(d);
    EXPECT_FALSE(result.delivered) << field;
    EXPECT_TRUE(result.permanent) << field;
    EXPECT_EQ(result.detail.rfind(field + ": ", 0), 0U) << result.detail;
  };
  WebhookDelivery d = good;
  d.secret.clear();
  expect_refused(d, "secret");
  d = good;
  d.event_type = "message.sent\r\nX-Evil: 1";
  expect_refused(d, "event_type");
  d = good;
  d.event_id = "evt 1";
  expect_refused(d, "event_id");
  d = good;
  d.event_id.clear();
  expect_refused(d, "event_id");
  d = good;
  d.timestamp_unix = 0;
  expect_refused(d, "timestamp_unix");
  d = good;
  d.body = "{\"id\":";
  expect_refused(d, "body");
  d = good;
  d.timeout_seconds = 0;
  expect_refused(d, "timeout_seconds");
  EXPECT_FALSE(listener.connection_pending()) << "nothing may connect";
}

// The fenced block of docs/WEBHOOKS.md that opens with "```<language>" and contains `marker`.
std::string documented_block(const std::string& language, const std::string& marker) {
  const std::string doc = test::read_file(std::string(KULANZ_DOCS_DIR) + "/WEBHOOKS.md");
  const std::string fence = "```" + language + "\n";
  for (std::size_t at = doc.find(fence); at != std::string::npos; at = doc.find(fence, at + 1)) {
    const std::size_t start = at + fence.size();
    const std::size_t end = doc.find("```", start);
    if (end == std::string::npos) break;
    const std::string block = doc.substr(start, end - start);
    if (block.find(marker) != std::string::npos) return block;
  }
  return {};
}

TEST_F(WebhookTest, TheDocumentedRecipesVerifyARecordedDelivery) {
  ASSERT_TRUE(receiver_.started()) << receiver_.startup_error();
  const std::string python = documented_block("python", "def verify_kulanz_signature");
  const std::string shell = documented_block("sh", "openssl dgst");
  ASSERT_FALSE(python.empty()) << "the Python recipe in docs/WEBHOOKS.md";
  ASSERT_FALSE(shell.empty()) << "the shell recipe in docs/WEBHOOKS.md";

  const WebhookDelivery d = delivery("/hook");
  ASSERT_TRUE(post_webhook(d).delivered);
  const auto received = deliveries();
  ASSERT_EQ(received.size(), 1U);
  const std::string timestamp = header(received[0], "X-Kulanz-Timestamp");
  const std::string signature = header(received[0], "X-Kulanz-Signature");
  const std::string body = test::read_file(log_.string() + ".1.body");
  std::string tampered = body;
  tampered[tampered.find("4711")] = '5';

  scratch_.write("recipe.py", python);
  scratch_.write("check.py",
                 "import sys\n"
                 "from recipe import verify_kulanz_signature\n"
                 "secret, timestamp, signature, path = sys.argv[1:5]\n"
                 "print(verify_kulanz_signature(secret.encode(), timestamp, signature, open(path, 'rb').read()))\n");
  const std::string dir = scratch_.path().string();
  for (const auto& [file, expected] : std::vector<std::pair<std::string, std::string>>{{"good.json", "True\n"},
                                                                                       {"bad.json", "False\n"}}) {
    scratch_.write(file, file == "good.json" ? body : tampered);
    const auto run = test::run_command("cd " + test::shell_quote(dir) + " && " + KULANZ_SYSTEM_PYTHON + " check.py " +
                                       test::shell_quote(kSecret) + " " + timestamp + " " + signature + " " + file);
    EXPECT_EQ(run.exit_status, 0);
    EXPECT_EQ(run.out, expected) << "python recipe on " << file;
  }

  scratch_.write("recipe.sh", shell);
  for (const auto& [content, expected] :
       std::vector<std::pair<std::string, std::string>>{{body, "valid\n"}, {tampered, "INVALID\n"}}) {
    scratch_.write("body.json", content);
    const auto run = test::run_command("cd " + test::shell_quote(dir) + " && SECRET=" + test::shell_quote(kSecret) +
                                       " TIMESTAMP=" + timestamp + " SIGNATURE=" + signature + " sh recipe.sh");
    EXPECT_EQ(run.exit_status, 0);
    EXPECT_EQ(run.out, expected) << "shell recipe";
  }
}

}  // namespace
}  // namespace kulanz::channels
