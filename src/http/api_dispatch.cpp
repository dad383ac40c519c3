// What went out and where events go, over the API: the contact history of a customer,
// a document sent with a message, and the creditor's webhooks with their deliveries
// (docs/API.md, docs/DISPATCH.md, docs/WEBHOOKS.md).
#include "http/api_dispatch.hpp"

#include <boost/json.hpp>
#include <boost/url/parse.hpp>
#include <string>
#include <variant>

#include "http/api_auth.hpp"
#include "http/api_query.hpp"
#include "http/api_references.hpp"
#include "http/api_response.hpp"
#include "http/json_body.hpp"
#include "security/security.hpp"
#include "http/portal_text.hpp"
#include "services/invoice_copies.hpp"
#include "services/portal_card.hpp"

namespace kulanz::http {
namespace {

namespace json = boost::json;
using base::ErrorCode;

Response problem(ErrorCode code, const std::string& detail, const Request& request, const std::string& field = {}) {
  return error_response(base::Error(code, detail, field), request);
}

const char* const kEvents[] = {"message.sent", "message.failed", "run.finished", "collection.step", "payment.received", "*"};

Response customer_contacts(ApiCall& call) {
  const std::string& ext = call.request.path_params.at("external_id");
  auto cu = call.store.customer_by_external_id(call.creditor, ext);
  if (!cu) return error_response(cu.error(), call.request);
  if (!*cu) return not_found_response("customer", ext, call.request);
  auto before = query_int(call.request, "before", 0, 2000000000, 0);
  if (!before) return error_response(before.error(), call.request);
  auto limit = query_int(call.request, "limit", 1, 200, 50);
  if (!limit) return error_response(limit.error(), call.request);
  auto rows = call.store.dispatch().list_contact_history(call.creditor, (*cu)->id, *before, *limit);
  if (!rows) return error_response(rows.error(), call.request);
  ReferenceNames names(call.store, call.creditor);
  json::array items;
  for (const auto& r : *rows) {
    json::array invoices;
    for (auto id : r.invoice_ids) {
      auto n = names.invoice((*cu)->id, id);
      if (!n) return error_response(n.error(), call.request);
      if (!n->empty()) invoices.push_back(json::string(*n));
    }
    auto docs = call.store.dispatch().contact_documents(call.creditor, r.id);
    if (!docs) return error_response(docs.error(), call.request);
    json::array documents;
    for (const auto& d : *docs) {
      documents.push_back(json::object{{"id", d.id},
                                       {"name", d.name},
                                       {"content_type", d.content_type},
                                       {"size", static_cast<std::int64_t>(d.content.size())},
                                       {"href", "/api/v1/contacts/" + std::to_string(r.id) + "/documents/" +
                                                    std::to_string(d.id)}});
    }
    items.push_back(json::object{{"id", r.id},
                                 {"channel", r.channel},
                                 {"address", r.address},
                                 {"sent_unix", r.sent_unix},
                                 {"delivery_state", r.delivery_state},
                                 {"state_detail", r.state_detail},
                                 {"updated_unix", r.updated_unix},
                                 {"template", r.template_name},
                                 {"tone", r.tone},
                                 {"language", r.language},
                                 {"subject", r.subject},
                                 {"text", r.body_text},
                                 {"html", r.body_html},
                                 {"message_id", r.message_id},
                                 {"provider_id", r.provider_id},
                                 {"decision_key", r.decision_key},
                                 {"reason", r.reason},
                                 {"invoices", std::move(invoices)},
                                 {"documents", std::move(documents)}});
  }
  json::object body{{"items", std::move(items)}};
  body["next_before"] = static_cast<int>(rows->size()) == *limit ? json::value(rows->back().id) : json::value(nullptr);
  return json_response(body);
}

Response contact_document(ApiCall& call) {
  auto history_id = path_id(call.request, "contact_id");
  if (!history_id) return error_response(history_id.error(), call.request);
  auto document_id = path_id(call.request, "document_id");
  if (!document_id) return error_response(document_id.error(), call.request);
  auto docs = call.store.dispatch().contact_documents(call.creditor, *history_id);
  if (!docs) return error_response(docs.error(), call.request);
  for (const auto& d : *docs) {
    if (d.id != *document_id) continue;
    Response r = Response::text(200, d.content, d.content_type.empty() ? "application/octet-stream" : d.content_type);
    r.set_header("Content-Disposition",
                 "attachment; filename=\"" + services::safe_file_name(d.name, "document") + "\"");
    return r;
  }
  return problem(ErrorCode::not_found, "no document " + std::to_string(*document_id) + " of contact " +
                                           std::to_string(*history_id),
                 call.request);
}

// ---- invoice copies ------------------------------------------------------------------

json::object copy_json(const std::string& invoice, const ports::InvoiceCopy& c) {
  return json::object{{"invoice", invoice},
                      {"file_name", c.file_name},
                      {"size", c.size_bytes},
                      {"sha256", c.sha256},
                      {"added_unix", c.added_unix},
                      {"href", "/api/v1/invoices/" + invoice + "/copy"}};
}

// The file name from Content-Disposition (filename="..."), if the client sent one.
std::string disposition_file_name(const std::string& header) {
  const auto at = header.find("filename=");
  if (at == std::string::npos) return {};
  std::string v = header.substr(at + 9);
  if (!v.empty() && v.front() == '"') {
    v.erase(0, 1);
    v = v.substr(0, v.find('"'));
  } else {
    v = v.substr(0, v.find(';'));
  }
  return v;
}

Response put_invoice_copy(ApiCall& call) {
  const std::string& ext = call.request.path_params.at("external_id");
  const std::string type = media_type(call.request.header("content-type"));
  if (type != "application/pdf") {
    return problem(ErrorCode::unsupported_media_type,
                   "send the invoice copy as the request body with Content-Type: application/pdf" +
                       (type.empty() ? std::string() : " (not " + type + ")"),
                   call.request);
  }
  std::string name = disposition_file_name(call.request.header("content-disposition"));
  if (name.empty()) name = ext + ".pdf";
  auto added = services::add_invoice_copy(call.store, call.creditor, ext, name, call.request.body,
                                          call.request.now_unix);
  if (!added && added.error().code == ErrorCode::invoice_unknown) return not_found_response("invoice", ext, call.request);
  if (!added) return error_response(added.error(), call.request);
  return json_response(copy_json(ext, *added));
}

// The invoice of the path and its copy (with the bytes when asked), or the 404 answer.
std::variant<std::pair<domain::Invoice, std::optional<ports::InvoiceCopy>>, Response> invoice_and_copy(ApiCall& call,
                                                                                                      bool with_content) {
  const std::string& ext = call.request.path_params.at("external_id");
  auto invoice = call.store.invoice_by_external_id(call.creditor, ext);
  if (!invoice) return error_response(invoice.error(), call.request);
  if (!*invoice) return not_found_response("invoice", ext, call.request);
  const domain::InvoiceId id = (*invoice)->id;
  auto copies = call.store.dispatch().invoice_copies(call.creditor, std::span<const domain::InvoiceId>(&id, 1), with_content);
  if (!copies) return error_response(copies.error(), call.request);
  std::optional<ports::InvoiceCopy> copy;
  if (!copies->empty()) copy = std::move(copies->front());
  return std::make_pair(std::move(**invoice), std::move(copy));
}

Response get_invoice_copy(ApiCall& call) {
  auto found = invoice_and_copy(call, true);
  if (auto* r = std::get_if<Response>(&found)) return std::move(*r);
  auto& [invoice, copy] = std::get<0>(found);
  if (!copy) return problem(ErrorCode::not_found, "invoice '" + invoice.external_id + "' has no copy", call.request);
  Response r = Response::text(200, copy->content, "application/pdf");
  r.set_header("Content-Disposition", "attachment; filename=\"" + copy->file_name + "\"");
  return r;
}

Response remove_invoice_copy(ApiCall& call) {
  auto found = invoice_and_copy(call, false);
  if (auto* r = std::get_if<Response>(&found)) return std::move(*r);
  auto& [invoice, copy] = std::get<0>(found);
  if (!copy) return problem(ErrorCode::not_found, "invoice '" + invoice.external_id + "' has no copy", call.request);
  auto removed = call.store.dispatch().remove_invoice_copy(call.creditor, invoice.id);
  if (!removed) return error_response(removed.error(), call.request);
  return json_response(json::object{{"invoice", invoice.external_id}, {"removed", *removed}});
}

json::object webhook_json(const ports::WebhookSubscription& s) {
  json::array events;
  for (const auto& e : s.events) events.push_back(json::string(e));
  return json::object{{"id", s.id}, {"url", s.url}, {"events", std::move(events)}, {"created_unix", s.created_unix}};
}

Response list_webhooks(ApiCall& call) {
  auto subs = call.store.dispatch().list_webhooks(call.creditor);
  if (!subs) return error_response(subs.error(), call.request);
  json::array items;
  for (const auto& s : *subs) items.push_back(webhook_json(s));
  return json_response(json::object{{"items", std::move(items)}});
}

// A delivery report of the SMS gateway: signed (checked by options.verify_sms_report), for
// a message of any creditor (found by the gateway's id). Unknown messages and repeated
// reports are answered 200 and change nothing, so the gateway stops sending them.
Response sms_report(ApiCall& call) {
  if (!call.options.verify_sms_report)
    return problem(ErrorCode::not_found, "SMS delivery reports are not configured ([sms] signature_secret)", call.request);
  auto report = call.options.verify_sms_report(call.request.header("authorization"), call.request.body,
                                               call.request.now_unix);
  if (!report) return unauthorized_problem(report.error(), call.request);
  if (report->state != "delivered" && report->state != "failed")
    return json_response(json::object{{"recorded", false}, {"state", report->state}});
  const base::ManualClock at(call.request.now_unix);
  auto recorded = services::record_delivery_report(call.store, *report, at);
  if (!recorded) return error_response(recorded.error(), call.request);
  return json_response(json::object{{"recorded", recorded->has_value()}, {"state", report->state}});
}

// An event of the payment provider: signed (checked by options.verify_payment_event), for
// the provider only (no API key). Handled once per event id (services/portal_card.hpp).
Response payment_event(ApiCall& call) {
  if (!call.options.verify_payment_event) {
    return problem(ErrorCode::not_found, "payments through the provider are not configured ([payments] webhook_secret)",
                   call.request);
  }
  auto event = call.options.verify_payment_event(call.request.header("stripe-signature"), call.request.body,
                                                 call.request.now_unix);
  if (!event) {
    if (event.error().code == ErrorCode::unauthorized) return unauthorized_problem(event.error(), call.request);
    return error_response(event.error(), call.request);
  }
  auto summarize = [](const ports::CardPaymentRecord& p, std::int64_t paid) {
    const auto l = p.language == "en" ? domain::Language::en : domain::Language::de;
    return portal_format("payment_summary", l, {portal_money(paid, p.currency, l)});
  };
  auto outcome = services::record_provider_event(call.store, *event, call.request.now_unix, summarize);
  if (!outcome) return error_response(outcome.error(), call.request);
  return json_response(json::object{{"received", true}, {"event", event->event_id}, {"outcome", outcome->outcome}});
}

}  // namespace

base::Status check_webhook_url(std::string_view url) {
  auto u = boost::urls::parse_absolute_uri(url);
  if (!u) return base::fail(ErrorCode::invalid_argument, "url: not an absolute URL", "url");
  const std::string scheme(u->scheme());
  const std::string host(u->host());
  const bool local = host == "localhost" || host == "127.0.0.1" || host == "[::1]" || host == "::1";
  if (scheme != "https" && !(scheme == "http" && local)) {
    return base::fail(ErrorCode::invalid_argument,
                      "url: webhooks are delivered over https (plain http only to localhost, for trying them out)", "url");
  }
  if (host.empty()) return base::fail(ErrorCode::invalid_argument, "url: no host", "url");
  if (u->has_userinfo()) return base::fail(ErrorCode::invalid_argument, "url: no user or password in the URL", "url");
  if (u->has_fragment()) return base::fail(ErrorCode::invalid_argument, "url: no #fragment", "url");
  if (url.size() > 2000) return base::fail(ErrorCode::invalid_argument, "url: at most 2000 characters", "url");
  return {};
}

base::Result<std::vector<std::string>> parse_webhook_events(const std::vector<std::string>& wanted) {
  if (wanted.empty()) return base::fail(ErrorCode::required_missing, "events: name at least one event", "events");
  for (const auto& e : wanted) {
    bool known = false;
    for (const char* k : kEvents) known = known || e == k;
    if (!known) {
      return base::fail(ErrorCode::enum_invalid,
                        "events: '" + e + "' is not an event (message.sent, message.failed, run.finished, payment.received, "
                                          "collection.step, or * for all)",
                        "events");
    }
  }
  return wanted;
}

namespace {

Response add_webhook(ApiCall& call) {
  auto body = read_json_object_body(call.request, call.options.max_body_bytes);
  if (!body) return error_response(body.error(), call.request);
  for (const auto& [k, v] : *body) {
    if (k != "url" && k != "events" && k != "secret")
      return problem(ErrorCode::body_field_unknown, "unknown field '" + std::string(k) + "'; send url, events, secret",
                     call.request, std::string(k));
  }
  ports::WebhookSubscription s;
  const auto* url = body->if_contains("url");
  if (!url || !url->is_string()) return problem(ErrorCode::required_missing, "url: the https URL to deliver to", call.request, "url");
  s.url = std::string(url->as_string());
  if (auto st = check_webhook_url(s.url); !st) return error_response(st.error(), call.request);
  std::vector<std::string> events;
  if (const auto* e = body->if_contains("events")) {
    if (!e->is_array()) return problem(ErrorCode::body_shape_invalid, "events: an array of event names", call.request, "events");
    for (const auto& v : e->as_array()) {
      if (!v.is_string()) return problem(ErrorCode::body_shape_invalid, "events: an array of event names", call.request, "events");
      events.emplace_back(v.as_string());
    }
  }
  auto checked = parse_webhook_events(events);
  if (!checked) return error_response(checked.error(), call.request);
  s.events = *checked;
  if (const auto* secret = body->if_contains("secret")) {
    if (!secret->is_string() || secret->as_string().size() < 24 || secret->as_string().size() > 200)
      return problem(ErrorCode::invalid_argument, "secret: 24 to 200 characters (or leave it out to get one)", call.request,
                     "secret");
    s.secret = std::string(secret->as_string());
  } else {
    s.secret = "whsec_" + security::random_token(32);
  }
  s.created_unix = call.request.now_unix;
  if (auto st = call.store.dispatch().add_webhook(call.creditor, s); !st) return error_response(st.error(), call.request);
  json::object out = webhook_json(s);
  out["secret"] = s.secret;  // shown once
  return json_response(out, 201);
}

Response remove_webhook(ApiCall& call) {
  auto id = path_id(call.request, "webhook_id");
  if (!id) return error_response(id.error(), call.request);
  auto removed = call.store.dispatch().remove_webhook(call.creditor, *id);
  if (!removed) return error_response(removed.error(), call.request);
  if (!*removed) return problem(ErrorCode::not_found, "no webhook " + std::to_string(*id), call.request);
  return json_response(json::object{{"id", *id}, {"removed", true}});
}

Response list_deliveries(ApiCall& call) {
  auto after = query_int(call.request, "after", 0, 2000000000, 0);
  if (!after) return error_response(after.error(), call.request);
  auto limit = query_int(call.request, "limit", 1, 500, 100);
  if (!limit) return error_response(limit.error(), call.request);
  auto rows = call.store.dispatch().list_webhook_deliveries(call.creditor, *after, *limit);
  if (!rows) return error_response(rows.error(), call.request);
  json::array items;
  for (const auto& d : *rows) {
    items.push_back(json::object{{"id", d.id},
                                 {"webhook_id", d.subscription_id},
                                 {"event_id", d.event_id},
                                 {"event_type", d.event_type},
                                 {"status", d.status},
                                 {"attempts", d.attempts},
                                 {"last_status", d.last_status},
                                 {"last_error", d.last_error},
                                 {"created_unix", d.created_unix},
                                 {"delivered_unix", d.delivered_unix}});
  }
  json::object body{{"items", std::move(items)}};
  body["next_after"] = static_cast<int>(rows->size()) == *limit ? json::value(rows->back().id) : json::value(nullptr);
  return json_response(body);
}

const char* const kSchemas = R"json({
  "Contact": {
    "type": "object",
    "required": ["id", "channel", "address", "sent_unix", "delivery_state", "template", "invoices", "documents"],
    "properties": {
      "id": {"type": "integer"},
      "channel": {"type": "string", "enum": ["email", "sms", "letter", "webhook"]},
      "address": {"type": "string"},
      "sent_unix": {"type": "integer"},
      "delivery_state": {"type": "string", "enum": ["sent", "delivered", "failed", "printed"]},
      "state_detail": {"type": "string"},
      "updated_unix": {"type": "integer"},
      "template": {"type": "string"}, "tone": {"type": "string"}, "language": {"type": "string"},
      "subject": {"type": "string"}, "text": {"type": "string"}, "html": {"type": "string"},
      "message_id": {"type": "string"}, "provider_id": {"type": "string"},
      "decision_key": {"type": "string"}, "reason": {"type": "string"},
      "invoices": {"type": "array", "items": {"type": "string"}},
      "documents": {"type": "array", "items": {"type": "object", "required": ["id", "name", "content_type", "size", "href"],
        "properties": {"id": {"type": "integer"}, "name": {"type": "string"}, "content_type": {"type": "string"},
                       "size": {"type": "integer"}, "href": {"type": "string"}}}}
    }
  },
  "ContactPage": {
    "type": "object",
    "required": ["items", "next_before"],
    "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Contact"}},
                   "next_before": {"type": ["integer", "null"]}}
  },
  "Webhook": {
    "type": "object",
    "required": ["id", "url", "events", "created_unix"],
    "properties": {"id": {"type": "integer"}, "url": {"type": "string"},
                   "events": {"type": "array", "items": {"type": "string"}}, "created_unix": {"type": "integer"},
                   "secret": {"type": "string", "description": "only in the answer to the registration"}}
  },
  "WebhookInput": {
    "type": "object",
    "required": ["url", "events"],
    "additionalProperties": false,
    "properties": {"url": {"type": "string", "description": "https (http only to localhost)"},
                   "events": {"type": "array", "items": {"type": "string",
                     "enum": ["message.sent", "message.failed", "run.finished", "collection.step", "payment.received", "*"]}},
                   "secret": {"type": "string", "minLength": 24, "maxLength": 200}}
  },
  "WebhookList": {
    "type": "object", "required": ["items"],
    "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Webhook"}}}
  },
  "PaymentEventAnswer": {
    "type": "object", "required": ["received", "event", "outcome"],
    "properties": {"received": {"type": "boolean"}, "event": {"type": "string", "description": "The provider's event id"},
                   "outcome": {"type": "string", "enum": ["booked", "replay", "already_booked", "expired", "failed",
                                                          "pending", "ignored", "unknown_session", "reference_mismatch"],
                               "description": "What the event changed; replay: handled before, nothing changed"}}
  },
  "SmsReportAnswer": {
    "type": "object", "required": ["recorded", "state"],
    "properties": {"recorded": {"type": "boolean", "description": "false for unknown messages, repeated or intermediate reports"},
                   "state": {"type": "string"}}
  },
  "InvoiceCopy": {
    "type": "object", "required": ["invoice", "file_name", "size", "sha256", "added_unix", "href"],
    "properties": {"invoice": {"type": "string", "description": "The invoice's external id"},
                   "file_name": {"type": "string"}, "size": {"type": "integer", "description": "Bytes"},
                   "sha256": {"type": "string", "description": "Hex SHA-256 of the PDF"},
                   "added_unix": {"type": "integer"}, "href": {"type": "string"}}
  },
  "InvoiceCopyRemoved": {
    "type": "object", "required": ["invoice", "removed"],
    "properties": {"invoice": {"type": "string"}, "removed": {"type": "boolean"}}
  },
  "WebhookRemoved": {
    "type": "object", "required": ["id", "removed"],
    "properties": {"id": {"type": "integer"}, "removed": {"type": "boolean"}}
  },
  "WebhookDeliveryPage": {
    "type": "object",
    "required": ["items", "next_after"],
    "properties": {
      "items": {"type": "array", "items": {"type": "object",
        "required": ["id", "webhook_id", "event_id", "event_type", "status", "attempts"],
        "properties": {"id": {"type": "integer"}, "webhook_id": {"type": "integer"}, "event_id": {"type": "string"},
                       "event_type": {"type": "string"}, "status": {"type": "string", "enum": ["pending", "delivered", "failed"]},
                       "attempts": {"type": "integer"}, "last_status": {"type": "integer"}, "last_error": {"type": "string"},
                       "created_unix": {"type": "integer"}, "delivered_unix": {"type": "integer"}}}},
      "next_after": {"type": ["integer", "null"]}
    }
  }
})json";

}  // namespace

