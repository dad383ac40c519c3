#pragma once
// A creditor's portal file (docs/PORTAL.md): the identity check the portal asks, the
// payment plans and promises a customer may choose alone, the ways to pay, the reasons
// offered for disputes and credit notes, the callback windows and the knowledge base.
// TOML in, validated values out, every problem with its position. Pure: no I/O.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/identity_check.hpp"
#include "domain/types.hpp"
#include "engine/collection.hpp"
#include "money/currency.hpp"

namespace kulanz::portal {

using engine::Diagnostic;
using engine::SourcePos;

// A text shown to customers, in both portal languages.
struct Text {
  std::string de, en;
  const std::string& in(domain::Language l) const { return l == domain::Language::en ? en : de; }
};

struct Reason {
  std::string code;  // stored with the request; [a-z0-9_], at most 40 characters
  Text label;
};

struct PlanPolicy {
  bool enabled = true;
  int max_months = 6;                       // 1..60
  std::int64_t min_instalment_minor = 2500;
  int down_payment_percent = 0;             // 0..90: share of the total due with the first instalment
  std::int64_t max_total_minor = 500000;    // 0: no limit
  bool interest_accrues = false;
};

struct PromisePolicy {
  bool enabled = true;
  int max_days = 14;  // 1..90
};

enum class PaymentMethod { transfer, direct_debit, card, paypal, wallet };
std::string_view to_string(PaymentMethod m);

struct CallbackWindow {
  int from_minute = 0;  // minutes after local midnight
  int to_minute = 0;
  std::string label() const;  // "08:00-10:00"
};

struct CallbackPolicy {
  std::vector<CallbackWindow> windows;
  int days_ahead = 10;  // 1..30 business days offered
};

// One answer of the knowledge base. Topics name the places that link to it: fees,
// interest, mandate, payment, plan, promise, dispute, credit_note, callback, data.
struct Answer {
  std::string id;  // [a-z0-9_-], at most 40 characters; unique
  std::vector<std::string> topics;
  Text title, text;  // text: paragraphs separated by empty lines, no markup
};

struct PortalSettings {
  money::Currency currency = money::Currency::eur();
  domain::IdentityCheck check = domain::IdentityCheck::postal_code;
  domain::CheckLimits check_limits;
  PlanPolicy plan;
  PromisePolicy promise;
  std::vector<PaymentMethod> methods;
  // The creditor's SEPA creditor identifier (Gläubiger-Identifikationsnummer, e.g.
  // DE98ZZZ09999999999), electronic form; direct debits are offered only with one.
  std::string creditor_identifier;
  CallbackPolicy callback;
  std::vector<Reason> dispute_reasons, credit_note_reasons;
  std::vector<Answer> answers;

  bool offers(PaymentMethod m) const;
  const Reason* dispute_reason(std::string_view code) const;
  const Reason* credit_note_reason(std::string_view code) const;
  const Answer* answer(std::string_view id) const;
  // The answers linked from a place (topic), in file order.
  std::vector<const Answer*> answers_for(std::string_view topic) const;
};

struct SettingsResult {
  std::optional<PortalSettings> settings;
  std::vector<Diagnostic> errors;  // empty when settings is set
};

// Reads a portal file; `file_name` is used in the diagnostics.
SettingsResult parse_portal_settings(std::string_view text, std::string file_name);

// The shipped default (data/portal/default.toml, compiled in) and its parsed settings.
std::string_view builtin_portal_text();
const PortalSettings& builtin_portal_settings();

// Answers whose title or text contain every word of `query` (case-insensitive for
// ASCII and German umlauts), in the customer's language; at most `limit`.
std::vector<const Answer*> search_answers(const PortalSettings& s, domain::Language language, std::string_view query,
                                          std::size_t limit = 20);

}  // namespace kulanz::portal
