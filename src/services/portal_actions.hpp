#pragma once
// What a customer changes in the portal (docs/PORTAL.md, "Actions"): each action checks
// the creditor's portal file, writes its change of state (a hold the engine sees on its
// next run, a plan, a task for the workspace) and the portal interaction that records
// who, when and from which session, all in one transaction. Nothing is written when the
// request is refused.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "calendar/date.hpp"
#include "portal/plan.hpp"
#include "portal/settings.hpp"
#include "ports/ledger_store.hpp"

namespace kulanz::services {

// Why a request was not accepted, for the form: the field and the text's key in the
// portal's word catalog with its arguments.
struct Refusal {
  std::string field;
  std::string key;
  std::vector<std::string> args;
};

struct ActionOutcome {
  std::int64_t interaction_id = 0;  // 0 when refused
  std::optional<Refusal> refused;
};

// Who acts: the session (its customer and creditor), the day and the time.
struct PortalActor {
  const ports::PortalSession& session;
  calendar::Date today;
  std::int64_t now_unix = 0;
};

// ---- Promise to pay -------------------------------------------------------------------------

// What a promise would cover today: the customer's open items that no dispute, plan or
// promise holds already, and their sum.
struct PromiseScope {
  std::vector<domain::InvoiceId> items;
  std::int64_t amount_minor = 0;
  std::string currency;
  bool already_promised = false;  // an active promise or plan covers open items
  calendar::Date latest;          // today + the policy's max_days
};
base::Result<PromiseScope> promise_scope(ports::LedgerStore& store, const portal::PortalSettings& settings,
                                         const PortalActor& actor);

// A promise to pay the open items by `until` (today .. today + max_days): a
// promise_to_pay hold until that day (the engine resumes the journey when the day passes
// with the items still open) and the interaction. `summary`: one line in the customer's
// language.
base::Result<ActionOutcome> promise_to_pay(ports::LedgerStore& store, const portal::PortalSettings& settings,
                                           const PortalActor& actor, calendar::Date until, const std::string& summary);

// ---- Payment plan ---------------------------------------------------------------------------

// What a plan would cover: the open items without a hold of their own, their total, and
// the instalment counts within the creditor's policy for that total.
struct PlanScope {
  std::vector<domain::InvoiceId> items;
  std::int64_t total_minor = 0;
  std::string currency;
  bool already_arranged = false;     // an active plan or promise covers open items
  std::vector<int> allowed_counts;   // instalment counts within policy (ascending), maybe empty
  calendar::Date first_due;          // the first instalment's day
};
base::Result<PlanScope> plan_scope(ports::LedgerStore& store, const portal::PortalSettings& settings,
                                   const PortalActor& actor);

// A plan of `count` monthly instalments over the scope's items. Within policy: the plan
// with its schedule, a payment_plan hold until its last instalment, the interaction (kind
// plan). Outside policy (or `wish` not empty): a request for a collector (a task of kind
// plan_request with the customer's wish) and the interaction (kind plan_request); the
// journey goes on until a collector agrees.
struct PlanOutcome {
  ActionOutcome action;
  bool approved = false;
  std::int64_t plan_id = 0;
  std::vector<portal::Instalment> schedule;
};
base::Result<PlanOutcome> arrange_plan(ports::LedgerStore& store, const portal::PortalSettings& settings,
                                       const PortalActor& actor, int count, const std::string& wish,
                                       const std::string& summary);

// Reviews the creditor's active plans on a collection run's day (before the customers are
// evaluated): a plan whose items are all paid is completed and its hold ended; a plan with
// less paid than the instalments due `grace_days` ago or earlier is broken and its hold
// ended as broken, so the journey resumes at once. Paid = the plan's total minus what is
// still open of its items. One transaction.
struct PlanReview {
  std::int64_t completed = 0;
  std::int64_t broken = 0;
};
inline constexpr int kPlanGraceDays = 5;
base::Result<PlanReview> review_payment_plans(ports::LedgerStore& store, domain::CreditorId creditor,
                                              calendar::Date as_of, std::int64_t now_unix,
                                              int grace_days = kPlanGraceDays);

// ---- SEPA direct-debit mandate ---------------------------------------------------------------

struct MandateRequest {
  std::string account_holder;  // as typed
  std::string iban;            // as typed (spaces allowed)
  bool recurring = false;      // future invoices too; else this payment only
  bool consent = false;        // the mandate text was agreed to
};

// What a single-payment mandate would collect and when (the pay page's amount, Skonto
// deducted; three TARGET2 business days ahead, so that the pre-notification comes first).
struct MandateScope {
  std::int64_t amount_minor = 0;
  std::string currency;
  std::vector<domain::InvoiceId> items;
  calendar::Date collection_on;
  bool arranged = false;  // a promise or plan covers open items: no single debit on top
};
base::Result<MandateScope> mandate_scope(ports::LedgerStore& store, const portal::PortalSettings& settings,
                                         const PortalActor& actor);

// Grants a mandate: checked (direct_debit offered with a creditor identifier, consent,
// holder 2..70 characters, IBAN by ISO 13616 / mod 97, euro), stored with a new mandate
// reference; a single one also puts the items on a promise hold until five days after the
// collection day (the journey resumes when the money does not come). `summarize` gives
// the interaction's line once the reference is known.
struct MandateOutcome {
  ActionOutcome action;
  ports::MandateRecord mandate;
};
base::Result<MandateOutcome> grant_mandate(ports::LedgerStore& store, const portal::PortalSettings& settings,
                                           const PortalActor& actor, const MandateRequest& request,
                                           const std::function<std::string(const ports::MandateRecord&)>& summarize);

// Revokes one of the session's customer's mandates in force, ends its hold, records the
// interaction (kind mandate_revoked); refused when there is no such mandate.
base::Result<ActionOutcome> revoke_mandate(ports::LedgerStore& store, const PortalActor& actor, std::int64_t mandate_id,
                                           const std::string& summary);

// ---- Question or dispute --------------------------------------------------------------------

inline constexpr std::size_t kMaxDisputeFiles = 3;
inline constexpr std::size_t kMaxDisputeFileBytes = 5 * 1024 * 1024;
inline constexpr std::size_t kMaxDisputeMessageChars = 2000;

struct Attachment {
  std::string name;   // the file's name as the browser sent it
  std::string bytes;
};

struct DisputeRequest {
  std::string item;     // the invoice's external id
  std::string reason;   // a code of the portal file's dispute reasons
  std::string message;  // optional
  std::vector<Attachment> files;
};

struct DisputeOutcome {
  ActionOutcome action;
  std::string reference;  // "F-<customer number>-<n>"
  std::string bad_file;   // refused because of this file
};

// A question or dispute about one of the customer's invoices: the reason from the
// creditor's list, a message, up to three documents (PDF, JPEG or PNG by their content,
// at most 5 MiB each). Writes the interaction (kind dispute) with its documents, a task of
// kind dispute for the workspace and, while the invoice is open, a dispute hold on it
// (the item leaves dunning until a collector ends the hold). `summarize(reference, item
// number)` gives the interaction's line.
base::Result<DisputeOutcome> raise_dispute(
    ports::LedgerStore& store, const portal::PortalSettings& settings, const PortalActor& actor,
    const DisputeRequest& request, const std::function<std::string(const std::string&, const std::string&)>& summarize);

// ---- Credit note request --------------------------------------------------------------------

struct CreditNoteRequest {
  std::string item;     // the invoice's external id
  std::string reason;   // a code of the portal file's credit-note reasons
  std::string amount;   // optional, as typed ("12,50"): the amount the customer asks to be credited
  std::string message;  // optional
};

// A reference the customer can quote ("G-<customer number>-<n>", "R-…") and the outcome.
struct RequestOutcome {
  ActionOutcome action;
  std::string reference;
};

// Asks for a credit note on one of the customer's invoices: the reason from the creditor's
// list, an optional amount (positive, at most the invoice's amount) and message. Writes the
// interaction (kind credit_note) and a task of kind credit_note for the workspace; dunning
// goes on (a dispute is the way to pause it). `summarize(reference, invoice number)` gives
// the interaction's line.
base::Result<RequestOutcome> request_credit_note(
    ports::LedgerStore& store, const portal::PortalSettings& settings, const PortalActor& actor,
    const CreditNoteRequest& request, const std::function<std::string(const std::string&, const std::string&)>& summarize);

// ---- Callback request -----------------------------------------------------------------------

// The days a callback may be asked for: the next `days_ahead` business days after today
// (Monday to Friday without the public holidays of the customer's state, or without the
// nationwide ones when the state is unknown), the creditor's windows, and the customer's
// phone number on file (E.164, empty when none).
struct CallbackOffer {
  std::vector<calendar::Date> days;
  std::vector<portal::CallbackWindow> windows;
  std::string phone;
};
base::Result<CallbackOffer> callback_offer(ports::LedgerStore& store, const portal::PortalSettings& settings,
                                           const PortalActor& actor);

struct CallbackRequest {
  std::string phone;   // as typed; German numbers without +49 are accepted
  std::string day;     // YYYY-MM-DD, one of the offer's days
  std::string window;  // "08:00-10:00", one of the offer's windows
  std::string topic;   // optional
};

// A callback: writes the interaction (kind callback) and a task of kind callback due on the
// chosen day, whose note names the window, the number and the topic. `summarize(day,
// window)` gives the interaction's line. Refused: callback_off (no windows), callback_phone_invalid,
// callback_day_invalid, callback_window_invalid.
base::Result<RequestOutcome> request_callback(ports::LedgerStore& store, const portal::PortalSettings& settings,
                                              const PortalActor& actor, const CallbackRequest& request,
                                              const std::function<std::string(calendar::Date, const std::string&)>& summarize);

// ---- Contact preferences --------------------------------------------------------------------

// How the customer wants to be contacted, as typed in the form.
struct PreferencesRequest {
  std::string language;  // de or en
  std::string email;     // may be empty
  bool email_consent = false;
  std::string mobile;    // for SMS; German numbers without +49 are accepted
  bool sms_consent = false;
  std::string phone;     // for calls
  bool phone_consent = false;
};

// Stores the customer's choices (domain::ContactPreferences), which apply at once to the
// customer's language and contacts and stay over later imports, and records the
// interaction (kind preferences, with what was there before). Refused:
// preferences_language_invalid, preferences_email_invalid, preferences_mobile_invalid,
// preferences_phone_invalid (not a valid address or number), and
// preferences_consent_without_address (field email, mobile or phone).
// `summarize` gives the interaction's line from the new choices.
base::Result<ActionOutcome> save_contact_preferences(
    ports::LedgerStore& store, const PortalActor& actor, const PreferencesRequest& request,
    const std::function<std::string(const domain::ContactPreferences&)>& summarize);

// ---- Rating ---------------------------------------------------------------------------------

// Rates one of the session's customer's interactions (good, neutral, bad) with an optional
// comment (at most 1000 characters, control characters removed); false when it is not that
// customer's, does not exist or was rated already.
base::Result<bool> rate_interaction(ports::LedgerStore& store, const PortalActor& actor, std::int64_t interaction_id,
                                    std::string_view rating, std::string_view comment);

}  // namespace kulanz::services
