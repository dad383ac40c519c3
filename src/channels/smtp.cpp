#include "channels/smtp.hpp"

#include <cstring>

#include "base/text.hpp"
#include "channels/address.hpp"
#include "channels/curl_support.hpp"

namespace kulanz::channels {
namespace {

struct Upload {
  std::string_view data;
  std::size_t offset = 0;
  bool started = false;  // libcurl asked for message bytes: the server had answered DATA with 354
};

extern "C" std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  upload->started = true;
  const std::size_t room = size * count;
  const std::size_t left = upload->data.size() - upload->offset;
  const std::size_t n = left < room ? left : room;
  if (n > 0) std::memcpy(buffer, upload->data.data() + upload->offset, n);
  upload->offset += n;
  return n;
}

SmtpResult refused(bool permanent, std::string detail) {
  SmtpResult result;
  result.permanent = permanent;
  result.detail = std::move(detail);
  return result;
}

bool is_clean_ascii(std::string_view s) {
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F) return false;
  }
  return true;
}

// The URL libcurl gets: the EHLO name is the URL's path for SMTP.
base::Result<std::string> effective_url(const SmtpSettings& settings) {
  const std::string lower = base::ascii_lower(settings.url);
  const std::size_t scheme = lower.rfind("smtp://", 0) == 0 ? 7 : lower.rfind("smtps://", 0) == 0 ? 8 : 0;
  if (scheme == 0 || settings.url.size() <= scheme || !is_clean_ascii(settings.url)) {
    return base::fail(base::ErrorCode::config_invalid, "the SMTP URL must be smtp://host:port or smtps://host:port",
                      "url");
  }
  std::string url = settings.url;
  if (!settings.helo_name.empty()) {
    bool ok = settings.helo_name.size() <= 255;
    for (char c : settings.helo_name) {
      const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                           c == '.' || c == '-' || c == '[' || c == ']' || c == ':';
      if (!allowed) ok = false;
    }
    if (!ok) return base::fail(base::ErrorCode::config_invalid, "the EHLO name must be a host name", "helo_name");
    if (url.find('/', scheme) != std::string::npos) {
      return base::fail(base::ErrorCode::config_invalid, "give the EHLO name in helo_name or in the URL, not both",
                        "url");
    }
    url += "/" + settings.helo_name;
  }
  return url;
}

long use_ssl(SmtpSettings::Tls tls) {
  switch (tls) {
    case SmtpSettings::Tls::none: return CURLUSESSL_NONE;
    case SmtpSettings::Tls::starttls_if_offered: return CURLUSESSL_TRY;
    case SmtpSettings::Tls::starttls_required: return CURLUSESSL_ALL;
  }
  return CURLUSESSL_ALL;
}

}  // namespace

// The easy handle keeps the connection in its cache between transfers. The error buffer
// lives here because libcurl may still write into it when the handle is cleaned up.
struct SmtpSession::Connection {
  char error_buffer[CURL_ERROR_SIZE] = {};
  CurlEasy handle;  // declared last: cleaned up while the error buffer still exists
};

namespace {

struct Attempt {
  SmtpResult result;
  // The transaction failed on a connection a previous send had left open, before the
  // server had seen any byte of the message: sending it again on a new connection
  // cannot deliver it twice.
  bool stale_connection = false;
};

Attempt perform(CURL* curl, char* error_buffer, const SmtpSettings& settings, const std::string& url,
                const std::string& mail_from, curl_slist* rcpt, std::string_view raw_message) {
  Upload upload{raw_message, 0, false};
  error_buffer[0] = '\0';
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_USE_SSL, use_ssl(settings.tls));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, settings.timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, settings.timeout_seconds);
  // Also bounds the wait for the reply to QUIT when the connection is closed.
  curl_easy_setopt(curl, CURLOPT_SERVER_RESPONSE_TIMEOUT, settings.timeout_seconds);
  if (!settings.username.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, settings.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, settings.password.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(raw_message.size()));
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);

  const CURLcode code = curl_easy_perform(curl);
  // The handle outlives this call: no pointers to locals stay behind in it.
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, static_cast<curl_slist*>(nullptr));
  curl_easy_setopt(curl, CURLOPT_READDATA, static_cast<void*>(nullptr));

  Attempt attempt;
  SmtpResult& result = attempt.result;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &result.reply_code);
  if (code == CURLE_OK) {
    result.delivered = true;
    result.detail = "accepted with reply " + std::to_string(result.reply_code);
    return attempt;
  }
  result.permanent = result.reply_code >= 500 && result.reply_code <= 599;
  // libcurl names the command whose reply failed ("RCPT failed: 550", "MAIL failed: 553").
  const std::string_view failed_command(error_buffer);
  result.recipient_refused = result.permanent && failed_command.find("RCPT failed") != std::string_view::npos;
  result.setup_refused = result.permanent && (code == CURLE_LOGIN_DENIED ||
                                               failed_command.find("MAIL failed") != std::string_view::npos);
  result.detail = curl_easy_strerror(code);
  if (error_buffer[0] != '\0') result.detail += std::string(": ") + error_buffer;
  if (result.reply_code != 0) result.detail += " (server reply " + std::to_string(result.reply_code) + ")";

  long new_connections = -1;
  curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &new_connections);
  // No reply at all (the socket was closed or reset) or 421 (the server is closing the
  // connection, e.g. after its idle timeout); a timeout is not retried, it would only
  // double the wait.
  attempt.stale_connection = new_connections == 0 && !upload.started && code != CURLE_OPERATION_TIMEDOUT &&
                             (result.reply_code == 0 || result.reply_code == 421);
  return attempt;
}

}  // namespace

