#include "services/portal_actions.hpp"

#include <algorithm>
#include <cctype>

#include "base/text.hpp"
#include "calendar/target2.hpp"
#include "comms/format.hpp"
#include "documents/direct_debit.hpp"
#include "documents/file_type.hpp"
#include "documents/iban.hpp"
#include "calendar/holidays.hpp"
#include "importers/field_parsers.hpp"
#include "money/money.hpp"
#include "security/security.hpp"
#include "services/collection_service.hpp"
#include "services/portal.hpp"
#include "services/portal_messages.hpp"
#include "services/portal_pay.hpp"

namespace kulanz::services {
namespace {

using engine::HoldKind;

bool covers(const engine::Hold& h, domain::InvoiceId id) {
  return h.invoice_ids.empty() || std::find(h.invoice_ids.begin(), h.invoice_ids.end(), id) != h.invoice_ids.end();
}

// A hold that still pauses dunning today (a promise whose day has passed is about to break).
bool in_force(const engine::Hold& h, calendar::Date today) {
  if (h.ended_on || h.starts_on > today) return false;
  return !(h.kind == HoldKind::promise_to_pay && h.until && *h.until < today);
}

// The open items without a dispute (or other hold that is not a promise or plan), and
// whether a promise or plan covers one of them.
struct Scope {
  domain::CustomerLedger ledger;
  std::vector<domain::InvoiceId> items;
  std::int64_t amount_minor = 0;
  std::string currency;
  bool arranged = false;
};

base::Result<Scope> open_scope(ports::LedgerStore& store, const PortalActor& actor) {
  const auto creditor = actor.session.creditor_id;
  KULANZ_TRY(ledger, store.load_customer_ledger(creditor, actor.session.customer_id));
  KULANZ_TRY(holds, store.collection().list_holds(creditor, actor.session.customer_id, true));
  Scope s;
  s.ledger = std::move(ledger);
  for (const auto& i : s.ledger.invoices) {
    if (!i.open.is_positive()) continue;
    bool held = false, arranged = false;
    for (const auto& h : holds) {
      if (!in_force(h, actor.today) || !covers(h, i.id)) continue;
      if (h.kind == HoldKind::promise_to_pay || h.kind == HoldKind::payment_plan) arranged = true;
      else held = true;
    }
    if (held) continue;
    s.arranged = s.arranged || arranged;
    s.items.push_back(i.id);
    s.amount_minor += i.open.minor();
    s.currency = std::string(i.open.currency().code());
  }
  return s;
}

std::string ids_json(const std::vector<domain::InvoiceId>& ids) {
  std::string s = "[";
  for (std::size_t i = 0; i < ids.size(); ++i) s += (i ? "," : "") + std::to_string(ids[i].value);
  return s + "]";
}

ActionOutcome refused(std::string field, std::string key) {
  ActionOutcome o;
  o.refused = Refusal{std::move(field), std::move(key), {}};
  return o;
}

ports::PortalInteraction interaction(const PortalActor& actor, std::string kind, const std::string& summary,
                                     std::string detail_json) {
  ports::PortalInteraction i;
  i.customer_id = actor.session.customer_id;
  i.kind = std::move(kind);
  i.summary = summary;
  i.detail_json = std::move(detail_json);
  i.session_ref = portal_session_ref(actor.session);
  i.created_unix = actor.now_unix;
  return i;
}

// A hold from the portal on `items` from today until `until` (nullopt: until a collector
// ends it), created by the session.
base::Result<engine::Hold> create_portal_hold(ports::LedgerStore& store, const PortalActor& actor, HoldKind kind,
                                              const std::vector<domain::InvoiceId>& items,
                                              std::optional<calendar::Date> until, std::string reason) {
  engine::Hold h;
  h.customer_id = actor.session.customer_id;
  h.kind = kind;
  h.invoice_ids = items;
  h.starts_on = actor.today;
  h.until = until;
  h.reason = std::move(reason);
  h.created_by = portal_session_ref(actor.session);
  h.created_unix = actor.now_unix;
  KULANZ_TRY_STATUS(store.collection().create_hold(actor.session.creditor_id, h));
  return h;
}

// A task for the workspace that interaction `interaction_id` asks for, due `due_on` (today
// when not given).
base::Status add_portal_task(ports::LedgerStore& store, const PortalActor& actor, const std::string& kind,
                             std::int64_t interaction_id, const std::vector<domain::InvoiceId>& items, std::string note,
                             std::optional<calendar::Date> due_on = std::nullopt) {
  engine::TaskEntry t;
  t.customer_id = actor.session.customer_id;
  t.idempotency_key = "portal:" + kind + ":" + std::to_string(interaction_id);
  t.kind = kind;
  t.due_on = due_on.value_or(actor.today);
  t.invoice_ids = items;
  t.note = std::move(note);
  ports::BatchWrites writes;
  writes.tasks.push_back(std::move(t));
  KULANZ_TRY(applied, store.collection().apply_batch(actor.session.creditor_id, 0, writes));
  (void)applied;
  return {};
}

}  // namespace

// ---- Promise to pay -----------------------------------------------------------------------------

base::Result<PromiseScope> promise_scope(ports::LedgerStore& store, const portal::PortalSettings& settings,
                                         const PortalActor& actor) {
  KULANZ_TRY(s, open_scope(store, actor));
  PromiseScope out;
  out.items = std::move(s.items);
  out.amount_minor = s.amount_minor;
  out.currency = s.currency.empty() ? std::string(settings.currency.code()) : s.currency;
  out.already_promised = s.arranged;
  out.latest = actor.today.add_days(settings.promise.max_days);
  return out;
}

base::Result<ActionOutcome> promise_to_pay(ports::LedgerStore& store, const portal::PortalSettings& settings,
                                           const PortalActor& actor, calendar::Date until, const std::string& summary) {
  if (!settings.promise.enabled) return refused("until", "promise_off");
  // The contact policy's hours for the confirmation (read before the transaction: the first
  // read of a creditor stores the default collection file).
  KULANZ_TRY(collection, current_collection(store, actor.session.creditor_id, actor.now_unix));
  ActionOutcome out;
  auto done = ports::in_transaction(store, [&]() -> base::Status {
    KULANZ_TRY(scope, promise_scope(store, settings, actor));
    if (scope.items.empty()) {
      out = refused("until", "promise_nothing_open");
      return {};
    }
    if (scope.already_promised) {
      out = refused("until", "promise_exists");
      return {};
    }
    if (until < actor.today || until > scope.latest) {
      out = refused("until", "promise_date_range");
      return {};
    }
    KULANZ_TRY(h, create_portal_hold(store, actor, HoldKind::promise_to_pay, scope.items, until,
                                     "Zahlungszusage im Kundenportal bis " + until.iso()));
    auto i = interaction(actor, "promise", summary,
                         "{\"until\":\"" + until.iso() + "\",\"amount_minor\":" + std::to_string(scope.amount_minor) +
                             ",\"currency\":" + base::json_quote(scope.currency) + ",\"items\":" + ids_json(scope.items) +
                             ",\"hold_id\":" + std::to_string(h.id) + "}");
    KULANZ_TRY_STATUS(store.portal().add_portal_interaction(actor.session.creditor_id, i));
    out.interaction_id = i.id;
    return queue_promise_confirmation(store, collection.current->policy, actor, scope.items, i.id);
  });
  if (!done) return base::fail(std::move(done).error());
  return out;
}

// ---- Payment plan -------------------------------------------------------------------------------

base::Result<PlanScope> plan_scope(ports::LedgerStore& store, const portal::PortalSettings& settings,
                                   const PortalActor& actor) {
  KULANZ_TRY(s, open_scope(store, actor));
  PlanScope out;
  out.items = std::move(s.items);
  out.total_minor = s.amount_minor;
  out.currency = s.currency.empty() ? std::string(settings.currency.code()) : s.currency;
  out.already_arranged = s.arranged;
  out.first_due = actor.today.add_days(7);
  if (out.total_minor > 0) out.allowed_counts = portal::plan_counts_within_policy(settings.plan, out.total_minor, out.first_due);
  return out;
}

base::Result<PlanOutcome> arrange_plan(ports::LedgerStore& store, const portal::PortalSettings& settings,
                                       const PortalActor& actor, int count, const std::string& wish,
                                       const std::string& summary) {
  PlanOutcome out;
  if (count < 2 || count > 60) {
    out.action = refused("count", "plan_count_invalid");
    return out;
  }
  KULANZ_TRY(collection, current_collection(store, actor.session.creditor_id, actor.now_unix));
  auto done = ports::in_transaction(store, [&]() -> base::Status {
    KULANZ_TRY(scope, plan_scope(store, settings, actor));
    if (scope.items.empty()) {
      out.action = refused("count", "plan_nothing_open");
      return {};
    }
    if (scope.already_arranged) {
      out.action = refused("count", "plan_exists");
      return {};
    }
    out.schedule = portal::plan_schedule(scope.total_minor, count, settings.plan.down_payment_percent, scope.first_due);
    const auto breaches = portal::plan_policy_breaches(settings.plan, scope.total_minor, out.schedule);
    std::string schedule_json = "[";
    for (const auto& i : out.schedule) {
      schedule_json += std::string(i.number > 1 ? "," : "") + "{\"number\":" + std::to_string(i.number) + ",\"due\":\"" +
                       i.due.iso() + "\",\"amount_minor\":" + std::to_string(i.amount_minor) + "}";
    }
    schedule_json += "]";
    std::string detail = "{\"count\":" + std::to_string(count) + ",\"total_minor\":" + std::to_string(scope.total_minor) +
                         ",\"currency\":" + base::json_quote(scope.currency) + ",\"items\":" + ids_json(scope.items) +
                         ",\"instalments\":" + schedule_json;
    const auto creditor = actor.session.creditor_id;
    if (breaches.empty() && wish.empty()) {
      KULANZ_TRY(h, create_portal_hold(store, actor, HoldKind::payment_plan, scope.items, out.schedule.back().due,
                                       "Ratenplan aus dem Kundenportal: " + std::to_string(count) + " Raten"));
      ports::PaymentPlanRecord p;
      p.customer_id = actor.session.customer_id;
      p.hold_id = h.id;
      p.total_minor = scope.total_minor;
      p.currency = scope.currency;
      p.invoice_ids = scope.items;
      p.interest_accrues = settings.plan.interest_accrues;
      p.session_ref = h.created_by;
      p.created_unix = actor.now_unix;
      for (const auto& i : out.schedule) p.instalments.push_back({i.number, i.due, i.amount_minor});
      KULANZ_TRY_STATUS(store.portal().add_payment_plan(creditor, p));
      auto i = interaction(actor, "plan", summary,
                           detail + ",\"plan_id\":" + std::to_string(p.id) + ",\"hold_id\":" + std::to_string(h.id) + "}");
      KULANZ_TRY_STATUS(store.portal().add_portal_interaction(creditor, i));
      out.approved = true;
      out.plan_id = p.id;
      out.action.interaction_id = i.id;
      return queue_plan_messages(store, collection.current->policy, actor, p);
    }
    // Outside the policy, or the customer wishes something else: a collector decides.
    std::string breach_list;
    for (const auto& b : breaches) breach_list += (breach_list.empty() ? "" : ", ") + b.key;
    auto i = interaction(actor, "plan_request", summary,
                         detail + ",\"wish\":" + base::json_quote(wish) + ",\"outside_policy\":" +
                             base::json_quote(breach_list) + "}");
    KULANZ_TRY_STATUS(store.portal().add_portal_interaction(creditor, i));
    std::string note = "Ratenplan-Anfrage aus dem Kundenportal: " + std::to_string(count) + " Monatsraten über " +
                       comms::format_money(scope.total_minor, scope.currency, domain::Language::de) + " ab " +
                       comms::format_date(scope.first_due, domain::Language::de);
    if (!breach_list.empty()) note += " (außerhalb der Regeln: " + breach_list + ")";
    if (!wish.empty()) note += ". Wunsch der Kundin / des Kunden: " + wish;
    KULANZ_TRY_STATUS(add_portal_task(store, actor, "plan_request", i.id, scope.items, std::move(note)));
    out.action.interaction_id = i.id;
    return {};
  });
  if (!done) return base::fail(std::move(done).error());
  return out;
}

base::Result<PlanReview> review_payment_plans(ports::LedgerStore& store, domain::CreditorId creditor,
                                              calendar::Date as_of, std::int64_t now_unix, int grace_days) {
  PlanReview out;
  auto done = ports::in_transaction(store, [&]() -> base::Status {
    KULANZ_TRY(plans, store.portal().list_payment_plans(creditor, std::nullopt, true));
    for (const auto& p : plans) {
      KULANZ_TRY(ledger, store.load_customer_ledger(creditor, p.customer_id));
      std::int64_t open = 0;
      for (const auto& i : ledger.invoices) {
        if (std::find(p.invoice_ids.begin(), p.invoice_ids.end(), i.id) != p.invoice_ids.end() && i.open.is_positive()) {
          open += i.open.minor();
        }
      }
      std::int64_t due = 0;
      for (const auto& i : p.instalments) {
        if (i.due_on.add_days(grace_days) < as_of) due += i.amount_minor;
      }
      const std::int64_t paid = std::max<std::int64_t>(0, p.total_minor - open);
      const char* status = open <= 0 ? "completed" : paid < due ? "broken" : nullptr;
      if (status == nullptr) continue;
      KULANZ_TRY(ended, store.portal().end_payment_plan(creditor, p.id, status, now_unix));
      if (!ended) continue;
      KULANZ_TRY(hold_ended, store.collection().end_hold(creditor, p.hold_id,
                                                         open <= 0 ? engine::HoldEnd::ended : engine::HoldEnd::broken, as_of));
      (void)hold_ended;
      (open <= 0 ? out.completed : out.broken) += 1;
    }
    return {};
  });
  if (!done) return base::fail(std::move(done).error());
  return out;
}

// ---- SEPA direct-debit mandate ---------------------------------------------------------------

base::Result<MandateScope> mandate_scope(ports::LedgerStore& store, const portal::PortalSettings& settings,
                                         const PortalActor& actor) {
  KULANZ_TRY(s, open_scope(store, actor));
  MandateScope out;
  out.arranged = s.arranged;
  out.currency = s.currency.empty() ? std::string(settings.currency.code()) : s.currency;
  // The items without a hold of their own, at the pay page's amounts (Skonto deducted).
  for (const auto& i : payable_items(s.ledger, "", actor.today)) {
    if (std::find(s.items.begin(), s.items.end(), i.invoice_id) == s.items.end()) continue;
    out.items.push_back(i.invoice_id);
    out.amount_minor += i.pay_minor;
  }
  out.collection_on = calendar::target2_days_after(actor.today, 3);
  return out;
}

base::Result<MandateOutcome> grant_mandate(ports::LedgerStore& store, const portal::PortalSettings& settings,
                                           const PortalActor& actor, const MandateRequest& request,
                                           const std::function<std::string(const ports::MandateRecord&)>& summarize) {
  MandateOutcome out;
  if (!settings.offers(portal::PaymentMethod::direct_debit) || settings.creditor_identifier.empty()) {
    out.action = refused("iban", "mandate_off");
    return out;
  }
  const std::string holder(base::trim(request.account_holder));
  if (!base::is_valid_utf8(holder) || base::utf8_length(holder) < 2 || base::utf8_length(holder) > 70 ||
      std::any_of(holder.begin(), holder.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }) ||
      !documents::sepa_text(holder, "account_holder")) {  // the pain.008 file must be able to carry the name
    out.action = refused("account_holder", "mandate_holder_invalid");
    return out;
  }
  auto iban = documents::normalize_iban(request.iban.substr(0, 64));
  if (!iban) {
    out.action = refused("iban", "mandate_iban_invalid");
    return out;
  }
  if (!request.consent) {
    out.action = refused("consent", "mandate_consent_missing");
    return out;
  }
  const auto creditor = actor.session.creditor_id;
  auto done = ports::in_transaction(store, [&]() -> base::Status {
    KULANZ_TRY(scope, mandate_scope(store, settings, actor));
    KULANZ_TRY(existing, store.portal().list_mandates(creditor, actor.session.customer_id, false));
    KULANZ_TRY(customer, store.customer_by_id(creditor, actor.session.customer_id));
    ports::MandateRecord m;
    m.customer_id = actor.session.customer_id;
    m.account_holder = holder;
    m.iban = *iban;
    m.scope = request.recurring ? "recurring" : "single";
    m.currency = scope.currency;
    m.session_ref = portal_session_ref(actor.session);
    m.signed_unix = actor.now_unix;
    if (scope.currency != "EUR") {
      out.action = refused("iban", "mandate_off");
      return {};
    }
    if (request.recurring) {
      const bool running = std::any_of(existing.begin(), existing.end(),
                                       [](const auto& e) { return e.scope == "recurring" && e.revoked_unix == 0; });
      if (running) {
        out.action = refused("scope", "mandate_exists");
        return {};
      }
    } else {
      if (scope.items.empty() || scope.amount_minor <= 0) {
        out.action = refused("scope", "mandate_nothing_open");
        return {};
      }
      if (scope.arranged) {
        out.action = refused("scope", "mandate_arranged");
        return {};
      }
      m.amount_minor = scope.amount_minor;
      m.invoice_ids = scope.items;
      m.collection_on = scope.collection_on;
      KULANZ_TRY(h, create_portal_hold(store, actor, HoldKind::promise_to_pay, scope.items,
                                       scope.collection_on.add_days(5),
                                       "SEPA-Lastschrift aus dem Kundenportal zum " + scope.collection_on.iso()));
      m.hold_id = h.id;
    }
    // M-<customer number>-<n>: readable on bank statements, unique per creditor.
    std::string number;
    for (char c : customer ? customer->external_id : std::string("K")) {
      const char u = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if ((u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '-') number += u;
    }
    m.reference = "M-" + number.substr(0, 24) + "-" + std::to_string(existing.size() + 1);
    KULANZ_TRY_STATUS(store.portal().add_mandate(creditor, m));
    const std::string kind_detail = "{\"mandate_id\":" + std::to_string(m.id) + ",\"reference\":" +
                                    base::json_quote(m.reference) + ",\"scope\":\"" + m.scope + "\",\"amount_minor\":" +
                                    std::to_string(m.amount_minor) + ",\"collection_on\":\"" +
                                    (m.collection_on ? m.collection_on->iso() : std::string()) + "\",\"hold_id\":" +
                                    std::to_string(m.hold_id) + "}";
    auto i = interaction(actor, "mandate", summarize(m), kind_detail);
    KULANZ_TRY_STATUS(store.portal().add_portal_interaction(creditor, i));
    out.action.interaction_id = i.id;
    out.mandate = m;
    return {};
  });
  if (!done) return base::fail(std::move(done).error());
  return out;
}

base::Result<ActionOutcome> revoke_mandate(ports::LedgerStore& store, const PortalActor& actor, std::int64_t mandate_id,
                                           const std::string& summary) {
  ActionOutcome out;
  const auto creditor = actor.session.creditor_id;
  auto done = ports::in_transaction(store, [&]() -> base::Status {
    KULANZ_TRY(mandates, store.portal().list_mandates(creditor, actor.session.customer_id, true));
    auto it = std::find_if(mandates.begin(), mandates.end(), [&](const auto& m) { return m.id == mandate_id; });
    if (it == mandates.end()) {
      out = refused("mandate", "mandate_unknown");
      return {};
    }
    const std::string ref = portal_session_ref(actor.session);
    KULANZ_TRY(revoked, store.portal().revoke_mandate(creditor, actor.session.customer_id, mandate_id, ref, actor.now_unix));
    if (!revoked) {
      out = refused("mandate", "mandate_unknown");
      return {};
    }
    if (it->hold_id > 0) {
      KULANZ_TRY(ended, store.collection().end_hold(creditor, it->hold_id, engine::HoldEnd::ended, actor.today));
      (void)ended;
    }
    auto i = interaction(actor, "mandate_revoked", summary,
                         "{\"mandate_id\":" + std::to_string(it->id) + ",\"reference\":" + base::json_quote(it->reference) + "}");
    KULANZ_TRY_STATUS(store.portal().add_portal_interaction(creditor, i));
    out.interaction_id = i.id;
    return {};
  });
  if (!done) return base::fail(std::move(done).error());
  return out;
}

// ---- Question or dispute ---------------------------------------------------------------------

namespace {

// Text a customer typed: valid UTF-8, control characters but line breaks removed, trimmed,
// at most `max` code points.
std::string clean_text(std::string_view text, std::size_t max) {
  std::string clean;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\n') || u == 0x7f) continue;
    clean += c;
  }
  if (!base::is_valid_utf8(clean)) return {};
  return std::string(base::trim(base::utf8_prefix(clean, max)));
}

// A file name to keep and show: its last path segment, without control characters and
// quotes, at most 100 characters; "document" when nothing is left.
std::string clean_file_name(std::string_view name) {
  if (const auto slash = name.find_last_of("/\\"); slash != std::string_view::npos) name = name.substr(slash + 1);
  std::string out;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f || c == '"' || c == '<' || c == '>') continue;
    out += c;
  }
  if (!base::is_valid_utf8(out)) out.clear();
  out = std::string(base::trim(base::utf8_prefix(out, 100)));
  return out.empty() ? std::string("document") : out;
}

}  // namespace

