// Segment assignment (src/engine/segments.cpp): first match in file order, the default
// segment, unknown values never match, age in full years (29 February), and explanations
// that name the matched rule with its line and why earlier rules did not match.
#include <gtest/gtest.h>

#include "engine/collection.hpp"

namespace kulanz::engine {
namespace {

using calendar::Date;

Date day(const char* iso) { return *Date::parse_iso(iso); }

// Line numbers matter: explanations cite them.
const char* kRules = R"toml(currency = "EUR"
[[segment]]
name = "key_accounts"
when = ["key_account = true"]
[[segment]]
name = "south_big"
when = ["state in (BY, BW)", "open_amount >= 1.000,00"]
[[segment]]
name = "adults_low_risk"
when = ["age >= 18", "risk_score != 90", "avg_days_late_12m <= 5"]
[[segment]]
name = "not_bavaria"
when = ["state not in [BY]"]
[[segment]]
name = "default"
[[strategy]]
name = "k"
segment = "key_accounts"
[[strategy.step]]
day = 3
kind = "call_task"
[[strategy]]
name = "s"
segment = "south_big"
[[strategy.step]]
day = 3
kind = "call_task"
[[strategy]]
name = "a"
segment = "adults_low_risk"
[[strategy.step]]
day = 3
kind = "call_task"
[[strategy]]
name = "n"
segment = "not_bavaria"
[[strategy.step]]
day = 3
kind = "call_task"
[[strategy]]
name = "d"
segment = "default"
[[strategy.step]]
day = 3
kind = "call_task"
)toml";

class SegmentRules : public ::testing::Test {
 protected:
  void SetUp() override {
    auto r = parse_collection(kRules, "rules.toml");
    ASSERT_TRUE(r.file.has_value()) << (r.errors.empty() ? "" : r.errors.front().to_string());
    set_ = r.file->segments;
  }
  Assignment assign(const CustomerFacts& f, const char* as_of = "2026-03-09") const {
    return assign_segment(set_, f, day(as_of));
  }
  SegmentSet set_;
};

TEST_F(SegmentRules, FirstMatchInFileOrderWins) {
  CustomerFacts f;
  f.key_account = true;
  f.state = "BY";
  f.open_minor = 500'000;  // would match south_big too
  auto a = assign(f);
  EXPECT_EQ(a.segment, "key_accounts");
  EXPECT_EQ(a.matched_rule_index, 0u);
  f.key_account = false;
  a = assign(f);
  EXPECT_EQ(a.segment, "south_big");
  EXPECT_EQ(a.matched_rule_index, 1u);
}

TEST_F(SegmentRules, ExplanationNamesTheRuleItsLineAndWhyEarlierRulesFailed) {
  CustomerFacts f;
  f.state = "BW";
  f.open_minor = 100'000;  // exactly 1000.00
  auto a = assign(f);
  ASSERT_EQ(a.segment, "south_big");
  EXPECT_NE(a.explanation.find("segment 'south_big', rule 2 of 5 (line 5)"), std::string::npos) << a.explanation;
  EXPECT_NE(a.explanation.find("state in [BY, BW] (is BW)"), std::string::npos) << a.explanation;
  EXPECT_NE(a.explanation.find("open_amount >= 1000.00 (is 1000.00)"), std::string::npos) << a.explanation;
  EXPECT_NE(a.explanation.find("earlier rules did not match: 'key_accounts' (key_account = true: is false)"),
            std::string::npos)
      << a.explanation;
}

TEST_F(SegmentRules, DefaultWhenNothingElseMatches) {
  CustomerFacts f;
  f.state = "BY";  // not south_big (too little open), not not_bavaria
  f.open_minor = 99'999;
  auto a = assign(f);
  EXPECT_EQ(a.segment, "default");
  EXPECT_EQ(a.matched_rule_index, 4u);
  EXPECT_NE(a.explanation.find("rule 5 of 5 (line 14): default segment, no conditions"), std::string::npos)
      << a.explanation;
  EXPECT_NE(a.explanation.find("'not_bavaria' (state not in [BY]: is BY)"), std::string::npos) << a.explanation;
}

TEST_F(SegmentRules, UnknownValuesMakeEveryConditionFalseEvenNegations) {
  CustomerFacts f;  // no birth date, no state, no risk score, no payment history
  auto a = assign(f);
  EXPECT_EQ(a.segment, "default") << "state not in [BY] must not hold for an unknown state: " << a.explanation;
  EXPECT_NE(a.explanation.find("age >= 18: is unknown, no birth date"), std::string::npos) << a.explanation;
  EXPECT_NE(a.explanation.find("state not in [BY]: is unknown"), std::string::npos) << a.explanation;

  // Age known, but the risk score is not: `risk_score != 90` is false, not true.
  f.birth_date = day("1980-01-01");
  a = assign(f);
  EXPECT_EQ(a.segment, "default") << a.explanation;
  EXPECT_NE(a.explanation.find("risk_score != 90: is unknown"), std::string::npos) << a.explanation;

  // All known: matches.
  f.risk_score = 40;
  f.avg_days_late_12m = 5;
  EXPECT_EQ(assign(f).segment, "adults_low_risk");
  // No payments in 12 months: unknown again.
  f.avg_days_late_12m.reset();
  a = assign(f);
  EXPECT_EQ(a.segment, "default");
  EXPECT_NE(a.explanation.find("no payments in 12 months"), std::string::npos) << a.explanation;
}

TEST_F(SegmentRules, AgeOnTheTwentyNinthOfFebruary) {
  CustomerFacts f;
  f.birth_date = day("2008-02-29");
  f.risk_score = 10;
  f.avg_days_late_12m = 0;
  // 18 only on 1 March in a common year.
  EXPECT_EQ(assign(f, "2026-02-28").segment, "default");
  EXPECT_EQ(assign(f, "2026-03-01").segment, "adults_low_risk");
  // In a leap year on the day itself.
  f.birth_date = day("2010-02-28");
  EXPECT_EQ(assign(f, "2028-02-27").segment, "default");
  EXPECT_EQ(assign(f, "2028-02-28").segment, "adults_low_risk");
  EXPECT_EQ(age_in_years(day("2008-02-29"), day("2028-02-29")), 20);
  EXPECT_EQ(age_in_years(day("2008-02-29"), day("2027-02-28")), 18);
  EXPECT_EQ(age_in_years(day("2030-01-01"), day("2026-01-01")), -4) << "birth after as-of is returned as it is";
}

TEST(SegmentsEdge, EmptySetAssignsNothing) {
  SegmentSet empty;
  auto a = assign_segment(empty, CustomerFacts{}, day("2026-03-09"));
  EXPECT_EQ(a.segment, "");
  EXPECT_EQ(a.explanation, "no segments defined");
}

TEST(SegmentsEdge, TypesAndFlags) {
  auto r = parse_collection(R"([[segment]]
name = "biz_suppliers"
when = ["type = Business", "also_supplier == TRUE"]
[[segment]]
name = "late"
when = ["days_past_due > 30", "broken_promises in [1, 2]", "overdue_amount < 50"]
[[segment]]
name = "rest"
[[strategy]]
name = "b"
segment = "biz_suppliers"
[[strategy.step]]
day = 1
kind = "call_task"
[[strategy]]
name = "l"
segment = "late"
[[strategy.step]]
day = 1
kind = "call_task"
[[strategy]]
name = "r"
segment = "rest"
[[strategy.step]]
day = 1
kind = "call_task"
)",
                            "t.toml");
  ASSERT_TRUE(r.file.has_value()) << (r.errors.empty() ? "" : r.errors.front().to_string());
  const auto& set = r.file->segments;
  EXPECT_EQ(set.segments[0].conditions[0].source_text, "type = business");
  EXPECT_EQ(set.segments[0].conditions[1].source_text, "also_supplier = true");
  EXPECT_EQ(set.segments[1].conditions[2].source_text, "overdue_amount < 50.00");
  CustomerFacts f;
  f.type = CustomerType::business;
  f.also_supplier = true;
  EXPECT_EQ(assign_segment(set, f, day("2026-03-09")).segment, "biz_suppliers");
  f.type = CustomerType::consumer;
  f.days_past_due = 31;
  f.broken_promises = 2;
  f.overdue_minor = 4'999;
  EXPECT_EQ(assign_segment(set, f, day("2026-03-09")).segment, "late");
  f.overdue_minor = 5'000;
  EXPECT_EQ(assign_segment(set, f, day("2026-03-09")).segment, "rest");
  f.overdue_minor = 0;
  f.broken_promises = 3;
  EXPECT_EQ(assign_segment(set, f, day("2026-03-09")).segment, "rest");
}

}  // namespace
}  // namespace kulanz::engine
