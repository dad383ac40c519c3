// Collection files: the shipped default parses; every kind of mistake is reported with
// its line and column, several at once; segment assignment is first match with reasons.
#include <gtest/gtest.h>

#include "engine/builtin_collection.hpp"
#include "engine/collection.hpp"
#include "engine/journey.hpp"

namespace kulanz::engine {
namespace {

using calendar::Date;

Date day(const char* iso) { return *Date::parse_iso(iso); }

std::vector<std::string> errors_of(const std::string& toml) {
  std::vector<std::string> out;
  for (const auto& d : parse_collection(toml, "c.toml").errors) out.push_back(d.to_string());
  return out;
}

bool has(const std::vector<std::string>& errors, const std::string& needle) {
  for (const auto& e : errors) {
    if (e.find(needle) != std::string::npos) return true;
  }
  return false;
}

std::string all(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& e : v) s += e + "\n";
  return s;
}

const char* kMinimal = R"(currency = "EUR"
[[segment]]
name = "young"
when = ["type = consumer", "age < 30"]
[[segment]]
name = "rest"
[[strategy]]
name = "s-young"
segment = "young"
[[strategy.step]]
day = 7
kind = "reminder"
channels = ["sms", "email"]
template = "first_reminder"
tone = "friendly"
[[strategy]]
name = "s-rest"
segment = "rest"
[[strategy.step]]
day = 10
kind = "reminder"
channels = ["email"]
template = "first_reminder"
tone = "neutral"
)";

TEST(CollectionFile, BuiltinDefaultParses) {
  auto r = parse_collection(builtin_collection_text(), "builtin");
  ASSERT_TRUE(r.file.has_value()) << (r.errors.empty() ? "" : r.errors.front().to_string());
  const auto& f = *r.file;
  EXPECT_EQ(f.segments.segments.back().name, "consumers");
  EXPECT_TRUE(f.segments.segments.back().conditions.empty());
  EXPECT_EQ(f.policy.hours[static_cast<int>(StepChannel::sms)].allowed_from_minute, 9 * 60);
  EXPECT_EQ(f.policy.hours[static_cast<int>(StepChannel::email)].allowed_from_minute, 8 * 60);
  const Strategy* key = f.strategy_for("key_accounts");
  ASSERT_NE(key, nullptr);
  EXPECT_EQ(key->steps.front().kind, StepKind::call_task) << "key accounts: a personal call before any letter";
  for (const auto& s : f.segments.segments) EXPECT_NE(f.strategy_for(s.name), nullptr) << s.name;
  EXPECT_EQ(&builtin_collection(), &builtin_collection());
}

TEST(CollectionFile, ValuesAreRead) {
  auto r = parse_collection(std::string(kMinimal) + "[policy]\nmax_contacts = 3\nquiet_hours_sms = { from = \"09:30\", to = \"18:00\" }\n",
                            "c.toml");
  ASSERT_TRUE(r.file.has_value()) << all(errors_of(kMinimal));
  const auto& f = *r.file;
  EXPECT_EQ(f.policy.max_contacts, 3);
  EXPECT_EQ(f.policy.hours[static_cast<int>(StepChannel::sms)].allowed_from_minute, 9 * 60 + 30);
  ASSERT_EQ(f.segments.segments[0].conditions.size(), 2u);
  EXPECT_EQ(f.segments.segments[0].conditions[1].source_text, "age < 30");
  EXPECT_EQ(f.segments.segments[0].conditions[1].pos.line, 4);
  const auto& st = f.strategies[0].steps[0];
  EXPECT_EQ(st.day, 7);
  EXPECT_EQ(st.channels, (std::vector<StepChannel>{StepChannel::sms, StepChannel::email}));
  EXPECT_EQ(st.tone, Tone::friendly);
  EXPECT_EQ(f.strategies[0].pos.line, 7);
}

TEST(CollectionFile, SyntaxErrorHasPosition) {
  auto e = errors_of("currency = \"EUR\"\n[[segment]\nname = 1\n");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].rfind("c.toml:2:", 0), 0u) << e[0];
}

