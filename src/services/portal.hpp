#pragma once
// The use cases behind the customer portal (docs/PORTAL.md): the creditor's portal file,
// sessions opened by a personal link or by customer number and check, the light identity
// check with its lock, and the customer's overview (what is due, by when, what happens
// next). No HTTP here: the pages (src/http/portal*.cpp) call these with the request's
// database session and time.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "calendar/date.hpp"
#include "domain/ledger.hpp"
#include "engine/records.hpp"
#include "portal/settings.hpp"
#include "ports/ledger_store.hpp"

namespace kulanz::services {

// ---- The portal file ------------------------------------------------------------------------

// The settings that apply to a creditor: its latest portal file, else the shipped default.
// A file is parsed once per content (kept by its SHA-256 for the process), since every
// portal page needs the settings.
base::Result<std::shared_ptr<const portal::PortalSettings>> portal_settings_for(ports::LedgerStore& store,
                                                                                domain::CreditorId creditor);

struct PortalFileOutcome {
  std::int64_t version = 0;                // 0 when nothing was stored
  std::vector<portal::Diagnostic> errors;  // the file's problems; nothing stored when any
  bool unchanged = false;                  // the same text is the latest version already
};
// Checks a portal file and stores it as the creditor's next version (unless it has errors
// or equals the latest).
base::Result<PortalFileOutcome> load_portal_file(ports::LedgerStore& store, domain::CreditorId creditor,
                                                 std::string_view text, std::string file_name, std::string_view note,
                                                 std::int64_t now_unix);

// ---- Sessions and the identity check ------------------------------------------------------

struct OpenedPortalSession {
  std::string token;  // for the cookie; never stored
  ports::PortalSession record;
};

// The reference to a session that records and histories carry: "portal:" + the first 16
// hex digits of its token hash (identifies the session, opens nothing).
std::string portal_session_ref(const ports::PortalSession& s);

// Opens a session for the customer whose personal link `token` is; nullopt for a token
// that is unknown or revoked (the two look alike). `language`: "de" or "en", or empty for
// the customer's own language.
base::Result<std::optional<OpenedPortalSession>> open_portal_by_link(ports::LedgerStore& store, std::string_view token,
                                                                     std::string_view language, std::int64_t now_unix,
                                                                     std::int64_t ttl_seconds);

// The live session of a cookie value; nullopt when the value has not the shape of our
// tokens (no query then), is unknown, or expired.
base::Result<std::optional<ports::PortalSession>> portal_session_for_cookie(ports::LedgerStore& store,
                                                                            std::string_view cookie_value,
                                                                            std::int64_t now_unix);

enum class CheckVerdict { passed, wrong, locked };
struct CheckOutcome {
  CheckVerdict verdict = CheckVerdict::wrong;
  std::int64_t locked_for_seconds = 0;  // locked: how long still
  int attempts_left = 0;                // wrong: answers left before the lock
};

// The light check of a session opened by link. A right answer marks the session verified
// and clears the customer's failures; a wrong one counts (and may lock); while locked, no
// answer is looked at.
base::Result<CheckOutcome> answer_portal_check(ports::LedgerStore& store, const portal::PortalSettings& settings,
                                               const ports::PortalSession& session, std::string_view answer,
                                               std::int64_t now_unix);

struct EntryOutcome {
  CheckVerdict verdict = CheckVerdict::wrong;
  std::int64_t locked_for_seconds = 0;
  std::optional<OpenedPortalSession> session;  // passed: a verified session
};

// Entry with customer number and check: counted per typed number (whether or not a
// customer has it), so the answers look the same for numbers that exist and those that do
// not. A customer number is compared as the creditor stores it, trimmed.
base::Result<EntryOutcome> enter_portal_by_number(ports::LedgerStore& store, domain::CreditorId creditor,
                                                  const portal::PortalSettings& settings, std::string_view number,
                                                  std::string_view answer, std::string_view language,
                                                  std::int64_t now_unix, std::int64_t ttl_seconds);

// ---- What the customer sees ---------------------------------------------------------------

// A hold that pauses reminders for some or all of the customer's items.
struct PortalHold {
  engine::HoldKind kind = engine::HoldKind::manual;
  std::vector<domain::InvoiceId> items;  // empty: all
  calendar::Date since;
  std::optional<calendar::Date> until;
};

// The next step the collection journey plans for an open item.
struct PortalNextStep {
  calendar::Date date;
  std::string kind;  // the step's kind: reminder, fee, interest, call, escalation, ...
  std::string channel;  // email, sms, letter, phone, or empty
  std::vector<std::string> item_numbers;
};

struct PortalOverview {
  domain::Customer customer;
  std::string currency;
  std::vector<domain::OpenItem> open;       // by due date
  std::vector<domain::Invoice> paid;        // items with nothing open, newest due date first
  // When each paid item was settled: the date of its last allocation (by invoice id).
  std::map<std::int64_t, calendar::Date> settled_on;
  std::vector<domain::Payment> payments;    // newest first
  std::vector<domain::CreditNote> credit_notes;
  domain::Balance balance;
  std::optional<calendar::Date> next_due;   // earliest due date of an item not yet overdue
  std::int64_t overdue_count = 0;
  std::vector<PortalHold> holds;            // active ones
  std::optional<PortalNextStep> next_step;  // nothing planned: nullopt
};

// The customer's overview at `as_of`. The next step comes from the engine's evaluation of
// the day (as `kulanz explain` shows it); when that cannot be computed, it is left out.
base::Result<PortalOverview> portal_overview(ports::LedgerStore& store, domain::CreditorId creditor,
                                             domain::CustomerId customer, calendar::Date as_of, std::int64_t now_unix);

}  // namespace kulanz::services
