#pragma once
// Sending one composed message over SMTP (RFC 5321) with libcurl. Blocking; safe to call
// from several threads at once (one connection per call). Classification of failures:
// docs/EMAIL.md.
#include <string>
#include <string_view>
#include <vector>

namespace kulanz::channels {

struct SmtpSettings {
  std::string url;  // smtp://host:port (STARTTLS per `tls`) or smtps://host:port (implicit TLS)
  std::string username, password;  // AUTH when username is not empty
  enum class Tls { none, starttls_if_offered, starttls_required } tls = Tls::starttls_required;
  long timeout_seconds = 30;  // for the whole transaction, and for the connect
  std::string helo_name;      // the name given in EHLO; empty: libcurl's default
};

struct SmtpResult {
  bool delivered = false;  // the server accepted the message for all recipients (250 after DATA)
  // For failures: true for a 5xx reply or an invalid address (do not retry the same
  // message), false for temporary ones (4xx, connection, timeout, TLS, settings).
  bool permanent = false;
  long reply_code = 0;  // the server's last reply code, 0 when there was none
  std::string detail;   // what happened, for logs and operators
};

// Sends `raw_message` (CRLF line endings, as compose_mime writes it) to `recipients`
// with the envelope sender `envelope_from` (empty: the null sender "<>"). Addresses are
// checked before any connection is made. The message is refused as a whole if the server
// rejects any recipient.
SmtpResult send_smtp(const SmtpSettings& settings, std::string_view envelope_from,
                     const std::vector<std::string>& recipients, std::string_view raw_message);

}  // namespace kulanz::channels
