// What a customer arranges in the portal: a promise to pay by a date, a payment plan
// (approved at once within the creditor's policy, otherwise a request for a collector),
// and after each, the confirmation with the optional rating. Every form needs the light
// check and the session's CSRF token.
#include <algorithm>

#include <boost/json.hpp>

#include "base/text.hpp"
#include "http/portal_pages.hpp"
#include "http/portal_text.hpp"
#include "portal/plan.hpp"
#include "services/portal_actions.hpp"

namespace kulanz::http {
namespace {

using domain::Language;

Data schedule_data(const std::vector<portal::Instalment>& schedule, const std::string& currency, Language l) {
  Data list{Data::type::list};
  for (const auto& i : schedule) {
    Data d;
    d.set("number", std::to_string(i.number));
    d.set("due", portal_date(i.due, l));
    d.set("amount", portal_money(i.amount_minor, currency, l));
    list.push_back(d);
  }
  return list;
}

// ---- Promise ----------------------------------------------------------------------------------

Response promise_page(const Request& request, const PortalView& v, const PortalState& state, int status,
                      const std::string& error, const std::string& value) {
  const Language l = v.language;
  auto frame = frame_of(v, state, std::string(portal_text("promise_heading", l)), "/p/promise", "overview");
  if (!v.settings().promise.enabled) {
    return portal_message(404, frame, portal_text("promise_heading", l), portal_text("promise_off", l), "/p/",
                          portal_text("back_to_overview", l), false);
  }
  auto scope = services::promise_scope(*request.store, v.settings(), portal_actor(v, request));
  if (!scope) return portal_unavailable(frame, scope.error());
  if (scope->items.empty() || scope->amount_minor <= 0) {
    return portal_message(status, frame, portal_text("promise_heading", l), portal_text("promise_nothing_open", l), "/p/",
                          portal_text("back_to_overview", l), false);
  }
  if (scope->already_promised) {
    return portal_message(status, frame, portal_text("promise_heading", l), portal_text("promise_exists", l), "/p/",
                          portal_text("back_to_overview", l), false);
  }
  Data d;
  d.set("csrf_token", v.session.csrf_token);
  d.set("amount", portal_money(scope->amount_minor, scope->currency, l));
  d.set("intro", portal_format("promise_intro", l, {portal_money(scope->amount_minor, scope->currency, l)}));
  d.set("min", portal_today(request).iso());
  d.set("max", scope->latest.iso());
  d.set("latest_hint", portal_format("promise_latest", l, {portal_date(scope->latest, l)}));
  d.set("value", value);
  d.set("has_error", !error.empty());
  d.set("error", error);
  set_help(d, v, "promise");
  return portal_page(status, frame, "portal_promise", d);
}

// ---- Plan -------------------------------------------------------------------------------------

Response plan_page(const Request& request, const PortalView& v, const PortalState& state, int status, int chosen,
                   const std::string& error, const std::string& wish) {
  const Language l = v.language;
  auto frame = frame_of(v, state, std::string(portal_text("plan_heading", l)), "/p/plan", "overview");
  auto scope = services::plan_scope(*request.store, v.settings(), portal_actor(v, request));
  if (!scope) return portal_unavailable(frame, scope.error());
  if (scope->items.empty() || scope->total_minor <= 0) {
    return portal_message(status, frame, portal_text("plan_heading", l), portal_text("plan_nothing_open", l), "/p/",
                          portal_text("back_to_overview", l), false);
  }
  if (scope->already_arranged) {
    return portal_message(status, frame, portal_text("plan_heading", l), portal_text("plan_exists", l), "/p/",
                          portal_text("back_to_overview", l), false);
  }
  const auto& policy = v.settings().plan;
  auto money = [&](std::int64_t m) { return portal_money(m, scope->currency, l); };
  Data d;
  d.set("csrf_token", v.session.csrf_token);
  d.set("total", money(scope->total_minor));
  d.set("intro", portal_format("plan_intro", l, {money(scope->total_minor), portal_date(scope->first_due, l)}));
  d.set("interest_text", std::string(portal_text(policy.interest_accrues ? "plan_interest_accrues" : "plan_interest_stops", l)));
  const bool offered = policy.enabled && !scope->allowed_counts.empty();
  d.set("offered", offered);
  if (!offered) d.set("not_offered_text", std::string(portal_text("plan_not_offered", l)));
  if (offered && std::find(scope->allowed_counts.begin(), scope->allowed_counts.end(), chosen) == scope->allowed_counts.end()) {
    chosen = scope->allowed_counts.front();
  }
  Data counts{Data::type::list};
  for (int n : scope->allowed_counts) {
    auto s = portal::plan_schedule(scope->total_minor, n, policy.down_payment_percent, scope->first_due);
    Data c;
    c.set("count", std::to_string(n));
    c.set("label", portal_format("plan_count_label", l, {std::to_string(n), money(s.back().amount_minor)}));
    c.set("checked", n == chosen);
    counts.push_back(c);
  }
  d.set("counts", counts);
  if (offered) {
    auto schedule = portal::plan_schedule(scope->total_minor, chosen, policy.down_payment_percent, scope->first_due);
    d.set("schedule", schedule_data(schedule, scope->currency, l));
    d.set("schedule_caption", portal_format("plan_schedule_caption", l, {std::to_string(chosen)}));
    d.set("chosen", std::to_string(chosen));
  }
  if (policy.down_payment_percent > 0) {
    d.set("down_payment_text", portal_format("plan_down_payment", l, {std::to_string(policy.down_payment_percent)}));
  }
  d.set("rules_text", portal_format("plan_rules", l, {std::to_string(policy.max_months), money(policy.min_instalment_minor)}));
  d.set("max_count", std::to_string(std::min(60, std::max(policy.max_months * 2, 12))));
  d.set("wish", wish);
  d.set("has_error", !error.empty());
  d.set("error", error);
  set_help(d, v, "plan");
  return portal_page(status, frame, "portal_plan", d);
}

std::string refusal_text(const services::Refusal& r, Language l) { return std::string(portal_text(r.key, l)); }

int parse_count(const std::string& text) {
  if (text.empty() || text.size() > 3) return 0;
  int n = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return 0;
    n = n * 10 + (c - '0');
  }
  return n;
}

// ---- Done and rating --------------------------------------------------------------------------

// The session's customer's interaction `id`; nullopt for any other.
base::Result<std::optional<ports::PortalInteraction>> own_interaction(const Request& request, const PortalView& v,
                                                                      std::int64_t id) {
  KULANZ_TRY(list, request.store->portal().list_portal_interactions(v.session.creditor_id, v.session.customer_id, id + 1, 1));
  if (list.empty() || list.front().id != id) return std::optional<ports::PortalInteraction>();
  return std::optional<ports::PortalInteraction>(list.front());
}

// A whole number in an interaction's detail (a JSON object kulanz wrote); 0 when absent.
std::int64_t detail_number(const std::string& detail_json, const char* key) {
  boost::system::error_code ec;
  const auto v = boost::json::parse(detail_json, ec);
  if (ec || !v.is_object()) return 0;
  const auto* n = v.as_object().if_contains(key);
  return n != nullptr && n->is_int64() ? n->as_int64() : 0;
}


}  // namespace

