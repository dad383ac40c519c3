// Collection files: the shipped default parses; every kind of mistake is reported with
// its line and column, several at once; segment assignment is first match with reasons.
#include <gtest/gtest.h>

#include <algorithm>

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
  // 'young' has conditions (with mistakes), so 'rest' is the default and only 'never' is
  // unreachable; a condition with a mistake never turns its segment into a default.
  EXPECT_TRUE(has(e, "c.toml:8:1: segment 'never' can never match: the default segment 'rest'")) << text;
  EXPECT_FALSE(has(e, "segment 'rest' can never match")) << text;
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

// ---- More: each class of mistake at its exact place ---------------------------------------

std::vector<Diagnostic> diagnostics(const std::string& toml) { return parse_collection(toml, "c.toml").errors; }

// True if some diagnostic is at `line` (and `column`, if not 0) and contains `needle`.
bool at(const std::vector<Diagnostic>& ds, int line, int column, const std::string& needle) {
  for (const auto& d : ds) {
    if (d.pos.line == line && (column == 0 || d.pos.column == column) && d.message.find(needle) != std::string::npos)
      return true;
  }
  return false;
}

std::string all(const std::vector<Diagnostic>& ds) {
  std::string s;
  for (const auto& d : ds) s += d.to_string() + "\n";
  return s;
}

// A valid tail: the default segment with its strategy. Appended to files whose mistakes are
// elsewhere, so that only the intended errors appear.
const char* kRestTail = R"(
[[segment]]
name = "rest"
[[strategy]]
name = "s-rest"
segment = "rest"
[[strategy.step]]
day = 10
kind = "handover"
)";

