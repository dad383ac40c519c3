#include "channels/payment_stripe.hpp"

#include <boost/json.hpp>
#include <set>

#include "base/text.hpp"
#include "channels/address.hpp"
#include "channels/http_post.hpp"
#include "security/security.hpp"

namespace kulanz::channels {
namespace {

namespace json = boost::json;
using base::ErrorCode;
using base::fail;

// Stripe's documented limits.
constexpr std::size_t kMaxReferenceChars = 200;
constexpr std::size_t kMaxMetadataKeys = 50;
constexpr std::size_t kMaxMetadataKeyChars = 40;
constexpr std::size_t kMaxMetadataValueChars = 500;
constexpr std::size_t kMaxIdempotencyKey = 255;
// Bounds of our own: an event id, a session id or a header are never that long.
constexpr std::size_t kMaxSignatureHeader = 8 * 1024;
constexpr std::size_t kMaxProviderId = 255;
constexpr std::size_t kMaxPageUrl = 8 * 1024;

// ASCII only, whatever the process's locale says about other bytes.
bool ascii_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool ascii_alnum(char c) { return ascii_letter(c) || (c >= '0' && c <= '9'); }

bool has_control_character(std::string_view s) {
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) return true;
  }
  return false;
}

// Printable ASCII without spaces: safe in a header line and a log.
bool header_token(std::string_view s, std::size_t max) {
  if (s.empty() || s.size() > max) return false;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F) return false;
  }
  return true;
}

// A provider id with its prefix ("cs_", "evt_", "pi_"): letters, digits and underscores.
bool provider_id(std::string_view s, std::string_view prefix) {
  if (s.size() <= prefix.size() || s.size() > kMaxProviderId || s.substr(0, prefix.size()) != prefix) return false;
  for (char c : s) {
    if (!ascii_alnum(c) && c != '_') return false;
  }
  return true;
}

// A currency code's shape: three ASCII letters (whether the provider takes it is its decision).
bool three_letters(std::string_view s) {
  if (s.size() != 3) return false;
  for (char c : s) {
    if (!ascii_letter(c)) return false;
  }
  return true;
}

// A payment method type as Stripe names them: lower-case letters, digits and underscores.
bool method_type_name(std::string_view s) {
  if (s.empty() || s.size() > 40) return false;
  for (char c : s) {
    if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '_') return false;
  }
  return true;
}

// Every byte outside the unreserved set of RFC 3986 as %XX.
void append_encoded(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (ascii_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 0xF];
    }
  }
}

class FormWriter {
 public:
  // `name` is written as given (brackets included); its dynamic parts go through `encoded`.
  void add(std::string_view name, std::string_view value) {
    if (!body_.empty()) body_ += '&';
    body_.append(name);
    body_ += '=';
    append_encoded(body_, value);
  }
  static std::string encoded(std::string_view text) {
    std::string out;
    append_encoded(out, text);
    return out;
  }
  std::string take() { return std::move(body_); }

 private:
  std::string body_;
};

// UTF-8 text without control characters, not empty, at most `max_chars` characters (0: no
// bound), for `field`.
base::Status check_text(std::string_view text, std::string_view field, std::size_t max_chars) {
  const std::string name(field);
  if (text.empty()) return fail(ErrorCode::required_missing, name + " is empty", name);
  if (!base::is_valid_utf8(text)) return fail(ErrorCode::invalid_argument, name + " is not valid UTF-8", name);
  if (has_control_character(text)) return fail(ErrorCode::invalid_argument, name + " contains control characters", name);
  if (max_chars > 0 && base::utf8_length(text) > max_chars) {
    return fail(ErrorCode::text_too_long, name + " has more than " + std::to_string(max_chars) + " characters", name);
  }
  return {};
}

base::Status check_return_url(std::string_view url, std::string_view field) {
  const std::string name(field);
  if (url.empty()) return fail(ErrorCode::return_url_invalid, name + " is empty", name);
  // Checked as given and sent as given: {CHECKOUT_SESSION_ID} must reach the provider unchanged.
  auto checked = checked_http_url(url, true);
  if (!checked) return fail(ErrorCode::return_url_invalid, name + ": " + checked.error().detail, name);
  return {};
}

