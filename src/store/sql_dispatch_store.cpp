// SqlDispatchStore: the outbox as the dispatcher works it, the contact history and
// webhooks (migrations/0006_dispatch.sql). docs/DISPATCH.md.
#include "store/sql_dispatch_store.hpp"

#include "security/security.hpp"
#include "store/collection_support.hpp"

namespace kulanz::store {

using namespace kulanz::domain;
using namespace detail;

namespace {

// The outbox columns (kOutboxColumns: 0..14), then the dispatcher's (15..22).
const std::string kEntryColumns = std::string(kOutboxColumns) +
                                  ", attempts, next_attempt_unix, lease_until_unix, in_doubt, message_id, provider_id, "
                                  "last_error, sent_unix";

base::Result<ports::DispatchEntry> read_entry(const Query& q) {
  ports::DispatchEntry d;
  KULANZ_TRY_STATUS(read_outbox(q, d.entry));
  d.attempts = q.i64(15);
  d.next_attempt_unix = q.i64(16);
  d.lease_until_unix = q.i64(17);
  d.in_doubt = q.i64(18);
  d.message_id = q.str(19);
  d.provider_id = q.str(20);
  d.last_error = q.str(21);
  d.sent_unix = q.i64(22);
  return d;
}

// "(?, ?, ?)": one bound parameter per channel, and the channels as arguments.
std::string channel_list(std::span<const engine::StepChannel> channels, std::vector<SqlArg>& args) {
  std::string s = "(";
  for (std::size_t i = 0; i < channels.size(); ++i) {
    s += i ? ", ?" : "?";
    args.emplace_back(std::string(engine::to_string(channels[i])));
  }
  return s + ")";
}

constexpr const char* kHistoryColumns =
    "id, customer_id, outbox_id, channel, address, template, tone, language, subject, body_text, body_html, "
    "message_id, provider_id, decision_key, reason, invoice_ids, sent_unix, delivery_state, state_detail, updated_unix";

base::Result<ports::ContactHistoryRecord> read_history(const Query& q) {
  ports::ContactHistoryRecord r;
  r.id = q.i64(0);
  r.customer_id = CustomerId(q.i64(1));
  r.outbox_id = q.i64(2);
  r.channel = q.str(3);
  r.address = q.str(4);
  r.template_name = q.str(5);
  r.tone = q.str(6);
  r.language = q.str(7);
  r.subject = q.str(8);
  r.body_text = q.str(9);
  r.body_html = q.str(10);
  r.message_id = q.str(11);
  r.provider_id = q.str(12);
  r.decision_key = q.str(13);
  r.reason = q.str(14);
  KULANZ_STORE_TRY(ids, parse_ids(q.text(15)));
  r.invoice_ids = std::move(ids);
  r.sent_unix = q.i64(16);
  r.delivery_state = q.str(17);
  r.state_detail = q.str(18);
  r.updated_unix = q.i64(19);
  return r;
}

std::string join_events(const std::vector<std::string>& events) {
  std::string s;
  for (const auto& e : events) s += (s.empty() ? "" : ",") + e;
  return s;
}

std::vector<std::string> split_events(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const auto comma = text.find(',');
    out.emplace_back(text.substr(0, comma));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

// Deliveries of one creditor joined with their subscription, `condition` on top, by id.
constexpr const char* kDeliveryColumns =
    "d.id, d.subscription_id, s.url, s.secret, d.event_id, d.event_type, d.body, d.created_unix, d.status, d.attempts, "
    "d.next_attempt_unix, d.last_status, d.last_error, d.delivered_unix";

base::Result<ports::WebhookDeliveryRecord> read_delivery(const Query& q) {
  ports::WebhookDeliveryRecord d;
  d.id = q.i64(0);
  d.subscription_id = q.i64(1);
  d.url = q.str(2);
  d.secret = q.str(3);
  d.event_id = q.str(4);
  d.event_type = q.str(5);
  d.body = q.str(6);
  d.created_unix = q.i64(7);
  d.status = q.str(8);
  d.attempts = q.i64(9);
  d.next_attempt_unix = q.i64(10);
  d.last_status = q.i64(11);
  d.last_error = q.str(12);
  d.delivered_unix = q.i64(13);
  return d;
}

}  // namespace

base::Status SqlDispatchStore::require_durable_commits() {
  auto lock = guard();
  if (conn_->dialect() == Dialect::sqlite) return conn_->exec("PRAGMA synchronous=FULL");
  return {};
}

// ---- the outbox ---------------------------------------------------------------------------

base::Result<std::vector<ports::DispatchEntry>> SqlDispatchStore::select_entries(const std::string& where,
                                                                                 const std::vector<SqlArg>& args,
                                                                                 int limit) {
  check_limit(limit);
  std::vector<SqlArg> all = args;
  all.emplace_back(std::int64_t{limit});
  return select_all<ports::DispatchEntry>(
      *conn_, "SELECT " + kEntryColumns + " FROM outbox WHERE " + where + " ORDER BY id LIMIT ?", all,
      read_entry);
}

base::Result<std::vector<ports::DispatchEntry>> SqlDispatchStore::due_outbox(CreditorId creditor, std::int64_t now_unix,
                                                                             std::span<const engine::StepChannel> channels,
                                                                             int limit) {
  auto lock = guard();
  if (channels.empty()) return std::vector<ports::DispatchEntry>();
  std::vector<SqlArg> args{creditor.value, now_unix, now_unix, now_unix, now_unix};
  const std::string list = channel_list(channels, args);
  return select_entries(
      "creditor_id = ? AND ((status = 'pending' AND send_from_unix <= ? AND send_until_unix > ? AND "
      "next_attempt_unix <= ?) OR (status = 'sending' AND lease_until_unix <= ?)) AND channel IN " + list,
      args, limit);
}

base::Result<std::vector<ports::DispatchEntry>> SqlDispatchStore::missed_outbox(CreditorId creditor, std::int64_t now_unix,
                                                                                std::span<const engine::StepChannel> channels,
                                                                                int limit) {
  auto lock = guard();
  if (channels.empty()) return std::vector<ports::DispatchEntry>();
  std::vector<SqlArg> args{creditor.value, now_unix};
  const std::string list = channel_list(channels, args);
  return select_entries("creditor_id = ? AND status = 'pending' AND send_until_unix <= ? AND channel IN " + list, args,
                        limit);
}

base::Result<std::optional<ports::DispatchEntry>> SqlDispatchStore::outbox_entry(CreditorId creditor, std::int64_t id) {
  auto lock = guard();
  KULANZ_STORE_TRY(rows, select_entries("creditor_id = ? AND id = ?", {creditor.value, id}, 1));
  if (rows.empty()) return std::optional<ports::DispatchEntry>();
  return std::optional<ports::DispatchEntry>(std::move(rows.front()));
}

base::Result<std::vector<ports::DispatchEntry>> SqlDispatchStore::list_dispatch(CreditorId creditor,
                                                                                std::optional<CustomerId> customer,
                                                                                std::int64_t after_id, int limit) {
  auto lock = guard();
  std::vector<SqlArg> args{creditor.value, after_id};
  std::string where = "creditor_id = ? AND id > ?";
  if (customer) {
    where += " AND customer_id = ?";
    args.emplace_back(customer->value);
  }
  return select_entries(where, args, limit);
}

namespace {

// Runs an UPDATE with the arguments; true when it changed a row.
base::Result<bool> update_one(Connection& conn, const std::string& sql, const std::vector<SqlArg>& args) {
  KULANZ_STORE_TRY(stmt, conn.prepare(sql));
  Query q(*stmt);
  bind_args(q, args);
  KULANZ_TRY_STATUS(q.run());
  return q.affected() > 0;
}

}  // namespace

base::Result<bool> SqlDispatchStore::begin_send(CreditorId creditor, std::int64_t id, std::int64_t now_unix,
                                                std::int64_t lease_until_unix, std::string_view message_id) {
  auto lock = guard();
  // One statement: whichever dispatcher changes the row owns the transaction; the
  // condition is evaluated again on the row it locks (PostgreSQL) or under the database
  // write lock (SQLite).
  return update_one(*conn_,
                    "UPDATE outbox SET in_doubt = in_doubt + CASE WHEN status = 'sending' THEN 1 ELSE 0 END, "
                    "status = 'sending', lease_until_unix = ?, attempts = attempts + 1, message_id = ? "
                    "WHERE creditor_id = ? AND id = ? AND ((status = 'pending' AND next_attempt_unix <= ?) OR "
                    "(status = 'sending' AND lease_until_unix <= ?))",
                    {lease_until_unix, std::string(message_id), creditor.value, id, now_unix, now_unix});
}

base::Result<bool> SqlDispatchStore::mark_sent(CreditorId creditor, std::int64_t id, std::int64_t sent_unix,
                                               std::string_view provider_id, ports::ContactHistoryRecord& history) {
  auto lock = guard();
  bool changed = false;
  const base::Status st = atomically([&]() -> base::Status {
    KULANZ_STORE_TRY(c, update_one(*conn_,
                                   "UPDATE outbox SET status = 'sent', sent_unix = ?, provider_id = ?, last_error = '', "
                                   "lease_until_unix = 0 WHERE creditor_id = ? AND id = ? AND status = 'sending'",
                                   {sent_unix, std::string(provider_id), creditor.value, id}));
    changed = c;
    if (!changed) return {};
    return insert_history(creditor, history);
  });
  if (!st) return base::fail(st.error());
  return changed;
}

base::Result<bool> SqlDispatchStore::mark_retry(CreditorId creditor, std::int64_t id, std::int64_t next_attempt_unix,
                                                std::string_view error) {
  auto lock = guard();
  return update_one(*conn_,
                    "UPDATE outbox SET status = 'pending', next_attempt_unix = ?, last_error = ?, lease_until_unix = 0 "
                    "WHERE creditor_id = ? AND id = ? AND status = 'sending'",
                    {next_attempt_unix, std::string(error), creditor.value, id});
}

base::Result<bool> SqlDispatchStore::mark_failed(CreditorId creditor, std::int64_t id, std::string_view error) {
  auto lock = guard();
  return update_one(*conn_,
                    "UPDATE outbox SET status = 'failed', last_error = ?, lease_until_unix = 0 "
                    "WHERE creditor_id = ? AND id = ? AND status = 'sending'",
                    {std::string(error), creditor.value, id});
}

base::Result<bool> SqlDispatchStore::mark_undelivered(CreditorId creditor, std::int64_t id, std::string_view error) {
  auto lock = guard();
  return update_one(*conn_,
                    "UPDATE outbox SET status = 'failed', last_error = ? WHERE creditor_id = ? AND id = ? AND status = 'sent'",
                    {std::string(error), creditor.value, id});
}

base::Result<bool> SqlDispatchStore::cancel_entry(CreditorId creditor, std::int64_t id, std::string_view reason) {
  auto lock = guard();
  return update_one(*conn_,
                    "UPDATE outbox SET status = 'cancelled', last_error = ?, lease_until_unix = 0 "
                    "WHERE creditor_id = ? AND id = ? AND (status = 'pending' OR status = 'sending')",
                    {std::string(reason), creditor.value, id});
}

base::Result<bool> SqlDispatchStore::reschedule_entry(CreditorId creditor, std::int64_t id, calendar::Date local_day,
                                                      std::int64_t send_from_unix, std::int64_t send_until_unix,
                                                      std::string_view note) {
  auto lock = guard();
  return update_one(*conn_,
                    "UPDATE outbox SET local_day = ?, send_from_unix = ?, send_until_unix = ?, last_error = ? "
                    "WHERE creditor_id = ? AND id = ? AND status = 'pending'",
                    {local_day.iso(), send_from_unix, send_until_unix, std::string(note), creditor.value, id});
}

base::Result<bool> SqlDispatchStore::insert_outbox_entry(CreditorId creditor, engine::OutboxEntry& e) {
  auto lock = guard();
  KULANZ_STORE_TRY(stmt, conn_->prepare(
                             "INSERT INTO outbox (creditor_id, customer_id, idempotency_key, decision_key, channel, "
                             "fallbacks, template, tone, language, invoice_ids, local_day, send_from_unix, "
                             "send_until_unix, status, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                             "ON CONFLICT (creditor_id, idempotency_key) DO NOTHING RETURNING id"));
  Query q(*stmt);
  q.arg(creditor.value).arg(e.customer_id.value).arg(e.idempotency_key).arg(e.decision_key)
      .arg(engine::to_string(e.channel)).arg(channels_text(e.fallbacks)).arg(e.template_name).arg(e.tone)
      .arg(e.language).arg(ids_text(e.invoice_ids)).arg(e.local_day).arg(e.send_from_unix).arg(e.send_until_unix)
      .arg(e.status).arg(e.reason);
  KULANZ_STORE_TRY(row, q.next());
  if (!row) return false;
  e.id = q.i64(0);
  return true;
}

// ---- contact history ----------------------------------------------------------------------

base::Status SqlDispatchStore::insert_history(CreditorId creditor, ports::ContactHistoryRecord& r) {
  {
    KULANZ_STORE_TRY(stmt, conn_->prepare(
                               "INSERT INTO contact_history (creditor_id, customer_id, outbox_id, channel, address, "
                               "template, tone, language, subject, body_text, body_html, message_id, provider_id, "
                               "decision_key, reason, invoice_ids, sent_unix, delivery_state, state_detail, "
                               "updated_unix) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                               "RETURNING id"));
    Query q(*stmt);
    q.arg(creditor.value).arg(r.customer_id.value).arg(r.outbox_id).arg(r.channel).arg(r.address)
        .arg(r.template_name).arg(r.tone).arg(r.language).arg(r.subject).arg(r.body_text).arg(r.body_html)
        .arg(r.message_id).arg(r.provider_id).arg(r.decision_key).arg(r.reason).arg(ids_text(r.invoice_ids))
        .arg(r.sent_unix).arg(r.delivery_state).arg(r.state_detail).arg(r.updated_unix);
    KULANZ_STORE_TRY(row, q.next());
    if (!row) return base::fail(base::ErrorCode::db_error, "contact history: the new row got no id");
    r.id = q.i64(0);
  }
  for (auto& d : r.documents) {
    KULANZ_STORE_TRY(stmt, conn_->prepare(
                               "INSERT INTO contact_documents (creditor_id, history_id, name, content_type, "
                               "content_base64) VALUES (?, ?, ?, ?, ?) RETURNING id"));
    Query q(*stmt);
    q.arg(creditor.value).arg(r.id).arg(d.name).arg(d.content_type).arg(security::base64_encode(d.content));
    KULANZ_STORE_TRY(row, q.next());
    if (!row) return base::fail(base::ErrorCode::db_error, "contact document: the new row got no id");
    d.id = q.i64(0);
  }
  return {};
}

base::Status SqlDispatchStore::add_contact_history(CreditorId creditor, ports::ContactHistoryRecord& record) {
  auto lock = guard();
  return atomically([&] { return insert_history(creditor, record); });
}

base::Result<std::vector<ports::ContactHistoryRecord>> SqlDispatchStore::list_contact_history(
    CreditorId creditor, std::optional<CustomerId> customer, std::int64_t before_id, int limit) {
  auto lock = guard();
  check_limit(limit);
  std::string sql = std::string("SELECT ") + kHistoryColumns + " FROM contact_history WHERE creditor_id = ?";
  std::vector<SqlArg> args{creditor.value};
  if (customer) {
    sql += " AND customer_id = ?";
    args.emplace_back(customer->value);
  }
  if (before_id > 0) {
    sql += " AND id < ?";
    args.emplace_back(before_id);
  }
  sql += " ORDER BY id DESC LIMIT ?";
  args.emplace_back(std::int64_t{limit});
  return select_all<ports::ContactHistoryRecord>(*conn_, sql, args, read_history);
}

base::Result<std::optional<ports::ContactHistoryRecord>> SqlDispatchStore::contact_history_entry(CreditorId creditor,
                                                                                                std::int64_t id) {
  auto lock = guard();
  KULANZ_STORE_TRY(rows, select_all<ports::ContactHistoryRecord>(
                             *conn_,
                             std::string("SELECT ") + kHistoryColumns +
                                 " FROM contact_history WHERE creditor_id = ? AND id = ?",
                             {creditor.value, id}, read_history));
  if (rows.empty()) return std::optional<ports::ContactHistoryRecord>();
  return std::optional<ports::ContactHistoryRecord>(std::move(rows.front()));
}

base::Result<std::vector<ports::ContactDocument>> SqlDispatchStore::contact_documents(CreditorId creditor,
                                                                                      std::int64_t history_id) {
  auto lock = guard();
  return select_all<ports::ContactDocument>(
      *conn_,
      "SELECT id, name, content_type, content_base64 FROM contact_documents WHERE creditor_id = ? AND history_id = ? "
      "ORDER BY id",
      {creditor.value, history_id}, [](const Query& q) -> base::Result<ports::ContactDocument> {
        ports::ContactDocument d;
        d.id = q.i64(0);
        d.name = q.str(1);
        d.content_type = q.str(2);
        KULANZ_STORE_TRY(bytes, security::base64_decode(q.text(3)));
        d.content = std::move(bytes);
        return d;
      });
}

base::Result<std::optional<ports::ContactHistoryRecord>> SqlDispatchStore::set_delivery_state(
    CreditorId creditor, std::string_view provider_id, std::string_view state, std::string_view detail,
    std::int64_t now_unix) {
  auto lock = guard();
  if (provider_id.empty()) return std::optional<ports::ContactHistoryRecord>();
  KULANZ_STORE_TRY(changed, update_one(*conn_,
                                       "UPDATE contact_history SET delivery_state = ?, state_detail = ?, updated_unix = ? "
                                       "WHERE creditor_id = ? AND provider_id = ? AND delivery_state <> ?",
                                       {std::string(state), std::string(detail), now_unix, creditor.value,
                                        std::string(provider_id), std::string(state)}));
  if (!changed) return std::optional<ports::ContactHistoryRecord>();
  KULANZ_STORE_TRY(rows, select_all<ports::ContactHistoryRecord>(
                             *conn_,
                             std::string("SELECT ") + kHistoryColumns +
                                 " FROM contact_history WHERE creditor_id = ? AND provider_id = ? ORDER BY id LIMIT 1",
                             {creditor.value, std::string(provider_id)}, read_history));
  if (rows.empty()) return std::optional<ports::ContactHistoryRecord>();
  return std::optional<ports::ContactHistoryRecord>(std::move(rows.front()));
}

// ---- invoice copies ------------------------------------------------------------------------

base::Status SqlDispatchStore::put_invoice_copy(CreditorId creditor, const ports::InvoiceCopy& c) {
  auto lock = guard();
  KULANZ_STORE_TRY(stmt, conn_->prepare(
                             "INSERT INTO invoice_copies (creditor_id, invoice_id, file_name, size_bytes, sha256, "
                             "content_base64, added_unix) VALUES (?, ?, ?, ?, ?, ?, ?) "
                             "ON CONFLICT (creditor_id, invoice_id) DO UPDATE SET file_name = excluded.file_name, "
                             "size_bytes = excluded.size_bytes, sha256 = excluded.sha256, "
                             "content_base64 = excluded.content_base64, added_unix = excluded.added_unix"));
  Query q(*stmt);
  q.arg(creditor.value).arg(c.invoice_id.value).arg(c.file_name).arg(c.size_bytes).arg(c.sha256)
      .arg(security::base64_encode(c.content)).arg(c.added_unix);
  return q.run();
}

base::Result<bool> SqlDispatchStore::remove_invoice_copy(CreditorId creditor, domain::InvoiceId invoice) {
  auto lock = guard();
  return update_one(*conn_, "DELETE FROM invoice_copies WHERE creditor_id = ? AND invoice_id = ?",
                    {creditor.value, invoice.value});
}

base::Result<std::vector<ports::InvoiceCopy>> SqlDispatchStore::invoice_copies(CreditorId creditor,
                                                                                std::span<const domain::InvoiceId> invoices,
                                                                                bool with_content) {
  auto lock = guard();
  std::string sql = std::string("SELECT invoice_id, file_name, size_bytes, sha256, added_unix, ") +
                    (with_content ? "content_base64" : "''") + " FROM invoice_copies WHERE creditor_id = ?";
  std::vector<SqlArg> args{creditor.value};
  if (!invoices.empty()) {
    sql += " AND invoice_id IN (";
    for (std::size_t i = 0; i < invoices.size(); ++i) {
      sql += i ? ", ?" : "?";
      args.emplace_back(invoices[i].value);
    }
    sql += ")";
  }
  sql += " ORDER BY invoice_id";
  return select_all<ports::InvoiceCopy>(*conn_, sql, args, [](const Query& q) -> base::Result<ports::InvoiceCopy> {
    ports::InvoiceCopy c;
    c.invoice_id = domain::InvoiceId(q.i64(0));
    c.file_name = q.str(1);
    c.size_bytes = q.i64(2);
    c.sha256 = q.str(3);
    c.added_unix = q.i64(4);
    KULANZ_STORE_TRY(bytes, security::base64_decode(q.text(5)));
    c.content = std::move(bytes);
    return c;
  });
}

// ---- webhooks -----------------------------------------------------------------------------

base::Status SqlDispatchStore::add_webhook(CreditorId creditor, ports::WebhookSubscription& s) {
  auto lock = guard();
  KULANZ_STORE_TRY(stmt, conn_->prepare(
                             "INSERT INTO webhook_subscriptions (creditor_id, url, secret, events, created_unix, active) "
                             "VALUES (?, ?, ?, ?, ?, 1) RETURNING id"));
  Query q(*stmt);
  q.arg(creditor.value).arg(s.url).arg(s.secret).arg(join_events(s.events)).arg(s.created_unix);
  KULANZ_STORE_TRY(row, q.next());
  if (!row) return base::fail(base::ErrorCode::db_error, "webhook subscription: the new row got no id");
  s.id = q.i64(0);
  s.active = true;
  return {};
}

base::Result<std::vector<ports::WebhookSubscription>> SqlDispatchStore::list_webhooks(CreditorId creditor) {
  auto lock = guard();
  return select_all<ports::WebhookSubscription>(
      *conn_,
      "SELECT id, url, secret, events, created_unix, active FROM webhook_subscriptions WHERE creditor_id = ? AND "
      "active = 1 ORDER BY id",
      {creditor.value}, [](const Query& q) -> base::Result<ports::WebhookSubscription> {
        ports::WebhookSubscription s;
        s.id = q.i64(0);
        s.url = q.str(1);
        s.secret = q.str(2);
        s.events = split_events(q.text(3));
        s.created_unix = q.i64(4);
        s.active = q.i64(5) != 0;
        return s;
      });
}

base::Result<bool> SqlDispatchStore::remove_webhook(CreditorId creditor, std::int64_t id) {
  auto lock = guard();
  return update_one(*conn_, "UPDATE webhook_subscriptions SET active = 0 WHERE creditor_id = ? AND id = ? AND active = 1",
                    {creditor.value, id});
}

base::Result<int> SqlDispatchStore::enqueue_event(CreditorId creditor, std::string_view event_id,
                                                  std::string_view event_type, std::string_view body,
                                                  std::int64_t now_unix) {
  auto lock = guard();
  KULANZ_STORE_TRY(subs, list_webhooks(creditor));
  int queued = 0;
  const base::Status st = atomically([&]() -> base::Status {
    for (const auto& s : subs) {
      bool wanted = false;
      for (const auto& e : s.events) wanted = wanted || e == "*" || e == event_type;
      if (!wanted) continue;
      KULANZ_STORE_TRY(stmt, conn_->prepare(
                                 "INSERT INTO webhook_deliveries (creditor_id, subscription_id, event_id, event_type, "
                                 "body, created_unix, status, attempts, next_attempt_unix, last_status, last_error, "
                                 "delivered_unix) VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, 0, '', 0) "
                                 "ON CONFLICT (subscription_id, event_id) DO NOTHING"));
      Query q(*stmt);
      q.arg(creditor.value).arg(s.id).arg(event_id).arg(event_type).arg(body).arg(now_unix).arg(now_unix);
      KULANZ_TRY_STATUS(q.run());
      queued += static_cast<int>(q.affected());
    }
    return {};
  });
  if (!st) return base::fail(st.error());
  return queued;
}

base::Result<std::vector<ports::WebhookDeliveryRecord>> SqlDispatchStore::select_deliveries(CreditorId creditor,
                                                                                            const std::string& condition,
                                                                                            std::int64_t value, int limit,
                                                                                            bool newest_first) {
  check_limit(limit);
  return select_all<ports::WebhookDeliveryRecord>(
      *conn_,
      std::string("SELECT ") + kDeliveryColumns +
          " FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id "
          "WHERE d.creditor_id = ? AND s.creditor_id = ? AND " + condition + " ORDER BY d.id" +
          (newest_first ? " DESC" : "") + " LIMIT ?",
      {creditor.value, creditor.value, value, std::int64_t{limit}}, read_delivery);
}

base::Result<std::vector<ports::WebhookDeliveryRecord>> SqlDispatchStore::due_webhook_deliveries(CreditorId creditor,
                                                                                                 std::int64_t now_unix,
                                                                                                 int limit) {
  auto lock = guard();
  return select_deliveries(creditor, "d.status = 'pending' AND d.next_attempt_unix <= ? AND s.active = 1", now_unix,
                           limit);
}

base::Status SqlDispatchStore::finish_webhook_delivery(CreditorId creditor, const ports::WebhookDeliveryRecord& d) {
  auto lock = guard();
  KULANZ_STORE_TRY(changed, update_one(*conn_,
                                       "UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_unix = ?, "
                                       "last_status = ?, last_error = ?, delivered_unix = ? WHERE creditor_id = ? AND id = ?",
                                       {d.status, d.attempts, d.next_attempt_unix, d.last_status, d.last_error,
                                        d.delivered_unix, creditor.value, d.id}));
  if (!changed) return base::fail(base::ErrorCode::not_found, "no webhook delivery " + std::to_string(d.id));
  return {};
}

base::Result<std::vector<ports::WebhookDeliveryRecord>> SqlDispatchStore::list_webhook_deliveries(CreditorId creditor,
                                                                                                  std::int64_t after_id,
                                                                                                  int limit) {
  auto lock = guard();
  return select_deliveries(creditor, "d.id > ?", after_id, limit);
}

base::Result<std::vector<ports::WebhookDeliveryRecord>> SqlDispatchStore::recent_webhook_deliveries(CreditorId creditor,
                                                                                                    int limit) {
  auto lock = guard();
  return select_deliveries(creditor, "d.id > ?", 0, limit, true);
}

}  // namespace kulanz::store
