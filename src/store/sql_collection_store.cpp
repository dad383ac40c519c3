// SqlCollectionStore: the collection engine's tables (migrations/0002_collection.sql).
#include "store/sql_collection_store.hpp"

#include <charconv>
#include <unordered_map>

#include "store/store_support.hpp"

namespace kulanz::store {

using namespace kulanz::domain;
using namespace detail;
using engine::Date;

namespace {

std::string ids_text(const std::vector<InvoiceId>& ids) {
  std::string s;
  for (auto id : ids) s += (s.empty() ? "" : ",") + std::to_string(id.value);
  return s;
}

base::Result<std::vector<InvoiceId>> parse_ids(std::string_view text) {
  std::vector<InvoiceId> ids;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string_view::npos) end = text.size();
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(text.data() + start, text.data() + end, v);
    if (ec != std::errc() || p != text.data() + end)
      return base::fail(ErrorCode::db_error, "a stored list of item ids is damaged: '" + std::string(text) + "'");
    ids.emplace_back(v);
    start = end + 1;
  }
  return ids;
}

std::string channels_text(const std::vector<engine::StepChannel>& chs) {
  std::string s;
  for (auto c : chs) s += (s.empty() ? "" : ",") + std::string(engine::to_string(c));
  return s;
}

base::Result<std::vector<engine::StepChannel>> parse_channels(std::string_view text) {
  std::vector<engine::StepChannel> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string_view::npos) end = text.size();
    auto c = engine::parse_step_channel(text.substr(start, end - start));
    if (!c) return base::fail(ErrorCode::db_error, "a stored channel list is damaged: '" + std::string(text) + "'");
    out.push_back(*c);
    start = end + 1;
  }
  return out;
}

std::optional<std::string> iso_or_null(const std::optional<Date>& d) {
  if (!d) return std::nullopt;
  return d->iso();
}

constexpr const char* kHoldColumns =
    "id, customer_id, kind, invoice_ids, starts_on, until_on, ended_on, end_kind, reason, created_by, created_unix";

base::Result<engine::Hold> read_hold(const Query& q) {
  engine::Hold h;
  h.id = q.i64(0);
  h.customer_id = CustomerId(q.i64(1));
  KULANZ_STORE_TRY(kind, engine::parse_hold_kind(q.text(2)));
  h.kind = kind;
  KULANZ_STORE_TRY(ids, parse_ids(q.text(3)));
  h.invoice_ids = std::move(ids);
  KULANZ_STORE_TRY(starts, read_date(q, 4, "starts_on"));
  h.starts_on = starts;
  KULANZ_STORE_TRY(until, read_optional_date(q, 5, "until_on"));
  h.until = until;
  KULANZ_STORE_TRY(ended, read_optional_date(q, 6, "ended_on"));
  h.ended_on = ended;
  if (!q.null(7)) h.end = q.text(7) == "broken" ? engine::HoldEnd::broken : engine::HoldEnd::ended;
  h.reason = q.str(8);
  h.created_by = q.str(9);
  h.created_unix = q.i64(10);
  return h;
}

constexpr const char* kOverrideColumns = "id, customer_id, segment, reason, expires_on, created_by, created_unix, revoked";

base::Result<engine::SegmentOverride> read_override(const Query& q) {
  engine::SegmentOverride o;
  o.id = q.i64(0);
  o.customer_id = CustomerId(q.i64(1));
  o.segment = q.str(2);
  o.reason = q.str(3);
  KULANZ_STORE_TRY(expires, read_date(q, 4, "expires_on"));
  o.expires_on = expires;
  o.created_by = q.str(5);
  o.created_unix = q.i64(6);
  o.revoked = q.i64(7) != 0;
  return o;
}

constexpr const char* kDecisionColumns =
    "d.id, d.run_id, d.customer_id, c.external_id, d.as_of, d.kind, d.segment, d.strategy, d.version, d.variant, "
    "d.step_index, d.step_kind, d.channel, d.invoice_ids, d.amount_minor, d.currency, d.deferred_until, d.policy_rule, "
    "d.reason, d.idempotency_key";

