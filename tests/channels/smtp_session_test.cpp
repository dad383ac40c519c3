// SmtpSession against a real SMTP server (aiosmtpd, smtp_sink.py): several messages over
// one connection, failures in between, and a server that goes away and comes back.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "channels/mime.hpp"
#include "channels/smtp.hpp"
#include "sample_message.hpp"
#include "smtp_sink.hpp"
#include "test_support.hpp"

namespace kulanz::channels {
namespace {

// The sample reminder, made distinct per number (subject, Message-ID, outbox header).
std::string reminder_bytes(int number) {
  auto message = test::sample_reminder();
  message.subject += " (" + std::to_string(number) + ")";
  message.message_id = "<20260305093000." + std::to_string(4700 + number) + "@mueller-soehne.example.de>";
  message.extra_headers = {{"X-Kulanz-Outbox", std::to_string(4700 + number)}};
  auto raw = compose_mime(message);
  return raw ? *raw : std::string();
}

class SmtpSessionTest : public ::testing::Test {
 protected:
  static SmtpSettings plain_settings(int port) {
    SmtpSettings settings;
    settings.url = "smtp://127.0.0.1:" + std::to_string(port);
    settings.tls = SmtpSettings::Tls::none;
    settings.timeout_seconds = 20;
    settings.helo_name = "kulanz.test";
    return settings;
  }

