#pragma once
// The letter a customer would get on a day (docs/DOCUMENTS.md, "kulanz letter"): the
// message of the day's decision (or, when nothing is sent that day, a statement of the open
// items) rendered from the templates, laid out as a DIN 5008 letter with the items table,
// the totals, the portal link and a payment box with GiroCode and RF reference.
#include <cstdint>
#include <string>
#include <vector>

#include <memory>

#include "base/result.hpp"
#include "comms/templates.hpp"
#include "calendar/date.hpp"
#include "law/base_rate.hpp"
#include "ports/ledger_store.hpp"
#include "services/portal_links.hpp"

namespace kulanz::services {

// Which e-mails carry the letter as PDF: every one, none, or the reminders (first and
// second reminder, final notice, statement; not the friendly notes and confirmations).
enum class AttachLetter { reminders, always, never };

struct LetterRequest {
  domain::CreditorId creditor;
  std::string customer_external_id;
  calendar::Date as_of;
  std::int64_t now_unix = 0;
  const law::BaseRateTable* base_rates = nullptr;  // nullptr: the built-in table
  PortalLinkSettings portal;
  int pay_within_days = 10;  // "please pay by" = as_of + this
  AttachLetter attach_letter = AttachLetter::reminders;  // e-mails only
  // E-mails also carry the creditor's copies of the message's invoices (services/
  // invoice_copies.hpp), as long as all attachments stay within kMaxAttachmentBytes.
  bool attach_invoice_copies = true;
  // The creditor's template set when the caller built it already (the dispatcher, once per
  // pass); null: built for this message.
  std::shared_ptr<const comms::TemplateSet> templates;
};

struct LetterOutcome {
  std::string pdf;
  std::string template_name;  // e.g. first_reminder, or statement when nothing is sent that day
  std::string tone;
  std::string language;
  bool from_decision = false;  // the day's decision chose the message
  std::vector<domain::InvoiceId> items;
  std::int64_t total_due_minor = 0;
  std::string currency;
  std::string reference;  // RF creditor reference, electronic form
  std::string portal_url;
  int pages = 0;
};

base::Result<LetterOutcome> compose_letter(ports::LedgerStore& store, const LetterRequest& request);

// The e-mail a customer would get on a day: the same message as compose_letter chooses, from
// the e-mail templates (subject, HTML in the creditor's colours, plain text), with the letter
// as PDF attached, the creditor as sender (Reply-To when set), a Message-ID derived from
// the outbox entry (so a resend carries the same one), List-Unsubscribe, as RFC 5322 bytes.
// What an e-mail's attachments may add up to (raw bytes; about 20 MB once encoded), so
// that common mail servers take it. Invoice copies beyond it are left out (the portal
// offers them).
inline constexpr std::size_t kMaxAttachmentBytes = 15 * 1024 * 1024;

struct EmailOutcome {
  LetterOutcome meta;  // pdf empty; pages of the attached letter (0 when none is attached)
  std::string to;
  std::string from;  // the envelope sender: the creditor's address
  std::string message_id;
  std::string subject, text, html;  // as in the message, for the contact history
  // The letter, when attached (for the contact history; the invoice copies it carried
  // are named in invoice_copies, their bytes stay with the invoice).
  std::vector<ports::ContactDocument> attachments;
  std::vector<std::string> invoice_copies;  // file names of the attached copies
  std::vector<std::string> copies_left_out;  // file names left out for the size limit
  std::string eml;
};
base::Result<EmailOutcome> compose_email(ports::LedgerStore& store, const LetterRequest& request);
// The e-mail of one stored outbox entry (the dispatcher): the entry fixes the message;
// message_obsolete (E8008) when none of its items is open and free of holds any more.
base::Result<EmailOutcome> compose_email_for(ports::LedgerStore& store, const LetterRequest& request,
                                             const engine::OutboxEntry& entry);

// compose_email_for in two halves, for a dispatcher that renders on other threads while
// it sends: prepare_email_for reads the store (on the store's thread) and refuses what
// cannot be sent (no address, no consent, the items settled); render_email lays out the
// templates, the letter PDF and the MIME message from the draft alone and may run on any
// thread (one draft per thread at a time).
struct EmailDraft;
struct EmailDraftDelete {
  void operator()(EmailDraft* d) const;
};
using EmailDraftPtr = std::unique_ptr<EmailDraft, EmailDraftDelete>;
base::Result<EmailDraftPtr> prepare_email_for(ports::LedgerStore& store, const LetterRequest& request,
                                              const engine::OutboxEntry& entry);
base::Result<EmailOutcome> render_email(const EmailDraft& draft);

// The SMS a customer would get on a day: the text from the SMS templates, its length in
// characters and segments (GSM-7 or UCS-2), and the request body for the gateway
// (channels/sms_vonage.hpp). Refused without a mobile number with SMS consent, or when the
// text needs more than `max_segments` segments.
struct SmsOutcome {
  LetterOutcome meta;  // pdf empty
  std::string to;
  std::string text;
  std::size_t characters = 0;
  bool gsm7 = true;
  std::size_t segments = 0;
  std::string client_ref;  // the outbox key (or customer/day/template), returned by delivery reports
  std::string request_json;
};
base::Result<SmsOutcome> compose_sms(ports::LedgerStore& store, const LetterRequest& request, const std::string& sender_id,
                                     std::size_t max_segments);
base::Result<SmsOutcome> compose_sms_for(ports::LedgerStore& store, const LetterRequest& request,
                                         const engine::OutboxEntry& entry, const std::string& sender_id,
                                         std::size_t max_segments);

// The print batch of a day: every letter in the outbox for that day that has not been
// handed over yet, in outbox order, as one PDF (each letter starting on a new page) and a
// CSV manifest for a print-and-mail service (one row per letter: sequence, first page and
// pages in the PDF, recipient, template, reference, total, outbox key). No letters: both
// empty. Letters whose items were all paid, credited or put on hold since the run are left
// out (`obsolete`). Nothing is recorded here: record_print_batch (services/dispatch.hpp)
// marks the letters handed over once the files are written.
struct PrintBatchRequest {
  domain::CreditorId creditor;
  calendar::Date as_of;
  std::int64_t now_unix = 0;
  const law::BaseRateTable* base_rates = nullptr;
  PortalLinkSettings portal;
  // Also the letters of the day that were handed over already (a batch lost or damaged in
  // printing); they are printed again but recorded only once.
  bool reprint = false;
};
struct PrintedLetter {
  engine::OutboxEntry entry;
  // Channel letter, delivery state `printed`, the postal address in one line, subject and
  // text, and the letter on its own as PDF (what the customer got, for the history; not
  // for letters handed over before, which a reprint does not record again).
  ports::ContactHistoryRecord history;
  int first_page = 0;  // in the batch PDF
  int pages = 0;
};
struct PrintBatch {
  std::string pdf;
  std::string manifest_csv;
  int letters = 0;
  int pages = 0;
  std::vector<PrintedLetter> printed;  // in batch order
  std::vector<std::pair<engine::OutboxEntry, std::string>> obsolete;  // left out, with the reason
};
base::Result<PrintBatch> compose_print_batch(ports::LedgerStore& store, const PrintBatchRequest& request);

}  // namespace kulanz::services