base::Result<DisputeOutcome> raise_dispute(
    ports::LedgerStore& store, const portal::PortalSettings& settings, const PortalActor& actor,
    const DisputeRequest& request, const std::function<std::string(const std::string&, const std::string&)>& summarize) {
  DisputeOutcome out;
  const auto reason = std::find_if(settings.dispute_reasons.begin(), settings.dispute_reasons.end(),
                                   [&](const portal::Reason& r) { return r.code == request.reason; });
  if (reason == settings.dispute_reasons.end()) {
    out.action = refused("reason", "dispute_reason_missing");
    return out;
  }
  if (request.files.size() > kMaxDisputeFiles) {
    out.action = refused("files", "dispute_too_many_files");
    return out;
  }
  std::vector<std::pair<std::string, documents::FileType>> checked;
  for (const auto& f : request.files) {
    auto type = documents::check_file(f.bytes, documents::kAcceptPdf | documents::kAcceptJpeg | documents::kAcceptPng,
                                      kMaxDisputeFileBytes);
    if (!type) {
      out.action = refused("files", type.error().code == base::ErrorCode::document_too_large ? "dispute_file_too_large"
                                                                                            : "dispute_file_type");
      out.bad_file = clean_file_name(f.name);
      return out;
    }
    checked.emplace_back(clean_file_name(f.name), *type);
  }
  const std::string message = clean_text(request.message, kMaxDisputeMessageChars);
  const auto creditor = actor.session.creditor_id;
  auto done = ports::in_transaction(store, [&]() -> base::Status {
    KULANZ_TRY(invoice, store.invoice_by_external_id(creditor, request.item));
    if (!invoice || invoice->customer_id != actor.session.customer_id) {
      out.action = refused("item", "dispute_item_unknown");
      return {};
    }
    KULANZ_TRY(customer, store.customer_by_id(creditor, actor.session.customer_id));
    KULANZ_TRY(earlier, store.portal().list_portal_interactions(creditor, actor.session.customer_id, 0, 1000));
    const auto n = std::count_if(earlier.begin(), earlier.end(), [](const auto& i) { return i.kind == "dispute"; });
    out.reference = "F-" + (customer ? customer->external_id : std::string("K")) + "-" + std::to_string(n + 1);
    std::int64_t hold_id = 0;
    if (invoice->open.is_positive()) {
      KULANZ_TRY(holds, store.collection().list_holds(creditor, actor.session.customer_id, true));
      const bool held = std::any_of(holds.begin(), holds.end(), [&](const engine::Hold& h) {
        return h.kind == HoldKind::dispute && in_force(h, actor.today) && covers(h, invoice->id);
      });
      if (!held) {
        KULANZ_TRY(h, create_portal_hold(store, actor, HoldKind::dispute, {invoice->id}, std::nullopt,
                                         "Einwand " + out.reference + " aus dem Kundenportal: " + reason->label.de));
        hold_id = h.id;
      }
    }
    std::string docs_json = "[";
    for (std::size_t k = 0; k < checked.size(); ++k) {
      docs_json += std::string(k ? "," : "") + "{\"name\":" + base::json_quote(checked[k].first) + ",\"type\":\"" +
                   std::string(documents::content_type(checked[k].second)) + "\",\"bytes\":" +
                   std::to_string(request.files[k].bytes.size()) + "}";
    }
    docs_json += "]";
    auto i = interaction(actor, "dispute", summarize(out.reference, invoice->number),
                         "{\"reference\":" + base::json_quote(out.reference) + ",\"invoice_id\":" +
                             std::to_string(invoice->id.value) + ",\"reason\":" + base::json_quote(reason->code) +
                             ",\"message\":" + base::json_quote(message) + ",\"hold_id\":" + std::to_string(hold_id) +
                             ",\"documents\":" + docs_json + "}");
    KULANZ_TRY_STATUS(store.portal().add_portal_interaction(creditor, i));
    for (std::size_t k = 0; k < checked.size(); ++k) {
      ports::PortalDocument d;
      d.customer_id = actor.session.customer_id;
      d.interaction_id = i.id;
      d.name = checked[k].first;
      d.content_type = std::string(documents::content_type(checked[k].second));
      d.sha256 = security::sha256_hex(request.files[k].bytes);
      d.created_unix = actor.now_unix;
      d.content = request.files[k].bytes;
      KULANZ_TRY_STATUS(store.portal().add_portal_document(creditor, d));
    }
    std::string note = "Einwand " + out.reference + " zu Rechnung " + invoice->number + ": " + reason->label.de;
    if (!message.empty()) note += ". Nachricht: " + message;
    if (!checked.empty()) note += ". " + std::to_string(checked.size()) + " Dokument(e) angehängt";
    KULANZ_TRY_STATUS(add_portal_task(store, actor, "dispute", i.id, {invoice->id}, std::move(note)));
    out.action.interaction_id = i.id;
    return {};
  });
  if (!done) return base::fail(std::move(done).error());
  return out;
}

