// Result/Error, the error-code registry and the text functions.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "base/error_codes.hpp"
#include "base/result.hpp"
#include "base/text.hpp"

namespace kulanz::base {
namespace {

Result<int> half(int v) {
  if (v % 2 != 0) return fail(ErrorCode::invalid_argument, std::to_string(v) + " is odd", "value");
  return v / 2;
}

Status quarter_is_even(int v, int& out) {
  auto h = half(v);
  if (!h) return fail(std::move(h).error());
  KULANZ_TRY_STATUS(half(*h));
  out = *h / 2;
  return {};
}

TEST(Result, HoldsAValueOrAnError) {
  auto ok = half(8);
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(*ok, 4);
  EXPECT_EQ(ok.value_or(-1), 4);
  auto bad = half(3);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(bad.error().field, "value");
  EXPECT_EQ(bad.value_or(-1), -1);
}

TEST(Result, TryStatusPropagatesTheFirstError) {
  int out = 0;
  EXPECT_TRUE(quarter_is_even(8, out));
  EXPECT_EQ(out, 2);
  auto st = quarter_is_even(6, out);  // 6/2 = 3 is odd
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().detail, "3 is odd");
}

TEST(Error, ToStringCarriesLocationFieldDetailAndNumber) {
  Error e(ErrorCode::date_invalid, "'31.02.2026' does not exist", "due_date");
  e.location = "invoices.csv:17";
  EXPECT_EQ(e.to_string(), "invoices.csv:17: due_date: '31.02.2026' does not exist [E2006]");
  EXPECT_EQ(e.number(), 2006);
  EXPECT_EQ(e.http_status(), 422);
  Error plain(ErrorCode::not_found);
  EXPECT_EQ(plain.to_string(), "Not found [E1002]");
}

TEST(ErrorRegistry, NumbersAndNamesAreUniqueAndEveryCodeHasAnEntry) {
  std::set<int> numbers;
  std::set<std::string> names;
  int previous = 0;
  for (auto* e = error_registry_begin(); e != error_registry_end(); ++e) {
    const int number = static_cast<int>(e->code);
    EXPECT_TRUE(numbers.insert(number).second) << "number " << number << " appears twice";
    EXPECT_TRUE(names.insert(e->name).second) << "name " << e->name << " appears twice";
    EXPECT_GT(number, previous) << e->name << " is out of order (registry is append-only per range)";
    previous = number;
    EXPECT_GE(number, 1000);
    EXPECT_LT(number, 10000);  // 1xxx general … 7xxx collection engine, 8xxx comms and documents, 9xxx portal and payments
    EXPECT_GE(e->http_status, 400);
    EXPECT_LT(e->http_status, 600);
    EXPECT_GT(std::string(e->message).size(), 3u);
    EXPECT_EQ(&error_info(e->code), e);
  }
  EXPECT_GT(numbers.size(), 40u);
  EXPECT_EQ(error_info(ErrorCode::credit_note_exceeds_invoice).http_status, 422);
  EXPECT_STREQ(error_info(ErrorCode::ledger_inconsistent).name, "ledger_inconsistent");
}

TEST(Text, ValidatesUtf8) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("Müller Straße 5, 💶"));
  EXPECT_FALSE(is_valid_utf8("M\xFCller"));          // Latin-1 ü
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));           // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));       // surrogate U+D800
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));   // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xE2\x82"));           // truncated €
  EXPECT_TRUE(is_valid_utf8("\xE2\x82\xAC"));        // €
}

TEST(Text, ConvertsWindows1252ToUtf8) {
  EXPECT_EQ(cp1252_to_utf8("M\xFCller Stra\xDF" "e"), "Müller Straße");
  EXPECT_EQ(cp1252_to_utf8("\x80 5"), "€ 5");
  EXPECT_EQ(cp1252_to_utf8("\x84Zitat\x93"), "„Zitat“");
  EXPECT_EQ(cp1252_to_utf8("\x81"), "\xC2\x81");  // undefined in 1252: kept as the C1 control
  EXPECT_EQ(cp1252_to_utf8("plain"), "plain");
  EXPECT_TRUE(is_valid_utf8(cp1252_to_utf8("\xC4\xD6\xDC\xE4\xF6\xFC\xDF")));
}

TEST(Text, TrimsAndComparesAscii) {
  EXPECT_EQ(trim("  a b \t\r\n"), "a b");
  EXPECT_EQ(trim(" \t "), "");
  EXPECT_EQ(ascii_lower("ÄBC"), "Äbc");  // bytes of non-ASCII letters are left alone
  EXPECT_EQ(ascii_upper("eur"), "EUR");
  EXPECT_TRUE(iequals_ascii("Betrag", "BETRAG"));
  EXPECT_FALSE(iequals_ascii("Betrag", "Betra"));
  EXPECT_EQ(utf8_length("Größe"), 5u);
}

TEST(Text, Utf8PrefixNeverCutsACharacter) {
  EXPECT_EQ(utf8_prefix("Größe", 3), "Grö");
  EXPECT_EQ(utf8_prefix("Größe", 2), "Gr");
  EXPECT_EQ(utf8_prefix("Größe", 5), "Größe");
  EXPECT_EQ(utf8_prefix("Größe", 50), "Größe");
  EXPECT_EQ(utf8_prefix("€€", 1), "€");
  EXPECT_EQ(utf8_prefix("abc", 0), "");
}

TEST(Text, PercentEncodesAllButUnreservedCharacters) {
  EXPECT_EQ(percent_encode("RE-2026_01.a~"), "RE-2026_01.a~");
  EXPECT_EQ(percent_encode("a/b?c d&ü"), "a%2Fb%3Fc%20d%26%C3%BC");
  EXPECT_EQ(percent_encode(""), "");
}

TEST(Text, QuotesJsonStrings) {
  EXPECT_EQ(json_quote("Müller \"GmbH\"\\ 1\n2\t\x01"), "\"Müller \\\"GmbH\\\"\\\\ 1\\n2\\t\\u0001\"");
  EXPECT_EQ(json_quote(""), "\"\"");
}

}  // namespace
}  // namespace kulanz::base
