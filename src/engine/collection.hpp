#pragma once
// A creditor's collection file: segment rules and strategies (journeys), read from TOML
// and validated with the position of every problem (docs/STRATEGIES.md).
//
// Plain values and pure functions: reading a file is the only I/O (load_collection_file).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/date.hpp"
#include "domain/types.hpp"
#include "engine/policy.hpp"
#include "law/surcharge.hpp"
#include "money/currency.hpp"

namespace kulanz::engine {

using calendar::Date;
using domain::CustomerType;

// Where something stands in the file (1-based; 0 = unknown).
struct SourcePos {
  int line = 0;
  int column = 0;
};

// One problem found in a collection file: `FILE:LINE:COL: message`.
struct Diagnostic {
  std::string file;
  SourcePos pos;
  std::string message;  // what is wrong, then how to fix it

  std::string to_string() const;
};

// ---- Segments --------------------------------------------------------------------------

enum class Attribute {
  type,                // consumer | business
  key_account,         // true | false
  also_supplier,       // true | false
  age,                 // full years at the as-of date, from birth_date
  state,               // German state code (BY, NW, ...)
  risk_score,          // 0 .. 100
  open_amount,         // decimal string, creditor's currency
  overdue_amount,      // decimal string, creditor's currency
  days_past_due,       // integer days of the oldest overdue item
  avg_days_late_12m,   // integer days, average lateness of payments over 12 months
  broken_promises,     // integer count
};
std::string_view to_string(Attribute);

enum class Op { eq, ne, lt, le, gt, ge, in, not_in };
std::string_view to_string(Op);  // "=", "!=", "<", "<=", ">", ">=", "in", "not in"

// One comparison. Values are normalised: booleans and customer types to 0/1 (business = 1),
// amounts to minor units, integers as they are; states as text. For = != < <= > >= there
// is exactly one value; for in / not in one or more.
struct Condition {
  Attribute attribute = Attribute::type;
  Op op = Op::eq;
  std::vector<std::int64_t> numbers;
  std::vector<std::string> texts;  // state codes
  std::string source_text;         // as written, for explanations: `age < 35`
  SourcePos pos;
};

struct Segment {
  std::string name;
  std::string description;
  std::vector<Condition> conditions;  // all must hold; none = the default segment
  SourcePos pos;
};

struct SegmentSet {
  money::Currency currency = money::Currency::eur();
  std::vector<Segment> segments;  // file order; the last one has no conditions
};

// What the segmentation looks at. Plain data; unknown values (no birth date, no risk score,
// no payment history) make every condition on them false, including != and not in.
struct CustomerFacts {
  CustomerType type = CustomerType::consumer;
  bool key_account = false;
  bool also_supplier = false;
  std::optional<Date> birth_date;
  std::string state;  // empty = unknown
  std::optional<int> risk_score;
  std::int64_t open_minor = 0;
  std::int64_t overdue_minor = 0;
  std::int32_t days_past_due = 0;
  std::optional<std::int32_t> avg_days_late_12m;
  std::int32_t broken_promises = 0;
};

// Full years of life at `as_of` (a birthday on 29 February is reached on 1 March in
// common years). Negative results (birth after as_of) are returned as they are.
int age_in_years(Date birth_date, Date as_of);

struct Assignment {
  std::string segment;
  std::size_t matched_rule_index = 0;  // index into SegmentSet::segments
  std::string explanation;             // which rule matched and why, and why earlier ones did not
};

// First match wins, in file order. A validated set always matches (its last segment has no
// conditions); an empty set yields segment "" and an explanation saying so.
Assignment assign_segment(const SegmentSet& set, const CustomerFacts& facts, Date as_of);

// ---- Strategies ------------------------------------------------------------------------

enum class StepKind { reminder, notice, statement, fee, interest, call_task, handover, court_dunning_prep };
std::string_view to_string(StepKind);
// reminder, notice and statement send a message and need channels, template and tone.
bool sends_message(StepKind);

enum class Tone { friendly, neutral, firm };
std::string_view to_string(Tone);

enum class FeeType { dunning_fee, flat_fee_288 };
std::string_view to_string(FeeType);

struct Step {
  std::int32_t day = 0;  // relative to the due date; negative = before it
  StepKind kind = StepKind::reminder;
  std::vector<StepChannel> channels;  // in order of preference; later ones are fallbacks
  std::string template_name;
  std::optional<Tone> tone;
  std::optional<FeeType> fee_type;           // kind = fee only
  std::optional<std::int64_t> fee_minor;     // kind = fee only
  std::optional<std::int64_t> min_open_minor;
  std::optional<CustomerType> customer_type;
  bool only_if_no_reaction_since_last_step = false;
  bool optional = false;  // skipped for the holdout share
  SourcePos pos;
};

struct Variant {
  std::string name;
  int share = 0;            // percent; the variants of a strategy add up to 100
  std::vector<Step> steps;  // empty = the strategy's own steps
  SourcePos pos;
};

struct Strategy {
  std::string name;
  std::string segment;
  std::int64_t version = 1;
  std::string description;
  std::vector<Step> steps;  // ascending by day
  std::vector<Variant> variants;
  std::string experiment;  // names the champion/challenger test; defaults to the strategy name
  int holdout = 0;  // percent of customers who get no optional steps
  SourcePos pos;
};

// A surcharge the creditor charges for a payment method ([[surcharge]]), checked against
// §270a BGB when the file is read; applied by the payment pages.
struct Surcharge {
  law::SurchargeRule rule;
  SourcePos pos;
};

struct CollectionFile {
  ContactPolicyConfig policy;  // [policy]; defaults when the section is absent
  SegmentSet segments;
  std::vector<Strategy> strategies;
  std::vector<Surcharge> surcharges;  // [[surcharge]]; only ones §270a BGB allows

  const Strategy* strategy_for(std::string_view segment) const;
};

// The outcome of reading a file: the parsed content when there is no error, and every
// error found (not just the first), in file order.
struct LoadResult {
  std::optional<CollectionFile> file;
  std::vector<Diagnostic> errors;
};

// A strategy's content as one canonical text (every field that changes behaviour, none of
// the positions): equal texts mean equal strategies. Versions are counted on its hash.
std::string canonical_text(const Strategy& s);

// `path` only names the file in diagnostics.
LoadResult parse_collection(std::string_view toml_text, const std::string& path);
LoadResult load_collection_file(const std::string& path);

}  // namespace kulanz::engine
