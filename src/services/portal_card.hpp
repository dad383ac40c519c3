#pragma once
// Payments by card, PayPal and wallets from the portal, through the payment provider's
// hosted page (docs/PAYMENTS.md, docs/PORTAL.md).
//
// start_card_payment records the attempt (what is paid, Skonto included) and then asks
// the provider for a checkout session. The provider is reached through an injected
// function, because services never open sockets; `cli` wires channels/payment_stripe.
// The attempt's row names the idempotency key, so a repeated request finds the same
// session.
//
// record_provider_event handles one signed provider event exactly once: its id is
// recorded with what it changed, and a replayed id changes nothing. A paid session
// becomes, in one transaction:
//   - a ledger payment (with the Skonto granted as credit notes) allocated to its items;
//   - the portal interaction in the customer's history;
//   - the payment.received event for the creditor's webhooks.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.hpp"
#include "portal/settings.hpp"
#include "ports/ledger_store.hpp"
#include "services/portal_actions.hpp"

namespace kulanz::services {

// What the provider is asked for (one line item, in payment mode).
struct CheckoutOrder {
  std::int64_t amount_minor = 0;
  std::string currency;            // ISO 4217
  std::string description;         // the product name the payer sees
  std::string client_reference_id; // "card-<attempt id>"
  std::vector<std::pair<std::string, std::string>> metadata;  // creditor, customer, items
  std::string success_url;         // contains {CHECKOUT_SESSION_ID}
  std::string cancel_url;
  std::string customer_email;      // optional: prefills the provider's page
  std::string locale;              // de or en
  std::vector<std::string> method_types;  // card, paypal (wallets pay through card)
  std::string idempotency_key;     // "kulanz-card-<attempt id>"
};

// The provider's answer (channels::CheckoutSessionResult, without the adapter's types).
struct CheckoutAnswer {
  bool created = false;
  bool permanent = false;
  bool in_doubt = false;
  std::string session_id;
  std::string url;
  std::string detail;
};
using CreateCheckout = std::function<CheckoutAnswer(const CheckoutOrder&)>;

// The provider methods a creditor's portal file offers: card (also for wallet) and paypal.
std::vector<std::string> provider_method_types(const portal::PortalSettings& settings);

struct CardPaymentRequest {
  std::string item;            // the external id of one open item; empty: all open items
  std::string public_url;      // the portal's public base address (scheme://host[:port]), no trailing slash
  std::string description;     // what the payer sees on the provider's page
  std::string customer_email;  // optional
};

struct CardPaymentStart {
  std::optional<Refusal> refused;  // nothing to pay, the item is not open, no provider method offered
  std::int64_t card_payment_id = 0;
  std::string page_url;            // the provider's page to send the payer to
  bool provider_failed = false;    // the provider did not give a session (detail says why)
  std::string detail;
};

// Records the attempt (status created), asks the provider and records its answer (open
// with the session, or failed). The amount is what the pay page shows: the open items
// (or the one item) with Skonto deducted while it applies. Refused (field "item"):
// pay_nothing_open, pay_no_item, card_not_offered. Nothing is written when refused.
base::Result<CardPaymentStart> start_card_payment(ports::LedgerStore& store, const portal::PortalSettings& settings,
                                                  const PortalActor& actor, const CardPaymentRequest& request,
                                                  const CreateCheckout& create);

// A provider event after its signature check (channels::PaymentEvent, without the adapter's types).
struct ProviderEvent {
  std::string event_id;
  std::string type;
  std::int64_t created = 0;
  std::string session_id;
  std::optional<std::int64_t> amount_total;
  std::string currency;
  std::string client_reference_id;
  std::string payment_intent;
  bool paid = false;     // completed and paid, or a delayed method succeeded
  bool failed = false;   // checkout.session.async_payment_failed
  bool expired = false;  // checkout.session.expired
};

struct ProviderEventOutcome {
  // booked, replay (the id was handled before), already_booked, expired, failed, pending
  // (completed but not paid yet), ignored (another type), unknown_session,
  // reference_mismatch (the event's reference or currency is not the attempt's)
  std::string outcome;
  domain::CreditorId creditor;
  domain::CustomerId customer;
  std::int64_t card_payment_id = 0;
  std::int64_t payment_id = 0;
  std::int64_t interaction_id = 0;
};

// The history line of a paid attempt, in its language, for the amount paid.
using CardSummary = std::function<std::string(const ports::CardPaymentRecord&, std::int64_t paid_minor)>;

// Handles one verified event in one transaction (see the top of this file). The booked
// payment's value date is the day of the event (UTC), its external id
// "portal-card-<attempt id>", its reference the provider's session and the items' numbers
// (so the allocation serves those items first). What the provider reports as paid is
// booked, even when it differs from what was asked; Skonto is granted only when exactly the
// asked amount arrived, and only on items still open by at least the discount.
base::Result<ProviderEventOutcome> record_provider_event(ports::LedgerStore& store, const ProviderEvent& event,
                                                         std::int64_t now_unix, const CardSummary& summarize);

}  // namespace kulanz::services
