#include "channels/sms_vonage.hpp"

#include <boost/json.hpp>
#include <cctype>

#include "channels/http_post.hpp"
#include "security/security.hpp"

namespace kulanz::channels {
namespace {

namespace json = boost::json;
using base::ErrorCode;
using base::fail;

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
    }
    i += n;
  }
  return true;
}

base::Unexpected<base::Error> refused(const std::string& why) {
  return fail(ErrorCode::unauthorized, "status webhook refused: " + why);
}

std::string text_of(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

// Vonage's message_uuid is a UUID; accepted: 1 to 64 letters, digits and hyphens, so the
// value is safe to store, log and compare with status webhooks.
bool sane_message_uuid(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
  }
  return true;
}

// "title: detail (name: reason, ...)" of an RFC 7807 problem body; empty when the body
// is not one.
std::string problem_text(std::string_view body) {
  boost::system::error_code ec;
  const json::value doc = json::parse(body, ec);
  if (ec || !doc.is_object()) return {};
  const auto& o = doc.as_object();
  std::string out = text_of(o, "title");
  const std::string detail = text_of(o, "detail");
  if (!detail.empty()) out += (out.empty() ? "" : ": ") + detail;
  if (const auto* params = o.if_contains("invalid_parameters"); params && params->is_array()) {
    std::string list;
    for (const auto& p : params->as_array()) {
      if (!p.is_object()) continue;
      const std::string name = text_of(p.as_object(), "name");
      const std::string reason = text_of(p.as_object(), "reason");
      if (name.empty() && reason.empty()) continue;
      list += (list.empty() ? "" : ", ") + name + (reason.empty() ? "" : ": " + reason);
    }
    if (!list.empty()) out += " (" + list + ")";
  }
  return printable_excerpt(out);
}

// Whether an RFC 7807 problem body lists `name` among its invalid_parameters.
bool names_parameter(std::string_view body, std::string_view name) {
  boost::system::error_code ec;
  const json::value doc = json::parse(body, ec);
  if (ec || !doc.is_object()) return false;
  const auto* params = doc.as_object().if_contains("invalid_parameters");
  if (!params || !params->is_array()) return false;
  for (const auto& p : params->as_array()) {
    if (p.is_object() && text_of(p.as_object(), "name") == name) return true;
  }
  return false;
}

bool permanent_status(long status) {
  return status == 400 || status == 401 || status == 403 || status == 404 || status == 422;
}

}  // namespace

base::Result<std::string> vonage_request_body(const SmsMessage& m) {
  std::string to = m.to;
  if (!to.empty() && to.front() == '+') to.erase(0, 1);
  if (to.size() < 8 || to.size() > 15 || to.front() == '0' ||
      to.find_first_not_of("0123456789") != std::string::npos) {
    return fail(ErrorCode::phone_invalid, "'" + m.to + "' is not a number in E.164 form, e.g. +4915112345678", "to");
  }
  const bool numeric = !m.from.empty() && m.from.find_first_not_of("0123456789") == std::string::npos;
  bool alnum_ok = !m.from.empty() && m.from.size() <= 11;
  for (char c : m.from) alnum_ok = alnum_ok && (std::isalnum(static_cast<unsigned char>(c)) || c == ' ');
  if (!(numeric ? m.from.size() <= 15 : alnum_ok)) {
    return fail(ErrorCode::invalid_argument,
                "sender id '" + m.from + "' must be 1 to 11 letters, digits or spaces, or a number of up to 15 digits",
                "from");
  }
  if (m.text.empty()) return fail(ErrorCode::required_missing, "the message text is empty", "text");
  if (!valid_utf8(m.text)) return fail(ErrorCode::invalid_argument, "the message text is not valid UTF-8", "text");
  if (m.client_ref.size() > 100) return fail(ErrorCode::text_too_long, "client_ref has more than 100 characters", "client_ref");
  json::object body{{"message_type", "text"}, {"channel", "sms"}, {"to", to}, {"from", m.from}, {"text", m.text}};
  if (!m.client_ref.empty()) body["client_ref"] = m.client_ref;
  return json::serialize(body);
}

