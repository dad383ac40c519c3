// EPC QR code payloads (EPC069-12 version 002): a worked example byte for byte, the
// omission of trailing empty lines, and every limit of the standard as an error.
#include <gtest/gtest.h>

#include "documents/epc_payload.hpp"

namespace kulanz::documents {
namespace {

using base::ErrorCode;

CreditTransfer worked_example() {
  CreditTransfer t;
  t.bic = "COBADEFFXXX";
  t.name = "Müller & Söhne GmbH";
  t.iban = "DE89 3704 0044 0532 0130 00";
  t.amount_minor = 12345;
  t.purpose = "GDDS";
  t.reference = "RF18 5390 0754 7034";
  t.information = "Kundennummer 4711";
  return t;
}

TEST(EpcPayload, WorkedExampleByteForByte) {
  auto payload = epc_payload(worked_example());
  ASSERT_TRUE(payload) << payload.error().to_string();
  const std::string expected =
      "BCD\n"
      "002\n"
      "1\n"
      "SCT\n"
      "COBADEFFXXX\n"
      "M\xC3\xBCller & S\xC3\xB6hne GmbH\n"
      "DE89370400440532013000\n"
      "EUR123.45\n"
      "GDDS\n"
      "RF18539007547034\n"
      "\n"
      "Kundennummer 4711";
  EXPECT_EQ(*payload, expected);
}

TEST(EpcPayload, TrailingEmptyLinesAreLeftOut) {
  CreditTransfer t = worked_example();
  t.information.clear();
  EXPECT_EQ(epc_payload(t).value(),
            "BCD\n002\n1\nSCT\nCOBADEFFXXX\nMüller & Söhne GmbH\nDE89370400440532013000\nEUR123.45\nGDDS\n"
            "RF18539007547034");
  t.reference.clear();
  t.purpose.clear();
  EXPECT_EQ(epc_payload(t).value(),
            "BCD\n002\n1\nSCT\nCOBADEFFXXX\nMüller & Söhne GmbH\nDE89370400440532013000\nEUR123.45");
}

TEST(EpcPayload, UnstructuredTextAndNoBic) {
  CreditTransfer t;
  t.name = "Kulanz Beispiel GmbH";
  t.iban = "AT611904300234573201";
  t.amount_minor = 1;
  t.text = "Rechnung RE-2026-0001";
  EXPECT_EQ(epc_payload(t).value(),
            "BCD\n002\n1\nSCT\n\nKulanz Beispiel GmbH\nAT611904300234573201\nEUR0.01\n\n\nRechnung RE-2026-0001");
}

TEST(EpcPayload, AmountsWithPointAndTwoDecimals) {
  CreditTransfer t = worked_example();
  t.purpose.clear();
  t.reference.clear();
  t.information.clear();
  const std::pair<std::int64_t, const char*> cases[] = {
      {1, "EUR0.01"}, {10, "EUR0.10"}, {100, "EUR1.00"}, {100000, "EUR1000.00"}, {99999999999, "EUR999999999.99"}};
  for (const auto& [minor, text] : cases) {
    t.amount_minor = minor;
    auto payload = epc_payload(t);
    ASSERT_TRUE(payload);
    EXPECT_EQ(payload->substr(payload->rfind('\n') + 1), text);
  }
}

TEST(EpcPayload, AmountOutOfRange) {
  for (std::int64_t minor : {std::int64_t{0}, std::int64_t{-5}, std::int64_t{100000000000}}) {
    CreditTransfer t = worked_example();
    t.amount_minor = minor;
    auto payload = epc_payload(t);
    ASSERT_FALSE(payload) << minor;
    EXPECT_EQ(payload.error().code, ErrorCode::giro_code_invalid);
    EXPECT_EQ(payload.error().field, "amount_minor");
  }
}

TEST(EpcPayload, InvalidIbanAndBicAreReportedAsSuch) {
  CreditTransfer bad_iban = worked_example();
  bad_iban.iban = "DE89370400440532013001";
  auto iban = epc_payload(bad_iban);
  ASSERT_FALSE(iban);
  EXPECT_EQ(iban.error().code, ErrorCode::iban_invalid);
  EXPECT_EQ(iban.error().field, "iban");

  CreditTransfer bad_bic = worked_example();
  bad_bic.bic = "COBADEF";
  auto bic = epc_payload(bad_bic);
  ASSERT_FALSE(bic);
  EXPECT_EQ(bic.error().code, ErrorCode::bic_invalid);
  EXPECT_EQ(bic.error().field, "bic");
}

TEST(EpcPayload, NameIsRequiredAndAtMost70Characters) {
  CreditTransfer t = worked_example();
  t.name = " ";
  auto empty = epc_payload(t);
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, ErrorCode::giro_code_invalid);
  EXPECT_EQ(empty.error().field, "name");