// ---- Credit note request -----------------------------------------------------------------------

namespace {

// The customer's next reference of a kind: "<prefix>-<customer number>-<n>", n counting the
// customer's interactions of that kind.
base::Result<std::string> next_reference(ports::LedgerStore& store, const PortalActor& actor, std::string_view kind,
                                         std::string_view prefix) {
  const auto creditor = actor.session.creditor_id;
  KULANZ_TRY(customer, store.customer_by_id(creditor, actor.session.customer_id));
  KULANZ_TRY(earlier, store.portal().list_portal_interactions(creditor, actor.session.customer_id, 0, 1000));
  const auto n = std::count_if(earlier.begin(), earlier.end(), [&](const auto& i) { return i.kind == kind; });
  return std::string(prefix) + "-" + (customer ? customer->external_id : std::string("K")) + "-" + std::to_string(n + 1);
}

}  // namespace

base::Result<RequestOutcome> request_credit_note(
    ports::LedgerStore& store, const portal::PortalSettings& settings, const PortalActor& actor,
    const CreditNoteRequest& request, const std::function<std::string(const std::string&, const std::string&)>& summarize) {
  RequestOutcome out;
  const portal::Reason* reason = settings.credit_note_reason(request.reason);
  if (settings.credit_note_reasons.empty()) {
    out.action = refused("reason", "credit_note_off");
    return out;
  }
  if (!reason) {
    out.action = refused("reason", "credit_note_reason_missing");
    return out;
  }
  const auto creditor = actor.session.creditor_id;
  const std::string message = clean_text(request.message, kMaxDisputeMessageChars);
  auto done = ports::in_transaction(store, [&]() -> base::Status {
    KULANZ_TRY(invoice, store.invoice_by_external_id(creditor, request.item));
    if (!invoice || invoice->customer_id != actor.session.customer_id || invoice->kind != domain::ItemKind::invoice) {
      out.action = refused("item", "credit_note_item_unknown");
      return {};
    }
    std::int64_t amount_minor = 0;
    const auto amount_text = base::trim(request.amount);
    if (!amount_text.empty()) {
      auto parsed = money::parse_amount(amount_text, invoice->amount.currency(), money::DecimalStyle::comma);
      if (!parsed || *parsed <= 0 || *parsed > invoice->amount.minor()) {
        out.action = refused("amount", "credit_note_amount_invalid");
        return {};
      }
      amount_minor = *parsed;
    }
    KULANZ_TRY(reference, next_reference(store, actor, "credit_note", "G"));
    out.reference = reference;
    const std::string currency(invoice->amount.currency().code());
    auto i = interaction(actor, "credit_note", summarize(out.reference, invoice->number),
                         "{\"reference\":" + base::json_quote(out.reference) + ",\"invoice_id\":" +
                             std::to_string(invoice->id.value) + ",\"reason\":" + base::json_quote(reason->code) +
                             ",\"amount_minor\":" + std::to_string(amount_minor) + ",\"currency\":" +
                             base::json_quote(currency) + ",\"message\":" + base::json_quote(message) + "}");
    KULANZ_TRY_STATUS(store.portal().add_portal_interaction(creditor, i));
    std::string note = "Gutschrift-Anfrage " + out.reference + " zu Rechnung " + invoice->number + ": " + reason->label.de;
    if (amount_minor > 0) {
      note += ", gewünscht " + money::format_decimal(amount_minor, invoice->amount.currency().exponent()) + " " + currency;
    }
    if (!message.empty()) note += ". Nachricht: " + message;
    KULANZ_TRY_STATUS(add_portal_task(store, actor, "credit_note", i.id, {invoice->id}, std::move(note)));
    out.action.interaction_id = i.id;
    return {};
  });
  if (!done) return base::fail(std::move(done).error());
  return out;
}

