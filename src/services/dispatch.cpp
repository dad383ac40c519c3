#include "services/dispatch.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <deque>
#include <future>
#include <thread>

#include "base/text.hpp"
#include "engine/policy.hpp"
#include "security/security.hpp"
#include "services/collection_service.hpp"
#include "services/creditor_templates.hpp"

namespace kulanz::services {
namespace {

using base::ErrorCode;
using engine::StepChannel;

// CPU time of the calling thread, for the timing report (not injected: it decides nothing).
std::int64_t thread_cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<std::int64_t>(t.tv_sec) * 1000 + t.tv_nsec / 1000000;
}

std::int64_t backoff(const std::vector<std::int64_t>& steps, std::int64_t attempts) {
  if (steps.empty()) return 60;
  const std::size_t i = attempts <= 1 ? 0 : static_cast<std::size_t>(attempts - 1);
  return steps[std::min(i, steps.size() - 1)];
}

// At most `per_minute` messages a minute: each message reserves the next free slot and
// waits for it.
class RateLimit {
 public:
  RateLimit(int per_minute, const DispatchSettings& s) : per_minute_(per_minute), s_(s) {}
  void wait() {
    if (per_minute_ <= 0) return;
    const std::int64_t now = s_.monotonic_ms();
    const std::int64_t start = std::max(now, next_free_ms_);
    next_free_ms_ = start + 60000 / per_minute_;
    if (start > now) s_.sleep_ms(start - now);
  }

 private:
  int per_minute_;
  const DispatchSettings& s_;
  std::int64_t next_free_ms_ = 0;
};

std::string json_object(std::initializer_list<std::pair<const char*, std::string>> fields) {
  // Values are JSON already (quoted strings or numbers).
  std::string s = "{";
  for (const auto& [k, v] : fields) s += (s.size() > 1 ? "," : "") + base::json_quote(k) + ":" + v;
  return s + "}";
}

// The items as the creditor knows them (external ids): internal ids never leave kulanz.
base::Result<std::string> invoices_json(ports::LedgerStore& store, domain::CreditorId creditor, domain::CustomerId customer,
                                        const std::vector<domain::InvoiceId>& ids) {
  KULANZ_TRY(ledger, store.load_customer_ledger(creditor, customer));
  std::string s = "[";
  for (auto id : ids) {
    for (const auto& i : ledger.invoices) {
      if (i.id == id) s += (s.size() > 1 ? "," : "") + base::json_quote(i.external_id);
    }
  }
  return s + "]";
}

// The history record of an entry's message, without what only sending tells.
void describe(ports::ContactHistoryRecord& h, const engine::OutboxEntry& e, std::int64_t now_unix) {
  h.customer_id = e.customer_id;
  h.outbox_id = e.id;
  h.channel = std::string(engine::to_string(e.channel));
  h.template_name = e.template_name;
  h.tone = e.tone;
  h.language = e.language;
  h.decision_key = e.decision_key;
  h.reason = e.reason;
  h.invoice_ids = e.invoice_ids;
  h.sent_unix = now_unix;
  h.updated_unix = now_unix;
}

class Pass {
 public:
  Pass(ports::LedgerStore& store, const Transports& t, const DispatchSettings& s, const base::Clock& clock)
      : store_(store), t_(t), s_(s), clock_(clock), email_limit_(s.email_per_minute, s),
        sms_limit_(s.sms_per_minute, s), webhook_limit_(s.webhook_per_minute, s) {}

