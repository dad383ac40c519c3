#include "http/api_auth.hpp"

#include <cassert>

#include "base/text.hpp"
#include "http/api_keys.hpp"
#include "ports/ledger_store.hpp"
#include "security/security.hpp"

namespace kulanz::http {
namespace {

base::Unexpected<base::Error> unauthorized(std::string detail) {
  return base::fail(base::ErrorCode::unauthorized, std::move(detail), "Authorization");
}

}  // namespace

base::Result<domain::CreditorId> authenticate_api_key(const Request& request) {
  assert(request.store != nullptr);
  std::string header = request.header("authorization");
  if (header.empty()) {
    return unauthorized("send the API key as 'Authorization: Bearer kz_...' (create one with: kulanz apikey create --creditor CODE)");
  }
  constexpr std::string_view kScheme = "bearer ";
  std::string_view value = base::trim(header);
  if (value.size() <= kScheme.size() || !base::iequals_ascii(value.substr(0, kScheme.size()), kScheme)) {
    return unauthorized("the Authorization header must use the Bearer scheme: 'Authorization: Bearer kz_...'");
  }
  std::string_view key = base::trim(value.substr(kScheme.size()));
  auto parts = parse_api_key(key);
  if (!parts) return unauthorized("the bearer token is not a kulanz API key (expected kz_<prefix>_<secret>)");
  auto record = request.store->api_key_by_hash(security::sha256_hex(key));
  if (!record) return base::fail(std::move(record).error());
  if (!*record || !security::constant_time_equals((*record)->prefix, parts->prefix)) {
    return unauthorized("API key kz_" + std::string(parts->prefix) + "_... is not known; check for typos or create a new key");
  }
  if ((*record)->revoked) {
    return unauthorized("API key kz_" + std::string(parts->prefix) + "_... has been revoked; create a new key");
  }
  return (*record)->creditor_id;
}

Response unauthorized_problem(const base::Error& error, const Request& request) {
  auto response = Response::problem(error, request.path);
  if (error.code == base::ErrorCode::unauthorized) {
    bool presented = !request.header("authorization").empty();
    response.set_header("WWW-Authenticate", presented ? "Bearer realm=\"kulanz\", error=\"invalid_token\"" : "Bearer realm=\"kulanz\"");
  }
  return response;
}

}  // namespace kulanz::http