base::Result<engine::Decision> read_decision(const Query& q) {
  engine::Decision d;
  d.id = q.i64(0);
  d.run_id = q.i64(1);
  d.customer_id = CustomerId(q.i64(2));
  d.customer_external_id = q.str(3);
  KULANZ_STORE_TRY(as_of, read_date(q, 4, "as_of"));
  d.as_of = as_of;
  KULANZ_STORE_TRY(kind, engine::parse_decision_kind(q.text(5)));
  d.kind = kind;
  d.segment = q.str(6);
  d.strategy = q.str(7);
  d.version = q.i64(8);
  d.variant = q.str(9);
  d.step_index = static_cast<int>(q.i64(10));
  d.step_kind = q.str(11);
  d.channel = q.str(12);
  KULANZ_STORE_TRY(ids, parse_ids(q.text(13)));
  d.invoice_ids = std::move(ids);
  d.amount_minor = q.i64(14);
  d.currency = q.str(15);
  KULANZ_STORE_TRY(until, read_optional_date(q, 16, "deferred_until"));
  d.deferred_until = until;
  d.policy_rule = q.str(17);
  d.reason = q.str(18);
  d.idempotency_key = q.str(19);
  return d;
}

constexpr const char* kRunColumns = "id, creditor_id, as_of, dry_run, status, started_unix, finished_unix, report";

base::Result<engine::RunRecord> read_run(const Query& q) {
  engine::RunRecord r;
  r.id = q.i64(0);
  r.creditor_id = CreditorId(q.i64(1));
  KULANZ_STORE_TRY(as_of, read_date(q, 2, "as_of"));
  r.as_of = as_of;
  r.dry_run = q.i64(3) != 0;
  r.status = q.str(4);
  r.started_unix = q.i64(5);
  r.finished_unix = q.i64(6);
  r.report_json = q.str(7);
  return r;
}

// Runs a SELECT with the given arguments and reads every row.
template <class T, class Reader>
base::Result<std::vector<T>> select_all(Connection& conn, const std::string& sql, const std::vector<SqlArg>& args,
                                        Reader read) {
  KULANZ_STORE_TRY(stmt, conn.prepare(sql));
  Query q(*stmt);
  for (const auto& a : args) {
    if (const auto* i = std::get_if<std::int64_t>(&a)) q.arg(*i);
    else q.arg(std::get<std::string>(a));
  }
  std::vector<T> out;
  while (true) {
    KULANZ_STORE_TRY(row, q.next());
    if (!row) break;
    KULANZ_STORE_TRY(item, read(q));
    out.push_back(std::move(item));
  }
  return out;
}

base::Result<ports::CollectionFileRecord> read_file_row(const Query& q, bool with_content) {
  ports::CollectionFileRecord f;
  f.version = q.i64(0);
  if (with_content) f.content = q.str(1);
  f.sha256 = q.str(2);
  f.note = q.str(3);
  f.created_unix = q.i64(4);
  return f;
}

