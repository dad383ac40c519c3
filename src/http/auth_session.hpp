#pragma once
// Web sessions of the creditor's team: a random token in the `kulanz_session` cookie; the
// database keeps only its SHA-256, the user, the session's CSRF token and the expiry.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.hpp"
#include "http/message.hpp"
#include "ports/ledger_store.hpp"

namespace kulanz::http {

inline constexpr std::string_view kSessionCookie = "kulanz_session";
// Double-submit cookie of the login form (there is no session yet to bind a token to).
inline constexpr std::string_view kLoginCsrfCookie = "kulanz_login_csrf";
// Name of the hidden form field that carries the CSRF token.
inline constexpr std::string_view kCsrfField = "csrf_token";

struct NewSession {
  std::string token;  // goes into the cookie, never into the database
  ports::WebSession record;
};

struct SignedIn {
  ports::WebSession session;
  ports::User user;
};

// Stores a new session for `user` valid for `ttl_seconds` from `now_unix`.
base::Result<NewSession> start_session(ports::LedgerStore& store, domain::UserId user, std::int64_t now_unix,
                                       std::int64_t ttl_seconds);
// The signed-in user of the request: nullopt without a valid, unexpired session cookie or
// when the user was disabled. Errors only when the database fails.
base::Result<std::optional<SignedIn>> current_user(const Request& request);
// Deletes the request's session, if it has one.
base::Status end_session(const Request& request);

// Set-Cookie value: HttpOnly, SameSite=Lax, Path=`path`, Secure when `secure`.
// max_age_seconds == 0 deletes the cookie.
std::string cookie_header(std::string_view name, std::string_view value, std::int64_t max_age_seconds, bool secure,
                          std::string_view path = "/");

// True when the form's CSRF field equals `expected` (constant time; empty never matches).
bool csrf_matches(const Request& request, std::string_view expected);
// True for a POST the browser marks as coming from another site (Sec-Fetch-Site).
bool is_cross_site(const Request& request);
// A cookie value we issued has this shape (base64url, bounded length); anything else is ignored.
bool plausible_token(std::string_view token);

}  // namespace kulanz::http
