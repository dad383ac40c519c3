#include "sample_letter.hpp"

#include "documents/epc_payload.hpp"

namespace kulanz::documents::test {

std::string sample_epc_payload() {
  CreditTransfer t;
  t.bic = "COBADEFFXXX";
  t.name = "Kulanz Beispiel GmbH Süd";
  t.iban = "DE89370400440532013000";
  t.amount_minor = 36523;
  t.reference = "RF18539007547034";
  t.information = "Kundennummer K-4711";
  return epc_payload(t).value();
}

std::string sample_invoice_number(int i) {
  std::string n = std::to_string(i + 1);
  return "RE-2026-" + std::string(4 - n.size(), '0') + n;
}

Letter sample_letter(int item_rows) {
  Letter l;
  l.creditor.name = "Kulanz Beispiel GmbH Süd";
  l.creditor.address_lines = {"Hauptstraße 1", "10115 Berlin"};
  l.creditor.contact_lines = {"Telefon 030 1234567", "forderungen@kulanz.example"};
  l.return_address = "Kulanz Beispiel GmbH · Hauptstraße 1 · 10115 Berlin";
  l.recipient_lines = {"Herrn", "Jürgen Müller", "Lindenstraße 42", "80331 München"};
  l.info = {{"Kundennummer", "K-4711"}, {"Datum", "01.03.2026"}, {"Ansprechpartner", "Frau Weiß"}};
  l.subject = "Zahlungserinnerung";
  l.salutation = "Sehr geehrter Herr Müller,";
  l.body = {
      "sicher ist es Ihrer Aufmerksamkeit entgangen, dass die folgenden Rechnungen noch offen sind. "
      "Wir bitten Sie, den Gesamtbetrag bis zum 15.03.2026 zu überweisen."};
  l.items.columns = {{"Rechnungsnummer", Align::left, 3},
                     {"Rechnungsdatum", Align::left, 3},
                     {"Fällig am", Align::left, 2},
                     {"Offener Betrag", Align::right, 3}};
  for (int i = 0; i < item_rows; ++i) {
    l.items.rows.push_back({sample_invoice_number(i), "02.01.2026", "01.02.2026", std::to_string(100 + i) + ",00 €"});
  }
  l.items.summary = {{"Mahngebühr", "5,00 €", false},
                     {"Verzugszinsen", "1,23 €", false},
                     {"Gesamtbetrag", "365,23 €", true}};
  l.after_table = {"Sollten Sie die Zahlung bereits veranlasst haben, betrachten Sie dieses Schreiben bitte als "
                   "gegenstandslos."};
  l.closing_lines = {"Mit freundlichen Grüßen", "", "Ihr Forderungsmanagement"};
  l.portal_link = "Online bezahlen oder Ratenzahlung vereinbaren: https://portal.kulanz.example/p/abc123";
  l.portal_url = "https://portal.kulanz.example/p/abc123";
  PaymentBox box;
  box.title = "Zahlungsinformationen";
  box.lines = {{"Kontoinhaber", "Kulanz Beispiel GmbH Süd"},
               {"IBAN", "DE89 3704 0044 0532 0130 00"},
               {"BIC", "COBADEFFXXX"},
               {"Verwendungszweck", "RF18 5390 0754 7034"},
               {"Betrag", "365,23 €"}};
  box.epc_payload = sample_epc_payload();
  box.qr_caption = "Mit Banking-App scannen";
  l.payment = box;
  l.footer_columns = {{"Kulanz Beispiel GmbH Süd", "Amtsgericht Charlottenburg HRB 12345", "Geschäftsführer: Eva Groß"},
                      {"USt-IdNr. DE123456789", "Steuernummer 27/123/45678"},
                      {"Commerzbank", "IBAN DE89 3704 0044 0532 0130 00", "BIC COBADEFFXXX"}};
  l.page_label_format = "Seite {page} von {pages}";
  l.pdf_creation_date = "2026-03-01T09:00:00Z";
  return l;
}

}  // namespace kulanz::documents::test
