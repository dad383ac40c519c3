// send_smtp against a real SMTP server (aiosmtpd, smtp_sink.py); what arrives is decoded
// back with Python's email package.
#include "channels/smtp.hpp"

#include <gtest/gtest.h>

#include <string>

#include "channels/mime.hpp"
#include "sample_message.hpp"
#include "smtp_sink.hpp"
#include "test_support.hpp"

namespace kulanz::channels {
namespace {

using test::read_file;

// Decodes a stored message with Python's email package (policy.default) and writes each
// decoded value into a file of its own in `out`, UTF-8 or raw bytes.
constexpr const char* kDecodeScript = R"PY(
import email, email.policy, os, sys
path, out = sys.argv[1], sys.argv[2]
with open(path, 'rb') as f:
    msg = email.message_from_bytes(f.read(), policy=email.policy.default)
def put(name, value):
    with open(os.path.join(out, name), 'wb') as f:
        f.write(value if isinstance(value, bytes) else str(value).encode('utf-8'))
put('subject', msg['subject'])
put('from_name', msg['from'].addresses[0].display_name)
put('from_address', msg['from'].addresses[0].addr_spec)
put('to_name', msg['to'].addresses[0].display_name)
put('message_id', msg['message-id'])
put('list_unsubscribe', msg['list-unsubscribe'])
put('list_unsubscribe_post', msg['list-unsubscribe-post'])
put('outbox', msg['x-kulanz-outbox'])
put('text', msg.get_body(('plain',)).get_content())
put('html', msg.get_body(('html',)).get_content())
attachments = list(msg.iter_attachments())
put('attachments', len(attachments))
for i, part in enumerate(attachments):
    put(f'attachment{i}.name', part.get_filename())
    put(f'attachment{i}.type', part.get_content_type())
    put(f'attachment{i}.bin', part.get_content())
defects = []
for part in msg.walk():
    defects += [type(d).__name__ for d in part.defects]
    for _, value in part.items():
        defects += [type(d).__name__ for d in getattr(value, 'defects', [])]
put('defects', ' '.join(defects))
)PY";

class SmtpTest : public ::testing::Test {
 protected:
  SmtpSettings plain_settings(const test::SmtpSink& sink) const {
    SmtpSettings settings;
    settings.url = sink.url();
    settings.tls = SmtpSettings::Tls::none;
    settings.timeout_seconds = 20;
    settings.helo_name = "kulanz.test";
    return settings;
  }

