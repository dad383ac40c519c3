#pragma once
// The dispatcher (docs/DISPATCH.md): takes the outbox entries whose time has come, renders
// them, sends them through the configured transports and records the outcome; retries
// temporary failures with backoff, turns permanent ones into the step's next channel and
// marks the contact data bad; moves entries whose send window passed to the next allowed
// window; delivers webhooks to the creditor's systems.
//
// Delivery guarantee: an entry is recorded `sending` (committed, durable) before its
// transaction and `sent` right after the server's acceptance. Only an entry caught between
// the two by a crash is in doubt; it is taken again when its lease ran out and sent with
// the same Message-ID (e-mail) or client reference (SMS), and counted.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "base/result.hpp"
#include "law/base_rate.hpp"
#include "ports/ledger_store.hpp"
#include "services/letters.hpp"
#include "services/portal_links.hpp"

namespace kulanz::services {

// What a transport reports about one message.
struct SendOutcome {
  enum class Kind {
    accepted,   // the server or gateway took it
    temporary,  // try again later (4xx, connection, timeout before sending)
    permanent,  // never with this address or number (5xx, invalid recipient)
    in_doubt,   // sent, but no answer came: it may have arrived (retried with the same id)
  };
  Kind kind = Kind::temporary;
  // For permanent failures: the address or number itself was refused (marked invalid).
  bool address_refused = false;
  std::string provider_id;  // the gateway's message id of an accepted SMS
  std::string detail;
  long status = 0;          // SMTP reply code or HTTP status, 0 when none
};

struct WebhookPost {
  std::string url, secret, event_id, event_type, body;
  std::int64_t timestamp_unix = 0;
};

// How messages leave; a channel without a transport is not dispatched (its entries wait).
struct Transports {
  std::function<SendOutcome(const std::string& envelope_from, const std::string& to, const std::string& eml)> email;
  std::function<SendOutcome(const std::string& request_json)> sms;
  std::function<SendOutcome(const WebhookPost& post)> webhook;
};

struct DispatchSettings {
  // How long a transaction may take before another dispatcher may assume it was
  // interrupted; must exceed the longest SMTP or gateway timeout.
  std::int64_t lease_seconds = 120;
  int max_attempts = 8;  // temporary failures before the entry counts as failed
  std::vector<std::int64_t> backoff_seconds{60, 300, 900, 3600, 3 * 3600, 6 * 3600, 12 * 3600};
  // Messages per minute and channel (0 = no limit), per dispatcher process.
  int email_per_minute = 0;
  int sms_per_minute = 0;
  int webhook_per_minute = 0;
  int webhook_max_attempts = 10;
  std::vector<std::int64_t> webhook_backoff_seconds{30, 120, 600, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 24 * 3600};
  std::string sms_sender_id = "kulanz";
  std::size_t sms_max_segments = 3;
  AttachLetter attach_letter = AttachLetter::reminders;
  bool attach_invoice_copies = true;
  PortalLinkSettings portal;
  const law::BaseRateTable* base_rates = nullptr;
  int batch = 100;  // entries read per query
  // E-mails rendered ahead on other threads while earlier ones are sent (0: each is
  // rendered right before it is sent, on the dispatcher's thread).
  int render_ahead = 2;
  // Milliseconds of a monotonic clock, and sleeping (for the rate limits). Default: real ones.
  std::function<std::int64_t()> monotonic_ms;
  std::function<void(std::int64_t ms)> sleep_ms;
  // Asked between messages; true stops the pass early (shutdown of `serve`).
  std::function<bool()> stop_requested;
  // Called after each entry's outcome is recorded (tests, progress output).
  std::function<void(const ports::DispatchEntry& entry, std::string_view outcome)> observer;
};

struct DispatchReport {
  std::int64_t sent = 0;
  std::int64_t retried = 0;      // temporary failures, tried again later
  std::int64_t failed = 0;       // permanent failures and entries out of attempts
  std::int64_t fallbacks = 0;    // entries created on the step's next channel
  std::int64_t cancelled = 0;    // items paid, credited or held since the run
  std::int64_t rescheduled = 0;  // moved to the next allowed window
  std::int64_t in_doubt = 0;     // taken over after an interrupted transaction (resent)
  std::int64_t lost_race = 0;    // taken by another dispatcher first
  std::int64_t webhooks_delivered = 0, webhooks_retried = 0, webhooks_failed = 0;
  std::map<std::string, std::int64_t> per_channel;  // sent per channel
  // Where the time went (milliseconds). On the dispatcher's thread (monotonic clock):
  // rendering there (reading the case; all of it without render_ahead), waiting for
  // renders of other threads, the transports (SMTP, gateway, webhooks), the whole pass; the
  // rest (total - render_here - render_wait - send) is database records and rate-limit
  // waits. And the CPU time rendering took on all threads (case, templates, PDF, MIME).
  std::int64_t render_here_ms = 0, render_wait_ms = 0, send_ms = 0, total_ms = 0;
  std::int64_t render_cpu_ms = 0;
};
std::string to_text(const DispatchReport& r);

// One pass: for every creditor (or the one given), moves missed entries, sends what is due
// now, and delivers due webhooks; returns when nothing more is due at this moment.
base::Result<DispatchReport> dispatch_once(ports::LedgerStore& store, const Transports& transports,
                                           const DispatchSettings& settings, const base::Clock& clock,
                                           std::optional<domain::CreditorId> creditor = std::nullopt);

// A delivery report of the SMS gateway for a message it accepted earlier.
struct DeliveryReport {
  std::string provider_id;  // the gateway's message id
  std::string state;        // delivered, failed, or something in between (submitted, ...)
  std::string detail;
  // The carrier could not reach the number (Vonage `undeliverable`), as opposed to the
  // gateway refusing the message (`rejected`): the number is marked invalid.
  bool number_unreachable = false;
};
struct DeliveryReportOutcome {
  domain::CreditorId creditor;
  domain::CustomerId customer;
  std::int64_t history_id = 0;
  bool failed = false;  // this report turned the message into a failure (entry failed, fallback queued)
};
// Records a delivery report: the history record's state; on the first `failed` report of
// a message its outbox entry fails, the number is marked invalid when unreachable,
// message.failed is queued and the step's next channel goes into the outbox, all in one
// transaction. A repeated report changes nothing. nullopt: no message has that provider id.
base::Result<std::optional<DeliveryReportOutcome>> record_delivery_report(ports::LedgerStore& store,
                                                                         const DeliveryReport& report,
                                                                         const base::Clock& clock);

// Records a print batch as handed over to the print service, once its files are written:
// each letter's entry `sent`, a history record (delivery state `printed`, the letter's own
// PDF, where it is in the batch) and message.sent; letters left out because their items
// were settled since the run cancelled. One transaction. Letters handed over before (a
// reprint) are counted, not recorded again.
struct HandoverReport {
  int handed_over = 0;
  int before = 0;
  int cancelled = 0;
};
base::Result<HandoverReport> record_print_batch(ports::LedgerStore& store, const domain::Creditor& creditor,
                                               const PrintBatch& batch, std::string_view batch_name,
                                               const base::Clock& clock);

// Queues an event for the creditor's webhooks (message.sent, message.failed, run.finished):
// the envelope {"id","type","created","data"} around `data_json`. Returns the event id.
base::Result<std::string> queue_event(ports::LedgerStore& store, domain::CreditorId creditor, std::string_view type,
                                      std::string_view event_key, std::string_view data_json, std::int64_t now_unix);

}  // namespace kulanz::services