  t.name = std::string(69, 'a') + "ü";  // 70 characters, 71 bytes
  EXPECT_TRUE(epc_payload(t));
  t.name = std::string(71, 'a');
  auto too_long = epc_payload(t);
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().code, ErrorCode::giro_code_invalid);
  EXPECT_EQ(too_long.error().field, "name");
  EXPECT_NE(too_long.error().detail.find("71 characters"), std::string::npos) << too_long.error().detail;
}

TEST(EpcPayload, ReferenceAtMost35AndMustBeAValidRf) {
  CreditTransfer t = worked_example();
  t.reference = std::string(36, '1');
  auto too_long = epc_payload(t);
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().code, ErrorCode::giro_code_invalid);
  EXPECT_EQ(too_long.error().field, "reference");

  t.reference = "RF19539007547034";
  auto wrong = epc_payload(t);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, ErrorCode::reference_invalid);
  EXPECT_EQ(wrong.error().field, "reference");
}

TEST(EpcPayload, NotBothReferenceAndText) {
  CreditTransfer t = worked_example();
  t.text = "Rechnung 4711";
  auto both = epc_payload(t);
  ASSERT_FALSE(both);
  EXPECT_EQ(both.error().code, ErrorCode::giro_code_invalid);
  EXPECT_EQ(both.error().field, "text");
  EXPECT_NE(both.error().detail.find("not both"), std::string::npos);
}

TEST(EpcPayload, TextAtMost140AndInformationAtMost70) {
  CreditTransfer t = worked_example();
  t.reference.clear();
  t.information.clear();
  t.text = std::string(140, 'x');
  EXPECT_TRUE(epc_payload(t));
  t.text = std::string(141, 'x');
  auto text = epc_payload(t);
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().code, ErrorCode::giro_code_invalid);
  EXPECT_EQ(text.error().field, "text");

  t = worked_example();
  t.information = std::string(71, 'i');
  auto info = epc_payload(t);
  ASSERT_FALSE(info);
  EXPECT_EQ(info.error().code, ErrorCode::giro_code_invalid);
  EXPECT_EQ(info.error().field, "information");
}

TEST(EpcPayload, WholePayloadAtMost331Bytes) {
  CreditTransfer t = worked_example();
  t.reference.clear();
  t.name = std::string(70, 'n');
  t.text = std::string(140, 't');
  t.information = std::string(70, 'i');
  auto payload = epc_payload(t);
  ASSERT_FALSE(payload);
  EXPECT_EQ(payload.error().code, ErrorCode::giro_code_invalid);
  EXPECT_EQ(payload.error().field, "payload");
  EXPECT_NE(payload.error().detail.find("at most 331"), std::string::npos) << payload.error().detail;

  // BCD, 002, 1, SCT, BIC, IBAN, EUR123.45, GDDS and the empty reference line take
  // 3+3+1+3+11+22+9+4+0 = 56 bytes, the 11 line breaks 11 more; with the name (70) and the
  // text (140) that leaves 331 - 277 = 54 bytes for the information.
  t.information = std::string(54, 'i');
  auto exact = epc_payload(t);
  ASSERT_TRUE(exact) << exact.error().to_string();
  EXPECT_EQ(exact->size(), 331u);
  t.information.push_back('i');
  EXPECT_FALSE(epc_payload(t));
}

TEST(EpcPayload, PurposeIsFourCapitalLetters) {
  CreditTransfer t = worked_example();
  for (const char* bad : {"GDD", "GDDSX", "gdds", "GD1S"}) {
    t.purpose = bad;
    auto payload = epc_payload(t);
    ASSERT_FALSE(payload) << bad;
    EXPECT_EQ(payload.error().code, ErrorCode::giro_code_invalid);
    EXPECT_EQ(payload.error().field, "purpose");
  }
}

TEST(EpcPayload, LineBreaksAndInvalidUtf8AreRejected) {
  CreditTransfer t = worked_example();
  t.name = "Müller\nGmbH";
  auto newline = epc_payload(t);
  ASSERT_FALSE(newline);
  EXPECT_EQ(newline.error().field, "name");
  EXPECT_NE(newline.error().detail.find("line break"), std::string::npos);

  t = worked_example();
  t.information = "M\xFCller";  // Latin-1, not UTF-8
  auto latin1 = epc_payload(t);
  ASSERT_FALSE(latin1);
  EXPECT_EQ(latin1.error().field, "information");
  EXPECT_NE(latin1.error().detail.find("UTF-8"), std::string::npos);
}

}  // namespace
}  // namespace kulanz::documents
