// SEPA direct debits as pain.008.001.02: one debit byte for byte, the grouping into
// payment-information blocks with their counts and sums, the transliteration into the SEPA
// character set, every refused input naming its mandate and field, and the files checked
// against the ISO 20022 schema by xmllint.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>

#include "documents/direct_debit.hpp"
#include "tool_runner.hpp"

namespace kulanz::documents {
namespace {

using base::ErrorCode;
using calendar::Date;

constexpr std::int64_t kCreated = 1906533000;  // 2030-06-01 08:30:00 UTC

Date day(const char* iso) { return *Date::parse_iso(iso); }

DirectDebit sample_debit() {
  DirectDebit d;
  d.end_to_end_id = "KLZ20300601083000-1-1";
  d.amount_minor = 12345;
  d.mandate_reference = "M-K-1001-1";
  d.mandate_signed_on = day("2030-05-28");
  d.sequence = SequenceType::ooff;
  d.collection_on = day("2030-06-04");
  d.debtor_name = "Jürgen Müller-Lüdenscheidt";
  d.debtor_iban = "DE02 1203 0000 0000 2020 51";
  d.remittance = "Rechnung R-2030-17";
  return d;
}

DirectDebitFile sample_file() {
  DirectDebitFile f;
  f.message_id = "KLZ20300601083000-1";
  f.created_unix = kCreated;
  f.creditor_name = "Stadtwerke Beispiel GmbH";
  f.creditor_iban = "DE89 3704 0044 0532 0130 00";
  f.creditor_bic = "cobadeffxxx";
  f.creditor_identifier = "de98 zzz 09999999999";
  f.debits = {sample_debit()};
  return f;
}

// Four debits: two one-off, a first and a recurring one, on one day.
DirectDebitFile mixed_file() {
  DirectDebitFile f = sample_file();
  DirectDebit frst = sample_debit();
  frst.end_to_end_id = "KLZ20300601083000-1-2";
  frst.mandate_reference = "M-K-1002-1";
  frst.sequence = SequenceType::frst;
  frst.amount_minor = 1000;
  frst.debtor_name = "Søren Ærø & Co.";
  frst.debtor_iban = "DE02500105170137075030";
  DirectDebit rcur = sample_debit();
  rcur.end_to_end_id = "KLZ20300601083000-1-3";
  rcur.mandate_reference = "M-K-1003-1";
  rcur.sequence = SequenceType::rcur;
  rcur.amount_minor = 5;
  rcur.debtor_name = "François Œuvre";
  rcur.debtor_iban = "AT611904300234573201";
  rcur.remittance = "";
  DirectDebit ooff = sample_debit();
  ooff.end_to_end_id = "KLZ20300601083000-1-4";
  ooff.mandate_reference = "M-K-1004-1";
  ooff.amount_minor = 9999999;
  ooff.debtor_name = "Zoë Łukasiewicz";
  // The order of the input: RCUR, OOFF, FRST, OOFF.
  f.debits = {rcur, f.debits.front(), frst, ooff};
  return f;
}

TEST(DirectDebit, OneDebitByteForByte) {
  auto m = write_pain008(sample_file());
  ASSERT_TRUE(m) << m.error().to_string();
  const std::string expected = R"(<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.008.001.02">
  <CstmrDrctDbtInitn>
    <GrpHdr>
      <MsgId>KLZ20300601083000-1</MsgId>
      <CreDtTm>2030-06-01T08:30:00Z</CreDtTm>
      <NbOfTxs>1</NbOfTxs>
      <CtrlSum>123.45</CtrlSum>
      <InitgPty>
        <Nm>Stadtwerke Beispiel GmbH</Nm>
      </InitgPty>
    </GrpHdr>
    <PmtInf>
      <PmtInfId>KLZ20300601083000-1-P1</PmtInfId>
      <PmtMtd>DD</PmtMtd>
      <NbOfTxs>1</NbOfTxs>
      <CtrlSum>123.45</CtrlSum>
      <PmtTpInf>
        <SvcLvl>
          <Cd>SEPA</Cd>
        </SvcLvl>
        <LclInstrm>
          <Cd>CORE</Cd>
        </LclInstrm>
        <SeqTp>OOFF</SeqTp>
      </PmtTpInf>
      <ReqdColltnDt>2030-06-04</ReqdColltnDt>
      <Cdtr>
        <Nm>Stadtwerke Beispiel GmbH</Nm>
      </Cdtr>
      <CdtrAcct>
        <Id>
          <IBAN>DE89370400440532013000</IBAN>
        </Id>
      </CdtrAcct>
      <CdtrAgt>
        <FinInstnId>
          <BIC>COBADEFFXXX</BIC>
        </FinInstnId>
      </CdtrAgt>
      <ChrgBr>SLEV</ChrgBr>
      <CdtrSchmeId>
        <Id>
          <PrvtId>
            <Othr>
              <Id>DE98ZZZ09999999999</Id>
              <SchmeNm>
                <Prtry>SEPA</Prtry>
              </SchmeNm>
            </Othr>
          </PrvtId>
        </Id>
      </CdtrSchmeId>
      <DrctDbtTxInf>
        <PmtId>
          <EndToEndId>KLZ20300601083000-1-1</EndToEndId>
        </PmtId>
        <InstdAmt Ccy="EUR">123.45</InstdAmt>
        <DrctDbtTx>
          <MndtRltdInf>
            <MndtId>M-K-1001-1</MndtId>
            <DtOfSgntr>2030-05-28</DtOfSgntr>
          </MndtRltdInf>
        </DrctDbtTx>
        <DbtrAgt>
          <FinInstnId>
            <Othr>
              <Id>NOTPROVIDED</Id>
            </Othr>
          </FinInstnId>
        </DbtrAgt>
        <Dbtr>
          <Nm>Juergen Mueller-Luedenscheidt</Nm>
        </Dbtr>
        <DbtrAcct>
          <Id>
            <IBAN>DE02120300000000202051</IBAN>
          </Id>
        </DbtrAcct>
        <RmtInf>
          <Ustrd>Rechnung R-2030-17</Ustrd>
        </RmtInf>
      </DrctDbtTxInf>
    </PmtInf>
  </CstmrDrctDbtInitn>
</Document>
)";
  EXPECT_EQ(m->xml, expected);
  EXPECT_EQ(m->transactions, 1);
  EXPECT_EQ(m->total_minor, 12345);
  EXPECT_EQ(m->payment_infos, 1);
}

// The text of each <tag>…</tag> in order.
std::vector<std::string> values_of(const std::string& xml, const std::string& tag) {
  std::vector<std::string> out;
  const std::string open = "<" + tag + ">";
  const std::string close = "</" + tag + ">";
  for (std::size_t at = xml.find(open); at != std::string::npos; at = xml.find(open, at + 1)) {
    const std::size_t start = at + open.size();
    out.push_back(xml.substr(start, xml.find(close, start) - start));
  }
  return out;
}

TEST(DirectDebit, BlocksPerDayAndSequenceTypeWithTheirCountsAndSums) {
  DirectDebitFile f = mixed_file();
  // A second day: one more one-off debit three days later.
  DirectDebit later = sample_debit();
  later.end_to_end_id = "KLZ20300601083000-1-5";
  later.mandate_reference = "M-K-1005-1";
  later.collection_on = day("2030-06-07");
  later.amount_minor = 1;
  f.debits.push_back(later);
  auto m = write_pain008(f);
  ASSERT_TRUE(m) << m.error().to_string();
  EXPECT_EQ(m->transactions, 5);
  EXPECT_EQ(m->payment_infos, 4);
  EXPECT_EQ(m->total_minor, 5 + 12345 + 1000 + 9999999 + 1);
  // Group header first, then each block.
  EXPECT_EQ(values_of(m->xml, "NbOfTxs"), (std::vector<std::string>{"5", "2", "1", "1", "1"}));
  EXPECT_EQ(values_of(m->xml, "CtrlSum"),
            (std::vector<std::string>{"100133.50", "100123.44", "10.00", "0.05", "0.01"}));
  EXPECT_EQ(values_of(m->xml, "SeqTp"), (std::vector<std::string>{"OOFF", "FRST", "RCUR", "OOFF"}));
  EXPECT_EQ(values_of(m->xml, "ReqdColltnDt"),
            (std::vector<std::string>{"2030-06-04", "2030-06-04", "2030-06-04", "2030-06-07"}));
  EXPECT_EQ(values_of(m->xml, "PmtInfId"),
            (std::vector<std::string>{"KLZ20300601083000-1-P1", "KLZ20300601083000-1-P2", "KLZ20300601083000-1-P3",
                                      "KLZ20300601083000-1-P4"}));
  // Within a block the debits keep the order they came in.
  EXPECT_EQ(values_of(m->xml, "MndtId"),
            (std::vector<std::string>{"M-K-1001-1", "M-K-1004-1", "M-K-1002-1", "M-K-1003-1", "M-K-1005-1"}));
  EXPECT_NE(m->xml.find("<InstdAmt Ccy=\"EUR\">99999.99</InstdAmt>"), std::string::npos);
  EXPECT_NE(m->xml.find("<InstdAmt Ccy=\"EUR\">0.05</InstdAmt>"), std::string::npos);
  EXPECT_NE(m->xml.find("<InstdAmt Ccy=\"EUR\">0.01</InstdAmt>"), std::string::npos);
  // A debit without remittance text has no RmtInf.
  EXPECT_EQ(values_of(m->xml, "Ustrd").size(), 4u);
  // Every block names creditor, account, agent, charges and the creditor identifier.
  EXPECT_EQ(values_of(m->xml, "ChrgBr"), std::vector<std::string>(4, "SLEV"));
  EXPECT_EQ(test::count_of(m->xml, "<Prtry>SEPA</Prtry>"), 4u);
  EXPECT_EQ(test::count_of(m->xml, "<Cd>CORE</Cd>"), 4u);
}

TEST(DirectDebit, NamesAreTransliteratedIntoTheSepaCharacterSet) {
  auto m = write_pain008(mixed_file());
  ASSERT_TRUE(m) << m.error().to_string();
  const auto names = values_of(m->xml, "Nm");
  EXPECT_EQ(names, (std::vector<std::string>{"Stadtwerke Beispiel GmbH",  // InitgPty
                                             "Stadtwerke Beispiel GmbH", "Juergen Mueller-Luedenscheidt",
                                             "Zoe Lukasiewicz", "Stadtwerke Beispiel GmbH", "Soren AEro + Co.",
                                             "Stadtwerke Beispiel GmbH", "Francois OEuvre"}));
  for (unsigned char c : m->xml) EXPECT_LT(c, 0x80) << "the file holds a non-ASCII byte";
}

TEST(DirectDebit, SepaTextTransliteratesOrRefuses) {
  auto t = [](std::string_view s) {
    auto r = sepa_text(s, "debtor_name");
    return r ? *r : "ERROR " + r.error().to_string();
  };
  EXPECT_EQ(t("Ä Ö Ü ä ö ü ß ẞ"), "Ae Oe Ue ae oe ue ss SS");
  EXPECT_EQ(t("Émile Çelik-Øster, Ångström"), "Emile Celik-Oster, Angstroem");
  EXPECT_EQ(t("Dvořák Šťastný Łódź Ĳssel"), "Dvorak Stastny Lodz IJssel");
  EXPECT_EQ(t("Müller & Söhne \"Holz\"; Inh.: K. Groß!"), "Mueller + Soehne 'Holz', Inh.: K. Gross.");
  EXPECT_EQ(t("„Kühn“ – ‘Bau’ … 5 €"), "'Kuehn' - 'Bau' ... 5 EUR");
  EXPECT_EQ(t("a_b [c] {d} <e> f\\g|h @#$%*=^~"), "a-b (c) (d) (e) f/g/h ........");
  EXPECT_EQ(t("  Anna\t\n  Schmidt\xC2\xA0 "), "Anna Schmidt");
  EXPECT_EQ(t("Ober\xC2\xADhausen"), "Oberhausen");  // soft hyphen
  EXPECT_EQ(t("O'Brien (Kto. 1/2) + ?:"), "O'Brien (Kto. 1/2) + ?:");

  auto cyrillic = sepa_text("Иван Петров", "debtor_name");
  ASSERT_FALSE(cyrillic);
  EXPECT_EQ(cyrillic.error().code, ErrorCode::direct_debit_invalid);
  EXPECT_EQ(cyrillic.error().field, "debtor_name");
  EXPECT_NE(cyrillic.error().detail.find("U+0418"), std::string::npos) << cyrillic.error().detail;
  auto emoji = sepa_text("Anna \xF0\x9F\x98\x80", "debtor_name");
  ASSERT_FALSE(emoji);
  EXPECT_NE(emoji.error().detail.find("U+1F600"), std::string::npos) << emoji.error().detail;
  EXPECT_FALSE(sepa_text("\x01", "x"));
  EXPECT_FALSE(sepa_text("\xC3(", "x"));  // invalid UTF-8
  auto empty = sepa_text(" \t ", "remittance");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().field, "remittance");
}

