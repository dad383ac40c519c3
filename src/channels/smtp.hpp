#pragma once
// Sending composed messages over SMTP (RFC 5321) with libcurl: one message on a connection
// of its own (send_smtp), or one message after another on one connection (SmtpSession).
// Blocking. Classification of failures and connection handling: docs/EMAIL.md.
#include <memory>
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
  // The recipient's address itself was refused: a 5xx to RCPT TO, or not an address at
  // all. Only then is the address bad (a hard bounce); other failures say nothing about it.
  bool recipient_refused = false;
  // The sender's own setup failed, not the message: the login (5xx to AUTH) or the sender
  // address (5xx to MAIL FROM) was refused. Permanent by its code, but the message can go
  // once an operator fixes the account.
  bool setup_refused = false;
  long reply_code = 0;  // the server's last reply code, 0 when there was none
  std::string detail;   // what happened, for logs and operators
};

// Sends `raw_message` (CRLF line endings, as compose_mime writes it) to `recipients`
// with the envelope sender `envelope_from` (empty: the null sender "<>"). Addresses are
// checked before any connection is made. The message is refused as a whole if the server
// rejects any recipient. Opens a connection for this message and closes it (QUIT)
// afterwards; safe to call from several threads at once.
SmtpResult send_smtp(const SmtpSettings& settings, std::string_view envelope_from,
                     const std::vector<std::string>& recipients, std::string_view raw_message);

// One SMTP connection for many messages: each send is a new transaction (MAIL FROM, RCPT
// TO, DATA) on the connection the previous one left open, and returns right after the
// server's reply to the end of DATA. The connection is opened on first use and again
// after any failure (libcurl closes a connection whose transaction failed); a connection
// the server closed while idle is replaced before the message is handed over, so the
// send does not fail because of it. Used by one thread at a time; sessions are
// independent of each other.
class SmtpSession {
 public:
  explicit SmtpSession(SmtpSettings settings);
  ~SmtpSession();  // closes the connection (QUIT), waiting at most timeout_seconds for the reply
  SmtpSession(const SmtpSession&) = delete;
  SmtpSession& operator=(const SmtpSession&) = delete;

  // As send_smtp, on the session's connection.
  SmtpResult send(std::string_view envelope_from, const std::vector<std::string>& recipients,
                  std::string_view raw_message);

 private:
  struct Connection;
  SmtpSettings settings_;
  std::unique_ptr<Connection> connection_;  // null before first use and after a failure
};

}  // namespace kulanz::channels
