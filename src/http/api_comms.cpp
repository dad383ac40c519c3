// The creditor's message texts and profile over the API: GET/PUT /api/v1/templates,
// GET /api/v1/templates/text, GET/PUT /api/v1/creditor/profile (docs/API.md).
#include "http/api_comms.hpp"

#include <boost/json.hpp>
#include <map>
#include <optional>
#include <string>

#include "documents/bic.hpp"
#include "documents/iban.hpp"
#include "http/api_response.hpp"
#include "http/json_body.hpp"
#include "security/security.hpp"
#include "services/creditor_templates.hpp"

namespace kulanz::http {
namespace {

namespace json = boost::json;
using base::ErrorCode;

constexpr std::size_t kMaxLogoBytes = 512 * 1024;

Response problem(ErrorCode code, const std::string& detail, const Request& request, const std::string& field = {}) {
  return error_response(base::Error(code, detail, field), request);
}

Response list_templates(ApiCall& call) {
  auto set = services::creditor_template_set(call.store, call.creditor);
  if (!set) return error_response(set.error(), call.request);
  auto own = call.store.creditor_templates(call.creditor);
  if (!own) return error_response(own.error(), call.request);
  std::map<std::string, bool> mine;  // path -> removed
  for (const auto& [p, t] : *own) mine[p] = t.find_first_not_of(" \t\r\n") == std::string::npos;
  json::array items;
  for (const auto& p : set->paths()) items.push_back(json::object{{"path", p}, {"own", mine.count(p) > 0}, {"removed", false}});
  for (const auto& [p, removed] : mine) {
    if (removed) items.push_back(json::object{{"path", p}, {"own", true}, {"removed", true}});
  }
  return json_response(json::object{{"items", std::move(items)}});
}

Response get_template_text(ApiCall& call) {
  const auto path = call.request.query_param("path");
  if (!path || path->empty())
    return problem(ErrorCode::required_missing, "path: e.g. de/firm/first_reminder.email.subject.mustache", call.request, "path");
  auto set = services::creditor_template_set(call.store, call.creditor);
  if (!set) return error_response(set.error(), call.request);
  const std::string* text = set->text(*path);
  if (!text) return problem(ErrorCode::not_found, "no template '" + std::string(*path) + "' (see GET /api/v1/templates)", call.request, "path");
  auto own = call.store.creditor_templates(call.creditor);
  if (!own) return error_response(own.error(), call.request);
  bool mine = false;
  for (const auto& [p, t] : *own) mine = mine || p == *path;
  return json_response(json::object{{"path", *path}, {"text", *text}, {"own", mine}});
}

Response put_templates(ApiCall& call) {
  auto body = read_json_object_body(call.request, call.options.max_body_bytes);
  if (!body) return error_response(body.error(), call.request);
  for (const auto& [k, v] : *body) {
    if (k != "changes")
      return problem(ErrorCode::body_field_unknown, "unknown field '" + std::string(k) + "'; send changes", call.request,
                     std::string(k));
  }
  const auto* changes = body->if_contains("changes");
  if (!changes || !changes->is_object() || changes->as_object().empty())
    return problem(ErrorCode::required_missing, "changes: an object of template path -> text (or null to use the shipped text again)",
                   call.request, "changes");
  std::map<std::string, std::optional<std::string>> wanted;
  for (const auto& [path, text] : changes->as_object()) {
    if (text.is_null()) wanted[std::string(path)] = std::nullopt;
    else if (text.is_string()) wanted[std::string(path)] = std::string(text.as_string());
    else return problem(ErrorCode::enum_invalid, "changes." + std::string(path) + ": a text or null", call.request, std::string(path));
  }
  if (auto st = services::change_creditor_templates(call.store, call.creditor, wanted, call.request.now_unix); !st) {
    if (st.error().code != ErrorCode::template_invalid) return error_response(st.error(), call.request);
    std::vector<ItemError> items;
    const std::string& detail = st.error().detail;
    std::size_t start = 0;
    while (start < detail.size()) {
      std::size_t end = detail.find('\n', start);
      if (end == std::string::npos) end = detail.size();
      const std::string line = detail.substr(start, end - start);
      items.push_back({std::nullopt, base::Error(ErrorCode::template_invalid, line, line.substr(0, line.find(':')))});
      start = end + 1;
    }
    return item_errors_response(base::Error(ErrorCode::template_invalid,
                                            std::to_string(items.size()) + " problem(s) in the texts; nothing was saved",
                                            "changes"),
                                call.request, items);
  }
  return list_templates(call);
}

// The profile as JSON; the logo as base64 (null when none).
json::object profile_json(const domain::CreditorProfile& p) {
  return json::object{{"legal_name", p.legal_name},
                      {"street", p.street},
                      {"postal_code", p.postal_code},
                      {"city", p.city},
                      {"country", p.country},
                      {"phone", p.phone},
                      {"email", p.email},
                      {"reply_to", p.reply_to},
                      {"website", p.website},
                      {"iban", p.iban},
                      {"bic", p.bic},
                      {"bank_name", p.bank_name},
                      {"register_entry", p.register_entry},
                      {"vat_id", p.vat_id},
                      {"management", p.management},
                      {"brand_color", p.brand_color},
                      {"logo_png_base64", p.logo_png.empty() ? json::value(nullptr)
                                                             : json::value(security::base64_encode(p.logo_png))}};
}

Response get_profile(ApiCall& call) {
  auto p = call.store.creditor_profile(call.creditor);
  if (!p) return error_response(p.error(), call.request);
  return json_response(profile_json(p->value_or(domain::CreditorProfile{})));
}

Response put_profile(ApiCall& call) {
  auto body = read_json_object_body(call.request, call.options.max_body_bytes);
  if (!body) return error_response(body.error(), call.request);
  auto stored = call.store.creditor_profile(call.creditor);
  if (!stored) return error_response(stored.error(), call.request);
  domain::CreditorProfile p = stored->value_or(domain::CreditorProfile{});
  const std::map<std::string, std::string domain::CreditorProfile::*> fields = {
      {"legal_name", &domain::CreditorProfile::legal_name}, {"street", &domain::CreditorProfile::street},
      {"postal_code", &domain::CreditorProfile::postal_code}, {"city", &domain::CreditorProfile::city},
      {"country", &domain::CreditorProfile::country}, {"phone", &domain::CreditorProfile::phone},
      {"email", &domain::CreditorProfile::email}, {"reply_to", &domain::CreditorProfile::reply_to},
      {"website", &domain::CreditorProfile::website}, {"iban", &domain::CreditorProfile::iban},
      {"bic", &domain::CreditorProfile::bic}, {"bank_name", &domain::CreditorProfile::bank_name},
      {"register_entry", &domain::CreditorProfile::register_entry}, {"vat_id", &domain::CreditorProfile::vat_id},
      {"management", &domain::CreditorProfile::management}, {"brand_color", &domain::CreditorProfile::brand_color}};
  for (const auto& [k, v] : *body) {
    const std::string key(k);
    if (key == "logo_png_base64") {
      if (v.is_null()) {
        p.logo_png.clear();
        continue;
      }
      if (!v.is_string()) return problem(ErrorCode::enum_invalid, "logo_png_base64: base64 text or null", call.request, key);
      auto bytes = security::base64_decode(v.as_string());
      if (!bytes) return problem(ErrorCode::enum_invalid, "logo_png_base64: " + bytes.error().detail, call.request, key);
      if (bytes->size() < 8 || bytes->compare(0, 8, std::string("\x89PNG\r\n\x1a\n", 8)) != 0)
        return problem(ErrorCode::enum_invalid, "logo_png_base64: not a PNG image", call.request, key);
      if (bytes->size() > kMaxLogoBytes)
        return problem(ErrorCode::enum_invalid, "logo_png_base64: at most 512 KiB of PNG", call.request, key);
      p.logo_png = std::move(*bytes);
      continue;
    }
    const auto f = fields.find(key);
    if (f == fields.end())
      return problem(ErrorCode::body_field_unknown, "unknown field '" + key + "'", call.request, key);
    if (!v.is_string()) return problem(ErrorCode::enum_invalid, key + ": a text", call.request, key);
    p.*(f->second) = std::string(v.as_string());
  }
  if (!p.iban.empty()) {
    auto iban = documents::normalize_iban(p.iban);
    if (!iban) return problem(ErrorCode::iban_invalid, iban.error().detail, call.request, "iban");
    p.iban = *iban;
  }
  if (!p.bic.empty()) {
    auto bic = documents::normalize_bic(p.bic);
    if (!bic) return problem(ErrorCode::bic_invalid, bic.error().detail, call.request, "bic");
    p.bic = *bic;
  }
  const bool color = p.brand_color.size() == 7 && p.brand_color[0] == '#' &&
                     p.brand_color.find_first_not_of("0123456789abcdefABCDEF", 1) == std::string::npos;
  if (!color) return problem(ErrorCode::enum_invalid, "brand_color: a colour like #1f4e79", call.request, "brand_color");
  if (auto st = call.store.save_creditor_profile(call.creditor, p); !st) return error_response(st.error(), call.request);
  return json_response(profile_json(p));
}

constexpr const char* kSchemas = R"json({
  "TemplateList": {
    "type": "object",
    "required": ["items"],
    "properties": {"items": {"type": "array", "items": {
      "type": "object",
      "required": ["path", "own", "removed"],
      "properties": {
        "path": {"type": "string", "examples": ["de/friendly/first_reminder.email.subject.mustache"]},
        "own": {"type": "boolean", "description": "the creditor's own text (not the shipped one)"},
        "removed": {"type": "boolean", "description": "the creditor removed this part; the message falls back along the chain"}
      }}}}
  },
  "TemplateText": {
    "type": "object",
    "required": ["path", "text", "own"],
    "properties": {"path": {"type": "string"}, "text": {"type": "string"}, "own": {"type": "boolean"}}
  },
  "TemplateChanges": {
    "type": "object",
    "required": ["changes"],
    "additionalProperties": false,
    "properties": {"changes": {"type": "object", "additionalProperties": {"type": ["string", "null"]},
      "description": "template path -> new text (empty: remove the part) or null (use the shipped text again)"}}
  },
  "CreditorProfile": {
    "type": "object",
    "properties": {
      "legal_name": {"type": "string"}, "street": {"type": "string"}, "postal_code": {"type": "string"},
      "city": {"type": "string"}, "country": {"type": "string"}, "phone": {"type": "string"},
      "email": {"type": "string"}, "reply_to": {"type": "string"}, "website": {"type": "string"},
      "iban": {"type": "string", "description": "electronic form, checked (ISO 13616)"},
      "bic": {"type": "string"}, "bank_name": {"type": "string"}, "register_entry": {"type": "string"},
      "vat_id": {"type": "string"}, "management": {"type": "string"},
      "brand_color": {"type": "string", "examples": ["#1f4e79"]},
      "logo_png_base64": {"type": ["string", "null"], "description": "the logo as base64 PNG, at most 512 KiB"}
    }
  },
  "CreditorProfileInput": {
    "type": "object",
    "additionalProperties": false,
    "description": "Only the fields given change.",
    "properties": {
      "legal_name": {"type": "string"}, "street": {"type": "string"}, "postal_code": {"type": "string"},
      "city": {"type": "string"}, "country": {"type": "string"}, "phone": {"type": "string"},
      "email": {"type": "string"}, "reply_to": {"type": "string"}, "website": {"type": "string"},
      "iban": {"type": "string"}, "bic": {"type": "string"}, "bank_name": {"type": "string"},
      "register_entry": {"type": "string"}, "vat_id": {"type": "string"}, "management": {"type": "string"},
      "brand_color": {"type": "string"}, "logo_png_base64": {"type": ["string", "null"]}
    }
  }
})json";

}  // namespace