TEST(CollectionFile, RoundTripOfEveryValue) {
  const std::string file = R"toml(currency = "EUR"
[policy]
quiet_hours = { from = "07:30", to = "21:00" }
quiet_hours_letter = { from = "00:00", to = "24:00" }
no_contact_on_sundays = false
no_contact_on_public_holidays = false
max_contacts = 4
window_days = 14
min_gap_days = 0
max_deferral_days = 90
[[segment]]
name = "south"
description = "Bavaria and Baden"
when = ["state in (by, DE-BW)", "open_amount >= 1.234,50", "key_account == TRUE"]
[[segment]]
name = "rest"
[[strategy]]
name = "s-south"
segment = "south"
description = "d"
experiment = "exp-1"
holdout = 15
[[strategy.step]]
day = -3
kind = "reminder"
channels = ["sms", "email"]
template = "pre_due_reminder"
tone = "friendly"
optional = true
min_open = "10,00"
customer_type = "consumer"
only_if_no_reaction = true
[[strategy.step]]
day = -3
kind = "fee"
fee_type = "dunning_fee"
fee = "2.50"
[[strategy.step]]
day = 14
kind = "fee"
fee_type = "flat_fee_288"
customer_type = "business"
[[strategy.step]]
day = 20
kind = "call_task"
template = "collection_call"
[[strategy.variant]]
name = "a"
share = 30
[[strategy.variant]]
name = "b"
share = 70
[[strategy.variant.step]]
day = 730
kind = "court_dunning_prep"
min_open = 100
[[strategy]]
name = "s-rest"
segment = "rest"
[[strategy.step]]
day = 0
kind = "interest"
)toml";
  auto r = parse_collection(file, "c.toml");
  ASSERT_TRUE(r.file.has_value()) << all(r.errors);
  const auto& f = *r.file;
  const auto& p = f.policy;
  EXPECT_EQ(p.hours[static_cast<int>(StepChannel::email)].allowed_from_minute, 7 * 60 + 30);
  EXPECT_EQ(p.hours[static_cast<int>(StepChannel::sms)].allowed_to_minute, 21 * 60);
  EXPECT_EQ(p.hours[static_cast<int>(StepChannel::letter)].allowed_from_minute, 0);
  EXPECT_EQ(p.hours[static_cast<int>(StepChannel::letter)].allowed_to_minute, 24 * 60);
  EXPECT_FALSE(p.no_contact_on_sundays);
  EXPECT_FALSE(p.no_contact_on_public_holidays);
  EXPECT_EQ(p.max_contacts, 4);
  EXPECT_EQ(p.window_days, 14);
  EXPECT_EQ(p.min_gap_days, 0);
  EXPECT_EQ(p.max_deferral_days, 90);

  ASSERT_EQ(f.segments.segments.size(), 2u);
  const Segment& south = f.segments.segments[0];
  EXPECT_EQ(south.description, "Bavaria and Baden");
  EXPECT_EQ(south.pos.line, 11);
  ASSERT_EQ(south.conditions.size(), 3u);
  EXPECT_EQ(south.conditions[0].attribute, Attribute::state);
  EXPECT_EQ(south.conditions[0].op, Op::in);
  EXPECT_EQ(south.conditions[0].texts, (std::vector<std::string>{"BY", "BW"}));
  EXPECT_EQ(south.conditions[0].source_text, "state in [BY, BW]");
  EXPECT_EQ(south.conditions[0].pos.line, 14);
  EXPECT_EQ(south.conditions[1].numbers, (std::vector<std::int64_t>{123450}));
  EXPECT_EQ(south.conditions[1].source_text, "open_amount >= 1234.50");
  EXPECT_EQ(south.conditions[2].numbers, (std::vector<std::int64_t>{1}));
  EXPECT_EQ(south.conditions[2].source_text, "key_account = true");

  ASSERT_EQ(f.strategies.size(), 2u);
  const Strategy& s = f.strategies[0];
  EXPECT_EQ(s.name, "s-south");
  EXPECT_EQ(s.segment, "south");
  EXPECT_EQ(s.description, "d");
  EXPECT_EQ(s.experiment, "exp-1");
  EXPECT_EQ(s.holdout, 15);
  EXPECT_EQ(s.version, 1) << "versions are assigned by the database";
  ASSERT_EQ(s.steps.size(), 4u);
  const Step& pre = s.steps[0];
  EXPECT_EQ(pre.day, -3);
  EXPECT_EQ(pre.kind, StepKind::reminder);
  EXPECT_EQ(pre.channels, (std::vector<StepChannel>{StepChannel::sms, StepChannel::email}));
  EXPECT_EQ(pre.template_name, "pre_due_reminder");
  EXPECT_EQ(pre.tone, Tone::friendly);
  EXPECT_TRUE(pre.optional);
  EXPECT_EQ(pre.min_open_minor, 1000);
  EXPECT_EQ(pre.customer_type, CustomerType::consumer);
  EXPECT_TRUE(pre.only_if_no_reaction_since_last_step);
  EXPECT_FALSE(pre.fee_type.has_value());
  EXPECT_EQ(pre.pos.line, 23);
  EXPECT_EQ(s.steps[1].fee_type, FeeType::dunning_fee);
  EXPECT_EQ(s.steps[1].fee_minor, 250);
  EXPECT_FALSE(s.steps[1].optional);
  EXPECT_EQ(s.steps[2].fee_type, FeeType::flat_fee_288);
  EXPECT_FALSE(s.steps[2].fee_minor.has_value()) << "the §288 flat fee amount comes from the law module";
  EXPECT_EQ(s.steps[3].channels, (std::vector<StepChannel>{StepChannel::call})) << "a call task calls by default";
  EXPECT_EQ(s.steps[3].template_name, "collection_call");
  ASSERT_EQ(s.variants.size(), 2u);
  EXPECT_EQ(s.variants[0].name, "a");
  EXPECT_EQ(s.variants[0].share, 30);
  EXPECT_TRUE(s.variants[0].steps.empty()) << "runs the strategy's steps";
  ASSERT_EQ(s.variants[1].steps.size(), 1u);
  EXPECT_EQ(s.variants[1].steps[0].day, 730);
  EXPECT_EQ(s.variants[1].steps[0].min_open_minor, 10000);
  EXPECT_EQ(f.strategies[1].experiment, "") << "empty = the strategy's name (see choose_variant)";
  EXPECT_EQ(f.strategy_for("rest"), &f.strategies[1]);
  EXPECT_EQ(f.strategy_for("nope"), nullptr);
}

