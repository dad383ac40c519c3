#include "channels/sms_vonage.hpp"

#include <boost/json.hpp>
#include <cctype>

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
    s.error_reason = text_of(e->as_object(), "reason");
    if (s.error_reason.empty()) s.error_reason = text_of(e->as_object(), "title");
  }
  if (s.message_uuid.empty() || s.status.empty())
    return fail(ErrorCode::required_missing, "the status webhook names no message_uuid or status");
  return s;
}

}  // namespace kulanz::channels