base::Status check_metadata(const PaymentMetadata& metadata) {
  if (metadata.size() > kMaxMetadataKeys) {
    return fail(ErrorCode::payment_metadata_invalid,
                std::to_string(metadata.size()) + " keys; at most " + std::to_string(kMaxMetadataKeys) + " are allowed",
                "metadata");
  }
  std::set<std::string_view> seen;
  for (const auto& [key, value] : metadata) {
    const std::string field = "metadata[" + printable_excerpt(key, 60) + "]";
    auto bad = [&field](const std::string& why) { return fail(ErrorCode::payment_metadata_invalid, why, field); };
    if (key.empty()) return fail(ErrorCode::payment_metadata_invalid, "a metadata key is empty", "metadata");
    if (!base::is_valid_utf8(key) || has_control_character(key)) {
      return bad("the key is not UTF-8 text without control characters");
    }
    if (key.find_first_of("[]") != std::string::npos) return bad("the key contains '[' or ']'");
    if (base::utf8_length(key) > kMaxMetadataKeyChars) {
      return bad("the key has more than " + std::to_string(kMaxMetadataKeyChars) + " characters");
    }
    if (!seen.insert(key).second) return bad("the key appears twice");
    if (value.empty()) return bad("the value is empty (the provider would not store the key)");
    if (!base::is_valid_utf8(value)) return bad("the value is not valid UTF-8");
    if (base::utf8_length(value) > kMaxMetadataValueChars) {
      return bad("the value has more than " + std::to_string(kMaxMetadataValueChars) + " characters");
    }
  }
  return {};
}

base::Status check_request(const CheckoutRequest& r) {
  if (r.amount_minor <= 0) {
    return fail(ErrorCode::amount_invalid, "amount_minor must be positive, not " + std::to_string(r.amount_minor),
                "amount_minor");
  }
  if (!three_letters(r.currency)) {
    return fail(ErrorCode::currency_unknown, "'" + printable_excerpt(r.currency, 20) + "' is not a three-letter ISO 4217 code",
                "currency");
  }
  KULANZ_TRY_STATUS(check_text(r.description, "description", 0));
  KULANZ_TRY_STATUS(check_text(r.client_reference_id, "client_reference_id", kMaxReferenceChars));
  KULANZ_TRY_STATUS(check_metadata(r.metadata));
  KULANZ_TRY_STATUS(check_return_url(r.success_url, "success_url"));
  KULANZ_TRY_STATUS(check_return_url(r.cancel_url, "cancel_url"));
  if (!r.customer_email.empty()) KULANZ_TRY_STATUS(check_address(r.customer_email, "customer_email"));
  if (!r.locale.empty() && r.locale != "de" && r.locale != "en" && r.locale != "auto") {
    return fail(ErrorCode::language_invalid, "locale must be de, en or auto, not '" + printable_excerpt(r.locale, 20) + "'",
                "locale");
  }
  std::set<std::string_view> types;
  for (std::size_t i = 0; i < r.payment_method_types.size(); ++i) {
    const std::string& type = r.payment_method_types[i];
    const std::string field = "payment_method_types[" + std::to_string(i) + "]";
    if (!method_type_name(type)) {
      return fail(ErrorCode::enum_invalid,
                  "'" + printable_excerpt(type, 40) + "' is not a payment method type such as card or paypal", field);
    }
    if (!types.insert(type).second) return fail(ErrorCode::enum_invalid, "'" + type + "' is listed twice", field);
  }
  if (!header_token(r.idempotency_key, kMaxIdempotencyKey)) {
    return fail(ErrorCode::idempotency_key_invalid,
                "the idempotency key must be 1 to 255 printable ASCII characters without spaces", "idempotency_key");
  }
  return {};
}

