#pragma once
// Shared pieces of SqlCollectionStore's implementation files (sql_collection_store.cpp,
// collection_batch.cpp): compact id lists, row readers, inserts that count or return ids.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/case.hpp"
#include "ports/collection_store.hpp"
#include "store/store_support.hpp"

namespace kulanz::store::detail {

// Lists of ids and channels as compact text ("12,15,19", "sms,letter").
std::string ids_text(const std::vector<domain::InvoiceId>& ids);
base::Result<std::vector<domain::InvoiceId>> parse_ids(std::string_view text);
std::string channels_text(const std::vector<engine::StepChannel>& chs);
base::Result<std::vector<engine::StepChannel>> parse_channels(std::string_view text);
std::optional<std::string> iso_or_null(const std::optional<calendar::Date>& d);

// The steps taken for a customer's items as one text (collection_state.steps, migration
// 0003): "INVOICE_ID:STRATEGY@VERSION:STEP_INDEX:d|s:YYYY-MM-DD;" per record. The key of a
// record is everything before the state; parse keeps the first record of each key.
void append_step_text(std::string& out, const engine::StepRecord& r);

// A customer's collection_state row: assignment, running journey, steps (parsed and as text).
struct StateRow {
  std::optional<engine::SegmentAssignmentRecord> assignment;
  std::optional<engine::Journey> journey;
  std::vector<engine::StepRecord> steps;
  std::string steps_text;
};
extern const char* const kStateColumns;  // customer_id first
base::Result<StateRow> read_state(const Query& q);
// Inserts or replaces the row.
base::Status write_state(Connection& conn, domain::CreditorId creditor, domain::CustomerId customer, const StateRow& s);
std::string step_key_text(const engine::StepRecord& r);
base::Status parse_step_text(std::string_view text, domain::CustomerId customer, std::vector<engine::StepRecord>& out);

void bind_args(Query& q, const std::vector<SqlArg>& args);

// Column lists and row readers; the reader expects the columns in the listed order.
extern const char* const kHoldColumns;  // of holds h, without the items (read_hold_items)
extern const char* const kOverrideColumns;
extern const char* const kDecisionColumns;  // of decisions d joined with customers c
extern const char* const kRunColumns;
// The outbox columns of 0002 and the decision's reason (0006), in this order, and their reader.
extern const char* const kOutboxColumns;
base::Status read_outbox(const Query& q, engine::OutboxEntry& e);
base::Result<engine::Hold> read_hold(const Query& q);
base::Status read_hold_items(Connection& conn, domain::CreditorId creditor, const std::string& where,
                             const std::vector<SqlArg>& args, std::vector<engine::Hold*> holds);
base::Result<engine::SegmentOverride> read_override(const Query& q);
base::Result<engine::Decision> read_decision(const Query& q);
base::Result<engine::RunRecord> read_run(const Query& q);
base::Result<ports::CollectionFileRecord> read_file_row(const Query& q, bool with_content);

template <class Container>
std::vector<engine::Hold*> pointers(Container& holds) {
  std::vector<engine::Hold*> out;
  out.reserve(holds.size());
  for (auto& h : holds) out.push_back(&h);
  return out;
}

// Runs a SELECT with the given arguments and reads every row.
template <class T, class Reader>
base::Result<std::vector<T>> select_all(Connection& conn, const std::string& sql, const std::vector<SqlArg>& args,
                                        Reader read) {
  KULANZ_STORE_TRY(stmt, conn.prepare(sql));
  Query q(*stmt);
  bind_args(q, args);
  std::vector<T> out;
  while (true) {
    KULANZ_STORE_TRY(row, q.next());
    if (!row) break;
    KULANZ_STORE_TRY(item, read(q));
    out.push_back(std::move(item));
  }
  return out;
}

inline void check_limit(int& limit) {
  if (limit < 1) limit = 1;
  if (limit > 1000000) limit = 1000000;
}

// New rows' ids: RETURNING on PostgreSQL, the last rowid on SQLite (whose RETURNING
// builds a temporary table per statement; decisions are inserted one per row of a run).
// Use with InsertSql. `context()` names the row for messages; called only on failure.
template <class Context>
base::Result<std::int64_t> insert_returning_id(Query& q, Dialect d, Context context) {
  auto row = q.next();
  if (!row) return base::fail(in_context(std::move(row).error(), context()));
  if (d == Dialect::postgres) {
    if (*row) return q.i64(0);
  } else if (q.affected() == 1) {
    return q.last_insert_id();
  }
  return base::fail(ErrorCode::db_error, context() + ": the new row got no id");
}

// Runs an INSERT ... ON CONFLICT DO NOTHING: true when it inserted the row (by the
// statement's changed-row count), false when the key existed.
template <class Context>
base::Result<bool> insert_if_new(Query& q, Context context) {
  auto st = q.run();
  if (!st) return base::fail(in_context(std::move(st).error(), context()));
  return q.affected() > 0;
}

inline void tally(bool inserted, std::int64_t& inserted_count, std::int64_t& existing_count) {
  ++(inserted ? inserted_count : existing_count);
}

}  // namespace kulanz::store::detail
