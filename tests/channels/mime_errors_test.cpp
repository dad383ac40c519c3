// compose_mime refuses what could inject headers or is not a message: the error names the field.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "channels/mime.hpp"
#include "sample_message.hpp"

namespace kulanz::channels {
namespace {

using base::ErrorCode;

void expect_error(const EmailMessage& message, ErrorCode code, const std::string& field) {
  const auto composed = compose_mime(message);
  ASSERT_FALSE(composed.has_value()) << "composed although " << field << " is wrong";
  EXPECT_EQ(composed.error().code, code) << composed.error().to_string();
  EXPECT_EQ(composed.error().field, field) << composed.error().to_string();
  EXPECT_FALSE(composed.error().detail.empty());
}

TEST(ComposeMimeErrors, LineBreaksInHeaderTextAreRefused) {
  for (const std::string& injected : std::vector<std::string>{"Hallo\r\nBcc: victim@example.de", "Hallo\nBcc: victim@example.de", "Hallo\r"}) {
    auto message = test::sample_reminder();
    message.subject = injected;
    expect_error(message, ErrorCode::invalid_argument, "subject");
    message = test::sample_reminder();
    message.from.name = injected;
    expect_error(message, ErrorCode::invalid_argument, "from.name");
    message = test::sample_reminder();
    message.reply_to->name = injected;
    expect_error(message, ErrorCode::invalid_argument, "reply_to.name");
    message = test::sample_reminder();
    message.extra_headers.push_back({"X-Note", injected});
    expect_error(message, ErrorCode::invalid_argument, "extra_headers[1]");
    message = test::sample_reminder();
    message.attachments[0].filename = injected;
    expect_error(message, ErrorCode::invalid_argument, "attachments[0].filename");
  }
  auto message = test::sample_reminder();
  message.subject = std::string("Null\0Byte", 9);
  expect_error(message, ErrorCode::invalid_argument, "subject");
}

TEST(ComposeMimeErrors, AddressesMustBePlainLocalAtDomain) {
  for (const std::string& bad : std::vector<std::string>
       {"juergen weiss@example.de", "<juergen@example.de>", "a@example.de, b@example.de", "Jürgen <j@example.de>",
        "no-at-sign.example.de", "a@b@example.de", "a@localhost", "a@example..de", ".a@example.de", "a.@example.de",
        "a@-example.de", "a@example.de\r\nRCPT TO:<x@example.de>", "a@example.de>", "\"quoted\"@example.de",
        "jürgen@example.de", std::string(65, 'a') + "@example.de"}) {
    auto message = test::sample_reminder();
    message.to.address = bad;
    expect_error(message, ErrorCode::email_invalid, "to.address");
  }
  auto message = test::sample_reminder();
  message.from.address = "mahnung@example";
  expect_error(message, ErrorCode::email_invalid, "from.address");
  message = test::sample_reminder();
  message.reply_to->address = "";
  expect_error(message, ErrorCode::required_missing, "reply_to.address");
  message = test::sample_reminder();
  message.list_unsubscribe_mailto = "mailto:not an address";
  expect_error(message, ErrorCode::email_invalid, "list_unsubscribe_mailto");
}

TEST(ComposeMimeErrors, InvalidUtf8IsRefused) {
  auto message = test::sample_reminder();
  message.text = "Gr\xFC\xDF" "e";  // Latin-1, not UTF-8
  expect_error(message, ErrorCode::invalid_argument, "text");
  message = test::sample_reminder();
  message.html = "<p>\xC3</p>";
  expect_error(message, ErrorCode::invalid_argument, "html");
  message = test::sample_reminder();
  message.subject = "M\xFCller";
  expect_error(message, ErrorCode::invalid_argument, "subject");
  message = test::sample_reminder();
  message.to.name = "\xED\xA0\x80";  // a UTF-16 surrogate
  expect_error(message, ErrorCode::invalid_argument, "to.name");
}

TEST(ComposeMimeErrors, RequiredFields) {
  auto message = test::sample_reminder();
  message.subject.clear();
  expect_error(message, ErrorCode::required_missing, "subject");
  message = test::sample_reminder();
  message.text.clear();
  expect_error(message, ErrorCode::required_missing, "text");
  message = test::sample_reminder();
  message.message_id.clear();
  expect_error(message, ErrorCode::required_missing, "message_id");
  message = test::sample_reminder();
  message.attachments[0].filename.clear();
  expect_error(message, ErrorCode::required_missing, "attachments[0].filename");
}

TEST(ComposeMimeErrors, MalformedValues) {
  for (const std::string& bad : std::vector<std::string>{"20260305@example.de", "<no-at-sign>", "<a b@example.de>", "<a@example.de>\r\nX: y",
                                "<@example.de>", "<" + std::string(70, 'x') + "@example.de>"}) {
    auto message = test::sample_reminder();
    message.message_id = bad;
    expect_error(message, ErrorCode::invalid_argument, "message_id");
  }
  for (const std::string& bad : std::vector<std::string>{"http://portal.example.de/u/1", "https://", "https://portal.example.de/u/1 x",
                                "https://portal.example.de/u/1>,<https://evil.example"}) {
    auto message = test::sample_reminder();
    message.list_unsubscribe_url = bad;
    expect_error(message, ErrorCode::invalid_argument, "list_unsubscribe_url");
  }
  for (const std::string& bad : std::vector<std::string>{"pdf", "application/pdf; name=x", "application/", "text/plain\r\nX: y"}) {
    auto message = test::sample_reminder();
    message.attachments[0].content_type = bad;
    expect_error(message, ErrorCode::invalid_argument, "attachments[0].content_type");
  }
  for (const std::string& bad : std::vector<std::string>{"Subject", "bcc", "Content-Type", "X Note", "X:Note", ""}) {
    auto message = test::sample_reminder();
    message.extra_headers.push_back({bad, "value"});
    expect_error(message, ErrorCode::invalid_argument, "extra_headers[1]");
  }
  auto message = test::sample_reminder();
  message.date_unix = -1;
  expect_error(message, ErrorCode::invalid_argument, "date_unix");
  message.date_unix = 253402300800;
  expect_error(message, ErrorCode::invalid_argument, "date_unix");
}

}  // namespace
}  // namespace kulanz::channels
