// TemplateSet: building from files, the fallback chain, overlays, escaping, and the shape of
// rendered output (in-memory templates and the shipped set).
#include <gtest/gtest.h>

#include <deque>
#include <string>
#include <vector>

#include "comms/templates.hpp"
#include "sample_values.hpp"

namespace kulanz::comms {
namespace {

using domain::Language;
using testing::sample_values;

bool contains(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

MessageKey key(std::string name, Channel channel, Language lang, Tone tone) { return MessageKey{std::move(name), channel, lang, tone}; }

TemplateSet shipped() {
  auto set = TemplateSet::shipped();
  EXPECT_TRUE(set) << set.error().detail;
  return set ? std::move(set).value() : TemplateSet{};
}

std::vector<TemplateFile> email(std::string_view step, std::string_view subject) {
  static std::deque<std::string> keep;  // the paths outlive the views into them
  keep.push_back(std::string(step) + "/note.email.subject.mustache");
  std::string_view s = keep.back();
  keep.push_back(std::string(step) + "/note.email.html.mustache");
  std::string_view h = keep.back();
  keep.push_back(std::string(step) + "/note.email.text.mustache");
  std::string_view t = keep.back();
  return {{s, subject}, {h, "<p>{{customer_name}}</p>"}, {t, "{{customer_name}}"}};
}

TEST(TemplateSet, FromFilesReportsEveryProblemWithFileAndLine) {
  std::vector<TemplateFile> files = {
      {"de/firm/first_reminder.sms.text.mustache", "Hallo\n{{totl_due}}\n"},
      {"de/firm/first_reminder.letter.subject.mustache", "Mahnung {{#items}}"},
      {"de/firm/first_reminder.letter.body.mustache", "{{salutation}},\n\n{{custmer_number}}\n"},
      {"de/grumpy/first_reminder.sms.text.mustache", "x"},
  };
  auto set = TemplateSet::from_files(files);
  ASSERT_FALSE(set);
  const auto& e = set.error();
  EXPECT_EQ(e.code, base::ErrorCode::template_invalid);
  EXPECT_EQ(e.location, "de/firm/first_reminder.letter.body.mustache:3");
  std::vector<std::string> lines;
  std::string::size_type start = 0;
  while (start <= e.detail.size()) {
    auto end = e.detail.find('\n', start);
    lines.push_back(e.detail.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  ASSERT_EQ(lines.size(), 4U) << e.detail;
  EXPECT_TRUE(lines[0].rfind("de/firm/first_reminder.letter.body.mustache:3: unknown variable 'custmer_number' (did you mean 'customer_number'?)", 0) == 0) << lines[0];
  EXPECT_EQ(lines[1], "de/firm/first_reminder.letter.subject.mustache:1: section '{{#items}}' is not closed: add '{{/items}}'");
  EXPECT_TRUE(lines[2].rfind("de/firm/first_reminder.sms.text.mustache:2: unknown variable 'totl_due' (did you mean 'total_due'?)", 0) == 0) << lines[2];
  EXPECT_TRUE(lines[3].rfind("de/grumpy/first_reminder.sms.text.mustache: 'grumpy' is not a tone", 0) == 0) << lines[3];
}

TEST(TemplateSet, AMessageNeedsAllPartsOfItsChannel) {
  std::vector<TemplateFile> files = {{"en/neutral/note.email.subject.mustache", "Hello"},
                                     {"en/neutral/note.email.text.mustache", "Hello {{customer_name}}"}};
  auto set = TemplateSet::from_files(files);
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error().detail,
            "en/neutral/note.email.html.mustache: missing: the email message 'note' in en/neutral needs all of subject, html, text "
            "(found: subject, text); add this part or remove the others");
}

TEST(TemplateSet, EmptyAndDuplicateFilesAreErrors) {
  std::vector<TemplateFile> files = {{"en/neutral/note.sms.text.mustache", "  \n"},
                                     {"en/neutral/other.sms.text.mustache", "a"},
                                     {"en/neutral/other.sms.text.mustache", "b"}};
  auto set = TemplateSet::from_files(files);
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error().detail,
            "en/neutral/note.sms.text.mustache: the file is empty; write the text of this part\n"
            "en/neutral/other.sms.text.mustache: given twice; keep one of them");
}

TEST(TemplateSet, OnlyEnglishNeutralServesGermanFirm) {
  auto set = TemplateSet::from_files(email("en/neutral", "Reminder"));
  ASSERT_TRUE(set) << set.error().detail;
  auto r = set->render(key("note", Channel::email, Language::de, Tone::firm), sample_values(Language::de));
  ASSERT_TRUE(r) << r.error().detail;
  EXPECT_EQ(r->language, Language::en);
  EXPECT_EQ(r->tone, Tone::neutral);
  EXPECT_TRUE(r->fell_back);
  EXPECT_EQ(r->subject, "Reminder");
  EXPECT_EQ(r->text, "Anna Müller");
  ASSERT_EQ(r->used.size(), 3U);
  EXPECT_EQ(r->used[0].path, "en/neutral/note.email.subject.mustache");
  EXPECT_EQ(r->used[1].path, "en/neutral/note.email.html.mustache");
  EXPECT_EQ(r->used[2].path, "en/neutral/note.email.text.mustache");
}

TEST(TemplateSet, TheLanguagesNeutralToneComesBeforeEnglish) {
  auto files = email("en/neutral", "Reminder");
  auto de_neutral = email("de/neutral", "Erinnerung");
  files.insert(files.end(), de_neutral.begin(), de_neutral.end());
  auto set = TemplateSet::from_files(files);
  ASSERT_TRUE(set) << set.error().detail;
  auto r = set->render(key("note", Channel::email, Language::de, Tone::firm), sample_values(Language::de));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->subject, "Erinnerung");
  EXPECT_EQ(r->language, Language::de);
  EXPECT_EQ(r->tone, Tone::neutral);
  // The asked-for step itself wins when it exists.
  auto exact = set->render(key("note", Channel::email, Language::en, Tone::neutral), sample_values(Language::en));
  ASSERT_TRUE(exact);
  EXPECT_FALSE(exact->fell_back);
}

TEST(TemplateSet, NothingInTheChainIsTemplateMissing) {
  auto set = TemplateSet::from_files(email("de/friendly", "Hallo"));
  ASSERT_TRUE(set);
  auto r = set->render(key("note", Channel::email, Language::de, Tone::firm), sample_values(Language::de));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, base::ErrorCode::template_missing);
  EXPECT_EQ(r.error().detail,
            "no email template 'note' for de/firm; looked for de/firm/note.email.*, de/neutral/note.email.*, en/neutral/note.email.*");
  auto other = set->resolve(key("unknown_name", Channel::sms, Language::en, Tone::neutral));
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().detail, "no sms template 'unknown_name' for en/neutral; looked for en/neutral/unknown_name.sms.*");
  EXPECT_FALSE(TemplateSet{}.resolve(key("note", Channel::sms, Language::de, Tone::neutral)));
}

