#include "channels/mime.hpp"

#include <array>

#include "base/text.hpp"
#include "channels/address.hpp"
#include "channels/body_encoding.hpp"
#include "channels/header_text.hpp"

namespace kulanz::channels {
namespace {

constexpr std::int64_t kLastSecondOf9999 = 253402300799;

// Header names the composer writes itself; an extra header may not repeat them.
constexpr std::array<std::string_view, 16> kReservedHeaders = {
    "date",        "from",        "sender",           "to",
    "cc",          "bcc",         "reply-to",         "subject",
    "message-id",  "mime-version", "content-type",    "content-transfer-encoding",
    "content-disposition", "list-unsubscribe", "list-unsubscribe-post", "return-path"};

base::Status invalid(std::string detail, std::string field) {
  return base::fail(base::ErrorCode::invalid_argument, std::move(detail), std::move(field));
}

bool is_token_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u > 0x20 && u < 0x7F && std::string_view("()<>@,;:\\\"/[]?=").find(c) == std::string_view::npos;
}

bool is_token(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!is_token_char(c)) return false;
  }
  return true;
}

// Printable ASCII without spaces and the characters that delimit a List-Unsubscribe entry.
bool is_header_safe_uri(std::string_view s) {
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F || c == '<' || c == '>' || c == '"') return false;
  }
  return true;
}

base::Status check_mailbox(const Mailbox& mailbox, const std::string& field) {
  KULANZ_TRY_STATUS(check_header_text(mailbox.name, field + ".name"));
  return check_address(mailbox.address, field + ".address");
}

base::Status check_message_id(std::string_view id) {
  if (id.empty()) return base::fail(base::ErrorCode::required_missing, "a Message-ID is required", "message_id");
  const auto at = id.find('@');
  const bool shaped = id.size() >= 5 && id.front() == '<' && id.back() == '>' && at != std::string_view::npos &&
                      at > 1 && at < id.size() - 2 && is_header_safe_uri(id.substr(1, id.size() - 2)) &&
                      id.size() <= kMaxHeaderLine - 12;
  if (!shaped) {
    return invalid("expected <left@domain> of printable ASCII without spaces, at most 66 characters", "message_id");
  }
  return {};
}

// "mailto:" URI for List-Unsubscribe from an address or a mailto: URI.
base::Result<std::string> unsubscribe_mailto(std::string_view value) {
  const std::string field = "list_unsubscribe_mailto";
  std::string_view rest = value;
  if (base::ascii_lower(value.substr(0, 7)) == "mailto:") rest = value.substr(7);
  const auto query = rest.find('?');
  KULANZ_TRY_STATUS(check_address(rest.substr(0, query), field));
  if (!is_header_safe_uri(rest)) return base::fail(invalid("not a plain mailto: URI", field).error());
  return "mailto:" + std::string(rest);
}

base::Status check_unsubscribe_url(std::string_view url) {
  const std::string field = "list_unsubscribe_url";
  if (base::ascii_lower(url.substr(0, 8)) != "https://" || url.size() <= 8) {
    return invalid("the one-click unsubscribe address must be an https:// URL", field);
  }
  if (!is_header_safe_uri(url)) {
    return invalid("the URL must be printable ASCII without spaces, quotes or angle brackets (percent-encode them)",
                   field);
  }
  return {};
}

base::Status check_extra_header(const std::pair<std::string, std::string>& header, std::size_t index) {
  const std::string field = "extra_headers[" + std::to_string(index) + "]";
  const auto& [name, value] = header;
  bool name_ok = !name.empty() && name.size() <= 64;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F || c == ':') name_ok = false;
  }
  if (!name_ok) return invalid("a header name is 1 to 64 printable ASCII characters without ':' or spaces", field);
  const std::string lower = base::ascii_lower(name);
  for (auto reserved : kReservedHeaders) {
    if (lower == reserved) return invalid("the header '" + name + "' is written from the message's own fields", field);
  }
  return check_header_text(value, field);
}

base::Status check_attachment(const Attachment& attachment, std::size_t index) {
  const std::string field = "attachments[" + std::to_string(index) + "]";
  if (attachment.filename.empty()) {
    return base::fail(base::ErrorCode::required_missing, "an attachment needs a file name", field + ".filename");
  }
  KULANZ_TRY_STATUS(check_header_text(attachment.filename, field + ".filename"));
  if (!attachment.content_type.empty()) {
    const auto slash = attachment.content_type.find('/');
    const std::string_view type(attachment.content_type);
    if (slash == std::string::npos || !is_token(type.substr(0, slash)) || !is_token(type.substr(slash + 1))) {
      return invalid("expected a media type such as application/pdf (no parameters)", field + ".content_type");
    }
  }
  return {};
}

