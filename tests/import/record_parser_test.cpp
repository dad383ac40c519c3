#include "importers/record_parser.hpp"

#include <gtest/gtest.h>

namespace kulanz::importers {
namespace {

RawRecord rec(std::vector<std::pair<std::string, std::string>> fields) {
  RawRecord r;
  r.location = "f.csv:7";
  r.fields = std::move(fields);
  return r;
}

ParseContext german() {
  ParseContext c;
  c.decimal_style = money::DecimalStyle::comma;
  return c;
}

TEST(ParseInvoice, ValidGermanRow) {
  ParsedInvoice out;
  std::vector<base::Error> errors;
  ASSERT_TRUE(parse_invoice(rec({{"number", "R-1"}, {"customer_external_id", "K-1"}, {"issue_date", "01.03.2026"},
                                 {"due_date", "2026-03-31"}, {"amount", "1.234,56"}, {"skonto_percent", "2"},
                                 {"skonto_days", "10"}}),
                            german(), out, errors));
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(out.invoice.external_id, "R-1");  // defaults to the number
  EXPECT_EQ(out.invoice.number, "R-1");
  EXPECT_EQ(out.customer_external_id, "K-1");
  EXPECT_EQ(out.invoice.amount.minor(), 123456);
  EXPECT_EQ(out.invoice.amount.currency().code(), "EUR");
  EXPECT_EQ(out.invoice.skonto_basis_points, 200);
  EXPECT_EQ(out.invoice.skonto_days, 10);
  EXPECT_EQ(out.invoice.due_date.iso(), "2026-03-31");
}

TEST(ParseInvoice, ReportsEveryProblemOfTheRow) {
  ParsedInvoice out;
  std::vector<base::Error> errors;
  EXPECT_FALSE(parse_invoice(rec({{"number", "R-1"}, {"customer_external_id", ""}, {"issue_date", "31.03.2026"},
                                  {"due_date", "01.03.2026"}, {"amount", "12,345"}, {"currency", "EURO"}}),
                             german(), out, errors));
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_EQ(errors[0].field, "customer_external_id");
  EXPECT_EQ(errors[1].field, "due_date");
  EXPECT_EQ(errors[1].code, base::ErrorCode::import_due_before_issue);
  EXPECT_EQ(errors[2].field, "currency");
  EXPECT_EQ(errors[3].field, "amount");
  for (const auto& e : errors) EXPECT_EQ(e.location, "f.csv:7");
}

TEST(ParseCustomer, ContactsConsentsAndEnums) {
  ParsedCustomer out;
  std::vector<base::Error> errors;
  ASSERT_TRUE(parse_customer(rec({{"external_id", "K-1"}, {"name", "Jörg Müller"}, {"type", "Firma"},
                                  {"email", "jm@example.de"}, {"email_consent", "ja"}, {"phone", "0711 123456"},
                                  {"state", "Bayern"}, {"birth_date", "02.01.1980"}, {"key_account", "x"}}),
                             german(), out, errors))
      << (errors.empty() ? "" : errors[0].to_string());
  const auto& c = out.customer;
  EXPECT_EQ(c.name, "Jörg Müller");
  EXPECT_EQ(c.type, domain::CustomerType::business);
  EXPECT_EQ(c.state, "BY");
  EXPECT_TRUE(c.key_account);
  ASSERT_NE(c.contact(domain::Channel::email), nullptr);
  EXPECT_TRUE(c.contact(domain::Channel::email)->consent);
  EXPECT_EQ(c.contact(domain::Channel::phone)->address, "+49711123456");
  EXPECT_EQ(c.birth_date->iso(), "1980-01-02");
}

TEST(ParseCustomer, MissingNameAndBadEmail) {
  ParsedCustomer out;
  std::vector<base::Error> errors;
  EXPECT_FALSE(parse_customer(rec({{"external_id", "K-1"}, {"name", " "}, {"email", "nope"}}), german(), out, errors));
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].code, base::ErrorCode::required_missing);
  EXPECT_EQ(errors[1].code, base::ErrorCode::email_invalid);
}

TEST(ParsePaymentAndCreditNote, Basics) {
  ParsedPayment p;
  std::vector<base::Error> errors;
  ParseContext point;
  ASSERT_TRUE(parse_payment(rec({{"external_id", "Z1"}, {"customer_external_id", "K-1"}, {"value_date", "2026-04-02"},
                                 {"amount", "12.30"}, {"reference", "RE R-1"}}),
                            point, p, errors));
  EXPECT_EQ(p.payment.amount.minor(), 1230);
  EXPECT_EQ(p.payment.reference, "RE R-1");
  ParsedCreditNote n;
  ASSERT_TRUE(parse_credit_note(rec({{"number", "G-1"}, {"customer_external_id", "K-1"}, {"issue_date", "02.04.2026"},
                                     {"amount", "5,00"}, {"invoice_external_id", "R-1"}}),
                                german(), n, errors));
  EXPECT_EQ(n.credit_note.external_id, "G-1");
  EXPECT_EQ(n.invoice_external_id, "R-1");
  EXPECT_EQ(n.credit_note.amount.minor(), 500);
}

}  // namespace
}  // namespace kulanz::importers