  base::Status creditor(const domain::Creditor& c) {
    creditor_ = &c;
    std::vector<StepChannel> channels;
    if (t_.email) channels.push_back(StepChannel::email);
    if (t_.sms) channels.push_back(StepChannel::sms);
    if (t_.webhook) channels.push_back(StepChannel::webhook);
    KULANZ_TRY_STATUS(move_missed(channels));
    for (;;) {
      if (stopping()) return {};
      KULANZ_TRY(due, store_.dispatch().due_outbox(c.id, clock_.now_unix(), channels, s_.batch));
      if (due.empty()) break;
      std::size_t progressed = 0;
      // E-mails are rendered ahead on other threads (up to render_ahead at a time) while
      // the messages before them are sent; everything else, and the records, stay on
      // this thread in outbox order.
      std::deque<Ahead> ahead;
      auto deliver_front = [&]() -> base::Status {
        Ahead a = std::move(ahead.front());
        ahead.pop_front();
        const std::int64_t wait_start = s_.monotonic_ms();
        Composed composed = a.rendering.get();
        report.render_wait_ms += s_.monotonic_ms() - wait_start;
        report.render_cpu_ms += composed.render_cpu_ms;
        KULANZ_TRY(moved, deliver(*a.d, a.customer, std::move(composed)));
        if (moved) ++progressed;
        return {};
      };
      for (const auto& d : due) {
        if (stopping()) return {};
        if (s_.render_ahead > 0 && d.entry.channel == StepChannel::email) {
          KULANZ_TRY(started, render_ahead(d));
          if (started) {
            ahead.push_back(std::move(*started));
            while (ahead.size() > static_cast<std::size_t>(s_.render_ahead)) KULANZ_TRY_STATUS(deliver_front());
            continue;
          }
        }
        while (!ahead.empty()) KULANZ_TRY_STATUS(deliver_front());
        KULANZ_TRY(moved, one(d));
        if (moved) ++progressed;
      }
      while (!ahead.empty()) {
        if (stopping()) return {};
        KULANZ_TRY_STATUS(deliver_front());
      }
      // Every entry of the page stayed where it was (lost races only): nothing more to do now.
      if (progressed == 0) break;
    }
    if (t_.webhook) KULANZ_TRY_STATUS(deliver_webhooks());
    return {};
  }

  DispatchReport report;

 private:
  bool stopping() const { return s_.stop_requested && s_.stop_requested(); }

  void observe(const ports::DispatchEntry& d, std::string_view outcome) {
    if (s_.observer) s_.observer(d, outcome);
  }

  // The creditor's contact policy (for windows of moved entries and fallbacks).
  base::Result<const engine::ContactPolicyConfig*> policy() {
    if (!collection_) {
      KULANZ_TRY(loaded, current_collection(store_, creditor_->id, clock_.now_unix()));
      collection_ = std::move(loaded);
    }
    return &collection_->current->policy;
  }

  // The first allowed window for `channel` that has not ended, from `from_day` on: a day
  // that is no Sunday or holiday of the customer's state (as the policy says), in the
  // customer's time zone.
  base::Result<std::optional<engine::SendWindow>> next_window(const domain::Customer& cu, StepChannel channel,
                                                              calendar::Date from_day, calendar::Date* day_out) {
    KULANZ_TRY(p, policy());
    const std::int64_t now = clock_.now_unix();
    calendar::Date day = from_day;
    for (int i = 0; i < p->max_deferral_days + 400; ++i, day = day.add_days(1)) {
      auto w = engine::send_window(*p, channel, cu.time_zone, day);
      if (!w) w = engine::send_window(*p, channel, "Europe/Berlin", day);
      if (!w) return base::fail(w.error());
      if (w->to_unix <= now) continue;
      if (!engine::check_day(*p, cu.state, day).allowed) continue;
      *day_out = day;
      return std::optional<engine::SendWindow>(*w);
    }
    return std::optional<engine::SendWindow>();
  }

  base::Status move_missed(const std::vector<StepChannel>& channels) {
    std::int64_t after_guard = 0;
    for (;;) {
      KULANZ_TRY(missed, store_.dispatch().missed_outbox(creditor_->id, clock_.now_unix(), channels, s_.batch));
      if (missed.empty() || missed.back().entry.id == after_guard) return {};
      after_guard = missed.back().entry.id;
      for (const auto& d : missed) {
        KULANZ_TRY(cu, store_.customer_by_id(creditor_->id, d.entry.customer_id));
        if (!cu) continue;
        calendar::Date day;
        KULANZ_TRY(w, next_window(*cu, d.entry.channel, d.entry.local_day.add_days(1), &day));
        if (!w) {
          KULANZ_TRY_STATUS(store_.dispatch().cancel_entry(creditor_->id, d.entry.id, "no allowed send window found"));
          ++report.cancelled;
          observe(d, "cancelled");
          continue;
        }
        const std::string note = "window of " + d.entry.local_day.iso() + " passed unsent; moved to " + day.iso();
        KULANZ_TRY(moved, store_.dispatch().reschedule_entry(creditor_->id, d.entry.id, day, w->from_unix, w->to_unix, note));
        if (moved) {
          ++report.rescheduled;
          observe(d, "rescheduled");
        }
      }
    }
  }

