// SqlLedgerStore: API keys, users, memberships and web sessions.
#include "base/text.hpp"
#include "store/sql_ledger_store.hpp"
#include "store/store_support.hpp"

namespace kulanz::store {

using namespace kulanz::domain;
using namespace detail;
using ports::ApiKeyRecord;
using ports::Membership;
using ports::User;
using ports::WebSession;

namespace {

constexpr const char* kUserColumns = "id, email, display_name, password_hash, disabled";

User read_user(const Query& q) {
  User u;
  u.id = UserId(q.i64(0));
  u.email = q.str(1);
  u.display_name = q.str(2);
  u.password_hash = q.str(3);
  u.disabled = q.i64(4) != 0;
  return u;
}

constexpr const char* kApiKeyColumns = "id, creditor_id, prefix, secret_hash, label, created_unix, revoked";

ApiKeyRecord read_api_key(const Query& q) {
  ApiKeyRecord k;
  k.id = ApiKeyId(q.i64(0));
  k.creditor_id = CreditorId(q.i64(1));
  k.prefix = q.str(2);
  k.secret_hash = q.str(3);
  k.label = q.str(4);
  k.created_unix = q.i64(5);
  k.revoked = q.i64(6) != 0;
  return k;
}

}  // namespace

base::Result<ApiKeyRecord> SqlLedgerStore::create_api_key(const ApiKeyRecord& k) {
  auto lock = guard();
  if (k.secret_hash.empty()) return base::fail(ErrorCode::required_missing, "an API key needs the hash of its secret", "secret_hash");
  KULANZ_STORE_TRY(stmt, conn_->prepare(
      "INSERT INTO api_keys (creditor_id, prefix, secret_hash, label, created_unix, revoked) VALUES (?, ?, ?, ?, ?, ?) "
      "RETURNING id"));
  Query q(*stmt);
  q.arg(k.creditor_id.value).arg(k.prefix).arg(k.secret_hash).arg(k.label).arg(k.created_unix).arg(std::int64_t{k.revoked});
  auto row = q.next();
  if (!row) {
    return base::fail(in_context(std::move(row).error(),
                                 fmt::format("API key '{}' for creditor {}", k.prefix, k.creditor_id.value)));
  }
  ApiKeyRecord out = k;
  out.id = ApiKeyId(q.i64(0));
  return out;
}

base::Result<std::optional<ApiKeyRecord>> SqlLedgerStore::api_key_by_hash(std::string_view secret_hash) {
  auto lock = guard();
  KULANZ_STORE_TRY(stmt, conn_->prepare(std::string("SELECT ") + kApiKeyColumns + " FROM api_keys WHERE secret_hash = ?"));
  Query q(*stmt);
  q.arg(secret_hash);
  KULANZ_STORE_TRY(row, q.next());
  if (!row) return std::optional<ApiKeyRecord>();
  return std::optional<ApiKeyRecord>(read_api_key(q));
}

base::Result<std::vector<ApiKeyRecord>> SqlLedgerStore::list_api_keys(CreditorId creditor) {
  auto lock = guard();
  KULANZ_STORE_TRY(stmt, conn_->prepare(std::string("SELECT ") + kApiKeyColumns +
                                        " FROM api_keys WHERE creditor_id = ? ORDER BY id"));
  Query q(*stmt);
  q.arg(creditor.value);
  std::vector<ApiKeyRecord> out;
  for (;;) {
    KULANZ_STORE_TRY(row, q.next());
    if (!row) break;
    out.push_back(read_api_key(q));
  }
  return out;
}

base::Result<bool> SqlLedgerStore::revoke_api_key(CreditorId creditor, std::string_view prefix) {
  auto lock = guard();
  KULANZ_STORE_TRY(stmt, conn_->prepare(
      "UPDATE api_keys SET revoked = 1 WHERE creditor_id = ? AND prefix = ? RETURNING id"));
  Query q(*stmt);
  q.arg(creditor.value).arg(prefix);
  bool found = false;
  for (;;) {
    KULANZ_STORE_TRY(row, q.next());
    if (!row) break;
    found = true;
  }
  return found;
}

base::Result<std::vector<User>> SqlLedgerStore::list_users() {
  auto lock = guard();
  KULANZ_STORE_TRY(stmt, conn_->prepare(std::string("SELECT ") + kUserColumns + " FROM users ORDER BY id"));
  Query q(*stmt);
  std::vector<User> out;
  for (;;) {
    KULANZ_STORE_TRY(row, q.next());
    if (!row) break;
    out.push_back(read_user(q));
  }
  return out;
}

base::Result<User> SqlLedgerStore::create_user(const User& u) {
  auto lock = guard();
  User out = u;
  out.email = base::ascii_lower(base::trim(u.email));
  if (out.email.empty()) return base::fail(ErrorCode::required_missing, "a user needs an email address", "email");
  KULANZ_STORE_TRY(stmt, conn_->prepare(
      "INSERT INTO users (email, display_name, password_hash, disabled) VALUES (?, ?, ?, ?) RETURNING id"));
  Query q(*stmt);
  q.arg(out.email).arg(out.display_name).arg(out.password_hash).arg(std::int64_t{out.disabled});
  auto row = q.next();
  if (!row) {
    auto e = std::move(row).error();
    if (e.code == ErrorCode::db_constraint) {
      e.detail = fmt::format("a user with email '{}' exists already: log in with it or choose another address ({})",
                             out.email, e.detail);
      e.field = "email";
    }
    return base::fail(std::move(e));
  }
  out.id = UserId(q.i64(0));
  return out;
}

base::Result<std::optional<User>> SqlLedgerStore::user_by_email(std::string_view email) {
  auto lock = guard();
  KULANZ_STORE_TRY(stmt, conn_->prepare(std::string("SELECT ") + kUserColumns + " FROM users WHERE email = ?"));
  Query q(*stmt);
  q.arg(base::ascii_lower(base::trim(email)));
  KULANZ_STORE_TRY(row, q.next());
  if (!row) return std::optional<User>();
  return std::optional<User>(read_user(q));
}

base::Result<std::optional<User>> SqlLedgerStore::user_by_id(UserId id) {
  auto lock = guard();
  KULANZ_STORE_TRY(stmt, conn_->prepare(std::string("SELECT ") + kUserColumns + " FROM users WHERE id = ?"));
  Query q(*stmt);
  q.arg(id.value);
  KULANZ_STORE_TRY(row, q.next());
  if (!row) return std::optional<User>();
  return std::optional<User>(read_user(q));
}

base::Status SqlLedgerStore::add_membership(const Membership& m) {
  auto lock = guard();
  KULANZ_STORE_TRY(stmt, conn_->prepare(
      "INSERT INTO memberships (creditor_id, user_id, role) VALUES (?, ?, ?) "
      "ON CONFLICT (creditor_id, user_id) DO UPDATE SET role = excluded.role"));
  Query q(*stmt);
  auto st = q.arg(m.creditor_id.value).arg(m.user_id.value).arg(ports::to_string(m.role)).run();
  if (!st) {
    return base::fail(in_context(std::move(st).error(),
                                 fmt::format("membership of user {} in creditor {}", m.user_id.value, m.creditor_id.value)));
  }
  return {};
}

base::Result<std::vector<Membership>> SqlLedgerStore::memberships(UserId user) {
  auto lock = guard();
  KULANZ_STORE_TRY(stmt, conn_->prepare("SELECT creditor_id, role FROM memberships WHERE user_id = ? ORDER BY creditor_id"));
  Query q(*stmt);
  q.arg(user.value);
  std::vector<Membership> out;
  while (true) {
    KULANZ_STORE_TRY(row, q.next());
    if (!row) break;
    auto role = ports::parse_role(q.text(1));
    if (!role) return base::fail(ErrorCode::db_error, fmt::format("stored role '{}' is unknown", q.text(1)), "role");
    out.push_back(Membership{CreditorId(q.i64(0)), user, *role});
  }
  return out;
}

base::Status SqlLedgerStore::create_session(const WebSession& s) {
  auto lock = guard();
  KULANZ_STORE_TRY(stmt, conn_->prepare(
      "INSERT INTO web_sessions (token_hash, user_id, csrf_token, created_unix, expires_unix) VALUES (?, ?, ?, ?, ?)"));
  Query q(*stmt);
  auto st = q.arg(s.token_hash).arg(s.user_id.value).arg(s.csrf_token).arg(s.created_unix).arg(s.expires_unix).run();
  if (!st) return base::fail(in_context(std::move(st).error(), fmt::format("web session of user {}", s.user_id.value)));
  return {};
}

base::Result<std::optional<WebSession>> SqlLedgerStore::session_by_hash(std::string_view token_hash, std::int64_t now_unix) {
  auto lock = guard();
  KULANZ_STORE_TRY(stmt, conn_->prepare(
      "SELECT token_hash, user_id, csrf_token, created_unix, expires_unix FROM web_sessions "
      "WHERE token_hash = ? AND expires_unix > ?"));
  Query q(*stmt);
  q.arg(token_hash).arg(now_unix);
  KULANZ_STORE_TRY(row, q.next());
  if (!row) return std::optional<WebSession>();
  WebSession s;
  s.token_hash = q.str(0);
  s.user_id = UserId(q.i64(1));
  s.csrf_token = q.str(2);
  s.created_unix = q.i64(3);
  s.expires_unix = q.i64(4);
  return std::optional<WebSession>(std::move(s));
}

base::Status SqlLedgerStore::delete_session(std::string_view token_hash) {
  auto lock = guard();
  KULANZ_STORE_TRY(stmt, conn_->prepare("DELETE FROM web_sessions WHERE token_hash = ?"));
  Query q(*stmt);
  return q.arg(token_hash).run();
}

}  // namespace kulanz::store
