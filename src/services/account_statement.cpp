#include "services/account_statement.hpp"

#include <algorithm>

#include "comms/format.hpp"
#include "documents/creditor_reference.hpp"
#include "documents/letter_pdf.hpp"
#include "domain/ledger.hpp"
#include "services/letter_layout.hpp"

namespace kulanz::services {
namespace {

using domain::Language;

// At least six digits, so that a reference looks like one ("RF47 0000 2S").
std::string base36(std::int64_t v) {
  static const char* digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  std::string out;
  do {
    out.insert(out.begin(), digits[v % 36]);
    v /= 36;
  } while (v > 0);
  if (out.size() < 6) out.insert(0, 6 - out.size(), '0');
  return out;
}

struct Words {
  const char* subject;
  const char* intro;          // "{from}" and "{to}" replaced
  const char* nothing_open;
  const char* please_pay;
  const char* date;
  const char* entry;
  const char* debit;
  const char* credit;
  const char* balance;
  const char* opening;
  const char* closing;
  const char* invoice;
  const char* fee;
  const char* interest;
  const char* credit_note;
  const char* payment;
  const char* file;
};

const Words& words(Language l) {
  static const Words de{"Kontoauszug", "Ihr Kontoauszug vom {from} bis {to}: alle Rechnungen, Gebühren, Zinsen, Gutschriften und Zahlungen mit dem laufenden Saldo.",
                        "Bei Ihnen ist nichts offen. Vielen Dank.", "Offen ist der Saldo am Ende des Auszugs. Für die Zahlung nutzen Sie bitte die Angaben unten.",
                        "Datum", "Buchung", "Soll", "Haben", "Saldo", "Anfangssaldo", "Saldo am ",
                        "Rechnung ", "Gebühr ", "Zinsen ", "Gutschrift ", "Zahlung ", "Kontoauszug"};
  static const Words en{"Statement of account", "Your statement of account from {from} to {to}: every invoice, fee, interest item, credit note and payment with the running balance.",
                        "Nothing is open on your account. Thank you.", "The balance at the end of the statement is open. To pay, please use the details below.",
                        "Date", "Entry", "Debit", "Credit", "Balance", "Opening balance", "Balance on ",
                        "Invoice ", "Fee ", "Interest ", "Credit note ", "Payment ", "Statement"};
  return l == Language::en ? en : de;
}

std::string replace_all(std::string s, std::string_view what, const std::string& with) {
  for (auto at = s.find(what); at != std::string::npos; at = s.find(what, at + with.size())) s.replace(at, what.size(), with);
  return s;
}

}  // namespace

base::Result<std::string> rf_reference_for(ports::LedgerStore& store, domain::CreditorId creditor,
                                           domain::CustomerId customer, std::vector<domain::InvoiceId> items,
                                           std::int64_t amount_minor, const std::string& currency,
                                           std::int64_t now_unix) {
  std::sort(items.begin(), items.end());
  ports::PaymentReference ref;
  ref.creditor_id = creditor;
  ref.customer_id = customer;
  ref.invoice_ids = std::move(items);
  ref.amount_minor = amount_minor;
  ref.currency = currency;
  ref.created_unix = now_unix;
  KULANZ_TRY_STATUS(store.payment_reference_for(ref));
  return documents::make_rf(base36(ref.id));
}

base::Result<AccountStatement> compose_account_statement(ports::LedgerStore& store, domain::CreditorId creditor,
                                                         domain::CustomerId customer, calendar::Date as_of,
                                                         domain::Language language, std::int64_t now_unix) {
  KULANZ_TRY(ledger, store.load_customer_ledger(creditor, customer));
  KULANZ_TRY(creditors, store.list_creditors());
  auto cr = std::find_if(creditors.begin(), creditors.end(), [&](const auto& c) { return c.id == creditor; });
  if (cr == creditors.end()) return base::fail(base::ErrorCode::creditor_unknown, "no such creditor");
  KULANZ_TRY(profile, store.creditor_profile(creditor));
  domain::CreditorProfile p = profile.value_or(domain::CreditorProfile{});
  const Words& w = words(language);
  auto money = [&](const money::Money& m) { return comms::format_money(m, language); };
  auto date = [&](calendar::Date d) { return comms::format_date(d, language); };

  calendar::Date from = as_of;
  for (const auto& i : ledger.invoices) from = std::min(from, i.issue_date);
  for (const auto& n : ledger.credit_notes) from = std::min(from, n.issue_date);
  for (const auto& pay : ledger.payments) from = std::min(from, pay.value_date);
  KULANZ_TRY(st, domain::statement(ledger, from, as_of));

  // The open items, for the payment box and its reference.
  std::vector<domain::Invoice> open;
  std::vector<domain::InvoiceId> open_ids;
  std::int64_t open_minor = 0;
  for (const auto& i : ledger.invoices) {
    if (i.open.minor() > 0) {
      open.push_back(i);
      open_ids.push_back(i.id);
      open_minor += i.open.minor();
    }
  }
  std::string currency(cr->currency.code());
  if (!ledger.invoices.empty()) currency = std::string(ledger.invoices.front().amount.currency().code());

  AccountStatement out;
  out.currency = currency;
  out.closing_balance_minor = st.closing_balance.minor();
  if (open_minor > 0) {
    KULANZ_TRY(rf, rf_reference_for(store, creditor, customer, open_ids, open_minor, currency, now_unix));
    out.reference = rf;
  }

  LetterLayout layout;
  layout.holder = p.legal_name.empty() ? cr->name : p.legal_name;
  layout.profile = p;
  layout.customer = ledger.customer;
  layout.customer.language = language;
  layout.as_of = as_of;
  layout.subject = w.subject;
  layout.body = replace_all(replace_all(w.intro, "{from}", date(from)), "{to}", date(as_of));
  layout.body += "\n\n" + std::string(open_minor > 0 ? w.please_pay : w.nothing_open);
  layout.items = open;
  layout.currency = currency;
  layout.reference = out.reference.empty() ? std::string("RF18000000") : out.reference;
  KULANZ_TRY(letter, lay_out_letter(layout));
  letter.salutation.clear();
  if (open_minor == 0) {
    letter.payment.reset();
    letter.info.pop_back();  // no payment reference without anything to pay
  }
  // The statement's own table instead of the open items.
  letter.items = documents::ItemsTable{};
  letter.items.columns = {{w.date, documents::Align::left, 2},
                          {w.entry, documents::Align::left, 4},
                          {w.debit, documents::Align::right, 2},
                          {w.credit, documents::Align::right, 2},
                          {w.balance, documents::Align::right, 2}};
  letter.items.rows.push_back({date(from), w.opening, "", "", money(st.opening_balance)});
  for (const auto& e : st.entries) {
    std::string label;
    switch (e.kind) {
      case domain::StatementEntryKind::invoice: label = w.invoice + e.reference; break;
      case domain::StatementEntryKind::fee: label = w.fee + e.reference; break;
      case domain::StatementEntryKind::interest: label = w.interest + e.reference; break;
      case domain::StatementEntryKind::credit_note: label = w.credit_note + e.reference; break;
      case domain::StatementEntryKind::payment: label = w.payment + e.reference; break;
      case domain::StatementEntryKind::opening_balance: label = w.opening; break;
    }
    letter.items.rows.push_back({date(e.date), label, e.debit.minor() ? money(e.debit) : "",
                                 e.credit.minor() ? money(e.credit) : "", money(e.running_balance)});
  }
  letter.items.summary = {{w.closing + date(as_of), money(st.closing_balance), true}};
  letter.pdf_title = std::string(w.subject) + " " + ledger.customer.external_id;
  letter.pdf_creation_date = as_of.iso();
  KULANZ_TRY(pdf, documents::render_letter_pdf(letter));
  out.pdf = std::move(pdf);
  out.entries = static_cast<int>(st.entries.size());
  out.file_name = std::string(w.file) + "-" + ledger.customer.external_id + "-" + as_of.iso() + ".pdf";
  return out;
}

}  // namespace kulanz::services