  base::Result<LetterRequest> request_for(const ports::DispatchEntry& d, const domain::Customer& cu) {
    // The creditor's texts: built once per pass, when the first message needs them.
    if (!templates_) {
      KULANZ_TRY(set, creditor_template_set(store_, creditor_->id));
      templates_ = std::make_shared<const comms::TemplateSet>(std::move(set));
    }
    LetterRequest r;
    r.creditor = creditor_->id;
    r.customer_external_id = cu.external_id;
    r.as_of = d.entry.local_day;
    r.now_unix = clock_.now_unix();
    r.base_rates = s_.base_rates;
    r.portal = s_.portal;
    r.attach_letter = s_.attach_letter;
    r.attach_invoice_copies = s_.attach_invoice_copies;
    r.templates = templates_;
    return r;
  }

  // A message rendered (or refused) for an entry, with the time its rendering took.
  struct Composed {
    ports::ContactHistoryRecord h;
    std::string wire, envelope_from, message_id;
    base::Error problem;
    bool ok = false;
    std::int64_t render_cpu_ms = 0;
  };
  // The rendered message, or why there is none.
  template <class Message, class Fill>
  static Composed composed(base::Result<Message>&& m, Fill fill) {
    Composed c;
    if (!m) {
      c.problem = std::move(m).error();
      return c;
    }
    c.ok = true;
    fill(c, *m);
    return c;
  }
  static Composed from_email(base::Result<EmailOutcome>&& m) {
    return composed(std::move(m), [](Composed& c, EmailOutcome& e) {
      c.h.address = e.to;
      c.h.subject = e.subject;
      c.h.body_text = e.text;
      c.h.body_html = e.html;
      c.h.documents = e.attachments;
      c.message_id = e.message_id;
      c.envelope_from = e.from;
      c.wire = std::move(e.eml);
    });
  }
  static Composed from_sms(base::Result<SmsOutcome>&& m) {
    return composed(std::move(m), [](Composed& c, SmsOutcome& sms) {
      c.h.address = sms.to;
      c.h.body_text = sms.text;
      c.message_id = sms.client_ref;
      c.wire = std::move(sms.request_json);
    });
  }

  // An e-mail being rendered on another thread.
  struct Ahead {
    const ports::DispatchEntry* d = nullptr;
    domain::Customer customer;
    std::future<Composed> rendering;
  };

  // Reads what the e-mail of `d` needs and starts rendering it on another thread; nullopt
  // when the entry is handled here after all (an unknown customer is an error).
  base::Result<std::optional<Ahead>> render_ahead(const ports::DispatchEntry& d) {
    KULANZ_TRY(cu, store_.customer_by_id(creditor_->id, d.entry.customer_id));
    if (!cu) return std::optional<Ahead>();
    KULANZ_TRY(r, request_for(d, *cu));
    const std::int64_t start = s_.monotonic_ms(), start_cpu = thread_cpu_ms();
    auto draft = prepare_email_for(store_, r, d.entry);
    report.render_cpu_ms += thread_cpu_ms() - start_cpu;
    report.render_here_ms += s_.monotonic_ms() - start;
    Ahead a;
    a.d = &d;
    a.customer = std::move(*cu);
    if (!draft) {
      std::promise<Composed> refused;
      refused.set_value(from_email(base::fail(std::move(draft).error())));
      a.rendering = refused.get_future();
    } else {
      a.rendering = std::async(std::launch::async, [draft = std::move(*draft)]() {
        const std::int64_t t0 = thread_cpu_ms();
        Composed c = from_email(render_email(*draft));
        c.render_cpu_ms = thread_cpu_ms() - t0;
        return c;
      });
    }
    return std::optional<Ahead>(std::move(a));
  }

