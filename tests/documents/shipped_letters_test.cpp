// The shipped letter texts (data/templates) laid out as `kulanz letter` lays out a reminder
// (services::lay_out_letter): the day's message with printed_layout set, the items table
// with fee and interest rows and the totals, the payment box with the GiroCode, the
// creditor's letterhead and footer. A typical reminder must fit on one A4 page with its
// payment box, in both languages and every tone, for every template that becomes a letter.
#include <gtest/gtest.h>

#include <array>
#include <span>
#include <string>
#include <vector>

#include "comms/format.hpp"
#include "comms/templates.hpp"
#include "documents/creditor_reference.hpp"
#include "documents/epc_payload.hpp"
#include "documents/iban.hpp"
#include "documents/letter_pdf.hpp"
#include "money/money.hpp"
#include "services/letter_layout.hpp"
#include "tool_runner.hpp"

namespace kulanz::documents {
namespace {

using domain::Language;

calendar::Date day(const char* iso) { return calendar::Date::parse_iso(iso).value(); }

// One open item as the ledger holds it; the number of fee and interest items is the text
// the collection run gives them.
struct Item {
  domain::ItemKind kind;
  std::string number;
  const char* issued;
  const char* due;
  std::int64_t amount_minor;
  std::int64_t open_minor;
};

// The typical reminder: three invoices, the dunning fee and default interest.
std::vector<Item> typical_items() {
  using K = domain::ItemKind;
  return {{K::invoice, "RE-2026-004711", "2026-01-05", "2026-02-04", 48790, 48790},
          {K::invoice, "RE-2026-004802", "2026-01-19", "2026-02-18", 12345, 9845},
          {K::invoice, "RE-2026-005013", "2026-02-02", "2026-03-04", 113923, 113923},
          {K::fee, "Mahngebühr 09.03.2026", "2026-03-09", "2026-03-09", 250, 250},
          {K::interest, "Verzugszinsen zu RE-2026-004711 bis 16.03.2026", "2026-03-16", "2026-03-16", 312, 312}};
}

struct Composed {
  Letter letter;
  std::string payload;
};

// The letter `kulanz letter` writes for the message (template, language, tone) to a
// consumer (default notice on the first reminder) about `items`: the message rendered
// from the shipped texts with the values the letter service gives them, laid out by the
// letter service's own layout (services::lay_out_letter).
Composed compose(const comms::TemplateSet& set, const std::string& name, Language lang, comms::Tone tone,
                 const std::vector<Item>& items) {
  auto money = [&](std::int64_t minor) { return comms::format_money(minor, "EUR", lang); };
  auto date = [&](const char* iso) { return comms::format_date(day(iso), lang); };
  services::LetterLayout layout;
  layout.holder = "Stadtwerke Beispielstadt GmbH";
  auto& p = layout.profile;
  p.legal_name = layout.holder;
  p.street = "Hauptstraße 1";
  p.postal_code = "12345";
  p.city = "Beispielstadt";
  p.phone = "0800 123 4567";
  p.email = "forderungen@stadtwerke-beispielstadt.de";
  p.website = "https://www.stadtwerke-beispielstadt.de";
  p.iban = "DE02120300000000202051";
  p.bic = "BYLADEM1001";
  p.bank_name = "Beispielbank";
  p.register_entry = "Amtsgericht Beispielstadt HRB 4711";
  p.vat_id = "USt-IdNr. DE123456789";
  p.management = "Geschäftsführung: Eva Groß";
  auto& c = layout.customer;
  c.external_id = "K-100023";
  c.name = "Anna Müller";
  c.street = "Lindenstraße 42";
  c.postal_code = "80331";
  c.city = "München";
  c.country = "DE";
  c.language = lang;
  c.type = domain::CustomerType::consumer;
  layout.as_of = day("2026-03-19");
  layout.currency = "EUR";
  layout.reference = make_rf("00004Z").value();

  comms::Values v;
  v.salutation = services::letter_salutation(c);
  v.customer_name = c.name;
  v.customer_number = c.external_id;
  v.creditor_name = layout.holder;
  v.creditor_phone = p.phone;
  v.creditor_email = p.email;
  std::int64_t open = 0, fees = 0, interest = 0;
  int invoices = 0;
  for (const auto& i : items) {
    domain::Invoice item;
    item.kind = i.kind;
    item.number = i.number;
    item.issue_date = day(i.issued);
    item.due_date = day(i.due);
    item.amount = money::Money(i.amount_minor, money::Currency::eur());
    item.open = money::Money(i.open_minor, money::Currency::eur());
    layout.items.push_back(item);
    v.items.push_back({i.number, date(i.issued), date(i.due), money(i.amount_minor), money(i.open_minor)});
    if (i.kind == domain::ItemKind::fee) fees += i.open_minor;
    if (i.kind == domain::ItemKind::interest) interest += i.open_minor;
    if (i.kind == domain::ItemKind::invoice) {
      open += i.open_minor;
      v.item_numbers += (v.item_numbers.empty() ? "" : ", ") + i.number;
      if (v.due_date.empty()) v.due_date = date(i.due);
      ++invoices;
    }
  }
  v.item_count = std::to_string(v.items.size());
  v.several_items = invoices > 1;
  v.days_overdue = "43";
  v.total_open = money(open);
  v.fees = money(fees);
  v.has_fees = fees > 0;
  v.interest = money(interest);
  v.has_interest = interest > 0;
  v.total_due = money(open + fees + interest);
  v.pay_by = comms::format_date(day("2026-03-29"), lang, comms::DateStyle::long_form);
  v.as_of = date("2026-03-19");
  v.portal_url = "https://portal.stadtwerke-beispielstadt.de/p/8f3k2xQ7mN4pL9vR2sT6wY";
  v.iban = format_iban(p.iban);
  v.bic = p.bic;
  v.account_holder = layout.holder;
  v.reference = format_rf(layout.reference);
  v.default_notice = name == "first_reminder";
  v.printed_layout = true;
  v.plan = {{"1", date("2026-04-01"), money(58000)}, {"2", date("2026-05-01"), money(58000)},
            {"3", date("2026-06-01"), money(58000)}};
  v.plan_total = money(174000);
  v.plan_instalment_count = "3";
  v.instalment_number = "1";
  v.instalment_due_date = date("2026-04-01");
  v.instalment_amount = money(58000);
  v.promise_date = date("2026-03-31");
  v.promise_amount = money(open + fees + interest);
  v.dispute_item = (lang == Language::de ? "Rechnung " : "invoice ") + items.front().number;
  v.dispute_reference = "F-2026-0042";
  v.dispute_reply_by = date("2026-04-02");
  auto message = set.render({name, comms::Channel::letter, lang, tone}, v);
  EXPECT_TRUE(message) << name << ": " << message.error().detail;
  if (message) {
    layout.subject = message->subject;
    layout.body = message->body;
  }

  Composed out;
  auto letter = services::lay_out_letter(layout);
  EXPECT_TRUE(letter) << name << ": " << letter.error().detail;
  if (letter) out.letter = std::move(letter).value();
  CreditTransfer t;
  t.bic = p.bic;
  t.name = layout.holder;
  t.iban = p.iban;
  t.amount_minor = open + fees + interest;
  t.reference = layout.reference;
  out.payload = epc_payload(t).value();
  return out;
}

const comms::TemplateSet& shipped() {
  static const comms::TemplateSet set = [] {
    auto s = comms::TemplateSet::shipped();
    if (!s) ADD_FAILURE() << s.error().detail;
    return s ? std::move(s).value() : comms::TemplateSet{};
  }();
  return set;
}

constexpr std::array<Language, 2> kLanguages = {Language::de, Language::en};
constexpr std::array<comms::Tone, 3> kTones = {comms::Tone::friendly, comms::Tone::neutral, comms::Tone::firm};

std::string describe(const std::string& name, Language lang, comms::Tone tone) {
  return std::string(domain::to_string(lang)) + "/" + std::string(comms::to_string(tone)) + "/" + name;
}

class ShippedLetters : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(test::tools_available({"pdfinfo", "pdftotext", "pdftoppm", "zbarimg"})); }
  test::ScratchDir scratch_;
};