SmtpSession::SmtpSession(SmtpSettings settings) : settings_(std::move(settings)) {}

SmtpSession::~SmtpSession() = default;  // curl_easy_cleanup sends QUIT on the open connection

SmtpResult SmtpSession::send(std::string_view envelope_from, const std::vector<std::string>& recipients,
                             std::string_view raw_message) {
  // Everything that goes into a command is checked first: nothing below can add a line.
  if (!envelope_from.empty()) {
    if (auto checked = check_address(envelope_from, "envelope_from"); !checked) {
      return refused(true, "envelope_from: " + checked.error().detail);
    }
  }
  if (recipients.empty()) return refused(true, "recipients: at least one recipient is required");
  for (std::size_t i = 0; i < recipients.size(); ++i) {
    if (auto checked = check_address(recipients[i], "recipients"); !checked) {
      SmtpResult r = refused(true, "recipients[" + std::to_string(i) + "]: " + checked.error().detail);
      r.recipient_refused = true;
      return r;
    }
  }
  // Settings problems are not the message's fault: reported as temporary, so the message
  // waits until the configuration is fixed.
  auto url = effective_url(settings_);
  if (!url) return refused(false, "settings." + url.error().field + ": " + url.error().detail);
  if (settings_.timeout_seconds <= 0) return refused(false, "settings.timeout_seconds: must be positive");
  if (curl_ready() != CURLE_OK) {
    return refused(false, std::string("libcurl could not be initialised: ") + curl_easy_strerror(curl_ready()));
  }

  const std::string mail_from = "<" + std::string(envelope_from) + ">";
  CurlList rcpt;
  for (const auto& recipient : recipients) {
    const std::string entry = "<" + recipient + ">";
    if (!append(rcpt, entry.c_str())) return refused(false, "out of memory building the recipient list");
  }

  auto attempt_once = [&]() -> Attempt {
    if (!connection_) {
      auto connection = std::make_unique<Connection>();
      connection->handle.reset(curl_easy_init());
      if (!connection->handle) return Attempt{refused(false, "libcurl could not create a handle"), false};
      connection_ = std::move(connection);
    }
    Attempt attempt = perform(connection_->handle.get(), connection_->error_buffer, settings_, *url, mail_from,
                              rcpt.get(), raw_message);
    // A failed transaction leaves no usable connection: the next send starts afresh.
    if (!attempt.result.delivered) connection_.reset();
    return attempt;
  };

  Attempt attempt = attempt_once();
  if (!attempt.result.delivered && attempt.stale_connection) {
    const std::string first_failure = attempt.result.detail;
    attempt = attempt_once();
    if (attempt.result.delivered) {
      attempt.result.detail += " on a new connection (the previous one had been closed: " + first_failure + ")";
    }
  }
  return attempt.result;
}

SmtpResult send_smtp(const SmtpSettings& settings, std::string_view envelope_from,
                     const std::vector<std::string>& recipients, std::string_view raw_message) {
  SmtpSession session(settings);
  return session.send(envelope_from, recipients, raw_message);
}

}  // namespace kulanz::channels