  // Handles one due entry; false when another dispatcher took it first.
  base::Result<bool> one(const ports::DispatchEntry& d) {
    const auto& e = d.entry;
    if (e.channel == StepChannel::webhook) return step_webhook(d);
    KULANZ_TRY(cu, store_.customer_by_id(creditor_->id, e.customer_id));
    if (!cu) return base::fail(ErrorCode::internal, "outbox entry " + std::to_string(e.id) + " names an unknown customer");
    KULANZ_TRY(r, request_for(d, *cu));
    // Render first: nothing is marked before the message exists.
    const std::int64_t render_start = s_.monotonic_ms(), render_start_cpu = thread_cpu_ms();
    Composed c = e.channel == StepChannel::email
                     ? from_email(compose_email_for(store_, r, e))
                     : from_sms(compose_sms_for(store_, r, e, s_.sms_sender_id, s_.sms_max_segments));
    report.render_cpu_ms += thread_cpu_ms() - render_start_cpu;
    report.render_here_ms += s_.monotonic_ms() - render_start;
    return deliver(d, *cu, std::move(c));
  }

  // Sends a rendered message and records the outcome; false when another dispatcher took
  // the entry first.
  base::Result<bool> deliver(const ports::DispatchEntry& d, const domain::Customer& customer, Composed c) {
    const auto& e = d.entry;
    const domain::Customer* cu = &customer;
    if (!c.ok) return not_composed(d, customer, c.problem);
    ports::ContactHistoryRecord& h = c.h;
    const std::string& message_id = c.message_id;
    const std::string& wire = c.wire;
    const std::string& envelope_from = c.envelope_from;

    const std::int64_t now = clock_.now_unix();
    KULANZ_TRY(taken, store_.dispatch().begin_send(creditor_->id, e.id, now, now + s_.lease_seconds, message_id));
    if (!taken) {
      ++report.lost_race;
      return false;
    }
    if (e.status == "sending") {
      ++report.in_doubt;
      observe(d, "in_doubt");
    }
    SendOutcome out;
    (e.channel == StepChannel::email ? email_limit_ : sms_limit_).wait();
    const std::int64_t send_start = s_.monotonic_ms();
    out = e.channel == StepChannel::email ? t_.email(envelope_from, h.address, wire) : t_.sms(wire);
    report.send_ms += s_.monotonic_ms() - send_start;
    describe(h, e, clock_.now_unix());
    h.message_id = message_id;
    h.provider_id = out.provider_id;
    switch (out.kind) {
      case SendOutcome::Kind::accepted: {
        h.delivery_state = "sent";
        h.state_detail = out.detail;
        // The record and its event in one transaction, right after the server's answer.
        bool done = false;
        const base::Status written = ports::in_transaction(store_, [&]() -> base::Status {
          KULANZ_TRY(marked, store_.dispatch().mark_sent(creditor_->id, e.id, h.sent_unix, out.provider_id, h));
          done = marked;
          if (!done) return {};  // finished by another dispatcher meanwhile (after a lease ran out)
          return event("message.sent", e, *cu, h, "");
        });
        if (!written) return base::fail(written.error());
        if (!done) return true;
        ++report.sent;
        ++report.per_channel[h.channel];
        observe(d, "sent");
        return true;
      }
      case SendOutcome::Kind::permanent:
        return failed(d, *cu, h, out.detail, out.address_refused);
      case SendOutcome::Kind::temporary:
      case SendOutcome::Kind::in_doubt:
        break;
    }
    const std::int64_t attempts = d.attempts + 1;
    if (attempts >= s_.max_attempts) {
      return failed(d, *cu, h, "gave up after " + std::to_string(attempts) + " attempts: " + out.detail, false);
    }
    const std::int64_t next = clock_.now_unix() + backoff(s_.backoff_seconds, attempts);
    KULANZ_TRY_STATUS(store_.dispatch().mark_retry(creditor_->id, e.id, next, out.detail));
    ++report.retried;
    observe(d, "retry");
    return true;
  }

