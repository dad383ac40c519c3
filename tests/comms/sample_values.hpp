#pragma once
// A complete value set as a caller would build it: every variable of the vocabulary set,
// amounts and dates formatted with format.hpp for the language.
#include "comms/format.hpp"
#include "comms/values.hpp"

namespace kulanz::comms::testing {

inline calendar::Date date(const char* iso) { return calendar::Date::parse_iso(iso).value(); }

inline Values sample_values(Language lang, bool several_items = true) {
  auto money = [&](std::int64_t minor) { return format_money(minor, "EUR", lang); };
  auto day = [&](const char* iso) { return format_date(date(iso), lang); };
  bool de = lang == Language::de;
  Values v;
  v.salutation = de ? "Sehr geehrte Frau Müller" : "Dear Ms Müller";
  v.customer_name = "Anna Müller";
  v.customer_number = "K-10023";
  v.creditor_name = "Stadtwerke Beispielstadt";
  v.creditor_phone = "0800 123 4567";
  v.creditor_email = "service@stadtwerke-beispielstadt.de";
  v.items.push_back({"2026-1042", day("2026-10-01"), day("2026-10-31"), money(12345), money(9845)});
  std::int64_t open_minor = 9845;
  if (several_items) {
    v.items.push_back({"2026-1077", day("2026-10-15"), day("2026-11-14"), money(113923), money(113923)});
    open_minor += 113923;
  }
  v.item_count = format_integer(static_cast<std::int64_t>(v.items.size()), lang);
  v.several_items = several_items;
  v.item_numbers = several_items ? "2026-1042, 2026-1077" : "2026-1042";
  v.due_date = day("2026-10-31");
  v.days_overdue = "23";
  v.total_open = money(open_minor);
  v.fees = money(250);
  v.has_fees = true;
  v.interest = money(312);
  v.has_interest = true;
  v.interest_rate = format_percent(1027, lang);
  v.total_due = money(open_minor + 250 + 312);
  v.pay_by = day("2026-12-07");
  v.as_of = day("2026-11-23");
  v.portal_url = "https://portal.stadtwerke-beispielstadt.de/p/8f3k2x";
  v.iban = "DE02 1203 0000 0000 2020 51";
  v.bic = "BYLADEM1001";
  v.account_holder = "Stadtwerke Beispielstadt GmbH";
  v.reference = "RF18 5390 0754 7034";
  v.default_notice = true;
  v.plan = {{"1", day("2026-12-01"), money(41500)}, {"2", day("2027-01-01"), money(41500)}, {"3", day("2027-02-01"), money(41330)}};
  v.plan_total = money(124330);
  v.plan_instalment_count = "3";
  v.instalment_number = "2";
  v.instalment_due_date = day("2027-01-01");
  v.instalment_amount = money(41500);
  v.promise_date = day("2026-12-05");
  v.promise_amount = money(25000);
  v.dispute_item = de ? "Rechnung 2026-1042" : "invoice 2026-1042";
  v.dispute_reference = "F-2026-0042";
  v.dispute_reply_by = day("2026-12-07");
  v.payables = money(340000);
  v.broken_promises = "2";
  v.last_contact = de ? "Zahlungserinnerung per E-Mail am 14.11.2026" : "payment reminder by email on 14/11/2026";
  return v;
}

}  // namespace kulanz::comms::testing
