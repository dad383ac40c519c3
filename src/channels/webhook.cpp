#include "channels/webhook.hpp"

#include <boost/json.hpp>

#include "channels/http_post.hpp"
#include "security/security.hpp"

namespace kulanz::channels {
namespace {

// An event id or type: printable ASCII without spaces, so it can never end a header line.
bool header_token(std::string_view s) {
  if (s.empty() || s.size() > 200) return false;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F) return false;
  }
  return true;
}

WebhookResult never_deliverable(std::string detail) {
  WebhookResult result;
  result.permanent = true;
  result.detail = std::move(detail);
  return result;
}

}  // namespace

std::string webhook_signature(std::string_view secret, std::int64_t timestamp_unix, std::string_view body) {
  std::string signed_text = std::to_string(timestamp_unix);
  signed_text += '.';
  signed_text.append(body);
  return "v1=" + security::hmac_sha256_hex(secret, signed_text);
}

WebhookResult post_webhook(const WebhookDelivery& d) {
  auto url = checked_http_url(d.url, true);
  if (!url) return never_deliverable("url: " + url.error().detail);
  if (d.secret.empty()) return never_deliverable("secret: empty, the receiver could not verify the signature");
  if (!header_token(d.event_id)) return never_deliverable("event_id: 1 to 200 printable ASCII characters, no spaces");
  if (!header_token(d.event_type)) {
    return never_deliverable("event_type: 1 to 200 printable ASCII characters, no spaces");
  }
  if (d.timestamp_unix <= 0) return never_deliverable("timestamp_unix: must be positive");
  if (d.timeout_seconds <= 0) return never_deliverable("timeout_seconds: must be positive");
  {
    boost::system::error_code ec;
    boost::json::parse(d.body, ec);
    if (ec) return never_deliverable("body: not JSON");
  }

  const std::string timestamp = std::to_string(d.timestamp_unix);
  HttpPost post;
  post.url = *url;
  post.headers = {"Content-Type: application/json",
                  "User-Agent: kulanz-webhooks/1",
                  "X-Kulanz-Event-Id: " + d.event_id,
                  "X-Kulanz-Event-Type: " + d.event_type,
                  "X-Kulanz-Timestamp: " + timestamp,
                  "X-Kulanz-Signature: " + webhook_signature(d.secret, d.timestamp_unix, d.body)};
  post.body = d.body;
  post.timeout_seconds = d.timeout_seconds;
  post.max_response_bytes = 64 * 1024;
  const HttpPostOutcome out = http_post(post);

  WebhookResult result;
  result.http_status = out.status;
  if (out.status == 0) {
    result.detail = (out.request_sent ? "no answer after the request was sent: " : "not delivered: ") + out.error;
    return result;
  }
  result.detail = "HTTP " + std::to_string(out.status);
  if (out.status >= 200 && out.status <= 299) {
    // The receiver has the event even if the rest of its answer did not arrive.
    result.delivered = true;
    return result;
  }
  result.permanent = out.status == 410;
  if (out.status >= 300 && out.status <= 399) {
    result.detail += ": redirect";
    if (!out.redirect_url.empty()) result.detail += " to " + printable_excerpt(out.redirect_url, 200);
    result.detail += " not followed";
  } else if (!out.body.empty()) {
    result.detail += ": " + printable_excerpt(out.body, 200);
  }
  if (out.retry_after_seconds > 0) result.detail += " (retry after " + std::to_string(out.retry_after_seconds) + " s)";
  return result;
}

}  // namespace kulanz::channels
