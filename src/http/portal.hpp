#pragma once
// The customer portal's pages under /p/ (docs/PORTAL.md): opening by personal link or by
// customer number and check, the light identity check, the overview, items and payments,
// the statement and invoice copies as PDF, the contact history with its documents, the
// knowledge base, German and English, the creditor's branding. Server-rendered HTML that
// works without JavaScript.
#include <cstdint>
#include <string>

#include "http/router.hpp"
#include "services/portal_card.hpp"

namespace kulanz::http {

struct PortalOptions {
  // How long a session lives after it was opened.
  std::int64_t session_ttl_seconds = 2 * 60 * 60;
  // Unknown or revoked links, and failed entries by customer number, per client address
  // within the window, before that address gets a 429 page for a while.
  int link_failures_per_address = 30;
  int entry_failures_per_address = 30;
  std::int64_t window_seconds = 15 * 60;
  // Shown at the top of every page when not empty (e.g. "Demo data").
  std::string banner;
  // Payments by card, PayPal and wallets (docs/PAYMENTS.md): the provider's checkout,
  // set by the command line from [payments]; unset, the pay page offers none. The
  // provider sends the payer back to public_url (scheme://host[:port], no trailing slash).
  services::CreateCheckout create_checkout;
  std::string public_url;
};

// Registers the /p/ routes (in_openapi = false). Calls security::init().
void register_portal_routes(Router& router, const PortalOptions& options);

}  // namespace kulanz::http
