#pragma once
// The storage port of the collection engine: collection files and strategy versions,
// segment overrides, holds, the batch load of customer cases for a run, the run's writes
// (decisions, outbox, tasks, escalations, steps taken, journeys, segment assignments) and
// the run log. Reached through LedgerStore::collection(): the same database session, so
// ledger and engine writes share one transaction. Every call takes the CreditorId and only
// ever sees that creditor's rows.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "engine/case.hpp"
#include "engine/records.hpp"

namespace kulanz::ports {

using base::Result;
using base::Status;
using domain::CreditorId;
using domain::CustomerId;
using calendar::Date;

// One stored version of a creditor's collection file (segments, strategies, policy).
struct CollectionFileRecord {
  std::int64_t version = 0;  // 1, 2, ... per creditor
  std::string content;       // the TOML text as loaded (empty in lists)
  std::string sha256;        // hex of content
  std::string note;          // who loaded it and why
  std::int64_t created_unix = 0;
};

// A strategy's version: a new one whenever its content changes between collection files.
struct StrategyVersionRecord {
  std::string name;
  std::int64_t version = 0;             // 1, 2, ... per (creditor, name)
  std::int64_t collection_version = 0;  // the collection file that holds this version
  std::string segment;
  std::string fingerprint;              // hex SHA-256 of the strategy's normalised content
  std::int64_t created_unix = 0;
};

// What one batch of a run writes, all in the caller's transaction. Inserting an outbox
// entry, task or escalation whose idempotency key exists, or a step record that exists,
// does nothing (and is counted in BatchOutcome). Decisions are always inserted.
struct BatchWrites {
  std::vector<engine::Decision> decisions;
  std::vector<engine::OutboxEntry> outbox;
  std::vector<engine::TaskEntry> tasks;
  std::vector<engine::EscalationEntry> escalations;
  std::vector<engine::StepRecord> steps;
  std::vector<engine::Journey> journeys_started;   // replaces the customer's running journey
  std::vector<CustomerId> journeys_ended;          // removes it
  std::vector<engine::SegmentAssignmentRecord> assignments;  // replaces the current one
};

struct BatchOutcome {
  std::int64_t decisions = 0;
  std::int64_t outbox_inserted = 0, outbox_existing = 0;
  std::int64_t tasks_inserted = 0, tasks_existing = 0;
  std::int64_t escalations_inserted = 0, escalations_existing = 0;
  std::int64_t steps_inserted = 0, steps_existing = 0;
};

class CollectionStore {
 public:
  virtual ~CollectionStore() = default;

  // Collection files. save returns the new version (latest + 1).
  virtual Result<std::int64_t> save_collection_file(CreditorId creditor, const CollectionFileRecord& file) = 0;
  virtual Result<std::optional<CollectionFileRecord>> latest_collection_file(CreditorId creditor) = 0;
  virtual Result<std::optional<CollectionFileRecord>> collection_file(CreditorId creditor, std::int64_t version) = 0;
  virtual Result<std::vector<CollectionFileRecord>> list_collection_files(CreditorId creditor) = 0;  // content empty; ascending
  virtual Status add_strategy_version(CreditorId creditor, const StrategyVersionRecord& v) = 0;
  // Ascending by name, then version.
  virtual Result<std::vector<StrategyVersionRecord>> list_strategy_versions(CreditorId creditor) = 0;

  // Segment overrides. add sets o.id.
  virtual Status add_segment_override(CreditorId creditor, engine::SegmentOverride& o) = 0;
  virtual Result<bool> revoke_segment_override(CreditorId creditor, std::int64_t id) = 0;
  // Newest first; only not revoked ones unless include_revoked.
  virtual Result<std::vector<engine::SegmentOverride>> list_segment_overrides(
      CreditorId creditor, std::optional<CustomerId> customer, bool include_revoked) = 0;

  // Holds. create sets h.id; end sets ended_on and end (false if unknown or already ended).
  virtual Status create_hold(CreditorId creditor, engine::Hold& h) = 0;
  virtual Result<bool> end_hold(CreditorId creditor, std::int64_t id, engine::HoldEnd end, Date on) = 0;
  virtual Result<std::optional<engine::Hold>> hold_by_id(CreditorId creditor, std::int64_t id) = 0;
  // Ascending by id; active_only: not ended.
  virtual Result<std::vector<engine::Hold>> list_holds(CreditorId creditor, std::optional<CustomerId> customer,
                                                       bool active_only) = 0;

  // Up to `limit` customers with id > after, ascending by id, each with its whole case;
  // contacts from `contacts_since` on (the newest override that is not revoked, whatever its
  // expiry). One query per table over the id range, not one per customer.
  virtual Result<std::vector<engine::CustomerCase>> load_cases(CreditorId creditor, CustomerId after, int limit,
                                                              Date contacts_since) = 0;
  // The same for one customer.
  virtual Result<std::optional<engine::CustomerCase>> load_case(CreditorId creditor, CustomerId customer,
                                                               Date contacts_since) = 0;

  // The run's writes for one batch, inside the caller's transaction; decisions get
  // run_id and ids. Outbox entries also count as contacts (ContactRecord by local_day) and
  // tasks of kind "call" by due_on.
  virtual Result<BatchOutcome> apply_batch(CreditorId creditor, std::int64_t run_id, BatchWrites& writes) = 0;

  // Runs.
  virtual Status create_run(engine::RunRecord& run) = 0;  // sets run.id
  virtual Status finish_run(CreditorId creditor, std::int64_t run_id, std::string_view status,
                            std::string_view report_json, std::int64_t finished_unix) = 0;
  virtual Result<std::optional<engine::RunRecord>> run_by_id(CreditorId creditor, std::int64_t run_id) = 0;
  virtual Result<std::vector<engine::RunRecord>> list_runs(CreditorId creditor, std::int64_t before_id, int limit) = 0;  // newest first; before_id 0 = from the newest

  // Read back (ascending by id after q.after_id, at most q.limit).
  virtual Result<std::vector<engine::Decision>> list_decisions(CreditorId creditor, const engine::DecisionQuery& q) = 0;
  virtual Result<std::vector<engine::OutboxEntry>> list_outbox(CreditorId creditor, std::optional<CustomerId> customer,
                                                               std::int64_t after_id, int limit) = 0;
  virtual Result<std::vector<engine::TaskEntry>> list_tasks(CreditorId creditor, std::optional<CustomerId> customer,
                                                            std::int64_t after_id, int limit) = 0;
  virtual Result<std::vector<engine::EscalationEntry>> list_escalations(CreditorId creditor, std::optional<CustomerId> customer,
                                                                        std::int64_t after_id, int limit) = 0;
  // Moves the given escalations from status `from` to `to` (e.g. ready -> exported when an
  // agency file is written); returns how many were in `from` and changed. Others are untouched.
  virtual Result<std::int64_t> set_escalation_status(CreditorId creditor, const std::vector<std::int64_t>& ids,
                                                     std::string_view from, std::string_view to) = 0;
  virtual Result<std::optional<engine::SegmentAssignmentRecord>> segment_assignment(CreditorId creditor, CustomerId customer) = 0;
};

}  // namespace kulanz::ports