std::vector<ApiOperation> dispatch_operations(const ApiOptions&) {
  std::vector<ApiOperation> ops;
  const std::string tag = "Messages and webhooks";
  const ApiParam customer{"external_id", "path", "string", "", "The customer's id in the creditor's own system", {}, true};
  ops.push_back({"GET", "/api/v1/customers/{external_id}/contacts", "list_customer_contacts", tag,
                 "Messages a customer was sent",
                 "The contact history, newest first: rendered content, channel, address, time, delivery state and the "
                 "decision it came from, with the documents sent along.",
                 true,
                 {customer,
                  {"before", "query", "integer", "", "Return messages with a smaller id (from next_before)", {}, false},
                  {"limit", "query", "integer", "", "Page size (1..200)", {}, false}},
                 "", "ContactPage", {200}, {400, 401, 404}, customer_contacts});
  ops.push_back({"GET", "/api/v1/contacts/{contact_id}/documents/{document_id}", "get_contact_document", tag,
                 "A document sent with a message", "The bytes of the document (e.g. the letter PDF of an e-mail).", true,
                 {{"contact_id", "path", "integer", "", "The message's id (Contact.id)", {}, true},
                  {"document_id", "path", "integer", "", "The document's id", {}, true}},
                 "", "", {200}, {400, 401, 404}, contact_document});
  ops.push_back({"GET", "/api/v1/webhooks", "list_webhooks", tag, "Registered webhooks",
                 "The creditor's webhook URLs and the events each receives (secrets are not shown again).", true, {}, "",
                 "WebhookList", {200}, {401}, list_webhooks});
  ops.push_back({"POST", "/api/v1/webhooks", "add_webhook", tag, "Register a webhook",
                 "Events are delivered signed (HMAC-SHA256 over timestamp and body) and retried with backoff; the answer "
                 "holds the signing secret, once. docs/WEBHOOKS.md.",
                 true, {}, "WebhookInput", "Webhook", {201}, {400, 401, 415, 422}, add_webhook});
  ops.push_back({"DELETE", "/api/v1/webhooks/{webhook_id}", "remove_webhook", tag, "Remove a webhook",
                 "No further deliveries go to it.", true,
                 {{"webhook_id", "path", "integer", "", "The webhook's id", {}, true}}, "", "WebhookRemoved", {200},
                 {400, 401, 404}, remove_webhook});
  ops.push_back({"GET", "/api/v1/webhooks/deliveries", "list_webhook_deliveries", tag, "Webhook deliveries",
                 "Every delivery with its state, attempts and the receiver's last answer, by ascending id.", true,
                 {{"after", "query", "integer", "", "Return deliveries with a larger id (from next_after)", {}, false},
                  {"limit", "query", "integer", "", "Page size (1..500)", {}, false}},
                 "", "WebhookDeliveryPage", {200}, {400, 401}, list_deliveries});
  const std::string copies = "Invoice copies";
  const ApiParam invoice{"external_id", "path", "string", "", "The invoice's id in the creditor's own system", {}, true};
  ops.push_back({"PUT", "/api/v1/invoices/{external_id}/copy", "put_invoice_copy", copies, "Store an invoice copy",
                 "The body is the PDF itself (Content-Type: application/pdf; a file name may come in "
                 "Content-Disposition). It is checked by its content (a complete PDF, at most 10 MiB) and replaces an "
                 "earlier copy. E-mails about the invoice carry it ([email] attach_invoices); the portal offers it.",
                 true, {invoice}, "binary:application/pdf", "InvoiceCopy", {200}, {401, 404, 413, 415, 422},
                 put_invoice_copy});
  ops.push_back({"GET", "/api/v1/invoices/{external_id}/copy", "get_invoice_copy", copies, "An invoice copy",
                 "The PDF as it was stored.", true, {invoice}, "", "binary:application/pdf", {200}, {401, 404},
                 get_invoice_copy});
  ops.push_back({"DELETE", "/api/v1/invoices/{external_id}/copy", "remove_invoice_copy", copies,
                 "Remove an invoice copy", "E-mails and the portal no longer offer it.", true, {invoice}, "",
                 "InvoiceCopyRemoved", {200}, {401, 404}, remove_invoice_copy});
  ops.push_back({"POST", "/api/v1/sms/status", "sms_delivery_report", tag, "SMS delivery report (for the gateway)",
                 "The SMS gateway's signed message-status webhook (Vonage Messages API: Bearer JWT, HS256 with the "
                 "[sms] signature_secret, payload_hash = SHA-256 of the body, issued within 5 minutes). Sets the "
                 "delivery state of the message in the contact history. No API key; anything unsigned is refused.",
                 false, {}, "", "SmsReportAnswer", {200}, {401, 404}, sms_report});
  ops.push_back({"POST", "/api/v1/payments/events", "payment_provider_event", tag,
                 "Payment provider event (for the provider)",
                 "The payment provider's signed webhook (Stripe Checkout format: Stripe-Signature header, HMAC-SHA256 "
                 "with the [payments] webhook_secret over timestamp and raw body, at most 5 minutes old). A paid "
                 "checkout session becomes a payment allocated to the items the customer paid, once per event id; a "
                 "replayed event changes nothing. No API key; anything unsigned is refused. docs/PAYMENTS.md.",
                 false, {}, "", "PaymentEventAnswer", {200}, {400, 401, 404}, payment_event});
  return ops;
}

boost::json::object dispatch_schemas() { return boost::json::parse(kSchemas).as_object(); }

}  // namespace kulanz::http
