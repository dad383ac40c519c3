#pragma once
// What the customer portal keeps (docs/PORTAL.md): its sessions and the failed identity
// checks per customer. LedgerStore::portal() returns it, on the same database session.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.hpp"
#include "domain/identity_check.hpp"
#include "domain/ids.hpp"

namespace kulanz::ports {

struct PortalSession {
  std::string token_sha256;  // lower-case hex SHA-256 of the cookie value
  domain::CreditorId creditor_id;
  domain::CustomerId customer_id;
  std::string csrf_token;
  std::string language;                // de or en, as chosen (first: the customer's)
  std::string entered_via = "link";    // link (the personal link) or number (customer number and check)
  std::int64_t verified_unix = 0;      // when the light check was passed in this session; 0: not yet
  std::int64_t created_unix = 0;
  std::int64_t expires_unix = 0;
};

// Failed checks of one customer in the current window, and until when the check is locked.
using PortalCheckFailures = domain::CheckFailures;

class PortalStore {
 public:
  virtual ~PortalStore() = default;

  virtual base::Status create_portal_session(const PortalSession& s) = 0;
  // The session with this token hash if it has not expired at `now_unix`.
  virtual base::Result<std::optional<PortalSession>> portal_session(std::string_view token_sha256,
                                                                    std::int64_t now_unix) = 0;
  // Changes of a live session; false when there is none with that hash.
  virtual base::Result<bool> set_portal_session_verified(std::string_view token_sha256, std::int64_t verified_unix) = 0;
  virtual base::Result<bool> set_portal_session_language(std::string_view token_sha256, std::string_view language) = 0;
  virtual base::Status end_portal_session(std::string_view token_sha256) = 0;
  // Ends every session of a customer (a revoked link); returns how many there were.
  virtual base::Result<int> end_customer_portal_sessions(domain::CreditorId creditor, domain::CustomerId customer) = 0;
  // Removes sessions that expired before `now_unix`; returns how many.
  virtual base::Result<int> purge_expired_portal_sessions(std::int64_t now_unix) = 0;

  // Zero failures when none are recorded.
  virtual base::Result<PortalCheckFailures> portal_check_failures(domain::CreditorId creditor,
                                                                  domain::CustomerId customer) = 0;
  virtual base::Status save_portal_check_failures(domain::CreditorId creditor, domain::CustomerId customer,
                                                  const PortalCheckFailures& f) = 0;
  virtual base::Status clear_portal_check_failures(domain::CreditorId creditor, domain::CustomerId customer) = 0;
};

}  // namespace kulanz::ports