  // The message could not be rendered.
  base::Result<bool> not_composed(const ports::DispatchEntry& d, const domain::Customer& cu, const base::Error& problem) {
    const auto& e = d.entry;
    if (problem.code == ErrorCode::message_obsolete) {
      KULANZ_TRY(done, store_.dispatch().cancel_entry(creditor_->id, e.id, problem.detail));
      if (done) {
        ++report.cancelled;
        observe(d, "cancelled");
      }
      return true;
    }
    if (problem.field == "email" || problem.field == "sms" || problem.code == ErrorCode::text_too_long) {
      // The channel cannot carry this message for this customer (no address, no consent
      // any more, too long): the step's next channel.
      const std::int64_t now = clock_.now_unix();
      KULANZ_TRY(taken, store_.dispatch().begin_send(creditor_->id, e.id, now, now + s_.lease_seconds, ""));
      if (!taken) {
        ++report.lost_race;
        return false;
      }
      ports::ContactHistoryRecord h;
      describe(h, e, now);
      return failed(d, cu, h, problem.detail, false);
    }
    // Anything else (the creditor's profile incomplete, a template broken) needs an
    // operator; the entry waits and is tried again later.
    const std::int64_t now = clock_.now_unix();
    KULANZ_TRY(taken, store_.dispatch().begin_send(creditor_->id, e.id, now, now + s_.lease_seconds, ""));
    if (!taken) {
      ++report.lost_race;
      return false;
    }
    KULANZ_TRY_STATUS(store_.dispatch().mark_retry(creditor_->id, e.id, now + backoff(s_.backoff_seconds, d.attempts + 1),
                                                   problem.to_string()));
    ++report.retried;
    observe(d, "retry");
    return true;
  }

  // A permanent failure (or out of attempts): failed, in the history, the contact marked
  // bad when the server or gateway refused the address, and the step's next channel.
  base::Result<bool> failed(const ports::DispatchEntry& d, const domain::Customer& cu, ports::ContactHistoryRecord& h,
                            const std::string& detail, bool address_refused) {
    const auto& e = d.entry;
    h.delivery_state = "failed";
    h.state_detail = detail;
    h.sent_unix = clock_.now_unix();
    h.updated_unix = h.sent_unix;
    // Failed, in the history, the contact marked, the event and the fallback: together.
    bool done = false;
    const base::Status written = ports::in_transaction(store_, [&]() -> base::Status {
      KULANZ_TRY(marked_failed, store_.dispatch().mark_failed(creditor_->id, e.id, detail));
      done = marked_failed;
      if (!done) return {};
      KULANZ_TRY_STATUS(store_.dispatch().add_contact_history(creditor_->id, h));
      return consequences(e, cu, h, detail, address_refused);
    });
    if (!written) return base::fail(written.error());
    if (!done) return true;
    ++report.failed;
    observe(d, "failed");
    return true;
  }

 public:
  // What follows a message that did not reach the customer, once its entry is failed: the
  // address marked bad (when it was refused or unreachable), message.failed, the fallback.
  // Runs inside the caller's transaction.
  base::Status consequences(const engine::OutboxEntry& e, const domain::Customer& cu,
                            const ports::ContactHistoryRecord& h, const std::string& detail, bool address_refused) {
    if (address_refused && !h.address.empty()) {
      domain::Customer changed = cu;
      bool marked = false;
      for (auto& c : changed.contacts) {
        if (c.address == h.address && !c.invalid) {
          c.invalid = true;
          marked = true;
        }
      }
      if (marked) KULANZ_TRY_STATUS(store_.upsert_customer(creditor_->id, changed));
    }
    KULANZ_TRY_STATUS(event("message.failed", e, cu, h, detail));
    return fallback(e, cu, detail);
  }
  void set_creditor(const domain::Creditor& c) { creditor_ = &c; }

  // A letter of a print batch handed over: sent, its history record, message.sent. False
  // when the entry was handed over before (a reprint) or is no longer pending. Runs inside
  // the caller's transaction.
  base::Result<bool> handed_over(const PrintedLetter& p, std::string_view batch_name) {
    const auto& e = p.entry;
    const std::int64_t now = clock_.now_unix();
    KULANZ_TRY(taken, store_.dispatch().begin_send(creditor_->id, e.id, now, now + s_.lease_seconds, ""));
    if (!taken) return false;
    KULANZ_TRY(cu, store_.customer_by_id(creditor_->id, e.customer_id));
    if (!cu) return base::fail(ErrorCode::internal, "outbox entry " + std::to_string(e.id) + " names an unknown customer");
    ports::ContactHistoryRecord h = p.history;
    describe(h, e, now);
    h.delivery_state = "printed";
    h.state_detail = "handed over in " + std::string(batch_name) + ", page " + std::to_string(p.first_page) + " (" +
                     std::to_string(p.pages) + (p.pages == 1 ? " page)" : " pages)");
    KULANZ_TRY(marked, store_.dispatch().mark_sent(creditor_->id, e.id, now, "", h));
    if (!marked) return false;
    KULANZ_TRY_STATUS(event("message.sent", e, *cu, h, h.state_detail));
    return true;
  }

