#pragma once
// What the customer portal keeps (docs/PORTAL.md): its sessions and the failed identity
// checks per customer. LedgerStore::portal() returns it, on the same database session.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "calendar/date.hpp"
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

// One version of a creditor's portal file (portal/settings.hpp); the latest applies.
struct PortalFileRecord {
  std::int64_t version = 0;  // 1, 2, ... per creditor
  std::string content;       // the TOML text as loaded
  std::string sha256;        // hex of content
  std::string note;          // who loaded it
  std::int64_t created_unix = 0;
};

// Something a customer did in the portal: a change of state (plan, promise, dispute,
// mandate, preferences, ...) or a request (callback, credit note), with the session it
// came from and the customer's optional rating.
struct PortalInteraction {
  std::int64_t id = 0;
  domain::CustomerId customer_id;
  std::string kind;         // plan, plan_request, promise, dispute, credit_note, callback, mandate, mandate_revoked,
                            // preferences, payment
  std::string summary;      // one line, in the language the customer used
  std::string detail_json;  // the request's values as a JSON object
  std::string session_ref;  // "portal:" + the first 16 hex digits of the session's token hash
  std::int64_t created_unix = 0;
  std::string rating;       // "", good, neutral, bad
  std::string rating_comment;
  std::int64_t rated_unix = 0;
};

// A payment plan a customer arranged, with its instalments (migration 0010).
struct PlanInstalmentRecord {
  int number = 0;
  calendar::Date due_on;
  std::int64_t amount_minor = 0;
};

struct PaymentPlanRecord {
  std::int64_t id = 0;
  domain::CustomerId customer_id;
  std::int64_t hold_id = 0;         // the payment_plan hold that pauses the journey
  std::string status = "active";    // active, completed, broken, cancelled
  std::int64_t total_minor = 0;
  std::string currency;
  std::vector<domain::InvoiceId> invoice_ids;
  bool interest_accrues = false;
  std::string session_ref;
  std::int64_t created_unix = 0;
  std::int64_t ended_unix = 0;
  std::vector<PlanInstalmentRecord> instalments;  // ascending by number
};

// A SEPA direct-debit mandate (migration 0011).
struct MandateRecord {
  std::int64_t id = 0;
  domain::CustomerId customer_id;
  std::string reference;       // the mandate reference, unique per creditor
  std::string account_holder;
  std::string iban;            // electronic form
  std::string scope = "single";  // single (one payment) or recurring (future invoices)
  std::int64_t amount_minor = 0;  // single: the amount to collect; recurring: 0
  std::string currency;
  std::vector<domain::InvoiceId> invoice_ids;  // single: the items it pays
  std::optional<calendar::Date> collection_on;  // single: the announced collection day
  std::int64_t hold_id = 0;   // single: the promise hold until the collection; 0: none
  std::string session_ref;
  std::int64_t signed_unix = 0;
  std::int64_t revoked_unix = 0;  // 0: in force
  std::string revoked_by;
};

// A direct debit handed to the bank in a pain.008 file (migration 0015, docs/PAYMENTS.md):
// the mandate it was collected under, the items it pays and the amount, the day and the
// message. An item is collected at most once (the store refuses a second collection of it).
struct SepaCollectionRecord {
  std::int64_t id = 0;
  std::int64_t mandate_id = 0;
  domain::CustomerId customer_id;
  std::string sequence_type;  // OOFF (single mandate), FRST or RCUR (recurring)
  std::vector<domain::InvoiceId> invoice_ids;
  std::int64_t amount_minor = 0;
  std::string currency;
  calendar::Date collection_on;
  std::string message_id;     // the pain.008 MsgId
  std::string end_to_end_id;  // unique per creditor
  std::int64_t created_unix = 0;
};

// A document a customer attached to an interaction (migration 0012).
struct PortalDocument {
  std::int64_t id = 0;
  domain::CustomerId customer_id;
  std::int64_t interaction_id = 0;
  std::string name;          // as the customer's file was called (cleaned)
  std::string content_type;  // application/pdf, image/jpeg or image/png, from the content
  std::int64_t size_bytes = 0;
  std::string sha256;        // hex
  std::int64_t created_unix = 0;
  std::string content;       // the bytes; empty in lists
};