std::string text_of(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

// "<type>[/<code>]: <message> (param: <param>)" of Stripe's error body; empty when the
// body is not one.
std::string error_text(std::string_view body) {
  boost::system::error_code ec;
  const json::value doc = json::parse(body, ec);
  if (ec || !doc.is_object()) return {};
  const auto* error = doc.as_object().if_contains("error");
  if (!error || !error->is_object()) return {};
  const auto& e = error->as_object();
  const std::string type = text_of(e, "type"), code = text_of(e, "code"), message = text_of(e, "message");
  const std::string param = text_of(e, "param");
  std::string out = type;
  if (!code.empty()) out += (out.empty() ? "" : "/") + code;
  if (!message.empty()) out += (out.empty() ? "" : ": ") + message;
  if (!param.empty()) out += " (param: " + param + ")";
  return printable_excerpt(out, 400);
}

// The hosted page's address: absolute http(s), printable ASCII. Unlike return URLs it may
// carry a fragment (Stripe's pages do).
bool page_url(std::string_view url) {
  if (!header_token(url, kMaxPageUrl)) return false;
  for (std::string_view scheme : {"https://", "http://"}) {
    if (url.substr(0, scheme.size()) == scheme) {
      const std::string_view rest = url.substr(scheme.size());
      return !rest.empty() && rest.front() != '/' && rest.front() != '#' && rest.front() != '?';
    }
  }
  return false;
}

CheckoutSessionResult read_session(CheckoutSessionResult result, const HttpPostOutcome& out) {
  // The provider took the request; without a usable session the outcome is unknown.
  result.in_doubt = true;
  if (out.status != 200) {
    result.detail = "the provider answered " + std::to_string(out.status) + " instead of 200";
    return result;
  }
  if (!out.completed) {
    result.detail = "the provider answered 200 but the response could not be read: " + out.error;
    return result;
  }
  boost::system::error_code ec;
  const json::value doc = json::parse(out.body, ec);
  if (ec || !doc.is_object()) {
    result.detail = "the provider answered 200 without a JSON object: " + printable_excerpt(out.body, 120);
    return result;
  }
  const auto& o = doc.as_object();
  const std::string id = text_of(o, "id"), url = text_of(o, "url"), object = text_of(o, "object");
  if (!provider_id(id, "cs_") || (!object.empty() && object != "checkout.session")) {
    result.detail = "the provider answered 200 without a checkout session id: " + printable_excerpt(out.body, 120);
    return result;
  }
  if (!page_url(url)) {
    result.detail = "the provider answered 200 without a usable payment page url: " + printable_excerpt(url, 120);
    return result;
  }
  if (const auto* expires = o.if_contains("expires_at"); expires && expires->is_int64()) {
    result.expires_at = expires->as_int64();
  }
  result.in_doubt = false;
  result.created = true;
  result.session_id = id;
  result.url = url;
  result.detail = "created " + id;
  return result;
}

base::Unexpected<base::Error> refused(const std::string& why) {
  return fail(ErrorCode::unauthorized, "payment webhook refused: " + why);
}

base::Unexpected<base::Error> unreadable(const std::string& why) {
  return fail(ErrorCode::payment_event_invalid, "payment event: " + why);
}

// The timestamp and the v1 signatures of a Stripe-Signature header; false when it is not
// one (no t, t twice or not a number, no v1, an element without '=').
bool parse_signature_header(std::string_view header, std::int64_t* timestamp, std::vector<std::string_view>* v1) {
  if (header.empty() || header.size() > kMaxSignatureHeader) return false;
  bool have_t = false;
  std::size_t start = 0;
  while (start <= header.size()) {
    const auto comma = header.find(',', start);
    const std::string_view element =
        base::trim(header.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    const auto eq = element.find('=');
    if (eq == std::string_view::npos || eq == 0) return false;
    const std::string_view scheme = element.substr(0, eq), value = element.substr(eq + 1);
    if (scheme == "t") {
      if (have_t || value.empty() || value.size() > 18 || value.find_first_not_of("0123456789") != std::string_view::npos) {
        return false;
      }
      *timestamp = std::stoll(std::string(value));
      have_t = true;
    } else if (scheme == "v1") {
      v1->push_back(value);
    }
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return have_t && !v1->empty();
}

// Reads the checkout session of a checkout.session.* event into `event`.
base::Status read_checkout_session(const json::object& session, PaymentEvent& event) {
  if (text_of(session, "object") != "checkout.session") return unreadable("data.object is not a checkout.session");
  event.session_id = text_of(session, "id");
  if (!provider_id(event.session_id, "cs_")) return unreadable("data.object.id is not a checkout session id");
  event.payment_status = text_of(session, "payment_status");
  if (event.payment_status.empty()) return unreadable("data.object.payment_status is missing");
  if (const auto* amount = session.if_contains("amount_total"); amount && !amount->is_null()) {
    // Exactly the integer as written: Boost.JSON keeps integers that fit as int64, never as double.
    if (!amount->is_int64()) return unreadable("data.object.amount_total is not an integer of minor units");
    event.amount_total = amount->as_int64();
  }
  if (const auto* currency = session.if_contains("currency"); currency && !currency->is_null()) {
    if (!currency->is_string() || !three_letters(currency->as_string())) {
      return unreadable("data.object.currency is not a three-letter code");
    }
    event.currency = base::ascii_upper(currency->as_string());
  }
  event.client_reference_id = text_of(session, "client_reference_id");
  if (const auto* metadata = session.if_contains("metadata"); metadata && !metadata->is_null()) {
    if (!metadata->is_object()) return unreadable("data.object.metadata is not an object");
    for (const auto& [key, value] : metadata->as_object()) {
      if (!value.is_string()) return unreadable("data.object.metadata[" + printable_excerpt(key, 60) + "] is not a string");
      event.metadata.emplace_back(std::string(key), std::string(value.as_string()));
    }
  }
  if (const auto* intent = session.if_contains("payment_intent"); intent && !intent->is_null()) {
    // An id, or the object itself when the event was built with it expanded.
    event.payment_intent = intent->is_string()   ? std::string(intent->as_string())
                           : intent->is_object() ? text_of(intent->as_object(), "id")
                                                 : std::string();
    if (!provider_id(event.payment_intent, "pi_")) return unreadable("data.object.payment_intent is not a payment intent id");
  }
  if (const auto* types = session.if_contains("payment_method_types"); types && types->is_array()) {
    const auto& list = types->as_array();
    if (list.size() == 1 && list[0].is_string()) event.payment_method_type = std::string(list[0].as_string());
  }
  return {};
}

}  // namespace

base::Result<std::string> stripe_checkout_form(const CheckoutRequest& r) {
  KULANZ_TRY_STATUS(check_request(r));
  FormWriter form;
  form.add("mode", "payment");
  form.add("line_items[0][price_data][currency]", base::ascii_lower(r.currency));
  form.add("line_items[0][price_data][unit_amount]", std::to_string(r.amount_minor));
  form.add("line_items[0][price_data][product_data][name]", r.description);
  form.add("line_items[0][quantity]", "1");
  form.add("success_url", r.success_url);
  form.add("cancel_url", r.cancel_url);
  form.add("client_reference_id", r.client_reference_id);
  if (!r.customer_email.empty()) form.add("customer_email", r.customer_email);
  if (!r.locale.empty()) form.add("locale", r.locale);
  for (std::size_t i = 0; i < r.payment_method_types.size(); ++i) {
    form.add("payment_method_types[" + std::to_string(i) + "]", r.payment_method_types[i]);
  }
  for (const auto& [key, value] : r.metadata) form.add("metadata[" + FormWriter::encoded(key) + "]", value);
  return form.take();
}

CheckoutSessionResult create_checkout_session(const PaymentProviderSettings& settings, std::string_view form_body,
                                              std::string_view idempotency_key) {
  CheckoutSessionResult result;
  auto never = [&result](const std::string& why) {
    result.permanent = true;
    result.detail = why;
    return result;
  };
  // A form body is printable ASCII without spaces (everything else is percent-encoded).
  if (!header_token(form_body, 1024 * 1024) || form_body.find('=') == std::string_view::npos) {
    return never("form_body: not an application/x-www-form-urlencoded body");
  }
  if (!header_token(idempotency_key, kMaxIdempotencyKey)) {
    return never("idempotency_key: 1 to 255 printable ASCII characters, no spaces");
  }
  // Settings problems are not the payment's fault: temporary, nothing is sent.
  auto settings_problem = [&result](const std::string& what) {
    result.detail = "settings." + what;
    return result;
  };
  auto base_url = checked_http_url(settings.base_url, false);
  if (!base_url) return settings_problem("base_url: " + base_url.error().detail);
  if (settings.secret_key.empty()) return settings_problem("secret_key: required");
  if (!header_token(settings.secret_key, 1024)) {
    return settings_problem("secret_key: must be printable ASCII without spaces");
  }
  if (settings.timeout_seconds <= 0) return settings_problem("timeout_seconds: must be positive");

  HttpPost post;
  post.url = *base_url;
  while (!post.url.empty() && post.url.back() == '/') post.url.pop_back();
  post.url += "/v1/checkout/sessions";
  post.headers = {"Content-Type: application/x-www-form-urlencoded",
                  "Accept: application/json",
                  "User-Agent: kulanz-payments/1",
                  "Authorization: Bearer " + settings.secret_key,
                  "Stripe-Version: " + std::string(kStripeApiVersion),
                  "Idempotency-Key: " + std::string(idempotency_key)};
  post.body = std::string(form_body);
  post.timeout_seconds = settings.timeout_seconds;
  post.max_response_bytes = 256 * 1024;
  const HttpPostOutcome out = http_post(post);

  result.http_status = out.status;
  if (out.status == 0) {
    result.in_doubt = out.request_sent;
    result.detail = (out.request_sent ? "no answer after the request was sent: " : "the request was not sent: ") + out.error;
    return result;
  }
  if (out.status >= 200 && out.status <= 299) return read_session(std::move(result), out);
  result.permanent = out.status >= 400 && out.status <= 499 && out.status != 409 && out.status != 429;
  // A 5xx leaves open whether the session was created (Stripe: "the result is indeterminate").
  result.in_doubt = out.status >= 500;
  result.detail = "HTTP " + std::to_string(out.status);
  const std::string error = out.completed ? error_text(out.body) : std::string();
  if (!error.empty()) {
    result.detail += " " + error;
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

base::Result<PaymentEvent> verify_stripe_webhook(std::string_view stripe_signature, std::string_view raw_body,
                                                 std::string_view endpoint_secret, std::int64_t now_unix,
                                                 std::int64_t tolerance_seconds) {
  if (endpoint_secret.empty()) return refused("no endpoint secret is configured");
  std::int64_t timestamp = 0;
  std::vector<std::string_view> signatures;
  if (!parse_signature_header(stripe_signature, &timestamp, &signatures)) {
    return refused("the Stripe-Signature header is not t=<time>,v1=<signature>");
  }
  std::string signed_payload = std::to_string(timestamp);
  signed_payload += '.';
  signed_payload.append(raw_body);
  const std::string expected = security::hmac_sha256_hex(endpoint_secret, signed_payload);
  bool matched = false;
  for (const auto signature : signatures) {
    // Every candidate is compared, so the time taken does not tell which one matched.
    matched = security::constant_time_equals(expected, signature) || matched;
  }
  if (!matched) return refused("no v1 signature matches");
  const std::int64_t age = now_unix - timestamp;
  if (age > tolerance_seconds || age < -tolerance_seconds) return refused("the timestamp is too old or from the future");

  boost::system::error_code ec;
  const json::value doc = json::parse(raw_body, ec);
  if (ec || !doc.is_object()) return unreadable("the body is not a JSON object");
  const auto& o = doc.as_object();
  if (text_of(o, "object") != "event") return unreadable("the body is not an event object");
  PaymentEvent event;
  event.event_id = text_of(o, "id");
  if (!provider_id(event.event_id, "evt_")) return unreadable("id is not an event id");
  event.type = text_of(o, "type");
  if (!header_token(event.type, 200)) return unreadable("type is missing");
  if (const auto* created = o.if_contains("created"); created && created->is_int64()) {
    event.created = created->as_int64();
  } else {
    return unreadable("created is not an integer");
  }
  if (const auto* livemode = o.if_contains("livemode"); livemode && livemode->is_bool()) event.livemode = livemode->as_bool();
  if (event.type.rfind("checkout.session.", 0) != 0) return event;

  const auto* data = o.if_contains("data");
  const auto* session = data && data->is_object() ? data->as_object().if_contains("object") : nullptr;
  if (!session || !session->is_object()) return unreadable("data.object is missing");
  KULANZ_TRY_STATUS(read_checkout_session(session->as_object(), event));
  return event;
}

}  // namespace kulanz::channels
