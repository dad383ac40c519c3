#pragma once
// Bearer authentication of API requests with per-creditor API keys.
#include "base/result.hpp"
#include "domain/ids.hpp"
#include "http/message.hpp"

namespace kulanz::http {

// The creditor whose key is presented in "Authorization: Bearer kz_...". Unknown,
// malformed and revoked keys are all `unauthorized` (the detail says which, without
// revealing anything about other keys).
base::Result<domain::CreditorId> authenticate_api_key(const Request& request);

// A 401 problem with the WWW-Authenticate challenge RFC 6750 asks for.
Response unauthorized_problem(const base::Error& error, const Request& request);

}  // namespace kulanz::http
