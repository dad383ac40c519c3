#pragma once
// An email as plain values, and its composition into the bytes of an Internet message
// (RFC 5322, MIME RFC 2045-2049): deterministic, so the same message always gives the
// same bytes. Layout, encodings and errors: docs/EMAIL.md.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/result.hpp"

namespace kulanz::channels {

struct Mailbox {
  std::string name;     // display name, UTF-8, may be empty
  std::string address;  // local@domain
};

struct Attachment {
  std::string filename;      // UTF-8, shown to the recipient
  std::string content_type;  // "type/subtype", e.g. "application/pdf"; empty: application/octet-stream
  std::string bytes;
};

struct EmailMessage {
  Mailbox from;
  Mailbox to;
  std::optional<Mailbox> reply_to;
  std::string subject;  // UTF-8, required
  std::string text;     // UTF-8, required: the text/plain part
  std::string html;     // UTF-8, optional: the text/html alternative
  std::vector<Attachment> attachments;
  std::string message_id;  // "<...@domain>", given by the caller
  std::int64_t date_unix = 0;  // the Date header, seconds since 1970 UTC, given by the caller
  std::string list_unsubscribe_url;     // https URL, optional (with it: one-click, RFC 8058)
  std::string list_unsubscribe_mailto;  // address or "mailto:" URI, optional
  std::vector<std::pair<std::string, std::string>> extra_headers;  // e.g. {"X-Kulanz-Outbox", "4711"}
};

// The message as bytes with CRLF line endings, ending with CRLF, 7-bit clean. Errors name
// the field ("subject", "to.address", "attachments[0].filename", "extra_headers[1]"):
// invalid_argument for line breaks or control characters in header text, malformed UTF-8,
// a malformed Message-ID, unsubscribe target, date or extra header; email_invalid for an
// address that is not a plain local@domain; required_missing for a missing address,
// subject, text or Message-ID.
base::Result<std::string> compose_mime(const EmailMessage& message);

}  // namespace kulanz::channels