  test::ScratchDir scratch_;
};

TEST_F(SmtpSessionTest, SeveralMessagesTravelOverOneConnectionByteForByte) {
  test::SmtpSink sink(scratch_.path() / "inbox");
  ASSERT_TRUE(sink.started()) << sink.startup_error();
  std::vector<std::string> sent;
  {
    SmtpSession session(plain_settings(sink.port()));
    for (int number = 1; number <= 4; ++number) {
      sent.push_back(reminder_bytes(number));
      ASSERT_FALSE(sent.back().empty());
      const std::string to = "kunde" + std::to_string(number) + "@kunde.example.de";
      const SmtpResult result = session.send("bounce+" + std::to_string(number) + "@mueller-soehne.example.de",
                                             {to}, sent.back());
      ASSERT_TRUE(result.delivered) << result.detail;
      EXPECT_FALSE(result.permanent);
      EXPECT_EQ(result.reply_code, 250);
      EXPECT_EQ(result.detail, "accepted with reply 250");
    }
    // send returned after the reply to DATA: the connection is still open, nothing said QUIT.
    EXPECT_EQ(sink.connections(), 1);
    EXPECT_EQ(sink.quits(), 0);
  }
  EXPECT_EQ(sink.quits(), 1) << "the session's destructor says QUIT";
  EXPECT_EQ(sink.connections(), 1);

  const auto received = sink.messages();
  ASSERT_EQ(received.size(), 4U);
  for (std::size_t i = 0; i < received.size(); ++i) {
    const std::string number = std::to_string(i + 1);
    EXPECT_EQ(received[i].raw, sent[i]) << "message " << number;
    EXPECT_EQ(received[i].mail_from, "bounce+" + number + "@mueller-soehne.example.de");
    EXPECT_EQ(received[i].recipients, std::vector<std::string>{"kunde" + number + "@kunde.example.de"});
    EXPECT_EQ(received[i].connection, 1) << "message " << number;
    EXPECT_EQ(received[i].peer, received[0].peer) << "the same client port throughout";
  }
  EXPECT_EQ(received[0].peer.rfind("127.0.0.1:", 0), 0U) << received[0].peer;
  EXPECT_EQ(sink.stop(), 0);
}

TEST_F(SmtpSessionTest, FailuresInTheMiddleDoNotBreakTheFollowingMessages) {
  test::SmtpSink sink(scratch_.path() / "inbox",
                      {.reject_550 = {"gone@kunde.example.de"}, .reject_451 = {"busy@kunde.example.de"}});
  ASSERT_TRUE(sink.started()) << sink.startup_error();
  SmtpSession session(plain_settings(sink.port()));
  const std::string raw = reminder_bytes(1);

  auto send_to = [&](const std::string& to) { return session.send("bounce@mueller-soehne.example.de", {to}, raw); };
  EXPECT_TRUE(send_to("a@kunde.example.de").delivered);
  EXPECT_TRUE(send_to("b@kunde.example.de").delivered);

  const SmtpResult busy = send_to("busy@kunde.example.de");
  EXPECT_FALSE(busy.delivered);
  EXPECT_FALSE(busy.permanent) << busy.detail;
  EXPECT_EQ(busy.reply_code, 451) << busy.detail;

  const SmtpResult c = send_to("c@kunde.example.de");
  EXPECT_TRUE(c.delivered) << c.detail;
  EXPECT_EQ(c.detail, "accepted with reply 250") << "a new connection after a failure is not a retry";

  const SmtpResult gone = send_to("gone@kunde.example.de");
  EXPECT_FALSE(gone.delivered);
  EXPECT_TRUE(gone.permanent) << gone.detail;
  EXPECT_EQ(gone.reply_code, 550) << gone.detail;

  // Refused before anything is sent: the open connection is not disturbed.
  const SmtpResult bad = send_to("not an address");
  EXPECT_FALSE(bad.delivered);
  EXPECT_TRUE(bad.permanent);
  EXPECT_EQ(bad.reply_code, 0);

  EXPECT_TRUE(send_to("d@kunde.example.de").delivered);
  EXPECT_TRUE(send_to("e@kunde.example.de").delivered);

  const auto received = sink.messages();
  ASSERT_EQ(received.size(), 5U);
  const std::vector<std::string> expected_to{"a@kunde.example.de", "b@kunde.example.de", "c@kunde.example.de",
                                             "d@kunde.example.de", "e@kunde.example.de"};
  // libcurl closes the connection after a failed transaction (QUIT); the next message
  // opens a new one, and messages after that share it again.
  const std::vector<int> expected_connection{1, 1, 2, 3, 3};
  for (std::size_t i = 0; i < received.size(); ++i) {
    EXPECT_EQ(received[i].recipients, std::vector<std::string>{expected_to[i]});
    EXPECT_EQ(received[i].raw, raw);
    EXPECT_EQ(received[i].connection, expected_connection[i]) << expected_to[i];
  }
  EXPECT_EQ(sink.connections(), 3);
  EXPECT_EQ(sink.quits(), 2) << "each failed transaction's connection was closed with QUIT";
}

TEST_F(SmtpSessionTest, ServerRestartedBetweenMessagesNextSendSucceedsOnANewConnection) {
  const int port = test::unused_loopback_port();
  SmtpSession session(plain_settings(port));
  const std::string first = reminder_bytes(1);
  const std::string second = reminder_bytes(2);
  const std::string third = reminder_bytes(3);
  {
    test::SmtpSink sink(scratch_.path() / "before", {.port = port});
    ASSERT_TRUE(sink.started()) << sink.startup_error();
    const SmtpResult result = session.send("bounce@mueller-soehne.example.de", {"a@kunde.example.de"}, first);
    ASSERT_TRUE(result.delivered) << result.detail;
    ASSERT_EQ(sink.messages().size(), 1U);
    EXPECT_EQ(sink.stop(), 0) << "the server goes away while the session's connection is open";
  }
  test::SmtpSink sink(scratch_.path() / "after", {.port = port});
  ASSERT_TRUE(sink.started()) << sink.startup_error();

  // The server closed the connection when it stopped; libcurl sees the end of the stream
  // before reusing the cached connection and opens a new one: delivered at once.
  const SmtpResult result = session.send("bounce@mueller-soehne.example.de", {"b@kunde.example.de"}, second);
  EXPECT_TRUE(result.delivered) << result.detail;
  EXPECT_EQ(result.reply_code, 250);
  EXPECT_EQ(result.detail, "accepted with reply 250") << "no failed attempt on the dead connection";
  const SmtpResult next = session.send("bounce@mueller-soehne.example.de", {"c@kunde.example.de"}, third);
  EXPECT_TRUE(next.delivered) << next.detail;

  const auto received = sink.messages();
  ASSERT_EQ(received.size(), 2U);
  EXPECT_EQ(received[0].raw, second);
  EXPECT_EQ(received[1].raw, third);
  EXPECT_EQ(received[0].connection, 1);
  EXPECT_EQ(received[1].connection, 1);
  EXPECT_EQ(sink.connections(), 1);
}

TEST_F(SmtpSessionTest, ConnectionClosedWith421WhileIdleIsReplacedWithoutLosingTheMessage) {
  test::SmtpSink sink(scratch_.path() / "inbox", {.idle_timeout_seconds = 1});
  ASSERT_TRUE(sink.started()) << sink.startup_error();
  SmtpSession session(plain_settings(sink.port()));
  const std::string first = reminder_bytes(1);
  const std::string second = reminder_bytes(2);
  ASSERT_TRUE(session.send("bounce@mueller-soehne.example.de", {"a@kunde.example.de"}, first).delivered);

  // The server says "421 Idle timeout" and closes. The bytes wait in the socket, so the
  // connection looks alive to libcurl; the session sees the 421 before DATA and sends
  // again on a new connection.
  std::this_thread::sleep_for(std::chrono::milliseconds(1800));
  const SmtpResult result = session.send("bounce@mueller-soehne.example.de", {"b@kunde.example.de"}, second);
  ASSERT_TRUE(result.delivered) << result.detail;
  EXPECT_EQ(result.reply_code, 250);
  EXPECT_NE(result.detail.find("on a new connection"), std::string::npos) << result.detail;
  EXPECT_NE(result.detail.find("421"), std::string::npos) << result.detail;

  const auto received = sink.messages();
  ASSERT_EQ(received.size(), 2U) << "each message exactly once";
  EXPECT_EQ(received[0].raw, first);
  EXPECT_EQ(received[1].raw, second);
  EXPECT_EQ(received[0].connection, 1);
  EXPECT_EQ(received[1].connection, 2);
  EXPECT_EQ(sink.connections(), 2);
}

TEST_F(SmtpSessionTest, NothingListeningIsTemporaryAndTheSessionConnectsOnceTheServerIsThere) {
  const int port = test::unused_loopback_port();
  SmtpSession session(plain_settings(port));
  const std::string raw = reminder_bytes(1);
  const SmtpResult down = session.send("bounce@mueller-soehne.example.de", {"a@kunde.example.de"}, raw);
  EXPECT_FALSE(down.delivered);
  EXPECT_FALSE(down.permanent);
  EXPECT_EQ(down.reply_code, 0);
  EXPECT_NE(down.detail.find("connect"), std::string::npos) << down.detail;
  EXPECT_EQ(down.detail.find("on a new connection"), std::string::npos) << "a failed connect is not retried";

  test::SmtpSink sink(scratch_.path() / "inbox", {.port = port});
  ASSERT_TRUE(sink.started()) << sink.startup_error();
  const SmtpResult up = session.send("bounce@mueller-soehne.example.de", {"a@kunde.example.de"}, raw);
  EXPECT_TRUE(up.delivered) << up.detail;
  ASSERT_EQ(sink.messages().size(), 1U);
  EXPECT_EQ(sink.messages()[0].raw, raw);
}

TEST_F(SmtpSessionTest, RefusalsMatchSendSmtpAndNeverConnect) {
  test::LoopbackListener listener;
  ASSERT_GT(listener.port(), 0);
  SmtpSession session(plain_settings(listener.port()));
  const std::string raw = "Subject: x\r\n\r\nx\r\n";
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"bounce@example.de", "a@kunde.example.de>\r\nRCPT TO:<victim@example.de"},
           {"bounce@example.de\r\nRSET", "a@kunde.example.de"}}) {
    const SmtpResult by_session = session.send(from, {to}, raw);
    const SmtpResult one_shot = send_smtp(plain_settings(listener.port()), from, {to}, raw);
    EXPECT_FALSE(by_session.delivered);
    EXPECT_TRUE(by_session.permanent);
    EXPECT_EQ(by_session.reply_code, 0);
    EXPECT_EQ(by_session.detail, one_shot.detail);
    EXPECT_EQ(by_session.permanent, one_shot.permanent);
  }
  const SmtpResult none = session.send("bounce@example.de", {}, raw);
  EXPECT_TRUE(none.permanent);
  EXPECT_EQ(none.detail, "recipients: at least one recipient is required");

  auto bad = plain_settings(listener.port());
  bad.url = "http://127.0.0.1:" + std::to_string(listener.port());
  SmtpSession misconfigured(bad);
  const SmtpResult result = misconfigured.send("bounce@example.de", {"a@kunde.example.de"}, raw);
  EXPECT_FALSE(result.delivered);
  EXPECT_FALSE(result.permanent) << "settings problems wait for the operator";
  EXPECT_EQ(result.detail, "settings.url: the SMTP URL must be smtp://host:port or smtps://host:port");
  EXPECT_FALSE(listener.connection_pending()) << "a refused send must not connect";
}

}  // namespace
}  // namespace kulanz::channels