// The firm reminders with three invoices, a fee and interest: one page by pdfinfo, and the
// GiroCode read back from page 1 with the exact payload.
TEST_F(ShippedLetters, FirmReminderWithThreeInvoicesFeeAndInterestIsOnePageWithTheGiroCode) {
  for (Language lang : kLanguages) {
    for (const char* name : {"first_reminder", "second_reminder", "final_notice"}) {
      const std::string what = describe(name, lang, comms::Tone::firm);
      const Composed c = compose(shipped(), name, lang, comms::Tone::firm, typical_items());
      ASSERT_EQ(c.letter.items.rows.size(), 5u);
      auto bytes = render_letter_pdf(c.letter);
      ASSERT_TRUE(bytes) << what << ": " << bytes.error().to_string();
      const auto pdf = scratch_.write(std::string(name) + "-" + std::string(domain::to_string(lang)) + ".pdf", *bytes);
      const std::string info = test::pdfinfo(pdf);
      EXPECT_NE(info.find("\nPages:           1\n"), std::string::npos) << what << "\n" << info;
      EXPECT_EQ(test::decode_qr_on_page(pdf, 1, scratch_), c.payload) << what;
      const std::string text = test::pdf_text(pdf);
      for (const std::string& expected :
           {std::string(lang == Language::de ? "Seite 1 von 1" : "Page 1 of 1"), std::string("RE-2026-005013"),
            std::string(lang == Language::de ? "1.731,20 €" : "€1,731.20"), std::string("RF"),
            std::string("https://portal.stadtwerke-beispielstadt.de/p/8f3k2xQ7mN4pL9vR2sT6wY")}) {
        EXPECT_NE(text.find(expected), std::string::npos) << what << ": missing " << expected << "\n" << text;
      }
    }
  }
}

