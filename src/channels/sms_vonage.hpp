#pragma once
// SMS through the Vonage Messages API (docs/SMS.md): the request body of
// POST /v1/messages, posting it (send_vonage_sms, blocking, libcurl), and the check of a
// signed message-status webhook (no I/O: the caller hands in the webhook's Authorization
// header and raw body).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace kulanz::channels {

struct SmsMessage {
  std::string to;          // E.164, "+4915112345678" or "4915112345678"
  std::string from;        // sender id: 1 to 11 letters/digits/spaces, or a number of up to 15 digits
  std::string text;        // UTF-8, not empty
  std::string client_ref;  // our reference (the outbox key), returned in status webhooks; at most 100 characters
};

// {"message_type":"text","channel":"sms","to":"4915112345678","from":"Stadtwerke","text":"...","client_ref":"..."}
// (the number without "+", as the API expects). Errors name the field.
base::Result<std::string> vonage_request_body(const SmsMessage& message);

struct SmsGatewaySettings {
  std::string base_url = "https://api.nexmo.com";  // http:// or https://, no query
  std::string api_key, api_secret;                 // HTTP Basic credentials
  long timeout_seconds = 15;                       // for the connect and the whole exchange
};

struct SmsSendResult {
  bool accepted = false;   // 202 with a message_uuid
  bool permanent = false;  // for failures: do not retry this message (401/403 credentials, 400/422 invalid message or number, 404)
  bool in_doubt = false;   // the request may have reached the gateway but no usable answer came (timeout or
                           // connection lost after sending, a 2xx without a valid message_uuid)
  // Permanent failures that say something about the number or the account: the gateway
  // refused the number (400/422 naming `to`): the number is bad; the gateway refused the
  // account (401, 403) or the URL (404): an operator must fix the settings, the message is
  // not at fault.
  bool recipient_refused = false;
  bool setup_refused = false;
  long http_status = 0;    // 0 when no response came
  std::string message_uuid;
  std::string detail;  // the problem detail's title/detail from the gateway's RFC 7807 body when given, else what happened
};

// Posts `request_body` (as vonage_request_body builds it) to {base_url}/v1/messages with
// the account's credentials. One request, never repeated here: after a failure that is
// neither permanent nor in doubt the caller may send again; a message in doubt must not
// be sent again blindly (the gateway may have it; its status webhook carries client_ref).
// Redirects are not followed and at most 64 KiB of the response are read. Settings
// problems (URL, missing credentials, timeout) are temporary and nothing is sent; a body
// that is not a JSON object is permanent.
SmsSendResult send_vonage_sms(const SmsGatewaySettings& settings, std::string_view request_body);

// A message-status webhook after its checks.
struct SmsStatus {
  std::string message_uuid;
  std::string status;  // submitted, delivered, rejected, undeliverable (others passed through)
  std::string to;
  std::string client_ref;
  std::string timestamp;     // as sent, ISO 8601
  std::string error_reason;  // for rejected / undeliverable, when given
  bool final_failure() const { return status == "rejected" || status == "undeliverable"; }
};

// Checks a status webhook: `authorization` must be "Bearer <JWT>" signed with HS256 and
// `signature_secret`; the token's `payload_hash` claim must be the SHA-256 (hex) of
// `body`, and its `iat` within `max_age_seconds` of `now_unix` (and not in the future by
// more than that). Then reads the body. Anything else is `unauthorized` (E5001) and
// nothing of the body is trusted.
base::Result<SmsStatus> verify_vonage_status(std::string_view authorization, std::string_view body,
                                            std::string_view signature_secret, std::int64_t now_unix,
                                            std::int64_t max_age_seconds = 300);

}  // namespace kulanz::channels
