#pragma once
// SMS through the Vonage Messages API (docs/SMS.md): the request body of
// POST /v1/messages, and the check of a signed message-status webhook. No I/O here: the
// caller posts the body and hands in the webhook's Authorization header and raw body.
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
