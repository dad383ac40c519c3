#pragma once
// The payment reminder the channel tests compose and send.
#include <string>

#include "channels/mime.hpp"

namespace kulanz::channels::test {

// A small, valid one-page PDF written by hand (xref offsets match the bytes).
std::string tiny_pdf();

inline EmailMessage sample_reminder() {
  EmailMessage m;
  m.from = {"Müller & Söhne GmbH – Forderungsmanagement", "mahnung@mueller-soehne.example.de"};
  m.to = {"Jürgen Weiß", "juergen.weiss@kunde.example.de"};
  m.reply_to = Mailbox{"Buchhaltung", "buchhaltung@mueller-soehne.example.de"};
  m.subject = "Zahlungserinnerung für Rechnung 2026-1042 – bitte prüfen";
  m.text =
      "Sehr geehrter Herr Weiß,\r\n"
      "\r\n"
      "für die Rechnung 2026-1042 über 1.234,56 € konnten wir noch keinen Zahlungseingang feststellen; bitte überweisen Sie den Betrag bis zum 20.03.2026.\r\n"
      ".Diese Zeile beginnt mit einem Punkt.\r\n"
      ".\r\n"
      "Rabatt = 2 % bei Zahlung binnen 7 Tagen.   \r\n"
      "\r\n"
      "Mit freundlichen Grüßen\r\n"
      "Müller & Söhne GmbH\r\n";
  m.html =
      "<!DOCTYPE html>\r\n<html lang=\"de\"><body>\r\n"
      "<p>Sehr geehrter Herr Weiß,</p>\r\n"
      "<p>für die Rechnung <strong>2026-1042</strong> über 1.234,56&nbsp;€ konnten wir noch keinen Zahlungseingang feststellen.</p>\r\n"
      ".<p>Punkt am Zeilenanfang</p>\r\n"
      "</body></html>\r\n";
  m.attachments.push_back({"Rechnung 2026-1042.pdf", "application/pdf", tiny_pdf()});
  m.message_id = "<20260305093000.4711@mueller-soehne.example.de>";
  m.date_unix = 1772703000;  // 2026-03-05 09:30:00 UTC
  m.list_unsubscribe_url = "https://portal.example.de/u/3kJ9xQ?list=reminders";
  m.list_unsubscribe_mailto = "unsubscribe@mueller-soehne.example.de?subject=unsubscribe-3kJ9xQ";
  m.extra_headers = {{"X-Kulanz-Outbox", "4711"}};
  return m;
}

}  // namespace kulanz::channels::test