TEST(CollectionFile, AmountsFollowTheFileCurrency) {
  std::string file = R"(currency = "JPY"
[[segment]]
name = "big"
when = ["open_amount > 100000"]
[[strategy]]
name = "s-big"
segment = "big"
[[strategy.step]]
day = 1
kind = "fee"
fee_type = "dunning_fee"
fee = "300"
)";
  auto r = parse_collection(file + kRestTail, "c.toml");
  ASSERT_TRUE(r.file.has_value()) << all(r.errors);
  EXPECT_EQ(r.file->segments.currency.code(), "JPY");
  EXPECT_EQ(r.file->segments.segments[0].conditions[0].numbers.front(), 100000);
  EXPECT_EQ(r.file->strategies[0].steps[0].fee_minor, 300);
  auto e = diagnostics(R"(currency = "JPY"
[[segment]]
name = "big"
when = ["open_amount > 1.5"]
[[strategy]]
name = "s-big"
segment = "big"
[[strategy.step]]
day = 1
kind = "fee"
fee_type = "dunning_fee"
fee = "2.50"
)" + std::string(kRestTail));
  EXPECT_TRUE(at(e, 4, 0, "'1.5' is not an amount in JPY")) << all(e);
  EXPECT_TRUE(at(e, 12, 0, "is not an amount")) << all(e);
  EXPECT_TRUE(at(diagnostics("currency = \"EURO\"\n" + std::string(kRestTail)), 1, 12, "not an ISO 4217 code"));
}

// §270a BGB: surcharges for SEPA transfers and direct debits, and card surcharges that a
// consumer could be charged, are rejected with their line; allowed ones are read exactly.
TEST(CollectionFile, SurchargesFollowSection270a) {
  const std::string base = std::string(kMinimal) + "\n";
  auto ok = parse_collection(base +
                                 "[[surcharge]]\nmethod = \"card\"\ncustomer_type = \"business\"\npercent = \"1,5\"\n"
                                 "[[surcharge]]\nmethod = \"other\"\nfixed = \"0.50\"\npercent = 2\n",
                             "c.toml");
  ASSERT_TRUE(ok.file.has_value()) << all(errors_of(base));
  ASSERT_EQ(ok.file->surcharges.size(), 2u);
  EXPECT_EQ(ok.file->surcharges[0].rule.method, law::PaymentMethod::card);
  EXPECT_EQ(ok.file->surcharges[0].rule.customer_type, domain::CustomerType::business);
  EXPECT_EQ(ok.file->surcharges[0].rule.basis_points, 150);
  EXPECT_EQ(ok.file->surcharges[0].rule.fixed_minor, 0);
  EXPECT_EQ(ok.file->surcharges[1].rule.fixed_minor, 50);
  EXPECT_EQ(ok.file->surcharges[1].rule.basis_points, 200);
  EXPECT_FALSE(ok.file->surcharges[1].rule.customer_type.has_value());

  const int first = static_cast<int>(std::count(base.begin(), base.end(), '\n')) + 1;
  auto e = errors_of(base +
                     "[[surcharge]]\nmethod = \"sepa_direct_debit\"\nfixed = \"1.00\"\n"  // first
                     "[[surcharge]]\nmethod = \"card\"\npercent = \"1.5\"\n"            // first + 3
                     "[[surcharge]]\nmethod = \"card\"\ncustomer_type = \"consumer\"\nfixed = \"0.30\"\n"
                     "[[surcharge]]\nmethod = \"sepa_transfer\"\n"                       // first + 10
                     "[[surcharge]]\nmethod = \"cheque\"\nfixed = \"1\"\n"
                     "[[surcharge]]\nmethod = \"other\"\npercent = \"1.234\"\n");
  EXPECT_TRUE(has(e, "c.toml:" + std::to_string(first) + ":1: surcharge")) << all(e);
  EXPECT_TRUE(has(e, "§270a Satz 1 BGB")) << all(e);
  EXPECT_TRUE(has(e, "c.toml:" + std::to_string(first + 3) + ":1: surcharge")) << all(e);
  EXPECT_TRUE(has(e, "§270a Satz 2 BGB")) << all(e);
  EXPECT_TRUE(has(e, "c.toml:" + std::to_string(first + 6) + ":1: surcharge")) << all(e);
  EXPECT_TRUE(has(e, "c.toml:" + std::to_string(first + 10) + ":1: surcharge (line " + std::to_string(first + 10) +
                         "): name the surcharge as 'fixed'"))
      << all(e);
  EXPECT_TRUE(has(e, "'method' = \"cheque\" is not allowed")) << all(e);
  EXPECT_TRUE(has(e, "'percent' = \"1.234\" is not a percentage")) << all(e);
  EXPECT_EQ(e.size(), 6u) << all(e);
  EXPECT_TRUE(has(errors_of(base + "[surcharge]\nmethod = \"card\"\n"), "[[surcharge]] tables"));
}

