// Header fields: encoded-words, folding, parameters and dates, byte for byte.
#include "channels/header_text.hpp"

#include <gtest/gtest.h>

#include <string>

#include "base/text.hpp"
#include "test_support.hpp"

namespace kulanz::channels {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::string decode_base64(std::string_view text) {
  static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    const auto index = alphabet.find(c);
    if (index == std::string::npos) continue;
    buffer = (buffer << 6) | static_cast<std::uint32_t>(index);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

// The bytes one encoded-word stands for (independent decoder for the checks below).
std::string decode_word(const std::string& word) {
  EXPECT_EQ(word.rfind("=?utf-8?", 0), 0U) << word;
  EXPECT_EQ(word.substr(word.size() - 2), "?=");
  const char kind = word[8];
  const std::string payload = word.substr(10, word.size() - 12);
  if (kind == 'B') return decode_base64(payload);
  std::string out;
  for (std::size_t i = 0; i < payload.size(); ++i) {
    if (payload[i] == '_') {
      out += ' ';
    } else if (payload[i] == '=') {
      out += static_cast<char>(hex_value(payload[i + 1]) * 16 + hex_value(payload[i + 2]));
      i += 2;
    } else {
      out += payload[i];
    }
  }
  return out;
}

std::string unfold(std::string header) {
  std::string out;
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header.compare(i, 2, "\r\n") == 0) {
      ++i;
      continue;
    }
    out += header[i];
  }
  return out;
}

void expect_lines_within_limit(const std::string& header) {
  for (const auto& line : test::crlf_lines(header)) EXPECT_LE(line.size(), kMaxHeaderLine) << line;
}

TEST(EncodedWords, SubjectWithUmlautsIsQEncodedAndFolded) {
  const std::string header =
      unstructured_header("Subject", "Zahlungserinnerung für Rechnung 2026-1042 – bitte prüfen");
  EXPECT_EQ(header,
            "Subject: =?utf-8?Q?Zahlungserinnerung_f=C3=BCr_Rechnung_2026-1042_=E2=80=93_?=\r\n"
            " =?utf-8?Q?bitte_pr=C3=BCfen?=\r\n");
  expect_lines_within_limit(header);
}

TEST(EncodedWords, MostlyNonLatinTextIsBEncoded) {
  const auto words = encode_words("Напоминание об оплате", kMaxEncodedWord);
  ASSERT_EQ(words.size(), 1U);
  EXPECT_EQ(words[0], "=?utf-8?B?0J3QsNC/0L7QvNC40L3QsNC90LjQtSDQvtCxINC+0L/Qu9Cw0YLQtQ==?=");
}

TEST(EncodedWords, NeverSplitACharacterAcrossWords) {
  // Two-, three- and four-byte characters in a long text, in both encodings.
  for (const std::string& text : {std::string(60, 'a') + "üöäß€😀" + std::string(30, 'b') + "–😀–",
                                  std::string("😀€ü") + "日本語のテキスト" + "😀€üßöä😀€üßöä😀€üßöä😀€üßöä"}) {
    const auto words = encode_words(text, 40);
    ASSERT_GE(words.size(), 2U) << text;
    std::string joined;
    for (std::size_t i = 0; i < words.size(); ++i) {
      EXPECT_LE(words[i].size(), i == 0 ? 40U : kMaxEncodedWord) << words[i];
      const std::string bytes = decode_word(words[i]);
      EXPECT_TRUE(base::is_valid_utf8(bytes)) << words[i];
      joined += bytes;
    }
    EXPECT_EQ(joined, text);
  }
}

TEST(Unstructured, AsciiFoldsAtSpacesAndUnfoldsToTheOriginal) {
  const std::string subject =
      "Reminder for invoice 2026-1042 and invoice 2026-1043 and invoice 2026-1044, "
      "due on 20 March 2026  (two spaces kept)";
  const std::string header = unstructured_header("Subject", subject);
  EXPECT_EQ(header,
            "Subject: Reminder for invoice 2026-1042 and invoice 2026-1043 and invoice\r\n"
            " 2026-1044, due on 20 March 2026  (two spaces kept)\r\n");
  EXPECT_EQ(unfold(header), "Subject: " + subject);
  EXPECT_EQ(unstructured_header("X-Kulanz-Outbox", "4711"), "X-Kulanz-Outbox: 4711\r\n");
}

