#include "services/direct_debits.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "calendar/target2.hpp"
#include "documents/direct_debit.hpp"
#include "money/money.hpp"
#include "services/portal.hpp"

namespace kulanz::services {

namespace {

using base::ErrorCode;

// A recurring mandate's invoice must have been issued this many days before the
// collection day: the invoice is the pre-notification, whose period the mandate text
// shortens to two days.
constexpr int kPrenotificationDays = 2;
// A mandate not used for 36 months expires (SEPA Core rulebook).
constexpr int kMandateExpiryMonths = 36;

std::string eur(std::int64_t minor) { return money::format_decimal(minor, 2) + " EUR"; }

calendar::Date signed_on(const ports::MandateRecord& m) { return calendar::Date::from_unix_utc(m.signed_unix); }

// The day after which a recurring mandate without a newer collection has expired.
calendar::Date expires_after(const ports::MandateRecord& m, const std::vector<const ports::SepaCollectionRecord*>& done) {
  calendar::Date last = signed_on(m);
  for (const auto* c : done) last = std::max(last, c->collection_on);
  return last.add_months(kMandateExpiryMonths);
}

std::string remittance_for(const std::vector<std::string>& numbers) {
  std::string text = numbers.size() == 1 ? "Rechnung " : "Rechnungen ";
  for (std::size_t k = 0; k < numbers.size(); ++k) text += (k ? ", " : "") + numbers[k];
  return text;
}

base::Status check_collection_date(calendar::Date on, calendar::Date today) {
  if (!calendar::is_target2_day(on)) {
    return base::fail(ErrorCode::collection_date_invalid,
                      on.iso() + " is not a TARGET2 business day (weekends, 1 January, Good Friday, Easter Monday, "
                                 "1 May, 25 and 26 December are closed); the next one is " +
                          calendar::target2_days_after(on, 1).iso(),
                      "collection_date");
  }
  const calendar::Date earliest = calendar::target2_days_after(today, 1);
  if (on < earliest) {
    return base::fail(ErrorCode::collection_date_invalid,
                      on.iso() + " is too early: SEPA Core debits reach the bank at least one TARGET2 business day "
                                 "before the collection day; the earliest is " +
                          earliest.iso(),
                      "collection_date");
  }
  return {};
}

// What one customer's mandates collect on the day.
struct CustomerPlan {
  std::vector<PlannedDebit> debits;
  std::vector<SkippedMandate> skipped;
};

struct Context {
  calendar::Date on;
  std::set<std::int64_t> collected_items;                    // invoice ids of every earlier debit
  std::set<std::int64_t> single_items;                       // items of single mandates that can still collect
  std::map<std::int64_t, std::vector<const ports::SepaCollectionRecord*>> by_mandate;
};

base::Result<CustomerPlan> plan_customer(ports::LedgerStore& store, domain::CreditorId creditor, domain::CustomerId customer,
                                         const std::vector<const ports::MandateRecord*>& mandates, const Context& ctx) {
  CustomerPlan plan;
  KULANZ_TRY(ledger, store.load_customer_ledger(creditor, customer));
  KULANZ_TRY(holds, store.collection().list_holds(creditor, customer, true));
  const std::string number = ledger.customer.external_id;

  std::int64_t unallocated = 0;
  for (const auto& p : ledger.payments) unallocated += p.unallocated.minor();
  for (const auto& n : ledger.credit_notes) unallocated += n.unallocated.minor();
  // Items under a hold that is not ended (other than `own`, a single mandate's hold).
  auto held = [&](domain::InvoiceId item, std::int64_t own) {
    for (const auto& h : holds) {
      if (h.id == own) continue;
      if (h.invoice_ids.empty()) return true;
      if (std::find(h.invoice_ids.begin(), h.invoice_ids.end(), item) != h.invoice_ids.end()) return true;
    }
    return false;
  };
  auto skip = [&](const ports::MandateRecord& m, std::string reason) {
    plan.skipped.push_back({m.reference, number, std::move(reason)});
  };
  std::set<std::int64_t> taken;  // items a debit of this run collects

  for (const auto* mp : mandates) {
    const auto& m = *mp;
    const auto done_it = ctx.by_mandate.find(m.id);
    const std::vector<const ports::SepaCollectionRecord*> none;
    const auto& done = done_it == ctx.by_mandate.end() ? none : done_it->second;
    PlannedDebit d;
    d.mandate_id = m.id;
    d.mandate_reference = m.reference;
    d.customer_id = customer;
    d.customer_number = number;
    d.scope = m.scope;

    if (m.scope == "single") {
      if (!m.collection_on || *m.collection_on != ctx.on) continue;
      if (!done.empty()) {
        skip(m, "collected before (message " + done.front()->message_id + ")");
        continue;
      }
      if (m.currency != "EUR") {
        skip(m, "its currency is " + m.currency + ", SEPA debits are in euro");
        continue;
      }
      std::int64_t open = 0;
      bool any_held = false, any_collected = false;
      for (const auto& item : m.invoice_ids) {
        auto it = std::find_if(ledger.invoices.begin(), ledger.invoices.end(), [&](const auto& i) { return i.id == item; });
        if (it == ledger.invoices.end() || it->open.minor() <= 0) continue;
        if (ctx.collected_items.count(item.value) || taken.count(item.value)) {
          any_collected = true;
          continue;
        }
        if (held(item, m.hold_id)) {
          any_held = true;
          continue;
        }
        open += it->open.minor();
        d.items.push_back(item);
        d.item_numbers.push_back(it->number.empty() ? it->external_id : it->number);
      }
      if (d.items.empty()) {
        skip(m, any_held        ? "its open items are on hold"
                : any_collected ? "its open items were collected by another debit"
                                : "its items are paid");
        continue;
      }
      if (unallocated > 0) {
        skip(m, "the customer has " + eur(unallocated) +
                    " of payments or credit notes not yet allocated; allocate them, then export again");
        continue;
      }
      d.sequence_type = "OOFF";
      d.amount_minor = std::min(open, m.amount_minor);
    } else {
      if (m.currency != "EUR") continue;
      const calendar::Date signed_day = signed_on(m);
      const calendar::Date expiry = expires_after(m, done);
      std::int64_t open = 0;
      for (const auto& i : ledger.invoices) {
        if (i.kind != domain::ItemKind::invoice || i.open.minor() <= 0) continue;
        if (i.open.currency().code() != "EUR") continue;
        if (i.due_date > ctx.on) continue;
        if (i.issue_date < signed_day) continue;  // the mandate covers future invoices
        if (i.issue_date.add_days(kPrenotificationDays) > ctx.on) continue;
        if (ctx.collected_items.count(i.id.value) || ctx.single_items.count(i.id.value) || taken.count(i.id.value)) continue;
        if (held(i.id, 0)) continue;
        open += i.open.minor();
        d.items.push_back(i.id);
        d.item_numbers.push_back(i.number.empty() ? i.external_id : i.number);
      }
      if (d.items.empty()) continue;
      if (expiry < ctx.on) {
        skip(m, "expired: not used for 36 months (since " + expiry.add_months(-kMandateExpiryMonths).iso() +
                    "); the customer needs to give a new mandate");
        continue;
      }
      if (unallocated > 0) {
        skip(m, "the customer has " + eur(unallocated) +
                    " of payments or credit notes not yet allocated; allocate them, then export again");
        continue;
      }
      d.sequence_type = done.empty() ? "FRST" : "RCUR";
      d.amount_minor = open;
    }
    for (const auto& item : d.items) taken.insert(item.value);
    plan.debits.push_back(std::move(d));
  }
  return plan;
}

documents::SequenceType sequence(const std::string& s) {
  if (s == "FRST") return documents::SequenceType::frst;
  if (s == "RCUR") return documents::SequenceType::rcur;
  return documents::SequenceType::ooff;
}

std::string message_id_for(std::int64_t now_unix, std::size_t earlier_messages) {
  const calendar::Date day = calendar::Date::from_unix_utc(now_unix);
  std::int64_t secs = now_unix % 86400;
  if (secs < 0) secs += 86400;
  std::string stamp = day.iso();
  stamp.erase(std::remove(stamp.begin(), stamp.end(), '-'), stamp.end());
  char hms[8];
  std::snprintf(hms, sizeof hms, "%02d%02d%02d", static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                static_cast<int>(secs % 60));
  return "KLZ" + stamp + hms + "-" + std::to_string(earlier_messages + 1);
}

}  // namespace

base::Result<DirectDebitExport> export_direct_debits(ports::LedgerStore& store, const DirectDebitRequest& r,
                                                     const std::function<base::Status(const DirectDebitExport&)>& deliver) {
  KULANZ_TRY_STATUS(check_collection_date(r.collection_on, r.today));
  DirectDebitExport out;
  auto done = ports::in_transaction(store, [&]() -> base::Status {
    out = DirectDebitExport{};
    KULANZ_TRY(mandates, store.portal().list_mandates(r.creditor, std::nullopt, true));
    KULANZ_TRY(collections, store.portal().list_sepa_collections(r.creditor, std::nullopt));
    Context ctx;
    ctx.on = r.collection_on;
    std::set<std::string> messages;
    for (const auto& c : collections) {
      for (const auto& i : c.invoice_ids) ctx.collected_items.insert(i.value);
      ctx.by_mandate[c.mandate_id].push_back(&c);
      messages.insert(c.message_id);
    }
    std::map<std::int64_t, std::vector<const ports::MandateRecord*>> by_customer;
    // A single mandate that can still collect keeps its items from recurring mandates; one
    // whose day passed without an export (the earliest possible day is after it) does not.
    const calendar::Date earliest = calendar::target2_days_after(r.today, 1);
    for (const auto& m : mandates) {
      if (m.scope == "single" && m.collection_on && *m.collection_on >= earliest && !ctx.by_mandate.count(m.id)) {
        for (const auto& i : m.invoice_ids) ctx.single_items.insert(i.value);
      }
      by_customer[m.customer_id.value].push_back(&m);
    }
    for (const auto& [customer, list] : by_customer) {
      KULANZ_TRY(plan, plan_customer(store, r.creditor, domain::CustomerId(customer), list, ctx));
      for (auto& d : plan.debits) out.debits.push_back(std::move(d));
      for (auto& s : plan.skipped) out.skipped.push_back(std::move(s));
    }
    if (out.debits.empty()) return {};

    // The creditor: identifier from the portal file, account and name from the profile.
    KULANZ_TRY(settings, portal_settings_for(store, r.creditor));
    if (settings->creditor_identifier.empty()) {
      return base::fail(ErrorCode::direct_debit_invalid,
                        "the creditor's portal file names no SEPA creditor identifier: set [payment] "
                        "creditor_identifier and load the file with `kulanz portal load`",
                        "creditor_identifier");
    }
    KULANZ_TRY(creditor, store.find_creditor(std::to_string(r.creditor.value)));
    KULANZ_TRY(profile, store.creditor_profile(r.creditor));
    if (!profile || profile->iban.empty()) {
      return base::fail(ErrorCode::direct_debit_invalid,
                        "the creditor's profile has no IBAN to collect to: set it with `kulanz creditor profile --iban`",
                        "creditor_iban");
    }
    documents::DirectDebitFile file;
    out.message_id = message_id_for(r.now_unix, messages.size());
    file.message_id = out.message_id;
    file.created_unix = r.now_unix;
    file.creditor_name = !profile->legal_name.empty() ? profile->legal_name : creditor ? creditor->name : std::string();
    file.creditor_iban = profile->iban;
    file.creditor_bic = profile->bic;
    file.creditor_identifier = settings->creditor_identifier;
    std::map<std::int64_t, const ports::MandateRecord*> by_id;
    for (const auto& m : mandates) by_id[m.id] = &m;
    for (std::size_t k = 0; k < out.debits.size(); ++k) {
      auto& d = out.debits[k];
      d.end_to_end_id = out.message_id + "-" + std::to_string(k + 1);
      const auto& m = *by_id.at(d.mandate_id);
      documents::DirectDebit dd;
      dd.end_to_end_id = d.end_to_end_id;
      dd.amount_minor = d.amount_minor;
      dd.mandate_reference = m.reference;
      dd.mandate_signed_on = signed_on(m);
      dd.sequence = sequence(d.sequence_type);
      dd.collection_on = r.collection_on;
      dd.debtor_name = m.account_holder;
      dd.debtor_iban = m.iban;
      dd.remittance = remittance_for(d.item_numbers);
      file.debits.push_back(std::move(dd));
      out.total_minor += d.amount_minor;
    }
    KULANZ_TRY(message, documents::write_pain008(file));
    out.xml = std::move(message.xml);
    out.payment_infos = message.payment_infos;
    if (r.dry_run) return {};

    for (const auto& d : out.debits) {
      ports::SepaCollectionRecord c;
      c.mandate_id = d.mandate_id;
      c.customer_id = d.customer_id;
      c.sequence_type = d.sequence_type;
      c.invoice_ids = d.items;
      c.amount_minor = d.amount_minor;
      c.currency = "EUR";
      c.collection_on = r.collection_on;
      c.message_id = out.message_id;
      c.end_to_end_id = d.end_to_end_id;
      c.created_unix = r.now_unix;
      KULANZ_TRY_STATUS(store.portal().add_sepa_collection(r.creditor, c));
    }
    out.recorded = true;
    if (deliver) KULANZ_TRY_STATUS(deliver(out));
    return {};
  });
  if (!done) return base::fail(std::move(done).error());
  return out;
}

base::Result<std::vector<MandateOverview>> mandate_overview(ports::LedgerStore& store, domain::CreditorId creditor,
                                                            calendar::Date today) {
  KULANZ_TRY(mandates, store.portal().list_mandates(creditor, std::nullopt, false));
  KULANZ_TRY(collections, store.portal().list_sepa_collections(creditor, std::nullopt));
  std::map<std::int64_t, std::vector<const ports::SepaCollectionRecord*>> by_mandate;
  for (const auto& c : collections) by_mandate[c.mandate_id].push_back(&c);
  std::map<std::int64_t, domain::Customer> customers;
  std::vector<MandateOverview> out;
  for (const auto& m : mandates) {
    MandateOverview o;
    o.mandate = m;
    if (!customers.count(m.customer_id.value)) {
      KULANZ_TRY(c, store.customer_by_id(creditor, m.customer_id));
      customers[m.customer_id.value] = c ? *c : domain::Customer{};
    }
    o.customer_number = customers[m.customer_id.value].external_id;
    o.customer_name = customers[m.customer_id.value].name;
    const std::vector<const ports::SepaCollectionRecord*> none;
    const auto it = by_mandate.find(m.id);
    const auto& done = it == by_mandate.end() ? none : it->second;
    for (const auto* c : done) {
      ++o.collections;
      o.collected_minor += c->amount_minor;
      if (!o.last_collection_on || c->collection_on > *o.last_collection_on) o.last_collection_on = c->collection_on;
    }
    if (m.revoked_unix != 0) {
      o.status = "revoked";
    } else if (m.scope == "single") {
      o.status = o.collections > 0 ? "collected"
                 : (m.collection_on && *m.collection_on < calendar::target2_days_after(today, 1)) ? "lapsed"
                                                                   : "in_force";
    } else {
      o.status = expires_after(m, done) < today ? "expired" : "in_force";
    }
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace kulanz::services