TEST(TemplateSet, OverlayRemovingGermanFirmFallsBackToGermanNeutral) {
  auto base = shipped();
  std::vector<TemplateFile> removal = {{"de/firm/first_reminder.email.subject.mustache", ""},
                                       {"de/firm/first_reminder.email.html.mustache", ""},
                                       {"de/firm/first_reminder.email.text.mustache", "\n"}};
  auto set = base.overlay(removal);
  ASSERT_TRUE(set) << set.error().detail;
  EXPECT_FALSE(set->contains("de/firm/first_reminder.email.text.mustache"));
  auto values = sample_values(Language::de);
  auto r = set->render(key("first_reminder", Channel::email, Language::de, Tone::firm), values);
  ASSERT_TRUE(r) << r.error().detail;
  EXPECT_EQ(r->tone, Tone::neutral);
  EXPECT_EQ(r->used[0].path, "de/neutral/first_reminder.email.subject.mustache");
  auto neutral = base.render(key("first_reminder", Channel::email, Language::de, Tone::neutral), values);
  ASSERT_TRUE(neutral);
  EXPECT_EQ(r->text, neutral->text);
  // Other channels of the same step are untouched, and so is the base set.
  auto letter = set->render(key("first_reminder", Channel::letter, Language::de, Tone::firm), values);
  ASSERT_TRUE(letter);
  EXPECT_EQ(letter->tone, Tone::firm);
  EXPECT_TRUE(base.contains("de/firm/first_reminder.email.text.mustache"));
}

TEST(TemplateSet, OverlayReplacesOnePartOnly) {
  auto base = shipped();
  std::vector<TemplateFile> mine = {{"de/friendly/first_reminder.email.subject.mustache", "Kurze Erinnerung von {{creditor_name}}\n"}};
  auto set = base.overlay(mine);
  ASSERT_TRUE(set) << set.error().detail;
  auto values = sample_values(Language::de);
  auto k = key("first_reminder", Channel::email, Language::de, Tone::friendly);
  auto before = base.render(k, values);
  auto after = set->render(k, values);
  ASSERT_TRUE(before && after);
  EXPECT_EQ(after->subject, "Kurze Erinnerung von Stadtwerke Beispielstadt");
  EXPECT_NE(before->subject, after->subject);
  EXPECT_EQ(after->html, before->html);
  EXPECT_EQ(after->text, before->text);
  ASSERT_EQ(after->used.size(), 3U);
  EXPECT_TRUE(after->used[0].creditor_text);
  EXPECT_FALSE(after->used[1].creditor_text);
  EXPECT_FALSE(after->used[2].creditor_text);
  EXPECT_EQ(after->used[0].path, "de/friendly/first_reminder.email.subject.mustache");
}