 private:
  // The step's next channel after `e` failed (nothing when it had none).
  base::Status fallback(const engine::OutboxEntry& e, const domain::Customer& cu, const std::string& detail) {
    if (e.fallbacks.empty()) return {};
    engine::OutboxEntry next = e;
    next.id = 0;
    next.channel = e.fallbacks.front();
    next.fallbacks.assign(e.fallbacks.begin() + 1, e.fallbacks.end());
    next.idempotency_key = e.idempotency_key + "~" + std::string(engine::to_string(next.channel));
    next.status = "pending";
    next.reason = e.reason + "; " + std::string(engine::to_string(e.channel)) + " failed (" + detail + "), so by " +
                  std::string(engine::to_string(next.channel));
    calendar::Date day;
    KULANZ_TRY(w, next_window(cu, next.channel, e.local_day, &day));
    if (w) {
      next.local_day = day;
      next.send_from_unix = w->from_unix;
      next.send_until_unix = w->to_unix;
    }
    KULANZ_TRY(inserted, store_.dispatch().insert_outbox_entry(creditor_->id, next));
    if (inserted) ++report.fallbacks;
    return {};
  }

  // A step on the webhook channel: an event for the creditor's systems.
  base::Result<bool> step_webhook(const ports::DispatchEntry& d) {
    const auto& e = d.entry;
    const std::int64_t now = clock_.now_unix();
    KULANZ_TRY(taken, store_.dispatch().begin_send(creditor_->id, e.id, now, now + s_.lease_seconds, e.idempotency_key));
    if (!taken) {
      ++report.lost_race;
      return false;
    }
    KULANZ_TRY(cu, store_.customer_by_id(creditor_->id, e.customer_id));
    KULANZ_TRY(invoices, invoices_json(store_, creditor_->id, e.customer_id, e.invoice_ids));
    const std::string data = json_object({{"outbox_key", base::json_quote(e.idempotency_key)},
                                          {"customer", base::json_quote(cu ? cu->external_id : "")},
                                          {"template", base::json_quote(e.template_name)},
                                          {"tone", base::json_quote(e.tone)},
                                          {"invoices", invoices},
                                          {"reason", base::json_quote(e.reason)}});
    KULANZ_TRY(id, queue_event(store_, creditor_->id, "collection.step", e.idempotency_key, data, now));
    ports::ContactHistoryRecord h;
    describe(h, e, now);
    h.address = "event " + id;
    h.message_id = id;
    KULANZ_TRY(done, store_.dispatch().mark_sent(creditor_->id, e.id, now, id, h));
    if (done) {
      ++report.sent;
      ++report.per_channel["webhook"];
      observe(d, "sent");
    }
    return true;
  }

  base::Status event(std::string_view type, const engine::OutboxEntry& e, const domain::Customer& cu,
                     const ports::ContactHistoryRecord& h, const std::string& detail) {
    KULANZ_TRY(invoices, invoices_json(store_, creditor_->id, e.customer_id, e.invoice_ids));
    std::string data = json_object({{"outbox_key", base::json_quote(e.idempotency_key)},
                                    {"customer", base::json_quote(cu.external_id)},
                                    {"channel", base::json_quote(h.channel)},
                                    {"template", base::json_quote(e.template_name)},
                                    {"message_id", base::json_quote(h.message_id)},
                                    {"invoices", invoices},
                                    {"history_id", std::to_string(h.id)},
                                    {"detail", base::json_quote(detail)}});
    auto id = queue_event(store_, creditor_->id, type, e.idempotency_key, data, clock_.now_unix());
    if (!id) return base::fail(std::move(id).error());
    return {};
  }