// Every template that becomes a letter, in both languages and all tones, with the same
// items: one page each. A letter that needs two shows what went on to the second page.
TEST_F(ShippedLetters, EveryLetterTemplateFitsOnOnePage) {
  int letters = 0;
  for (Language lang : kLanguages) {
    for (comms::Tone tone : kTones) {
      for (auto name : comms::kMessageTemplates) {
        const std::string what = describe(std::string(name), lang, tone);
        const Composed c = compose(shipped(), std::string(name), lang, tone, typical_items());
        std::vector<int> pages;
        auto bytes = render_letters_pdf(std::span<const Letter>(&c.letter, 1), &pages);
        ASSERT_TRUE(bytes) << what << ": " << bytes.error().to_string();
        ASSERT_EQ(pages.size(), 1u);
        ++letters;
        if (pages.front() == 1) continue;
        const auto pdf = scratch_.write("overflow.pdf", *bytes);
        ADD_FAILURE() << what << " takes " << pages.front() << " pages; on page 2:\n" << test::pdf_text(pdf, 2, 2);
      }
    }
  }
  EXPECT_EQ(letters, static_cast<int>(2 * 3 * comms::kMessageTemplates.size()));
}

// A reminder with many items goes on to a second page; the payment box is never alone
// there: the reference request and the greeting come along, and the code reads back.
TEST_F(ShippedLetters, LongReminderKeepsTheClosingWithThePaymentBox) {
  for (Language lang : kLanguages) {
    std::vector<Item> items = typical_items();
    for (int i = 0; i < 9; ++i) {
      items.insert(items.begin() + 3, {domain::ItemKind::invoice, "RE-2026-0060" + std::to_string(10 + i), "2026-02-02",
                                       "2026-03-04", 5000 + i, 5000 + i});
    }
    const Composed c = compose(shipped(), "final_notice", lang, comms::Tone::firm, items);
    auto bytes = render_letter_pdf(c.letter);
    ASSERT_TRUE(bytes) << bytes.error().to_string();
    const auto pdf = scratch_.write("long-" + std::string(domain::to_string(lang)) + ".pdf", *bytes);
    ASSERT_EQ(test::pdf_page_count(pdf), 2);
    EXPECT_EQ(test::decode_qr_on_page(pdf, 2, scratch_), c.payload);
    const std::string page2 = test::pdf_text(pdf, 2, 2);
    const std::vector<std::string> expected =
        lang == Language::de
            ? std::vector<std::string>{"Seite 2 von 2", "Verwendungszweck nur", "Mit freundlichen Grüßen",
                                       "Bequem überweisen"}
            : std::vector<std::string>{"Page 2 of 2", "Please quote only", "Yours sincerely", "Pay by bank transfer"};
    for (const std::string& text : expected) {
      EXPECT_NE(page2.find(text), std::string::npos) << text << "\n" << page2;
    }
  }
}

}  // namespace
}  // namespace kulanz::documents
