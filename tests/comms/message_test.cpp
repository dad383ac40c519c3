// Template file paths and the fallback chain.
#include <gtest/gtest.h>

#include "comms/message.hpp"

namespace kulanz::comms {
namespace {

using domain::Language;

TEST(TemplatePath, ComposesTheDocumentedLayout) {
  EXPECT_EQ(template_path("first_reminder", Channel::email, Part::subject, Language::de, Tone::friendly),
            "de/friendly/first_reminder.email.subject.mustache");
  EXPECT_EQ(template_path("key_account_call", Channel::call, Part::text, Language::en, Tone::firm),
            "en/firm/key_account_call.call.text.mustache");
}

TEST(TemplatePath, ParsesBackIncludingNamesWithDots) {
  auto p = parse_template_path("en/neutral/reminder.v2.letter.body.mustache");
  ASSERT_TRUE(p) << p.error().detail;
  EXPECT_EQ(p->language, Language::en);
  EXPECT_EQ(p->tone, Tone::neutral);
  EXPECT_EQ(p->template_name, "reminder.v2");
  EXPECT_EQ(p->channel, Channel::letter);
  EXPECT_EQ(p->part, Part::body);
}

TEST(TemplatePath, RejectsWhatIsNotATemplateFile) {
  struct Case {
    const char* path;
    const char* says;
  };
  for (auto c : {Case{"fr/neutral/x.email.text.mustache", "'fr' is not a language"},
                 Case{"de/grumpy/x.email.text.mustache", "'grumpy' is not a tone"},
                 Case{"de/firm/x.fax.text.mustache", "'fax' is not a channel"},
                 Case{"de/firm/x.email.footer.mustache", "'footer' is not a part"},
                 Case{"de/firm/x.sms.subject.mustache", "the sms channel has no part 'subject'; its parts are: text"},
                 Case{"de/firm/x.letter.html.mustache", "its parts are: subject, body"},
                 Case{"de/firm/x.email.text.txt", "ends with .mustache"},
                 Case{"de/firm/extra/x.email.text.mustache", "not a template file name"},
                 Case{"x.email.text.mustache", "not a template file name"},
                 Case{"de/firm/email.text.mustache", "no channel and part"},
                 Case{"de/firm/bad name.email.text.mustache", "is not a template name"}}) {
    auto p = parse_template_path(c.path);
    ASSERT_FALSE(p) << c.path;
    EXPECT_EQ(p.error().code, base::ErrorCode::template_invalid);
    EXPECT_NE(p.error().detail.find(c.says), std::string::npos) << c.path << ": " << p.error().detail;
  }
}

TEST(FallbackChain, LanguageToneThenLanguageNeutralThenEnglishNeutral) {
  using Step = std::pair<Language, Tone>;
  EXPECT_EQ(fallback_chain(Language::de, Tone::firm),
            (std::vector<Step>{{Language::de, Tone::firm}, {Language::de, Tone::neutral}, {Language::en, Tone::neutral}}));
  EXPECT_EQ(fallback_chain(Language::de, Tone::neutral), (std::vector<Step>{{Language::de, Tone::neutral}, {Language::en, Tone::neutral}}));
  EXPECT_EQ(fallback_chain(Language::en, Tone::friendly), (std::vector<Step>{{Language::en, Tone::friendly}, {Language::en, Tone::neutral}}));
  EXPECT_EQ(fallback_chain(Language::en, Tone::neutral), (std::vector<Step>{{Language::en, Tone::neutral}}));
}

TEST(Parts, EachChannelHasItsParts) {
  EXPECT_EQ(parts_of(Channel::email), (std::vector<Part>{Part::subject, Part::html, Part::text}));
  EXPECT_EQ(parts_of(Channel::sms), (std::vector<Part>{Part::text}));
  EXPECT_EQ(parts_of(Channel::letter), (std::vector<Part>{Part::subject, Part::body}));
  EXPECT_EQ(parts_of(Channel::call), (std::vector<Part>{Part::text}));
}

TEST(Names, ParseAndPrint) {
  for (auto c : {Channel::email, Channel::sms, Channel::letter, Channel::call}) EXPECT_EQ(*parse_channel(to_string(c)), c);
  for (auto t : {Tone::friendly, Tone::neutral, Tone::firm}) EXPECT_EQ(*parse_tone(to_string(t)), t);
  for (auto p : {Part::subject, Part::html, Part::text, Part::body}) EXPECT_EQ(*parse_part(to_string(p)), p);
  EXPECT_FALSE(parse_tone("Firm"));
  EXPECT_TRUE(is_template_name("key_account_escalation_call"));
  EXPECT_FALSE(is_template_name(""));
  EXPECT_FALSE(is_template_name(std::string(65, 'a')));
  EXPECT_FALSE(is_template_name("a/b"));
}

}  // namespace
}  // namespace kulanz::comms