TEST(Unstructured, TextThatLooksEncodedOrCannotFoldIsEncoded) {
  EXPECT_EQ(unstructured_header("Subject", "=?utf-8?Q?x?="), "Subject: =?utf-8?B?PT91dGYtOD9RP3g/PQ==?=\r\n");
  const std::string header = unstructured_header("Subject", "Ref " + std::string(100, 'R'));
  expect_lines_within_limit(header);
  EXPECT_NE(header.find("=?utf-8?Q?Ref_RRR"), std::string::npos) << header;
}

TEST(Mailbox, AddressAloneAtomsQuotedStringOrEncodedWords) {
  EXPECT_EQ(mailbox_header("To", "", "a@example.de"), "To: a@example.de\r\n");
  EXPECT_EQ(mailbox_header("To", "Kulanz Inkasso", "a@example.de"), "To: Kulanz Inkasso <a@example.de>\r\n");
  EXPECT_EQ(mailbox_header("To", "Meier GmbH & Co. KG", "a@example.de"),
            "To: \"Meier GmbH & Co. KG\" <a@example.de>\r\n");
  EXPECT_EQ(mailbox_header("To", "Say \"Hi\" \\o/", "a@example.de"), "To: \"Say \\\"Hi\\\" \\\\o/\" <a@example.de>\r\n");
  EXPECT_EQ(mailbox_header("To", "Jürgen Weiß", "juergen.weiss@kunde.example.de"),
            "To: =?utf-8?B?SsO8cmdlbiBXZWnDnw==?= <juergen.weiss@kunde.example.de>\r\n");
}

TEST(Mailbox, OnlyTheWordsThatNeedItAreEncoded) {
  const std::string header = mailbox_header("From", "Müller & Söhne GmbH – Forderungsmanagement",
                                            "mahnung@mueller-soehne.example.de");
  EXPECT_EQ(header,
            "From: =?utf-8?Q?M=C3=BCller?= & =?utf-8?B?U8O2aG5l?= GmbH =?utf-8?B?4oCT?=\r\n"
            " Forderungsmanagement <mahnung@mueller-soehne.example.de>\r\n");
  expect_lines_within_limit(header);
}

TEST(Parameters, QuotedAsciiOrRfc2231) {
  EXPECT_EQ(parameter_tokens("filename", "Rechnung 2026-1042.pdf"),
            std::vector<std::string>{"filename=\"Rechnung 2026-1042.pdf\""});
  EXPECT_EQ(parameter_tokens("filename", "Mahnung Müller.pdf"),
            std::vector<std::string>{"filename*=utf-8''Mahnung%20M%C3%BCller.pdf"});
}

TEST(Parameters, LongNamesBecomeContinuationsThatKeepCharactersWhole) {
  const std::string name = "Zahlungserinnerung für die Rechnungen 2026-1042, 2026-1043 und 2026-1044 – Müller & Söhne.pdf";
  const auto tokens = parameter_tokens("filename", name);
  ASSERT_GE(tokens.size(), 2U);
  std::string decoded;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string head = "filename*" + std::to_string(i) + "*=" + (i == 0 ? "utf-8''" : "");
    ASSERT_EQ(tokens[i].rfind(head, 0), 0U) << tokens[i];
    EXPECT_LE(tokens[i].size() + 1, kMaxHeaderLine) << tokens[i];
    std::string value = tokens[i].substr(head.size());
    if (i + 1 < tokens.size()) {
      ASSERT_EQ(value.back(), ';');
      value.pop_back();
    }
    std::string bytes;
    for (std::size_t k = 0; k < value.size(); ++k) {
      if (value[k] == '%') {
        bytes += static_cast<char>(hex_value(value[k + 1]) * 16 + hex_value(value[k + 2]));
        k += 2;
      } else {
        bytes += value[k];
      }
    }
    EXPECT_TRUE(base::is_valid_utf8(bytes)) << tokens[i];
    decoded += bytes;
  }
  EXPECT_EQ(decoded, name);
}

TEST(Date, Rfc5322InUtc) {
  EXPECT_EQ(rfc5322_date(0), "Thu, 01 Jan 1970 00:00:00 +0000");
  EXPECT_EQ(rfc5322_date(1772703000), "Thu, 05 Mar 2026 09:30:00 +0000");
  EXPECT_EQ(rfc5322_date(1772789399), "Fri, 06 Mar 2026 09:29:59 +0000");
  EXPECT_EQ(rfc5322_date(1709164800), "Thu, 29 Feb 2024 00:00:00 +0000");
  EXPECT_EQ(rfc5322_date(951782400), "Tue, 29 Feb 2000 00:00:00 +0000");
  EXPECT_EQ(rfc5322_date(253402300799), "Fri, 31 Dec 9999 23:59:59 +0000");
}

}  // namespace
}  // namespace kulanz::channels
