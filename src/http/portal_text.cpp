#include "http/portal_text.hpp"

#include <array>
#include <unordered_map>

#include "comms/format.hpp"

namespace kulanz::http {
namespace {

const std::vector<PortalString> kStrings = {
    // Frame
    {"skip_to_content", "Zum Inhalt springen", "Skip to content"},
    {"nav_label", "Bereiche", "Sections"},
    {"nav_overview", "Übersicht", "Overview"},
    {"nav_items", "Posten", "Items"},
    {"nav_history", "Verlauf", "History"},
    {"nav_help", "Hilfe", "Help"},
    {"logout", "Abmelden", "Sign out"},
    {"language_name_de", "Deutsch", "Deutsch"},
    {"language_name_en", "English", "English"},
    {"back_to_overview", "Zurück zur Übersicht", "Back to the overview"},
    {"portal_title", "Ihr Kundenportal", "Your customer portal"},
    // Access
    {"link_invalid_heading", "Dieser Link gilt nicht", "This link is not valid"},
    {"link_invalid_text",
     "Der Link ist nicht (mehr) gültig. Bitte nutzen Sie den Link aus unserer letzten Nachricht an Sie.",
     "The link is not valid (any more). Please use the link in our latest message to you."},
    {"session_missing_heading", "Bitte öffnen Sie das Portal erneut", "Please open the portal again"},
    {"session_missing_text",
     "Ihre Sitzung ist abgelaufen oder wurde beendet. Öffnen Sie den Link aus unserer Nachricht erneut.",
     "Your session has expired or was ended. Open the link in our message again."},
    {"logged_out_heading", "Sie sind abgemeldet", "You are signed out"},
    {"logged_out_text", "Vielen Dank. Zum erneuten Öffnen nutzen Sie den Link aus unserer Nachricht.",
     "Thank you. To open the portal again, use the link in our message."},
    {"form_expired_heading", "Formular abgelaufen", "Form expired"},
    {"form_expired_text",
     "Das Formular ist abgelaufen oder wurde von einer anderen Seite gesendet. Bitte laden Sie die Seite neu und "
     "versuchen Sie es noch einmal.",
     "The form has expired or was sent from another site. Please reload the page and try again."},
    {"reload", "Seite neu laden", "Reload the page"},
    {"not_found_heading", "Nicht gefunden", "Not found"},
    {"not_found_text", "Diese Seite gibt es nicht.", "This page does not exist."},
    {"unavailable_heading", "Vorübergehend nicht verfügbar", "Temporarily unavailable"},
    {"unavailable_text", "Bitte versuchen Sie es in einer Minute erneut.", "Please try again in a minute."},
    {"too_many_heading", "Zu viele Versuche", "Too many attempts"},
    {"too_many_text",
     "Aus Sicherheitsgründen ist die Prüfung vorübergehend gesperrt. Bitte versuchen Sie es in {1} Minuten erneut.",
     "For your security, the check is locked for now. Please try again in {1} minutes."},
    // The light check
    {"check_heading", "Kurze Sicherheitsabfrage", "A quick security check"},
    {"check_intro",
     "Bevor Sie Dokumente sehen oder etwas ändern, bestätigen Sie bitte einmal, dass Sie es sind.",
     "Before you see documents or change anything, please confirm once that it is you."},
    {"check_submit", "Bestätigen", "Confirm"},
    {"question_postal_code", "Ihre Postleitzahl", "Your postal code"},
    {"hint_postal_code", "Die Postleitzahl Ihrer Anschrift, zum Beispiel 80331.",
     "The postal code of your address, for example 80331."},
    {"question_birth_date", "Ihr Geburtsdatum", "Your date of birth"},
    {"hint_birth_date", "Zum Beispiel 31.01.1980.", "For example 31.01.1980 (day.month.year)."},
    {"question_invoice_number", "Die Nummer einer Ihrer Rechnungen", "The number of one of your invoices"},
    {"hint_invoice_number", "Sie steht oben auf jeder Rechnung, zum Beispiel R-2026-1001.",
     "It is printed at the top of every invoice, for example R-2026-1001."},
    {"check_wrong", "Die Angabe passt nicht. Sie haben noch {1} Versuche.",
     "That does not match. You have {1} attempts left."},
    {"check_wrong_last", "Die Angabe passt nicht. Sie haben noch einen Versuch.",
     "That does not match. You have one attempt left."},
    {"check_empty", "Bitte füllen Sie das Feld aus.", "Please fill in the field."},
    {"entry_heading", "Anmelden mit Kundennummer", "Sign in with your customer number"},
    {"entry_intro", "Hier öffnen Sie Ihr Kundenkonto bei {1}.", "Open your customer account with {1} here."},
    {"customer_number", "Kundennummer", "Customer number"},
    {"customer_number_hint", "Sie steht auf jeder Rechnung und jedem Schreiben von uns.",
     "It is printed on every invoice and letter from us."},
    {"entry_submit", "Weiter", "Continue"},
    {"entry_wrong", "Kundennummer oder Angabe passen nicht zusammen. Bitte prüfen Sie beides.",
     "Customer number and answer do not match. Please check both."},
    {"entry_empty", "Bitte geben Sie Kundennummer und Angabe ein.", "Please enter your customer number and the answer."},
    // Overview
    {"greeting", "Guten Tag, {1}", "Hello {1}"},
    {"what_is_due", "Was offen ist", "What is open"},
    {"total_to_pay", "Insgesamt offen", "Total open"},
    {"overdue_one", "Eine Rechnung ist überfällig: {1}.", "One invoice is overdue: {1}."},
    {"overdue_many", "{1} Posten sind überfällig: zusammen {2}.", "{1} items are overdue: {2} in total."},
    {"due_by", "Bitte zahlen Sie bis {1}.", "Please pay by {1}."},
    {"pay_now", "Bitte zahlen Sie so bald wie möglich.", "Please pay as soon as possible."},
    {"nothing_open", "Bei Ihnen ist nichts offen. Vielen Dank!", "Nothing is open on your account. Thank you!"},
    {"credit_balance", "Sie haben ein Guthaben von {1}. Wir verrechnen es mit der nächsten Rechnung.",
     "You have a credit of {1}. We will set it off against your next invoice."},
    {"what_happens_next", "Was als Nächstes passiert", "What happens next"},
    {"next_reminder", "Geht Ihre Zahlung nicht bis {1} ein, erhalten Sie eine Zahlungserinnerung.",
     "If your payment has not arrived by {1}, you will receive a reminder."},
    {"next_notice", "Geht Ihre Zahlung nicht bis {1} ein, erhalten Sie eine Mahnung.",
     "If your payment has not arrived by {1}, you will receive a dunning notice."},
    {"next_statement", "Am {1} schicken wir Ihnen einen Kontoauszug.", "On {1} we will send you a statement of account."},
    {"next_fee", "Geht Ihre Zahlung nicht bis {1} ein, wird eine Mahngebühr berechnet.",
     "If your payment has not arrived by {1}, a reminder fee will be charged."},
    {"next_interest", "Ab {1} berechnen wir Verzugszinsen auf den offenen Betrag.",
     "From {1} we will charge default interest on the open amount."},
    {"next_call", "Geht Ihre Zahlung nicht bis {1} ein, rufen wir Sie an.",
     "If your payment has not arrived by {1}, we will give you a call."},
    {"next_handover", "Geht Ihre Zahlung nicht bis {1} ein, geben wir die Forderung an ein Inkassounternehmen ab.",
     "If your payment has not arrived by {1}, we will hand the claim to a collection agency."},
    {"next_court", "Geht Ihre Zahlung nicht bis {1} ein, bereiten wir ein gerichtliches Mahnverfahren vor.",
     "If your payment has not arrived by {1}, we will prepare court dunning proceedings."},
    {"next_nothing", "Zurzeit ist nichts weiter geplant.", "Nothing further is planned at the moment."},
    {"next_not_due", "Bis zur Fälligkeit erhalten Sie von uns keine Mahnung.",
     "You will receive no reminder from us before the due date."},
    {"hold_dispute", "Ihr Einwand wird geprüft; bis dahin mahnen wir die betroffenen Posten nicht.",
     "Your dispute is being looked into; until then we send no reminders for the items concerned."},
    {"hold_promise", "Sie haben die Zahlung bis {1} zugesagt; bis dahin mahnen wir nicht.",
     "You promised to pay by {1}; until then we send no reminders."},
    {"hold_plan", "Ihr Ratenplan läuft; solange Sie die Raten zahlen, mahnen wir nicht.",
     "Your payment plan is running; as long as you pay the instalments, we send no reminders."},
    {"hold_other", "Die Mahnungen für einige Posten ruhen zurzeit.", "Reminders for some items are paused for now."},
    {"your_options", "Ihre Möglichkeiten", "Your options"},
    {"option_pay", "Jetzt bezahlen", "Pay now"},
    {"option_plan", "In Raten zahlen", "Pay in instalments"},
    {"option_promise", "Zahlung bis zu einem Datum zusagen", "Promise to pay by a date"},
    {"option_items", "Alle Posten und Zahlungen", "All items and payments"},
    {"option_history", "Erhaltene Schreiben", "Messages you received"},
    {"option_help", "Antworten auf häufige Fragen", "Answers to common questions"},
    {"open_items", "Offene Posten", "Open items"},
    {"all_items_link", "Alle Posten, bezahlte Rechnungen und Kontoauszug", "All items, paid invoices and statement"},
    // Items
    {"items_heading", "Ihre Posten", "Your items"},
    {"kind_invoice", "Rechnung {1}", "Invoice {1}"},
    {"kind_fee", "Mahngebühr", "Reminder fee"},
    {"kind_interest", "Verzugszinsen", "Default interest"},
    {"due_on", "fällig am {1}", "due on {1}"},
    {"overdue_since", "seit {1} fällig", "due since {1}"},
    {"state_overdue", "überfällig", "overdue"},
    {"state_on_hold", "Mahnung ruht", "reminders paused"},
    {"state_partly_paid", "teilweise bezahlt", "partly paid"},
    {"invoice_copy", "Rechnung als PDF", "Invoice as PDF"},
    {"no_open_items", "Keine offenen Posten.", "No open items."},
    {"statement_pdf", "Kontoauszug als PDF", "Statement of account as PDF"},
    {"documents_need_check", "Für Dokumente fragen wir einmal kurz nach, ob Sie es sind.",
     "For documents, we briefly check once that it is you."},
    {"paid_heading", "Bezahlt", "Paid"},
    {"paid_text", "fällig am {1}, bezahlt", "due on {1}, paid"},
    {"no_paid_items", "Noch keine bezahlten Rechnungen.", "No paid invoices yet."},
    {"payments_heading", "Ihre Zahlungen", "Your payments"},
    {"pay_short", "Bezahlen", "Pay"},
    {"pay_item", "Bezahlen: {1}", "Pay: {1}"},
    // Pay
    {"pay_heading", "Bezahlen", "Pay"},
    {"pay_item_heading", "{1} bezahlen", "Pay {1}"},
    {"pay_amount", "Zu zahlen", "To pay"},
    {"pay_all_items", "Alle offenen Posten", "All open items"},
    {"pay_other_items", "Stattdessen alle offenen Posten bezahlen", "Pay all open items instead"},
    {"pay_skonto",
     "Bei Zahlung bis {1} ziehen Sie {2} Skonto ab: Sie zahlen {3} statt {4}.",
     "Pay by {1} and deduct {2} early-payment discount: you pay {3} instead of {4}."},
    {"pay_skonto_item", "mit Skonto bis {1}: {2}", "with discount until {1}: {2}"},
    {"pay_nothing", "Bei Ihnen ist nichts zu zahlen. Vielen Dank!", "There is nothing for you to pay. Thank you!"},
    {"pay_no_item", "Diesen offenen Posten gibt es nicht (mehr).", "This open item does not exist (any more)."},
    {"transfer_heading", "Überweisung", "Bank transfer"},
    {"transfer_intro",
     "Scannen Sie den GiroCode mit Ihrer Banking-App oder übernehmen Sie die Angaben. Mit der Referenz ordnen wir Ihre "
     "Zahlung sofort richtig zu.",
     "Scan the GiroCode with your banking app or copy the details. With the reference, we match your payment at once."},
    {"transfer_intro_no_code",
     "Bitte überweisen Sie mit diesen Angaben. Mit der Referenz ordnen wir Ihre Zahlung sofort richtig zu.",
     "Please transfer with these details. With the reference, we match your payment at once."},
    {"transfer_none", "Für Überweisungen liegen hier keine Bankdaten vor. Bitte wählen Sie einen anderen Weg.",
     "No bank details are available here for transfers. Please choose another way."},
    {"payee", "Empfänger", "Payee"},
    {"amount", "Betrag", "Amount"},
    {"reference", "Verwendungszweck", "Reference"},
    {"reference_hint", "Bitte genau so angeben, ohne weiteren Text.", "Please enter it exactly like this, without other text."},
    {"girocode_label", "GiroCode: Überweisung von {1} an {2}", "GiroCode: transfer of {1} to {2}"},
    {"girocode_caption", "Mit der Banking-App scannen", "Scan with your banking app"},
    {"transfer_timing",
     "Überweisungen brauchen bis zu einem Bankarbeitstag. Bis die Zahlung eingeht, kann noch eine Erinnerung unterwegs sein.",
     "Transfers take up to one bank business day. Until the payment arrives, a reminder may still be on its way."},
    {"pay_other_ways", "Andere Wege zu zahlen", "Other ways to pay"},
    {"direct_debit_heading", "Lastschrift", "Direct debit"},
    {"direct_debit_text", "Wir ziehen den Betrag von Ihrem Konto ein – einmalig oder künftig automatisch.",
     "We collect the amount from your account – once, or automatically from now on."},
    {"direct_debit_link", "Lastschriftmandat erteilen", "Set up a direct debit"},
    // SEPA mandate
    {"mandate_heading", "SEPA-Lastschrift", "SEPA direct debit"},
    {"mandate_in_force", "Ihre Mandate", "Your mandates"},
    {"mandate_new", "Neues Mandat", "New mandate"},
    {"mandate_scope_legend", "Wofür?", "For what?"},
    {"mandate_single_label", "Nur diese Zahlung: {1} am {2}", "This payment only: {1} on {2}"},
    {"mandate_recurring_label", "Künftige Rechnungen automatisch zum Fälligkeitstag",
     "Future invoices automatically on their due date"},
    {"mandate_scope_single", "einmalig", "one payment"},
    {"mandate_scope_recurring", "wiederkehrend", "recurring"},
    {"mandate_holder", "Kontoinhaber/in", "Account holder"},
    {"mandate_iban_hint", "Steht auf Ihrer Bankkarte oder im Online-Banking, zum Beispiel DE89 3704 0044 0532 0130 00.",
     "On your bank card or in online banking, for example DE89 3704 0044 0532 0130 00."},
    {"mandate_creditor_line", "Zahlungsempfänger: {1}, Gläubiger-Identifikationsnummer {2}. Die Mandatsreferenz teilen wir Ihnen nach dem Erteilen mit.",
     "Payee: {1}, creditor identifier {2}. We tell you the mandate reference once it is given."},
    {"mandate_text",
     "Ich ermächtige {1}, Zahlungen von meinem Konto mittels Lastschrift einzuziehen. Zugleich weise ich mein "
     "Kreditinstitut an, die von {1} auf mein Konto gezogenen Lastschriften einzulösen.",
     "I authorise {1} to send instructions to my bank to debit my account, and my bank to debit my account in "
     "accordance with the instructions from {1}."},
    {"mandate_refund",
     "Hinweis: Ich kann innerhalb von acht Wochen, beginnend mit dem Belastungsdatum, die Erstattung des belasteten "
     "Betrages verlangen. Es gelten dabei die mit meinem Kreditinstitut vereinbarten Bedingungen.",
     "Note: As part of my rights, I am entitled to a refund from my bank under the terms and conditions of my agreement "
     "with my bank. A refund must be claimed within eight weeks starting from the date on which my account was debited."},
    {"mandate_prenote_period",
     "Betrag und Tag jeder Lastschrift kündigen wir mindestens zwei Tage vorher an; die Frist der Vorabankündigung "
     "wird dafür auf zwei Tage verkürzt. Das Mandat können Sie hier jederzeit widerrufen.",
     "We announce the amount and day of each debit at least two days before; the pre-notification period is shortened "
     "to two days for this. You can revoke the mandate here at any time."},
    {"mandate_consent", "Ich erteile dieses SEPA-Lastschriftmandat.", "I give this SEPA direct debit mandate."},
    {"mandate_submit", "Mandat erteilen", "Give the mandate"},
    {"mandate_revoke", "Widerrufen", "Revoke"},
    {"mandate_revoke_label", "Mandat {1} widerrufen", "Revoke mandate {1}"},
    {"mandate_prenote_single",
     "Vorabankündigung: Wir ziehen {1} am {2} von Ihrem Konto {3} ein, Mandatsreferenz {4}, Gläubiger-ID {5}. Bitte "
     "sorgen Sie für Deckung.",
     "Pre-notification: we will collect {1} on {2} from your account {3}, mandate reference {4}, creditor identifier "
     "{5}. Please make sure the account is covered."},
    {"mandate_prenote_recurring",
     "Künftige Rechnungen ziehen wir zum Fälligkeitstag ein (Mandatsreferenz {1}, Gläubiger-ID {2}); Betrag und Tag "
     "kündigen wir jeweils mit der Rechnung an.",
     "We collect future invoices on their due date (mandate reference {1}, creditor identifier {2}); each invoice "
     "announces the amount and the day."},
    {"mandate_off", "Lastschriften bietet dieses Portal nicht an.", "This portal does not offer direct debits."},
    {"mandate_holder_invalid", "Bitte geben Sie den Namen der Kontoinhaberin oder des Kontoinhabers an (2 bis 70 Zeichen).",
     "Please enter the account holder's name (2 to 70 characters)."},
    {"mandate_iban_invalid", "Diese IBAN stimmt nicht. Bitte prüfen Sie sie Zeichen für Zeichen.",
     "This IBAN is not right. Please check it character by character."},
    {"mandate_consent_missing", "Bitte bestätigen Sie das Mandat mit dem Häkchen.", "Please confirm the mandate with the tick box."},
    {"mandate_exists", "Ein Mandat für künftige Rechnungen besteht bereits.", "A mandate for future invoices exists already."},
    {"mandate_nothing_open", "Es ist nichts offen, das wir einziehen könnten.", "Nothing is open that we could collect."},
    {"mandate_arranged", "Für Ihre offenen Posten gilt bereits eine Zusage oder ein Ratenplan.",
     "A promise or a payment plan already covers your open items."},
    {"mandate_unknown", "Dieses Mandat gibt es nicht (mehr).", "This mandate does not exist (any more)."},
    {"mandate_summary_single", "Lastschriftmandat {1} für diese Zahlung erteilt (Konto {2}).",
     "Direct debit mandate {1} given for this payment (account {2})."},
    {"mandate_summary_recurring", "Lastschriftmandat {1} für künftige Rechnungen erteilt (Konto {2}).",
     "Direct debit mandate {1} given for future invoices (account {2})."},
    {"mandate_revoked_summary", "Lastschriftmandat {1} widerrufen.", "Direct debit mandate {1} revoked."},
    {"done_next_mandate", "Die Vorabankündigung finden Sie unter „SEPA-Lastschrift“; dort können Sie das Mandat auch widerrufen.",
     "You find the pre-notification under “SEPA direct debit”, where you can also revoke the mandate."},
    {"done_next_mandate_revoked", "Wir ziehen mit diesem Mandat nichts mehr ein.", "We no longer collect anything with this mandate."},
    // Question or dispute
    {"dispute_heading", "Frage oder Einwand zu einer Rechnung", "Question or dispute about an invoice"},
    {"dispute_intro",
     "Stimmt etwas mit einer Rechnung nicht, oder haben Sie eine Frage? Schreiben Sie uns hier; Belege können Sie gleich anhängen.",
     "Is something wrong with an invoice, or do you have a question? Write to us here; you can attach receipts straight away."},
    {"dispute_item", "Rechnung", "Invoice"},
    {"dispute_reason", "Worum geht es?", "What is it about?"},
    {"dispute_message", "Ihre Nachricht (freiwillig)", "Your message (optional)"},
    {"dispute_files", "Dokumente anhängen (freiwillig)", "Attach documents (optional)"},
    {"dispute_files_hint", "Bis zu {1} Dateien als PDF, JPEG oder PNG, je höchstens {2} MB.",
     "Up to {1} files as PDF, JPEG or PNG, at most {2} MB each."},
    {"dispute_effect", "Bis wir Ihr Anliegen geklärt haben, mahnen wir diese Rechnung nicht.",
     "Until we have settled your request, we send no reminders for this invoice."},
    {"dispute_submit", "Absenden", "Send"},
    {"dispute_no_invoices", "Es gibt keine Rechnung, zu der Sie hier etwas fragen könnten.",
     "There is no invoice you could ask about here."},
    {"dispute_reason_missing", "Bitte wählen Sie, worum es geht.", "Please choose what it is about."},
    {"dispute_item_unknown", "Bitte wählen Sie eine Ihrer Rechnungen.", "Please choose one of your invoices."},
    {"dispute_too_many_files", "Bitte hängen Sie höchstens drei Dateien an.", "Please attach at most three files."},
    {"dispute_file_type", "Die Datei „{1}“ ist kein PDF, JPEG oder PNG (geprüft wird der Inhalt, nicht der Name). Bitte wählen Sie eine andere.",
     "The file “{1}” is not a PDF, JPEG or PNG (we check the content, not the name). Please choose another one."},
    {"dispute_file_too_large", "Die Datei „{1}“ ist größer als 5 MB. Bitte verkleinern Sie sie oder wählen Sie eine andere.",
     "The file “{1}” is larger than 5 MB. Please make it smaller or choose another one."},
    {"dispute_form_invalid", "Das Formular kam nicht vollständig an. Bitte versuchen Sie es noch einmal.",
     "The form did not arrive completely. Please try again."},
    {"dispute_summary", "Ihr Anliegen zu Rechnung {1} ist eingegangen (Vorgang {2}).",
     "Your request about invoice {1} has arrived (case {2})."},
    {"done_next_dispute", "Bis wir es geklärt haben, mahnen wir diese Rechnung nicht. Wir melden uns bei Ihnen.",
     "Until we have settled it, we send no reminders for this invoice. We will get back to you."},
    {"done_documents", "Angehängte Dokumente", "Attached documents"},
    {"option_dispute", "Frage oder Einwand zu einer Rechnung", "Question or dispute about an invoice"},
    {"dispute_short", "Frage/Einwand", "Question/dispute"},
    {"dispute_item_link", "Frage/Einwand: {1}", "Question/dispute: {1}"},
    {"state_paid", "bezahlt", "paid"},
    // Promise to pay
    {"promise_heading", "Zahlung zusagen", "Promise to pay"},
    {"promise_intro", "Sagen Sie uns, bis wann Sie {1} zahlen.", "Tell us by when you will pay {1}."},
    {"promise_effect",
     "Bis zu diesem Tag senden wir keine Mahnung. Geht die Zahlung bis dahin nicht ein, geht es danach wie geplant weiter.",
     "Until that day, we send no reminders. If the payment has not arrived by then, things continue as planned."},
    {"promise_date_label", "Ich zahle bis", "I will pay by"},
    {"promise_latest", "Spätestens am {1}.", "At the latest on {1}."},
    {"promise_submit", "Zahlung zusagen", "Promise to pay"},
    {"promise_date_invalid", "Bitte geben Sie ein Datum an, zum Beispiel 05.12.2026.",
     "Please enter a date, for example 2026-12-05."},
    {"promise_date_range", "Bitte wählen Sie einen Tag von heute bis spätestens {1}.",
     "Please choose a day from today up to {1} at the latest."},
    {"promise_off", "Zahlungszusagen nimmt dieses Portal nicht entgegen. Bitte rufen Sie uns an.",
     "This portal does not take promises to pay. Please call us."},
    {"promise_nothing_open", "Es ist nichts offen, für das Sie eine Zahlung zusagen könnten.",
     "Nothing is open that you could promise to pay."},
    {"promise_exists", "Für Ihre offenen Posten gilt bereits eine Zahlungszusage oder ein Ratenplan.",
     "A promise to pay or a payment plan already covers your open items."},
    {"promise_summary", "Sie haben zugesagt, {1} bis {2} zu zahlen.", "You promised to pay {1} by {2}."},
    // Payment plan
    {"plan_heading", "In Raten zahlen", "Pay in instalments"},
    {"plan_total", "Gesamtbetrag", "Total"},
    {"plan_intro", "Sie zahlen {1} in Monatsraten. Die erste Rate ist am {2} fällig, die weiteren jeweils einen Monat später.",
     "You pay {1} in monthly instalments. The first is due on {2}, each further one a month later."},
    {"plan_interest_stops", "Während der Plan läuft, berechnen wir keine weiteren Zinsen und senden keine Mahnungen.",
     "While the plan runs, we charge no further interest and send no reminders."},
    {"plan_interest_accrues",
     "Während der Plan läuft, senden wir keine Mahnungen; die gesetzlichen Verzugszinsen laufen jedoch weiter.",
     "While the plan runs, we send no reminders; statutory default interest keeps accruing, though."},
    {"plan_down_payment", "Die erste Rate beträgt mindestens {1} % des Gesamtbetrags.",
     "The first instalment is at least {1} % of the total."},
    {"plan_choose", "Ihr Plan", "Your plan"},
    {"plan_count_legend", "Anzahl der Monatsraten", "Number of monthly instalments"},
    {"plan_count_label", "{1} Raten, je etwa {2}", "{1} instalments of about {2}"},
    {"plan_show_schedule", "Ratenplan anzeigen", "Show the schedule"},
    {"plan_schedule_caption", "Ratenplan mit {1} Raten", "Schedule with {1} instalments"},
    {"plan_your_schedule", "Ihr Ratenplan", "Your schedule"},
    {"plan_col_number", "Rate", "Instalment"},
    {"plan_col_due", "Fällig am", "Due on"},
    {"plan_confirm_hint", "Mit dem Bestätigen vereinbaren Sie diesen Plan verbindlich. Sie erhalten eine Bestätigung.",
     "By confirming, you agree to this plan. You will receive a confirmation."},
    {"plan_submit", "Plan verbindlich vereinbaren", "Agree to this plan"},
    {"plan_not_offered", "Für diesen Betrag können wir einen Ratenplan nicht sofort vereinbaren. Schreiben Sie uns Ihren Wunsch unten.",
     "We cannot agree a plan for this amount at once. Tell us what you need below."},
    {"plan_other_heading", "Anderer Plan?", "A different plan?"},
    {"plan_rules",
     "Sofort vereinbaren lässt sich ein Plan mit bis zu {1} Monatsraten von mindestens {2}. Brauchen Sie etwas anderes, "
     "prüft eine Kollegin oder ein Kollege Ihren Wunsch und meldet sich; bis dahin läuft das Mahnverfahren weiter.",
     "A plan of up to {1} monthly instalments of at least {2} can be agreed at once. If you need something else, a "
     "colleague looks at your request and gets back to you; until then, the reminders continue."},
    {"plan_other_count", "Gewünschte Anzahl der Monatsraten", "Number of monthly instalments you need"},
    {"plan_wish_label", "Ihr Wunsch (freiwillig)", "Your request (optional)"},
    {"plan_wish_hint", "Zum Beispiel: niedrigere Raten, später beginnen.", "For example: lower instalments, start later."},
    {"plan_request_submit", "Anfrage senden", "Send the request"},
    {"plan_count_invalid", "Bitte wählen Sie zwischen 2 und 60 Monatsraten.", "Please choose between 2 and 60 monthly instalments."},
    {"plan_nothing_open", "Es ist nichts offen, das Sie in Raten zahlen könnten.", "Nothing is open that you could pay in instalments."},
    {"plan_exists", "Für Ihre offenen Posten gilt bereits ein Ratenplan oder eine Zahlungszusage.",
     "A payment plan or a promise to pay already covers your open items."},
    {"plan_summary", "Ratenplan vereinbart: {1} Monatsraten über insgesamt {2}.",
     "Payment plan agreed: {1} monthly instalments, {2} in total."},
    {"plan_request_summary", "Ratenplan angefragt: {1} Monatsraten über insgesamt {2}.",
     "Payment plan requested: {1} monthly instalments, {2} in total."},
    // Done and rating
    {"done_heading", "Erledigt", "Done"},
    {"done_request_heading", "Anfrage gesendet", "Request sent"},
    {"done_next_promise", "Bis zu diesem Tag senden wir keine Mahnung.", "Until that day, we send no reminders."},
    {"done_next_plan", "Solange Sie die Raten pünktlich zahlen, senden wir keine Mahnung.",
     "As long as you pay the instalments on time, we send no reminders."},
    {"done_next_plan_request", "Eine Kollegin oder ein Kollege prüft Ihre Anfrage und meldet sich bei Ihnen.",
     "A colleague looks at your request and gets back to you."},
    {"rating_heading", "Wie war das für Sie?", "How was that for you?"},
    {"rating_legend", "Ihre Bewertung (freiwillig)", "Your rating (optional)"},
    {"rating_good", "Gut", "Good"},
    {"rating_neutral", "Geht so", "So-so"},
    {"rating_bad", "Schlecht", "Bad"},
    {"rating_comment", "Möchten Sie uns noch etwas sagen? (freiwillig)", "Anything else you want to tell us? (optional)"},
    {"rating_submit", "Bewertung senden", "Send rating"},
    {"rating_choose", "Bitte wählen Sie eines der Gesichter.", "Please choose one of the faces."},
    {"rating_back", "Zurück", "Back"},
    {"rating_thanks_heading", "Danke!", "Thank you!"},
    {"rating_thanks", "Danke für Ihre Bewertung.", "Thank you for your rating."},
    // History
    {"history_heading", "Verlauf", "History"},
    {"history_intro", "Alle Erinnerungen und Nachrichten, die Sie von uns erhalten haben, und was Sie hier im Portal veranlasst haben.",
     "Every reminder and message you received from us, and what you arranged here in the portal."},
    {"history_empty", "Noch keine Einträge.", "No entries yet."},
    {"channel_email", "E-Mail", "Email"},
    {"channel_sms", "SMS", "Text message"},
    {"channel_letter", "Brief", "Letter"},
    {"channel_portal", "Portal", "Portal"},
    {"channel_other", "Nachricht", "Message"},
    {"delivery_failed", "konnte nicht zugestellt werden", "could not be delivered"},
    {"document_pdf", "Dokument öffnen: {1}", "Open document: {1}"},
    // Help
    {"help_heading", "Hilfe und Antworten", "Help and answers"},
    {"help_search_label", "Wonach suchen Sie?", "What are you looking for?"},
    {"help_search_submit", "Suchen", "Search"},
    {"help_results", "{1} Antworten gefunden.", "{1} answers found."},
    {"help_result_one", "Eine Antwort gefunden.", "One answer found."},
    {"help_no_results", "Keine Antwort gefunden. Versuchen Sie ein anderes Wort.",
     "No answer found. Try another word."},
    {"help_all_answers", "Alle Antworten", "All answers"},
    // Statement PDF
    {"statement_subject", "Kontoauszug", "Statement of account"},
    {"statement_intro", "Ihr Kontoauszug vom {1} bis {2}.", "Your statement of account from {1} to {2}."},
    {"col_date", "Datum", "Date"},
    {"col_text", "Buchung", "Entry"},
    {"col_debit", "Soll", "Debit"},
    {"col_credit", "Haben", "Credit"},
    {"col_balance", "Saldo", "Balance"},
    {"opening_balance", "Anfangssaldo", "Opening balance"},
    {"closing_balance", "Saldo am {1}", "Balance on {1}"},
    {"entry_payment", "Zahlung {1}", "Payment {1}"},
    {"entry_credit_note", "Gutschrift {1}", "Credit note {1}"},
    {"customer_number_label", "Kundennummer", "Customer number"},
    {"date_label", "Datum", "Date"},
    {"page_label", "Seite {page} von {pages}", "Page {page} of {pages}"},
};

}  // namespace

const std::vector<PortalString>& portal_strings() { return kStrings; }

std::string_view portal_text(std::string_view key, domain::Language language) {
  static const std::unordered_map<std::string_view, const PortalString*> index = [] {
    std::unordered_map<std::string_view, const PortalString*> m;
    for (const auto& s : kStrings) m.emplace(s.key, &s);
    return m;
  }();
  auto it = index.find(key);
  if (it == index.end()) return {};
  return language == domain::Language::en ? it->second->en : it->second->de;
}

const kainjow::mustache::data& portal_text_data(domain::Language language) {
  static const std::array<kainjow::mustache::data, 2> data = [] {
    std::array<kainjow::mustache::data, 2> d;
    for (int i = 0; i < 2; ++i) {
      for (const auto& s : kStrings) d[i].set(std::string(s.key), std::string(i == 0 ? s.de : s.en));
    }
    return d;
  }();
  return data[language == domain::Language::en ? 1 : 0];
}

std::string portal_format(std::string_view key, domain::Language language, const std::vector<std::string>& args) {
  std::string text(portal_text(key, language));
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string marker = "{" + std::to_string(i + 1) + "}";
    for (auto at = text.find(marker); at != std::string::npos; at = text.find(marker, at + args[i].size())) {
      text.replace(at, marker.size(), args[i]);
    }
  }
  return text;
}

std::string portal_money(std::int64_t minor, std::string_view currency, domain::Language language) {
  std::string s = comms::format_money(minor, currency, language);
  for (auto at = s.find(' '); at != std::string::npos; at = s.find(' ', at)) s.replace(at, 1, "\u00a0");
  return s;
}

std::string portal_date(calendar::Date date, domain::Language language) {
  if (language == domain::Language::de) return comms::format_date(date, language);
  static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return std::to_string(date.day()) + " " + kMonths[date.month() - 1] + " " + std::to_string(date.year());
}

}  // namespace kulanz::http