TEST(TemplateSet, OverlayCanAddATemplateOfItsOwn) {
  auto set = shipped().overlay(std::vector<TemplateFile>{{"de/neutral/welcome.sms.text.mustache", "Willkommen, {{customer_name}}! {{portal_url}}"}});
  ASSERT_TRUE(set) << set.error().detail;
  auto r = set->render(key("welcome", Channel::sms, Language::de, Tone::friendly), sample_values(Language::de));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->text, "Willkommen, Anna Müller! https://portal.stadtwerke-beispielstadt.de/p/8f3k2x");
  EXPECT_TRUE(r->used[0].creditor_text);
}

TEST(TemplateSet, OverlayErrorsNameTheCreditorsFiles) {
  auto base = shipped();
  std::vector<TemplateFile> bad = {{"de/firm/final_notice.letter.body.mustache", "{{salutation}},\n\n{{ammount_due}}\n"},
                                   {"de/firm/second_reminder.email.html.mustache", ""},
                                   {"de/firm/second_reminder.sms.text.mustache", "{{#has_fees}}"}};
  auto set = base.overlay(bad);
  ASSERT_FALSE(set);
  const auto& detail = set.error().detail;
  EXPECT_TRUE(contains(detail, "de/firm/final_notice.letter.body.mustache:3: unknown variable 'ammount_due'")) << detail;
  EXPECT_TRUE(contains(detail, "de/firm/second_reminder.email.html.mustache: missing: the email message 'second_reminder' in de/firm needs all of "
                               "subject, html, text (found: subject, text)"))
      << detail;
  EXPECT_TRUE(contains(detail, "de/firm/second_reminder.sms.text.mustache:1: section '{{#has_fees}}' is not closed")) << detail;
}

TEST(Rendering, HtmlPartsEscapeValuesPlainPartsDoNot) {
  auto base = shipped();
  auto values = sample_values(Language::de);
  values.customer_name = "<script>alert(\"x\")</script> & Söhne";
  values.salutation = "Sehr geehrte Damen und Herren von <b>Müller & Co</b>";
  auto mail = base.render(key("first_reminder", Channel::email, Language::de, Tone::neutral), values);
  ASSERT_TRUE(mail) << mail.error().detail;
  EXPECT_TRUE(contains(mail->html, "Sehr geehrte Damen und Herren von &lt;b&gt;Müller &amp; Co&lt;/b&gt;,")) << mail->html;
  EXPECT_FALSE(contains(mail->html, "<b>Müller"));
  EXPECT_TRUE(contains(mail->text, "Sehr geehrte Damen und Herren von <b>Müller & Co</b>,")) << mail->text;

  auto call = base.render(key("collection_call", Channel::call, Language::de, Tone::neutral), values);
  ASSERT_TRUE(call);
  EXPECT_TRUE(contains(call->text, "Kunde: <script>alert(\"x\")</script> & Söhne, Kundennummer K-10023")) << call->text;

  // An HTML part of a creditor's own that shows the name.
  auto own = base.overlay(std::vector<TemplateFile>{{"en/neutral/hello.email.subject.mustache", "Hello {{customer_name}}"},
                                                    {"en/neutral/hello.email.html.mustache", "<p>{{customer_name}}</p>"},
                                                    {"en/neutral/hello.email.text.mustache", "{{customer_name}}"},
                                                    {"en/neutral/hello.sms.text.mustache", "{{customer_name}}"}});
  ASSERT_TRUE(own) << own.error().detail;
  auto hello = own->render(key("hello", Channel::email, Language::en, Tone::neutral), values);
  ASSERT_TRUE(hello);
  EXPECT_EQ(hello->html, "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Söhne</p>");
  EXPECT_EQ(hello->text, "<script>alert(\"x\")</script> & Söhne");
  EXPECT_EQ(hello->subject, "Hello <script>alert(\"x\")</script> & Söhne");
  auto sms = own->render(key("hello", Channel::sms, Language::en, Tone::neutral), values);
  ASSERT_TRUE(sms);
  EXPECT_EQ(sms->text, "<script>alert(\"x\")</script> & Söhne");
}