base::Status check_message(const EmailMessage& m) {
  KULANZ_TRY_STATUS(check_mailbox(m.from, "from"));
  KULANZ_TRY_STATUS(check_mailbox(m.to, "to"));
  if (m.reply_to) KULANZ_TRY_STATUS(check_mailbox(*m.reply_to, "reply_to"));
  if (m.subject.empty()) return base::fail(base::ErrorCode::required_missing, "a subject is required", "subject");
  KULANZ_TRY_STATUS(check_header_text(m.subject, "subject"));
  KULANZ_TRY_STATUS(check_message_id(m.message_id));
  if (m.date_unix < 0 || m.date_unix > kLastSecondOf9999) {
    return invalid("the date must lie between 1970 and 9999", "date_unix");
  }
  if (m.text.empty()) {
    return base::fail(base::ErrorCode::required_missing, "the plain-text part is required", "text");
  }
  if (!base::is_valid_utf8(m.text)) return invalid("the text is not valid UTF-8", "text");
  if (!base::is_valid_utf8(m.html)) return invalid("the HTML is not valid UTF-8", "html");
  if (!m.list_unsubscribe_url.empty()) KULANZ_TRY_STATUS(check_unsubscribe_url(m.list_unsubscribe_url));
  for (std::size_t i = 0; i < m.extra_headers.size(); ++i) KULANZ_TRY_STATUS(check_extra_header(m.extra_headers[i], i));
  for (std::size_t i = 0; i < m.attachments.size(); ++i) KULANZ_TRY_STATUS(check_attachment(m.attachments[i], i));
  return {};
}

// 64-bit FNV-1a of the Message-ID as 16 hex digits: boundaries that depend only on the
// message. They start with "=_", which neither quoted-printable nor base64 can produce at
// the start of a line, so they never occur in an encoded part.
std::string boundary_suffix(std::string_view message_id) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (char c : message_id) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = kHex[hash & 0x0F];
    hash >>= 4;
  }
  return out;
}

// A MIME entity: its header lines (each ending with CRLF) and its body (no final CRLF).
struct Entity {
  std::string headers;
  std::string body;
};

std::string serialize(const Entity& entity) { return entity.headers + "\r\n" + entity.body; }

Entity text_part(std::string_view subtype, std::string_view text) {
  Entity part;
  part.headers = fold_header("Content-Type", {"text/" + std::string(subtype) + ";", "charset=utf-8"});
  part.headers += "Content-Transfer-Encoding: quoted-printable\r\n";
  part.body = encode_quoted_printable(text);
  return part;
}

Entity attachment_part(const Attachment& attachment) {
  const std::string type = attachment.content_type.empty() ? "application/octet-stream" : attachment.content_type;
  std::vector<std::string> type_tokens{type + ";"};
  for (auto& token : parameter_tokens("name", attachment.filename)) type_tokens.push_back(std::move(token));
  std::vector<std::string> disposition_tokens{"attachment;"};
  for (auto& token : parameter_tokens("filename", attachment.filename)) disposition_tokens.push_back(std::move(token));
  Entity part;
  part.headers = fold_header("Content-Type", type_tokens);
  part.headers += "Content-Transfer-Encoding: base64\r\n";
  part.headers += fold_header("Content-Disposition", disposition_tokens);
  part.body = encode_base64_lines(attachment.bytes);
  return part;
}

Entity multipart(std::string_view subtype, const std::string& boundary, const std::vector<Entity>& parts) {
  Entity entity;
  entity.headers = fold_header("Content-Type", {"multipart/" + std::string(subtype) + ";",
                                                "boundary=\"" + boundary + "\""});
  for (const auto& part : parts) {
    entity.body += (entity.body.empty() ? "--" : "\r\n--") + boundary + "\r\n";
    entity.body += serialize(part);
  }
  entity.body += "\r\n--" + boundary + "--";
  return entity;
}

std::string list_unsubscribe_header(const std::string& https_url, const std::string& mailto) {
  std::vector<std::string> entries;
  if (!https_url.empty()) entries.push_back("<" + https_url + ">");
  if (!mailto.empty()) entries.push_back("<" + mailto + ">");
  for (std::size_t i = 0; i + 1 < entries.size(); ++i) entries[i] += ',';
  std::string out = fold_header("List-Unsubscribe", entries);
  if (!https_url.empty()) out += "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n";
  return out;
}

}  // namespace

base::Result<std::string> compose_mime(const EmailMessage& message) {
  KULANZ_TRY_STATUS(check_message(message));
  std::string mailto;
  if (!message.list_unsubscribe_mailto.empty()) {
    KULANZ_TRY(uri, unsubscribe_mailto(message.list_unsubscribe_mailto));
    mailto = std::move(uri);
  }

  std::string out;
  out += "Date: " + rfc5322_date(message.date_unix) + "\r\n";
  out += mailbox_header("From", message.from.name, message.from.address);
  out += mailbox_header("To", message.to.name, message.to.address);
  if (message.reply_to) out += mailbox_header("Reply-To", message.reply_to->name, message.reply_to->address);
  out += unstructured_header("Subject", message.subject);
  out += "Message-ID: " + message.message_id + "\r\n";
  if (!message.list_unsubscribe_url.empty() || !mailto.empty()) {
    out += list_unsubscribe_header(message.list_unsubscribe_url, mailto);
  }
  for (const auto& [name, value] : message.extra_headers) out += unstructured_header(name, value);
  out += "MIME-Version: 1.0\r\n";

  const std::string suffix = boundary_suffix(message.message_id);
  Entity content = message.html.empty()
                       ? text_part("plain", message.text)
                       : multipart("alternative", "=_kulanz_alt_" + suffix,
                                   {text_part("plain", message.text), text_part("html", message.html)});
  if (!message.attachments.empty()) {
    std::vector<Entity> parts{std::move(content)};
    for (const auto& attachment : message.attachments) parts.push_back(attachment_part(attachment));
    content = multipart("mixed", "=_kulanz_mixed_" + suffix, parts);
  }
  out += serialize(content);
  out += "\r\n";
  return out;
}

}  // namespace kulanz::channels
