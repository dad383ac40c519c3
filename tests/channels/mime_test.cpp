// compose_mime: the bytes of a known message where they matter, and the layout rules.
#include "channels/mime.hpp"

#include <gtest/gtest.h>

#include <string>

#include "sample_message.hpp"
#include "test_support.hpp"

namespace kulanz::channels {
namespace {

std::string compose(const EmailMessage& message) {
  auto composed = compose_mime(message);
  EXPECT_TRUE(composed.has_value()) << (composed ? "" : composed.error().to_string() + " " + composed.error().field);
  return composed ? *composed : std::string();
}

std::string header_block(const std::string& raw) { return raw.substr(0, raw.find("\r\n\r\n") + 2); }

TEST(ComposeMime, HeadersOfTheSampleReminder) {
  const std::string raw = compose(test::sample_reminder());
  EXPECT_EQ(header_block(raw),
            "Date: Thu, 05 Mar 2026 09:30:00 +0000\r\n"
            "From: =?utf-8?Q?M=C3=BCller?= & =?utf-8?B?U8O2aG5l?= GmbH =?utf-8?B?4oCT?=\r\n"
            " Forderungsmanagement <mahnung@mueller-soehne.example.de>\r\n"
            "To: =?utf-8?B?SsO8cmdlbiBXZWnDnw==?= <juergen.weiss@kunde.example.de>\r\n"
            "Reply-To: Buchhaltung <buchhaltung@mueller-soehne.example.de>\r\n"
            "Subject: =?utf-8?Q?Zahlungserinnerung_f=C3=BCr_Rechnung_2026-1042_=E2=80=93_?=\r\n"
            " =?utf-8?Q?bitte_pr=C3=BCfen?=\r\n"
            "Message-ID: <20260305093000.4711@mueller-soehne.example.de>\r\n"
            "List-Unsubscribe: <https://portal.example.de/u/3kJ9xQ?list=reminders>,\r\n"
            " <mailto:unsubscribe@mueller-soehne.example.de?subject=unsubscribe-3kJ9xQ>\r\n"
            "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
            "X-Kulanz-Outbox: 4711\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: multipart/mixed; boundary=\"=_kulanz_mixed_174e1370a568015a\"\r\n");
}

TEST(ComposeMime, TextPartIsQuotedPrintableWithSoftBreaks) {
  const std::string raw = compose(test::sample_reminder());
  const std::string expected =
      "--=_kulanz_alt_174e1370a568015a\r\n"
      "Content-Type: text/plain; charset=utf-8\r\n"
      "Content-Transfer-Encoding: quoted-printable\r\n"
      "\r\n"
      "Sehr geehrter Herr Wei=C3=9F,\r\n"
      "\r\n"
      "f=C3=BCr die Rechnung 2026-1042 =C3=BCber 1.234,56 =E2=82=AC konnten wir no=\r\n"
      "ch keinen Zahlungseingang feststellen; bitte =C3=BCberweisen Sie den Betrag=\r\n"
      " bis zum 20.03.2026.\r\n"
      ".Diese Zeile beginnt mit einem Punkt.\r\n"
      ".\r\n"
      "Rabatt =3D 2 % bei Zahlung binnen 7 Tagen.  =20\r\n"
      "\r\n"
      "Mit freundlichen Gr=C3=BC=C3=9Fen\r\n"
      "M=C3=BCller & S=C3=B6hne GmbH\r\n"
      "\r\n"
      "--=_kulanz_alt_174e1370a568015a\r\n"
      "Content-Type: text/html; charset=utf-8\r\n"
      "Content-Transfer-Encoding: quoted-printable\r\n"
      "\r\n"
      "<!DOCTYPE html>\r\n";
  EXPECT_NE(raw.find(expected), std::string::npos) << raw;
}

TEST(ComposeMime, AttachmentIsBase64In76CharacterLines) {
  const std::string raw = compose(test::sample_reminder());
  const std::string head =
      "--=_kulanz_mixed_174e1370a568015a\r\n"
      "Content-Type: application/pdf; name=\"Rechnung 2026-1042.pdf\"\r\n"
      "Content-Transfer-Encoding: base64\r\n"
      "Content-Disposition: attachment; filename=\"Rechnung 2026-1042.pdf\"\r\n"
      "\r\n"
      "JVBERi0xLjQKJeLjz9MKMSAwIG9iago8PCAvVHlwZSAvQ2F0YWxvZyAvUGFnZXMgMiAwIFIgPj4K\r\n";
  const auto start = raw.find(head);
  ASSERT_NE(start, std::string::npos) << raw;
  const auto body_start = raw.find("\r\n\r\n", start) + 4;
  const auto end = raw.find("\r\n--=_kulanz_mixed_174e1370a568015a--\r\n", body_start);
  ASSERT_NE(end, std::string::npos);
  EXPECT_EQ(end + 39, raw.size()) << "the closing delimiter ends the message";
  const auto lines = test::crlf_lines(raw.substr(body_start, end - body_start));
  const std::size_t pdf_size = test::tiny_pdf().size();
  ASSERT_EQ(lines.size(), (pdf_size + 56) / 57);
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) EXPECT_EQ(lines[i].size(), 76U) << i;
  EXPECT_EQ(lines.back(), "dGFydHhyZWYKNDA2CiUlRU9GCgAB/w==");
}

TEST(ComposeMime, SameMessageSameBytesAndBoundariesFollowTheMessageId) {
  const auto message = test::sample_reminder();
  EXPECT_EQ(compose(message), compose(message));
  auto other = message;
  other.message_id = "<20260305093000.4712@mueller-soehne.example.de>";
  const std::string raw = compose(other);
  EXPECT_EQ(raw.find("174e1370a568015a"), std::string::npos);
  EXPECT_NE(raw.find("boundary=\"=_kulanz_mixed_"), std::string::npos);
}

TEST(ComposeMime, EveryLineIsCrlfTerminatedSevenBitAndWithinItsLimit) {
  auto message = test::sample_reminder();
  message.attachments.push_back({"Übersicht offener Posten – Müller & Söhne GmbH, Stand 05.03.2026, Seite 1 bis 3.pdf",
                                 "application/pdf", std::string(1000, '\x7F')});
  const std::string raw = compose(message);
  ASSERT_GE(raw.size(), 2U);
  EXPECT_EQ(raw.substr(raw.size() - 2), "\r\n");
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const auto c = static_cast<unsigned char>(raw[i]);
    ASSERT_LT(c, 0x80) << "byte " << i;
    if (c == '\n') {
      ASSERT_TRUE(i > 0 && raw[i - 1] == '\r') << "bare LF at " << i;
    }
    if (c == '\r') {
      ASSERT_TRUE(i + 1 < raw.size() && raw[i + 1] == '\n') << "bare CR at " << i;
    }
  }
  // Header lines at most 78 characters; body lines (quoted-printable, base64) at most 76,
  // checked on the encoders and the attachment above.
  for (const auto& line : test::crlf_lines(raw)) EXPECT_LE(line.size(), 78U) << line;
  EXPECT_NE(raw.find("Content-Disposition: attachment;\r\n filename*0*=utf-8''%C3%9Cbersicht"), std::string::npos)
      << raw;
}

