// The collection engine over the REST API: the collection file (segments, strategies,
// policy) and its versions, runs and their decisions, explanations, holds and segment
// overrides (docs/API.md, "Collection engine").
#include "http/api_engine.hpp"

#include <boost/json.hpp>
#include <map>
#include <set>

#include "http/api_query.hpp"
#include "http/api_response.hpp"
#include "http/json_body.hpp"
#include "ports/ledger_store.hpp"
#include "services/collection_service.hpp"

namespace kulanz::http {
namespace {
namespace json = boost::json;
using base::ErrorCode;

Response problem(ErrorCode code, std::string detail, const Request& request, std::string field = {}) {
  return error_response(base::Error(code, std::move(detail), std::move(field)), request);
}

json::array ids_json(ports::LedgerStore& store, domain::CreditorId creditor, const std::vector<domain::InvoiceId>& ids,
                     std::map<std::int64_t, std::string>& cache) {
  json::array out;
  if (!ids.empty() && cache.empty()) {
    if (auto all = store.invoice_ids(creditor)) {
      for (const auto& [ext, id] : *all) cache[id.value] = ext;
    }
  }
  for (auto id : ids) {
    auto it = cache.find(id.value);
    out.push_back(json::string(it == cache.end() ? std::string() : it->second));
  }
  return out;
}

std::string minor_text(std::int64_t minor) { return money::format_decimal(minor, 2); }

json::object decision_json(const engine::Decision& d, json::array items) {
  json::object o;
  o["id"] = d.id;
  o["run_id"] = d.run_id;
  o["customer_external_id"] = d.customer_external_id;
  o["as_of"] = d.as_of.iso();
  o["kind"] = std::string(engine::to_string(d.kind));
  o["segment"] = d.segment;
  o["strategy"] = d.strategy;
  o["version"] = d.version;
  o["variant"] = d.variant;
  o["step"] = d.step_index >= 0 ? json::value(d.step_index + 1) : json::value(nullptr);
  o["step_kind"] = d.step_kind.empty() ? json::value(nullptr) : json::value(d.step_kind);
  o["channel"] = d.channel.empty() ? json::value(nullptr) : json::value(d.channel);
  o["items"] = std::move(items);
  o["amount"] = minor_text(d.amount_minor);
  o["amount_minor"] = d.amount_minor;
  o["currency"] = d.currency;
  o["deferred_until"] = d.deferred_until ? json::value(d.deferred_until->iso()) : json::value(nullptr);
  o["policy_rule"] = d.policy_rule.empty() ? json::value(nullptr) : json::value(d.policy_rule);
  o["reason"] = d.reason;
  o["idempotency_key"] = d.idempotency_key.empty() ? json::value(nullptr) : json::value(d.idempotency_key);
  return o;
}

json::object hold_json(const engine::Hold& h, const std::string& customer, json::array items) {
  json::object o;
  o["id"] = h.id;
  o["customer_external_id"] = customer;
  o["kind"] = std::string(engine::to_string(h.kind));
  o["items"] = std::move(items);
  o["from"] = h.starts_on.iso();
  o["until"] = h.until ? json::value(h.until->iso()) : json::value(nullptr);
  o["ended_on"] = h.ended_on ? json::value(h.ended_on->iso()) : json::value(nullptr);
  o["end"] = h.end ? json::value(std::string(engine::to_string(*h.end))) : json::value(nullptr);
  o["reason"] = h.reason;
  o["created_by"] = h.created_by;
  return o;
}

json::object run_json(const engine::RunRecord& r) {
  json::object o;
  o["id"] = r.id;
  o["as_of"] = r.as_of.iso();
  o["status"] = r.status;
  o["started_unix"] = r.started_unix;
  o["finished_unix"] = r.finished_unix ? json::value(r.finished_unix) : json::value(nullptr);
  json::value report = nullptr;
  if (!r.report_json.empty()) {
    boost::system::error_code ec;
    report = json::parse(r.report_json, ec);
    if (ec) report = nullptr;
  }
  o["report"] = std::move(report);
  return o;
}

json::object step_json(const engine::Step& s) {
  json::object o;
  o["day"] = s.day;
  o["kind"] = std::string(engine::to_string(s.kind));
  json::array ch;
  for (auto c : s.channels) ch.push_back(json::string(engine::to_string(c)));
  o["channels"] = std::move(ch);
  o["template"] = s.template_name.empty() ? json::value(nullptr) : json::value(s.template_name);
  o["tone"] = s.tone ? json::value(std::string(engine::to_string(*s.tone))) : json::value(nullptr);
  o["fee_type"] = s.fee_type ? json::value(std::string(engine::to_string(*s.fee_type))) : json::value(nullptr);
  o["fee"] = s.fee_minor ? json::value(minor_text(*s.fee_minor)) : json::value(nullptr);
  o["min_open"] = s.min_open_minor ? json::value(minor_text(*s.min_open_minor)) : json::value(nullptr);
  o["customer_type"] = s.customer_type ? json::value(std::string(domain::to_string(*s.customer_type))) : json::value(nullptr);
  o["only_if_no_reaction"] = s.only_if_no_reaction_since_last_step;
  o["optional"] = s.optional;
  return o;
}

// ---- Collection file ---------------------------------------------------------------------

Response get_collection(ApiCall& call) {
  auto lc = services::current_collection(call.store, call.creditor, call.request.now_unix);
  if (!lc) return error_response(lc.error(), call.request);
  auto file = call.store.collection().collection_file(call.creditor, lc->file_version);
  if (!file) return error_response(file.error(), call.request);
  json::object body;
  body["version"] = lc->file_version;
  body["content"] = *file ? (*file)->content : std::string();
  body["sha256"] = *file ? (*file)->sha256 : std::string();
  body["note"] = *file ? (*file)->note : std::string();
  return json_response(body);
}

Response put_collection(ApiCall& call) {
  auto body = read_json_object_body(call.request, call.options.max_body_bytes);
  if (!body) return error_response(body.error(), call.request);
  for (const auto& [k, v] : *body) {
    if (k != "content" && k != "note")
      return problem(ErrorCode::body_field_unknown, "unknown field '" + std::string(k) + "'; send content and note", call.request,
                     std::string(k));
  }
  const auto* content = body->if_contains("content");
  if (!content || !content->is_string())
    return problem(ErrorCode::required_missing, "content: the collection file as TOML text", call.request, "content");
  std::string note = "loaded through the API";
  if (const auto* n = body->if_contains("note"); n && n->is_string()) note = std::string(n->as_string());
  auto out = services::load_collection(call.store, call.creditor, std::string(content->as_string()), "content", note,
                                       call.request.now_unix);
  if (!out) {
    if (out.error().code != ErrorCode::collection_invalid) return error_response(out.error(), call.request);
    // Every diagnostic as an item error, with the position in the TOML text.
    std::vector<ItemError> items;
    std::string detail = out.error().detail;
    std::size_t start = 0;
    while (start < detail.size()) {
      std::size_t end = detail.find('\n', start);
      if (end == std::string::npos) end = detail.size();
      items.push_back({std::nullopt, base::Error(ErrorCode::collection_invalid, detail.substr(start, end - start), "content")});
      start = end + 1;
    }
    return item_errors_response(base::Error(ErrorCode::collection_invalid,
                                            std::to_string(items.size()) + " problem(s) in the collection file; nothing was stored",
                                            "content"),
                                call.request, items);
  }
  json::object r;
  r["version"] = out->file_version;
  r["changed"] = out->new_file_version;
  json::array changed;
  for (const auto& c : out->changed) changed.push_back(json::string(c));
  r["new_strategy_versions"] = std::move(changed);
  return json_response(r, out->new_file_version ? 201 : 200);
}

Response list_segments(ApiCall& call) {
  auto lc = services::current_collection(call.store, call.creditor, call.request.now_unix);
  if (!lc) return error_response(lc.error(), call.request);
  json::array list;
  int rule = 0;
  for (const auto& s : lc->current->segments.segments) {
    json::array conditions;
    for (const auto& c : s.conditions) conditions.push_back(json::string(c.source_text));
    const auto* strategy = lc->current->strategy_for(s.name);
    list.push_back(json::object{{"rule", ++rule},
                                {"name", s.name},
                                {"description", s.description},
                                {"conditions", std::move(conditions)},
                                {"default", s.conditions.empty()},
                                {"strategy", strategy ? json::value(strategy->name) : json::value(nullptr)}});
  }
  return json_response(json::object{{"collection_version", lc->file_version}, {"items", std::move(list)}});
}

Response list_strategies(ApiCall& call) {
  auto lc = services::current_collection(call.store, call.creditor, call.request.now_unix);
  if (!lc) return error_response(lc.error(), call.request);
  auto versions = call.store.collection().list_strategy_versions(call.creditor);
  if (!versions) return error_response(versions.error(), call.request);
  json::array list;
  for (const auto& s : lc->current->strategies) {
    json::array steps;
    for (const auto& st : s.steps) steps.push_back(step_json(st));
    json::array variants;
    for (const auto& v : s.variants) {
      json::array vsteps;
      for (const auto& st : v.steps) vsteps.push_back(step_json(st));
      variants.push_back(json::object{{"name", v.name}, {"share", v.share}, {"steps", std::move(vsteps)}});
    }
    json::array history;
    for (const auto& v : *versions) {
      if (v.name != s.name) continue;
      history.push_back(json::object{{"version", v.version},
                                     {"collection_version", v.collection_version},
                                     {"segment", v.segment},
                                     {"fingerprint", v.fingerprint},
                                     {"created_unix", v.created_unix}});
    }
    const auto cur = lc->current_versions.find(s.name);
    list.push_back(json::object{{"name", s.name},
                                {"segment", s.segment},
                                {"description", s.description},
                                {"version", cur == lc->current_versions.end() ? 0 : cur->second},
                                {"experiment", s.experiment.empty() ? s.name : s.experiment},
                                {"holdout", s.holdout},
                                {"steps", std::move(steps)},
                                {"variants", std::move(variants)},
                                {"versions", std::move(history)}});
  }
  return json_response(json::object{{"collection_version", lc->file_version}, {"items", std::move(list)}});
}

// ---- Runs and decisions --------------------------------------------------------------------

Response start_run(ApiCall& call) {
  auto body = read_json_object_body(call.request, call.options.max_body_bytes);
  if (!body) return error_response(body.error(), call.request);
  services::RunOptions o;
  o.creditor = call.creditor;
  o.now_unix = call.request.now_unix;
  o.as_of = calendar::Date::from_unix_utc(call.request.now_unix);
  o.base_rates = call.options.base_rates.get();
  for (const auto& [k, v] : *body) {
    if (k == "as_of") {
      auto d = v.is_string() ? calendar::Date::parse_iso(std::string(v.as_string()))
                             : base::Result<calendar::Date>(base::fail(ErrorCode::date_invalid, "as_of must be a string"));
      if (!d) return problem(ErrorCode::date_invalid, "as_of: " + d.error().detail, call.request, "as_of");
      o.as_of = *d;
    } else if (k == "dry_run") {
      if (!v.is_bool()) return problem(ErrorCode::boolean_invalid, "dry_run must be true or false", call.request, "dry_run");
      o.dry_run = v.as_bool();
    } else {
      return problem(ErrorCode::body_field_unknown, "unknown field '" + std::string(k) + "'; send as_of and dry_run",
                     call.request, std::string(k));
    }
  }
  std::vector<engine::Decision> dry;
  auto report = services::run_collection(call.store, o, {}, [&](const engine::Decision& d) {
    if (dry.size() < 1000) dry.push_back(d);
  });
  if (!report) return error_response(report.error(), call.request);
  json::object r;
  r["run_id"] = report->run_id ? json::value(report->run_id) : json::value(nullptr);
  r["report"] = json::parse(report->to_json());
  if (o.dry_run) {
    std::map<std::int64_t, std::string> cache;
    json::array decisions;
    for (const auto& d : dry) decisions.push_back(decision_json(d, ids_json(call.store, call.creditor, d.invoice_ids, cache)));
    r["decisions"] = std::move(decisions);
  }
  return json_response(r, o.dry_run ? 200 : 201);
}

Response list_runs(ApiCall& call) {
  auto limit = query_int(call.request, "limit", 1, 500, 50);
  if (!limit) return error_response(limit.error(), call.request);
  auto runs = call.store.collection().list_runs(call.creditor, 0, *limit);
  if (!runs) return error_response(runs.error(), call.request);
  json::array list;
  for (const auto& r : *runs) list.push_back(run_json(r));
  return json_response(json::object{{"items", std::move(list)}});
}

Response get_run(ApiCall& call) {
  auto id = path_id(call.request, "run_id");
  if (!id) return error_response(id.error(), call.request);
  auto run = call.store.collection().run_by_id(call.creditor, *id);
  if (!run) return error_response(run.error(), call.request);
  if (!*run) return problem(ErrorCode::run_unknown, "no run " + std::to_string(*id), call.request);
  return json_response(run_json(**run));
}

Response decisions_page(ApiCall& call, engine::DecisionQuery q) {
  auto after = query_int(call.request, "after", 0, 2000000000, 0);
  if (!after) return error_response(after.error(), call.request);
  auto limit = query_int(call.request, "limit", 1, 500, 100);
  if (!limit) return error_response(limit.error(), call.request);
  q.after_id = *after;
  q.limit = *limit;
  auto decisions = call.store.collection().list_decisions(call.creditor, q);
  if (!decisions) return error_response(decisions.error(), call.request);
  std::map<std::int64_t, std::string> cache;
  json::array list;
  std::int64_t last = 0;
  for (const auto& d : *decisions) {
    list.push_back(decision_json(d, ids_json(call.store, call.creditor, d.invoice_ids, cache)));
    last = d.id;
  }
  json::object body{{"items", std::move(list)}};
  body["next_after"] = static_cast<int>(decisions->size()) == *limit ? json::value(last) : json::value(nullptr);
  return json_response(body);
}

Response run_decisions(ApiCall& call) {
  auto id = path_id(call.request, "run_id");
  if (!id) return error_response(id.error(), call.request);
  auto run = call.store.collection().run_by_id(call.creditor, *id);
  if (!run) return error_response(run.error(), call.request);
  if (!*run) return problem(ErrorCode::run_unknown, "no run " + std::to_string(*id), call.request);
  engine::DecisionQuery q;
  q.run_id = *id;
  return decisions_page(call, q);
}

std::optional<domain::Customer> path_customer(ApiCall& call, std::optional<Response>& failure) {
  const std::string& ext = call.request.path_params.at("external_id");
  auto c = call.store.customer_by_external_id(call.creditor, ext);
  if (!c) {
    failure = error_response(c.error(), call.request);
    return std::nullopt;
  }
  if (!*c) {
    failure = not_found_response("customer", ext, call.request);
    return std::nullopt;
  }
  return **c;
}

Response customer_decisions(ApiCall& call) {
  std::optional<Response> failure;
  auto cu = path_customer(call, failure);
  if (!cu) return std::move(*failure);
  engine::DecisionQuery q;
  q.customer_id = cu->id;
  return decisions_page(call, q);
}

Response explain(ApiCall& call) {
  auto as_of = query_as_of(call.request);
  if (!as_of) return error_response(as_of.error(), call.request);
  std::optional<Response> failure;
  auto cu = path_customer(call, failure);
  if (!cu) return std::move(*failure);
  auto e = services::explain_customer(call.store, call.creditor, cu->external_id, *as_of, call.request.now_unix,
                                      call.options.base_rates.get());
  if (!e) return error_response(e.error(), call.request);
  const auto& ev = e->evaluation;
  std::map<std::int64_t, std::string> cache;
  json::object o;
  o["customer_external_id"] = cu->external_id;
  o["as_of"] = as_of->iso();
  o["collection_version"] = e->collection_version;
  o["segment"] = json::object{{"name", ev.assignment.segment},
                              {"rule", ev.assignment.rule_index >= 0 ? json::value(ev.assignment.rule_index + 1)
                                                                     : json::value("override")},
                              {"explanation", ev.assignment.explanation}};
  o["facts"] = json::object{{"open", minor_text(ev.facts.open_minor)},
                            {"overdue", minor_text(ev.facts.overdue_minor)},
                            {"days_past_due", ev.facts.days_past_due},
                            {"avg_days_late_12m", ev.facts.avg_days_late_12m ? json::value(*ev.facts.avg_days_late_12m)
                                                                             : json::value(nullptr)},
                            {"broken_promises", ev.facts.broken_promises}};
  if (ev.journey) {
    o["journey"] = json::object{{"strategy", ev.journey->strategy},     {"version", ev.journey->version},
                                {"variant", ev.journey->variant},       {"holdout", ev.journey->holdout},
                                {"bucket", e->variant.bucket},          {"started_on", ev.journey->started_on.iso()},
                                {"starts_today", ev.journey_started}};
  } else {
    o["journey"] = nullptr;
  }
  json::array items;
  for (const auto& iv : ev.item_views) {
    json::array steps;
    for (const auto& sv : iv.steps) {
      steps.push_back(json::object{{"step", sv.index + 1},
                                   {"kind", sv.kind},
                                   {"day", sv.day},
                                   {"date", sv.date ? json::value(sv.date->iso()) : json::value(nullptr)},
                                   {"status", std::string(engine::to_string(sv.status))},
                                   {"note", sv.note}});
    }
    items.push_back(json::object{{"number", iv.number},
                                 {"due_date", iv.due_date.iso()},
                                 {"open", minor_text(iv.open_minor)},
                                 {"days_on_hold", iv.days_on_hold},
                                 {"hold", iv.hold.empty() ? json::value(nullptr) : json::value(iv.hold)},
                                 {"limitation", iv.limitation},
                                 {"steps", std::move(steps)}});
  }
  o["items"] = std::move(items);
  json::array decisions;
  for (const auto& d : ev.decisions) decisions.push_back(decision_json(d, ids_json(call.store, call.creditor, d.invoice_ids, cache)));
  o["decisions"] = std::move(decisions);
  json::array interest;
  for (const auto& iv : ev.interest) {
    json::array periods;
    for (const auto& part : iv.parts) {
      for (const auto& p : part.periods) {
        periods.push_back(json::object{{"from", p.from.iso()},
                                       {"to", p.to.iso()},
                                       {"days", p.days},
                                       {"principal", part.principal.to_decimal_string()},
                                       {"base_rate", law::format_percent(p.base_rate_bp)},
                                       {"rate", law::format_percent(p.rate_bp)},
                                       {"interest", p.interest.to_decimal_string()}});
      }
    }
    interest.push_back(json::object{{"number", iv.number},
                                    {"total", minor_text(iv.total_minor)},
                                    {"periods", std::move(periods)},
                                    {"note", iv.note.empty() ? json::value(nullptr) : json::value(iv.note)}});
  }
  o["interest"] = std::move(interest);
  json::array notes;
  for (const auto& n : ev.notes) notes.push_back(json::string(n));
  o["notes"] = std::move(notes);
  return json_response(o);
}

// ---- Holds and overrides -------------------------------------------------------------------

Response list_holds(ApiCall& call) {
  auto customer = query_text(call.request, "customer", 200);
  if (!customer) return error_response(customer.error(), call.request);
  auto active = query_choice(call.request, "active", {"true", "false"});
  if (!active) return error_response(active.error(), call.request);
  std::optional<domain::CustomerId> only;
  std::map<std::int64_t, std::string> names;
  if (*customer) {
    auto c = call.store.customer_by_external_id(call.creditor, **customer);
    if (!c) return error_response(c.error(), call.request);
    if (!*c) return not_found_response("customer", **customer, call.request);
    only = (*c)->id;
  }
  auto holds = call.store.collection().list_holds(call.creditor, only, !*active || **active == "true");
  if (!holds) return error_response(holds.error(), call.request);
  std::map<std::int64_t, std::string> cache;
  json::array list;
  for (const auto& h : *holds) {
    auto& name = names[h.customer_id.value];
    if (name.empty()) {
      auto c = call.store.customer_by_id(call.creditor, h.customer_id);
      if (c && *c) name = (*c)->external_id;
    }
    list.push_back(hold_json(h, name, ids_json(call.store, call.creditor, h.invoice_ids, cache)));
  }
  return json_response(json::object{{"items", std::move(list)}});
}

base::Result<std::optional<calendar::Date>> body_date(const json::object& body, const char* name) {
  const auto* v = body.if_contains(name);
  if (!v || v->is_null()) return std::optional<calendar::Date>();
  if (!v->is_string()) return base::fail(ErrorCode::date_invalid, std::string(name) + " must be a YYYY-MM-DD string", name);
  auto d = calendar::Date::parse_iso(std::string(v->as_string()));
  if (!d) return base::fail(ErrorCode::date_invalid, std::string(name) + ": " + d.error().detail, name);
  return std::optional<calendar::Date>(*d);
}

Response create_hold(ApiCall& call) {
  auto body = read_json_object_body(call.request, call.options.max_body_bytes);
  if (!body) return error_response(body.error(), call.request);
  static const std::set<std::string> known{"customer_external_id", "kind", "items", "from", "until", "reason"};
  for (const auto& [k, v] : *body) {
    if (!known.count(std::string(k)))
      return problem(ErrorCode::body_field_unknown, "unknown field '" + std::string(k) + "'", call.request, std::string(k));
  }
  auto text = [&](const char* name) -> std::string {
    const auto* v = body->if_contains(name);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
  };
  const std::string customer = text("customer_external_id");
  if (customer.empty()) return problem(ErrorCode::required_missing, "customer_external_id is required", call.request, "customer_external_id");
  auto kind = engine::parse_hold_kind(text("kind"));
  if (!kind) return problem(ErrorCode::enum_invalid, "kind: " + kind.error().detail, call.request, "kind");
  const std::string reason = text("reason");
  if (reason.empty()) return problem(ErrorCode::required_missing, "reason: say why the journey pauses", call.request, "reason");
  if (reason.size() > 1000) return problem(ErrorCode::text_too_long, "reason: at most 1000 characters", call.request, "reason");
  auto from = body_date(*body, "from");
  if (!from) return error_response(from.error(), call.request);
  auto until = body_date(*body, "until");
  if (!until) return error_response(until.error(), call.request);
  engine::Hold h;
  h.kind = *kind;
  h.starts_on = from->value_or(calendar::Date::from_unix_utc(call.request.now_unix));
  h.until = *until;
  if (h.until && *h.until < h.starts_on)
    return problem(ErrorCode::invalid_argument, "until lies before from", call.request, "until");
  if (h.kind == engine::HoldKind::promise_to_pay && !h.until)
    return problem(ErrorCode::required_missing, "until: a promise to pay needs the promised date", call.request, "until");
  h.reason = reason;
  h.created_by = "api";
  h.created_unix = call.request.now_unix;
  auto c = call.store.customer_by_external_id(call.creditor, customer);
  if (!c) return error_response(c.error(), call.request);
  if (!*c) return not_found_response("customer", customer, call.request);
  h.customer_id = (*c)->id;
  if (const auto* items = body->if_contains("items"); items && !items->is_null()) {
    if (!items->is_array()) return problem(ErrorCode::body_shape_invalid, "items must be an array of invoice external ids", call.request, "items");
    for (const auto& it : items->as_array()) {
      if (!it.is_string()) return problem(ErrorCode::body_shape_invalid, "items must hold strings", call.request, "items");
      auto inv = call.store.invoice_by_external_id(call.creditor, std::string(it.as_string()));
      if (!inv) return error_response(inv.error(), call.request);
      if (!*inv || (*inv)->customer_id != h.customer_id)
        return problem(ErrorCode::invoice_unknown, "'" + std::string(it.as_string()) + "' is not an invoice of " + customer,
                       call.request, "items");
      h.invoice_ids.push_back((*inv)->id);
    }
  }
  auto st = call.store.collection().create_hold(call.creditor, h);
  if (!st) return error_response(st.error(), call.request);
  std::map<std::int64_t, std::string> cache;
  return json_response(hold_json(h, customer, ids_json(call.store, call.creditor, h.invoice_ids, cache)), 201);
}

Response end_hold(ApiCall& call) {
  auto id = path_id(call.request, "hold_id");
  if (!id) return error_response(id.error(), call.request);
  auto body = read_json_object_body(call.request, call.options.max_body_bytes);
  if (!body) return error_response(body.error(), call.request);
  bool broken = false;
  for (const auto& [k, v] : *body) {
    if (k == "broken") {
      if (!v.is_bool()) return problem(ErrorCode::boolean_invalid, "broken must be true or false", call.request, "broken");
      broken = v.as_bool();
    } else if (k != "on") {
      return problem(ErrorCode::body_field_unknown, "unknown field '" + std::string(k) + "'", call.request, std::string(k));
    }
  }
  auto on = body_date(*body, "on");
  if (!on) return error_response(on.error(), call.request);
  auto& cs = call.store.collection();
  auto h = cs.hold_by_id(call.creditor, *id);
  if (!h) return error_response(h.error(), call.request);
  if (!*h) return problem(ErrorCode::hold_unknown, "no hold " + std::to_string(*id), call.request);
  if ((*h)->ended_on) return problem(ErrorCode::hold_already_ended, "the hold ended on " + (*h)->ended_on->iso(), call.request);
  const calendar::Date day = on->value_or(calendar::Date::from_unix_utc(call.request.now_unix));
  if (day < (*h)->starts_on) return problem(ErrorCode::invalid_argument, "on lies before the hold began", call.request, "on");
  auto done = cs.end_hold(call.creditor, *id, broken ? engine::HoldEnd::broken : engine::HoldEnd::ended, day);
  if (!done) return error_response(done.error(), call.request);
  auto again = cs.hold_by_id(call.creditor, *id);
  if (!again || !*again) return problem(ErrorCode::internal, "the hold could not be read back", call.request);
  auto c = call.store.customer_by_id(call.creditor, (*again)->customer_id);
  std::map<std::int64_t, std::string> cache;
  return json_response(hold_json(**again, c && *c ? (*c)->external_id : std::string(),
                                 ids_json(call.store, call.creditor, (*again)->invoice_ids, cache)));
}

Response put_override(ApiCall& call) {
  std::optional<Response> failure;
  auto cu = path_customer(call, failure);
  if (!cu) return std::move(*failure);
  auto body = read_json_object_body(call.request, call.options.max_body_bytes);
  if (!body) return error_response(body.error(), call.request);
  for (const auto& [k, v] : *body) {
    if (k != "segment" && k != "until" && k != "reason")
      return problem(ErrorCode::body_field_unknown, "unknown field '" + std::string(k) + "'", call.request, std::string(k));
  }
  const auto* seg = body->if_contains("segment");
  const auto* reason = body->if_contains("reason");
  if (!seg || !seg->is_string()) return problem(ErrorCode::required_missing, "segment is required", call.request, "segment");
  if (!reason || !reason->is_string() || reason->as_string().empty())
    return problem(ErrorCode::required_missing, "reason is required", call.request, "reason");
  auto until = body_date(*body, "until");
  if (!until) return error_response(until.error(), call.request);
  if (!*until) return problem(ErrorCode::required_missing, "until (last day of the override) is required", call.request, "until");
  auto lc = services::current_collection(call.store, call.creditor, call.request.now_unix);
  if (!lc) return error_response(lc.error(), call.request);
  bool known = false;
  std::string names;
  for (const auto& s : lc->current->segments.segments) {
    known = known || s.name == seg->as_string();
    names += (names.empty() ? "" : ", ") + s.name;
  }
  if (!known)
    return problem(ErrorCode::segment_unknown, "'" + std::string(seg->as_string()) + "' is not a segment; use one of: " + names,
                   call.request, "segment");
  engine::SegmentOverride o;
  o.customer_id = cu->id;
  o.segment = std::string(seg->as_string());
  o.reason = std::string(reason->as_string());
  o.expires_on = **until;
  o.created_by = "api";
  o.created_unix = call.request.now_unix;
  auto st = call.store.collection().add_segment_override(call.creditor, o);
  if (!st) return error_response(st.error(), call.request);
  return json_response(json::object{{"id", o.id},
                                    {"customer_external_id", cu->external_id},
                                    {"segment", o.segment},
                                    {"until", o.expires_on.iso()},
                                    {"reason", o.reason}},
                       201);
}

ApiParam customer_param() {
  return {"external_id", "path", "string", "", "The customer's id in the creditor's own system", {}, true};
}
ApiParam run_param() { return {"run_id", "path", "integer", "", "The run's id", {}, true}; }
ApiParam page_params_after() { return {"after", "query", "integer", "", "Return decisions with a larger id (from next_after)", {}, false}; }
ApiParam limit_param() { return {"limit", "query", "integer", "", "Page size (1..500)", {}, false}; }

}  // namespace

std::vector<ApiOperation> engine_operations(const ApiOptions&) {
  std::vector<ApiOperation> ops;
  const std::string tag = "Collection engine";
  ops.push_back({"GET", "/api/v1/collection", "get_collection", tag, "The current collection file",
                 "The creditor's collection file (segments, strategies, contact policy) as TOML with its version. A "
                 "creditor without one gets the built-in default set stored as version 1.",
                 true, {}, "", "CollectionFile", {200}, {401}, get_collection});
  ops.push_back({"PUT", "/api/v1/collection", "put_collection", tag, "Load a new collection file",
                 "Validates the TOML (every problem with line and column) and stores it as the next version; every "
                 "strategy whose content changed gets a new version. Running journeys keep theirs.",
                 true, {}, "CollectionFileInput", "CollectionLoaded", {200, 201}, {400, 401, 415, 422}, put_collection});
  ops.push_back({"GET", "/api/v1/segments", "list_segments", tag, "Segments in rule order",
                 "The segment rules of the current collection file, first match wins, with the strategy of each.", true,
                 {}, "", "SegmentList", {200}, {401}, list_segments});
  ops.push_back({"GET", "/api/v1/strategies", "list_strategies", tag, "Strategies with their versions",
                 "Every strategy of the current collection file with its steps, variants and version history.", true, {},
                 "", "StrategyList", {200}, {401}, list_strategies});
  ops.push_back({"POST", "/api/v1/runs", "start_run", tag, "Run a collection day",
                 "Evaluates every customer of the creditor for as_of and applies the decisions exactly once. With "
                 "dry_run nothing is written and the first 1000 decisions are returned.",
                 true, {}, "RunInput", "RunStarted", {200, 201}, {400, 401, 415, 422}, start_run});
  ops.push_back({"GET", "/api/v1/runs", "list_runs", tag, "Runs, newest first", "Runs with their status and report.",
                 true, {limit_param()}, "", "RunList", {200}, {400, 401}, list_runs});
  ops.push_back({"GET", "/api/v1/runs/{run_id}", "get_run", tag, "One run and its report", "", true, {run_param()}, "",
                 "Run", {200}, {401, 404}, get_run});
  ops.push_back({"GET", "/api/v1/runs/{run_id}/decisions", "list_run_decisions", tag, "Decisions of a run",
                 "Every decision of the run with its reason, by ascending id.", true,
                 {run_param(), page_params_after(), limit_param()}, "", "DecisionPage", {200}, {400, 401, 404},
                 run_decisions});
  ops.push_back({"GET", "/api/v1/customers/{external_id}/decisions", "list_customer_decisions", tag,
                 "Decisions about a customer", "Every decision of every run about the customer, by ascending id.", true,
                 {customer_param(), page_params_after(), limit_param()}, "", "DecisionPage", {200}, {400, 401, 404},
                 customer_decisions});
  ops.push_back({"GET", "/api/v1/customers/{external_id}/explain", "explain_customer", tag, "Explain a customer's day",
                 "Segment and why, journey (version, variant), every step of every item, today's decisions and the "
                 "interest accrued with its computation. Writes nothing.",
                 true, {customer_param(), {"as_of", "query", "string", "date", "The day to explain (default today)", {}, false}},
                 "", "Explanation", {200}, {400, 401, 404}, explain});
  ops.push_back({"PUT", "/api/v1/customers/{external_id}/segment-override", "put_segment_override", tag,
                 "Put a customer into a segment by hand", "Until the given day (inclusive), with a reason.", true,
                 {customer_param()}, "SegmentOverrideInput", "SegmentOverride", {201}, {400, 401, 404, 415, 422},
                 put_override});
  ops.push_back({"GET", "/api/v1/holds", "list_holds", tag, "Holds",
                 "Active holds (active=false: all), optionally of one customer.", true,
                 {{"customer", "query", "string", "", "Only this customer (external id)", {}, false},
                  {"active", "query", "string", "", "true (default) or false", {"true", "false"}, false}},
                 "", "HoldList", {200}, {400, 401, 404}, list_holds});
  ops.push_back({"POST", "/api/v1/holds", "create_hold", tag, "Pause dunning",
                 "A hold for the customer (no items) or some of its invoices: dispute, payment_plan, promise_to_pay, "
                 "insolvency, deceased or manual.",
                 true, {}, "HoldInput", "Hold", {201}, {400, 401, 404, 415, 422}, create_hold});
  ops.push_back({"POST", "/api/v1/holds/{hold_id}/end", "end_hold", tag, "End a hold",
                 "The journey resumes where it stood (dates shifted by the days on hold), or at once when broken.", true,
                 {{"hold_id", "path", "integer", "", "The hold's id", {}, true}}, "HoldEndInput", "Hold", {200},
                 {400, 401, 404, 409, 415, 422}, end_hold});
  return ops;
}

}  // namespace kulanz::http
