#include "services/portal.hpp"

#include <algorithm>
#include <mutex>
#include <unordered_map>

#include "engine/journey.hpp"
#include "law/base_rate.hpp"
#include "security/security.hpp"
#include "services/collection_service.hpp"
#include "services/portal_links.hpp"

namespace kulanz::services {
namespace {

using base::ErrorCode;
using base::fail;

// A cookie value we issued: 43 base64url characters (32 random bytes).
bool plausible_session_token(std::string_view v) {
  return v.size() == 43 && v.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
                               std::string_view::npos;
}

std::string language_of(std::string_view wanted, const domain::Customer& c) {
  if (wanted == "de" || wanted == "en") return std::string(wanted);
  return std::string(domain::to_string(c.language));
}

base::Result<OpenedPortalSession> create_session(ports::LedgerStore& store, const domain::Customer& customer,
                                                 std::string language, std::string entered_via, bool verified,
                                                 std::int64_t now_unix, std::int64_t ttl_seconds) {
  OpenedPortalSession s;
  s.token = security::random_token(32);
  s.record.token_sha256 = security::sha256_hex(s.token);
  s.record.creditor_id = customer.creditor_id;
  s.record.customer_id = customer.id;
  s.record.csrf_token = security::random_token(32);
  s.record.language = std::move(language);
  s.record.entered_via = std::move(entered_via);
  s.record.verified_unix = verified ? now_unix : 0;
  s.record.created_unix = now_unix;
  s.record.expires_unix = now_unix + ttl_seconds;
  KULANZ_TRY_STATUS(store.portal().create_portal_session(s.record));
  return s;
}

// Invoices only: fee and interest items are not numbers a customer has on paper.
std::vector<domain::Invoice> invoices_of(const domain::CustomerLedger& ledger) {
  std::vector<domain::Invoice> out;
  for (const auto& i : ledger.invoices) {
    if (i.kind == domain::ItemKind::invoice) out.push_back(i);
  }
  return out;
}

// The customer number as typed: trimmed, at most 100 characters looked at.
std::string normalise_number(std::string_view number) {
  std::size_t a = 0, b = number.size();
  while (a < b && (number[a] == ' ' || number[a] == '\t')) ++a;
  while (b > a && (number[b - 1] == ' ' || number[b - 1] == '\t')) --b;
  return std::string(number.substr(a, std::min<std::size_t>(b - a, 100)));
}

base::Result<bool> answer_matches(ports::LedgerStore& store, const portal::PortalSettings& settings,
                                  const domain::Customer& customer, std::string_view answer) {
  std::vector<domain::Invoice> invoices;
  if (settings.check == domain::IdentityCheck::invoice_number) {
    KULANZ_TRY(ledger, store.load_customer_ledger(customer.creditor_id, customer.id));
    invoices = invoices_of(ledger);
  }
  return domain::identity_answer_matches(settings.check, customer, invoices, answer);
}

std::optional<PortalNextStep> next_step_of(const engine::Evaluation& e, calendar::Date as_of) {
  std::optional<PortalNextStep> best;
  for (const auto& item : e.item_views) {
    if (!item.hold.empty()) continue;
    for (const auto& step : item.steps) {
      if (!step.date || *step.date <= as_of) continue;
      if (step.status != engine::StepStatus::waiting && step.status != engine::StepStatus::deferred) continue;
      if (!best || *step.date < best->date) {
        best = PortalNextStep{*step.date, step.kind, "", {item.number}};
      } else if (*step.date == best->date && step.kind == best->kind &&
                 std::find(best->item_numbers.begin(), best->item_numbers.end(), item.number) == best->item_numbers.end()) {
        best->item_numbers.push_back(item.number);
      }
      break;  // the first step still to come is the item's next one
    }
  }
  return best;
}

}  // namespace

base::Result<std::shared_ptr<const portal::PortalSettings>> portal_settings_for(ports::LedgerStore& store,
                                                                                domain::CreditorId creditor) {
  using Settings = std::shared_ptr<const portal::PortalSettings>;
  KULANZ_TRY(latest, store.portal().latest_portal_file(creditor));
  if (!latest) return Settings(Settings(), &portal::builtin_portal_settings());  // static: nothing to own
  // Parsed files by content; a handful per installation, so the cache is only ever cleared
  // when it grows beyond what that could explain.
  static std::mutex mutex;
  static std::unordered_map<std::string, Settings> parsed_files;
  {
    std::lock_guard lock(mutex);
    if (auto it = parsed_files.find(latest->sha256); it != parsed_files.end()) return it->second;
  }
  auto parsed = portal::parse_portal_settings(latest->content, "portal file v" + std::to_string(latest->version));
  if (!parsed.settings) {
    std::string detail;
    for (const auto& d : parsed.errors) detail += (detail.empty() ? "" : "\n") + d.to_string();
    return fail(ErrorCode::portal_file_invalid, detail);
  }
  auto settings = std::make_shared<const portal::PortalSettings>(std::move(*parsed.settings));
  std::lock_guard lock(mutex);
  if (parsed_files.size() >= 1024) parsed_files.clear();
  parsed_files.emplace(latest->sha256, settings);
  return Settings(settings);
}

base::Result<PortalFileOutcome> load_portal_file(ports::LedgerStore& store, domain::CreditorId creditor,
                                                 std::string_view text, std::string file_name, std::string_view note,
                                                 std::int64_t now_unix) {
  PortalFileOutcome out;
  auto parsed = portal::parse_portal_settings(text, std::move(file_name));
  if (!parsed.settings) {
    out.errors = std::move(parsed.errors);
    return out;
  }
  std::string sha = security::sha256_hex(text);
  KULANZ_TRY(latest, store.portal().latest_portal_file(creditor));
  if (latest && latest->sha256 == sha) {
    out.version = latest->version;
    out.unchanged = true;
    return out;
  }
  ports::PortalFileRecord rec{0, std::string(text), sha, std::string(note), now_unix};
  KULANZ_TRY(version, store.portal().save_portal_file(creditor, rec));
  out.version = version;
  return out;
}

std::string portal_session_ref(const ports::PortalSession& s) { return "portal:" + s.token_sha256.substr(0, 16); }

base::Result<std::optional<OpenedPortalSession>> open_portal_by_link(ports::LedgerStore& store, std::string_view token,
                                                                     std::string_view language, std::int64_t now_unix,
                                                                     std::int64_t ttl_seconds) {
  KULANZ_TRY(link, resolve_portal_token(store, token));
  if (!link) return std::optional<OpenedPortalSession>();
  KULANZ_TRY(customer, store.customer_by_id(link->creditor_id, link->customer_id));
  if (!customer) return std::optional<OpenedPortalSession>();
  KULANZ_TRY(opened, create_session(store, *customer, language_of(language, *customer), "link", false, now_unix,
                                    ttl_seconds));
  return std::optional<OpenedPortalSession>(std::move(opened));
}

base::Result<std::optional<ports::PortalSession>> portal_session_for_cookie(ports::LedgerStore& store,
                                                                            std::string_view cookie_value,
                                                                            std::int64_t now_unix) {
  if (!plausible_session_token(cookie_value)) return std::optional<ports::PortalSession>();
  return store.portal().portal_session(security::sha256_hex(cookie_value), now_unix);
}

base::Result<CheckOutcome> answer_portal_check(ports::LedgerStore& store, const portal::PortalSettings& settings,
                                               const ports::PortalSession& session, std::string_view answer,
                                               std::int64_t now_unix) {
  auto& ps = store.portal();
  KULANZ_TRY(failures, ps.portal_check_failures(session.creditor_id, session.customer_id));
  CheckOutcome out;
  if (auto wait = domain::locked_for(failures, now_unix); wait > 0) {
    out.verdict = CheckVerdict::locked;
    out.locked_for_seconds = wait;
    return out;
  }
  KULANZ_TRY(customer, store.customer_by_id(session.creditor_id, session.customer_id));
  bool right = false;
  if (customer) {
    KULANZ_TRY(matches, answer_matches(store, settings, *customer, answer));
    right = matches;
  }
  if (right) {
    KULANZ_TRY_STATUS(ps.clear_portal_check_failures(session.creditor_id, session.customer_id));
    KULANZ_TRY(marked, ps.set_portal_session_verified(session.token_sha256, now_unix));
    (void)marked;
    out.verdict = CheckVerdict::passed;
    return out;
  }
  auto after = domain::after_wrong_answer(failures, now_unix, settings.check_limits);
  KULANZ_TRY_STATUS(ps.save_portal_check_failures(session.creditor_id, session.customer_id, after));
  if (auto wait = domain::locked_for(after, now_unix); wait > 0) {
    out.verdict = CheckVerdict::locked;
    out.locked_for_seconds = wait;
    return out;
  }
  out.verdict = CheckVerdict::wrong;
  out.attempts_left = std::max(0, settings.check_limits.max_failures - after.failures);
  return out;
}

base::Result<EntryOutcome> enter_portal_by_number(ports::LedgerStore& store, domain::CreditorId creditor,
                                                  const portal::PortalSettings& settings, std::string_view number,
                                                  std::string_view answer, std::string_view language,
                                                  std::int64_t now_unix, std::int64_t ttl_seconds) {
  auto& ps = store.portal();
  std::string typed = normalise_number(number);
  std::string key = security::sha256_hex(typed);
  KULANZ_TRY(failures, ps.portal_entry_failures(creditor, key));
  EntryOutcome out;
  if (auto wait = domain::locked_for(failures, now_unix); wait > 0) {
    out.verdict = CheckVerdict::locked;
    out.locked_for_seconds = wait;
    return out;
  }
  std::optional<domain::Customer> customer;
  if (!typed.empty()) {
    KULANZ_TRY(found, store.customer_by_external_id(creditor, typed));
    customer = std::move(found);
  }
  bool right = false;
  if (customer) {
    KULANZ_TRY(matches, answer_matches(store, settings, *customer, answer));
    right = matches;
  }
  if (right) {
    KULANZ_TRY_STATUS(ps.clear_portal_entry_failures(creditor, key));
    KULANZ_TRY(opened, create_session(store, *customer, language_of(language, *customer), "number", true, now_unix,
                                      ttl_seconds));
    out.verdict = CheckVerdict::passed;
    out.session = std::move(opened);
    return out;
  }
  auto after = domain::after_wrong_answer(failures, now_unix, settings.check_limits);
  KULANZ_TRY_STATUS(ps.save_portal_entry_failures(creditor, key, after));
  if (auto wait = domain::locked_for(after, now_unix); wait > 0) {
    out.verdict = CheckVerdict::locked;
    out.locked_for_seconds = wait;
  }
  return out;
}

base::Result<PortalOverview> portal_overview(ports::LedgerStore& store, domain::CreditorId creditor,
                                             domain::CustomerId customer, calendar::Date as_of, std::int64_t now_unix) {
  KULANZ_TRY(c, store.collection().load_case(creditor, customer, as_of.add_days(-kContactHistoryDays)));
  if (!c) return fail(ErrorCode::customer_unknown, "the customer's records could not be loaded");
  PortalOverview o;
  const auto& ledger = c->ledger;
  o.customer = ledger.customer;
  o.open = domain::open_items(ledger, as_of);
  KULANZ_TRY(bal, domain::balance(ledger, as_of));
  o.balance = bal;
  o.currency = std::string(bal.balance.currency().code());
  for (const auto& item : o.open) {
    if (item.days_past_due > 0) {
      ++o.overdue_count;
    } else if (!o.next_due || item.due_date < *o.next_due) {
      o.next_due = item.due_date;
    }
  }
  for (const auto& i : ledger.invoices) {
    if (i.open.minor() == 0) o.paid.push_back(i);
  }
  for (const auto& a : ledger.allocations) {
    auto [it, fresh] = o.settled_on.emplace(a.invoice_id.value, a.date);
    if (!fresh && it->second < a.date) it->second = a.date;
  }
  std::sort(o.paid.begin(), o.paid.end(), [](const auto& a, const auto& b) {
    return a.due_date != b.due_date ? b.due_date < a.due_date : a.number < b.number;
  });
  o.payments = ledger.payments;
  std::sort(o.payments.begin(), o.payments.end(),
            [](const auto& a, const auto& b) { return a.value_date != b.value_date ? b.value_date < a.value_date : a.id.value > b.id.value; });
  o.credit_notes = ledger.credit_notes;
  for (const auto& h : c->holds) {
    if (h.ended_on || h.starts_on > as_of) continue;
    o.holds.push_back(PortalHold{h.kind, h.invoice_ids, h.starts_on, h.until});
  }
  // What happens next, as the engine would decide it; an overview without it beats none.
  if (!o.open.empty()) {
    auto collection = current_collection(store, creditor, now_unix);
    if (collection) {
      engine::EvaluationContext ctx;
      ctx.creditor = creditor;
      ctx.as_of = as_of;
      ctx.catalog = collection->catalog();
      ctx.base_rates = &law::builtin_base_rates();
      ctx.with_details = true;
      auto evaluation = engine::evaluate(ctx, *c);
      o.next_step = next_step_of(evaluation, as_of);
    }
  }
  return o;
}

}  // namespace kulanz::services