TEST(CollectionFile, DuplicatesAndReferences) {
  auto e = diagnostics(R"([[segment]]
name = "a"
when = ["age < 30"]
[[segment]]
name = "a"
when = ["age < 40"]
[[segment]]
name = "lonely"
when = ["age < 50"]
[[strategy]]
name = "s"
segment = "a"
[[strategy.step]]
day = 1
kind = "handover"
[[strategy]]
name = "s"
segment = "ghost"
[[strategy.step]]
day = 1
kind = "handover"
[[strategy]]
name = "t"
segment = "a"
[[strategy.step]]
day = 1
kind = "handover"
)" + std::string(kRestTail));
  EXPECT_TRUE(at(e, 4, 1, "segment 'a' is defined twice (first at line 1)")) << all(e);
  EXPECT_TRUE(at(e, 7, 1, "segment 'lonely' has no strategy")) << all(e);
  EXPECT_TRUE(at(e, 16, 1, "strategy 's' is defined twice (first at line 10)")) << all(e);
  EXPECT_TRUE(at(e, 16, 1, "segment 'ghost' is not defined; defined: a, lonely, rest")) << all(e);
  EXPECT_TRUE(at(e, 22, 1, "segment 'a' already has the strategy at line 10")) << all(e);
  EXPECT_EQ(e.size(), 5u) << all(e);
}

TEST(CollectionFile, TheDefaultSegmentMustExistAndBeLast) {
  auto e = diagnostics(R"([[segment]]
name = "young"
when = ["age < 30"]
[[strategy]]
name = "s"
segment = "young"
[[strategy.step]]
day = 1
kind = "handover"
)");
  EXPECT_TRUE(at(e, 1, 1, "the last segment 'young' has conditions; end with a default segment")) << all(e);
  EXPECT_EQ(e.size(), 1u) << all(e);

  e = diagnostics(R"([[segment]]
name = "everyone"
[[segment]]
name = "young"
when = ["age < 30"]
[[segment]]
name = "old"
when = ["age > 70"]
[[strategy]]
name = "s1"
segment = "everyone"
[[strategy.step]]
day = 1
kind = "handover"
[[strategy]]
name = "s2"
segment = "young"
[[strategy.step]]
day = 1
kind = "handover"
[[strategy]]
name = "s3"
segment = "old"
[[strategy.step]]
day = 1
kind = "handover"
)");
  EXPECT_TRUE(at(e, 3, 1, "segment 'young' can never match: the default segment 'everyone'")) << all(e);
  EXPECT_TRUE(at(e, 6, 1, "segment 'old' can never match")) << all(e);
  EXPECT_EQ(e.size(), 2u) << "one message per unreachable segment, no extra 'last segment' error\n" << all(e);

  e = diagnostics("currency = \"EUR\"\n");
  EXPECT_TRUE(at(e, 1, 1, "no segments")) << all(e);
}

