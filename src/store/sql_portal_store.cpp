// The portal's sessions, failed checks and entries, portal files and interactions
// (migrations/0008_portal.sql, 0009_portal_files_and_interactions.sql), payment plans, SEPA
// mandates and attached documents (0010_payment_plans.sql, 0011_sepa_mandates.sql,
// 0012_portal_documents.sql), card payments and the provider's events (0013_card_payments.sql),
// the direct debits handed to the bank (0015_sepa_collections.sql).
// docs/PORTAL.md, docs/PAYMENTS.md.
#include "store/sql_portal_store.hpp"

#include <charconv>

#include "security/security.hpp"
#include "store/collection_support.hpp"
#include "store/store_support.hpp"

namespace kulanz::store {

using namespace detail;

namespace {

// Runs a statement with the arguments; the number of rows it changed.
base::Result<std::int64_t> changed_rows(Connection& conn, const std::string& sql, const std::vector<SqlArg>& args) {
  KULANZ_STORE_TRY(stmt, conn.prepare(sql));
  Query q(*stmt);
  bind_args(q, args);
  KULANZ_TRY_STATUS(q.run());
  return q.affected();
}

ports::PortalCheckFailures read_failures(const Query& q) {
  ports::PortalCheckFailures f;
  f.failures = static_cast<int>(q.i64(0));
  f.window_start_unix = q.i64(1);
  f.locked_until_unix = q.i64(2);
  return f;
}

}  // namespace

base::Status SqlPortalStore::create_portal_session(const ports::PortalSession& s) {
  auto lock = guard();
  KULANZ_STORE_TRY(n, changed_rows(*conn_,
                                   "INSERT INTO portal_sessions (token_sha256, creditor_id, customer_id, csrf_token, "
                                   "language, entered_via, verified_unix, created_unix, expires_unix) "
                                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                   {s.token_sha256, s.creditor_id.value, s.customer_id.value, s.csrf_token, s.language,
                                    s.entered_via, s.verified_unix, s.created_unix, s.expires_unix}));
  (void)n;
  return {};
}

base::Result<std::optional<ports::PortalSession>> SqlPortalStore::portal_session(std::string_view token_sha256,
                                                                                std::int64_t now_unix) {
  auto lock = guard();
  KULANZ_STORE_TRY(rows, select_all<ports::PortalSession>(
                             *conn_,
                             "SELECT token_sha256, creditor_id, customer_id, csrf_token, language, entered_via, "
                             "verified_unix, created_unix, expires_unix FROM portal_sessions "
                             "WHERE token_sha256 = ? AND expires_unix > ?",
                             {std::string(token_sha256), now_unix}, [](const Query& q) -> base::Result<ports::PortalSession> {
                               ports::PortalSession s;
                               s.token_sha256 = q.str(0);
                               s.creditor_id = domain::CreditorId(q.i64(1));
                               s.customer_id = domain::CustomerId(q.i64(2));
                               s.csrf_token = q.str(3);
                               s.language = q.str(4);
                               s.entered_via = q.str(5);
                               s.verified_unix = q.i64(6);
                               s.created_unix = q.i64(7);
                               s.expires_unix = q.i64(8);
                               return s;
                             }));
  if (rows.empty()) return std::optional<ports::PortalSession>();
  return std::optional<ports::PortalSession>(std::move(rows.front()));
}

base::Result<bool> SqlPortalStore::set_portal_session_verified(std::string_view token_sha256,
                                                               std::int64_t verified_unix) {
  auto lock = guard();
  KULANZ_STORE_TRY(n, changed_rows(*conn_, "UPDATE portal_sessions SET verified_unix = ? WHERE token_sha256 = ?",
                                   {verified_unix, std::string(token_sha256)}));
  return n > 0;
}

base::Result<bool> SqlPortalStore::set_portal_session_language(std::string_view token_sha256,
                                                               std::string_view language) {
  auto lock = guard();
  KULANZ_STORE_TRY(n, changed_rows(*conn_, "UPDATE portal_sessions SET language = ? WHERE token_sha256 = ?",
                                   {std::string(language), std::string(token_sha256)}));
  return n > 0;
}

base::Status SqlPortalStore::end_portal_session(std::string_view token_sha256) {
  auto lock = guard();
  KULANZ_STORE_TRY(n, changed_rows(*conn_, "DELETE FROM portal_sessions WHERE token_sha256 = ?",
                                   {std::string(token_sha256)}));
  (void)n;
  return {};
}

base::Result<int> SqlPortalStore::end_customer_portal_sessions(domain::CreditorId creditor,
                                                               domain::CustomerId customer) {
  auto lock = guard();
  KULANZ_STORE_TRY(n, changed_rows(*conn_, "DELETE FROM portal_sessions WHERE creditor_id = ? AND customer_id = ?",
                                   {creditor.value, customer.value}));
  return static_cast<int>(n);
}

base::Result<int> SqlPortalStore::purge_expired_portal_sessions(std::int64_t now_unix) {
  auto lock = guard();
  KULANZ_STORE_TRY(n, changed_rows(*conn_, "DELETE FROM portal_sessions WHERE expires_unix <= ?", {now_unix}));
  return static_cast<int>(n);
}

base::Result<ports::PortalCheckFailures> SqlPortalStore::portal_check_failures(domain::CreditorId creditor,
                                                                              domain::CustomerId customer) {
  auto lock = guard();
  KULANZ_STORE_TRY(rows, select_all<ports::PortalCheckFailures>(
                             *conn_,
                             "SELECT failures, window_start_unix, locked_until_unix FROM portal_check_failures "
                             "WHERE creditor_id = ? AND customer_id = ?",
                             {creditor.value, customer.value}, [](const Query& q) -> base::Result<ports::PortalCheckFailures> {
                               ports::PortalCheckFailures f;
                               f.failures = static_cast<int>(q.i64(0));
                               f.window_start_unix = q.i64(1);
                               f.locked_until_unix = q.i64(2);
                               return f;
                             }));
  if (rows.empty()) return ports::PortalCheckFailures{};
  return rows.front();
}

base::Status SqlPortalStore::save_portal_check_failures(domain::CreditorId creditor, domain::CustomerId customer,
                                                        const ports::PortalCheckFailures& f) {
  auto lock = guard();
  KULANZ_STORE_TRY(n, changed_rows(*conn_,
                                   "INSERT INTO portal_check_failures (creditor_id, customer_id, failures, "
                                   "window_start_unix, locked_until_unix) VALUES (?, ?, ?, ?, ?) "
                                   "ON CONFLICT (creditor_id, customer_id) DO UPDATE SET failures = excluded.failures, "
                                   "window_start_unix = excluded.window_start_unix, "
                                   "locked_until_unix = excluded.locked_until_unix",
                                   {creditor.value, customer.value, std::int64_t{f.failures}, f.window_start_unix,
                                    f.locked_until_unix}));
  (void)n;
  return {};
}

base::Status SqlPortalStore::clear_portal_check_failures(domain::CreditorId creditor, domain::CustomerId customer) {
  auto lock = guard();
  KULANZ_STORE_TRY(n, changed_rows(*conn_, "DELETE FROM portal_check_failures WHERE creditor_id = ? AND customer_id = ?",
                                   {creditor.value, customer.value}));
  (void)n;
  return {};
}

base::Result<ports::PortalCheckFailures> SqlPortalStore::portal_entry_failures(domain::CreditorId creditor,
                                                                              std::string_view number_sha256) {
  auto lock = guard();
  KULANZ_STORE_TRY(rows, select_all<ports::PortalCheckFailures>(
                             *conn_,
                             "SELECT failures, window_start_unix, locked_until_unix FROM portal_entry_failures "
                             "WHERE creditor_id = ? AND number_sha256 = ?",
                             {creditor.value, std::string(number_sha256)},
                             [](const Query& q) -> base::Result<ports::PortalCheckFailures> { return read_failures(q); }));
  if (rows.empty()) return ports::PortalCheckFailures{};
  return rows.front();
}

base::Status SqlPortalStore::save_portal_entry_failures(domain::CreditorId creditor, std::string_view number_sha256,
                                                        const ports::PortalCheckFailures& f) {
  auto lock = guard();
  KULANZ_STORE_TRY(n, changed_rows(*conn_,
                                   "INSERT INTO portal_entry_failures (creditor_id, number_sha256, failures, "
                                   "window_start_unix, locked_until_unix) VALUES (?, ?, ?, ?, ?) "
                                   "ON CONFLICT (creditor_id, number_sha256) DO UPDATE SET failures = excluded.failures, "
                                   "window_start_unix = excluded.window_start_unix, "
                                   "locked_until_unix = excluded.locked_until_unix",
                                   {creditor.value, std::string(number_sha256), std::int64_t{f.failures},
                                    f.window_start_unix, f.locked_until_unix}));
  (void)n;
  return {};
}

base::Status SqlPortalStore::clear_portal_entry_failures(domain::CreditorId creditor, std::string_view number_sha256) {
  auto lock = guard();
  KULANZ_STORE_TRY(n, changed_rows(*conn_, "DELETE FROM portal_entry_failures WHERE creditor_id = ? AND number_sha256 = ?",
                                   {creditor.value, std::string(number_sha256)}));
  (void)n;
  return {};
}

base::Result<std::int64_t> SqlPortalStore::save_portal_file(domain::CreditorId creditor,
                                                            const ports::PortalFileRecord& file) {
  auto lock = guard();
  std::int64_t next = 1;
  {
    KULANZ_STORE_TRY(stmt, conn_->prepare("SELECT coalesce(max(version), 0) FROM portal_files WHERE creditor_id = ?"));
    Query q(*stmt);
    q.arg(creditor.value);
    KULANZ_STORE_TRY(row, q.next());
    if (row) next = q.i64(0) + 1;
  }
  KULANZ_STORE_TRY(n, changed_rows(*conn_,
                                   "INSERT INTO portal_files (creditor_id, version, content, sha256, note, created_unix) "
                                   "VALUES (?, ?, ?, ?, ?, ?)",
                                   {creditor.value, next, file.content, file.sha256, file.note, file.created_unix}));
  (void)n;
  return next;
}

base::Result<std::optional<ports::PortalFileRecord>> SqlPortalStore::latest_portal_file(domain::CreditorId creditor) {
  auto lock = guard();
  KULANZ_STORE_TRY(rows, select_all<ports::PortalFileRecord>(
                             *conn_,
                             "SELECT version, content, sha256, note, created_unix FROM portal_files WHERE creditor_id = ? "
                             "ORDER BY version DESC LIMIT 1",
                             {creditor.value}, [](const Query& q) -> base::Result<ports::PortalFileRecord> {
                               ports::PortalFileRecord f;
                               f.version = q.i64(0);
                               f.content = q.str(1);
                               f.sha256 = q.str(2);
                               f.note = q.str(3);
                               f.created_unix = q.i64(4);
                               return f;
                             }));
  if (rows.empty()) return std::optional<ports::PortalFileRecord>();
  return std::optional<ports::PortalFileRecord>(std::move(rows.front()));
}

base::Status SqlPortalStore::add_portal_interaction(domain::CreditorId creditor, ports::PortalInteraction& i) {
  auto lock = guard();
  static const InsertSql insert(
      "INSERT INTO portal_interactions (creditor_id, customer_id, kind, summary, detail_json, session_ref, "
      "created_unix) VALUES (?, ?, ?, ?, ?, ?, ?)");
  KULANZ_STORE_TRY(stmt, conn_->prepare_static(insert.for_dialect(conn_->dialect())));
  Query q(*stmt);
  q.arg(creditor.value).arg(i.customer_id.value).arg(i.kind).arg(i.summary).arg(i.detail_json).arg(i.session_ref)
      .arg(i.created_unix);
  KULANZ_STORE_TRY(id, insert_returning_id(q, conn_->dialect(), [] { return std::string("portal interaction"); }));
  i.id = id;
  i.rating.clear();
  i.rating_comment.clear();
  i.rated_unix = 0;
  return {};
}

base::Result<std::vector<ports::PortalInteraction>> SqlPortalStore::list_portal_interactions(
    domain::CreditorId creditor, std::optional<domain::CustomerId> customer, std::int64_t before_id, int limit) {
  auto lock = guard();
  check_limit(limit);
  std::string sql =
      "SELECT id, customer_id, kind, summary, detail_json, session_ref, created_unix, rating, rating_comment, "
      "rated_unix FROM portal_interactions WHERE creditor_id = ?";
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
  return select_all<ports::PortalInteraction>(*conn_, sql, args, [](const Query& q) -> base::Result<ports::PortalInteraction> {
    ports::PortalInteraction i;
    i.id = q.i64(0);
    i.customer_id = domain::CustomerId(q.i64(1));
    i.kind = q.str(2);
    i.summary = q.str(3);
    i.detail_json = q.str(4);
    i.session_ref = q.str(5);
    i.created_unix = q.i64(6);
    i.rating = q.str(7);
    i.rating_comment = q.str(8);
    i.rated_unix = q.i64(9);
    return i;
  });
}

base::Result<bool> SqlPortalStore::rate_portal_interaction(domain::CreditorId creditor, domain::CustomerId customer,
                                                           std::int64_t id, std::string_view rating,
                                                           std::string_view comment, std::int64_t now_unix) {
  auto lock = guard();
  KULANZ_STORE_TRY(n, changed_rows(*conn_,
                                   "UPDATE portal_interactions SET rating = ?, rating_comment = ?, rated_unix = ? "
                                   "WHERE creditor_id = ? AND customer_id = ? AND id = ? AND rating = ''",
                                   {std::string(rating), std::string(comment), now_unix, creditor.value, customer.value, id}));
  return n > 0;
}

base::Status SqlPortalStore::add_payment_plan(domain::CreditorId creditor, ports::PaymentPlanRecord& p) {
  auto lock = guard();
  if (p.status != "active" && p.status != "completed" && p.status != "broken" && p.status != "cancelled") {
    return base::fail(base::ErrorCode::invalid_argument, "a payment plan's status is active, completed, broken or cancelled",
                      "status");
  }
  static const InsertSql insert(
      "INSERT INTO payment_plans (creditor_id, customer_id, hold_id, status, total_minor, currency, invoice_ids, "
      "interest_accrues, session_ref, created_unix, ended_unix) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  KULANZ_STORE_TRY(stmt, conn_->prepare_static(insert.for_dialect(conn_->dialect())));
  Query q(*stmt);
  q.arg(creditor.value).arg(p.customer_id.value).arg(p.hold_id).arg(p.status).arg(p.total_minor).arg(p.currency)
      .arg(ids_text(p.invoice_ids)).arg(std::int64_t{p.interest_accrues ? 1 : 0}).arg(p.session_ref).arg(p.created_unix)
      .arg(p.ended_unix);
  KULANZ_STORE_TRY(id, insert_returning_id(q, conn_->dialect(), [] { return std::string("payment plan"); }));
  p.id = id;
  for (const auto& i : p.instalments) {
    KULANZ_STORE_TRY(n, changed_rows(*conn_,
                                     "INSERT INTO payment_plan_instalments (plan_id, number, due_on, amount_minor) "
                                     "VALUES (?, ?, ?, ?)",
                                     {id, std::int64_t{i.number}, i.due_on.iso(), i.amount_minor}));
    (void)n;
  }
  return {};
}

base::Result<std::vector<ports::PaymentPlanRecord>> SqlPortalStore::list_payment_plans(
    domain::CreditorId creditor, std::optional<domain::CustomerId> customer, bool active_only) {
  auto lock = guard();
  std::string where = " WHERE p.creditor_id = ?";
  std::vector<SqlArg> args{creditor.value};
  if (customer) {
    where += " AND p.customer_id = ?";
    args.emplace_back(customer->value);
  }
  if (active_only) where += " AND p.status = 'active'";
  KULANZ_TRY(plans, select_all<ports::PaymentPlanRecord>(
      *conn_,
      "SELECT p.id, p.customer_id, p.hold_id, p.status, p.total_minor, p.currency, p.invoice_ids, p.interest_accrues, "
      "p.session_ref, p.created_unix, p.ended_unix FROM payment_plans p" + where + " ORDER BY p.id",
      args, [](const Query& q) -> base::Result<ports::PaymentPlanRecord> {
        ports::PaymentPlanRecord p;
        p.id = q.i64(0);
        p.customer_id = domain::CustomerId(q.i64(1));
        p.hold_id = q.i64(2);
        p.status = q.str(3);
        p.total_minor = q.i64(4);
        p.currency = q.str(5);
        KULANZ_TRY(ids, parse_ids(q.str(6)));
        p.invoice_ids = std::move(ids);
        p.interest_accrues = q.i64(7) != 0;
        p.session_ref = q.str(8);
        p.created_unix = q.i64(9);
        p.ended_unix = q.i64(10);
        return p;
      }));
  if (plans.empty()) return plans;
  struct Row {
    std::int64_t plan_id;
    ports::PlanInstalmentRecord i;
  };
  KULANZ_TRY(rows, select_all<Row>(
      *conn_,
      "SELECT i.plan_id, i.number, i.due_on, i.amount_minor FROM payment_plan_instalments i JOIN payment_plans p "
      "ON p.id = i.plan_id" + where + " ORDER BY i.plan_id, i.number",
      args, [](const Query& q) -> base::Result<Row> {
        Row r;
        r.plan_id = q.i64(0);
        r.i.number = static_cast<int>(q.i64(1));
        KULANZ_TRY(due, calendar::Date::parse_iso(q.str(2)));
        r.i.due_on = due;
        r.i.amount_minor = q.i64(3);
        return r;
      }));
  std::size_t at = 0;
  for (auto& p : plans) {
    while (at < rows.size() && rows[at].plan_id < p.id) ++at;
    while (at < rows.size() && rows[at].plan_id == p.id) p.instalments.push_back(rows[at++].i);
  }
  return plans;
}

base::Result<bool> SqlPortalStore::end_payment_plan(domain::CreditorId creditor, std::int64_t id, std::string_view status,
                                                    std::int64_t ended_unix) {
  auto lock = guard();
  if (status != "completed" && status != "broken" && status != "cancelled") {
    return base::fail(base::ErrorCode::invalid_argument, "a plan ends as completed, broken or cancelled", "status");
  }
  KULANZ_STORE_TRY(n, changed_rows(*conn_,
                                   "UPDATE payment_plans SET status = ?, ended_unix = ? WHERE creditor_id = ? AND id = ? "
                                   "AND status = 'active'",
                                   {std::string(status), ended_unix, creditor.value, id}));
  return n > 0;
}

base::Status SqlPortalStore::add_mandate(domain::CreditorId creditor, ports::MandateRecord& m) {
  auto lock = guard();
  if (m.scope != "single" && m.scope != "recurring") {
    return base::fail(base::ErrorCode::invalid_argument, "a mandate's scope is single or recurring", "scope");
  }
  static const InsertSql insert(
      "INSERT INTO sepa_mandates (creditor_id, customer_id, reference, account_holder, iban, scope, amount_minor, "
      "currency, invoice_ids, collection_on, hold_id, session_ref, signed_unix, revoked_unix, revoked_by) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  KULANZ_STORE_TRY(stmt, conn_->prepare_static(insert.for_dialect(conn_->dialect())));
  Query q(*stmt);
  q.arg(creditor.value).arg(m.customer_id.value).arg(m.reference).arg(m.account_holder).arg(m.iban).arg(m.scope)
      .arg(m.amount_minor).arg(m.currency).arg(ids_text(m.invoice_ids))
      .arg(m.collection_on ? m.collection_on->iso() : std::string()).arg(m.hold_id).arg(m.session_ref)
      .arg(m.signed_unix).arg(m.revoked_unix).arg(m.revoked_by);
  KULANZ_STORE_TRY(id, insert_returning_id(q, conn_->dialect(), [&] { return "mandate '" + m.reference + "'"; }));
  m.id = id;
  return {};
}

base::Result<std::vector<ports::MandateRecord>> SqlPortalStore::list_mandates(domain::CreditorId creditor,
                                                                             std::optional<domain::CustomerId> customer,
                                                                             bool active_only) {
  auto lock = guard();
  std::string sql =
      "SELECT id, customer_id, reference, account_holder, iban, scope, amount_minor, currency, invoice_ids, "
      "collection_on, hold_id, session_ref, signed_unix, revoked_unix, revoked_by FROM sepa_mandates WHERE creditor_id = ?";
  std::vector<SqlArg> args{creditor.value};
  if (customer) {
    sql += " AND customer_id = ?";
    args.emplace_back(customer->value);
  }
  if (active_only) sql += " AND revoked_unix = 0";
  sql += " ORDER BY id";
  return select_all<ports::MandateRecord>(*conn_, sql, args, [](const Query& q) -> base::Result<ports::MandateRecord> {
    ports::MandateRecord m;
    m.id = q.i64(0);
    m.customer_id = domain::CustomerId(q.i64(1));
    m.reference = q.str(2);
    m.account_holder = q.str(3);
    m.iban = q.str(4);
    m.scope = q.str(5);
    m.amount_minor = q.i64(6);
    m.currency = q.str(7);
    KULANZ_TRY(ids, parse_ids(q.str(8)));
    m.invoice_ids = std::move(ids);
    if (!q.str(9).empty()) {
      KULANZ_TRY(on, calendar::Date::parse_iso(q.str(9)));
      m.collection_on = on;
    }
    m.hold_id = q.i64(10);
    m.session_ref = q.str(11);
    m.signed_unix = q.i64(12);
    m.revoked_unix = q.i64(13);
    m.revoked_by = q.str(14);
    return m;
  });
}

base::Result<bool> SqlPortalStore::revoke_mandate(domain::CreditorId creditor, domain::CustomerId customer, std::int64_t id,
                                                  std::string_view revoked_by, std::int64_t now_unix) {
  auto lock = guard();
  KULANZ_STORE_TRY(n, changed_rows(*conn_,
                                   "UPDATE sepa_mandates SET revoked_unix = ?, revoked_by = ? WHERE creditor_id = ? AND "
                                   "customer_id = ? AND id = ? AND revoked_unix = 0",
                                   {now_unix, std::string(revoked_by), creditor.value, customer.value, id}));
  return n > 0;
}

base::Status SqlPortalStore::add_sepa_collection(domain::CreditorId creditor, ports::SepaCollectionRecord& c) {
  auto lock = guard();
  if (c.sequence_type != "OOFF" && c.sequence_type != "FRST" && c.sequence_type != "RCUR") {
    return base::fail(base::ErrorCode::invalid_argument, "a direct debit's sequence type is OOFF, FRST or RCUR",
                      "sequence_type");
  }
  if (c.invoice_ids.empty()) {
    return base::fail(base::ErrorCode::invalid_argument, "a direct debit pays at least one item", "invoice_ids");
  }
  std::int64_t id = 0;
  KULANZ_TRY_STATUS(atomically([&]() -> base::Status {
    // An item collected before: refused before anything is written (the primary key of
    // sepa_collection_items would refuse it too, e.g. for an export running at the same time).
    for (const auto& item : c.invoice_ids) {
      using Earlier = std::pair<std::int64_t, std::string>;  // the debit's id and message
      KULANZ_TRY(earlier, select_all<Earlier>(
                              *conn_,
                              "SELECT c.id, c.message_id FROM sepa_collection_items i JOIN sepa_collections c ON "
                              "c.creditor_id = i.creditor_id AND c.id = i.collection_id WHERE i.creditor_id = ? AND "
                              "i.invoice_id = ?",
                              {creditor.value, item.value},
                              [](const Query& q) -> base::Result<Earlier> {
                                return std::make_pair(q.i64(0), q.str(1));
                              }));
      if (!earlier.empty()) {
        return base::fail(base::ErrorCode::conflict,
                          "item " + std::to_string(item.value) + " was collected before (message " +
                              earlier.front().second + ")",
                          "invoice_ids");
      }
    }
    static const InsertSql insert(
        "INSERT INTO sepa_collections (creditor_id, customer_id, mandate_id, sequence_type, invoice_ids, amount_minor, "
        "currency, collection_on, message_id, end_to_end_id, created_unix) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    {
      KULANZ_STORE_TRY(stmt, conn_->prepare_static(insert.for_dialect(conn_->dialect())));
      Query q(*stmt);
      q.arg(creditor.value).arg(c.customer_id.value).arg(c.mandate_id).arg(c.sequence_type).arg(ids_text(c.invoice_ids))
          .arg(c.amount_minor).arg(c.currency).arg(c.collection_on.iso()).arg(c.message_id).arg(c.end_to_end_id)
          .arg(c.created_unix);
      KULANZ_STORE_TRY(new_id, insert_returning_id(q, conn_->dialect(), [&] { return "direct debit '" + c.end_to_end_id + "'"; }));
      id = new_id;
    }
    for (const auto& item : c.invoice_ids) {
      auto n = changed_rows(*conn_, "INSERT INTO sepa_collection_items (creditor_id, invoice_id, collection_id) VALUES (?, ?, ?)",
                            {creditor.value, item.value, id});
      if (!n) {
        return base::fail(in_context(std::move(n).error(), "item " + std::to_string(item.value) + " of direct debit '" +
                                                               c.end_to_end_id + "'"));
      }
    }
    return {};
  }));
  c.id = id;
  return {};
}

base::Result<std::vector<ports::SepaCollectionRecord>> SqlPortalStore::list_sepa_collections(
    domain::CreditorId creditor, std::optional<std::int64_t> mandate_id) {
  auto lock = guard();
  std::string sql =
      "SELECT id, mandate_id, customer_id, sequence_type, invoice_ids, amount_minor, currency, collection_on, message_id, "
      "end_to_end_id, created_unix FROM sepa_collections WHERE creditor_id = ?";
  std::vector<SqlArg> args{creditor.value};
  if (mandate_id) {
    sql += " AND mandate_id = ?";
    args.emplace_back(*mandate_id);
  }
  sql += " ORDER BY id";
  return select_all<ports::SepaCollectionRecord>(
      *conn_, sql, args, [](const Query& q) -> base::Result<ports::SepaCollectionRecord> {
        ports::SepaCollectionRecord c;
        c.id = q.i64(0);
        c.mandate_id = q.i64(1);
        c.customer_id = domain::CustomerId(q.i64(2));
        c.sequence_type = q.str(3);
        KULANZ_TRY(ids, parse_ids(q.str(4)));
        c.invoice_ids = std::move(ids);
        c.amount_minor = q.i64(5);
        c.currency = q.str(6);
        KULANZ_TRY(on, calendar::Date::parse_iso(q.str(7)));
        c.collection_on = on;
        c.message_id = q.str(8);
        c.end_to_end_id = q.str(9);
        c.created_unix = q.i64(10);
        return c;
      });
}

base::Status SqlPortalStore::add_portal_document(domain::CreditorId creditor, ports::PortalDocument& d) {
  auto lock = guard();
  static const InsertSql insert(
      "INSERT INTO portal_documents (creditor_id, customer_id, interaction_id, name, content_type, size_bytes, sha256, "
      "content_base64, created_unix) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  KULANZ_STORE_TRY(stmt, conn_->prepare_static(insert.for_dialect(conn_->dialect())));
  Query q(*stmt);
  q.arg(creditor.value).arg(d.customer_id.value).arg(d.interaction_id).arg(d.name).arg(d.content_type)
      .arg(static_cast<std::int64_t>(d.content.size())).arg(d.sha256).arg(security::base64_encode(d.content))
      .arg(d.created_unix);
  KULANZ_STORE_TRY(id, insert_returning_id(q, conn_->dialect(), [&] { return "portal document '" + d.name + "'"; }));
  d.id = id;
  d.size_bytes = static_cast<std::int64_t>(d.content.size());
  return {};
}

namespace {
ports::PortalDocument read_document(const Query& q) {
  ports::PortalDocument d;
  d.id = q.i64(0);
  d.customer_id = domain::CustomerId(q.i64(1));
  d.interaction_id = q.i64(2);
  d.name = q.str(3);
  d.content_type = q.str(4);
  d.size_bytes = q.i64(5);
  d.sha256 = q.str(6);
  d.created_unix = q.i64(7);
  return d;
}
}  // namespace

base::Result<std::vector<ports::PortalDocument>> SqlPortalStore::list_portal_documents(domain::CreditorId creditor,
                                                                                       domain::CustomerId customer,
                                                                                       std::int64_t interaction_id) {
  auto lock = guard();
  return select_all<ports::PortalDocument>(
      *conn_,
      "SELECT id, customer_id, interaction_id, name, content_type, size_bytes, sha256, created_unix FROM portal_documents "
      "WHERE creditor_id = ? AND customer_id = ? AND interaction_id = ? ORDER BY id",
      {creditor.value, customer.value, interaction_id},
      [](const Query& q) -> base::Result<ports::PortalDocument> { return read_document(q); });
}

base::Result<std::optional<ports::PortalDocument>> SqlPortalStore::portal_document(domain::CreditorId creditor,
                                                                                   domain::CustomerId customer,
                                                                                   std::int64_t id) {
  auto lock = guard();
  KULANZ_TRY(rows, select_all<ports::PortalDocument>(
      *conn_,
      "SELECT id, customer_id, interaction_id, name, content_type, size_bytes, sha256, created_unix, content_base64 "
      "FROM portal_documents WHERE creditor_id = ? AND customer_id = ? AND id = ?",
      {creditor.value, customer.value, id}, [](const Query& q) -> base::Result<ports::PortalDocument> {
        auto d = read_document(q);
        KULANZ_TRY(bytes, security::base64_decode(q.str(8)));
        d.content = std::move(bytes);
        return d;
      }));
  if (rows.empty()) return std::optional<ports::PortalDocument>();
  return std::optional<ports::PortalDocument>(std::move(rows.front()));
}

namespace {

// A card payment's items as text: "<invoice id>:<skonto minor>" separated by commas.
std::string card_items_text(const ports::CardPaymentRecord& p) {
  std::string out;
  for (std::size_t i = 0; i < p.invoice_ids.size(); ++i) {
    if (!out.empty()) out += ',';
    out += std::to_string(p.invoice_ids[i].value) + ':' +
           std::to_string(i < p.skonto_minor.size() ? p.skonto_minor[i] : std::int64_t{0});
  }
  return out;
}

base::Status parse_card_items(std::string_view text, ports::CardPaymentRecord& p) {
  auto number = [](std::string_view t, std::int64_t& v) {
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    return ec == std::errc() && end == t.data() + t.size() && !t.empty();
  };
  p.invoice_ids.clear();
  p.skonto_minor.clear();
  while (!text.empty()) {
    auto comma = text.find(',');
    auto part = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    auto colon = part.find(':');
    std::int64_t id = 0, skonto = 0;
    if (colon == std::string_view::npos || !number(part.substr(0, colon), id) ||
        !number(part.substr(colon + 1), skonto)) {
      return base::fail(base::ErrorCode::db_error, "card payment " + std::to_string(p.id) +
                                                        ": a stored item '" + std::string(part) + "' is damaged");
    }
    p.invoice_ids.emplace_back(id);
    p.skonto_minor.push_back(skonto);
  }
  return {};
}

constexpr const char* kCardPaymentColumns =
    "SELECT id, creditor_id, customer_id, status, amount_minor, currency, items, language, session_ref, "
    "provider_session, page_url, payment_intent, paid_minor, payment_id, interaction_id, detail, created_unix, "
    "updated_unix FROM card_payments ";

base::Result<ports::CardPaymentRecord> read_card_payment(const Query& q) {
  ports::CardPaymentRecord p;
  p.id = q.i64(0);
  p.creditor_id = domain::CreditorId(q.i64(1));
  p.customer_id = domain::CustomerId(q.i64(2));
  p.status = q.str(3);
  p.amount_minor = q.i64(4);
  p.currency = q.str(5);
  KULANZ_TRY_STATUS(parse_card_items(q.str(6), p));
  p.language = q.str(7);
  p.session_ref = q.str(8);
  p.provider_session = q.str(9);
  p.page_url = q.str(10);
  p.payment_intent = q.str(11);
  p.paid_minor = q.i64(12);
  p.payment_id = q.i64(13);
  p.interaction_id = q.i64(14);
  p.detail = q.str(15);
  p.created_unix = q.i64(16);
  p.updated_unix = q.i64(17);
  return p;
}

}  // namespace

base::Status SqlPortalStore::add_card_payment(ports::CardPaymentRecord& p) {
  auto lock = guard();
  static const InsertSql insert(
      "INSERT INTO card_payments (creditor_id, customer_id, status, amount_minor, currency, items, language, "
      "session_ref, provider_session, page_url, payment_intent, paid_minor, payment_id, interaction_id, detail, "
      "created_unix, updated_unix) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  KULANZ_STORE_TRY(stmt, conn_->prepare_static(insert.for_dialect(conn_->dialect())));
  Query q(*stmt);
  q.arg(p.creditor_id.value).arg(p.customer_id.value).arg(p.status).arg(p.amount_minor).arg(p.currency)
      .arg(card_items_text(p)).arg(p.language).arg(p.session_ref).arg(p.provider_session).arg(p.page_url)
      .arg(p.payment_intent).arg(p.paid_minor).arg(p.payment_id).arg(p.interaction_id).arg(p.detail)
      .arg(p.created_unix).arg(p.updated_unix);
  KULANZ_STORE_TRY(id, insert_returning_id(q, conn_->dialect(), [] { return std::string("card payment"); }));
  p.id = id;
  return {};
}

base::Status SqlPortalStore::update_card_payment(const ports::CardPaymentRecord& p) {
  auto lock = guard();
  KULANZ_STORE_TRY(n, changed_rows(*conn_,
                                   "UPDATE card_payments SET status = ?, provider_session = ?, page_url = ?, "
                                   "payment_intent = ?, paid_minor = ?, payment_id = ?, interaction_id = ?, detail = ?, "
                                   "updated_unix = ? WHERE creditor_id = ? AND id = ?",
                                   {p.status, p.provider_session, p.page_url, p.payment_intent, p.paid_minor,
                                    p.payment_id, p.interaction_id, p.detail, p.updated_unix, p.creditor_id.value, p.id}));
  if (n == 0) {
    return base::fail(base::ErrorCode::not_found, "card payment " + std::to_string(p.id) + " does not exist");
  }
  return {};
}

base::Result<std::optional<ports::CardPaymentRecord>> SqlPortalStore::card_payment(domain::CreditorId creditor,
                                                                                   domain::CustomerId customer,
                                                                                   std::int64_t id) {
  auto lock = guard();
  KULANZ_TRY(rows, select_all<ports::CardPaymentRecord>(
                       *conn_, std::string(kCardPaymentColumns) + "WHERE creditor_id = ? AND customer_id = ? AND id = ?",
                       {creditor.value, customer.value, id}, read_card_payment));
  if (rows.empty()) return std::optional<ports::CardPaymentRecord>();
  return std::optional<ports::CardPaymentRecord>(std::move(rows.front()));
}

base::Result<std::optional<ports::CardPaymentRecord>> SqlPortalStore::card_payment_by_session(
    std::string_view provider_session) {
  auto lock = guard();
  if (provider_session.empty()) return std::optional<ports::CardPaymentRecord>();
  KULANZ_TRY(rows, select_all<ports::CardPaymentRecord>(
                       *conn_, std::string(kCardPaymentColumns) + "WHERE provider_session = ? ORDER BY id",
                       {std::string(provider_session)}, read_card_payment));
  if (rows.empty()) return std::optional<ports::CardPaymentRecord>();
  return std::optional<ports::CardPaymentRecord>(std::move(rows.front()));
}

base::Result<bool> SqlPortalStore::record_provider_event(std::string_view event_id, std::string_view type,
                                                         std::int64_t card_payment_id, std::string_view outcome,
                                                         std::int64_t now_unix) {
  auto lock = guard();
  KULANZ_STORE_TRY(n, changed_rows(*conn_,
                                   "INSERT INTO provider_events (event_id, type, card_payment_id, outcome, received_unix) "
                                   "VALUES (?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING",
                                   {std::string(event_id), std::string(type), card_payment_id, std::string(outcome),
                                    now_unix}));
  return n > 0;
}

}  // namespace kulanz::store
