// What the customer sees: the overview, items and payments, the statement and invoice
// copies, the contact history with its documents, and the knowledge base. Every read is
// bounded by the session's creditor and customer; anything else answers 404.
#include <algorithm>

#include "base/text.hpp"
#include "http/portal_pages.hpp"
#include "http/portal_text.hpp"
#include "services/account_statement.hpp"
#include "services/invoice_copies.hpp"
#include "services/portal.hpp"

namespace kulanz::http {
namespace {

using domain::Language;

std::string label_of(domain::ItemKind kind, const std::string& number, Language l) {
  // Fee and interest items carry the engine's German description as their number; the
  // portal names their kind and keeps the date columns for the rest.
  switch (kind) {
    case domain::ItemKind::fee: return std::string(portal_text("kind_fee", l));
    case domain::ItemKind::interest: return std::string(portal_text("kind_interest", l));
    case domain::ItemKind::invoice: break;
  }
  return portal_format("kind_invoice", l, {number});
}

bool item_on_hold(const services::PortalOverview& o, domain::InvoiceId id) {
  return std::any_of(o.holds.begin(), o.holds.end(), [&](const services::PortalHold& h) {
    return h.items.empty() || std::find(h.items.begin(), h.items.end(), id) != h.items.end();
  });
}

std::string item_list_html(const services::PortalOverview& o, Language l, const std::vector<domain::InvoiceId>& with_copy,
                           std::size_t limit) {
  Data items{Data::type::list};
  std::size_t n = 0;
  for (const auto& i : o.open) {
    if (n++ >= limit) break;
    Data d;
    d.set("number", i.number);
    d.set("label", label_of(i.kind, i.number, l));
    d.set("open", portal_money(i.open.minor(), i.open.currency().code(), l));
    bool overdue = i.days_past_due > 0;
    d.set("overdue", overdue);
    d.set("due_text", portal_format(overdue ? "overdue_since" : "due_on", l, {portal_date(i.due_date, l)}));
    std::string state;
    if (item_on_hold(o, i.invoice_id)) state = portal_text("state_on_hold", l);
    else if (overdue) state = portal_text("state_overdue", l);
    if (i.open.minor() < i.amount.minor()) state += (state.empty() ? "" : ", ") + std::string(portal_text("state_partly_paid", l));
    set_text(d, "state", state);
    bool copy = std::find(with_copy.begin(), with_copy.end(), i.invoice_id) != with_copy.end();
    d.set("links", true);
    if (copy) d.set("copy_href", "/p/invoices/" + base::percent_encode(i.external_id) + "/copy");
    d.set("pay_href", "/p/pay?item=" + base::percent_encode(i.external_id));
    d.set("pay_label", portal_format("pay_item", l, {label_of(i.kind, i.number, l)}));
    d.set("copy_label", std::string(portal_text("invoice_copy", l)));
    d.set("t_pay", std::string(portal_text("pay_short", l)));
    if (i.kind == domain::ItemKind::invoice) {
      d.set("dispute_href", "/p/dispute?item=" + base::percent_encode(i.external_id));
      d.set("dispute_label", portal_format("dispute_item_link", l, {label_of(i.kind, i.number, l)}));
      d.set("t_dispute", std::string(portal_text("dispute_short", l)));
    }
    items.push_back(d);
  }
  Data d;
  d.set("items", items);
  auto html = render_template("portal_item_list", d);
  return html ? *html : std::string();
}

// The invoices among `o.open` that have a copy.
std::vector<domain::InvoiceId> with_copies(ports::LedgerStore& store, const PortalView& v,
                                           const services::PortalOverview& o) {
  std::vector<domain::InvoiceId> ids;
  for (const auto& i : o.open) {
    if (i.kind == domain::ItemKind::invoice) ids.push_back(i.invoice_id);
  }
  if (ids.empty()) return {};
  auto copies = store.dispatch().invoice_copies(v.session.creditor_id, ids, false);
  std::vector<domain::InvoiceId> out;
  if (copies) {
    for (const auto& c : *copies) out.push_back(c.invoice_id);
  }
  return out;
}

std::vector<std::string> next_lines(const services::PortalOverview& o, Language l) {
  std::vector<std::string> lines;
  for (const auto& h : o.holds) {
    switch (h.kind) {
      case engine::HoldKind::dispute: lines.push_back(std::string(portal_text("hold_dispute", l))); break;
      case engine::HoldKind::promise_to_pay:
        lines.push_back(portal_format("hold_promise", l, {h.until ? portal_date(*h.until, l) : std::string("–")}));
        break;
      case engine::HoldKind::payment_plan: lines.push_back(std::string(portal_text("hold_plan", l))); break;
      default: lines.push_back(std::string(portal_text("hold_other", l))); break;
    }
  }
  if (o.next_step) {
    static const std::vector<std::pair<std::string_view, std::string_view>> keys = {
        {"reminder", "next_reminder"}, {"notice", "next_notice"},     {"statement", "next_statement"},
        {"fee", "next_fee"},           {"interest", "next_interest"}, {"call_task", "next_call"},
        {"handover", "next_handover"}, {"court_dunning_prep", "next_court"}};
    auto it = std::find_if(keys.begin(), keys.end(), [&](const auto& k) { return k.first == o.next_step->kind; });
    if (it != keys.end()) lines.push_back(portal_format(it->second, l, {portal_date(o.next_step->date, l)}));
  } else if (o.overdue_count == 0 && !o.open.empty()) {
    lines.push_back(std::string(portal_text("next_not_due", l)));
  }
  if (lines.empty()) lines.push_back(std::string(portal_text("next_nothing", l)));
  return lines;
}

Data option(std::string_view href, std::string label, bool primary) {
  Data d;
  d.set("href", std::string(href));
  d.set("label", std::move(label));
  d.set("primary", primary);
  return d;
}

Response pdf_response(std::string bytes, const std::string& file_name) {
  auto r = Response::text(200, std::move(bytes), "application/pdf");
  r.set_header("Content-Disposition", "attachment; filename=\"" + services::safe_file_name(file_name, "document.pdf") + "\"");
  r.set_header("Cache-Control", "no-store");
  r.set_header("X-Content-Type-Options", "nosniff");
  r.set_header("Content-Security-Policy", "default-src 'none'; sandbox");
  return r;
}

}  // namespace

Response portal_overview_page(Request& request, const PortalState& state) {
  KULANZ_PORTAL_VIEW(v, request, state);
  const Language l = v.language;
  auto frame = frame_of(v, state, std::string(portal_text("nav_overview", l)), "/p/", "overview");
  auto o = services::portal_overview(*request.store, v.session.creditor_id, v.session.customer_id, portal_today(request),
                                     request.now_unix);
  if (!o) return portal_unavailable(frame, o.error());
  Data d;
  d.set("greeting", portal_format("greeting", l, {o->customer.name}));
  bool has_open = !o->open.empty();
  d.set("has_open", has_open);
  d.set("balance", portal_money(o->balance.open_items.minor(), o->currency, l));
  std::string overdue;
  if (o->overdue_count == 1) {
    overdue = portal_format("overdue_one", l, {portal_money(o->balance.overdue.minor(), o->currency, l)});
  } else if (o->overdue_count > 1) {
    overdue = portal_format("overdue_many", l, {std::to_string(o->overdue_count),
                                                portal_money(o->balance.overdue.minor(), o->currency, l)});
  }
  set_text(d, "overdue_text", overdue);
  set_text(d, "due_text", o->overdue_count > 0 ? std::string(portal_text("pay_now", l))
                    : o->next_due       ? portal_format("due_by", l, {portal_date(*o->next_due, l)})
                                        : std::string());
  std::string nothing(portal_text("nothing_open", l));
  if (o->balance.balance.minor() < 0) {
    nothing += " " + portal_format("credit_balance", l, {portal_money(-o->balance.balance.minor(), o->currency, l)});
  }
  d.set("nothing_open_text", nothing);
  Data lines{Data::type::list};
  for (auto& line : next_lines(*o, l)) lines.push_back(Data(line));
  d.set("next_lines", lines);
  Data fee_help{Data::type::list};
  if (o->next_step && (o->next_step->kind == "fee" || o->next_step->kind == "interest")) {
    for (const auto* a : v.settings().answers_for(o->next_step->kind == "fee" ? "fees" : "interest")) {
      Data a_d;
      a_d.set("id", a->id);
      a_d.set("title", a->title.in(l));
      fee_help.push_back(a_d);
    }
  }
  d.set("fee_help", fee_help);
  Data options{Data::type::list};
  options.push_back(option("/p/pay", std::string(portal_text("option_pay", l)), true));
  if (v.settings().plan.enabled) options.push_back(option("/p/plan", std::string(portal_text("option_plan", l)), false));
  if (v.settings().promise.enabled) {
    options.push_back(option("/p/promise", std::string(portal_text("option_promise", l)), false));
  }
  options.push_back(option("/p/dispute", std::string(portal_text("option_dispute", l)), false));
  if (!v.settings().credit_note_reasons.empty()) {
    options.push_back(option("/p/credit-note", std::string(portal_text("option_credit_note", l)), false));
  }
  if (!v.settings().callback.windows.empty()) {
    options.push_back(option("/p/callback", std::string(portal_text("option_callback", l)), false));
  }
  options.push_back(option("/p/preferences", std::string(portal_text("option_preferences", l)), false));
  options.push_back(option("/p/items", std::string(portal_text("option_items", l)), false));
  options.push_back(option("/p/history", std::string(portal_text("option_history", l)), false));
  options.push_back(option("/p/help", std::string(portal_text("option_help", l)), false));
  d.set("options", options);
  d.set("item_list", has_open ? item_list_html(*o, l, with_copies(*request.store, v, *o), 5) : std::string());
  return portal_page(200, frame, "portal_overview", d);
}

Response portal_items_page(Request& request, const PortalState& state) {
  KULANZ_PORTAL_VIEW(v, request, state);
  const Language l = v.language;
  auto frame = frame_of(v, state, std::string(portal_text("items_heading", l)), "/p/items", "items");
  auto o = services::portal_overview(*request.store, v.session.creditor_id, v.session.customer_id, portal_today(request),
                                     request.now_unix);
  if (!o) return portal_unavailable(frame, o.error());
  Data d;
  d.set("verified", v.verified());
  d.set("has_items", !o->open.empty());
  d.set("item_list", item_list_html(*o, l, with_copies(*request.store, v, *o), o->open.size()));
  Data paid{Data::type::list};
  for (const auto& i : o->paid) {
    Data p;
    p.set("number", i.number);
    p.set("label", label_of(i.kind, i.number, l));
    p.set("amount", portal_money(i.amount.minor(), i.amount.currency().code(), l));
    const auto settled = o->settled_on.find(i.id.value);
    p.set("paid_text", settled == o->settled_on.end()
                           ? portal_format("paid_text", l, {portal_date(i.due_date, l)})
                           : portal_format("paid_on_text", l, {portal_date(i.due_date, l), portal_date(settled->second, l)}));
    paid.push_back(p);
  }
  d.set("has_paid", !o->paid.empty());
  d.set("paid", paid);
  Data payments{Data::type::list};
  for (const auto& p : o->payments) {
    Data pd;
    pd.set("date", portal_date(p.value_date, l));
    pd.set("amount", portal_money(p.amount.minor(), p.amount.currency().code(), l));
    set_text(pd, "reference", p.reference);
    payments.push_back(pd);
  }
  d.set("has_payments", !o->payments.empty());
  d.set("payments", payments);
  return portal_page(200, frame, "portal_items", d);
}

Response portal_statement_pdf(Request& request, const PortalState& state) {
  KULANZ_PORTAL_VIEW(v, request, state);
  if (auto r = require_check(v, "/p/statement.pdf")) return std::move(*r);
  auto st = services::compose_account_statement(*request.store, v.session.creditor_id, v.session.customer_id,
                                                portal_today(request), v.language, request.now_unix);
  if (!st) return portal_unavailable(frame_of(v, state, "", "/p/items", "items"), st.error());
  return pdf_response(std::move(st->pdf), st->file_name);
}

Response portal_invoice_copy(Request& request, const PortalState& state) {
  KULANZ_PORTAL_VIEW(v, request, state);
  const std::string& external_id = request.path_params["invoice"];
  auto frame = frame_of(v, state, "", "/p/items", "items");
  if (auto r = require_check(v, "/p/invoices/" + external_id + "/copy")) return std::move(*r);
  auto invoice = request.store->invoice_by_external_id(v.session.creditor_id, external_id);
  if (!invoice) return portal_unavailable(frame, invoice.error());
  // Another customer's invoice looks exactly like one that does not exist.
  if (!*invoice || (*invoice)->customer_id != v.session.customer_id) return portal_not_found(frame);
  domain::InvoiceId id = (*invoice)->id;
  auto copies = request.store->dispatch().invoice_copies(v.session.creditor_id, std::span(&id, 1), true);
  if (!copies) return portal_unavailable(frame, copies.error());
  if (copies->empty()) return portal_not_found(frame);
  return pdf_response(std::move(copies->front().content), copies->front().file_name);
}

Response portal_history_page(Request& request, const PortalState& state) {
  KULANZ_PORTAL_VIEW(v, request, state);
  const Language l = v.language;
  auto frame = frame_of(v, state, std::string(portal_text("history_heading", l)), "/p/history", "history");
  auto contacts = request.store->dispatch().list_contact_history(v.session.creditor_id, v.session.customer_id, 0, 200);
  if (!contacts) return portal_unavailable(frame, contacts.error());
  auto actions = request.store->portal().list_portal_interactions(v.session.creditor_id, v.session.customer_id, 0, 200);
  if (!actions) return portal_unavailable(frame, actions.error());
  struct Entry {
    std::int64_t when;
    Data data;
  };
  std::vector<Entry> entries;
  auto day_of = [](std::int64_t unix) { return calendar::Date::from_unix_utc(unix); };
  for (const auto& c : *contacts) {
    Data e;
    e.set("kind", std::string("contact"));
    e.set("iso", day_of(c.sent_unix).iso());
    e.set("date", portal_date(day_of(c.sent_unix), l));
    std::string channel_key = "channel_" + c.channel;
    std::string channel(portal_text(channel_key, l));
    e.set("channel", channel.empty() ? std::string(portal_text("channel_other", l)) : channel);
    e.set("title", c.subject.empty() ? c.body_text.substr(0, 160) : c.subject);
    if (c.delivery_state == "failed") e.set("state", std::string(portal_text("delivery_failed", l)));
    Data docs{Data::type::list};
    if (c.delivery_state != "failed") {
      auto listed = request.store->dispatch().contact_documents(v.session.creditor_id, c.id);
      if (listed) {
        for (std::size_t n = 0; n < listed->size(); ++n) {
          Data doc;
          doc.set("href", "/p/history/" + std::to_string(c.id) + "/documents/" + std::to_string(n + 1));
          // The first document of a message is its letter (the PDF the e-mail carried or
          // the letter sent); others keep their names.
          doc.set("label", n == 0 ? portal_format("document_letter", l, {portal_date(day_of(c.sent_unix), l)})
                                  : portal_format("document_pdf", l, {(*listed)[n].name}));
          docs.push_back(doc);
        }
      }
    }
    e.set("documents", docs);
    entries.push_back({c.sent_unix, e});
  }
  for (const auto& a : *actions) {
    Data e;
    e.set("kind", a.kind);
    e.set("iso", day_of(a.created_unix).iso());
    e.set("date", portal_date(day_of(a.created_unix), l));
    e.set("channel", std::string(portal_text("channel_portal", l)));
    e.set("title", a.summary);
    e.set("documents", Data{Data::type::list});
    entries.push_back({a.created_unix, e});
  }
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.when > b.when; });
  Data list{Data::type::list};
  for (auto& e : entries) list.push_back(e.data);
  Data d;
  d.set("verified", v.verified());
  d.set("has_entries", !entries.empty());
  d.set("entries", list);
  return portal_page(200, frame, "portal_history", d);
}

