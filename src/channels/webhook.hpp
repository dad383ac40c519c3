#pragma once
// Webhooks out (docs/WEBHOOKS.md): one signed event posted to one receiver's URL. Which
// receivers get which events, the payloads and the retries are decided by the caller.
// Blocking (libcurl); safe to call from several threads at once.
#include <cstdint>
#include <string>
#include <string_view>

namespace kulanz::channels {

// "v1=" + lower-case hex HMAC-SHA256(secret, to_string(timestamp_unix) + "." + body).
std::string webhook_signature(std::string_view secret, std::int64_t timestamp_unix, std::string_view body);

struct WebhookDelivery {
  std::string url;           // http or https only
  std::string secret;        // the receiver's signing secret, not empty
  std::string event_id;      // unique per event, the receiver deduplicates by it
  std::string event_type;    // e.g. message.sent
  std::int64_t timestamp_unix = 0;  // when this delivery attempt was signed (positive)
  std::string body;          // JSON
  long timeout_seconds = 10;  // for the connect and the whole exchange
};

struct WebhookResult {
  bool delivered = false;  // any 2xx
  bool permanent = false;  // 410 Gone, or a delivery that can never work (bad scheme, malformed URL or fields)
  long http_status = 0;    // 0 when no response came
  std::string detail;      // what happened, for logs and operators
};

// POSTs `d.body` to `d.url` with Content-Type: application/json, User-Agent:
// kulanz-webhooks/1, X-Kulanz-Event-Id, X-Kulanz-Event-Type, X-Kulanz-Timestamp and
// X-Kulanz-Signature. Everything is checked before any connection is made: a URL that is
// not http(s) or malformed, an empty secret, an event id or type outside printable ASCII
// (1 to 200 characters, no spaces), a timestamp that is not positive, a body that is
// not JSON, a timeout that is not positive — each permanent. Redirects are not followed,
// at most 64 KiB of the response are read. Any answer other than 2xx and 410, and any
// connection problem or timeout, is temporary.
WebhookResult post_webhook(const WebhookDelivery& d);

}  // namespace kulanz::channels
