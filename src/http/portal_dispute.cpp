// A question or dispute about an invoice: the reason from the creditor's list, a message
// and documents (multipart/form-data; the type judged by the content). The invoice leaves
// dunning until a collector has looked at it.
#include "base/text.hpp"
#include "http/multipart.hpp"
#include "http/portal_pages.hpp"
#include "http/portal_text.hpp"
#include "services/portal.hpp"
#include "services/portal_actions.hpp"

namespace kulanz::http {
namespace {

using domain::Language;

Response dispute_page(Request& request, const PortalView& v, const PortalState& state, int status,
                      const std::string& error, const std::string& error_field, const services::DisputeRequest& typed) {
  const Language l = v.language;
  auto frame = frame_of(v, state, std::string(portal_text("dispute_heading", l)), "/p/dispute", "overview");
  auto items = portal_invoice_choices(request, v, typed.item);
  if (!items) return portal_unavailable(frame, items.error());
  if (items->is_empty_list()) {
    return portal_message(200, frame, portal_text("dispute_heading", l), portal_text("dispute_no_invoices", l), "/p/",
                          portal_text("back_to_overview", l), false);
  }
  Data d;
  d.set("csrf_token", v.session.csrf_token);
  d.set("items", *items);
  d.set("reasons", portal_reason_choices(v.settings().dispute_reasons, l, typed.reason));
  d.set("message", typed.message);
  d.set("max_files", std::to_string(services::kMaxDisputeFiles));
  d.set("files_hint", portal_format("dispute_files_hint", l, {std::to_string(services::kMaxDisputeFiles),
                                                              std::to_string(services::kMaxDisputeFileBytes / (1024 * 1024))}));
  set_form_error(d, error, error_field);
  set_help(d, v, "dispute");
  return portal_page(status, frame, "portal_dispute", d);
}

}  // namespace

Response portal_dispute_form(Request& request, const PortalState& state) {
  KULANZ_PORTAL_VIEW(v, request, state);
  if (auto r = require_check(v, "/p/dispute")) return std::move(*r);
  services::DisputeRequest typed;
  typed.item = request.query_param("item").value_or("").substr(0, 200);
  return dispute_page(request, v, state, 200, "", "", typed);
}

Response portal_dispute_submit(Request& request, const PortalState& state) {
  KULANZ_PORTAL_VIEW(v, request, state);
  const Language l = v.language;
  if (auto r = portal_form_guard(request, v, state, "/p/dispute")) return std::move(*r);
  auto frame = frame_of(v, state, std::string(portal_text("dispute_heading", l)), "/p/dispute", "overview");
  services::DisputeRequest req;
  const std::string boundary = multipart_boundary(request.header("content-type"));
  if (boundary.empty()) {
    return dispute_page(request, v, state, 400, std::string(portal_text("dispute_form_invalid", l)), "files", req);
  }
  auto parts = parse_multipart(request.body, boundary);
  if (!parts) return dispute_page(request, v, state, 400, std::string(portal_text("dispute_form_invalid", l)), "files", req);
  for (auto& p : *parts) {
    if (p.is_file) {
      if (!p.filename.empty() || !p.data.empty()) req.files.push_back({p.filename, std::move(p.data)});
    } else if (p.name == "item") {
      req.item = p.data.substr(0, 200);
    } else if (p.name == "reason") {
      req.reason = p.data.substr(0, 100);
    } else if (p.name == "message") {
      req.message = p.data.substr(0, 20000);
    }
  }
  auto outcome = services::raise_dispute(*request.store, v.settings(), portal_actor(v, request), req,
                                         [&](const std::string& reference, const std::string& number) {
                                           return portal_format("dispute_summary", l, {number, reference});
                                         });
  if (!outcome) return portal_unavailable(frame, outcome.error());
  if (outcome->action.refused) {
    const auto& r = *outcome->action.refused;
    std::string text = outcome->bad_file.empty() ? std::string(portal_text(r.key, l))
                                                 : portal_format(r.key, l, {outcome->bad_file});
    req.files.clear();  // a browser never refills a file field
    return dispute_page(request, v, state, 422, text, r.field, req);
  }
  return Response::redirect("/p/done/" + std::to_string(outcome->action.interaction_id));
}

}  // namespace kulanz::http
