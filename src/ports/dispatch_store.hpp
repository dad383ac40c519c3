#pragma once
// The storage port of the dispatcher (docs/DISPATCH.md): the outbox as the dispatcher
// works it (due entries, taking one for sending, recording the outcome), the contact
// history, and webhooks to the creditor's systems (subscriptions and deliveries). Reached
// through LedgerStore::dispatch(): the same database session as the ledger. Every call
// takes the CreditorId and only ever sees that creditor's rows.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "engine/records.hpp"

namespace kulanz::ports {

using base::Result;
using base::Status;
using domain::CreditorId;
using domain::CustomerId;
using domain::InvoiceId;

// An outbox entry with the dispatcher's bookkeeping.
struct DispatchEntry {
  engine::OutboxEntry entry;     // with the decision's reason as the run wrote it
  std::int64_t attempts = 0;      // transactions started (begin_send calls that took it)
  std::int64_t next_attempt_unix = 0;
  std::int64_t lease_until_unix = 0;
  std::int64_t in_doubt = 0;      // times it was taken over after an interrupted transaction
  std::string message_id;         // the Message-ID (email) or client reference every attempt carries
  std::string provider_id;        // the gateway's id of an accepted SMS
  std::string last_error;
  std::int64_t sent_unix = 0;
};

// A document that went out with a message (the letter PDF of an e-mail, ...).
struct ContactDocument {
  std::int64_t id = 0;
  std::string name;
  std::string content_type;
  std::string content;  // bytes
};

// A copy of an invoice as the creditor supplied it (a PDF).
struct InvoiceCopy {
  InvoiceId invoice_id;
  std::string file_name;  // as supplied, e.g. RE-2026-004711.pdf
  std::int64_t size_bytes = 0;
  std::string sha256;     // hex, of the bytes
  std::int64_t added_unix = 0;
  std::string content;    // the bytes; empty when listed without them
};

// One message as it went out (or failed for good).
struct ContactHistoryRecord {
  std::int64_t id = 0;
  CustomerId customer_id;
  std::int64_t outbox_id = 0;
  std::string channel;  // email, sms, letter, webhook
  std::string address;  // e-mail address, number, postal address in one line
  std::string template_name, tone, language;
  std::string subject, body_text, body_html;
  std::string message_id, provider_id;
  std::string decision_key, reason;
  std::vector<domain::InvoiceId> invoice_ids;
  std::int64_t sent_unix = 0;
  // sent (accepted by the server or gateway), delivered / failed (reported later by the
  // gateway), printed (handed to the print service), failed (refused for good, not sent)
  std::string delivery_state = "sent";
  std::string state_detail;
  std::int64_t updated_unix = 0;
  std::vector<ContactDocument> documents;  // written with the record; read by contact_documents
};

struct WebhookSubscription {
  std::int64_t id = 0;
  std::string url;
  std::string secret;
  std::vector<std::string> events;  // message.sent, message.failed, run.finished; "*" = all
  std::int64_t created_unix = 0;
  bool active = true;
};

struct WebhookDeliveryRecord {
  std::int64_t id = 0;
  std::int64_t subscription_id = 0;
  std::string url, secret;  // of the subscription, for sending
  std::string event_id, event_type, body;
  std::int64_t created_unix = 0;
  std::string status = "pending";  // pending, delivered, failed
  std::int64_t attempts = 0;
  std::int64_t next_attempt_unix = 0;
  std::int64_t last_status = 0;  // HTTP status of the last attempt, 0 for none
  std::string last_error;
  std::int64_t delivered_unix = 0;
};

class DispatchStore {
 public:
  virtual ~DispatchStore() = default;

  // Makes every later commit of this session durable against power loss before it returns
  // (SQLite: synchronous=FULL; PostgreSQL commits are durable unless the server is told
  // otherwise). The dispatcher asks for it: its records before and after a transaction are
  // the delivery guarantee.
  virtual Status require_durable_commits() = 0;

  // Entries to send now on one of `channels`, ascending by id: pending ones whose window
  // is open (send_from <= now < send_until) and whose next attempt has come, and sending
  // ones whose lease has run out (interrupted; in doubt).
  virtual Result<std::vector<DispatchEntry>> due_outbox(CreditorId creditor, std::int64_t now_unix,
                                                        std::span<const engine::StepChannel> channels, int limit) = 0;
  // Pending entries whose window has passed unsent (send_until <= now), ascending by id.
  virtual Result<std::vector<DispatchEntry>> missed_outbox(CreditorId creditor, std::int64_t now_unix,
                                                           std::span<const engine::StepChannel> channels, int limit) = 0;
  virtual Result<std::optional<DispatchEntry>> outbox_entry(CreditorId creditor, std::int64_t id) = 0;
  // All entries of a customer or of the creditor with their bookkeeping, ascending by id.
  virtual Result<std::vector<DispatchEntry>> list_dispatch(CreditorId creditor, std::optional<CustomerId> customer,
                                                           std::int64_t after_id, int limit) = 0;

