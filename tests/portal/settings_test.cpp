// The portal file: the shipped default, every field, and the diagnostics of bad files.
#include <gtest/gtest.h>

#include <string>

#include "portal/settings.hpp"

namespace kulanz::portal {
namespace {

std::string errors_of(const SettingsResult& r) {
  std::string s;
  for (const auto& e : r.errors) s += e.to_string() + "\n";
  return s;
}

// A minimal valid file with `extra` appended.
SettingsResult parse(const std::string& extra) { return parse_portal_settings(extra, "portal.toml"); }

TEST(PortalSettings, ShippedDefaultParsesWithEveryPart) {
  auto r = parse_portal_settings(builtin_portal_text(), "default.toml");
  ASSERT_TRUE(r.settings) << errors_of(r);
  const auto& s = *r.settings;
  EXPECT_EQ(s.currency.code(), "EUR");
  EXPECT_EQ(s.check, domain::IdentityCheck::postal_code);
  EXPECT_EQ(s.check_limits.max_failures, 5);
  EXPECT_EQ(s.check_limits.window_seconds, 900);
  EXPECT_EQ(s.check_limits.lock_seconds, 900);
  EXPECT_TRUE(s.plan.enabled);
  EXPECT_EQ(s.plan.max_months, 6);
  EXPECT_EQ(s.plan.min_instalment_minor, 2500);
  EXPECT_EQ(s.plan.max_total_minor, 500000);
  EXPECT_FALSE(s.plan.interest_accrues);
  EXPECT_EQ(s.promise.max_days, 14);
  EXPECT_EQ(s.methods.size(), 5u);
  EXPECT_TRUE(s.offers(PaymentMethod::direct_debit));
  ASSERT_EQ(s.callback.windows.size(), 5u);
  EXPECT_EQ(s.callback.windows[0].label(), "08:00-10:00");
  EXPECT_EQ(s.callback.days_ahead, 10);
  EXPECT_EQ(s.dispute_reasons.size(), 6u);
  ASSERT_NE(s.dispute_reason("already_paid"), nullptr);
  EXPECT_EQ(s.dispute_reason("already_paid")->label.en, "Already paid");
  EXPECT_EQ(s.credit_note_reasons.size(), 3u);
  for (const char* topic : {"fees", "interest", "mandate", "plan", "promise", "dispute"}) {
    EXPECT_FALSE(s.answers_for(topic).empty()) << topic;
  }
  for (const auto& a : s.answers) {
    EXPECT_FALSE(a.title.de.empty() || a.title.en.empty() || a.text.de.empty() || a.text.en.empty()) << a.id;
  }
  EXPECT_EQ(&builtin_portal_settings(), &builtin_portal_settings());
  EXPECT_EQ(builtin_portal_settings().answers.size(), s.answers.size());
}

TEST(PortalSettings, AnEmptyFileMeansTheDefaultsOfEachPart) {
  auto r = parse("");
  ASSERT_TRUE(r.settings) << errors_of(r);
  EXPECT_EQ(r.settings->methods.size(), 1u);
  EXPECT_TRUE(r.settings->offers(PaymentMethod::transfer));
  EXPECT_TRUE(r.settings->answers.empty());
  EXPECT_EQ(r.settings->callback.windows.size(), 3u);
}

TEST(PortalSettings, EveryFieldIsRead) {
  auto r = parse(R"(currency = "EUR"
[check]
kind = "birth_date"
max_failures = 3
window_minutes = 10
lock_minutes = 60
[plan]
enabled = false
max_months = 12
min_instalment = "50,00"
down_payment_percent = 20
max_total = "0"
interest_accrues = true
[promise]
enabled = false
max_days = 30
[payment]
methods = ["card", "transfer"]
[callback]
windows = ["09:30-11:00"]
days_ahead = 3
[[credit_note_reason]]
code = "other"
de = "Anderer Grund"
en = "Other reason"
[[answer]]
id = "opening-hours"
topics = ["callback"]
de.title = "Wann sind Sie erreichbar?"
de.text = "Werktags von 8 bis 18 Uhr."
en.title = "When can I reach you?"
en.text = "Business days from 8 am to 6 pm."
)");
  ASSERT_TRUE(r.settings) << errors_of(r);
  const auto& s = *r.settings;
  EXPECT_EQ(s.check, domain::IdentityCheck::birth_date);
  EXPECT_EQ(s.check_limits.max_failures, 3);
  EXPECT_EQ(s.check_limits.window_seconds, 600);
  EXPECT_EQ(s.check_limits.lock_seconds, 3600);
  EXPECT_FALSE(s.plan.enabled);
  EXPECT_EQ(s.plan.max_months, 12);
  EXPECT_EQ(s.plan.min_instalment_minor, 5000);
  EXPECT_EQ(s.plan.down_payment_percent, 20);
  EXPECT_EQ(s.plan.max_total_minor, 0);
  EXPECT_TRUE(s.plan.interest_accrues);
  EXPECT_FALSE(s.promise.enabled);
  EXPECT_EQ(s.promise.max_days, 30);
  ASSERT_EQ(s.methods.size(), 2u);
  EXPECT_EQ(s.methods[0], PaymentMethod::card);
  ASSERT_EQ(s.callback.windows.size(), 1u);
  EXPECT_EQ(s.callback.windows[0].from_minute, 9 * 60 + 30);
  EXPECT_EQ(s.callback.windows[0].label(), "09:30-11:00");
  EXPECT_TRUE(s.dispute_reasons.empty());
  ASSERT_EQ(s.credit_note_reasons.size(), 1u);
  EXPECT_EQ(s.credit_note_reasons[0].label.in(domain::Language::en), "Other reason");
  ASSERT_NE(s.answer("opening-hours"), nullptr);
  EXPECT_EQ(s.answers_for("callback").size(), 1u);
}

struct BadCase {
  const char* text;
  const char* expected;  // part of the first diagnostic
};

class PortalSettingsErrors : public ::testing::TestWithParam<BadCase> {};

TEST_P(PortalSettingsErrors, NameThePlaceAndTheFix) {
  auto r = parse(GetParam().text);
  EXPECT_FALSE(r.settings);
  ASSERT_FALSE(r.errors.empty());
  EXPECT_NE(r.errors[0].to_string().find(GetParam().expected), std::string::npos) << errors_of(r);
  EXPECT_EQ(r.errors[0].file, "portal.toml");
  EXPECT_GT(r.errors[0].pos.line, 0);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, PortalSettingsErrors,
    ::testing::Values(
        BadCase{"[check\n", "fix the TOML syntax"},
        BadCase{"colour = 1\n", "portal.toml:1:10: unknown key 'colour' in the top level"},
        BadCase{"currency = \"XXY\"\n", "unknown currency 'XXY'"},
        BadCase{"[check]\nkind = \"shoe_size\"\n", "portal.toml:2:8: check.kind 'shoe_size' is unknown; choose postal_code"},
        BadCase{"[check]\nmax_failures = 0\n", "check.max_failures is 0; allowed are 1 to 20"},
        BadCase{"[plan]\nmax_months = 61\n", "plan.max_months is 61; allowed are 1 to 60"},
        BadCase{"[plan]\nmin_instalment = 25.0\n", "plan.min_instalment must be an amount in quotes"},
        BadCase{"[plan]\nmin_instalment = \"25.001\"\n", "is not an amount of 0 or more in EUR"},
        BadCase{"[plan]\nmin_instalment = \"0\"\n", "plan.min_instalment must be more than 0"},
        BadCase{"[plan]\ninterest_accrues = \"yes\"\n", "plan.interest_accrues must be true or false"},
        BadCase{"[promise]\nmax_days = 365\n", "promise.max_days is 365"},
        BadCase{"[payment]\nmethods = [\"cash\"]\n", "payment method 'cash' is unknown"},
        BadCase{"[payment]\nmethods = [\"card\", \"card\"]\n", "listed twice"},
        BadCase{"[payment]\nmethods = []\n", "offer at least \"transfer\""},
        BadCase{"[payment]\ncreditor_identifier = \"DE97ZZZ09999999999\"\n", "portal.toml:2:23: payment.creditor_identifier 'DE97ZZZ09999999999' is not a valid SEPA creditor identifier"},
        BadCase{"[payment]\ncreditor_identifier = \"DE98ZZZ0999-999999\"\n", "is not a valid SEPA creditor identifier"},
        BadCase{"[callback]\nwindows = [\"18:00-08:00\"]\n", "callback window '18:00-08:00' is not a time range"},
        BadCase{"[[dispute_reason]]\ncode = \"Bad Code\"\nde = \"x\"\nen = \"y\"\n", "must be 1 to 40 of a-z"},
        BadCase{"[[dispute_reason]]\ncode = \"a\"\nde = \"x\"\n", "dispute_reason.en is missing"},
        BadCase{"[[dispute_reason]]\ncode = \"a\"\nde = \"x\"\nen = \"y\"\n[[dispute_reason]]\ncode = \"a\"\nde = \"x\"\nen = \"y\"\n",
                "is used twice"},
        BadCase{"dispute_reason = 3\n", "must be tables written as [[dispute_reason]]"},
        BadCase{"[[answer]]\nid = \"x\"\ntopics = [\"weather\"]\nde.title = \"t\"\nde.text = \"t\"\nen.title = \"t\"\nen.text = \"t\"\n",
                "topic 'weather' is unknown"},
        BadCase{"[[answer]]\nid = \"x\"\nde.title = \"t\"\nde.text = \"t\"\nen.title = \"t\"\n", "answer.en.text is missing"},
        BadCase{"[[answer]]\nde.title = \"t\"\nde.text = \"t\"\nen.title = \"t\"\nen.text = \"t\"\n", "[[answer]] needs an id"}));

TEST(PortalSettings, TheCreditorIdentifierIsCheckedAndKeptInElectronicForm) {
  auto r = parse("[payment]\nmethods = [\"transfer\", \"direct_debit\"]\ncreditor_identifier = \"de98 zzz0 9999 9999 99\"\n");
  ASSERT_TRUE(r.settings) << errors_of(r);
  EXPECT_EQ(r.settings->creditor_identifier, "DE98ZZZ09999999999");
  // The business code does not count: another one keeps the check digits valid.
  EXPECT_TRUE(parse("[payment]\ncreditor_identifier = \"DE98ABC09999999999\"\n").settings);
  EXPECT_TRUE(builtin_portal_settings().creditor_identifier.empty());
}

TEST(PortalSettings, SearchFindsAnswersByEveryWordInTheCustomersLanguage) {
  const auto& s = builtin_portal_settings();
  auto fees = search_answers(s, domain::Language::de, "MAHNGEBÜHREN");
  ASSERT_FALSE(fees.empty());
  EXPECT_EQ(fees[0]->id, "fees");
  auto mandate = search_answers(s, domain::Language::en, "direct debit refund");
  ASSERT_EQ(mandate.size(), 1u);
  EXPECT_EQ(mandate[0]->id, "mandate");
  EXPECT_TRUE(search_answers(s, domain::Language::en, "Mahngebühren").empty());
  EXPECT_EQ(search_answers(s, domain::Language::de, "").size(), s.answers.size());
  EXPECT_EQ(search_answers(s, domain::Language::de, "", 2).size(), 2u);
}

}  // namespace
}  // namespace kulanz::portal