Response portal_history_document(Request& request, const PortalState& state) {
  KULANZ_PORTAL_VIEW(v, request, state);
  auto frame = frame_of(v, state, "", "/p/history", "history");
  const std::string& entry_text = request.path_params["entry"];
  const std::string& index_text = request.path_params["index"];
  if (auto r = require_check(v, "/p/history/" + entry_text + "/documents/" + index_text)) return std::move(*r);
  const std::int64_t entry_id = portal_path_id(entry_text), index = portal_path_id(index_text);
  if (entry_id <= 0 || index <= 0) return portal_not_found(frame);
  auto entry = request.store->dispatch().contact_history_entry(v.session.creditor_id, entry_id);
  if (!entry) return portal_unavailable(frame, entry.error());
  if (!*entry || (*entry)->customer_id != v.session.customer_id) return portal_not_found(frame);
  auto docs = request.store->dispatch().contact_documents(v.session.creditor_id, entry_id);
  if (!docs) return portal_unavailable(frame, docs.error());
  if (index < 1 || index > static_cast<std::int64_t>(docs->size())) return portal_not_found(frame);
  auto& doc = (*docs)[static_cast<std::size_t>(index - 1)];
  if (doc.content_type != "application/pdf") return portal_not_found(frame);
  return pdf_response(std::move(doc.content), doc.name);
}