void check_limit(int& limit) {
  if (limit < 1) limit = 1;
  if (limit > 1000000) limit = 1000000;
}

}  // namespace

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
  KULANZ_STORE_TRY(stmt, conn_->prepare("INSERT INTO segment_overrides (creditor_id, customer_id, segment, reason, "
                                        "expires_on, created_by, created_unix, revoked) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                                        "RETURNING id"));
  Query q(*stmt);
  q.arg(creditor.value).arg(o.customer_id.value).arg(o.segment).arg(o.reason).arg(o.expires_on).arg(o.created_by)
      .arg(o.created_unix).arg(std::int64_t{o.revoked ? 1 : 0});
  KULANZ_STORE_TRY(row, q.next());
  if (!row) return base::fail(ErrorCode::db_error, "the new override got no id");
  o.id = q.i64(0);
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
  KULANZ_STORE_TRY(stmt, conn_->prepare("INSERT INTO holds (creditor_id, customer_id, kind, invoice_ids, starts_on, until_on, "
                                        "ended_on, end_kind, reason, created_by, created_unix) "
                                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
  Query q(*stmt);
  q.arg(creditor.value).arg(h.customer_id.value).arg(engine::to_string(h.kind)).arg(ids_text(h.invoice_ids))
      .arg(h.starts_on).arg(iso_or_null(h.until)).arg(iso_or_null(h.ended_on));
  if (h.end) q.arg(engine::to_string(*h.end));
  else q.arg(std::nullopt);
  q.arg(h.reason).arg(h.created_by).arg(h.created_unix);
  KULANZ_STORE_TRY(row, q.next());
  if (!row) return base::fail(ErrorCode::db_error, "the new hold got no id");
  h.id = q.i64(0);
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
                                                      " FROM holds WHERE creditor_id = ? AND id = ?",
                                                  {creditor.value, id}, read_hold));
  if (rows.empty()) return std::optional<engine::Hold>();
  return std::optional<engine::Hold>(std::move(rows.front()));
}

base::Result<std::vector<engine::Hold>> SqlCollectionStore::list_holds(CreditorId creditor, std::optional<CustomerId> customer,
                                                                       bool active_only) {
  auto lock = guard();
  std::string sql = std::string("SELECT ") + kHoldColumns + " FROM holds WHERE creditor_id = ?";
  std::vector<SqlArg> args{creditor.value};
  if (customer) {
    sql += " AND customer_id = ?";
    args.emplace_back(customer->value);
  }
  if (active_only) sql += " AND ended_on IS NULL";
  sql += " ORDER BY id";
  return select_all<engine::Hold>(*conn_, sql, args, read_hold);
}

// ---- Batch load ----------------------------------------------------------------------------

base::Result<std::vector<engine::CustomerCase>> SqlCollectionStore::cases_in_range(CreditorId creditor,
                                                                                   std::vector<Customer> customers,
                                                                                   Date contacts_since) {
  std::vector<engine::CustomerCase> cases(customers.size());
  std::unordered_map<std::int64_t, std::size_t> index;
  index.reserve(customers.size() * 2);
  for (std::size_t i = 0; i < customers.size(); ++i) {
    index[customers[i].id.value] = i;
    cases[i].ledger.customer = std::move(customers[i]);
  }
  if (cases.empty()) return cases;
  const std::int64_t first = cases.front().ledger.customer.id.value;
  const std::int64_t last = cases.back().ledger.customer.id.value;
  auto range = [&](const std::string& select_from, const std::string& tail) {
    return select_from + " WHERE creditor_id = ? AND customer_id BETWEEN ? AND ?" + tail;
  };
  // Reads rows of one table over the id range; `put` files each row with its customer.
  auto each = [&](const std::string& sql, std::vector<SqlArg> extra, auto&& put) -> base::Status {
    KULANZ_STORE_TRY(stmt, conn_->prepare(sql));
    Query q(*stmt);
    q.arg(creditor.value).arg(first).arg(last);
    for (const auto& a : extra) {
      if (const auto* i = std::get_if<std::int64_t>(&a)) q.arg(*i);
      else q.arg(std::get<std::string>(a));
    }
    while (true) {
      KULANZ_STORE_TRY(row, q.next());
      if (!row) break;
      KULANZ_TRY_STATUS(put(q));
    }
    return {};
  };
  auto slot = [&](std::int64_t customer_id) -> engine::CustomerCase* {
    auto it = index.find(customer_id);
    return it == index.end() ? nullptr : &cases[it->second];
  };
  KULANZ_TRY_STATUS(each(range(std::string("SELECT ") + kInvoiceColumns + " FROM invoices", " ORDER BY customer_id, id"), {},
                         [&](const Query& q) -> base::Status {
                           KULANZ_STORE_TRY(inv, read_invoice(q, creditor));
                           if (auto* c = slot(inv.customer_id.value)) c->ledger.invoices.push_back(std::move(inv));
                           return {};
                         }));
  KULANZ_TRY_STATUS(each(range(std::string("SELECT ") + kCreditNoteColumns + " FROM credit_notes", " ORDER BY customer_id, id"),
                         {}, [&](const Query& q) -> base::Status {
                           KULANZ_STORE_TRY(n, read_credit_note(q, creditor));
                           if (auto* c = slot(n.customer_id.value)) c->ledger.credit_notes.push_back(std::move(n));
                           return {};
                         }));
  KULANZ_TRY_STATUS(each(range(std::string("SELECT ") + kPaymentColumns + " FROM payments", " ORDER BY customer_id, id"), {},
                         [&](const Query& q) -> base::Status {
                           KULANZ_STORE_TRY(p, read_payment(q, creditor));
                           if (auto* c = slot(p.customer_id.value)) c->ledger.payments.push_back(std::move(p));
                           return {};
                         }));
  KULANZ_TRY_STATUS(each(range("SELECT id, source, payment_id, credit_note_id, invoice_id, currency, amount_minor, "
                               "allocation_date, customer_id FROM allocations",
                               " ORDER BY customer_id, id"),
                         {}, [&](const Query& q) -> base::Status {
                           Allocation a;
                           a.id = AllocationId(q.i64(0));
                           a.creditor_id = creditor;
                           a.customer_id = CustomerId(q.i64(8));
                           a.source = q.text(1) == "credit_note" ? AllocationSource::credit_note : AllocationSource::payment;
                           a.source_id = a.source == AllocationSource::payment ? q.i64(2) : q.i64(3);
                           a.invoice_id = InvoiceId(q.i64(4));
                           KULANZ_STORE_TRY(currency, read_currency(q, 5));
                           a.amount = Money(q.i64(6), currency);
                           KULANZ_STORE_TRY(date, read_date(q, 7, "allocation_date"));
                           a.date = date;
                           if (auto* c = slot(a.customer_id.value)) c->ledger.allocations.push_back(std::move(a));
                           return {};
                         }));
  KULANZ_TRY_STATUS(each(range(std::string("SELECT ") + kHoldColumns + " FROM holds", " ORDER BY customer_id, id"), {},
                         [&](const Query& q) -> base::Status {
                           KULANZ_STORE_TRY(h, read_hold(q));
                           if (auto* c = slot(h.customer_id.value)) c->holds.push_back(std::move(h));
                           return {};
                         }));
  KULANZ_TRY_STATUS(each(range(std::string("SELECT ") + kOverrideColumns + " FROM segment_overrides",
                               " AND revoked = 0 ORDER BY customer_id, id"),
                         {}, [&](const Query& q) -> base::Status {
                           KULANZ_STORE_TRY(o, read_override(q));
                           if (auto* c = slot(o.customer_id.value)) c->segment_override = std::move(o);  // newest wins
                           return {};
                         }));
  KULANZ_TRY_STATUS(each(range("SELECT customer_id, strategy, version, variant, holdout, started_on FROM journeys", ""), {},
                         [&](const Query& q) -> base::Status {
                           engine::Journey j;
                           j.customer_id = CustomerId(q.i64(0));
                           j.strategy = q.str(1);
                           j.version = q.i64(2);
                           j.variant = q.str(3);
                           j.holdout = q.i64(4) != 0;
                           KULANZ_STORE_TRY(started, read_date(q, 5, "started_on"));
                           j.started_on = started;
                           if (auto* c = slot(j.customer_id.value)) c->journey = std::move(j);
                           return {};
                         }));
  KULANZ_TRY_STATUS(each(range("SELECT customer_id, invoice_id, strategy, version, step_index, state, on_date, decision_key "
                               "FROM step_records",
                               " ORDER BY customer_id, invoice_id, step_index"),
                         {}, [&](const Query& q) -> base::Status {
                           engine::StepRecord r;
                           r.customer_id = CustomerId(q.i64(0));
                           r.invoice_id = InvoiceId(q.i64(1));
                           r.strategy = q.str(2);
                           r.version = q.i64(3);
                           r.step_index = static_cast<int>(q.i64(4));
                           r.state = q.text(5) == "skipped" ? engine::StepState::skipped : engine::StepState::done;
                           KULANZ_STORE_TRY(on, read_date(q, 6, "on_date"));
                           r.on = on;
                           r.decision_key = q.str(7);
                           if (auto* c = slot(r.customer_id.value)) c->steps.push_back(std::move(r));
                           return {};
                         }));
  const std::string since = contacts_since.iso();
  KULANZ_TRY_STATUS(each(range("SELECT customer_id, local_day, channel FROM outbox",
                               " AND local_day >= ? AND status <> 'cancelled' ORDER BY customer_id, local_day"),
                         {since}, [&](const Query& q) -> base::Status {
                           engine::ContactRecord r;
                           r.customer_id = CustomerId(q.i64(0));
                           KULANZ_STORE_TRY(day, read_date(q, 1, "local_day"));
                           r.day = day;
                           KULANZ_STORE_TRY(ch, engine::parse_step_channel(q.text(2)));
                           r.channel = ch;
                           if (auto* c = slot(r.customer_id.value)) c->contacts.push_back(r);
                           return {};
                         }));
  KULANZ_TRY_STATUS(each(range("SELECT customer_id, due_on FROM tasks",
                               " AND kind = 'call' AND due_on >= ? AND status <> 'cancelled' ORDER BY customer_id, due_on"),
                         {since}, [&](const Query& q) -> base::Status {
                           engine::ContactRecord r;
                           r.customer_id = CustomerId(q.i64(0));
                           KULANZ_STORE_TRY(day, read_date(q, 1, "due_on"));
                           r.day = day;
                           r.channel = engine::StepChannel::call;
                           if (auto* c = slot(r.customer_id.value)) c->contacts.push_back(r);
                           return {};
                         }));
  KULANZ_TRY_STATUS(each(range("SELECT customer_id, segment, rule_index, explanation, as_of FROM segment_assignments", ""), {},
                         [&](const Query& q) -> base::Status {
                           engine::SegmentAssignmentRecord a;
                           a.customer_id = CustomerId(q.i64(0));
                           a.segment = q.str(1);
                           a.rule_index = static_cast<int>(q.i64(2));
                           a.explanation = q.str(3);
                           KULANZ_STORE_TRY(as_of, read_date(q, 4, "as_of"));
                           a.as_of = as_of;
                           if (auto* c = slot(a.customer_id.value)) c->assignment = std::move(a);
                           return {};
                         }));
  return cases;
}

base::Result<std::vector<engine::CustomerCase>> SqlCollectionStore::load_cases(CreditorId creditor, CustomerId after,
                                                                               int limit, Date contacts_since) {
  auto lock = guard();
  check_limit(limit);
  KULANZ_STORE_TRY(customers, select_all<Customer>(*conn_,
                                                   std::string("SELECT ") + kCustomerColumns +
                                                       " FROM customers WHERE creditor_id = ? AND id > ? ORDER BY id LIMIT ?",
                                                   {creditor.value, after.value, std::int64_t{limit}},
                                                   [&](const Query& q) { return read_customer(q, creditor); }));
  return cases_in_range(creditor, std::move(customers), contacts_since);
}

base::Result<std::optional<engine::CustomerCase>> SqlCollectionStore::load_case(CreditorId creditor, CustomerId customer,
                                                                               Date contacts_since) {
  auto lock = guard();
  KULANZ_STORE_TRY(customers, select_all<Customer>(*conn_,
                                                   std::string("SELECT ") + kCustomerColumns +
                                                       " FROM customers WHERE creditor_id = ? AND id = ?",
                                                   {creditor.value, customer.value},
                                                   [&](const Query& q) { return read_customer(q, creditor); }));
  if (customers.empty()) return std::optional<engine::CustomerCase>();
  KULANZ_STORE_TRY(cases, cases_in_range(creditor, std::move(customers), contacts_since));
  return std::optional<engine::CustomerCase>(std::move(cases.front()));
}

// ---- The run's writes ---------------------------------------------------------------------

base::Result<ports::BatchOutcome> SqlCollectionStore::apply_batch(CreditorId creditor, std::int64_t run_id,
                                                                  ports::BatchWrites& w) {
  auto lock = guard();
  ports::BatchOutcome out;
  for (auto& d : w.decisions) {
    static const std::string sql =
        "INSERT INTO decisions (creditor_id, run_id, customer_id, as_of, kind, segment, strategy, version, variant, "
        "step_index, step_kind, channel, invoice_ids, amount_minor, currency, deferred_until, policy_rule, reason, "
        "idempotency_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
    KULANZ_STORE_TRY(stmt, conn_->prepare_static(sql));
    Query q(*stmt);
    q.arg(creditor.value).arg(run_id).arg(d.customer_id.value).arg(d.as_of).arg(engine::to_string(d.kind)).arg(d.segment)
        .arg(d.strategy).arg(d.version).arg(d.variant).arg(std::int64_t{d.step_index}).arg(d.step_kind).arg(d.channel)
        .arg(ids_text(d.invoice_ids)).arg(d.amount_minor).arg(d.currency).arg(iso_or_null(d.deferred_until))
        .arg(d.policy_rule).arg(d.reason).arg(d.idempotency_key);
    KULANZ_STORE_TRY(row, q.next());
    if (row) d.id = q.i64(0);
    d.run_id = run_id;
    ++out.decisions;
  }
  for (const auto& e : w.outbox) {
    static const std::string sql =
        "INSERT INTO outbox (creditor_id, customer_id, idempotency_key, decision_key, channel, fallbacks, template, tone, "
        "language, invoice_ids, local_day, send_from_unix, send_until_unix, status) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (creditor_id, idempotency_key) DO NOTHING";
    KULANZ_STORE_TRY(stmt, conn_->prepare_static(sql));
    Query q(*stmt);
    KULANZ_TRY_STATUS(q.arg(creditor.value).arg(e.customer_id.value).arg(e.idempotency_key).arg(e.decision_key)
                          .arg(engine::to_string(e.channel)).arg(channels_text(e.fallbacks)).arg(e.template_name).arg(e.tone)
                          .arg(e.language).arg(ids_text(e.invoice_ids)).arg(e.local_day).arg(e.send_from_unix)
                          .arg(e.send_until_unix).arg(e.status).run());
    if (q.affected() > 0) ++out.outbox_inserted;
    else ++out.outbox_existing;
  }
  for (const auto& t : w.tasks) {
    static const std::string sql =
        "INSERT INTO tasks (creditor_id, customer_id, idempotency_key, kind, due_on, invoice_ids, note, status) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (creditor_id, idempotency_key) DO NOTHING";
    KULANZ_STORE_TRY(stmt, conn_->prepare_static(sql));
    Query q(*stmt);
    KULANZ_TRY_STATUS(q.arg(creditor.value).arg(t.customer_id.value).arg(t.idempotency_key).arg(t.kind).arg(t.due_on)
                          .arg(ids_text(t.invoice_ids)).arg(t.note).arg(t.status).run());
    if (q.affected() > 0) ++out.tasks_inserted;
    else ++out.tasks_existing;
  }
  for (const auto& e : w.escalations) {
    static const std::string sql =
        "INSERT INTO escalations (creditor_id, customer_id, idempotency_key, kind, invoice_ids, principal_minor, "
        "fees_minor, interest_minor, currency, payload_json, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (creditor_id, idempotency_key) DO NOTHING";
    KULANZ_STORE_TRY(stmt, conn_->prepare_static(sql));
    Query q(*stmt);
    KULANZ_TRY_STATUS(q.arg(creditor.value).arg(e.customer_id.value).arg(e.idempotency_key).arg(e.kind)
                          .arg(ids_text(e.invoice_ids)).arg(e.principal_minor).arg(e.fees_minor).arg(e.interest_minor)
                          .arg(e.currency).arg(e.payload_json).arg(e.status).run());
    if (q.affected() > 0) ++out.escalations_inserted;
    else ++out.escalations_existing;
  }
  for (const auto& r : w.steps) {
    static const std::string sql =
        "INSERT INTO step_records (creditor_id, customer_id, invoice_id, strategy, version, step_index, state, on_date, "
        "decision_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (creditor_id, invoice_id, strategy, version, step_index) DO NOTHING";
    KULANZ_STORE_TRY(stmt, conn_->prepare_static(sql));
    Query q(*stmt);
    KULANZ_TRY_STATUS(q.arg(creditor.value).arg(r.customer_id.value).arg(r.invoice_id.value).arg(r.strategy).arg(r.version)
                          .arg(std::int64_t{r.step_index}).arg(engine::to_string(r.state)).arg(r.on).arg(r.decision_key)
                          .run());
    if (q.affected() > 0) ++out.steps_inserted;
    else ++out.steps_existing;
  }
  for (CustomerId c : w.journeys_ended) {
    static const std::string sql = "DELETE FROM journeys WHERE creditor_id = ? AND customer_id = ?";
    KULANZ_STORE_TRY(stmt, conn_->prepare_static(sql));
    Query q(*stmt);
    KULANZ_TRY_STATUS(q.arg(creditor.value).arg(c.value).run());
  }
  for (const auto& j : w.journeys_started) {
    static const std::string sql =
        "INSERT INTO journeys (creditor_id, customer_id, strategy, version, variant, holdout, started_on) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (creditor_id, customer_id) DO UPDATE SET strategy = excluded.strategy, "
        "version = excluded.version, variant = excluded.variant, holdout = excluded.holdout, started_on = excluded.started_on";
    KULANZ_STORE_TRY(stmt, conn_->prepare_static(sql));
    Query q(*stmt);
    KULANZ_TRY_STATUS(q.arg(creditor.value).arg(j.customer_id.value).arg(j.strategy).arg(j.version).arg(j.variant)
                          .arg(std::int64_t{j.holdout ? 1 : 0}).arg(j.started_on).run());
  }
  for (const auto& a : w.assignments) {
    static const std::string sql =
        "INSERT INTO segment_assignments (creditor_id, customer_id, segment, rule_index, explanation, as_of) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (creditor_id, customer_id) DO UPDATE SET segment = excluded.segment, "
        "rule_index = excluded.rule_index, explanation = excluded.explanation, as_of = excluded.as_of";
    KULANZ_STORE_TRY(stmt, conn_->prepare_static(sql));
    Query q(*stmt);
    KULANZ_TRY_STATUS(q.arg(creditor.value).arg(a.customer_id.value).arg(a.segment).arg(std::int64_t{a.rule_index})
                          .arg(a.explanation).arg(a.as_of).run());
  }
  return out;
}

// ---- Runs and reads ------------------------------------------------------------------------

base::Status SqlCollectionStore::create_run(engine::RunRecord& run) {
  auto lock = guard();
  KULANZ_STORE_TRY(stmt, conn_->prepare("INSERT INTO runs (creditor_id, as_of, dry_run, status, started_unix, finished_unix, "
                                        "report) VALUES (?, ?, ?, ?, ?, 0, '') RETURNING id"));
  Query q(*stmt);
  q.arg(run.creditor_id.value).arg(run.as_of).arg(std::int64_t{run.dry_run ? 1 : 0}).arg(run.status).arg(run.started_unix);
  KULANZ_STORE_TRY(row, q.next());
  if (!row) return base::fail(ErrorCode::db_error, "the new run got no id");
  run.id = q.i64(0);
  return {};
}

base::Status SqlCollectionStore::finish_run(CreditorId creditor, std::int64_t run_id, std::string_view status,
                                            std::string_view report_json, std::int64_t finished_unix) {
  auto lock = guard();
  KULANZ_STORE_TRY(stmt, conn_->prepare("UPDATE runs SET status = ?, report = ?, finished_unix = ? WHERE creditor_id = ? AND id = ?"));
  Query q(*stmt);
  return q.arg(status).arg(report_json).arg(finished_unix).arg(creditor.value).arg(run_id).run();
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

base::Result<std::vector<engine::OutboxEntry>> SqlCollectionStore::list_outbox(CreditorId creditor,
                                                                               std::optional<CustomerId> customer,
                                                                               std::int64_t after_id, int limit) {
  auto lock = guard();
  check_limit(limit);
  std::string sql =
      "SELECT id, customer_id, idempotency_key, decision_key, channel, fallbacks, template, tone, language, invoice_ids, "
      "local_day, send_from_unix, send_until_unix, status FROM outbox WHERE creditor_id = ? AND id > ?";
  std::vector<SqlArg> args{creditor.value, after_id};
  if (customer) {
    sql += " AND customer_id = ?";
    args.emplace_back(customer->value);
  }
  sql += " ORDER BY id LIMIT ?";
  args.emplace_back(std::int64_t{limit});
  return select_all<engine::OutboxEntry>(*conn_, sql, args, [](const Query& q) -> base::Result<engine::OutboxEntry> {
    engine::OutboxEntry e;
    e.id = q.i64(0);
    e.customer_id = CustomerId(q.i64(1));
    e.idempotency_key = q.str(2);
    e.decision_key = q.str(3);
    KULANZ_STORE_TRY(ch, engine::parse_step_channel(q.text(4)));
    e.channel = ch;
    KULANZ_STORE_TRY(fallbacks, parse_channels(q.text(5)));
    e.fallbacks = std::move(fallbacks);
    e.template_name = q.str(6);
    e.tone = q.str(7);
    e.language = q.str(8);
    KULANZ_STORE_TRY(ids, parse_ids(q.text(9)));
    e.invoice_ids = std::move(ids);
    KULANZ_STORE_TRY(day, read_date(q, 10, "local_day"));
    e.local_day = day;
    e.send_from_unix = q.i64(11);
    e.send_until_unix = q.i64(12);
    e.status = q.str(13);
    return e;
  });
}

base::Result<std::vector<engine::TaskEntry>> SqlCollectionStore::list_tasks(CreditorId creditor,
                                                                            std::optional<CustomerId> customer,
                                                                            std::int64_t after_id, int limit) {
  auto lock = guard();
  check_limit(limit);
  std::string sql = "SELECT id, customer_id, idempotency_key, kind, due_on, invoice_ids, note, status FROM tasks "
                    "WHERE creditor_id = ? AND id > ?";
  std::vector<SqlArg> args{creditor.value, after_id};
  if (customer) {
    sql += " AND customer_id = ?";
    args.emplace_back(customer->value);
  }
  sql += " ORDER BY id LIMIT ?";
  args.emplace_back(std::int64_t{limit});
  return select_all<engine::TaskEntry>(*conn_, sql, args, [](const Query& q) -> base::Result<engine::TaskEntry> {
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

base::Result<std::vector<engine::EscalationEntry>> SqlCollectionStore::list_escalations(CreditorId creditor,
                                                                                        std::optional<CustomerId> customer,
                                                                                        std::int64_t after_id, int limit) {
  auto lock = guard();
  check_limit(limit);
  std::string sql = "SELECT id, customer_id, idempotency_key, kind, invoice_ids, principal_minor, fees_minor, interest_minor, "
                    "currency, payload_json, status FROM escalations WHERE creditor_id = ? AND id > ?";
  std::vector<SqlArg> args{creditor.value, after_id};
  if (customer) {
    sql += " AND customer_id = ?";
    args.emplace_back(customer->value);
  }
  sql += " ORDER BY id LIMIT ?";
  args.emplace_back(std::int64_t{limit});
  return select_all<engine::EscalationEntry>(*conn_, sql, args, [](const Query& q) -> base::Result<engine::EscalationEntry> {
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
  KULANZ_STORE_TRY(rows, select_all<engine::SegmentAssignmentRecord>(
                             *conn_,
                             "SELECT customer_id, segment, rule_index, explanation, as_of FROM segment_assignments "
                             "WHERE creditor_id = ? AND customer_id = ?",
                             {creditor.value, customer.value},
                             [](const Query& q) -> base::Result<engine::SegmentAssignmentRecord> {
                               engine::SegmentAssignmentRecord a;
                               a.customer_id = CustomerId(q.i64(0));
                               a.segment = q.str(1);
                               a.rule_index = static_cast<int>(q.i64(2));
                               a.explanation = q.str(3);
                               KULANZ_STORE_TRY(as_of, read_date(q, 4, "as_of"));
                               a.as_of = as_of;
                               return a;
                             }));
  if (rows.empty()) return std::optional<engine::SegmentAssignmentRecord>();
  return std::optional<engine::SegmentAssignmentRecord>(std::move(rows.front()));
}

}  // namespace kulanz::store