  base::Status deliver_webhooks() {
    for (;;) {
      if (stopping()) return {};
      KULANZ_TRY(due, store_.dispatch().due_webhook_deliveries(creditor_->id, clock_.now_unix(), s_.batch));
      if (due.empty()) return {};
      for (auto d : due) {
        if (stopping()) return {};
        webhook_limit_.wait();
        WebhookPost p{d.url, d.secret, d.event_id, d.event_type, d.body, clock_.now_unix()};
        const std::int64_t send_start = s_.monotonic_ms();
        const SendOutcome out = t_.webhook(p);
        report.send_ms += s_.monotonic_ms() - send_start;
        d.attempts += 1;
        d.last_status = out.status;
        d.last_error = out.kind == SendOutcome::Kind::accepted ? "" : out.detail;
        if (out.kind == SendOutcome::Kind::accepted) {
          d.status = "delivered";
          d.delivered_unix = clock_.now_unix();
          ++report.webhooks_delivered;
        } else if (out.kind == SendOutcome::Kind::permanent || d.attempts >= s_.webhook_max_attempts) {
          d.status = "failed";
          ++report.webhooks_failed;
        } else {
          d.next_attempt_unix = clock_.now_unix() + backoff(s_.webhook_backoff_seconds, d.attempts);
          ++report.webhooks_retried;
        }
        KULANZ_TRY_STATUS(store_.dispatch().finish_webhook_delivery(creditor_->id, d));
      }
    }
  }

  ports::LedgerStore& store_;
  const Transports& t_;
  const DispatchSettings& s_;
  const base::Clock& clock_;
  RateLimit email_limit_, sms_limit_, webhook_limit_;
  const domain::Creditor* creditor_ = nullptr;
  std::optional<LoadedCollection> collection_;
  std::shared_ptr<const comms::TemplateSet> templates_;
};

}  // namespace

std::string to_text(const DispatchReport& r) {
  std::string s = "sent " + std::to_string(r.sent);
  for (const auto& [channel, n] : r.per_channel) s += " (" + channel + " " + std::to_string(n) + ")";
  s += ", retried " + std::to_string(r.retried) + ", failed " + std::to_string(r.failed) + ", fallbacks " +
       std::to_string(r.fallbacks) + ", cancelled " + std::to_string(r.cancelled) + ", rescheduled " +
       std::to_string(r.rescheduled) + ", in doubt (resent with the same id) " + std::to_string(r.in_doubt);
  if (r.lost_race) s += ", taken by another dispatcher " + std::to_string(r.lost_race);
  if (r.webhooks_delivered || r.webhooks_retried || r.webhooks_failed) {
    s += "; webhooks delivered " + std::to_string(r.webhooks_delivered) + ", retried " +
         std::to_string(r.webhooks_retried) + ", failed " + std::to_string(r.webhooks_failed);
  }
  return s;
}

base::Result<DispatchReport> dispatch_once(ports::LedgerStore& store, const Transports& transports,
                                           const DispatchSettings& settings_in, const base::Clock& clock,
                                           std::optional<domain::CreditorId> only) {
  DispatchSettings settings = settings_in;
  if (!settings.monotonic_ms) {
    settings.monotonic_ms = [] {
      return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
          .count();
    };
  }
  if (!settings.sleep_ms) settings.sleep_ms = [](std::int64_t ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); };
  KULANZ_TRY_STATUS(store.dispatch().require_durable_commits());
  KULANZ_TRY(creditors, store.list_creditors());
  DispatchReport total;
  const std::int64_t start = settings.monotonic_ms();
  for (const auto& c : creditors) {
    if (only && c.id != *only) continue;
    Pass pass(store, transports, settings, clock);
    KULANZ_TRY_STATUS(pass.creditor(c));
    const DispatchReport& r = pass.report;
    total.sent += r.sent;
    total.retried += r.retried;
    total.failed += r.failed;
    total.fallbacks += r.fallbacks;
    total.cancelled += r.cancelled;
    total.rescheduled += r.rescheduled;
    total.in_doubt += r.in_doubt;
    total.lost_race += r.lost_race;
    total.webhooks_delivered += r.webhooks_delivered;
    total.webhooks_retried += r.webhooks_retried;
    total.webhooks_failed += r.webhooks_failed;
    for (const auto& [k, v] : r.per_channel) total.per_channel[k] += v;
    total.render_cpu_ms += r.render_cpu_ms;
    total.render_here_ms += r.render_here_ms;
    total.render_wait_ms += r.render_wait_ms;
    total.send_ms += r.send_ms;
  }
  total.total_ms = settings.monotonic_ms() - start;
  return total;
}