// ---- Callback request --------------------------------------------------------------------------

base::Result<CallbackOffer> callback_offer(ports::LedgerStore& store, const portal::PortalSettings& settings,
                                           const PortalActor& actor) {
  CallbackOffer offer;
  offer.windows = settings.callback.windows;
  KULANZ_TRY(customer, store.customer_by_id(actor.session.creditor_id, actor.session.customer_id));
  std::optional<calendar::GermanState> state;
  if (customer) {
    if (auto s = calendar::parse_german_state(customer->state)) state = *s;
    if (const auto* phone = customer->contact(domain::Channel::sms); phone && !phone->invalid) offer.phone = phone->address;
    if (const auto* phone = customer->contact(domain::Channel::phone); phone && !phone->invalid) offer.phone = phone->address;
  }
  auto business = [&](calendar::Date d) {
    if (d.iso_weekday() > 5) return false;
    if (calendar::check_holiday_year(d.year()).has_value() == false) return true;
    if (state) return calendar::is_business_day(*state, d);
    // Without a state: only the holidays of every state count.
    for (auto s : calendar::all_german_states()) {
      if (!calendar::is_public_holiday(s, d)) return true;
    }
    return false;
  };
  calendar::Date d = actor.today;
  while (static_cast<int>(offer.days.size()) < settings.callback.days_ahead) {
    d = d.add_days(1);
    if (business(d)) offer.days.push_back(d);
  }
  return offer;
}

