#include "services/letter_layout.hpp"

#include "comms/format.hpp"
#include "documents/creditor_reference.hpp"
#include "base/text.hpp"
#include "documents/epc_payload.hpp"
#include "documents/iban.hpp"

namespace kulanz::services {
namespace {

using domain::Language;

// The few words of the layout that are not in the templates.
struct Words {
  const char* customer_number;
  const char* date;
  const char* reference;
  const char* invoice;
  const char* issued;
  const char* due;
  const char* amount;
  const char* open;
  const char* open_invoices;
  const char* fees;
  const char* interest;
  const char* total;
  const char* transfer;
  const char* holder;
  const char* purpose;
  const char* sum;
  const char* scan;
  const char* page;
  const char* phone;
  const char* dear_business;
  const char* dear_person;
};

const Words& words(Language l) {
  static const Words de{"Kundennummer", "Datum", "Zahlungsreferenz", "Rechnung", "Datum", "Fällig", "Betrag", "Offen",
                        "Offene Rechnungen", "Mahnkosten", "Verzugszinsen", "Gesamtbetrag", "Bequem überweisen",
                        "Empfänger", "Verwendungszweck", "Betrag", "GiroCode: mit der Banking-App scannen",
                        "Seite {page} von {pages}", "Telefon", "Sehr geehrte Damen und Herren", "Guten Tag "};
  static const Words en{"Customer number", "Date", "Payment reference", "Invoice", "Date", "Due", "Amount", "Open",
                        "Open invoices", "Dunning fees", "Default interest", "Total due", "Pay by bank transfer",
                        "Account holder", "Reference", "Amount", "Scan the code with your banking app",
                        "Page {page} of {pages}", "Phone", "Dear Sir or Madam", "Dear "};
  return l == Language::en ? en : de;
}

// Paragraphs of a letter body: separated by empty lines.
std::vector<std::string> paragraphs(const std::string& body) {
  std::vector<std::string> out;
  std::string current;
  std::size_t start = 0;
  while (start <= body.size()) {
    std::size_t end = body.find('\n', start);
    if (end == std::string::npos) end = body.size();
    const std::string line = body.substr(start, end - start);
    if (line.find_first_not_of(" \t\r") == std::string::npos) {
      if (!current.empty()) out.push_back(current);
      current.clear();
    } else {
      current += (current.empty() ? "" : "\n") + line;
    }
    start = end + 1;
  }
  if (!current.empty()) out.push_back(current);
  return out;
}

// A table row's label: the invoice number, or for the fees and interest the engine posted
// (numbered in German, e.g. "Verzugszinsen zu R-4 bis 09.03.2026") a short label in the
// letter's language; the dates are in the row's own columns.
std::string item_label(const domain::Invoice& i, Language lang) {
  if (i.kind == domain::ItemKind::invoice) return i.number;
  const bool en = lang == Language::en;
  auto starts = [&](std::string_view p) { return i.number.rfind(p, 0) == 0; };
  auto rest = [&](std::string_view p) { return i.number.substr(p.size()); };
  if (starts("Verzugszinsen zu ")) {
    std::string on = rest("Verzugszinsen zu ");
    if (const auto until = on.rfind(" bis "); until != std::string::npos) on.resize(until);
    return (en ? "Interest on " : "Zinsen zu ") + on;
  }
  if (starts("Pauschale §288 Abs. 5 BGB zu ")) {
    return (en ? "Flat fee (§ 288(5) BGB), " : "Pauschale § 288 Abs. 5 BGB, ") + rest("Pauschale §288 Abs. 5 BGB zu ");
  }
  if (starts("Mahngebühr")) return en ? "Dunning fee" : "Mahngebühr";
  return i.number;
}

}  // namespace

std::string letter_salutation(const domain::Customer& customer) {
  const Words& w = words(customer.language);
  return customer.type == domain::CustomerType::business ? std::string(w.dear_business)
                                                         : std::string(w.dear_person) + customer.name;
}

base::Result<documents::Letter> lay_out_letter(const LetterLayout& in) {
  const domain::CreditorProfile& profile = in.profile;
  const domain::Customer& customer = in.customer;
  const std::string& holder = in.holder;
  const Language lang = customer.language;
  const Words& w = words(lang);
  auto money = [&](std::int64_t minor) { return comms::format_money(minor, in.currency, lang); };
  auto date = [&](calendar::Date d) { return comms::format_date(d, lang); };
  std::int64_t open_minor = 0, fees_minor = 0, interest_minor = 0;
  for (const auto& i : in.items) {
    if (i.kind == domain::ItemKind::fee) fees_minor += i.open.minor();
    else if (i.kind == domain::ItemKind::interest) interest_minor += i.open.minor();
    else open_minor += i.open.minor();
  }
  const std::int64_t total_minor = open_minor + fees_minor + interest_minor;
  const std::string reference = documents::format_rf(in.reference);
  const std::string iban = documents::format_iban(profile.iban);

  documents::Letter letter;
  letter.creditor.name = holder;
  letter.creditor.address_lines = {profile.street, profile.postal_code + " " + profile.city};
  if (!profile.phone.empty()) letter.creditor.contact_lines.push_back(std::string(w.phone) + " " + profile.phone);
  if (!profile.email.empty()) letter.creditor.contact_lines.push_back(profile.email);
  if (!profile.website.empty()) letter.creditor.contact_lines.push_back(profile.website);
  letter.creditor.logo_png = profile.logo_png;
  letter.return_address = holder + " · " + profile.street + " · " + profile.postal_code + " " + profile.city;
  letter.recipient_lines = {customer.name, customer.street, customer.postal_code + " " + customer.city};
  if (!customer.country.empty() && customer.country != "DE") letter.recipient_lines.push_back(customer.country);
  letter.info = {{w.customer_number, customer.external_id}, {w.date, date(in.as_of)}, {w.reference, reference}};
  letter.subject = in.subject;
  // The table follows the opening (salutation and first paragraph); the rest comes after it.
  const auto parts = paragraphs(in.body);
  for (std::size_t i = 0; i < parts.size(); ++i) (i < 2 ? letter.body : letter.after_table).push_back(parts[i]);
  letter.items.columns = {{w.invoice, documents::Align::left, 3},
                          {w.issued, documents::Align::left, 2},
                          {w.due, documents::Align::left, 2},
                          {w.amount, documents::Align::right, 2},
                          {w.open, documents::Align::right, 2}};
  for (const auto& i : in.items) {
    letter.items.rows.push_back({item_label(i, lang), date(i.issue_date), date(i.due_date), money(i.amount.minor()),
                                 money(i.open.minor())});
  }
  letter.items.summary.push_back({w.open_invoices, money(open_minor), false});
  if (fees_minor > 0) letter.items.summary.push_back({w.fees, money(fees_minor), false});
  if (interest_minor > 0) letter.items.summary.push_back({w.interest, money(interest_minor), false});
  letter.items.summary.push_back({w.total, money(total_minor), true});
  // Without bank details (no IBAN in the profile) there is nothing to transfer to: no box.
  if (!profile.iban.empty()) {
    documents::PaymentBox box;
    box.title = w.transfer;
    box.lines = {{w.holder, holder}, {"IBAN", iban}};
    if (!profile.bic.empty()) box.lines.push_back({"BIC", profile.bic});
    box.lines.push_back({w.purpose, reference});
    box.lines.push_back({w.sum, money(total_minor)});
    if (in.currency == "EUR" && total_minor > 0) {
      documents::CreditTransfer t;
      t.bic = profile.bic;
      t.name = std::string(base::utf8_prefix(holder, documents::epc_max_name_chars));
      t.iban = profile.iban;
      t.amount_minor = total_minor;
      t.reference = in.reference;
      KULANZ_TRY(payload, documents::epc_payload(t));
      box.epc_payload = payload;
      box.qr_caption = w.scan;
    }
    letter.payment = box;
  }
  letter.footer_columns = {{holder, profile.street, profile.postal_code + " " + profile.city}};
  std::vector<std::string> legal;
  for (const auto* s : {&profile.register_entry, &profile.vat_id, &profile.management}) {
    if (!s->empty()) legal.push_back(*s);
  }
  if (!legal.empty()) letter.footer_columns.push_back(legal);
  std::vector<std::string> bank;
  if (!profile.bank_name.empty()) bank.push_back(profile.bank_name);
  if (!profile.iban.empty()) bank.push_back("IBAN " + iban);
  if (!profile.bic.empty()) bank.push_back("BIC " + profile.bic);
  if (!bank.empty()) letter.footer_columns.push_back(bank);
  letter.page_label_format = w.page;
  letter.pdf_title = in.subject;
  letter.pdf_creation_date = in.as_of.iso();
  return letter;
}

}  // namespace kulanz::services
