#pragma once
// The engine's records: what a run reads about a customer besides the ledger (holds,
// overrides, the running journey, steps already taken, earlier contacts) and what it
// writes (decisions, outbox entries, tasks, escalations, posted fees and interest).
// Plain values; stored by store/ through ports::CollectionStore (migration 0002).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "calendar/date.hpp"
#include "domain/ids.hpp"
#include "engine/policy.hpp"

namespace kulanz::engine {

using calendar::Date;
using domain::CreditorId;
using domain::CustomerId;
using domain::InvoiceId;

// ---- Read by the run -------------------------------------------------------------------

// A pause of dunning. Customer-wide when `invoice_ids` is empty, else only those items.
enum class HoldKind { dispute, payment_plan, promise_to_pay, insolvency, deceased, manual };
std::string_view to_string(HoldKind);
base::Result<HoldKind> parse_hold_kind(std::string_view);

// How a hold ended: lifted as agreed or resolved (the journey resumes where it stood,
// its dates shifted by the days on hold), or broken (a promise or a plan not kept: the
// journey resumes at once with the next step).
enum class HoldEnd { ended, broken };
std::string_view to_string(HoldEnd);

struct Hold {
  std::int64_t id = 0;
  CustomerId customer_id;
  HoldKind kind = HoldKind::manual;
  std::vector<InvoiceId> invoice_ids;  // empty = all the customer's items
  Date starts_on;
  std::optional<Date> until;     // planned end (promise date, plan end); nullopt = open-ended
  std::optional<Date> ended_on;  // set when the hold was ended or broken
  std::optional<HoldEnd> end;
  std::string reason;
  std::string created_by;  // "api:<key prefix>", "cli", "portal:<session>", "user:<email>"
  std::int64_t created_unix = 0;
};

// A manual segment with a reason and an expiry (inclusive last day).
struct SegmentOverride {
  std::int64_t id = 0;
  CustomerId customer_id;
  std::string segment;
  std::string reason;
  Date expires_on;
  std::string created_by;
  std::int64_t created_unix = 0;
  bool revoked = false;
};

// The customer's running journey: the strategy version and variant it keeps until it
// ends (no item left in dunning) or is migrated explicitly.
struct Journey {
  CustomerId customer_id;
  std::string strategy;
  std::int64_t version = 0;
  std::string variant;  // "" = the strategy's own steps (no variants)
  bool holdout = false;
  Date started_on;
};

// A step taken (or deliberately passed over) for one item of a journey.
enum class StepState { done, skipped };
std::string_view to_string(StepState);

struct StepRecord {
  CustomerId customer_id;
  InvoiceId invoice_id;
  std::string strategy;
  std::int64_t version = 0;
  int step_index = 0;  // index into the variant's (or strategy's) steps
  StepState state = StepState::done;
  Date on;             // the run's as-of date
};

// An earlier or planned contact of the customer (for the frequency caps).
struct ContactRecord {
  CustomerId customer_id;
  Date day;  // customer-local day
  StepChannel channel = StepChannel::email;
};

// ---- Written by the run ----------------------------------------------------------------

enum class DecisionKind { send_message, create_task, post_fee, post_interest, escalate, defer, skip };
std::string_view to_string(DecisionKind);
base::Result<DecisionKind> parse_decision_kind(std::string_view);

// One decision about one customer on one day, with its reasons. Every outbox entry, task,
// escalation and posted item belongs to exactly one decision (by idempotency key).
struct Decision {
  std::int64_t id = 0;      // assigned when stored
  std::int64_t run_id = 0;  // assigned when stored
  CustomerId customer_id;
  std::string customer_external_id;
  Date as_of;
  DecisionKind kind = DecisionKind::skip;
  std::string segment;
  std::string strategy;
  std::int64_t version = 0;
  std::string variant;
  int step_index = -1;  // -1 when the decision is not about a step
  std::string step_kind;  // to_string(StepKind)
  std::string channel;    // chosen channel for send_message / create_task
  std::vector<InvoiceId> invoice_ids;  // the due item set
  std::int64_t amount_minor = 0;       // fee or interest posted
  std::string currency;
  std::optional<Date> deferred_until;
  std::string policy_rule;  // to_string(PolicyRule) for defer
  std::string reason;       // one sentence a collector understands
  std::string idempotency_key;  // "" for defer/skip
};

// A message waiting for the dispatcher.
struct OutboxEntry {
  std::int64_t id = 0;
  CustomerId customer_id;
  std::string idempotency_key;  // unique per creditor
  std::string decision_key;     // = idempotency_key of the decision
  StepChannel channel = StepChannel::email;
  std::vector<StepChannel> fallbacks;  // later channels of the step, usable ones only
  std::string template_name;
  std::string tone;
  std::string language;
  std::vector<InvoiceId> invoice_ids;
  Date local_day;
  std::int64_t send_from_unix = 0;  // quiet-hour window in UTC
  std::int64_t send_until_unix = 0;
  std::string status = "pending";
  std::string reason;  // the decision's reason, kept with the message for the contact history
};

// A task for the workspace (call the customer, review a plan request, ...).
struct TaskEntry {
  std::int64_t id = 0;
  CustomerId customer_id;
  std::string idempotency_key;
  std::string kind = "call";
  Date due_on;
  std::vector<InvoiceId> invoice_ids;
  std::string note;
  std::string status = "open";
};

// Handover to a collection agency or a prepared court dunning application (as data).
struct EscalationEntry {
  std::int64_t id = 0;
  CustomerId customer_id;
  std::string idempotency_key;
  std::string kind;  // "handover" | "court_dunning_prep"
  std::vector<InvoiceId> invoice_ids;
  std::int64_t principal_minor = 0;
  std::int64_t fees_minor = 0;
  std::int64_t interest_minor = 0;
  std::string currency;
  std::string payload_json;  // the data an agency file or a Mahnantrag needs
  std::string status = "ready";
};

// Current segment of a customer, with the rule that matched (or the override).
struct SegmentAssignmentRecord {
  CustomerId customer_id;
  std::string segment;
  int rule_index = -1;  // -1 = manual override
  std::string explanation;
  Date as_of;
};

// ---- Runs ------------------------------------------------------------------------------

struct RunRecord {
  std::int64_t id = 0;
  CreditorId creditor_id;
  Date as_of;
  bool dry_run = false;
  std::string status = "running";  // running | finished | failed
  std::int64_t started_unix = 0;
  std::int64_t finished_unix = 0;
  std::string report_json;  // counts per segment, step, channel, deferral cause
};

// Runs a bounded list query by id cursor (the same convention as the ledger's lists).
struct DecisionQuery {
  std::optional<std::int64_t> run_id;
  std::optional<CustomerId> customer_id;
  std::int64_t after_id = 0;
  int limit = 100;
};

}  // namespace kulanz::engine