base::Result<std::optional<DeliveryReportOutcome>> record_delivery_report(ports::LedgerStore& store,
                                                                         const DeliveryReport& report,
                                                                         const base::Clock& clock) {
  KULANZ_TRY(creditors, store.list_creditors());
  for (const auto& c : creditors) {
    std::optional<DeliveryReportOutcome> outcome;
    const base::Status written = ports::in_transaction(store, [&]() -> base::Status {
      KULANZ_TRY(h, store.dispatch().set_delivery_state(c.id, report.provider_id, report.state, report.detail,
                                                        clock.now_unix()));
      if (!h) return {};
      outcome = DeliveryReportOutcome{c.id, h->customer_id, h->id, false};
      if (report.state != "failed" || h->outbox_id == 0) return {};
      // The first failure report of a message that counted as sent: the entry fails, and
      // what follows a failure follows (a repeated report changed nothing above).
      const std::string detail = "the gateway reported the message undelivered" +
                                 (report.detail.empty() ? std::string() : ": " + report.detail);
      KULANZ_TRY(undelivered, store.dispatch().mark_undelivered(c.id, h->outbox_id, detail));
      if (!undelivered) return {};
      KULANZ_TRY(d, store.dispatch().outbox_entry(c.id, h->outbox_id));
      KULANZ_TRY(cu, store.customer_by_id(c.id, h->customer_id));
      if (!d || !cu) return {};
      const Transports none;
      const DispatchSettings settings;
      Pass pass(store, none, settings, clock);
      pass.set_creditor(c);
      outcome->failed = true;
      return pass.consequences(d->entry, *cu, *h, detail, report.number_unreachable);
    });
    if (!written) return base::fail(written.error());
    if (outcome) return outcome;
  }
  return std::optional<DeliveryReportOutcome>();
}

base::Result<HandoverReport> record_print_batch(ports::LedgerStore& store, const domain::Creditor& creditor,
                                               const PrintBatch& batch, std::string_view batch_name,
                                               const base::Clock& clock) {
  HandoverReport report;
  const Transports none;
  const DispatchSettings settings;
  Pass pass(store, none, settings, clock);
  pass.set_creditor(creditor);
  const base::Status written = ports::in_transaction(store, [&]() -> base::Status {
    report = {};
    for (const auto& p : batch.printed) {
      KULANZ_TRY(recorded, pass.handed_over(p, batch_name));
      ++(recorded ? report.handed_over : report.before);
    }
    for (const auto& [e, why] : batch.obsolete) {
      KULANZ_TRY(cancelled, store.dispatch().cancel_entry(creditor.id, e.id, why));
      if (cancelled) ++report.cancelled;
    }
    return {};
  });
  if (!written) return base::fail(written.error());
  return report;
}

base::Result<std::string> queue_event(ports::LedgerStore& store, domain::CreditorId creditor, std::string_view type,
                                      std::string_view event_key, std::string_view data_json, std::int64_t now_unix) {
  // The same event (type and key) always gets the same id: queuing it twice adds nothing,
  // and a receiver recognises a repeated delivery.
  const std::string id = "evt_" + security::sha256_hex(std::to_string(creditor.value) + "|" + std::string(type) + "|" +
                                                       std::string(event_key))
                                      .substr(0, 32);
  const std::string body = json_object({{"id", base::json_quote(id)},
                                        {"type", base::json_quote(type)},
                                        {"created", std::to_string(now_unix)},
                                        {"data", std::string(data_json)}});
  KULANZ_TRY(queued, store.dispatch().enqueue_event(creditor, id, type, body, now_unix));
  (void)queued;
  return id;
}

}  // namespace kulanz::services
