#pragma once
// The values a message is rendered with: one fixed vocabulary shared by every template
// (docs/TEMPLATES.md lists each variable with its meaning and an example).
//
// Every value is text the caller has already formatted for the message's language
// (format.hpp). An empty text is absent: {{name}} renders nothing, {{#name}}...{{/name}}
// is skipped and {{^name}}...{{/name}} is shown, so optional values (bic, creditor_phone,
// interest_rate, ...) need no flag of their own.
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kulanz::comms {

// One entry of {{#items}}: an invoice or other receivable the message is about.
struct ItemValues {
  std::string number;      // "2026-1042"
  std::string issue_date;  // "01.10.2026"
  std::string due_date;    // "31.10.2026"
  std::string amount;      // "123,45 €": the item's original amount
  std::string open;        // "98,45 €": what is still open of it
};

// One entry of {{#plan}}: an instalment of a payment plan.
struct InstalmentValues {
  std::string number;    // "1"
  std::string due_date;  // "01.12.2026"
  std::string amount;    // "100,00 €"
};

struct Values {
  // The customer.
  std::string salutation;       // "Sehr geehrte Frau Müller" / "Dear Ms Müller" (no comma)
  std::string customer_name;    // "Anna Müller"
  std::string customer_number;  // "K-10023"

  // The creditor.
  std::string creditor_name;   // "Stadtwerke Beispielstadt GmbH"
  std::string creditor_phone;  // "0800 123 4567"
  std::string creditor_email;  // "service@stadtwerke-beispielstadt.de"

  // The items and amounts.
  std::vector<ItemValues> items;
  std::string item_count;    // "2"
  bool several_items = false;  // more than one item
  std::string item_numbers;  // "2026-1042, 2026-1077"
  std::string due_date;      // the earliest due date of the items
  std::string days_overdue;  // days since that due date, "12"; empty before it
  std::string total_open;    // what is open of the items
  std::string fees;          // open fees (dunning fee, §288 flat fee)
  bool has_fees = false;
  std::string interest;  // open default interest
  bool has_interest = false;
  std::string interest_rate;  // the yearly default-interest rate, "10,27 %"
  std::string total_due;      // total_open + fees + interest: what to pay
  std::string pay_by;         // the date asked for
  std::string as_of;          // the date of the figures, "23.11.2026"

  // How to pay.
  std::string portal_url;      // the customer's personal portal link
  std::string iban;            // "DE02 1203 0000 0000 2020 51"
  std::string bic;             // "BYLADEM1001"
  std::string account_holder;  // "Stadtwerke Beispielstadt GmbH"
  std::string reference;       // the ISO 11649 creditor reference, "RF18 5390 0754 7034"

  // This reminder puts a consumer in default (§286 Abs. 1 BGB): the message says so.
  bool default_notice = false;

  // The letter is laid out by kulanz's PDF renderer, which prints the items table with the
  // totals and the payment box (bank details, GiroCode) itself: the letter body leaves them out.
  bool printed_layout = false;

  // A payment plan.
  std::vector<InstalmentValues> plan;
  std::string plan_total;             // "600,00 €"
  std::string plan_instalment_count;  // "6"
  std::string instalment_number;      // the instalment a reminder is about, "2"
  std::string instalment_due_date;    // "01.01.2027"
  std::string instalment_amount;      // "100,00 €"

  // A promise to pay.
  std::string promise_date;    // "05.12.2026"
  std::string promise_amount;  // "250,00 €"

  // A dispute or question.
  std::string dispute_item;       // "Rechnung 2026-1042" / "invoice 2026-1042"
  std::string dispute_reference;  // "F-2026-0042"
  std::string dispute_reply_by;   // "07.12.2026"

  // For the collector's call scripts.
  std::string payables;         // what the creditor owes the customer (netting), "3.400,00 €"
  std::string broken_promises;  // promises to pay broken in the last 12 months, "2"
  std::string last_contact;     // "Zahlungserinnerung per E-Mail am 14.11.2026"
};

enum class VariableKind {
  text,   // {{name}}; also {{#name}} / {{^name}} for present / absent
  flag,   // yes or no: only {{#name}} / {{^name}}
  list,   // {{#name}}...{{/name}} repeats for each entry; its fields are used inside
  field,  // a field of a list's entries, used inside {{#list}}...{{/list}}
};
std::string_view to_string(VariableKind);

struct Variable {
  std::string_view name;
  VariableKind kind = VariableKind::text;
  std::string_view list;     // for fields: the list they belong to ("items", "plan")
  std::string_view meaning;  // one line
  std::string_view example;  // a German example value
};

// The whole vocabulary, in the order of the documentation.
std::span<const Variable> vocabulary();
// A top-level variable (text, flag or list) by name, or nullptr.
const Variable* find_variable(std::string_view name);
// A field of the list `list` by name, or nullptr.
const Variable* find_field(std::string_view list, std::string_view name);

}  // namespace kulanz::comms
