#pragma once
// The messages a customer's arrangement in the portal brings (docs/PORTAL.md): the
// confirmation of a promise to pay, the confirmation of a payment plan with its schedule,
// and a reminder a few days before each instalment. They are outbox entries like the
// run's messages, written in the transaction of the arrangement, so the dispatcher sends
// them on the customer's usable channels (e-mail, else SMS, else letter, within the
// contact policy's hours) with the same delivery guarantee and contact history.
//
// Their idempotency keys name what they are about:
//   portal:promise:<interaction id>        promise_confirmation
//   portal:plan:<plan id>                  payment_plan_confirmation
//   portal:instalment:<plan id>:<number>   instalment_reminder
// The dispatcher reads them to fill the promise's and the plan's values, and sends them
// although the items are on hold (the hold is what they confirm); it cancels them when
// nothing of the items is open any more, and a reminder also when its plan ended or the
// instalment is already paid.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "calendar/date.hpp"
#include "engine/policy.hpp"
#include "ports/ledger_store.hpp"
#include "services/portal_actions.hpp"

namespace kulanz::services {

inline constexpr int kInstalmentReminderDays = 3;  // the reminder goes out this many days before the due day

enum class PortalMessage { none, promise_confirmation, plan_confirmation, instalment_reminder };
PortalMessage portal_message_kind(std::string_view template_name);

// What an entry's key names: the plan (plan and instalment messages) and the instalment.
struct PortalMessageKey {
  std::int64_t plan_id = 0;
  int instalment = 0;
};
std::optional<PortalMessageKey> parse_portal_message_key(std::string_view idempotency_key);

// Queue inside the caller's transaction, in the hours of the creditor's contact `policy`
// (services::current_collection, read before the transaction). Nothing is queued when the
// customer has no usable channel.
base::Status queue_promise_confirmation(ports::LedgerStore& store, const engine::ContactPolicyConfig& policy,
                                        const PortalActor& actor, const std::vector<domain::InvoiceId>& items,
                                        std::int64_t interaction_id);
base::Status queue_plan_messages(ports::LedgerStore& store, const engine::ContactPolicyConfig& policy,
                                 const PortalActor& actor, const ports::PaymentPlanRecord& plan);

}  // namespace kulanz::services
