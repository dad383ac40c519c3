// The portal's sessions and failed checks (migrations/0008_portal.sql). docs/PORTAL.md.
#include "store/sql_portal_store.hpp"

#include "store/collection_support.hpp"

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

}  // namespace kulanz::store