TEST(Rendering, GermanUmlautsSurviveByteExact) {
  auto set = TemplateSet::from_files(std::vector<TemplateFile>{
      {"de/neutral/gruss.sms.text.mustache", "Grüße an {{customer_name}} – {{creditor_name}}"},
      {"de/neutral/gruss.email.subject.mustache", "Für {{customer_name}}"},
      {"de/neutral/gruss.email.html.mustache", "<p>Schöne Grüße, {{customer_name}}</p>"},
      {"de/neutral/gruss.email.text.mustache", "Schöne Grüße, {{customer_name}}"}});
  ASSERT_TRUE(set) << set.error().detail;
  Values v;
  v.customer_name = "J\xC3\xBCrgen M\xC3\xBC\xC3\x9Fig";  // Jürgen Müßig
  v.creditor_name = "Stadtwerke \xC3\x96hringen";          // Öhringen
  auto sms = set->render(key("gruss", Channel::sms, Language::de, Tone::neutral), v);
  ASSERT_TRUE(sms);
  EXPECT_EQ(sms->text, "Gr\xC3\xBC\xC3\x9F" "e an J\xC3\xBCrgen M\xC3\xBC\xC3\x9Fig \xE2\x80\x93 Stadtwerke \xC3\x96hringen");
  ASSERT_TRUE(sms->sms.has_value());
  EXPECT_EQ(sms->sms->characters, 43U);
  EXPECT_FALSE(sms->sms->gsm7);  // the dash in this template
  auto mail = set->render(key("gruss", Channel::email, Language::de, Tone::neutral), v);
  ASSERT_TRUE(mail);
  EXPECT_EQ(mail->subject, "F\xC3\xBCr J\xC3\xBCrgen M\xC3\xBC\xC3\x9Fig");
  EXPECT_EQ(mail->html, "<p>Sch\xC3\xB6ne Gr\xC3\xBC\xC3\x9F" "e, J\xC3\xBCrgen M\xC3\xBC\xC3\x9Fig</p>");
}

TEST(Rendering, AbsentValuesAndSectionsLeaveNoEmptyLines) {
  auto set = TemplateSet::from_files(std::vector<TemplateFile>{{"en/neutral/pay.letter.subject.mustache", "Payment\n"},
                                                               {"en/neutral/pay.letter.body.mustache",
                                                                "{{salutation}},\n"
                                                                "\n"
                                                                "Total due: {{total_due}}\n"
                                                                "{{#has_fees}}\n"
                                                                "including fees: {{fees}}\n"
                                                                "{{/has_fees}}\n"
                                                                "{{#has_interest}}\n"
                                                                "including interest: {{interest}}\n"
                                                                "{{/has_interest}}\n"
                                                                "\n"
                                                                "IBAN: {{iban}}\n"
                                                                "{{#bic}}BIC: {{bic}}{{/bic}}\n"
                                                                "Reference: {{reference}}\n"
                                                                "\n"
                                                                "{{#default_notice}}\n"
                                                                "Default notice.\n"
                                                                "{{/default_notice}}\n"
                                                                "\n"
                                                                "{{#items}}\n"
                                                                "- {{number}} due {{due_date}}\n"
                                                                "{{/items}}\n"
                                                                "\n"
                                                                "Kind regards   \n"}});
  ASSERT_TRUE(set) << set.error().detail;
  Values v;
  v.salutation = "Dear Mr Smith";
  v.total_due = "€10.00";
  v.has_fees = true;
  v.fees = "€2.50";
  v.iban = "DE02 1203 0000 0000 2020 51";
  v.reference = "RF18 5390 0754 7034";
  v.due_date = "01/12/2026";                              // must not show in the item below
  v.items.push_back({"A-1", "", "", "€7.50", "€7.50"});  // an item without dates
  auto r = set->render(key("pay", Channel::letter, Language::en, Tone::neutral), v);
  ASSERT_TRUE(r) << r.error().detail;
  EXPECT_EQ(r->subject, "Payment");
  EXPECT_EQ(r->body,
            "Dear Mr Smith,\n"
            "\n"
            "Total due: €10.00\n"
            "including fees: €2.50\n"
            "\n"
            "IBAN: DE02 1203 0000 0000 2020 51\n"
            "Reference: RF18 5390 0754 7034\n"
            "\n"
            "- A-1 due\n"
            "\n"
            "Kind regards");
}

TEST(Rendering, SubjectsAreOneLine) {
  auto set = TemplateSet::from_files(std::vector<TemplateFile>{{"en/neutral/x.letter.subject.mustache", "  Reminder\n{{#has_fees}}\nwith fees\n{{/has_fees}}\n"},
                                                               {"en/neutral/x.letter.body.mustache", "x"}});
  ASSERT_TRUE(set);
  Values v;
  v.has_fees = true;
  auto r = set->render(key("x", Channel::letter, Language::en, Tone::neutral), v);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->subject, "Reminder with fees");
}

}  // namespace
}  // namespace kulanz::comms