SmsSendResult send_vonage_sms(const SmsGatewaySettings& settings, std::string_view request_body) {
  SmsSendResult result;
  {
    boost::system::error_code ec;
    const json::value doc = json::parse(request_body, ec);
    if (ec || !doc.is_object()) {
      result.permanent = true;
      result.detail = "request_body: not a JSON object";
      return result;
    }
  }
  // Settings problems are not the message's fault: temporary, nothing is sent.
  auto settings_problem = [&result](const std::string& what) {
    result.detail = "settings." + what;
    return result;
  };
  auto base_url = checked_http_url(settings.base_url, false);
  if (!base_url) return settings_problem("base_url: " + base_url.error().detail);
  if (settings.api_key.empty() || settings.api_secret.empty()) {
    return settings_problem("api_key/api_secret: both are required");
  }
  if (settings.timeout_seconds <= 0) return settings_problem("timeout_seconds: must be positive");

  HttpPost post;
  post.url = *base_url;
  while (!post.url.empty() && post.url.back() == '/') post.url.pop_back();
  post.url += "/v1/messages";
  post.headers = {"Content-Type: application/json", "Accept: application/json"};
  post.body = std::string(request_body);
  post.username = settings.api_key;
  post.password = settings.api_secret;
  post.timeout_seconds = settings.timeout_seconds;
  post.max_response_bytes = 64 * 1024;
  const HttpPostOutcome out = http_post(post);

  result.http_status = out.status;
  if (out.status == 0) {
    result.in_doubt = out.request_sent;
    result.detail = (out.request_sent ? "no answer after the request was sent: " : "the request was not sent: ") + out.error;
    return result;
  }
  if (out.status >= 200 && out.status <= 299) {
    // The gateway took the request; without its message_uuid the outcome is unknown.
    result.in_doubt = true;
    if (out.status != 202) {
      result.detail = "the gateway answered " + std::to_string(out.status) + " instead of 202";
      return result;
    }
    if (!out.completed) {
      result.detail = "the gateway answered 202 but the response could not be read: " + out.error;
      return result;
    }
    boost::system::error_code ec;
    const json::value doc = json::parse(out.body, ec);
    const std::string uuid = !ec && doc.is_object() ? text_of(doc.as_object(), "message_uuid") : std::string();
    if (!sane_message_uuid(uuid)) {
      result.detail = "the gateway answered 202 without a valid message_uuid: " + printable_excerpt(out.body, 120);
      return result;
    }
    result.in_doubt = false;
    result.accepted = true;
    result.message_uuid = uuid;
    result.detail = "accepted as " + uuid;
    return result;
  }
  result.permanent = permanent_status(out.status);
  result.setup_refused = out.status == 401 || out.status == 403 || out.status == 404;
  if ((out.status == 400 || out.status == 422) && out.completed) result.recipient_refused = names_parameter(out.body, "to");
  result.detail = "HTTP " + std::to_string(out.status);
  const std::string problem = out.completed ? problem_text(out.body) : std::string();
  if (!problem.empty()) {
    result.detail += " " + problem;
  } else if (out.status >= 300 && out.status <= 399) {
    result.detail += ": redirect";
    if (!out.redirect_url.empty()) result.detail += " to " + printable_excerpt(out.redirect_url, 200);
    result.detail += " not followed";
  } else if (!out.completed) {
    result.detail += " (" + out.error + ")";
  }
  if (out.retry_after_seconds > 0) result.detail += " (retry after " + std::to_string(out.retry_after_seconds) + " s)";
  return result;
}

base::Result<SmsStatus> verify_vonage_status(std::string_view authorization, std::string_view body,
                                            std::string_view signature_secret, std::int64_t now_unix,
                                            std::int64_t max_age_seconds) {
  if (signature_secret.empty()) return refused("no signature secret is configured");
  constexpr std::string_view bearer = "Bearer ";
  if (authorization.substr(0, bearer.size()) != bearer) return refused("no bearer token");
  const std::string_view token = authorization.substr(bearer.size());
  const auto dot1 = token.find('.');
  const auto dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos)
    return refused("the token is not a JWT");
  const std::string_view signing_input = token.substr(0, dot2);
  const std::string expected = security::hmac_token(signature_secret, signing_input, 32);
  if (!security::constant_time_equals(expected, token.substr(dot2 + 1))) return refused("bad signature");
  auto header_text = security::base64url_decode(token.substr(0, dot1));
  auto claims_text = security::base64url_decode(token.substr(dot1 + 1, dot2 - dot1 - 1));
  if (!header_text || !claims_text) return refused("the token is not a JWT");
  json::value header, claims;
  try {
    header = json::parse(*header_text);
    claims = json::parse(*claims_text);
  } catch (const std::exception&) {
    return refused("the token is not a JWT");
  }
  if (!header.is_object() || text_of(header.as_object(), "alg") != "HS256") return refused("the token is not signed with HS256");
  if (!claims.is_object()) return refused("the token has no claims");
  const auto& c = claims.as_object();
  if (text_of(c, "payload_hash") != security::sha256_hex(body)) return refused("the body does not match the token");
  const auto* iat = c.if_contains("iat");
  if (!iat || !iat->is_int64()) return refused("the token has no issue time");
  const std::int64_t age = now_unix - iat->as_int64();
  if (age > max_age_seconds || age < -max_age_seconds) return refused("the token is too old or from the future");

  json::value doc;
  try {
    doc = json::parse(body);
  } catch (const std::exception&) {
    return fail(ErrorCode::invalid_argument, "the status webhook's body is not JSON");
  }
  if (!doc.is_object()) return fail(ErrorCode::invalid_argument, "the status webhook's body is not a JSON object");
  const auto& o = doc.as_object();
  SmsStatus s;
  s.message_uuid = text_of(o, "message_uuid");
  s.status = text_of(o, "status");
  s.to = text_of(o, "to");
  s.client_ref = text_of(o, "client_ref");
  s.timestamp = text_of(o, "timestamp");
  if (const auto* e = o.if_contains("error"); e && e->is_object()) {
    // {type, title (the error code), detail}, some with a short `reason`: the reason when
    // given, else "title: detail".
    const auto& err = e->as_object();
    const std::string title = text_of(err, "title"), detail = text_of(err, "detail"), reason = text_of(err, "reason");
    s.error_reason = !reason.empty() ? reason : detail.empty() ? title : title.empty() ? detail : title + ": " + detail;
    s.error_reason = printable_excerpt(s.error_reason, 300);
  }
  if (s.message_uuid.empty() || s.status.empty())
    return fail(ErrorCode::required_missing, "the status webhook names no message_uuid or status");
  return s;
}

}  // namespace kulanz::channels