  // Takes an entry for one transaction: status sending, the lease, attempts + 1, the
  // message id; in_doubt + 1 when it was sending before (an interrupted transaction).
  // False when it is no longer due (another dispatcher took it, or it was finished).
  virtual Result<bool> begin_send(CreditorId creditor, std::int64_t id, std::int64_t now_unix,
                                  std::int64_t lease_until_unix, std::string_view message_id) = 0;
  // The outcomes; each only changes an entry that is `sending`, returns false otherwise.
  // mark_sent also writes the history record (with its documents) and sets history.id.
  virtual Result<bool> mark_sent(CreditorId creditor, std::int64_t id, std::int64_t sent_unix,
                                 std::string_view provider_id, ContactHistoryRecord& history) = 0;
  virtual Result<bool> mark_retry(CreditorId creditor, std::int64_t id, std::int64_t next_attempt_unix,
                                  std::string_view error) = 0;
  virtual Result<bool> mark_failed(CreditorId creditor, std::int64_t id, std::string_view error) = 0;
  // A `sent` entry whose message the gateway later reported undelivered: failed, with the
  // error; false when it is not `sent` (a repeated report).
  virtual Result<bool> mark_undelivered(CreditorId creditor, std::int64_t id, std::string_view error) = 0;
  // For pending entries (not sending): cancelled (with the reason in last_error), or moved
  // to another day's window.
  virtual Result<bool> cancel_entry(CreditorId creditor, std::int64_t id, std::string_view reason) = 0;
  virtual Result<bool> reschedule_entry(CreditorId creditor, std::int64_t id, calendar::Date local_day,
                                        std::int64_t send_from_unix, std::int64_t send_until_unix,
                                        std::string_view note) = 0;
  // A fallback message (by idempotency key; false when it exists). Sets e.id.
  virtual Result<bool> insert_outbox_entry(CreditorId creditor, engine::OutboxEntry& e) = 0;

  // Contact history.
  virtual Status add_contact_history(CreditorId creditor, ContactHistoryRecord& record) = 0;  // sets ids
  // Newest first, below before_id (0 = from the newest).
  virtual Result<std::vector<ContactHistoryRecord>> list_contact_history(CreditorId creditor,
                                                                         std::optional<CustomerId> customer,
                                                                         std::int64_t before_id, int limit) = 0;
  virtual Result<std::optional<ContactHistoryRecord>> contact_history_entry(CreditorId creditor, std::int64_t id) = 0;
  // Documents of a history record, with their bytes.
  virtual Result<std::vector<ContactDocument>> contact_documents(CreditorId creditor, std::int64_t history_id) = 0;
  // A delivery report for a message known by its provider id: the new state and detail.
  // The customer of the updated record, or nullopt when no record has that provider id.
  virtual Result<std::optional<ContactHistoryRecord>> set_delivery_state(CreditorId creditor, std::string_view provider_id,
                                                                         std::string_view state, std::string_view detail,
                                                                         std::int64_t now_unix) = 0;

  // Invoice copies the creditor supplied: one per invoice, a new one replaces the old.
  virtual Status put_invoice_copy(CreditorId creditor, const InvoiceCopy& copy) = 0;
  virtual Result<bool> remove_invoice_copy(CreditorId creditor, InvoiceId invoice) = 0;
  // The copies of these invoices (all of the creditor's when `invoices` is empty), by
  // invoice id; with their bytes only when asked.
  virtual Result<std::vector<InvoiceCopy>> invoice_copies(CreditorId creditor, std::span<const InvoiceId> invoices,
                                                          bool with_content) = 0;

  // Webhooks.
  virtual Status add_webhook(CreditorId creditor, WebhookSubscription& s) = 0;  // sets s.id
  virtual Result<std::vector<WebhookSubscription>> list_webhooks(CreditorId creditor) = 0;  // active ones, by id
  virtual Result<bool> remove_webhook(CreditorId creditor, std::int64_t id) = 0;            // deactivates
  // One delivery row per active subscription that wants `event_type`; returns how many.
  // A second call with the same event id adds nothing.
  virtual Result<int> enqueue_event(CreditorId creditor, std::string_view event_id, std::string_view event_type,
                                    std::string_view body, std::int64_t now_unix) = 0;
  virtual Result<std::vector<WebhookDeliveryRecord>> due_webhook_deliveries(CreditorId creditor, std::int64_t now_unix,
                                                                            int limit) = 0;
  virtual Status finish_webhook_delivery(CreditorId creditor, const WebhookDeliveryRecord& d) = 0;  // status, attempts, ...
  virtual Result<std::vector<WebhookDeliveryRecord>> list_webhook_deliveries(CreditorId creditor, std::int64_t after_id,
                                                                             int limit) = 0;
  // The newest `limit` deliveries, newest first.
  virtual Result<std::vector<WebhookDeliveryRecord>> recent_webhook_deliveries(CreditorId creditor, int limit) = 0;
};

}  // namespace kulanz::ports