TEST(CollectionFile, MissingKeysWrongTypesAndUnknownKeys) {
  auto e = diagnostics(R"(currency = 978
[policy]
max_contact = 3
no_contact_on_sundays = "yes"
window_days = 7.5
[[segment]]
description = "no name"
when = "age < 30"
[[segment]]
name = "x"
when = [30]
[[segment]]
name = "rest"
[[strategy]]
segment = "rest"
holdout = "10"
[[strategy.step]]
kind = "handover"
tempo = "fast"
[[strategy.step]]
day = 5
optional = 1
)");
  EXPECT_TRUE(at(e, 1, 12, "currency must be a string")) << all(e);
  EXPECT_TRUE(at(e, 3, 15, "unknown key 'max_contact' in [policy]; allowed: ")) << all(e);
  EXPECT_TRUE(at(e, 4, 25, "'no_contact_on_sundays' must be true or false")) << all(e);
  EXPECT_TRUE(at(e, 5, 15, "'window_days' must be a whole number")) << all(e);
  EXPECT_TRUE(at(e, 6, 1, "[[segment]]: 'name' is missing")) << all(e);
  EXPECT_TRUE(at(e, 11, 9, "each condition is a string")) << all(e);
  EXPECT_TRUE(at(e, 14, 1, "[[strategy]]: 'name' is missing")) << all(e);
  EXPECT_TRUE(at(e, 16, 11, "'holdout' must be a whole number")) << all(e);
  EXPECT_TRUE(at(e, 17, 1, "'day' is missing")) << all(e);
  EXPECT_TRUE(at(e, 19, 9, "unknown key 'tempo'")) << all(e);
  EXPECT_TRUE(at(e, 20, 1, "'kind' is missing")) << all(e);
  EXPECT_TRUE(at(e, 22, 12, "'optional' must be true or false")) << all(e);
  // A single condition may be written as a string: line 8 is not an error.
  for (const auto& d : e) EXPECT_NE(d.pos.line, 8) << d.to_string();
}

TEST(CollectionFile, BadEnumValuesListTheAllowedOnes) {
  auto e = diagnostics(R"([[segment]]
name = "rest"
[[strategy]]
name = "s"
segment = "rest"
[[strategy.step]]
day = 1
kind = "letter"
[[strategy.step]]
day = 2
kind = "reminder"
channels = ["email", "pigeon", "email"]
template = "first_reminder"
tone = "grumpy"
customer_type = "company"
[[strategy.step]]
day = 3
kind = "fee"
fee_type = "penalty"
)");
  EXPECT_TRUE(at(e, 8, 8, "'kind' = \"letter\" is not allowed; use one of: reminder, notice, statement, fee, interest, "
                          "call_task, handover, court_dunning_prep"))
      << all(e);
  EXPECT_TRUE(at(e, 12, 22, "channel 'pigeon' is not allowed; use email, sms, letter, call or webhook")) << all(e);
  EXPECT_TRUE(at(e, 12, 32, "channel 'email' is listed twice")) << all(e);
  EXPECT_TRUE(at(e, 14, 8, "'tone' = \"grumpy\" is not allowed; use one of: friendly, neutral, firm")) << all(e);
  EXPECT_TRUE(at(e, 15, 17, "use one of: consumer, business")) << all(e);
  EXPECT_TRUE(at(e, 19, 12, "use one of: dunning_fee, flat_fee_288")) << all(e);
}