  test::ScratchDir scratch_;
};

TEST_F(SmtpTest, ReminderArrivesAndDecodesToTheOriginalStrings) {
  test::SmtpSink sink(scratch_.path() / "inbox");
  ASSERT_TRUE(sink.started()) << sink.startup_error();
  const EmailMessage message = test::sample_reminder();
  const auto raw = compose_mime(message);
  ASSERT_TRUE(raw.has_value()) << raw.error().to_string();

  const SmtpResult result =
      send_smtp(plain_settings(sink), "bounce+4711@mueller-soehne.example.de", {message.to.address}, *raw);
  ASSERT_TRUE(result.delivered) << result.detail;
  EXPECT_EQ(result.reply_code, 250);
  EXPECT_FALSE(result.permanent);

  const auto received = sink.messages();
  ASSERT_EQ(received.size(), 1U);
  EXPECT_EQ(received[0].mail_from, "bounce+4711@mueller-soehne.example.de");
  EXPECT_EQ(received[0].recipients, std::vector<std::string>{"juergen.weiss@kunde.example.de"});
  // Byte for byte what was composed: lines starting with "." were dot-stuffed on the wire
  // and unstuffed by the server.
  EXPECT_EQ(received[0].raw, *raw);
  EXPECT_NE(received[0].raw.find("\r\n.Diese Zeile beginnt mit einem Punkt.\r\n.\r\nRabatt"), std::string::npos);

  const auto decoded = scratch_.path() / "decoded";
  std::filesystem::create_directories(decoded);
  const auto script = scratch_.write("decode.py", kDecodeScript);
  const auto run = test::run_command(std::string(KULANZ_SYSTEM_PYTHON) + " " + test::shell_quote(script.string()) +
                                     " " + test::shell_quote(received[0].file.string()) + " " +
                                     test::shell_quote(decoded.string()));
  ASSERT_EQ(run.exit_status, 0) << run.out;
  EXPECT_EQ(read_file(decoded / "defects"), "");
  EXPECT_EQ(read_file(decoded / "subject"), "Zahlungserinnerung für Rechnung 2026-1042 – bitte prüfen");
  EXPECT_EQ(read_file(decoded / "from_name"), message.from.name);
  EXPECT_EQ(read_file(decoded / "from_address"), message.from.address);
  EXPECT_EQ(read_file(decoded / "to_name"), "Jürgen Weiß");
  EXPECT_EQ(read_file(decoded / "text"), message.text);
  EXPECT_EQ(read_file(decoded / "html"), message.html);
  EXPECT_EQ(read_file(decoded / "message_id"), message.message_id);
  EXPECT_EQ(read_file(decoded / "list_unsubscribe"),
            "<" + message.list_unsubscribe_url + ">, <mailto:" + message.list_unsubscribe_mailto + ">");
  EXPECT_EQ(read_file(decoded / "list_unsubscribe_post"), "List-Unsubscribe=One-Click");
  EXPECT_EQ(read_file(decoded / "outbox"), "4711");
  ASSERT_EQ(read_file(decoded / "attachments"), "1");
  EXPECT_EQ(read_file(decoded / "attachment0.name"), "Rechnung 2026-1042.pdf");
  EXPECT_EQ(read_file(decoded / "attachment0.type"), "application/pdf");
  EXPECT_EQ(read_file(decoded / "attachment0.bin"), test::tiny_pdf());

  EXPECT_EQ(sink.stop(), 0) << "the sink shuts down cleanly";
}

TEST_F(SmtpTest, NonAsciiAttachmentNameAndSeveralRecipients) {
  test::SmtpSink sink(scratch_.path() / "inbox");
  ASSERT_TRUE(sink.started()) << sink.startup_error();
  auto message = test::sample_reminder();
  message.attachments = {{"Übersicht offener Posten – Müller & Söhne GmbH, Stand 05.03.2026, Seite 1 bis 3.pdf",
                          "application/pdf", test::tiny_pdf()}};
  const auto raw = compose_mime(message);
  ASSERT_TRUE(raw.has_value());
  const SmtpResult result = send_smtp(plain_settings(sink), "", {"a@kunde.example.de", "b@kunde.example.de"}, *raw);
  ASSERT_TRUE(result.delivered) << result.detail;
  const auto received = sink.messages();
  ASSERT_EQ(received.size(), 1U);
  EXPECT_EQ(received[0].mail_from, "<>");  // the null sender
  EXPECT_EQ(received[0].recipients, (std::vector<std::string>{"a@kunde.example.de", "b@kunde.example.de"}));

  const auto decoded = scratch_.path() / "decoded";
  std::filesystem::create_directories(decoded);
  const auto script = scratch_.write("decode.py", kDecodeScript);
  const auto run = test::run_command(std::string(KULANZ_SYSTEM_PYTHON) + " " + test::shell_quote(script.string()) +
                                     " " + test::shell_quote(received[0].file.string()) + " " +
                                     test::shell_quote(decoded.string()));
  ASSERT_EQ(run.exit_status, 0) << run.out;
  EXPECT_EQ(read_file(decoded / "defects"), "");
  EXPECT_EQ(read_file(decoded / "attachment0.name"), message.attachments[0].filename);
  EXPECT_EQ(read_file(decoded / "attachment0.bin"), test::tiny_pdf());
}

TEST_F(SmtpTest, RecipientRejectedWith550IsPermanent) {
  test::SmtpSink sink(scratch_.path() / "inbox", {.reject_550 = {"gone@kunde.example.de"}, .reject_451 = {}});
  ASSERT_TRUE(sink.started()) << sink.startup_error();
  const auto raw = compose_mime(test::sample_reminder());
  ASSERT_TRUE(raw.has_value());
  const SmtpResult result = send_smtp(plain_settings(sink), "bounce@example.de", {"gone@kunde.example.de"}, *raw);
  EXPECT_FALSE(result.delivered);
  EXPECT_TRUE(result.permanent) << result.detail;
  EXPECT_TRUE(result.recipient_refused) << result.detail;
  EXPECT_FALSE(result.setup_refused) << result.detail;
  EXPECT_EQ(result.reply_code, 550) << result.detail;
  EXPECT_NE(result.detail.find("550"), std::string::npos) << result.detail;
  EXPECT_TRUE(sink.messages().empty());
}

TEST_F(SmtpTest, SenderRefusedIsTheAccountsProblemNotTheRecipients) {
  test::SmtpSink sink(scratch_.path() / "inbox",
                      {.reject_550 = {}, .reject_451 = {}, .reject_sender_553 = {"bounce@example.de"}});
  ASSERT_TRUE(sink.started()) << sink.startup_error();
  const auto raw = compose_mime(test::sample_reminder());
  ASSERT_TRUE(raw.has_value());
  const SmtpResult result = send_smtp(plain_settings(sink), "bounce@example.de", {"erika@kunde.example.de"}, *raw);
  EXPECT_FALSE(result.delivered);
  EXPECT_TRUE(result.permanent) << result.detail;
  EXPECT_TRUE(result.setup_refused) << result.detail;
  EXPECT_FALSE(result.recipient_refused) << result.detail;
  EXPECT_EQ(result.reply_code, 553) << result.detail;
  EXPECT_TRUE(sink.messages().empty());
}

TEST_F(SmtpTest, RecipientRejectedWith451IsTemporary) {
  test::SmtpSink sink(scratch_.path() / "inbox", {.reject_550 = {}, .reject_451 = {"busy@kunde.example.de"}});
  ASSERT_TRUE(sink.started()) << sink.startup_error();
  const auto raw = compose_mime(test::sample_reminder());
  ASSERT_TRUE(raw.has_value());
  const SmtpResult result = send_smtp(plain_settings(sink), "bounce@example.de", {"busy@kunde.example.de"}, *raw);
  EXPECT_FALSE(result.delivered);
  EXPECT_FALSE(result.permanent) << result.detail;
  EXPECT_EQ(result.reply_code, 451) << result.detail;
  EXPECT_TRUE(sink.messages().empty());
}

TEST_F(SmtpTest, NothingListeningIsTemporaryWithAClearDetail) {
  SmtpSettings settings;
  settings.url = "smtp://127.0.0.1:" + std::to_string(test::unused_loopback_port());
  settings.tls = SmtpSettings::Tls::none;
  settings.timeout_seconds = 10;
  const SmtpResult result = send_smtp(settings, "bounce@example.de", {"a@kunde.example.de"}, "Subject: x\r\n\r\nx\r\n");
  EXPECT_FALSE(result.delivered);
  EXPECT_FALSE(result.permanent);
  EXPECT_EQ(result.reply_code, 0);
  EXPECT_NE(result.detail.find("connect"), std::string::npos) << result.detail;
}

TEST_F(SmtpTest, StarttlsRequiredButNotOfferedIsTemporaryAndSendsNothing) {
  test::SmtpSink sink(scratch_.path() / "inbox");
  ASSERT_TRUE(sink.started()) << sink.startup_error();
  auto settings = plain_settings(sink);
  settings.tls = SmtpSettings::Tls::starttls_required;
  const auto raw = compose_mime(test::sample_reminder());
  ASSERT_TRUE(raw.has_value());
  const SmtpResult refused = send_smtp(settings, "bounce@example.de", {"a@kunde.example.de"}, *raw);
  EXPECT_FALSE(refused.delivered);
  EXPECT_FALSE(refused.permanent) << refused.detail;
  EXPECT_NE(refused.detail.find("SSL"), std::string::npos) << refused.detail;
  EXPECT_TRUE(sink.messages().empty());

  settings.tls = SmtpSettings::Tls::starttls_if_offered;
  const SmtpResult sent = send_smtp(settings, "bounce@example.de", {"a@kunde.example.de"}, *raw);
  EXPECT_TRUE(sent.delivered) << sent.detail;
  EXPECT_EQ(sink.messages().size(), 1U);
}

TEST_F(SmtpTest, BadAddressesAreRefusedBeforeAnyConnection) {
  test::LoopbackListener listener;
  SmtpSettings settings;
  settings.url = "smtp://127.0.0.1:" + std::to_string(listener.port());
  settings.tls = SmtpSettings::Tls::none;
  settings.timeout_seconds = 5;
  const std::string raw = "Subject: x\r\n\r\nx\r\n";
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"bounce@example.de", "a@kunde.example.de>\r\nRCPT TO:<victim@example.de"},
           {"bounce@example.de", "Jürgen Weiß <j@kunde.example.de>"},
           {"bounce@example.de\r\nRSET", "a@kunde.example.de"},
           {"bounce@example.de", "a@kunde.example.de, b@kunde.example.de"}}) {
    const SmtpResult result = send_smtp(settings, from, {to}, raw);
    EXPECT_FALSE(result.delivered);
    EXPECT_TRUE(result.permanent) << result.detail;
    EXPECT_EQ(result.reply_code, 0);
    EXPECT_NE(result.detail.find("local@domain"), std::string::npos) << result.detail;
  }
  const SmtpResult none = send_smtp(settings, "bounce@example.de", {}, raw);
  EXPECT_FALSE(none.delivered);
  EXPECT_TRUE(none.permanent);
  EXPECT_FALSE(listener.connection_pending()) << "a refused send must not connect";

  // Injection in the subject never gets as far as sending: there are no bytes to send.
  auto message = test::sample_reminder();
  message.subject = "Mahnung\r\nBcc: victim@example.de";
  const auto composed = compose_mime(message);
  ASSERT_FALSE(composed.has_value());
  EXPECT_EQ(composed.error().field, "subject");
}

TEST_F(SmtpTest, InvalidSettingsAreTemporaryAndDoNotConnect) {
  test::LoopbackListener listener;
  SmtpSettings settings;
  settings.tls = SmtpSettings::Tls::none;
  for (const std::string& url : std::vector<std::string>{std::string("http://127.0.0.1:") + std::to_string(listener.port()), std::string(""),
                                "smtp://127.0.0.1:" + std::to_string(listener.port()) + " x"}) {
    settings.url = url;
    const SmtpResult result = send_smtp(settings, "bounce@example.de", {"a@kunde.example.de"}, "x\r\n");
    EXPECT_FALSE(result.delivered);
    EXPECT_FALSE(result.permanent) << url;
    EXPECT_NE(result.detail.find("settings.url"), std::string::npos) << result.detail;
  }
  settings.url = "smtp://127.0.0.1:" + std::to_string(listener.port());
  settings.helo_name = "bad name\r\nRSET";
  const SmtpResult result = send_smtp(settings, "bounce@example.de", {"a@kunde.example.de"}, "x\r\n");
  EXPECT_NE(result.detail.find("settings.helo_name"), std::string::npos) << result.detail;
  EXPECT_FALSE(listener.connection_pending());
}

}  // namespace
}  // namespace kulanz::channels
