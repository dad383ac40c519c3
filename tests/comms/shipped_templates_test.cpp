// The shipped default texts (data/templates/): valid, complete for every template, channel,
// language and tone the default strategies need, and rendered with a full value set.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "base/text.hpp"
#include "comms/shipped_templates.hpp"
#include "comms/templates.hpp"
#include "sample_values.hpp"

namespace kulanz::comms {
namespace {

using domain::Language;
using testing::sample_values;

constexpr std::array<Tone, 3> kTones = {Tone::friendly, Tone::neutral, Tone::firm};
constexpr std::array<Language, 2> kLanguages = {Language::de, Language::en};

bool contains(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

const TemplateSet& shipped() {
  static const TemplateSet set = [] {
    auto s = TemplateSet::shipped();
    if (!s) ADD_FAILURE() << s.error().detail;
    return s ? std::move(s).value() : TemplateSet{};
  }();
  return set;
}

std::string describe(const MessageKey& k) {
  return std::string(domain::to_string(k.language)) + "/" + std::string(to_string(k.tone)) + "/" + k.template_name + "." +
         std::string(to_string(k.channel));
}

// Every message of the shipped set: message templates by email, SMS and letter, call
// templates as call scripts; both languages, all tones.
std::vector<MessageKey> all_keys() {
  std::vector<MessageKey> keys;
  for (auto lang : kLanguages) {
    for (auto tone : kTones) {
      for (auto name : kMessageTemplates) {
        for (auto ch : {Channel::email, Channel::sms, Channel::letter}) keys.push_back({std::string(name), ch, lang, tone});
      }
      for (auto name : kCallTemplates) keys.push_back({std::string(name), Channel::call, lang, tone});
    }
  }
  return keys;
}

// The whole text a customer (or collector) gets for a message.
std::string whole(const RenderedMessage& m) { return m.subject + "\n" + m.html + "\n" + m.text + "\n" + m.body; }

TEST(ShippedTemplates, TheWholeSetValidates) {
  auto set = TemplateSet::shipped();
  ASSERT_TRUE(set) << set.error().detail;
  EXPECT_EQ(set->size(), shipped_template_files().size());
  EXPECT_EQ(set->size(), 2U * 3U * (10U * 6U + 4U * 1U));  // per language and tone: 10 messages x 6 parts, 4 call scripts
  for (const auto& f : shipped_template_files()) {
    auto path = parse_template_path(f.path);
    ASSERT_TRUE(path) << f.path;
    EXPECT_TRUE(check_template(f.path, f.text, path->part).empty()) << f.path;
  }
}

TEST(ShippedTemplates, EveryMessageExistsWithoutFallingBack) {
  for (const auto& k : all_keys()) {
    auto r = shipped().resolve(k);
    ASSERT_TRUE(r) << describe(k) << ": " << r.error().detail;
    EXPECT_EQ(r->language, k.language) << describe(k);
    EXPECT_EQ(r->tone, k.tone) << describe(k);
  }
}

// The template names and channels the default collection file uses all have shipped texts.
TEST(ShippedTemplates, CoverTheDefaultCollectionFile) {
  std::ifstream in(std::string(KULANZ_SOURCE_DIR) + "/data/collection/default.toml");
  ASSERT_TRUE(in) << "cannot read data/collection/default.toml";
  std::string line;
  std::vector<std::pair<std::string, std::vector<std::string>>> steps;  // template, channels
  std::vector<std::string> channels;
  std::string template_name;
  auto flush = [&] {
    if (!template_name.empty()) steps.emplace_back(template_name, channels);
    template_name.clear();
    channels.clear();
  };
  const std::regex template_re(R"re(^template\s*=\s*"([^"]+)")re");
  const std::regex channels_re(R"re(^channels\s*=\s*\[(.*)\])re");
  const std::regex quoted_re(R"re("([^"]+)")re");
  while (std::getline(in, line)) {
    std::smatch m;
    if (line.rfind("[[", 0) == 0) flush();
    if (std::regex_search(line, m, template_re)) template_name = m[1];
    if (std::regex_search(line, m, channels_re)) {
      std::string list = m[1];
      for (std::sregex_iterator it(list.begin(), list.end(), quoted_re), end; it != end; ++it) channels.push_back((*it)[1]);
    }
  }
  flush();
  ASSERT_GE(steps.size(), 30U);
  std::set<std::string> names;
  for (const auto& [name, chans] : steps) {
    names.insert(name);
    for (const auto& ch : chans) {
      auto channel = parse_channel(ch);
      ASSERT_TRUE(channel) << ch;
      for (auto lang : kLanguages) {
        for (auto tone : kTones) {
          MessageKey k{name, *channel, lang, tone};
          auto r = shipped().resolve(k);
          EXPECT_TRUE(r && !(r->language != lang || r->tone != tone)) << describe(k);
        }
      }
    }
  }
  for (auto expected : {"pre_due_reminder", "due_day_note", "first_reminder", "second_reminder", "final_notice", "statement",
                        "key_account_call", "key_account_escalation_call", "netting_call", "collection_call"}) {
    EXPECT_EQ(names.count(expected), 1U) << expected;
  }
}

TEST(ShippedTemplates, EveryMessageRendersCompletelyWithTheSampleValues) {
  for (bool several : {true, false}) {
    for (bool notice : {true, false}) {
      for (const auto& k : all_keys()) {
        auto values = sample_values(k.language, several);
        values.default_notice = notice;
        auto r = shipped().render(k, values);
        ASSERT_TRUE(r) << describe(k) << ": " << r.error().detail;
        std::string all = whole(*r);
        EXPECT_FALSE(contains(all, "{{")) << describe(k);
        EXPECT_FALSE(contains(all, "}}")) << describe(k);
        EXPECT_FALSE(contains(all, "\x1f")) << describe(k);
        EXPECT_TRUE(contains(all, values.portal_url)) << describe(k);
        EXPECT_TRUE(base::is_valid_utf8(all)) << describe(k);
        switch (k.channel) {
          case Channel::email:
            EXPECT_FALSE(r->subject.empty());
            EXPECT_FALSE(contains(r->subject, "\n"));
            EXPECT_TRUE(contains(r->html, values.portal_url)) << describe(k);
            EXPECT_TRUE(contains(r->text, values.portal_url)) << describe(k);
            EXPECT_TRUE(contains(r->text, values.iban) && contains(r->text, values.reference)) << describe(k);
            EXPECT_TRUE(contains(r->html, values.iban) && contains(r->html, values.reference)) << describe(k);
            EXPECT_TRUE(contains(r->html, "<a href=\"" + values.portal_url + "\"")) << describe(k);
            EXPECT_FALSE(contains(r->text, "\n\n\n")) << describe(k);
            break;
          case Channel::letter:
            EXPECT_FALSE(r->subject.empty());
            EXPECT_TRUE(contains(r->body, values.portal_url)) << describe(k);
            EXPECT_TRUE(contains(r->body, values.iban) && contains(r->body, values.reference)) << describe(k);
            EXPECT_FALSE(contains(r->body, "\n\n\n")) << describe(k);
            EXPECT_FALSE(contains(r->body, "<")) << describe(k);
            break;
          case Channel::sms:
            ASSERT_TRUE(r->sms.has_value());
            EXPECT_TRUE(contains(r->text, values.portal_url)) << describe(k);
            EXPECT_FALSE(contains(r->text, "\n")) << describe(k);
            break;
          case Channel::call:
            EXPECT_TRUE(contains(r->text, values.customer_number)) << describe(k);
            EXPECT_TRUE(contains(r->text, values.total_due)) << describe(k);
            EXPECT_TRUE(contains(r->text, values.reference)) << describe(k);
            break;
        }
      }
    }
  }
}

// Optional values left empty leave neither gaps nor dangling words.
TEST(ShippedTemplates, OptionalValuesCanBeLeftOut) {
  for (const auto& k : all_keys()) {
    auto values = sample_values(k.language);
    values.bic.clear();
    values.creditor_phone.clear();
    values.creditor_email.clear();
    values.interest_rate.clear();
    values.dispute_reference.clear();
    values.dispute_reply_by.clear();
    values.payables.clear();
    values.last_contact.clear();
    values.days_overdue.clear();
    values.has_fees = false;
    values.has_interest = false;
    values.default_notice = false;
    auto r = shipped().render(k, values);
    ASSERT_TRUE(r) << describe(k);
    std::string all = whole(*r);
    for (std::string_view bad : {"BIC", " .", " ,", "()", "<p></p>", "<br>\n</p>", "<br>\n<br>", "<p>\n<br>", "Mahnkosten", "Verzugszinsen",
                                 "fees:", "interest:", "E-Mail an ", "telefonisch unter", "by email to", "by phone on"}) {
      EXPECT_FALSE(contains(all, bad)) << describe(k) << ": '" << bad << "'\n" << all;
    }
    EXPECT_FALSE(contains(r->text, "\n\n\n") || contains(r->body, "\n\n\n")) << describe(k);
    if (k.channel != Channel::sms) {
      EXPECT_TRUE(contains(all, values.iban)) << describe(k);
    }
  }
}

TEST(ShippedTemplates, HtmlPartsAreBalanced) {
  for (const auto& k : all_keys()) {
    if (k.channel != Channel::email) continue;
    auto r = shipped().render(k, sample_values(k.language));
    ASSERT_TRUE(r);
    for (const char* tag : {"p", "ul", "li", "table", "tr", "a", "strong"}) {
      auto count = [&](const std::string& needle) {
        std::size_t n = 0;
        for (auto pos = r->html.find(needle); pos != std::string::npos; pos = r->html.find(needle, pos + 1)) ++n;
        return n;
      };
      EXPECT_EQ(count("<" + std::string(tag) + ">") + count("<" + std::string(tag) + " "), count("</" + std::string(tag) + ">"))
          << describe(k) << " <" << tag << ">";
    }
  }
}

// The reminders that can put a consumer in default say so exactly when the caller asks.
TEST(ShippedTemplates, DefaultNoticeOnlyWhenAsked) {
  for (const auto& k : all_keys()) {
    if (k.channel == Channel::call) continue;
    auto values = sample_values(k.language);
    bool reminder = k.template_name == "first_reminder" || k.template_name == "second_reminder" || k.template_name == "final_notice";
    values.default_notice = true;
    auto with = shipped().render(k, values);
    values.default_notice = false;
    auto without = shipped().render(k, values);
    ASSERT_TRUE(with && without);
    std::string mark = k.language == Language::de ? "§ 286" : "286";
    EXPECT_EQ(contains(whole(*with), mark), reminder) << describe(k);
    EXPECT_FALSE(contains(whole(*without), mark)) << describe(k);
    if (reminder && k.channel != Channel::sms) {
      EXPECT_TRUE(contains(whole(*with), k.language == Language::de ? "Verzugszinsen" : "default interest")) << describe(k);
    }
  }
}

TEST(ShippedTemplates, SmsStayShortAndGsm7) {
  for (const auto& k : all_keys()) {
    if (k.channel != Channel::sms) continue;
    for (bool several : {true, false}) {
      auto values = sample_values(k.language, several);
      values.default_notice = false;
      auto r = shipped().render(k, values);
      ASSERT_TRUE(r && r->sms);
      EXPECT_TRUE(r->sms->gsm7) << describe(k) << ": " << r->text;
      // Aim: one SMS for the text, plus the link.
      auto without_link = measure_sms(r->text.substr(0, r->text.find(values.portal_url)));
      EXPECT_LE(without_link.units, 160U) << describe(k) << ": " << r->text;
      EXPECT_LE(r->sms->segments, 2U) << describe(k);
      values.default_notice = true;
      auto noticed = shipped().render(k, values);
      ASSERT_TRUE(noticed && noticed->sms);
      EXPECT_TRUE(noticed->sms->gsm7) << describe(k);
      EXPECT_LE(noticed->sms->segments, 2U) << describe(k) << ": " << noticed->text;
    }
  }
}

TEST(ShippedTemplates, TonesAreRealVariants) {
  for (auto lang : kLanguages) {
    for (auto name : kMessageTemplates) {
      for (auto ch : {Channel::email, Channel::letter}) {
        auto values = sample_values(lang);
        auto friendly = shipped().render({std::string(name), ch, lang, Tone::friendly}, values);
        auto firm = shipped().render({std::string(name), ch, lang, Tone::firm}, values);
        ASSERT_TRUE(friendly && firm);
        EXPECT_NE(whole(*friendly), whole(*firm)) << name;
      }
    }
  }
}

TEST(ShippedTemplates, GermanTextsUseTheFormalSie) {
  const std::regex informal(R"((^|[^A-Za-zÄÖÜäöüß])(du|dich|dir|dein|deine|deinen|deinem|deiner|euch|euer)([^A-Za-zÄÖÜäöüß]|$))");
  for (const auto& k : all_keys()) {
    if (k.language != Language::de) continue;
    auto r = shipped().render(k, sample_values(Language::de));
    ASSERT_TRUE(r);
    EXPECT_FALSE(std::regex_search(whole(*r), informal)) << describe(k);
    EXPECT_TRUE(contains(whole(*r), "Sie") || contains(whole(*r), "Ihr")) << describe(k);
  }
}

// A few complete outputs, byte for byte (umlauts, euro sign, the dash and quotes included).
TEST(ShippedTemplates, ExactOutputs) {
  auto de = sample_values(Language::de, false);
  de.default_notice = false;
  auto sms = shipped().render({"first_reminder", Channel::sms, Language::de, Tone::friendly}, de);
  ASSERT_TRUE(sms);
  EXPECT_EQ(sms->text,
            "Stadtwerke Beispielstadt: Ihre Zahlung über 104,07 € ist noch offen - vielleicht übersehen? Bitte bis 07.12.2026 "
            "zahlen, gern auch in Raten. Alles Weitere: https://portal.stadtwerke-beispielstadt.de/p/8f3k2x");
  EXPECT_EQ(sms->sms->characters, 207U);

  auto letter = shipped().render({"final_notice", Channel::letter, Language::de, Tone::firm}, de);
  ASSERT_TRUE(letter);
  EXPECT_EQ(letter->subject, "Letzte Mahnung \xE2\x80\x93 Kundennummer K-10023");
  EXPECT_TRUE(contains(letter->body, "Sehr geehrte Frau M\xC3\xBCller,\n\ntrotz mehrerer Erinnerungen ist Ihre Rechnung 2026-1042 seit dem "
                                     "31.10.2026 offen.\n\n"))
      << letter->body;
  EXPECT_TRUE(contains(letter->body, "Bitte geben Sie als Verwendungszweck nur \xE2\x80\x9ERF18 5390 0754 7034\xE2\x80\x9C an"))
      << letter->body;
  EXPECT_TRUE(contains(letter->body, "\n\nMit freundlichen Gr\xC3\xBC\xC3\x9F" "en\nStadtwerke Beispielstadt")) << letter->body;

  auto en = sample_values(Language::en);
  auto mail = shipped().render({"first_reminder", Channel::email, Language::en, Tone::neutral}, en);
  ASSERT_TRUE(mail);
  EXPECT_EQ(mail->subject, "Payment reminder");
  EXPECT_TRUE(contains(mail->text, "Dear Ms Müller,\n\nAccording to our records, your invoices 2026-1042, 2026-1077 have not been paid yet.\n\n"
                                   "- Invoice 2026-1042 dated 01/10/2026 for €123.45, due 31/10/2026, outstanding: €98.45\n"
                                   "- Invoice 2026-1077 dated 15/10/2026 for €1,139.23, due 14/11/2026, outstanding: €1,139.23\n\n"
                                   "Total due: €1,243.30\nincluding fees: €2.50\nincluding default interest: €3.12\n\n"
                                   "Please transfer the €1,243.30 outstanding by 07/12/2026.\n\n"
                                   "Legal note: with this reminder you are in default of payment"))
      << mail->text;
  EXPECT_TRUE(contains(mail->html, "<tr><td>2026-1077</td><td>15/10/2026</td><td>14/11/2026</td><td align=\"right\">€1,139.23</td>"))
      << mail->html;
}

}  // namespace
}  // namespace kulanz::comms
