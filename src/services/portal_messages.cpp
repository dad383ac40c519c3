#include "services/portal_messages.hpp"

#include <charconv>

#include "engine/policy.hpp"

namespace kulanz::services {
namespace {

using engine::StepChannel;

std::optional<std::int64_t> number_of(std::string_view text) {
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v <= 0) return std::nullopt;
  return v;
}

// One message to the session's customer on `day`, on the first usable channel with the
// others as fallbacks.
base::Status queue(ports::LedgerStore& store, const engine::ContactPolicyConfig& policy, const PortalActor& actor,
                   std::string key, std::string template_name, const std::vector<domain::InvoiceId>& items,
                   calendar::Date day, std::string reason) {
  const auto creditor = actor.session.creditor_id;
  KULANZ_TRY(customer, store.customer_by_id(creditor, actor.session.customer_id));
  if (!customer) return base::fail(base::ErrorCode::customer_unknown, "the session's customer does not exist");
  engine::PolicyCustomer pc;
  pc.state = customer->state;
  pc.time_zone = customer->time_zone;
  pc.contacts = customer->contacts;
  pc.has_postal_address = !customer->street.empty() && !customer->postal_code.empty() && !customer->city.empty();
  std::vector<StepChannel> usable;
  for (auto ch : {StepChannel::email, StepChannel::sms, StepChannel::letter}) {
    if (engine::check_channel(pc, ch).usable) usable.push_back(ch);
  }
  if (usable.empty()) return {};
  engine::OutboxEntry e;
  e.customer_id = customer->id;
  e.idempotency_key = std::move(key);
  e.decision_key = e.idempotency_key;
  e.channel = usable.front();
  e.fallbacks.assign(usable.begin() + 1, usable.end());
  e.template_name = std::move(template_name);
  e.tone = "friendly";
  e.language = std::string(domain::to_string(customer->language));
  e.invoice_ids = items;
  e.local_day = day;
  auto window = engine::send_window(policy, e.channel, customer->time_zone, day);
  if (!window) window = engine::send_window(policy, e.channel, "Europe/Berlin", day);
  if (!window) return base::fail(window.error());
  e.send_from_unix = window->from_unix;
  e.send_until_unix = window->to_unix;
  e.reason = std::move(reason);
  KULANZ_TRY(inserted, store.dispatch().insert_outbox_entry(creditor, e));
  (void)inserted;
  return {};
}

}  // namespace

PortalMessage portal_message_kind(std::string_view template_name) {
  if (template_name == "promise_confirmation") return PortalMessage::promise_confirmation;
  if (template_name == "payment_plan_confirmation") return PortalMessage::plan_confirmation;
  if (template_name == "instalment_reminder") return PortalMessage::instalment_reminder;
  return PortalMessage::none;
}

std::optional<PortalMessageKey> parse_portal_message_key(std::string_view key) {
  // A fallback's key carries "~<channel>" after the original key.
  key = key.substr(0, key.find('~'));
  constexpr std::string_view plan = "portal:plan:", instalment = "portal:instalment:";
  PortalMessageKey out;
  if (key.rfind(plan, 0) == 0) {
    auto id = number_of(key.substr(plan.size()));
    if (!id) return std::nullopt;
    out.plan_id = *id;
    return out;
  }
  if (key.rfind(instalment, 0) == 0) {
    auto rest = key.substr(instalment.size());
    auto colon = rest.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    auto id = number_of(rest.substr(0, colon));
    auto n = number_of(rest.substr(colon + 1));
    if (!id || !n || *n > 1000) return std::nullopt;
    out.plan_id = *id;
    out.instalment = static_cast<int>(*n);
    return out;
  }
  return std::nullopt;
}

base::Status queue_promise_confirmation(ports::LedgerStore& store, const engine::ContactPolicyConfig& policy,
                                        const PortalActor& actor, const std::vector<domain::InvoiceId>& items,
                                        std::int64_t interaction_id) {
  return queue(store, policy, actor, "portal:promise:" + std::to_string(interaction_id), "promise_confirmation", items,
               actor.today, "the customer promised to pay in the portal");
}

base::Status queue_plan_messages(ports::LedgerStore& store, const engine::ContactPolicyConfig& policy,
                                 const PortalActor& actor, const ports::PaymentPlanRecord& plan) {
  const std::string id = std::to_string(plan.id);
  KULANZ_TRY_STATUS(queue(store, policy, actor, "portal:plan:" + id, "payment_plan_confirmation", plan.invoice_ids, actor.today,
                          "the customer agreed a payment plan in the portal"));
  for (const auto& i : plan.instalments) {
    const calendar::Date day = i.due_on.add_days(-kInstalmentReminderDays);
    if (day <= actor.today) continue;
    KULANZ_TRY_STATUS(queue(store, policy, actor, "portal:instalment:" + id + ":" + std::to_string(i.number),
                            "instalment_reminder", plan.invoice_ids, day,
                            "instalment " + std::to_string(i.number) + " of payment plan " + id + " is due on " +
                                i.due_on.iso()));
  }
  return {};
}

}  // namespace kulanz::services
