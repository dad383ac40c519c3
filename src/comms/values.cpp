#include "comms/values.hpp"


#include "comms/mustache_data.hpp"
#include "comms/text_output.hpp"

namespace kulanz::comms {
namespace {

using K = VariableKind;

struct Entry {
  Variable info;
  std::string Values::*text = nullptr;
  bool Values::*flag = nullptr;
  std::string ItemValues::*item_field = nullptr;
  std::string InstalmentValues::*plan_field = nullptr;
};

Entry text(std::string_view name, std::string Values::*member, std::string_view meaning, std::string_view example) {
  return Entry{Variable{name, K::text, {}, meaning, example}, member, nullptr, nullptr, nullptr};
}
Entry flag(std::string_view name, bool Values::*member, std::string_view meaning) {
  return Entry{Variable{name, K::flag, {}, meaning, "yes / no"}, nullptr, member, nullptr, nullptr};
}
Entry list(std::string_view name, std::string_view meaning) {
  return Entry{Variable{name, K::list, {}, meaning, {}}, nullptr, nullptr, nullptr, nullptr};
}
Entry item(std::string_view name, std::string ItemValues::*member, std::string_view meaning, std::string_view example) {
  return Entry{Variable{name, K::field, "items", meaning, example}, nullptr, nullptr, member, nullptr};
}
Entry instalment(std::string_view name, std::string InstalmentValues::*member, std::string_view meaning, std::string_view example) {
  return Entry{Variable{name, K::field, "plan", meaning, example}, nullptr, nullptr, nullptr, member};
}

const std::vector<Entry>& entries() {
  static const std::vector<Entry> table = {
      text("salutation", &Values::salutation, "the salutation, without a comma (the caller chooses it)", "Sehr geehrte Frau Müller"),
      text("customer_name", &Values::customer_name, "the customer's name", "Anna Müller"),
      text("customer_number", &Values::customer_number, "the customer's number at the creditor", "K-10023"),
      text("creditor_name", &Values::creditor_name, "the creditor's name", "Stadtwerke Beispielstadt GmbH"),
      text("creditor_phone", &Values::creditor_phone, "the creditor's phone number for customers (optional)", "0800 123 4567"),
      text("creditor_email", &Values::creditor_email, "the creditor's email address for customers (optional)", "service@stadtwerke-beispielstadt.de"),
      list("items", "the invoices (and other receivables) the message is about"),
      item("number", &ItemValues::number, "the item's number", "2026-1042"),
      item("issue_date", &ItemValues::issue_date, "the item's date", "01.10.2026"),
      item("due_date", &ItemValues::due_date, "the item's due date", "31.10.2026"),
      item("amount", &ItemValues::amount, "the item's original amount", "123,45 €"),
      item("open", &ItemValues::open, "what is still open of the item", "98,45 €"),
      text("item_count", &Values::item_count, "the number of items", "2"),
      flag("several_items", &Values::several_items, "more than one item"),
      text("item_numbers", &Values::item_numbers, "the items' numbers, separated by commas", "2026-1042, 2026-1077"),
      text("due_date", &Values::due_date, "the earliest due date of the items", "31.10.2026"),
      text("days_overdue", &Values::days_overdue, "days since that due date (empty before it)", "12"),
      text("total_open", &Values::total_open, "what is open of the items", "1.234,56 €"),
      text("fees", &Values::fees, "open fees (dunning fee, §288 flat fee)", "2,50 €"),
      flag("has_fees", &Values::has_fees, "there are open fees"),
      text("interest", &Values::interest, "open default interest", "3,12 €"),
      flag("has_interest", &Values::has_interest, "there is open default interest"),
      text("interest_rate", &Values::interest_rate, "the yearly default-interest rate (optional)", "10,27 %"),
      text("total_due", &Values::total_due, "total_open + fees + interest: what to pay", "1.240,18 €"),
      text("pay_by", &Values::pay_by, "the date by which payment is asked for", "07.12.2026"),
      text("as_of", &Values::as_of, "the date of the figures", "23.11.2026"),
      text("portal_url", &Values::portal_url, "the customer's personal portal link", "https://portal.stadtwerke-beispielstadt.de/p/8f3k2x"),
      text("iban", &Values::iban, "the creditor's IBAN for transfers", "DE02 1203 0000 0000 2020 51"),
      text("bic", &Values::bic, "the creditor's BIC (optional)", "BYLADEM1001"),
      text("account_holder", &Values::account_holder, "the account holder of that IBAN", "Stadtwerke Beispielstadt GmbH"),
      text("reference", &Values::reference, "the payment reference (ISO 11649 RF creditor reference)", "RF18 5390 0754 7034"),
      flag("default_notice", &Values::default_notice, "this reminder puts a consumer in default (§286 Abs. 1 BGB)"),
      flag("printed_layout", &Values::printed_layout,
           "the PDF letter prints the items table and the payment box itself; letter bodies leave them out"),
      list("plan", "the instalments of a payment plan"),
      instalment("number", &InstalmentValues::number, "the instalment's number", "1"),
      instalment("due_date", &InstalmentValues::due_date, "the instalment's due date", "01.12.2026"),
      instalment("amount", &InstalmentValues::amount, "the instalment's amount", "100,00 €"),
      text("plan_total", &Values::plan_total, "the total of the payment plan", "600,00 €"),
      text("plan_instalment_count", &Values::plan_instalment_count, "the number of instalments", "6"),
      text("instalment_number", &Values::instalment_number, "the instalment a reminder is about", "2"),
      text("instalment_due_date", &Values::instalment_due_date, "its due date", "01.01.2027"),
      text("instalment_amount", &Values::instalment_amount, "its amount", "100,00 €"),
      text("promise_date", &Values::promise_date, "the date the customer promised to pay by", "05.12.2026"),
      text("promise_amount", &Values::promise_amount, "the amount promised", "250,00 €"),
      text("dispute_item", &Values::dispute_item, "what the dispute or question is about", "Rechnung 2026-1042"),
      text("dispute_reference", &Values::dispute_reference, "the case number of the dispute", "F-2026-0042"),
      text("dispute_reply_by", &Values::dispute_reply_by, "the date the creditor answers by", "07.12.2026"),
      text("payables", &Values::payables, "what the creditor owes the customer (netting; call scripts)", "3.400,00 €"),
      text("broken_promises", &Values::broken_promises, "promises to pay broken in the last 12 months (call scripts)", "2"),
      text("last_contact", &Values::last_contact, "the last contact, in words (call scripts)", "Zahlungserinnerung per E-Mail am 14.11.2026"),
  };
  return table;
}

const std::vector<Variable>& variables() {
  static const std::vector<Variable> list = [] {
    std::vector<Variable> out;
    for (const auto& e : entries()) out.push_back(e.info);
    return out;
  }();
  return list;
}

// A text value: absent when empty; inside list entries an explicit "false" (see header).
void put(kainjow::mustache::data& object, std::string_view name, const std::string& value, bool in_list) {
  if (!value.empty()) {
    object.set(std::string(name), kainjow::mustache::data(without_marker(value)));
  } else if (in_list) {
    object.set(std::string(name), kainjow::mustache::data(false));
  }
}

}  // namespace

std::string_view to_string(VariableKind k) {
  switch (k) {
    case VariableKind::text: return "text";
    case VariableKind::flag: return "flag";
    case VariableKind::list: return "list";
    case VariableKind::field: return "field";
  }
  return "text";
}

std::span<const Variable> vocabulary() { return variables(); }

const Variable* find_variable(std::string_view name) {
  for (const auto& v : variables()) {
    if (v.kind != VariableKind::field && v.name == name) return &v;
  }
  return nullptr;
}

const Variable* find_field(std::string_view list_name, std::string_view name) {
  for (const auto& v : variables()) {
    if (v.kind == VariableKind::field && v.list == list_name && v.name == name) return &v;
  }
  return nullptr;
}

kainjow::mustache::data to_mustache_data(const Values& values) {
  using kainjow::mustache::data;
  data root{data::type::object};
  for (const auto& e : entries()) {
    if (e.text != nullptr) put(root, e.info.name, values.*(e.text), false);
    if (e.flag != nullptr && values.*(e.flag)) root.set(std::string(e.info.name), data(true));
  }
  data items{data::type::list};
  for (const auto& it : values.items) {
    data entry{data::type::object};
    for (const auto& e : entries()) {
      if (e.item_field != nullptr) put(entry, e.info.name, it.*(e.item_field), true);
    }
    items.push_back(entry);
  }
  root.set("items", items);
  data plan{data::type::list};
  for (const auto& inst : values.plan) {
    data entry{data::type::object};
    for (const auto& e : entries()) {
      if (e.plan_field != nullptr) put(entry, e.info.name, inst.*(e.plan_field), true);
    }
    plan.push_back(entry);
  }
  root.set("plan", plan);
  return root;
}

}  // namespace kulanz::comms