base::Result<RequestOutcome> request_callback(ports::LedgerStore& store, const portal::PortalSettings& settings,
                                              const PortalActor& actor, const CallbackRequest& request,
                                              const std::function<std::string(calendar::Date, const std::string&)>& summarize) {
  RequestOutcome out;
  if (settings.callback.windows.empty()) {
    out.action = refused("window", "callback_off");
    return out;
  }
  auto phone = importers::parse_phone(base::trim(request.phone).substr(0, 40));
  if (!phone) {
    out.action = refused("phone", "callback_phone_invalid");
    return out;
  }
  KULANZ_TRY(offer, callback_offer(store, settings, actor));
  auto day = calendar::Date::parse_iso(request.day);
  if (!day || std::find(offer.days.begin(), offer.days.end(), *day) == offer.days.end()) {
    out.action = refused("day", "callback_day_invalid");
    return out;
  }
  const auto window = std::find_if(offer.windows.begin(), offer.windows.end(),
                                   [&](const portal::CallbackWindow& w) { return w.label() == request.window; });
  if (window == offer.windows.end()) {
    out.action = refused("window", "callback_window_invalid");
    return out;
  }
  const std::string topic = clean_text(request.topic, 500);
  const auto creditor = actor.session.creditor_id;
  auto done = ports::in_transaction(store, [&]() -> base::Status {
    KULANZ_TRY(reference, next_reference(store, actor, "callback", "R"));
    out.reference = reference;
    auto i = interaction(actor, "callback", summarize(*day, window->label()),
                         "{\"reference\":" + base::json_quote(out.reference) + ",\"day\":\"" + day->iso() +
                             "\",\"window\":" + base::json_quote(window->label()) + ",\"phone\":" +
                             base::json_quote(*phone) + ",\"topic\":" + base::json_quote(topic) + "}");
    KULANZ_TRY_STATUS(store.portal().add_portal_interaction(creditor, i));
    std::string note = "Rückruf " + out.reference + " am " + day->german() + ", " + window->label() + " Uhr, unter " +
                       *phone;
    if (!topic.empty()) note += ". Anliegen: " + topic;
    KULANZ_TRY_STATUS(add_portal_task(store, actor, "callback", i.id, {}, std::move(note), *day));
    out.action.interaction_id = i.id;
    return {};
  });
  if (!done) return base::fail(std::move(done).error());
  return out;
}

