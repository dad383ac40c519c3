#include "services/letters.hpp"

#include <algorithm>
#include <map>

#include "comms/format.hpp"
#include "comms/templates.hpp"
#include "documents/creditor_reference.hpp"
#include "documents/epc_payload.hpp"
#include "documents/iban.hpp"
#include "documents/letter_pdf.hpp"
#include "channels/mime.hpp"
#include "channels/sms_vonage.hpp"
#include "comms/sms.hpp"
#include "services/portal_messages.hpp"
#include "importers/csv_reader.hpp"
#include "security/security.hpp"
#include "money/money.hpp"
#include "services/account_statement.hpp"
#include "services/collection_service.hpp"
#include "services/creditor_templates.hpp"
#include "services/letter_layout.hpp"

namespace kulanz::services {
namespace {

using base::ErrorCode;
using base::fail;
using domain::Language;


// The creditor's texts: the set the caller already built, else built now.
base::Result<std::shared_ptr<const comms::TemplateSet>> templates_for(ports::LedgerStore& store, const LetterRequest& r) {
  if (r.templates) return r.templates;
  KULANZ_TRY(set, creditor_template_set(store, r.creditor));
  return std::make_shared<const comms::TemplateSet>(std::move(set));
}

struct Built {
  documents::Letter letter;
  LetterOutcome meta;  // without the pdf
  domain::Customer customer;
  domain::CreditorProfile profile;
  std::string holder;
  comms::Values values;  // for the letter (printed_layout set)
  comms::Tone tone = comms::Tone::neutral;
  std::string outbox_key;  // the outbox entry the message comes from, if any
};

// The letter for `r`; `entry` (an outbox entry of the day) fixes the message, else it is
// chosen as compose_letter describes.
base::Result<Built> build(ports::LedgerStore& store, const LetterRequest& r, const engine::OutboxEntry* entry) {
  KULANZ_TRY(creditor_found, store.find_creditor(std::to_string(r.creditor.value)));
  if (!creditor_found) return fail(ErrorCode::not_found, "no creditor with id " + std::to_string(r.creditor.value));
  const domain::Creditor& creditor = *creditor_found;
  KULANZ_TRY(profile_found, store.creditor_profile(r.creditor));
  if (!profile_found || profile_found->iban.empty() || profile_found->street.empty() || profile_found->city.empty()) {
    return fail(ErrorCode::invalid_argument,
                "the letter needs the creditor's address and bank account: set them with `kulanz creditor profile "
                "--creditor " +
                    creditor.code + " --legal-name ... --street ... --postal-code ... --city ... --iban ...`",
                "profile");
  }
  const domain::CreditorProfile& profile = *profile_found;
  // With a stored entry the message is fixed; otherwise the day's evaluation says which.
  std::optional<Explanation> explanation;
  domain::Customer customer;
  if (entry) {
    KULANZ_TRY(found, store.customer_by_id(r.creditor, entry->customer_id));
    if (!found) return fail(ErrorCode::customer_unknown, "outbox entry " + entry->idempotency_key + " names an unknown customer");
    customer = std::move(*found);
  } else {
    KULANZ_TRY(e, explain_customer(store, r.creditor, r.customer_external_id, r.as_of, r.now_unix, r.base_rates));
    explanation = std::move(e);
    customer = explanation->customer;
  }
  KULANZ_TRY(kase, store.collection().load_case(r.creditor, customer.id, r.as_of));
  if (!kase) return fail(ErrorCode::customer_unknown, "the customer's records could not be loaded");
  const auto& invoices = kase->ledger.invoices;

  LetterOutcome out;
  const Language lang = customer.language;
  out.language = std::string(domain::to_string(lang));
  // The message: the day's letter as the run stored it in the outbox, else the letter the
  // day's evaluation would send, else the day's message on another channel, else a statement.
  std::vector<engine::OutboxEntry> today;
  if (!entry) {
    KULANZ_TRY(stored, store.collection().list_outbox(r.creditor, customer.id, 0, 500));
    for (auto& o : stored) {
      if (o.local_day == r.as_of) today.push_back(std::move(o));
    }
    for (const auto& o : explanation->evaluation.outbox) today.push_back(o);
  }
  const engine::OutboxEntry* chosen = entry;
  for (const auto& o : today) {
    if (chosen) break;
    if (o.channel == engine::StepChannel::letter) chosen = &o;
  }
  if (!chosen && !today.empty()) chosen = &today.front();
  std::vector<domain::InvoiceId> principal_items;
  if (chosen) {
    out.template_name = chosen->template_name;
    out.tone = chosen->tone;
    out.from_decision = true;
    principal_items = chosen->invoice_ids;
  } else {
    out.template_name = "statement";
    out.tone = "neutral";
    for (const auto& i : invoices) {
      if (i.kind == domain::ItemKind::invoice && i.open.is_positive() && i.due_date <= r.as_of) principal_items.push_back(i.id);
    }
    if (principal_items.empty()) {
      return fail(ErrorCode::invalid_argument, "nothing of customer '" + customer.external_id + "' is due and open on " +
                                                   r.as_of.iso() + ": there is no letter to write");
    }
  }
  KULANZ_TRY(tone, comms::parse_tone(out.tone));

  // The items: those the message is about, and every open fee and interest item of the customer.
  std::vector<const domain::Invoice*> rows;
  std::int64_t open_minor = 0, fees_minor = 0, interest_minor = 0;
  for (const auto& i : invoices) {
    if (!i.open.is_positive()) continue;
    const bool principal = std::find(principal_items.begin(), principal_items.end(), i.id) != principal_items.end();
    if (i.kind == domain::ItemKind::invoice && !principal) continue;
    rows.push_back(&i);
    out.items.push_back(i.id);
    if (i.kind == domain::ItemKind::fee) fees_minor += i.open.minor();
    else if (i.kind == domain::ItemKind::interest) interest_minor += i.open.minor();
    else open_minor += i.open.minor();
  }
  // A message the portal queued (services/portal_messages.hpp) confirms a hold: it is sent
  // although its items are held, and its plan gives the values.
  const PortalMessage portal_kind = entry ? portal_message_kind(entry->template_name) : PortalMessage::none;
  std::optional<ports::PaymentPlanRecord> plan;
  std::optional<ports::PlanInstalmentRecord> instalment;
  if (entry && portal_kind != PortalMessage::none) {
    const bool any_open = std::any_of(invoices.begin(), invoices.end(), [&](const domain::Invoice& i) {
      return i.open.is_positive() &&
             std::find(entry->invoice_ids.begin(), entry->invoice_ids.end(), i.id) != entry->invoice_ids.end();
    });
    if (!any_open) {
      return fail(ErrorCode::message_obsolete, "the items of outbox entry " + entry->idempotency_key +
                                                   " were paid or credited since it was queued");
    }
    if (portal_kind != PortalMessage::promise_confirmation) {
      const auto key = parse_portal_message_key(entry->idempotency_key);
      if (!key) return fail(ErrorCode::invalid_argument, "outbox entry " + entry->idempotency_key + " names no plan");
      KULANZ_TRY(plans, store.portal().list_payment_plans(r.creditor, customer.id, false));
      for (auto& p : plans) {
        if (p.id == key->plan_id) plan = std::move(p);
      }
      if (!plan) return fail(ErrorCode::message_obsolete, "the plan of outbox entry " + entry->idempotency_key + " is gone");
      if (portal_kind == PortalMessage::instalment_reminder) {
        if (plan->status != "active") {
          return fail(ErrorCode::message_obsolete, "payment plan " + std::to_string(plan->id) + " is " + plan->status);
        }
        // Paid towards the plan: its total less what is still open of its items.
        std::int64_t still_open = 0, due_up_to = 0;
        for (const auto& i : invoices) {
          if (std::find(plan->invoice_ids.begin(), plan->invoice_ids.end(), i.id) != plan->invoice_ids.end()) {
            still_open += i.open.minor();
          }
        }
        for (const auto& in : plan->instalments) {
          if (in.number <= key->instalment) due_up_to += in.amount_minor;
          if (in.number == key->instalment) instalment = in;
        }
        if (!instalment) return fail(ErrorCode::invalid_argument, "outbox entry " + entry->idempotency_key + " names no instalment");
        if (plan->total_minor - still_open >= due_up_to) {
          return fail(ErrorCode::message_obsolete, "instalment " + std::to_string(instalment->number) + " of payment plan " +
                                                       std::to_string(plan->id) + " is paid already");
        }
      }
    }
  } else if (entry) {
    // A stored message whose items were paid, credited or put on hold since the run is
    // not sent (the dispatcher cancels it).
    bool still_due = false;
    for (const auto& i : invoices) {
      if (i.kind != domain::ItemKind::invoice || !i.open.is_positive()) continue;
      if (std::find(entry->invoice_ids.begin(), entry->invoice_ids.end(), i.id) == entry->invoice_ids.end()) continue;
      bool held = false;
      for (const auto& h : kase->holds) {
        const bool broken_promise =
            h.kind == engine::HoldKind::promise_to_pay && h.until && *h.until < r.as_of && !h.ended_on;
        const bool active = h.starts_on <= r.as_of && (!h.ended_on || *h.ended_on > r.as_of) && !broken_promise;
        const bool covers = h.invoice_ids.empty() ||
                            std::find(h.invoice_ids.begin(), h.invoice_ids.end(), i.id) != h.invoice_ids.end();
        held = held || (active && covers);
      }
      still_due = still_due || !held;
    }
    if (!still_due) {
      return fail(ErrorCode::message_obsolete, "the items of outbox entry " + entry->idempotency_key +
                                                   " were paid, credited or put on hold since the run");
    }
  }
  if (rows.empty()) return fail(ErrorCode::invalid_argument, "the items of the day's message are no longer open");
  std::sort(rows.begin(), rows.end(), [](const domain::Invoice* a, const domain::Invoice* b) {
    return a->due_date != b->due_date ? a->due_date < b->due_date : a->id < b->id;
  });
  out.currency = std::string(creditor.currency.code());
  out.total_due_minor = open_minor + fees_minor + interest_minor;
  auto money = [&](std::int64_t minor) { return comms::format_money(minor, out.currency, lang); };
  auto date = [&](calendar::Date d) { return comms::format_date(d, lang); };

  KULANZ_TRY(rf, rf_reference_for(store, r.creditor, customer.id, out.items, out.total_due_minor, out.currency,
                                  r.now_unix));
  out.reference = rf;
  KULANZ_TRY(link, portal_link(store, r.portal, r.creditor, customer.id, r.now_unix));
  out.portal_url = link.url;

  // The texts.
  const std::string holder = profile.legal_name.empty() ? creditor.name : profile.legal_name;
  comms::Values v;
  v.salutation = letter_salutation(customer);
  v.customer_name = customer.name;
  v.customer_number = customer.external_id;
  v.creditor_name = holder;
  v.creditor_phone = profile.phone;
  v.creditor_email = profile.email;
  std::optional<calendar::Date> earliest;
  for (const auto* i : rows) {
    comms::ItemValues iv;
    iv.number = i->number;
    iv.issue_date = date(i->issue_date);
    iv.due_date = date(i->due_date);
    iv.amount = money(i->amount.minor());
    iv.open = money(i->open.minor());
    v.items.push_back(iv);
    if (i->kind == domain::ItemKind::invoice) {
      v.item_numbers += (v.item_numbers.empty() ? "" : ", ") + i->number;
      if (!earliest || i->due_date < *earliest) earliest = i->due_date;
    }
  }
  v.item_count = std::to_string(v.items.size());
  v.several_items = principal_items.size() > 1;
  if (earliest) {
    v.due_date = date(*earliest);
    if (*earliest < r.as_of) v.days_overdue = std::to_string(earliest->days_until(r.as_of));
  }
  v.total_open = money(open_minor);
  v.fees = money(fees_minor);
  v.has_fees = fees_minor > 0;
  v.interest = money(interest_minor);
  v.has_interest = interest_minor > 0;
  v.total_due = money(out.total_due_minor);
  v.pay_by = comms::format_date(r.as_of.add_days(r.pay_within_days), lang, comms::DateStyle::long_form);
  v.as_of = date(r.as_of);
  v.portal_url = link.url;
  v.iban = documents::format_iban(profile.iban);
  v.bic = profile.bic;
  v.account_holder = holder;
  v.reference = documents::format_rf(rf);
  v.default_notice = customer.type == domain::CustomerType::consumer && out.template_name == "first_reminder";
  v.printed_layout = true;
  if (portal_kind == PortalMessage::promise_confirmation) {
    // The promise the customer made: the newest promise hold on the message's items.
    const engine::Hold* promise = nullptr;
    for (const auto& h : kase->holds) {
      if (h.kind != engine::HoldKind::promise_to_pay || h.ended_on || !h.until) continue;
      const bool covers = h.invoice_ids.empty() || std::any_of(h.invoice_ids.begin(), h.invoice_ids.end(), [&](auto id) {
                            return std::find(entry->invoice_ids.begin(), entry->invoice_ids.end(), id) !=
                                   entry->invoice_ids.end();
                          });
      if (covers && (!promise || h.id > promise->id)) promise = &h;
    }
    if (!promise) {
      return fail(ErrorCode::message_obsolete, "the promise of outbox entry " + entry->idempotency_key + " has ended");
    }
    v.promise_date = date(*promise->until);
    v.promise_amount = money(out.total_due_minor);
  }
  if (plan) {
    std::int64_t total = 0;
    for (const auto& in : plan->instalments) {
      v.plan.push_back({std::to_string(in.number), date(in.due_on), money(in.amount_minor)});
      total += in.amount_minor;
    }
    v.plan_total = money(total);
    v.plan_instalment_count = std::to_string(plan->instalments.size());
    if (instalment) {
      v.instalment_number = std::to_string(instalment->number);
      v.instalment_due_date = date(instalment->due_on);
      v.instalment_amount = money(instalment->amount_minor);
    }
  }
  KULANZ_TRY(templates, templates_for(store, r));
  KULANZ_TRY(message, templates->render({out.template_name, comms::Channel::letter, lang, tone}, v));

  // The layout.
  LetterLayout layout;
  layout.holder = holder;
  layout.profile = profile;
  layout.customer = customer;
  layout.as_of = r.as_of;
  layout.subject = message.subject;
  layout.body = message.body;
  for (const auto* i : rows) layout.items.push_back(*i);
  layout.currency = out.currency;
  layout.reference = rf;
  KULANZ_TRY(letter, lay_out_letter(layout));
  Built built;
  built.letter = std::move(letter);
  built.meta = std::move(out);
  built.customer = customer;
  built.profile = profile;
  built.holder = holder;
  built.values = v;
  built.tone = tone;
  if (chosen) built.outbox_key = chosen->idempotency_key;
  return built;
}

// The e-mail's HTML document around the template's fragment: the creditor's colour and
// name on top, the imprint below; inline styles only (mail clients drop style sheets).
std::string email_html(const domain::CreditorProfile& p, const std::string& holder, const std::string& fragment,
                       domain::Language lang) {
  auto esc = [](const std::string& s) {
    std::string o;
    for (char c : s) {
      switch (c) {
        case '<': o += "&lt;"; break;
        case '>': o += "&gt;"; break;
        case '&': o += "&amp;"; break;
        case '"': o += "&quot;"; break;
        default: o += c;
      }
    }
    return o;
  };
  std::string imprint = esc(holder) + " · " + esc(p.street) + " · " + esc(p.postal_code) + " " + esc(p.city);
  if (!p.register_entry.empty()) imprint += "<br>" + esc(p.register_entry);
  if (!p.management.empty()) imprint += "<br>" + esc(p.management);
  if (!p.vat_id.empty()) imprint += "<br>" + std::string(lang == domain::Language::en ? "VAT ID " : "USt-IdNr. ") + esc(p.vat_id);
  return std::string("<!DOCTYPE html>\n<html lang=\"") + (lang == domain::Language::en ? "en" : "de") +
         "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"></head>\n"
         "<body style=\"margin:0;padding:0;background:#f4f4f4;font-family:Arial,Helvetica,sans-serif;color:#222\">\n"
         "<div style=\"max-width:640px;margin:0 auto;background:#ffffff\">\n"
         "<div style=\"background:" + esc(p.brand_color) + ";color:#ffffff;padding:16px 24px;font-size:18px;font-weight:bold\">" +
         esc(holder) + "</div>\n<div style=\"padding:16px 24px;font-size:15px;line-height:1.5\">\n" + fragment +
         "\n</div>\n<div style=\"padding:12px 24px;font-size:12px;color:#666;border-top:1px solid #ddd\">" + imprint +
         "</div>\n</div>\n</body>\n</html>\n";
}

}  // namespace

base::Result<LetterOutcome> compose_letter(ports::LedgerStore& store, const LetterRequest& r) {
  KULANZ_TRY(built, build(store, r, nullptr));
  std::vector<int> pages;
  KULANZ_TRY(pdf, documents::render_letters_pdf(std::span<const documents::Letter>(&built.letter, 1), &pages));
  LetterOutcome out = std::move(built.meta);
  out.pdf = std::move(pdf);
  out.pages = pages.empty() ? 0 : pages.front();
  return out;
}

namespace {

bool attaches_letter(AttachLetter mode, const std::string& template_name) {
  switch (mode) {
    case AttachLetter::always: return true;
    case AttachLetter::never: return false;
    case AttachLetter::reminders: break;
  }
  return template_name == "first_reminder" || template_name == "second_reminder" || template_name == "final_notice" ||
         template_name == "statement";
}

}  // namespace

// What the e-mail needs from the store, gathered on the caller's thread.
struct EmailDraft {
  LetterRequest request;
  Built built;
  std::shared_ptr<const comms::TemplateSet> templates;
  std::vector<ports::InvoiceCopy> copies;  // of the message's invoices, with their bytes
};

void EmailDraftDelete::operator()(EmailDraft* d) const { delete d; }

namespace {

base::Result<EmailDraftPtr> prepare_email(ports::LedgerStore& store, const LetterRequest& r,
                                          const engine::OutboxEntry* entry) {
  KULANZ_TRY(built, build(store, r, entry));
  const domain::Customer& customer = built.customer;
  const domain::Contact* to = customer.contact(domain::Channel::email);
  if (!to || to->address.empty())
    return fail(ErrorCode::invalid_argument, "customer '" + customer.external_id + "' has no e-mail address", "email");
  if (!to->consent || to->invalid) {
    return fail(ErrorCode::invalid_argument,
                "customer '" + customer.external_id + "' gets no e-mail: " +
                    (to->invalid ? "the address is marked invalid" : "there is no consent for e-mail"),
                "email");
  }
  if (built.profile.email.empty()) {
    return fail(ErrorCode::invalid_argument,
                "the e-mail needs the creditor's sender address: set it with `kulanz creditor profile --email ...`", "email");
  }
  KULANZ_TRY(templates, templates_for(store, r));
  std::vector<ports::InvoiceCopy> copies;
  if (r.attach_invoice_copies && !built.meta.items.empty()) {
    KULANZ_TRY(found, store.dispatch().invoice_copies(r.creditor, built.meta.items, true));
    copies = std::move(found);
  }
  EmailDraftPtr draft(new EmailDraft{r, std::move(built), std::move(templates), std::move(copies)});
  return draft;
}

}  // namespace

base::Result<EmailOutcome> render_email(const EmailDraft& draft) {
  const LetterRequest& r = draft.request;
  const Built& built = draft.built;
  const domain::Customer& customer = built.customer;
  const domain::Contact* to = customer.contact(domain::Channel::email);
  comms::Values v = built.values;
  v.printed_layout = false;
  const domain::Language lang = customer.language;
  KULANZ_TRY(message, draft.templates->render({built.meta.template_name, comms::Channel::email, lang, built.tone}, v));
  EmailOutcome out;
  out.meta = built.meta;
  out.to = to->address;
  out.from = built.profile.email;
  out.subject = message.subject;
  out.text = message.text;
  channels::EmailMessage m;
  m.from = {built.holder, built.profile.email};
  m.to = {customer.name, to->address};
  if (!built.profile.reply_to.empty()) m.reply_to = channels::Mailbox{built.holder, built.profile.reply_to};
  m.subject = message.subject;
  m.text = message.text;
  m.html = email_html(built.profile, built.holder, message.html, lang);
  out.html = m.html;
  if (attaches_letter(r.attach_letter, built.meta.template_name)) {
    std::vector<int> pages;
    KULANZ_TRY(pdf, documents::render_letters_pdf(std::span<const documents::Letter>(&built.letter, 1), &pages));
    out.meta.pages = pages.empty() ? 0 : pages.front();
    const std::string stem = lang == domain::Language::en ? "letter-" : "Schreiben-";
    m.attachments.push_back({stem + r.as_of.iso() + ".pdf", "application/pdf", pdf});
    out.attachments.push_back({0, m.attachments.back().filename, "application/pdf", std::move(pdf)});
  }
  // The creditor's copies of the invoices, in the order of the items, within the limit.
  std::size_t attached = 0;
  for (const auto& a : m.attachments) attached += a.bytes.size();
  for (const auto id : built.meta.items) {
    for (const auto& c : draft.copies) {
      if (c.invoice_id != id) continue;
      if (attached + c.content.size() > kMaxAttachmentBytes) {
        out.copies_left_out.push_back(c.file_name);
        continue;
      }
      attached += c.content.size();
      m.attachments.push_back({c.file_name, "application/pdf", c.content});
      out.invoice_copies.push_back(c.file_name);
    }
  }
  // One Message-ID per message: from the outbox entry when the message comes from one (a
  // resend carries the same id), else from the customer, day and template.
  const std::string basis = built.outbox_key.empty()
                                ? std::to_string(r.creditor.value) + "|" + customer.external_id + "|" + r.as_of.iso() +
                                      "|" + built.meta.template_name
                                : std::to_string(r.creditor.value) + "|" + built.outbox_key;
  const std::string& sender = built.profile.email;
  m.message_id = "<" + security::sha256_hex(basis).substr(0, 32) + "@" + sender.substr(sender.find('@') + 1) + ">";
  m.date_unix = r.now_unix;
  m.list_unsubscribe_mailto = (built.profile.reply_to.empty() ? sender : built.profile.reply_to) + "?subject=" +
                              (lang == domain::Language::en ? "unsubscribe" : "Abmelden");
  if (!built.outbox_key.empty()) m.extra_headers.push_back({"X-Kulanz-Outbox", built.outbox_key});
  KULANZ_TRY(eml, channels::compose_mime(m));
  out.message_id = m.message_id;
  out.eml = std::move(eml);
  return out;
}

namespace {

base::Result<SmsOutcome> sms_of(ports::LedgerStore& store, const LetterRequest& r, const engine::OutboxEntry* entry,
                                const std::string& sender_id, std::size_t max_segments) {
  KULANZ_TRY(built, build(store, r, entry));
  const domain::Customer& customer = built.customer;
  const domain::Contact* to = customer.contact(domain::Channel::sms);
  if (!to || to->address.empty())
    return fail(ErrorCode::invalid_argument, "customer '" + customer.external_id + "' has no mobile number", "sms");
  if (!to->consent || to->invalid) {
    return fail(ErrorCode::invalid_argument,
                "customer '" + customer.external_id + "' gets no SMS: " +
                    (to->invalid ? "the number is marked invalid" : "there is no consent for SMS"),
                "sms");
  }
  comms::Values v = built.values;
  v.printed_layout = false;
  KULANZ_TRY(templates, templates_for(store, r));
  KULANZ_TRY(message, templates->render({built.meta.template_name, comms::Channel::sms, customer.language, built.tone}, v));
  SmsOutcome out;
  out.meta = built.meta;
  out.to = to->address;
  out.text = message.text;
  const comms::SmsInfo info = comms::measure_sms(out.text);
  out.characters = info.characters;
  out.gsm7 = info.gsm7;
  out.segments = info.segments;
  if (max_segments > 0 && out.segments > max_segments) {
    return fail(ErrorCode::text_too_long,
                "the SMS needs " + std::to_string(out.segments) + " segments, at most " + std::to_string(max_segments) +
                    " are allowed; shorten the text (kulanz templates set) or raise [sms] max_segments",
                "text");
  }
  out.client_ref = built.outbox_key.empty()
                       ? customer.external_id + "/" + r.as_of.iso() + "/" + built.meta.template_name
                       : built.outbox_key;
  KULANZ_TRY(body, channels::vonage_request_body({to->address, sender_id, out.text, out.client_ref}));
  out.request_json = std::move(body);
  return out;
}

}  // namespace

base::Result<EmailOutcome> compose_email(ports::LedgerStore& store, const LetterRequest& r) {
  KULANZ_TRY(draft, prepare_email(store, r, nullptr));
  return render_email(*draft);
}

base::Result<SmsOutcome> compose_sms(ports::LedgerStore& store, const LetterRequest& r, const std::string& sender_id,
                                     std::size_t max_segments) {
  return sms_of(store, r, nullptr, sender_id, max_segments);
}

base::Result<EmailOutcome> compose_email_for(ports::LedgerStore& store, const LetterRequest& r,
                                             const engine::OutboxEntry& entry) {
  KULANZ_TRY(draft, prepare_email(store, r, &entry));
  return render_email(*draft);
}

base::Result<EmailDraftPtr> prepare_email_for(ports::LedgerStore& store, const LetterRequest& r,
                                              const engine::OutboxEntry& entry) {
  return prepare_email(store, r, &entry);
}

base::Result<SmsOutcome> compose_sms_for(ports::LedgerStore& store, const LetterRequest& r,
                                         const engine::OutboxEntry& entry, const std::string& sender_id,
                                         std::size_t max_segments) {
  return sms_of(store, r, &entry, sender_id, max_segments);
}

base::Result<PrintBatch> compose_print_batch(ports::LedgerStore& store, const PrintBatchRequest& r) {
  // The day's letters not handed over yet (with reprint: also those that were), in outbox
  // order.
  std::vector<engine::OutboxEntry> entries;
  std::int64_t after = 0;
  for (;;) {
    KULANZ_TRY(page, store.collection().list_outbox(r.creditor, std::nullopt, after, 500));
    if (page.empty()) break;
    after = page.back().id;
    for (auto& e : page) {
      if (e.channel == engine::StepChannel::letter && e.local_day == r.as_of &&
          (e.status == "pending" || (r.reprint && e.status == "sent")))
        entries.push_back(std::move(e));
    }
  }
  PrintBatch batch;
  std::vector<documents::Letter> letters;
  std::vector<Built> built;
  std::vector<const engine::OutboxEntry*> kept;
  for (const auto& e : entries) {
    KULANZ_TRY(customer, store.customer_by_id(r.creditor, e.customer_id));
    if (!customer) return fail(ErrorCode::internal, "outbox entry " + std::to_string(e.id) + " names an unknown customer");
    LetterRequest one;
    one.creditor = r.creditor;
    one.customer_external_id = customer->external_id;
    one.as_of = r.as_of;
    one.now_unix = r.now_unix;
    one.base_rates = r.base_rates;
    one.portal = r.portal;
    auto b = build(store, one, &e);
    if (!b) {
      auto err = std::move(b).error();
      if (err.code == ErrorCode::message_obsolete) {
        batch.obsolete.emplace_back(e, err.detail);
        continue;
      }
      err.detail = "the letter of outbox entry " + std::to_string(e.id) + " (customer " + customer->external_id +
                   "): " + err.detail;
      return fail(std::move(err));
    }
    letters.push_back(b->letter);
    built.push_back(std::move(*b));
    kept.push_back(&e);
  }
  if (letters.empty()) return batch;
  std::vector<int> pages;
  KULANZ_TRY(pdf, documents::render_letters_pdf(letters, &pages));
  batch.pdf = std::move(pdf);
  const char* columns[] = {"sequence", "first_page", "pages", "customer_external_id", "name", "street", "postal_code",
                           "city", "country", "template", "tone", "language", "reference", "total_due", "currency",
                           "outbox_key"};
  for (std::size_t i = 0; i < std::size(columns); ++i) batch.manifest_csv += (i ? "," : "") + std::string(columns[i]);
  batch.manifest_csv += "\r\n";
  int first_page = 1;
  for (std::size_t i = 0; i < built.size(); ++i) {
    const auto& m = built[i].meta;
    const auto& c = built[i].customer;
    const int n = i < pages.size() ? pages[i] : 0;
    const std::vector<std::string> row = {std::to_string(i + 1), std::to_string(first_page), std::to_string(n),
                                          c.external_id, c.name, c.street, c.postal_code, c.city, c.country,
                                          m.template_name, m.tone, m.language, documents::format_rf(m.reference),
                                          money::format_decimal(m.total_due_minor, 2), m.currency,
                                          kept[i]->idempotency_key};
    for (std::size_t k = 0; k < row.size(); ++k) batch.manifest_csv += (k ? "," : "") + importers::csv_quote(row[k], ',');
    batch.manifest_csv += "\r\n";

    // The history's copy: this letter on its own (only for letters not handed over
    // before; a reprint records nothing).
    const documents::Letter& letter = built[i].letter;
    PrintedLetter p;
    p.entry = *kept[i];
    p.first_page = first_page;
    p.pages = n;
    auto& h = p.history;
    for (const auto& line : letter.recipient_lines) h.address += (h.address.empty() ? "" : ", ") + line;
    h.subject = letter.subject;
    for (const auto* part : {&letter.body, &letter.after_table}) {
      for (const auto& paragraph : *part) h.body_text += (h.body_text.empty() ? "" : "\n\n") + paragraph;
    }
    h.delivery_state = "printed";
    if (kept[i]->status == "pending") {
      KULANZ_TRY(own, documents::render_letter_pdf(letter));
      const std::string stem = c.language == domain::Language::en ? "letter-" : "Schreiben-";
      h.documents.push_back({0, stem + r.as_of.iso() + ".pdf", "application/pdf", std::move(own)});
    }
    batch.printed.push_back(std::move(p));
    first_page += n;
  }
  batch.letters = static_cast<int>(built.size());
  batch.pages = first_page - 1;
  return batch;
}

}  // namespace kulanz::services