std::vector<ApiOperation> comms_operations(const ApiOptions&) {
  std::vector<ApiOperation> ops;
  const std::string tag = "Texts and profile";
  ops.push_back({"GET", "/api/v1/templates", "list_templates", tag, "Message texts in effect",
                 "Every template part in effect for the creditor (shipped or own), and the parts the creditor removed.",
                 true, {}, "", "TemplateList", {200}, {401}, list_templates});
  ops.push_back({"GET", "/api/v1/templates/text", "get_template_text", tag, "One message text",
                 "The text of one template part in effect for the creditor.", true,
                 {{"path", "query", "string", "", "e.g. de/friendly/first_reminder.email.subject.mustache", {}, true}}, "",
                 "TemplateText", {200}, {401, 404, 422}, get_template_text});
  ops.push_back({"PUT", "/api/v1/templates", "put_templates", tag, "Change the creditor's own texts",
                 "Sets, removes or resets parts; the whole resulting set is checked first and every problem is returned "
                 "as PATH:LINE: message. Nothing is saved when there is one.",
                 true, {}, "TemplateChanges", "TemplateList", {200}, {400, 401, 415, 422}, put_templates});
  ops.push_back({"GET", "/api/v1/creditor/profile", "get_creditor_profile", tag, "The creditor's profile",
                 "Imprint, contact and bank details, logo and colour shown on letters, messages and the portal.", true,
                 {}, "", "CreditorProfile", {200}, {401}, get_profile});
  ops.push_back({"PUT", "/api/v1/creditor/profile", "put_creditor_profile", tag, "Change the creditor's profile",
                 "Only the fields given change; IBAN and BIC are checked, the logo must be a PNG of at most 512 KiB.",
                 true, {}, "CreditorProfileInput", "CreditorProfile", {200}, {400, 401, 415, 422}, put_profile});
  return ops;
}

boost::json::object comms_schemas() { return boost::json::parse(kSchemas).as_object(); }

}  // namespace kulanz::http