Response portal_promise_form(Request& request, const PortalState& state) {
  KULANZ_PORTAL_VIEW(v, request, state);
  if (auto r = require_check(v, "/p/promise")) return std::move(*r);
  return promise_page(request, v, state, 200, "", "");
}

Response portal_promise_submit(Request& request, const PortalState& state) {
  KULANZ_PORTAL_VIEW(v, request, state);
  if (auto r = portal_form_guard(request, v, state, "/p/promise")) return std::move(*r);
  const Language l = v.language;
  const std::string value(base::trim(form_field(request, "until")).substr(0, 20));
  auto until = calendar::Date::parse(value);
  if (!until) return promise_page(request, v, state, 422, std::string(portal_text("promise_date_invalid", l)), value);
  auto frame = frame_of(v, state, std::string(portal_text("promise_heading", l)), "/p/promise", "overview");
  auto scope = services::promise_scope(*request.store, v.settings(), portal_actor(v, request));
  if (!scope) return portal_unavailable(frame, scope.error());
  const std::string summary = portal_format("promise_summary", l, {portal_money(scope->amount_minor, scope->currency, l),
                                                                   portal_date(*until, l)});
  auto outcome = services::promise_to_pay(*request.store, v.settings(), portal_actor(v, request), *until, summary);
  if (!outcome) return portal_unavailable(frame, outcome.error());
  if (outcome->refused) {
    std::string text = outcome->refused->key == "promise_date_range"
                           ? portal_format("promise_date_range", l, {portal_date(scope->latest, l)})
                           : refusal_text(*outcome->refused, l);
    return promise_page(request, v, state, 422, text, value);
  }
  return Response::redirect("/p/done/" + std::to_string(outcome->interaction_id));
}

Response portal_plan_form(Request& request, const PortalState& state) {
  KULANZ_PORTAL_VIEW(v, request, state);
  if (auto r = require_check(v, "/p/plan")) return std::move(*r);
  return plan_page(request, v, state, 200, parse_count(request.query_param("count").value_or("")), "", "");
}