TEST(CollectionFile, WhatEachKindOfStepNeeds) {
  auto e = diagnostics(R"([[segment]]
name = "rest"
[[strategy]]
name = "s"
segment = "rest"
[[strategy.step]]
day = 1
kind = "notice"
[[strategy.step]]
day = 2
kind = "statement"
channels = []
template = "statement"
tone = "neutral"
[[strategy.step]]
day = 3
kind = "call_task"
channels = ["call", "email"]
[[strategy.step]]
day = 4
kind = "fee"
[[strategy.step]]
day = 5
kind = "fee"
fee_type = "dunning_fee"
[[strategy.step]]
day = 6
kind = "fee"
fee_type = "flat_fee_288"
customer_type = "consumer"
[[strategy.step]]
day = 7
kind = "handover"
channels = ["email"]
fee = "1.00"
)");
  EXPECT_TRUE(at(e, 6, 1, "a notice needs 'channels'")) << all(e);
  EXPECT_TRUE(at(e, 6, 1, "a notice needs 'template'")) << all(e);
  EXPECT_TRUE(at(e, 6, 1, "a notice needs 'tone'")) << all(e);
  EXPECT_TRUE(at(e, 12, 12, "'channels' is empty")) << all(e);
  EXPECT_TRUE(at(e, 18, 12, "a call_task uses channels = [\"call\"] (or none)")) << all(e);
  EXPECT_TRUE(at(e, 19, 1, "a fee needs 'fee_type'")) << all(e);
  EXPECT_TRUE(at(e, 22, 1, "a dunning_fee needs 'fee'")) << all(e);
  EXPECT_TRUE(at(e, 30, 17, "owed by businesses only")) << all(e);
  EXPECT_TRUE(at(e, 31, 1, "a handover sends nothing; remove 'channels'")) << all(e);
  EXPECT_TRUE(at(e, 35, 7, "'fee' belongs to a step of kind fee")) << all(e);
  EXPECT_EQ(e.size(), 10u) << all(e);
}

TEST(CollectionFile, StepOrderRangesAndRepeats) {
  auto e = diagnostics(R"([[segment]]
name = "rest"
[[strategy]]
name = "s"
segment = "rest"
holdout = 51
[[strategy.step]]
day = -61
kind = "handover"
[[strategy.step]]
day = 10
kind = "interest"
[[strategy.step]]
day = 10
kind = "handover"
[[strategy.step]]
day = 5
kind = "handover"
[[strategy.step]]
day = 10
kind = "interest"
[[strategy.step]]
day = 731
kind = "handover"
)");
  EXPECT_TRUE(at(e, 6, 11, "'holdout' = 51 is out of range; use 0 to 50")) << all(e);
  EXPECT_TRUE(at(e, 8, 7, "'day' = -61 is out of range; use -60 to 730")) << all(e);
  EXPECT_TRUE(at(e, 16, 1, "steps must be in order of their day; day 5 comes after day 10 (line 13)")) << all(e);
  EXPECT_TRUE(at(e, 19, 1, "this interest on day 10 repeats the step at line 10")) << all(e);
  EXPECT_TRUE(at(e, 23, 7, "'day' = 731 is out of range")) << all(e);
  // Steps whose day is wrong are left out of the order checks (no follow-up errors).
  EXPECT_EQ(e.size(), 5u) << all(e);
  // Equal days with different kinds (line 10 and 13) are fine.
  for (const auto& d : e) EXPECT_NE(d.pos.line, 13) << d.to_string();
}

TEST(CollectionFile, VariantsAndTheirShares) {
  auto e = diagnostics(R"([[segment]]
name = "rest"
[[strategy]]
name = "s"
segment = "rest"
[[strategy.variant]]
name = "a"
share = 40
[[strategy.variant]]
name = "a"
share = 0
[[strategy.variant]]
name = "c"
[[strategy.variant.step]]
day = 3
kind = "handover"
)");
  EXPECT_TRUE(at(e, 3, 1, "strategy 's': has no steps")) << all(e);
  EXPECT_TRUE(at(e, 9, 1, "variant 'a' is defined twice")) << all(e);
  EXPECT_TRUE(at(e, 11, 9, "'share' = 0 is out of range; use 1 to 100")) << all(e);
  EXPECT_TRUE(at(e, 12, 1, "variant 'c': 'share' (percent) is missing")) << all(e);
  EXPECT_TRUE(has(errors_of(R"([[segment]]
name = "rest"
[[strategy]]
name = "s"
segment = "rest"
[[strategy.step]]
day = 3
kind = "handover"
[[strategy.variant]]
name = "a"
share = 50
[[strategy.variant]]
name = "b"
share = 60
)"),
                  "the variants' shares add up to 110; they must add up to 100"));
}