TEST(DirectDebit, LongNamesAndTextsAreCutToTheirLimits) {
  DirectDebitFile f = sample_file();
  f.debits[0].debtor_name = std::string(69, 'x') + " Jürgen";  // 77 characters after transliteration
  f.debits[0].remittance = "Rechnungen " + std::string(200, '1');
  auto m = write_pain008(f);
  ASSERT_TRUE(m) << m.error().to_string();
  const auto names = values_of(m->xml, "Nm");
  EXPECT_EQ(names.back(), std::string(69, 'x'));  // cut at 70, the trailing space dropped
  EXPECT_EQ(values_of(m->xml, "Ustrd").front().size(), 140u);
}

// The error of writing `f`, asserted to be direct_debit_invalid.
base::Error error_of(const DirectDebitFile& f) {
  auto m = write_pain008(f);
  EXPECT_FALSE(m) << "accepted";
  if (m) return {};
  EXPECT_EQ(m.error().code, ErrorCode::direct_debit_invalid) << m.error().to_string();
  return m.error();
}

TEST(DirectDebit, EveryBadDebitIsRefusedNamingItsMandateAndField) {
  struct Case {
    const char* what;
    std::function<void(DirectDebit&)> change;
    const char* field;
    const char* says;
  };
  const std::vector<Case> cases = {
      {"zero amount", [](DirectDebit& d) { d.amount_minor = 0; }, "amount", "0.00 EUR is outside"},
      {"negative amount", [](DirectDebit& d) { d.amount_minor = -100; }, "amount", "-1.00 EUR"},
      {"too large", [](DirectDebit& d) { d.amount_minor = 100'000'000'000; }, "amount", "1000000000.00 EUR"},
      {"bad IBAN", [](DirectDebit& d) { d.debtor_iban = "DE02120300000000202052"; }, "debtor_iban", "DE02"},
      {"empty IBAN", [](DirectDebit& d) { d.debtor_iban = ""; }, "debtor_iban", ""},
      {"non-SEPA IBAN", [](DirectDebit& d) { d.debtor_iban = "TR330006100519786457841326"; }, "debtor_iban",
       "outside the SEPA area"},
      {"Swiss IBAN without BIC", [](DirectDebit& d) { d.debtor_iban = "CH9300762011623852957"; }, "debtor_bic",
       "outside the EEA"},
      {"bad BIC", [](DirectDebit& d) { d.debtor_bic = "COBA DE"; }, "debtor_bic", ""},
      {"holder in Cyrillic", [](DirectDebit& d) { d.debtor_name = "Иван"; }, "debtor_name", "U+0418"},
      {"empty holder", [](DirectDebit& d) { d.debtor_name = " "; }, "debtor_name", "is empty"},
      {"remittance with emoji", [](DirectDebit& d) { d.remittance = "R-1 \xF0\x9F\x98\x80"; }, "remittance", "U+1F600"},
      {"end-to-end id too long", [](DirectDebit& d) { d.end_to_end_id = std::string(36, 'E'); }, "end_to_end_id",
       "36 characters"},
      {"end-to-end id empty", [](DirectDebit& d) { d.end_to_end_id = ""; }, "end_to_end_id", "is empty"},
      {"end-to-end id with umlaut", [](DirectDebit& d) { d.end_to_end_id = "E-Ä"; }, "end_to_end_id", "non-ASCII"},
      {"end-to-end id with //", [](DirectDebit& d) { d.end_to_end_id = "E//1"; }, "end_to_end_id", "'//'"},
      {"end-to-end id starting with /", [](DirectDebit& d) { d.end_to_end_id = "/E1"; }, "end_to_end_id", "start"},
      {"mandate reference with a space", [](DirectDebit& d) { d.mandate_reference = "M K 1"; }, "mandate_reference",
       "a space"},
      {"mandate reference with &", [](DirectDebit& d) { d.mandate_reference = "M&1"; }, "mandate_reference", "'&'"},
      {"signed after the collection day", [](DirectDebit& d) { d.mandate_signed_on = day("2030-06-05"); },
       "mandate_signed_on", "after the collection day"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    DirectDebitFile f = sample_file();
    c.change(f.debits[0]);
    const auto e = error_of(f);
    EXPECT_EQ(e.field, c.field) << e.to_string();
    const std::string mandate = f.debits[0].mandate_reference.empty() ? "debit 1" : "mandate " + f.debits[0].mandate_reference;
    EXPECT_EQ(e.location, mandate) << e.to_string();
    EXPECT_NE(e.detail.find(c.says), std::string::npos) << e.to_string();
  }
}

TEST(DirectDebit, BadFileValuesAreRefused) {
  {
    DirectDebitFile f = sample_file();
    f.debits.push_back(sample_debit());
    f.debits.back().mandate_reference = "M-K-2";
    const auto e = error_of(f);
    EXPECT_EQ(e.field, "end_to_end_id");
    EXPECT_EQ(e.location, "mandate M-K-2");
    EXPECT_NE(e.detail.find("another debit"), std::string::npos);
  }
  {
    DirectDebitFile f = sample_file();
    f.debits.clear();
    EXPECT_EQ(error_of(f).field, "debits");
  }
  {
    DirectDebitFile f = sample_file();
    f.message_id = std::string(33, 'M');  // MsgId fits, its PmtInfId (+ "-P1") does not
    EXPECT_EQ(error_of(f).field, "message_id");
    f.message_id = "MSG_1";
    EXPECT_EQ(error_of(f).field, "message_id");
  }
  {
    DirectDebitFile f = sample_file();
    f.creditor_identifier = "DE99ZZZ09999999999";  // wrong check digits
    auto e = error_of(f);
    EXPECT_EQ(e.field, "creditor_identifier");
    EXPECT_NE(e.detail.find("check digits"), std::string::npos);
    f.creditor_identifier = "";
    EXPECT_EQ(error_of(f).field, "creditor_identifier");
    f.creditor_identifier = "DE98ZZZ0999999999Ä";
    EXPECT_EQ(error_of(f).field, "creditor_identifier");
  }
  {
    DirectDebitFile f = sample_file();
    f.creditor_iban = "DE89370400440532013001";
    EXPECT_EQ(error_of(f).field, "creditor_iban");
    f = sample_file();
    f.creditor_bic = "XX";
    EXPECT_EQ(error_of(f).field, "creditor_bic");
    f = sample_file();
    f.creditor_name = "株式会社";
    EXPECT_EQ(error_of(f).field, "creditor_name");
  }
}

TEST(DirectDebit, FilesAreValidAgainstTheIso20022Schema) {
  ASSERT_TRUE(test::tools_available({"xmllint"}));
  const std::filesystem::path xsd = KULANZ_XSD_DIR "/pain.008.001.02.xsd";
  ASSERT_TRUE(std::filesystem::exists(xsd)) << xsd << " is missing (the shared data folder beside the repository)";
  test::ScratchDir scratch;
  int n = 0;
  for (const auto& f : {sample_file(), mixed_file()}) {
    auto m = write_pain008(f);
    ASSERT_TRUE(m) << m.error().to_string();
    const auto path = scratch.write("pain008-" + std::to_string(++n) + ".xml", m->xml);
    auto out = test::run_command("xmllint --noout --schema " + test::shell_quote(xsd) + " " + test::shell_quote(path) +
                                 " 2>&1");
    EXPECT_EQ(out.exit_status, 0) << out.out;
    EXPECT_NE(out.out.find("validates"), std::string::npos) << out.out;
  }
}

}  // namespace
}  // namespace kulanz::documents
