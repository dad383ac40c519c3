#pragma once
// Evaluation of one customer on one run day: segment, journey (strategy version and
// variant), the step each item of the journey has reached, the contact policy, and the
// resulting decisions with their reasons. Pure: the run loads the case and applies what
// comes out (docs/ENGINE.md).
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/types.hpp"
#include "engine/case.hpp"
#include "engine/collection.hpp"
#include "law/base_rate.hpp"
#include "law/default_interest.hpp"

namespace kulanz::engine {

// The strategies a run can use: the current collection file (with each strategy's current
// version number) and older versions that running journeys are pinned to.
struct StrategyCatalog {
  const CollectionFile* current = nullptr;
  std::map<std::string, std::int64_t> current_versions;  // strategy name -> version in `current`
  // (name, version) -> strategy, for journeys on an older version; may return nullptr.
  std::function<const Strategy*(const std::string&, std::int64_t)> older;

  // The strategy a journey runs on, or nullptr if that version is not known.
  const Strategy* find(const std::string& name, std::int64_t version) const;
};

struct EvaluationContext {
  CreditorId creditor;
  Date as_of;
  StrategyCatalog catalog;
  const law::BaseRateTable* base_rates = nullptr;
  bool with_details = false;  // fill Evaluation::items and interest (explain)
};

// How far an item of the journey has come, for explanations.
enum class StepStatus { done, skipped, due, deferred, waiting, on_hold, not_applicable };
std::string_view to_string(StepStatus);

struct StepView {
  int index = 0;
  std::string kind;
  std::int32_t day = 0;       // relative to the due date, as in the strategy
  std::optional<Date> date;   // planned date (after hold shifts and spacing), when known
  StepStatus status = StepStatus::waiting;
  std::string note;           // why: fired on, skipped because, deferred until by rule
};

struct ItemView {
  InvoiceId invoice_id;
  std::string number;
  Date due_date;
  std::int64_t open_minor = 0;
  std::int32_t days_on_hold = 0;  // shift of the schedule by ended holds
  std::string hold;               // active hold, if any ("dispute since 2026-03-02")
  std::vector<StepView> steps;
  std::string limitation;         // "running until 2029-12-31" / "flagged: time-barred after ..."
};

// Interest that has accrued on an overdue item up to the as-of date (details only).
struct InterestView {
  InvoiceId invoice_id;
  std::string number;
  std::vector<law::InterestBreakdown> parts;         // one per stretch of constant principal
  std::int64_t total_minor = 0;
  std::string note;  // why none (not in default, base rate unknown, ...)
};

struct Evaluation {
  SegmentAssignmentRecord assignment;
  std::optional<Journey> journey;  // the journey evaluated (started today or running)
  bool journey_started = false;
  bool journey_ended = false;      // nothing left in dunning: the running journey ends
  std::vector<Decision> decisions;
  std::vector<OutboxEntry> outbox;
  std::vector<TaskEntry> tasks;
  std::vector<EscalationEntry> escalations;
  std::vector<StepRecord> steps;
  std::vector<domain::Invoice> items;  // fee and interest items to post (external id is the key)
  std::vector<std::int64_t> holds_broken;  // promises whose date passed unpaid: end as broken today
  std::vector<std::int64_t> holds_kept;    // promises whose items are all settled: end as kept today
  std::vector<std::string> notes;          // other things explain shows (items settled with Skonto)
  // Details (with_details only).
  std::vector<ItemView> item_views;
  std::vector<InterestView> interest;
  CustomerFacts facts;
};

// The facts segmentation looks at, computed from the case at the as-of date.
CustomerFacts customer_facts(const CustomerCase& c, Date as_of);

// The variant a customer lands in: a stable hash of (creditor, customer external id,
// experiment) — the same inputs always give the same variant, whatever the run.
struct VariantChoice {
  std::string variant;  // "" when the strategy has no variants
  bool holdout = false;
  std::uint32_t bucket = 0;  // 0..9999, for explanations
};
VariantChoice choose_variant(CreditorId creditor, std::string_view customer_external_id, const Strategy& s);

// The steps of a strategy for a variant ("" = the strategy's own).
const std::vector<Step>& steps_of(const Strategy& s, std::string_view variant);

// The idempotency key of a decision about a step for a set of items.
std::string decision_key(CustomerId customer, const std::string& strategy, std::int64_t version, int step_index,
                         const std::vector<InvoiceId>& items);

Evaluation evaluate(const EvaluationContext& ctx, const CustomerCase& c);

}  // namespace kulanz::engine