TEST(ComposeMime, NonAsciiFileNameUsesRfc2231) {
  auto message = test::sample_reminder();
  message.attachments = {{"Mahnung Müller.pdf", "", "%PDF"}};
  const std::string raw = compose(message);
  EXPECT_NE(raw.find("Content-Type: application/octet-stream; name*=utf-8''Mahnung%20M%C3%BCller.pdf\r\n"),
            std::string::npos)
      << raw;
  EXPECT_NE(raw.find("Content-Disposition: attachment; filename*=utf-8''Mahnung%20M%C3%BCller.pdf\r\n"),
            std::string::npos)
      << raw;
}

TEST(ComposeMime, WithoutAttachmentsTheTopLevelIsTheAlternative) {
  auto message = test::sample_reminder();
  message.attachments.clear();
  const std::string raw = compose(message);
  EXPECT_EQ(raw.find("multipart/mixed"), std::string::npos);
  EXPECT_NE(raw.find("MIME-Version: 1.0\r\nContent-Type: multipart/alternative;"), std::string::npos);
  const std::string end = "\r\n--=_kulanz_alt_174e1370a568015a--\r\n";
  EXPECT_EQ(raw.substr(raw.size() - end.size()), end);
}

TEST(ComposeMime, WithoutHtmlTheTextIsTheWholeBody) {
  auto message = test::sample_reminder();
  message.attachments.clear();
  message.html.clear();
  message.text = "Kurz und gut.";
  message.reply_to.reset();
  message.list_unsubscribe_url.clear();
  message.extra_headers.clear();
  const std::string raw = compose(message);
  EXPECT_NE(raw.find("MIME-Version: 1.0\r\n"
                     "Content-Type: text/plain; charset=utf-8\r\n"
                     "Content-Transfer-Encoding: quoted-printable\r\n"
                     "\r\n"
                     "Kurz und gut.\r\n"),
            std::string::npos)
      << raw;
  EXPECT_EQ(raw.find("multipart"), std::string::npos);
  EXPECT_EQ(raw.find("Reply-To"), std::string::npos);
  // Only a mailto: target: no one-click header (RFC 8058 needs an https URI). The entry
  // does not fit after the field name, so the line folds right after the colon.
  EXPECT_NE(raw.find("List-Unsubscribe:\r\n <mailto:unsubscribe@mueller-soehne.example.de?subject=unsubscribe-3kJ9xQ>\r\n"),
            std::string::npos);
  EXPECT_EQ(raw.find("List-Unsubscribe-Post"), std::string::npos);
}

TEST(ComposeMime, MailtoMayBeGivenAsAddressOrUri) {
  auto message = test::sample_reminder();
  message.list_unsubscribe_url.clear();
  message.list_unsubscribe_mailto = "mailto:abmelden@example.de";
  EXPECT_NE(compose(message).find("List-Unsubscribe: <mailto:abmelden@example.de>\r\n"), std::string::npos);
  message.list_unsubscribe_mailto = "abmelden@example.de";
  EXPECT_NE(compose(message).find("List-Unsubscribe: <mailto:abmelden@example.de>\r\n"), std::string::npos);
  message.list_unsubscribe_mailto.clear();
  EXPECT_EQ(compose(message).find("List-Unsubscribe"), std::string::npos);
}

}  // namespace
}  // namespace kulanz::channels