// A payment by card, PayPal or wallet a customer started in the portal, through the
// payment provider's hosted page (migration 0013, docs/PAYMENTS.md).
struct CardPaymentRecord {
  std::int64_t id = 0;
  domain::CreditorId creditor_id;
  domain::CustomerId customer_id;
  std::string status = "created";  // created (provider not yet answered), open, paid, expired, failed
  std::int64_t amount_minor = 0;   // what the payer was asked for (Skonto deducted)
  std::string currency;
  std::vector<domain::InvoiceId> invoice_ids;
  std::vector<std::int64_t> skonto_minor;  // per item of invoice_ids: the discount granted on it
  std::string language;                    // de or en: the payer's, for the pages and the history line
  std::string session_ref;
  std::string provider_session;  // cs_...; empty before the provider answered
  std::string page_url;          // the hosted payment page
  std::string payment_intent;    // pi_..., once paid
  std::int64_t paid_minor = 0;   // what the provider reported as paid
  std::int64_t payment_id = 0;   // the ledger's payment, once booked
  std::int64_t interaction_id = 0;
  std::string detail;            // the provider's last answer or the reason of a failure
  std::int64_t created_unix = 0;
  std::int64_t updated_unix = 0;
};

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

  // Failed entries with customer number and check, per typed number (its SHA-256 as
  // normalised), whether or not the number exists.
  virtual base::Result<PortalCheckFailures> portal_entry_failures(domain::CreditorId creditor,
                                                                  std::string_view number_sha256) = 0;
  virtual base::Status save_portal_entry_failures(domain::CreditorId creditor, std::string_view number_sha256,
                                                  const PortalCheckFailures& f) = 0;
  virtual base::Status clear_portal_entry_failures(domain::CreditorId creditor, std::string_view number_sha256) = 0;

  // Portal files: save returns the new version (latest + 1).
  virtual base::Result<std::int64_t> save_portal_file(domain::CreditorId creditor, const PortalFileRecord& file) = 0;
  virtual base::Result<std::optional<PortalFileRecord>> latest_portal_file(domain::CreditorId creditor) = 0;

  // Interactions. add sets i.id.
  virtual base::Status add_portal_interaction(domain::CreditorId creditor, PortalInteraction& i) = 0;
  // Newest first, below before_id (0 = from the newest); one customer or all.
  virtual base::Result<std::vector<PortalInteraction>> list_portal_interactions(
      domain::CreditorId creditor, std::optional<domain::CustomerId> customer, std::int64_t before_id, int limit) = 0;
  // Rates an interaction of that customer that has no rating yet; false otherwise.
  virtual base::Result<bool> rate_portal_interaction(domain::CreditorId creditor, domain::CustomerId customer,
                                                     std::int64_t id, std::string_view rating,
                                                     std::string_view comment, std::int64_t now_unix) = 0;

  // Payment plans. add sets p.id and writes the instalments.
  virtual base::Status add_payment_plan(domain::CreditorId creditor, PaymentPlanRecord& p) = 0;
  // Ascending by id, with their instalments; one customer or all; active_only: status active.
  virtual base::Result<std::vector<PaymentPlanRecord>> list_payment_plans(domain::CreditorId creditor,
                                                                         std::optional<domain::CustomerId> customer,
                                                                         bool active_only) = 0;
  // Moves an active plan to completed, broken or cancelled; false when it is not active.
  virtual base::Result<bool> end_payment_plan(domain::CreditorId creditor, std::int64_t id, std::string_view status,
                                              std::int64_t ended_unix) = 0;

  // Mandates. add sets m.id (conflict when the reference exists for the creditor).
  virtual base::Status add_mandate(domain::CreditorId creditor, MandateRecord& m) = 0;
  // Ascending by id; one customer or all; active_only: not revoked.
  virtual base::Result<std::vector<MandateRecord>> list_mandates(domain::CreditorId creditor,
                                                                 std::optional<domain::CustomerId> customer,
                                                                 bool active_only) = 0;
  // Revokes a mandate of that customer that is in force; false otherwise.
  virtual base::Result<bool> revoke_mandate(domain::CreditorId creditor, domain::CustomerId customer, std::int64_t id,
                                            std::string_view revoked_by, std::int64_t now_unix) = 0;

  // Direct debits handed to the bank. add sets c.id and marks its items collected; conflict
  // (nothing written) when one of the items was collected before or the end-to-end id exists.
  virtual base::Status add_sepa_collection(domain::CreditorId creditor, SepaCollectionRecord& c) = 0;
  // Ascending by id; those under one mandate or all.
  virtual base::Result<std::vector<SepaCollectionRecord>> list_sepa_collections(domain::CreditorId creditor,
                                                                              std::optional<std::int64_t> mandate_id) = 0;

  // Documents. add sets d.id; list returns an interaction's documents without their bytes
  // (ascending by id), document the bytes of one of the customer's.
  virtual base::Status add_portal_document(domain::CreditorId creditor, PortalDocument& d) = 0;
  virtual base::Result<std::vector<PortalDocument>> list_portal_documents(domain::CreditorId creditor,
                                                                          domain::CustomerId customer,
                                                                          std::int64_t interaction_id) = 0;
  virtual base::Result<std::optional<PortalDocument>> portal_document(domain::CreditorId creditor,
                                                                      domain::CustomerId customer, std::int64_t id) = 0;

  // Card payments. add sets p.id; update writes status, provider_session, page_url,
  // payment_intent, paid_minor, payment_id, interaction_id, detail and updated_unix.
  virtual base::Status add_card_payment(CardPaymentRecord& p) = 0;
  virtual base::Status update_card_payment(const CardPaymentRecord& p) = 0;
  // One of the customer's; nullopt for another customer's or creditor's.
  virtual base::Result<std::optional<CardPaymentRecord>> card_payment(domain::CreditorId creditor,
                                                                      domain::CustomerId customer, std::int64_t id) = 0;
  // By the provider's session id, whichever creditor (the provider's events name only it).
  virtual base::Result<std::optional<CardPaymentRecord>> card_payment_by_session(std::string_view provider_session) = 0;
  // Remembers a provider event by its id; false when it was recorded before (a replay),
  // in which case nothing is written.
  virtual base::Result<bool> record_provider_event(std::string_view event_id, std::string_view type,
                                                   std::int64_t card_payment_id, std::string_view outcome,
                                                   std::int64_t now_unix) = 0;
};

}  // namespace kulanz::ports
