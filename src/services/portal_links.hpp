#pragma once
// The customer's personal portal link: `<public url>/p/<token>`, one per customer, valid
// until revoked. The token is derived (HMAC-SHA256, 128 bits, base64url) from the portal
// secret, the creditor, the customer and the link's generation; the database keeps only
// its SHA-256, so a copy of the database alone reveals no link. Revoking moves to the next
// generation: the old link stops working at once. See docs/PORTAL.md.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.hpp"
#include "ports/ledger_store.hpp"

namespace kulanz::services {

struct PortalLinkSettings {
  // The portal secret from the configuration ([portal] secret / KULANZ_PORTAL_SECRET); when
  // empty, a secret generated once and kept in the database is used (enough for a single
  // installation; several instances or a database shared with others should configure one).
  std::string secret;
  std::string public_url;  // [server] public_url, e.g. https://forderungen.example.de
};

struct PortalLinkInfo {
  std::string token;
  std::string url;  // public_url + "/p/" + token ("/p/" + token when no public URL is set)
  std::int64_t generation = 1;
};

// The current link of a customer, created on first use.
base::Result<PortalLinkInfo> portal_link(ports::LedgerStore& store, const PortalLinkSettings& settings,
                                         domain::CreditorId creditor, domain::CustomerId customer, std::int64_t now_unix);
// Revokes the current link and returns the new one; every portal session opened with it
// ends (one transaction, which must not be open already).
base::Result<PortalLinkInfo> revoke_portal_link(ports::LedgerStore& store, const PortalLinkSettings& settings,
                                                domain::CreditorId creditor, domain::CustomerId customer,
                                                std::int64_t now_unix);
// The creditor and customer a token belongs to; nullopt for an unknown or revoked token
// (never says which).
base::Result<std::optional<ports::PortalLink>> resolve_portal_token(ports::LedgerStore& store, std::string_view token);

}  // namespace kulanz::services