TEST(CollectionFile, ConditionMistakes) {
  auto e = diagnostics(R"([[segment]]
name = "x"
when = [
  "age",
  "age ~ 3",
  "state in []",
  "state in BY",
  "key_account = yes",
  "risk_score >= 101",
  "age > 30 years",
  "state >= BY",
  "open_amount > lots",
]
)" + std::string(kRestTail) + R"([[strategy]]
name = "s-x"
segment = "x"
[[strategy.step]]
day = 1
kind = "handover"
)");
  EXPECT_TRUE(at(e, 4, 3, "'age' has no operator")) << all(e);
  EXPECT_TRUE(at(e, 5, 3, "'age ~ 3' has no operator")) << all(e);
  EXPECT_TRUE(at(e, 6, 3, "the list is empty")) << all(e);
  EXPECT_TRUE(at(e, 7, 3, "a list is written [BY, BW]")) << all(e);
  EXPECT_TRUE(at(e, 8, 3, "key_account is true or false, not 'yes'")) << all(e);
  EXPECT_TRUE(at(e, 9, 3, "risk_score 101 is out of range; risk_score is 0 to 100")) << all(e);
  EXPECT_TRUE(at(e, 10, 3, "'30 years' is not a whole number")) << all(e);
  EXPECT_TRUE(at(e, 11, 3, "state can only be compared with =, !=, in or not in")) << all(e);
  EXPECT_TRUE(at(e, 12, 3, "'lots' is not an amount")) << all(e);
  EXPECT_TRUE(at(diagnostics("[[segment]]\nname = \"x\"\nwhen = []\n" + std::string(kRestTail)), 3, 8,
                 "'when' is empty; leave it out for the default segment"));
}

TEST(CollectionFile, NamesArePlainIdentifiers) {
  auto e = diagnostics(R"([[segment]]
name = "Key Accounts"
when = ["key_account = true"]
[[strategy]]
name = ""
segment = "Key Accounts"
experiment = "a/b"
[[strategy.step]]
day = 1
kind = "reminder"
channels = ["email"]
template = "../etc/passwd"
tone = "firm"
)" + std::string(kRestTail));
  EXPECT_TRUE(at(e, 2, 8, "'name' = \"Key Accounts\" is not a name")) << all(e);
  EXPECT_TRUE(at(e, 5, 8, "'name' = \"\" is not a name")) << all(e);
  EXPECT_TRUE(at(e, 7, 14, "'experiment' = \"a/b\" is not a name")) << all(e);
  EXPECT_TRUE(at(e, 12, 12, "'template' = \"../etc/passwd\" is not a name")) << all(e);
  // The bad segment name is reported once, not again where the strategy refers to it.
  EXPECT_EQ(e.size(), 4u) << all(e);
}

