#pragma once
// ports::CollectionStore on the same Connection (and the same session lock) as
// SqlLedgerStore, whose collection() returns it. Tables: migrations/0002_collection.sql.
#include <functional>
#include <memory>
#include <mutex>

#include "ports/collection_store.hpp"
#include "store/sql.hpp"

namespace kulanz::store {

class SqlCollectionStore final : public ports::CollectionStore {
 public:
  // Runs a function in the session's open transaction, or in one of its own when none is
  // open (SqlLedgerStore::atomically): used by the calls that write several rows
  // (create_hold, apply_batch), so that they never leave half their rows.
  using Atomically = std::function<base::Status(const std::function<base::Status()>&)>;

  SqlCollectionStore(std::shared_ptr<Connection> conn, std::shared_ptr<std::recursive_mutex> shared,
                     Atomically atomically = nullptr)
      : conn_(std::move(conn)), shared_(std::move(shared)), atomically_(std::move(atomically)) {}

  base::Result<std::int64_t> save_collection_file(domain::CreditorId creditor, const ports::CollectionFileRecord& file) override;
  base::Result<std::optional<ports::CollectionFileRecord>> latest_collection_file(domain::CreditorId creditor) override;
  base::Result<std::optional<ports::CollectionFileRecord>> collection_file(domain::CreditorId creditor,
                                                                          std::int64_t version) override;
  base::Result<std::vector<ports::CollectionFileRecord>> list_collection_files(domain::CreditorId creditor) override;
  base::Status add_strategy_version(domain::CreditorId creditor, const ports::StrategyVersionRecord& v) override;
  base::Result<std::vector<ports::StrategyVersionRecord>> list_strategy_versions(domain::CreditorId creditor) override;

  base::Status add_segment_override(domain::CreditorId creditor, engine::SegmentOverride& o) override;
  base::Result<bool> revoke_segment_override(domain::CreditorId creditor, std::int64_t id) override;
  base::Result<std::vector<engine::SegmentOverride>> list_segment_overrides(domain::CreditorId creditor,
                                                                            std::optional<domain::CustomerId> customer,
                                                                            bool include_revoked) override;

  base::Status create_hold(domain::CreditorId creditor, engine::Hold& h) override;
  base::Result<bool> end_hold(domain::CreditorId creditor, std::int64_t id, engine::HoldEnd end, calendar::Date on) override;
  base::Result<std::optional<engine::Hold>> hold_by_id(domain::CreditorId creditor, std::int64_t id) override;
  base::Result<std::vector<engine::Hold>> list_holds(domain::CreditorId creditor, std::optional<domain::CustomerId> customer,
                                                     bool active_only) override;

  base::Result<std::vector<engine::CustomerCase>> load_cases(domain::CreditorId creditor, domain::CustomerId after,
                                                             int limit, calendar::Date contacts_since) override;
  base::Result<std::optional<engine::CustomerCase>> load_case(domain::CreditorId creditor, domain::CustomerId customer,
                                                              calendar::Date contacts_since) override;

  base::Result<ports::BatchOutcome> apply_batch(domain::CreditorId creditor, std::int64_t run_id,
                                                ports::BatchWrites& writes) override;

  base::Status create_run(engine::RunRecord& run) override;
  base::Status finish_run(domain::CreditorId creditor, std::int64_t run_id, std::string_view status,
                          std::string_view report_json, std::int64_t finished_unix) override;
  base::Result<std::optional<engine::RunRecord>> run_by_id(domain::CreditorId creditor, std::int64_t run_id) override;
  base::Result<std::vector<engine::RunRecord>> list_runs(domain::CreditorId creditor, std::int64_t before_id,
                                                         int limit) override;

  base::Result<std::vector<engine::Decision>> list_decisions(domain::CreditorId creditor,
                                                             const engine::DecisionQuery& q) override;
  base::Result<std::vector<engine::OutboxEntry>> list_outbox(domain::CreditorId creditor,
                                                             std::optional<domain::CustomerId> customer,
                                                             std::int64_t after_id, int limit) override;
  base::Result<std::vector<engine::TaskEntry>> list_tasks(domain::CreditorId creditor,
                                                          std::optional<domain::CustomerId> customer,
                                                          std::int64_t after_id, int limit) override;
  base::Result<std::int64_t> set_escalation_status(domain::CreditorId creditor, const std::vector<std::int64_t>& ids,
                                                   std::string_view from, std::string_view to) override;
  base::Result<std::vector<engine::EscalationEntry>> list_escalations(domain::CreditorId creditor,
                                                                      std::optional<domain::CustomerId> customer,
                                                                      std::int64_t after_id, int limit) override;
  base::Result<std::optional<engine::SegmentAssignmentRecord>> segment_assignment(domain::CreditorId creditor,
                                                                                 domain::CustomerId customer) override;

 private:
  // The cases of `customers` (ascending ids of one creditor, no gaps between them among
  // the creditor's customers): one query per table over the range of their ids.
  base::Result<std::vector<engine::CustomerCase>> cases_in_range(domain::CreditorId creditor,
                                                                 std::vector<domain::Customer> customers,
                                                                 calendar::Date contacts_since);
  base::Status write_batch(domain::CreditorId creditor, std::int64_t run_id, ports::BatchWrites& w,
                           ports::BatchOutcome& out);
  base::Status atomically(const std::function<base::Status()>& fn) { return atomically_ ? atomically_(fn) : fn(); }
  std::unique_lock<std::recursive_mutex> guard() {
    return shared_ ? std::unique_lock<std::recursive_mutex>(*shared_) : std::unique_lock<std::recursive_mutex>();
  }

  std::shared_ptr<Connection> conn_;
  std::shared_ptr<std::recursive_mutex> shared_;
  Atomically atomically_;
};

}  // namespace kulanz::store
