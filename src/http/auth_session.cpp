#include "http/auth_session.hpp"

#include "security/security.hpp"

namespace kulanz::http {

bool plausible_token(std::string_view token) {
  if (token.size() < 16 || token.size() > 128) return false;
  for (char c : token) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

base::Result<NewSession> start_session(ports::LedgerStore& store, domain::UserId user, std::int64_t now_unix,
                                       std::int64_t ttl_seconds) {
  NewSession s;
  s.token = security::random_token(32);
  s.record.token_hash = security::sha256_hex(s.token);
  s.record.user_id = user;
  s.record.csrf_token = security::random_token(32);
  s.record.created_unix = now_unix;
  s.record.expires_unix = now_unix + ttl_seconds;
  KULANZ_TRY_STATUS(store.create_session(s.record));
  return s;
}

base::Result<std::optional<SignedIn>> current_user(const Request& request) {
  auto token = request.cookie(kSessionCookie);
  if (!token || !plausible_token(*token) || request.store == nullptr) return std::optional<SignedIn>();
  auto session = request.store->session_by_hash(security::sha256_hex(*token), request.now_unix);
  if (!session) return base::fail(std::move(session).error());
  // The store filters expired sessions; checking again keeps a lax store from extending one.
  if (!session->has_value() || (*session)->expires_unix <= request.now_unix) return std::optional<SignedIn>();
  auto user = request.store->user_by_id((*session)->user_id);
  if (!user) return base::fail(std::move(user).error());
  if (!user->has_value() || (*user)->disabled) return std::optional<SignedIn>();
  return std::optional<SignedIn>(SignedIn{**session, **user});
}

base::Status end_session(const Request& request) {
  auto token = request.cookie(kSessionCookie);
  if (!token || !plausible_token(*token) || request.store == nullptr) return {};
  return request.store->delete_session(security::sha256_hex(*token));
}

std::string cookie_header(std::string_view name, std::string_view value, std::int64_t max_age_seconds, bool secure,
                          std::string_view path) {
  std::string out(name);
  out += '=';
  out += value;
  out += "; Path=" + std::string(path) + "; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age_seconds);
  if (secure) out += "; Secure";
  return out;
}

bool csrf_matches(const Request& request, std::string_view expected) {
  if (expected.empty()) return false;
  auto form = request.form();
  auto it = form.find(std::string(kCsrfField));
  if (it == form.end()) return false;
  return security::constant_time_equals(it->second, expected);
}

bool is_cross_site(const Request& request) { return request.header("sec-fetch-site") == "cross-site"; }

}  // namespace kulanz::http