TEST(CollectionFile, PolicyTimesAndSections) {
  auto e = diagnostics(std::string(R"(policy = 3
)") + kRestTail);
  EXPECT_TRUE(at(e, 1, 10, "policy must be a table")) << all(e);
  e = diagnostics(std::string(R"([policy]
quiet_hours = "08:00-20:00"
quiet_hours_sms = { from = "9:00", to = "19:00" }
quiet_hours_call = { from = "08:00", until = "18:00" }
quiet_hours_email = { from = "08:00", to = "24:01" }
)") + kRestTail);
  EXPECT_TRUE(at(e, 2, 15, "policy.quiet_hours must be a table: { from = \"08:00\", to = \"20:00\" }")) << all(e);
  EXPECT_TRUE(at(e, 3, 28, "policy.quiet_hours_sms.from: a time of day is written \"HH:MM\"")) << all(e);
  EXPECT_TRUE(at(e, 4, 0, "unknown key 'until'")) << all(e);
  EXPECT_TRUE(at(e, 4, 0, "policy.quiet_hours_call: 'to' is missing")) << all(e);
  EXPECT_TRUE(at(e, 5, 0, "(00:00 to 24:00)")) << all(e);
  e = diagnostics(std::string("segment = \"rest\"\nstrategy = 1\n"));
  EXPECT_TRUE(at(e, 1, 11, "segments are written as [[segment]] tables")) << all(e);
  EXPECT_TRUE(at(e, 2, 12, "strategies are written as [[strategy]] tables")) << all(e);
}

TEST(CollectionFile, ManyErrorsAtOnceInFileOrder) {
  auto e = diagnostics(R"(currency = "EUR"
colour = "red"
[[segment]]
name = "young"
when = ["agee < 30"]
[[strategy]]
name = "s"
segment = "young"
[[strategy.step]]
day = 7
kind = "reminder"
channels = ["fax"]
template = "first_reminder"
tone = "friendly"
)" + std::string(kRestTail));
  ASSERT_EQ(e.size(), 3u) << all(e);
  EXPECT_EQ(e[0].to_string().rfind("c.toml:2:10: unknown key 'colour' in the top level; allowed: ", 0), 0u) << all(e);
  EXPECT_EQ(e[1].to_string().rfind("c.toml:5:9: segment 'young': 'agee' is not an attribute; use one of: type, ", 0), 0u)
      << all(e);
  EXPECT_EQ(e[2].to_string().rfind("c.toml:12:13: strategy 's' step (line 9): channel 'fax' is not allowed", 0), 0u)
      << all(e);
}

TEST(CollectionFile, UnreadableFileIsOneDiagnostic) {
  auto r = load_collection_file("/nonexistent/kulanz/collection.toml");
  EXPECT_FALSE(r.file.has_value());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].to_string(), "/nonexistent/kulanz/collection.toml:0:0: cannot read the file; check the path and permissions");
}

TEST(CollectionFile, BuiltinDefaultIsSensible) {
  const CollectionFile& f = builtin_collection();
  std::vector<std::string> order;
  for (const auto& s : f.segments.segments) order.push_back(s.name);
  EXPECT_EQ(order, (std::vector<std::string>{"key_accounts", "also_suppliers", "broken_promises", "high_risk", "businesses",
                                             "digital_consumers", "consumers"}));
  for (const auto& s : f.strategies) {
    auto check = [&](const std::vector<Step>& steps) {
      for (const auto& st : steps) {
        if (sends_message(st.kind)) {
          EXPECT_FALSE(st.template_name.empty()) << s.name;
          EXPECT_TRUE(st.tone.has_value()) << s.name;
        }
        // German courts accept only the actual cost of a reminder as a dunning fee.
        if (st.fee_type == FeeType::dunning_fee) {
          EXPECT_LE(st.fee_minor.value_or(0), 300) << s.name;
        }
        if (st.kind == StepKind::fee && st.fee_type == FeeType::dunning_fee) {
          EXPECT_NE(s.segment, "businesses") << "businesses get the §288 flat fee instead";
        }
      }
    };
    check(s.steps);
    for (const auto& v : s.variants) check(v.steps);
  }
  const Strategy* key = f.strategy_for("key_accounts");
  ASSERT_NE(key, nullptr);
  for (const auto& st : key->steps) {  // a personal call before anything in writing
    if (st.kind == StepKind::call_task) break;
    ADD_FAILURE() << "key accounts: day " << st.day << " comes before the first call";
  }
  const Strategy* digital = f.strategy_for("digital_consumers");
  ASSERT_NE(digital, nullptr);
  EXPECT_EQ(digital->holdout, 10);
  EXPECT_EQ(digital->steps.front().day, -3);
  EXPECT_EQ(digital->steps.front().template_name, "pre_due_reminder");
  EXPECT_TRUE(digital->steps.front().optional);
  const Strategy* biz = f.strategy_for("businesses");
  ASSERT_NE(biz, nullptr);
  EXPECT_TRUE(std::any_of(biz->steps.begin(), biz->steps.end(),
                          [](const Step& st) { return st.fee_type == FeeType::flat_fee_288; }));
  EXPECT_TRUE(std::any_of(biz->steps.begin(), biz->steps.end(),
                          [](const Step& st) { return st.kind == StepKind::court_dunning_prep; }));
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