// ---- Contact preferences -------------------------------------------------------------------------

namespace {

std::string contact_json(const domain::Customer& c, domain::Channel channel) {
  const auto* k = c.contact(channel);
  if (!k) return "null";
  return "{\"address\":" + base::json_quote(k->address) + ",\"consent\":" + (k->consent ? "true" : "false") +
         ",\"invalid\":" + (k->invalid ? "true" : "false") + "}";
}

std::string customer_contact_json(const domain::Customer& c) {
  return "{\"language\":\"" + std::string(domain::to_string(c.language)) + "\",\"email\":" +
         contact_json(c, domain::Channel::email) + ",\"sms\":" + contact_json(c, domain::Channel::sms) +
         ",\"phone\":" + contact_json(c, domain::Channel::phone) + "}";
}

}  // namespace

base::Result<ActionOutcome> save_contact_preferences(
    ports::LedgerStore& store, const PortalActor& actor, const PreferencesRequest& request,
    const std::function<std::string(const domain::ContactPreferences&)>& summarize) {
  domain::ContactPreferences p;
  if (request.language == "de") p.language = domain::Language::de;
  else if (request.language == "en") p.language = domain::Language::en;
  else return refused("language", "preferences_language_invalid");
  const auto creditor = actor.session.creditor_id;
  KULANZ_TRY(found, store.customer_by_id(creditor, actor.session.customer_id));
  if (!found) return base::fail(base::ErrorCode::customer_unknown, "the session's customer does not exist");
  const domain::Customer before = std::move(*found);

  // One channel: the typed address (checked), else the one on file; consent needs an address.
  struct Choice {
    domain::Channel channel;
    const std::string& typed;
    bool consent;
    const char* field;
    const char* invalid_key;
  };
  const Choice choices[] = {
      {domain::Channel::email, request.email, request.email_consent, "email", "preferences_email_invalid"},
      {domain::Channel::sms, request.mobile, request.sms_consent, "mobile", "preferences_mobile_invalid"},
      {domain::Channel::phone, request.phone, request.phone_consent, "phone", "preferences_phone_invalid"},
  };
  for (const auto& choice : choices) {
    const auto typed = base::trim(choice.typed);
    std::string address;
    if (!typed.empty()) {
      auto parsed = choice.channel == domain::Channel::email ? importers::parse_email(typed.substr(0, 254))
                                                             : importers::parse_phone(typed.substr(0, 40));
      if (!parsed) return refused(choice.field, choice.invalid_key);
      address = std::move(*parsed);
    }
    const auto* on_file = before.contact(choice.channel);
    if (choice.consent && address.empty() && (!on_file || on_file->address.empty())) {
      return refused(choice.field, "preferences_consent_without_address");
    }
    if (address.empty() && !on_file && !choice.consent) continue;  // nothing to say about this channel
    p.channels.push_back(domain::Contact{choice.channel, address, choice.consent, false});
  }
  p.updated_unix = actor.now_unix;
  p.session_ref = portal_session_ref(actor.session);

  ActionOutcome out;
  auto done = ports::in_transaction(store, [&]() -> base::Status {
    KULANZ_TRY_STATUS(store.save_customer_preferences(creditor, actor.session.customer_id, p));
    KULANZ_TRY(after, store.customer_by_id(creditor, actor.session.customer_id));
    if (!after) return base::fail(base::ErrorCode::customer_unknown, "the session's customer does not exist");
    auto i = interaction(actor, "preferences", summarize(p),
                         "{\"before\":" + customer_contact_json(before) + ",\"after\":" +
                             customer_contact_json(*after) + "}");
    KULANZ_TRY_STATUS(store.portal().add_portal_interaction(creditor, i));
    KULANZ_TRY(switched, store.portal().set_portal_session_language(actor.session.token_sha256,
                                                                     domain::to_string(*p.language)));
    (void)switched;
    out.interaction_id = i.id;
    return {};
  });
  if (!done) return base::fail(std::move(done).error());
  return out;
}

// ---- Rating -------------------------------------------------------------------------------------

base::Result<bool> rate_interaction(ports::LedgerStore& store, const PortalActor& actor, std::int64_t interaction_id,
                                    std::string_view rating, std::string_view comment) {
  if (rating != "good" && rating != "neutral" && rating != "bad") return false;
  std::string clean;
  for (char c : comment) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\n') continue;
    if (u == 0x7f) continue;
    clean += c;
  }
  if (!base::is_valid_utf8(clean)) clean.clear();
  clean = std::string(base::trim(base::utf8_prefix(clean, 1000)));
  return store.portal().rate_portal_interaction(actor.session.creditor_id, actor.session.customer_id, interaction_id,
                                                rating, clean, actor.now_unix);
}

}  // namespace kulanz::services