Response portal_help_page(Request& request, const PortalState& state) {
  KULANZ_PORTAL_VIEW(v, request, state);
  const Language l = v.language;
  auto frame = frame_of(v, state, std::string(portal_text("help_heading", l)), "/p/help", "help");
  std::string query = request.query_param("q").value_or("");
  if (query.size() > 200) query.resize(200);
  auto found = portal::search_answers(v.settings(), l, query);
  Data answers{Data::type::list};
  for (const auto* a : found) {
    Data ad;
    ad.set("id", a->id);
    ad.set("title", a->title.in(l));
    answers.push_back(ad);
  }
  Data d;
  d.set("query", query);
  bool has_query = !base::trim(query).empty();
  d.set("has_query", has_query);
  d.set("result_text", found.empty() ? std::string(portal_text("help_no_results", l))
                     : found.size() == 1 ? std::string(portal_text("help_result_one", l))
                                         : portal_format("help_results", l, {std::to_string(found.size())}));
  d.set("answers", answers);
  return portal_page(200, frame, "portal_help", d);
}

Response portal_answer_page(Request& request, const PortalState& state) {
  KULANZ_PORTAL_VIEW(v, request, state);
  const Language l = v.language;
  auto frame = frame_of(v, state, "", "/p/help", "help");
  const auto* a = v.settings().answer(request.path_params["answer"]);
  if (a == nullptr) return portal_not_found(frame);
  frame.title = a->title.in(l);
  Data paragraphs{Data::type::list};
  const std::string& text = a->text.in(l);
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find("\n\n", start);
    if (end == std::string::npos) end = text.size();
    std::string p(base::trim(text.substr(start, end - start)));
    if (!p.empty()) paragraphs.push_back(Data(p));
    start = end + 2;
  }
  Data d;
  d.set("title", a->title.in(l));
  d.set("paragraphs", paragraphs);
  return portal_page(200, frame, "portal_answer", d);
}

}  // namespace kulanz::http