TEST(CollectionFile, EveryMistakeIsReportedWithItsLine) {
  const std::string bad = R"(currency = "EUR"
colour = "red"
[[segment]]
name = "young"
when = ["agee < 30", "state in [BY, XX]", "type < business"]
[[segment]]
name = "rest"
[[segment]]
name = "never"
when = ["age > 80"]
[[strategy]]
name = "s"
segment = "missing"
[[strategy.step]]
day = 7
kind = "reminder"
channels = ["fax"]
[[strategy.step]]
day = 3
kind = "fee"
fee_type = "flat_fee_288"
fee = "40.00"
[[strategy.variant]]
name = "a"
share = 60
[[strategy.variant]]
name = "b"
share = 30
)";
  auto e = errors_of(bad);
  const std::string text = all(e);
  EXPECT_TRUE(has(e, "c.toml:2:")) << text;                       // unknown key
  EXPECT_TRUE(has(e, "'colour'")) << text;
  EXPECT_TRUE(has(e, "c.toml:5:")) << text;                       // conditions
  EXPECT_TRUE(has(e, "'agee' is not an attribute")) << text;
  EXPECT_TRUE(has(e, "'XX' is not a German state")) << text;
  EXPECT_TRUE(has(e, "type can only be compared with")) << text;
  EXPECT_TRUE(has(e, "c.toml:8:")) << text;                       // unreachable after the default
  EXPECT_TRUE(has(e, "can never match")) << text;
  EXPECT_TRUE(has(e, "segment 'missing' is not defined")) << text;
  EXPECT_TRUE(has(e, "channel 'fax' is not allowed")) << text;
  EXPECT_TRUE(has(e, "needs 'template'")) << text;
  EXPECT_TRUE(has(e, "needs 'tone'")) << text;
  EXPECT_TRUE(has(e, "EUR 40.00 by law")) << text;
  EXPECT_TRUE(has(e, "in order of their day")) << text;
  EXPECT_TRUE(has(e, "add up to 90")) << text;
  EXPECT_TRUE(has(e, "segment 'young' has no strategy")) << text;
  EXPECT_TRUE(has(e, "ends with") || has(e, "end with a default")) << text;
  // In file order.
  for (std::size_t i = 1; i < e.size(); ++i) {
    const int a = std::stoi(e[i - 1].substr(7));
    const int b = std::stoi(e[i].substr(7));
    EXPECT_LE(a, b) << text;
  }
}

TEST(CollectionFile, PolicyValuesAreChecked) {
  auto e = errors_of(std::string(kMinimal) + "[policy]\nquiet_hours = { from = \"21:00\", to = \"08:00\" }\nmax_contacts = 0\n");
  EXPECT_TRUE(has(e, "'from' must be before 'to'")) << all(e);
  EXPECT_TRUE(has(e, "max_contacts' = 0 is out of range")) << all(e);
}

TEST(Segments, FirstMatchWinsAndUnknownValuesNeverMatch) {
  auto r = parse_collection(kMinimal, "c.toml");
  ASSERT_TRUE(r.file);
  CustomerFacts young;
  young.birth_date = day("2000-06-01");
  auto a = assign_segment(r.file->segments, young, day("2026-03-09"));
  EXPECT_EQ(a.segment, "young");
  EXPECT_NE(a.explanation.find("age < 30 (is 25)"), std::string::npos) << a.explanation;
  CustomerFacts unknown;  // no birth date
  auto b = assign_segment(r.file->segments, unknown, day("2026-03-09"));
  EXPECT_EQ(b.segment, "rest");
  EXPECT_NE(b.explanation.find("unknown, no birth date"), std::string::npos) << b.explanation;
  CustomerFacts business;
  business.type = CustomerType::business;
  business.birth_date = day("2000-06-01");
  EXPECT_EQ(assign_segment(r.file->segments, business, day("2026-03-09")).segment, "rest");
}

TEST(Segments, AgeCountsFullYearsAndLeapDays) {
  EXPECT_EQ(age_in_years(day("2000-02-29"), day("2025-02-28")), 24);
  EXPECT_EQ(age_in_years(day("2000-02-29"), day("2025-03-01")), 25);
  EXPECT_EQ(age_in_years(day("1990-06-15"), day("2026-06-14")), 35);
  EXPECT_EQ(age_in_years(day("1990-06-15"), day("2026-06-15")), 36);
}

TEST(Variants, StableAndSpreadByShare) {
  auto r = parse_collection(builtin_collection_text(), "builtin");
  ASSERT_TRUE(r.file);
  const Strategy* s = r.file->strategy_for("digital_consumers");
  ASSERT_NE(s, nullptr);
  ASSERT_EQ(s->variants.size(), 2u);
  int first = 0, holdout = 0;
  for (int i = 0; i < 10000; ++i) {
    const std::string ext = "K" + std::to_string(i);
    auto v = choose_variant(domain::CreditorId(1), ext, *s);
    EXPECT_EQ(v.variant, choose_variant(domain::CreditorId(1), ext, *s).variant);
    if (v.variant == s->variants[0].name) ++first;
    if (v.holdout) ++holdout;
  }
  EXPECT_NEAR(first, 5000, 300);
  EXPECT_NEAR(holdout, 1000, 150);
  // Another creditor or experiment draws independently.
  int same = 0;
  for (int i = 0; i < 1000; ++i) {
    const std::string ext = "K" + std::to_string(i);
    same += choose_variant(domain::CreditorId(1), ext, *s).variant == choose_variant(domain::CreditorId(2), ext, *s).variant;
  }
  EXPECT_NEAR(same, 500, 80);
}

}  // namespace
}  // namespace kulanz::engine
