// SqlCollectionStore: the collection engine's tables (migrations/0002_collection.sql):
// collection files and strategy versions, overrides, holds, runs and the read-back lists.
// The run's batch load and batch writes are in collection_batch.cpp.
#include "store/sql_collection_store.hpp"

#include <limits>

#include "store/collection_support.hpp"

namespace kulanz::store {

using namespace kulanz::domain;
using namespace detail;
using engine::Date;

// ---- Collection files -------------------------------------------------------------------

base::Result<std::int64_t> SqlCollectionStore::save_collection_file(CreditorId creditor,
                                                                    const ports::CollectionFileRecord& file) {
  auto lock = guard();
  std::int64_t next = 1;
  {
    KULANZ_STORE_TRY(stmt, conn_->prepare("SELECT coalesce(max(version), 0) FROM collection_files WHERE creditor_id = ?"));
    Query q(*stmt);
    q.arg(creditor.value);
    KULANZ_STORE_TRY(row, q.next());
    if (row) next = q.i64(0) + 1;
  }
  KULANZ_STORE_TRY(stmt, conn_->prepare("INSERT INTO collection_files (creditor_id, version, content, sha256, note, "
                                        "created_unix) VALUES (?, ?, ?, ?, ?, ?)"));
  Query q(*stmt);
  KULANZ_TRY_STATUS(q.arg(creditor.value).arg(next).arg(file.content).arg(file.sha256).arg(file.note).arg(file.created_unix).run());
  return next;
}

base::Result<std::optional<ports::CollectionFileRecord>> SqlCollectionStore::latest_collection_file(CreditorId creditor) {
  auto lock = guard();
  KULANZ_STORE_TRY(rows, select_all<ports::CollectionFileRecord>(
                             *conn_,
                             "SELECT version, content, sha256, note, created_unix FROM collection_files WHERE creditor_id = ? "
                             "ORDER BY version DESC LIMIT 1",
                             {creditor.value}, [](const Query& q) { return read_file_row(q, true); }));
  if (rows.empty()) return std::optional<ports::CollectionFileRecord>();
  return std::optional<ports::CollectionFileRecord>(std::move(rows.front()));
}

base::Result<std::optional<ports::CollectionFileRecord>> SqlCollectionStore::collection_file(CreditorId creditor,
                                                                                            std::int64_t version) {
  auto lock = guard();
  KULANZ_STORE_TRY(rows, select_all<ports::CollectionFileRecord>(
                             *conn_,
                             "SELECT version, content, sha256, note, created_unix FROM collection_files WHERE creditor_id = ? "
                             "AND version = ?",
                             {creditor.value, version}, [](const Query& q) { return read_file_row(q, true); }));
  if (rows.empty()) return std::optional<ports::CollectionFileRecord>();
  return std::optional<ports::CollectionFileRecord>(std::move(rows.front()));
}

base::Result<std::vector<ports::CollectionFileRecord>> SqlCollectionStore::list_collection_files(CreditorId creditor) {
  auto lock = guard();
  return select_all<ports::CollectionFileRecord>(
      *conn_,
      "SELECT version, '', sha256, note, created_unix FROM collection_files WHERE creditor_id = ? ORDER BY version",
      {creditor.value}, [](const Query& q) { return read_file_row(q, false); });
}

base::Status SqlCollectionStore::add_strategy_version(CreditorId creditor, const ports::StrategyVersionRecord& v) {
  auto lock = guard();
  KULANZ_STORE_TRY(stmt, conn_->prepare("INSERT INTO strategy_versions (creditor_id, name, version, collection_version, "
                                        "segment, fingerprint, created_unix) VALUES (?, ?, ?, ?, ?, ?, ?)"));
  Query q(*stmt);
  return q.arg(creditor.value).arg(v.name).arg(v.version).arg(v.collection_version).arg(v.segment).arg(v.fingerprint)
      .arg(v.created_unix).run();
}

base::Result<std::vector<ports::StrategyVersionRecord>> SqlCollectionStore::list_strategy_versions(CreditorId creditor) {
  auto lock = guard();
  return select_all<ports::StrategyVersionRecord>(
      *conn_,
      "SELECT name, version, collection_version, segment, fingerprint, created_unix FROM strategy_versions "
      "WHERE creditor_id = ? ORDER BY name, version",
      {creditor.value}, [](const Query& q) -> base::Result<ports::StrategyVersionRecord> {
        ports::StrategyVersionRecord v;
        v.name = q.str(0);
        v.version = q.i64(1);
        v.collection_version = q.i64(2);
        v.segment = q.str(3);
        v.fingerprint = q.str(4);
        v.created_unix = q.i64(5);
        return v;
      });
}

// ---- Overrides and holds ------------------------------------------------------------------

base::Status SqlCollectionStore::add_segment_override(CreditorId creditor, engine::SegmentOverride& o) {
  auto lock = guard();
  static const InsertSql insert(
      "INSERT INTO segment_overrides (creditor_id, customer_id, segment, reason, expires_on, created_by, created_unix, "
      "revoked) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  KULANZ_STORE_TRY(stmt, conn_->prepare_static(insert.for_dialect(conn_->dialect())));
  Query q(*stmt);
  q.arg(creditor.value).arg(o.customer_id.value).arg(o.segment).arg(o.reason).arg(o.expires_on).arg(o.created_by)
      .arg(o.created_unix).arg(std::int64_t{o.revoked ? 1 : 0});
  KULANZ_STORE_TRY(id, insert_returning_id(q, conn_->dialect(), [] { return std::string("segment override"); }));
  o.id = id;
  return {};
}

base::Result<bool> SqlCollectionStore::revoke_segment_override(CreditorId creditor, std::int64_t id) {
  auto lock = guard();
  KULANZ_STORE_TRY(stmt, conn_->prepare("UPDATE segment_overrides SET revoked = 1 WHERE creditor_id = ? AND id = ? AND revoked = 0"));
  Query q(*stmt);
  KULANZ_TRY_STATUS(q.arg(creditor.value).arg(id).run());
  return q.affected() > 0;
}

base::Result<std::vector<engine::SegmentOverride>> SqlCollectionStore::list_segment_overrides(
    CreditorId creditor, std::optional<CustomerId> customer, bool include_revoked) {
  auto lock = guard();
  std::string sql = std::string("SELECT ") + kOverrideColumns + " FROM segment_overrides WHERE creditor_id = ?";
  std::vector<SqlArg> args{creditor.value};
  if (customer) {
    sql += " AND customer_id = ?";
    args.emplace_back(customer->value);
  }
  if (!include_revoked) sql += " AND revoked = 0";
  sql += " ORDER BY id DESC";
  return select_all<engine::SegmentOverride>(*conn_, sql, args, read_override);
}

base::Status SqlCollectionStore::create_hold(CreditorId creditor, engine::Hold& h) {
  auto lock = guard();
  std::int64_t id = 0;
  KULANZ_TRY_STATUS(atomically([&]() -> base::Status {
    static const InsertSql insert(
        "INSERT INTO holds (creditor_id, customer_id, kind, starts_on, until_on, ended_on, end_kind, reason, created_by, "
        "created_unix) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    {
      KULANZ_STORE_TRY(stmt, conn_->prepare_static(insert.for_dialect(conn_->dialect())));
      Query q(*stmt);
      q.arg(creditor.value).arg(h.customer_id.value).arg(engine::to_string(h.kind)).arg(h.starts_on)
          .arg(iso_or_null(h.until)).arg(iso_or_null(h.ended_on));
      if (h.end) q.arg(engine::to_string(*h.end));
      else q.arg(std::nullopt);
      q.arg(h.reason).arg(h.created_by).arg(h.created_unix);
      KULANZ_STORE_TRY(new_id, insert_returning_id(q, conn_->dialect(), [&] {
        return fmt::format("hold of customer {}", h.customer_id.value);
      }));
      id = new_id;
    }
    static const std::string item_sql =
        "INSERT INTO hold_items (creditor_id, hold_id, ordinal, invoice_id) VALUES (?, ?, ?, ?)";
    for (std::size_t k = 0; k < h.invoice_ids.size(); ++k) {
      KULANZ_STORE_TRY(stmt, conn_->prepare_static(item_sql));
      Query q(*stmt);
      auto st = q.arg(creditor.value).arg(id).arg(static_cast<std::int64_t>(k)).arg(h.invoice_ids[k].value).run();
      if (!st) {
        return base::fail(in_context(std::move(st).error(),
                                     fmt::format("item {} of a hold of customer {}", h.invoice_ids[k].value,
                                                 h.customer_id.value)));
      }
    }
    return {};
  }));
  h.id = id;
  return {};
}

base::Result<bool> SqlCollectionStore::end_hold(CreditorId creditor, std::int64_t id, engine::HoldEnd end, Date on) {
  auto lock = guard();
  KULANZ_STORE_TRY(stmt, conn_->prepare("UPDATE holds SET ended_on = ?, end_kind = ? WHERE creditor_id = ? AND id = ? "
                                        "AND ended_on IS NULL"));
  Query q(*stmt);
  KULANZ_TRY_STATUS(q.arg(on).arg(engine::to_string(end)).arg(creditor.value).arg(id).run());
  return q.affected() > 0;
}

base::Result<std::optional<engine::Hold>> SqlCollectionStore::hold_by_id(CreditorId creditor, std::int64_t id) {
  auto lock = guard();
  KULANZ_STORE_TRY(rows, select_all<engine::Hold>(*conn_,
                                                  std::string("SELECT ") + kHoldColumns +
                                                      " FROM holds h WHERE h.creditor_id = ? AND h.id = ?",
                                                  {creditor.value, id}, read_hold));
  if (rows.empty()) return std::optional<engine::Hold>();
  KULANZ_TRY_STATUS(read_hold_items(*conn_, creditor, " AND h.id = ?", {id}, pointers(rows)));
  return std::optional<engine::Hold>(std::move(rows.front()));
}

base::Result<std::vector<engine::Hold>> SqlCollectionStore::list_holds(CreditorId creditor, std::optional<CustomerId> customer,
                                                                       bool active_only) {
  auto lock = guard();
  std::string where;
  std::vector<SqlArg> args;
  if (customer) {
    where += " AND h.customer_id = ?";
    args.emplace_back(customer->value);
  }
  if (active_only) where += " AND h.ended_on IS NULL";
  std::vector<SqlArg> all{creditor.value};
  all.insert(all.end(), args.begin(), args.end());
  KULANZ_STORE_TRY(holds, select_all<engine::Hold>(*conn_,
                                                   std::string("SELECT ") + kHoldColumns + " FROM holds h WHERE h.creditor_id = ?" +
                                                       where + " ORDER BY h.id",
                                                   all, read_hold));
  KULANZ_TRY_STATUS(read_hold_items(*conn_, creditor, where, args, pointers(holds)));
  return std::move(holds);
}

// ---- Runs and reads ------------------------------------------------------------------------

base::Status SqlCollectionStore::create_run(engine::RunRecord& run) {
  auto lock = guard();
  static const InsertSql insert(
      "INSERT INTO runs (creditor_id, as_of, dry_run, status, started_unix, finished_unix, report) "
      "VALUES (?, ?, ?, ?, ?, 0, '')");
  KULANZ_STORE_TRY(stmt, conn_->prepare_static(insert.for_dialect(conn_->dialect())));
  Query q(*stmt);
  q.arg(run.creditor_id.value).arg(run.as_of).arg(std::int64_t{run.dry_run ? 1 : 0}).arg(run.status).arg(run.started_unix);
  KULANZ_STORE_TRY(id, insert_returning_id(q, conn_->dialect(), [] { return std::string("run"); }));
  run.id = id;
  return {};
}

base::Status SqlCollectionStore::finish_run(CreditorId creditor, std::int64_t run_id, std::string_view status,
                                            std::string_view report_json, std::int64_t finished_unix) {
  auto lock = guard();
  KULANZ_STORE_TRY(stmt, conn_->prepare("UPDATE runs SET status = ?, report = ?, finished_unix = ? WHERE creditor_id = ? AND id = ?"));
  Query q(*stmt);
  KULANZ_TRY_STATUS(q.arg(status).arg(report_json).arg(finished_unix).arg(creditor.value).arg(run_id).run());
  if (q.affected() == 0) return base::fail(ErrorCode::run_unknown, fmt::format("run {} does not exist for this creditor", run_id));
  return {};
}

base::Result<std::optional<engine::RunRecord>> SqlCollectionStore::run_by_id(CreditorId creditor, std::int64_t run_id) {
  auto lock = guard();
  KULANZ_STORE_TRY(rows, select_all<engine::RunRecord>(
                             *conn_, std::string("SELECT ") + kRunColumns + " FROM runs WHERE creditor_id = ? AND id = ?",
                             {creditor.value, run_id}, read_run));
  if (rows.empty()) return std::optional<engine::RunRecord>();
  return std::optional<engine::RunRecord>(std::move(rows.front()));
}

base::Result<std::vector<engine::RunRecord>> SqlCollectionStore::list_runs(CreditorId creditor, std::int64_t before_id,
                                                                           int limit) {
  auto lock = guard();
  check_limit(limit);
  return select_all<engine::RunRecord>(
      *conn_, std::string("SELECT ") + kRunColumns + " FROM runs WHERE creditor_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
      {creditor.value, before_id > 0 ? before_id : std::numeric_limits<std::int64_t>::max(), std::int64_t{limit}}, read_run);
}

base::Result<std::vector<engine::Decision>> SqlCollectionStore::list_decisions(CreditorId creditor,
                                                                               const engine::DecisionQuery& query) {
  auto lock = guard();
  int limit = query.limit;
  check_limit(limit);
  std::string sql = std::string("SELECT ") + kDecisionColumns +
                    " FROM decisions d JOIN customers c ON c.creditor_id = d.creditor_id AND c.id = d.customer_id "
                    "WHERE d.creditor_id = ? AND d.id > ?";
  std::vector<SqlArg> args{creditor.value, query.after_id};
  if (query.run_id) {
    sql += " AND d.run_id = ?";
    args.emplace_back(*query.run_id);
  }
  if (query.customer_id) {
    sql += " AND d.customer_id = ?";
    args.emplace_back(query.customer_id->value);
  }
  sql += " ORDER BY d.id LIMIT ?";
  args.emplace_back(std::int64_t{limit});
  return select_all<engine::Decision>(*conn_, sql, args, read_decision);
}

namespace {

// "SELECT <columns> FROM <table>" for one creditor, after an id, optionally one customer,
// in id order, at most `limit` rows: the shape of the outbox, task and escalation lists.
template <class T, class Reader>
base::Result<std::vector<T>> list_after(Connection& conn, const std::string& select_from, CreditorId creditor,
                                        std::optional<CustomerId> customer, std::int64_t after_id, int limit,
                                        Reader read) {
  check_limit(limit);
  std::string sql = select_from + " WHERE creditor_id = ? AND id > ?";
  std::vector<SqlArg> args{creditor.value, after_id};
  if (customer) {
    sql += " AND customer_id = ?";
    args.emplace_back(customer->value);
  }
  sql += " ORDER BY id LIMIT ?";
  args.emplace_back(std::int64_t{limit});
  return select_all<T>(conn, sql, args, read);
}

}  // namespace

base::Result<std::vector<engine::OutboxEntry>> SqlCollectionStore::list_outbox(CreditorId creditor,
                                                                               std::optional<CustomerId> customer,
                                                                               std::int64_t after_id, int limit) {
  auto lock = guard();
  return list_after<engine::OutboxEntry>(
      *conn_,
      std::string("SELECT ") + kOutboxColumns + " FROM outbox", creditor, customer, after_id, limit,
      [](const Query& q) -> base::Result<engine::OutboxEntry> {
        engine::OutboxEntry e;
        KULANZ_TRY_STATUS(read_outbox(q, e));
        return e;
      });
}

base::Result<std::vector<engine::TaskEntry>> SqlCollectionStore::list_tasks(CreditorId creditor,
                                                                            std::optional<CustomerId> customer,
                                                                            std::int64_t after_id, int limit) {
  auto lock = guard();
  return list_after<engine::TaskEntry>(
      *conn_, "SELECT id, customer_id, idempotency_key, kind, due_on, invoice_ids, note, status FROM tasks", creditor,
      customer, after_id, limit, [](const Query& q) -> base::Result<engine::TaskEntry> {
    engine::TaskEntry t;
    t.id = q.i64(0);
    t.customer_id = CustomerId(q.i64(1));
    t.idempotency_key = q.str(2);
    t.kind = q.str(3);
    KULANZ_STORE_TRY(due, read_date(q, 4, "due_on"));
    t.due_on = due;
    KULANZ_STORE_TRY(ids, parse_ids(q.text(5)));
    t.invoice_ids = std::move(ids);
    t.note = q.str(6);
    t.status = q.str(7);
    return t;
  });
}

base::Result<std::int64_t> SqlCollectionStore::set_escalation_status(CreditorId creditor,
                                                                     const std::vector<std::int64_t>& ids,
                                                                     std::string_view from, std::string_view to) {
  auto lock = guard();
  std::int64_t changed = 0;
  const base::Status st = atomically([&]() -> base::Status {
    static const std::string sql = "UPDATE escalations SET status = ? WHERE creditor_id = ? AND id = ? AND status = ?";
    for (std::int64_t id : ids) {
      KULANZ_STORE_TRY(stmt, conn_->prepare_static(sql));
      Query q(*stmt);
      KULANZ_TRY_STATUS(q.arg(to).arg(creditor.value).arg(id).arg(from).run());
      changed += q.affected();
    }
    return {};
  });
  if (!st) return base::fail(st.error());
  return changed;
}

base::Result<std::vector<engine::EscalationEntry>> SqlCollectionStore::list_escalations(CreditorId creditor,
                                                                                        std::optional<CustomerId> customer,
                                                                                        std::int64_t after_id, int limit) {
  auto lock = guard();
  return list_after<engine::EscalationEntry>(
      *conn_,
      "SELECT id, customer_id, idempotency_key, kind, invoice_ids, principal_minor, fees_minor, interest_minor, "
      "currency, payload_json, status FROM escalations",
      creditor, customer, after_id, limit, [](const Query& q) -> base::Result<engine::EscalationEntry> {
    engine::EscalationEntry e;
    e.id = q.i64(0);
    e.customer_id = CustomerId(q.i64(1));
    e.idempotency_key = q.str(2);
    e.kind = q.str(3);
    KULANZ_STORE_TRY(ids, parse_ids(q.text(4)));
    e.invoice_ids = std::move(ids);
    e.principal_minor = q.i64(5);
    e.fees_minor = q.i64(6);
    e.interest_minor = q.i64(7);
    e.currency = q.str(8);
    e.payload_json = q.str(9);
    e.status = q.str(10);
    return e;
  });
}

base::Result<std::optional<engine::SegmentAssignmentRecord>> SqlCollectionStore::segment_assignment(CreditorId creditor,
                                                                                                   CustomerId customer) {
  auto lock = guard();
  KULANZ_STORE_TRY(rows, select_all<StateRow>(*conn_,
                                              std::string("SELECT ") + kStateColumns +
                                                  " FROM collection_state WHERE creditor_id = ? AND customer_id = ?",
                                              {creditor.value, customer.value}, read_state));
  if (rows.empty() || !rows.front().assignment) return std::optional<engine::SegmentAssignmentRecord>();
  return std::optional<engine::SegmentAssignmentRecord>(std::move(*rows.front().assignment));
}

}  // namespace kulanz::store