Response portal_plan_submit(Request& request, const PortalState& state) {
  KULANZ_PORTAL_VIEW(v, request, state);
  if (auto r = portal_form_guard(request, v, state, "/p/plan")) return std::move(*r);
  const Language l = v.language;
  const bool request_other = form_field(request, "other") == "1";
  const int count = parse_count(std::string(base::trim(form_field(request, request_other ? "other_count" : "count"))));
  std::string wish = form_field(request, "wish");
  if (!base::is_valid_utf8(wish)) wish.clear();
  wish = std::string(base::trim(base::utf8_prefix(wish, 500)));
  for (auto& c : wish) {
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  }
  if (count < 2 || count > 60) {
    return plan_page(request, v, state, 422, count, std::string(portal_text("plan_count_invalid", l)), wish);
  }
  auto frame = frame_of(v, state, std::string(portal_text("plan_heading", l)), "/p/plan", "overview");
  auto scope = services::plan_scope(*request.store, v.settings(), portal_actor(v, request));
  if (!scope) return portal_unavailable(frame, scope.error());
  const std::string summary =
      portal_format(request_other ? "plan_request_summary" : "plan_summary", l,
                    {std::to_string(count), portal_money(scope->total_minor, scope->currency, l)});
  auto outcome = services::arrange_plan(*request.store, v.settings(), portal_actor(v, request), count,
                                        request_other ? (wish.empty() ? std::string("-") : wish) : std::string(), summary);
  if (!outcome) return portal_unavailable(frame, outcome.error());
  if (outcome->action.refused) {
    return plan_page(request, v, state, 422, count, refusal_text(*outcome->action.refused, l), wish);
  }
  return Response::redirect("/p/done/" + std::to_string(outcome->action.interaction_id));
}

Response portal_done_page(Request& request, const PortalState& state) {
  KULANZ_PORTAL_VIEW(v, request, state);
  const Language l = v.language;
  const std::string id_text = request.path_params["interaction"];
  auto frame = frame_of(v, state, std::string(portal_text("done_heading", l)), "/p/done/" + id_text, "overview");
  const std::int64_t id = portal_path_id(id_text);
  if (id <= 0) return portal_not_found(frame);
  auto found = own_interaction(request, v, id);
  if (!found) return portal_unavailable(frame, found.error());
  if (!*found) return portal_not_found(frame);
  const auto& i = *found;
  Data d;
  d.set("summary", i->summary);
  d.set("csrf_token", v.session.csrf_token);
  d.set("id", std::to_string(i->id));
  d.set("rated", !i->rating.empty());
  d.set("request", i->kind == "plan_request" || i->kind == "callback" || i->kind == "credit_note" || i->kind == "dispute");
  set_text(d, "next_text", std::string(portal_text("done_next_" + i->kind, l)));
  if (i->kind == "dispute") {
    auto docs = request.store->portal().list_portal_documents(v.session.creditor_id, v.session.customer_id, i->id);
    if (!docs) return portal_unavailable(frame, docs.error());
    Data list{Data::type::list};
    for (const auto& doc : *docs) {
      Data dd;
      dd.set("name", doc.name);
      dd.set("size", std::to_string((doc.size_bytes + 1023) / 1024) + " KB");
      list.push_back(dd);
    }
    d.set("documents", list);
    d.set("has_documents", !docs->empty());
  }
  if (i->kind == "plan") {
    auto plans = request.store->portal().list_payment_plans(v.session.creditor_id, v.session.customer_id, false);
    if (!plans) return portal_unavailable(frame, plans.error());
    const std::int64_t plan_id = detail_number(i->detail_json, "plan_id");
    for (const auto& p : *plans) {
      if (p.id != plan_id) continue;
      std::vector<portal::Instalment> s;
      for (const auto& in : p.instalments) s.push_back({in.number, in.due_on, in.amount_minor});
      d.set("schedule", schedule_data(s, p.currency, l));
      d.set("has_schedule", true);
    }
  }
  return portal_page(200, frame, "portal_done", d);
}

Response portal_rating_submit(Request& request, const PortalState& state) {
  KULANZ_PORTAL_VIEW(v, request, state);
  const std::string id_text = request.path_params["interaction"];
  const std::string here = "/p/done/" + id_text;
  const Language l = v.language;
  auto frame = frame_of(v, state, std::string(portal_text("done_heading", l)), here, "overview");
  if (!portal_form_ok(request, v.session)) return portal_form_expired(frame, here);
  const std::int64_t id = portal_path_id(id_text);
  if (id <= 0) return portal_not_found(frame);
  auto rated = services::rate_interaction(*request.store, portal_actor(v, request), id, form_field(request, "rating"),
                                          form_field(request, "comment"));
  if (!rated) return portal_unavailable(frame, rated.error());
  if (!*rated) {
    auto own = own_interaction(request, v, id);
    if (!own) return portal_unavailable(frame, own.error());
    if (!*own) return portal_not_found(frame);
    if ((*own)->rating.empty()) {
      return portal_message(422, frame, portal_text("done_heading", l), portal_text("rating_choose", l), here,
                            portal_text("rating_back", l));
    }
  }
  return portal_message(200, frame, portal_text("rating_thanks_heading", l), portal_text("rating_thanks", l), "/p/",
                        portal_text("back_to_overview", l), false);
}

}  // namespace kulanz::http
