#pragma once
// Payments by card, PayPal and wallets through a hosted payment page, speaking the wire
// format of Stripe Checkout (API version 2024-06-20; docs/PAYMENTS.md): the form body of
// POST /v1/checkout/sessions, posting it (create_checkout_session, blocking, libcurl), and
// the check of a signed webhook event (no I/O: the caller hands in the Stripe-Signature
// header, the raw body and the time).
//
// What this adapter does not do: it keeps no state. Replay protection is the caller's:
// Stripe delivers an event at least once and redelivers it after failures, so the caller
// records each accepted event id (in the database, in the transaction that books the
// payment) and treats an id it has seen as done. verify_stripe_webhook only proves that
// the event comes from the provider and is recent.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.hpp"

namespace kulanz::channels {

// The API version sent as Stripe-Version and expected in events.
inline constexpr std::string_view kStripeApiVersion = "2024-06-20";

// Key/value pairs stored with the session and returned in its events, in this order.
using PaymentMetadata = std::vector<std::pair<std::string, std::string>>;

struct CheckoutRequest {
  std::int64_t amount_minor = 0;    // what the payer pays, in minor units of `currency`; positive
  std::string currency;             // ISO 4217, three letters in any case ("EUR"); lower-cased on the wire
  std::string description;          // the product name shown to the payer, not empty
  std::string client_reference_id;  // our reference, returned in every event; 1 to 200 characters
  PaymentMetadata metadata;         // at most 50 keys of 1 to 40 characters without '[' or ']', values 1 to 500 characters
  std::string success_url;          // absolute http(s); may contain {CHECKOUT_SESSION_ID}
  std::string cancel_url;           // absolute http(s)
  std::string customer_email;       // optional: prefills the payment page
  std::string locale;               // "de", "en", "auto"; empty: not sent (the provider chooses)
  std::vector<std::string> payment_method_types;  // e.g. {"card", "paypal"}; empty: the provider's automatic choice
  std::string idempotency_key;      // 1 to 255 printable ASCII characters, no spaces; sent as a header, not in the form
};

// The application/x-www-form-urlencoded body of POST /v1/checkout/sessions:
//   mode=payment&line_items[0][price_data][currency]=eur
//   &line_items[0][price_data][unit_amount]=5498&line_items[0][price_data][product_data][name]=...
//   &line_items[0][quantity]=1&success_url=...&cancel_url=...&client_reference_id=...
//   [&customer_email=...][&locale=de][&payment_method_types[0]=card...][&metadata[key]=value...]
// Brackets of the parameter names are written as they are; every other byte of names and
// values outside A-Z a-z 0-9 - . _ ~ is percent-encoded (%XX, a space as %20). Errors
// name the field (metadata problems the key, e.g. "metadata[case]").
base::Result<std::string> stripe_checkout_form(const CheckoutRequest& request);

struct PaymentProviderSettings {
  std::string base_url = "https://api.stripe.com";  // http:// or https://, no query
  std::string secret_key;                            // sk_live_... / sk_test_... (or a restricted rk_ key), sent as Bearer
  long timeout_seconds = 30;                         // for the connect and the whole exchange
};

struct CheckoutSessionResult {
  bool created = false;    // 200 with a checkout.session whose id and url are usable
  bool permanent = false;  // for failures: this request will never succeed (a 4xx other than 409 and 429:
                           // a refused key, an invalid parameter, an idempotency key reused with other parameters)
  bool in_doubt = false;   // the provider may have created the session but no usable answer came (a timeout
                           // or lost connection after sending, a 5xx, a 2xx without a usable session): send
                           // again with the same idempotency key, which returns that session if it exists
  long http_status = 0;    // 0 when no response came
  std::string session_id;  // "cs_..."
  std::string url;         // the hosted payment page to send the payer to
  std::int64_t expires_at = 0;  // when the session expires (Unix time), 0 when the answer did not say
  std::string detail;  // from the provider's {"error":{type,code,message,param}} when given, else what happened
};

// Posts `form_body` (as stripe_checkout_form builds it) to {base_url}/v1/checkout/sessions
// with Authorization: Bearer <secret_key>, Stripe-Version and Idempotency-Key. One
// request, never repeated here. Redirects are not followed and at most 256 KiB of the
// response are read. Settings problems (URL, missing key, timeout) are temporary and
// nothing is sent; a form body or idempotency key that could never be sent is permanent.
CheckoutSessionResult create_checkout_session(const PaymentProviderSettings& settings, std::string_view form_body,
                                              std::string_view idempotency_key);

// A webhook event after its signature check.
struct PaymentEvent {
  std::string event_id;  // "evt_...": the caller's key against replays
  std::string type;      // checkout.session.completed, checkout.session.async_payment_succeeded,
                         // checkout.session.async_payment_failed, checkout.session.expired; other
                         // types are passed through with event_id, type, created and livemode only
  std::int64_t created = 0;  // when the provider created the event (Unix time)
  bool livemode = false;
  // The checkout session of a checkout.session.* event:
  std::string session_id;      // "cs_..."
  std::string payment_status;  // paid, unpaid, no_payment_required (others passed through)
  std::optional<std::int64_t> amount_total;  // minor units, read exactly from the JSON integer; absent when null
  std::string currency;                      // upper-cased ("EUR"), empty when null
  std::string client_reference_id;
  PaymentMetadata metadata;
  std::string payment_intent;       // "pi_...", empty before the payment or when null
  std::string payment_method_type;  // when the session offered exactly one type ("card", "paypal"), else empty

  // Whether the event says the money has been paid: a completed session with payment_status
  // paid, or a delayed method (SEPA debit, ...) that has now succeeded.
  bool paid() const {
    return (type == "checkout.session.completed" || type == "checkout.session.async_payment_succeeded") &&
           payment_status == "paid";
  }
};

// Checks a webhook as Stripe documents it: `stripe_signature` is the Stripe-Signature
// header, "t=<unix time>,v1=<hex>[,v1=<hex>...][,v0=<hex>]"; the event is accepted when
// one of the v1 values equals the lower-case hex HMAC-SHA256(endpoint_secret,
// "<t>.<raw_body>") (compared in constant time; other schemes such as v0 are ignored) and
// t lies within `tolerance_seconds` of `now_unix` in either direction. Anything else is
// `unauthorized` (E5001) and nothing of the body is trusted. Then the body is read: a body
// that is not a Stripe event, or a checkout.session.* event without a readable session,
// is payment_event_invalid (E9104).
base::Result<PaymentEvent> verify_stripe_webhook(std::string_view stripe_signature, std::string_view raw_body,
                                                 std::string_view endpoint_secret, std::int64_t now_unix,
                                                 std::int64_t tolerance_seconds = 300);

}  // namespace kulanz::channels
