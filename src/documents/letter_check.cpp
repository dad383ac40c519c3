#include "documents/letter_check.hpp"

#include <string_view>

#include "base/text.hpp"
#include "documents/din5008.hpp"

namespace kulanz::documents::detail {

namespace {

constexpr std::size_t kMaxLetterheadLines = 8;
constexpr std::size_t kMaxInfoPairs = 12;
constexpr std::size_t kMaxFooterColumns = 4;
constexpr std::size_t kMaxFooterLines = 6;
constexpr std::size_t kMaxTableColumns = 8;

base::Unexpected<base::Error> bad(std::string field, std::string detail) {
  return base::fail(base::ErrorCode::invalid_argument, std::move(detail), std::move(field));
}

std::string indexed(std::string_view name, std::size_t i) {
  return std::string(name) + "[" + std::to_string(i) + "]";
}

// Text shown in a paragraph: valid UTF-8, no control characters except line breaks.
base::Status check_text(std::string_view text, const std::string& field) {
  if (!base::is_valid_utf8(text)) return bad(field, "the text of " + field + " is not valid UTF-8: convert it to UTF-8");
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\n') || byte == 0x7F) {
      return bad(field, "the text of " + field + " contains a control character: remove it");
    }
  }
  return {};
}

// Text shown on one line: as check_text, and without line breaks.
base::Status check_line(std::string_view text, const std::string& field) {
  KULANZ_TRY_STATUS(check_text(text, field));
  if (text.find('\n') != std::string_view::npos) {
    return bad(field, field + " is printed on one line and must not contain a line break: split it into lines");
  }
  return {};
}

base::Status check_lines(const std::vector<std::string>& lines, std::string_view name) {
  for (std::size_t i = 0; i < lines.size(); ++i) KULANZ_TRY_STATUS(check_line(lines[i], indexed(name, i)));
  return {};
}

base::Status check_paragraphs(const std::vector<std::string>& paragraphs, std::string_view name) {
  for (std::size_t i = 0; i < paragraphs.size(); ++i) KULANZ_TRY_STATUS(check_text(paragraphs[i], indexed(name, i)));
  return {};
}

base::Status check_pairs(const std::vector<LabelValue>& pairs, std::string_view name) {
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    KULANZ_TRY_STATUS(check_line(pairs[i].label, indexed(name, i) + ".label"));
    KULANZ_TRY_STATUS(check_line(pairs[i].value, indexed(name, i) + ".value"));
  }
  return {};
}

base::Status check_letterhead(const Letterhead& head) {
  KULANZ_TRY_STATUS(check_line(head.name, "creditor.name"));
  KULANZ_TRY_STATUS(check_lines(head.address_lines, "creditor.address_lines"));
  KULANZ_TRY_STATUS(check_lines(head.contact_lines, "creditor.contact_lines"));
  if (head.address_lines.size() + head.contact_lines.size() > kMaxLetterheadLines) {
    return bad("creditor.contact_lines", "the letterhead has room for 8 address and contact lines, " +
                                             std::to_string(head.address_lines.size() + head.contact_lines.size()) +
                                             " were given: move some to the footer");
  }
  return {};
}

base::Status check_address(const Letter& letter) {
  KULANZ_TRY_STATUS(check_line(letter.return_address, "return_address"));
  const std::size_t n = letter.recipient_lines.size();
  if (n == 0) return bad("recipient_lines", "the letter has no recipient: give 1 to 6 address lines");
  if (n > static_cast<std::size_t>(din5008::recipient_max_lines)) {
    return bad("recipient_lines", "the recipient zone of the address field holds 6 lines, " + std::to_string(n) +
                                      " were given: combine lines (DIN 5008)");
  }
  return check_lines(letter.recipient_lines, "recipient_lines");
}

base::Status check_table(const ItemsTable& table) {
  if (table.columns.empty()) {
    if (!table.rows.empty() || !table.summary.empty()) {
      return bad("items.columns", "the items table has rows but no columns: give the column headers");
    }
    return {};
  }
  if (table.columns.size() > kMaxTableColumns) {
    return bad("items.columns", "the items table has " + std::to_string(table.columns.size()) +
                                    " columns, at most 8 fit across the page");
  }
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    const std::string field = indexed("items.columns", c);
    KULANZ_TRY_STATUS(check_line(table.columns[c].header, field + ".header"));
    if (table.columns[c].width_weight < 1 || table.columns[c].width_weight > 100) {
      return bad(field + ".width_weight", "a column's width weight must be between 1 and 100");
    }
  }
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const std::string field = indexed("items.rows", r);
    if (table.rows[r].size() != table.columns.size()) {
      return bad(field, "row " + std::to_string(r) + " has " + std::to_string(table.rows[r].size()) +
                            " cells but the table has " + std::to_string(table.columns.size()) +
                            " columns: give one text per column (empty text for an empty cell)");
    }
    KULANZ_TRY_STATUS(check_paragraphs(table.rows[r], field));
  }
  if (!table.summary.empty() && table.columns.size() < 2) {
    return bad("items.summary", "summary rows need a table of at least two columns (label and amount)");
  }
  for (std::size_t i = 0; i < table.summary.size(); ++i) {
    KULANZ_TRY_STATUS(check_line(table.summary[i].label, indexed("items.summary", i) + ".label"));
    KULANZ_TRY_STATUS(check_line(table.summary[i].value, indexed("items.summary", i) + ".value"));
  }
  return {};
}

base::Status check_payment(const std::optional<PaymentBox>& payment) {
  if (!payment) return {};
  if (payment->title.empty() && payment->lines.empty() && payment->epc_payload.empty()) {
    return bad("payment", "the payment box is empty: give its lines (account holder, IBAN, amount) or leave it out");
  }
  KULANZ_TRY_STATUS(check_line(payment->title, "payment.title"));
  KULANZ_TRY_STATUS(check_pairs(payment->lines, "payment.lines"));
  KULANZ_TRY_STATUS(check_text(payment->qr_caption, "payment.qr_caption"));
  return {};
}

bool digits_at(std::string_view s, std::size_t from, std::size_t count) {
  if (s.size() < from + count) return false;
  for (std::size_t i = from; i < from + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

// YYYY-MM-DD, optionally Thh:mm:ss, optionally Z or +hh:mm / -hh:mm.
bool is_iso_timestamp(std::string_view s) {
  if (!digits_at(s, 0, 4) || s.size() < 10 || s[4] != '-' || !digits_at(s, 5, 2) || s[7] != '-' ||
      !digits_at(s, 8, 2)) {
    return false;
  }
  std::string_view rest = s.substr(10);
  if (rest.empty()) return true;
  if (rest.size() < 9 || rest[0] != 'T' || !digits_at(rest, 1, 2) || rest[3] != ':' || !digits_at(rest, 4, 2) ||
      rest[6] != ':' || !digits_at(rest, 7, 2)) {
    return false;
  }
  rest = rest.substr(9);
  if (rest.empty() || rest == "Z") return true;
  return rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && digits_at(rest, 1, 2) && rest[3] == ':' &&
         digits_at(rest, 4, 2);
}

}  // namespace

base::Status check_letter(const Letter& letter) {
  KULANZ_TRY_STATUS(check_letterhead(letter.creditor));
  KULANZ_TRY_STATUS(check_address(letter));
  if (letter.info.size() > kMaxInfoPairs) {
    return bad("info", "the info block has room for 12 label/value pairs, " + std::to_string(letter.info.size()) +
                           " were given");
  }
  KULANZ_TRY_STATUS(check_pairs(letter.info, "info"));
  KULANZ_TRY_STATUS(check_line(letter.subject, "subject"));
  KULANZ_TRY_STATUS(check_line(letter.salutation, "salutation"));
  KULANZ_TRY_STATUS(check_paragraphs(letter.body, "body"));
  KULANZ_TRY_STATUS(check_table(letter.items));
  KULANZ_TRY_STATUS(check_paragraphs(letter.after_table, "after_table"));
  KULANZ_TRY_STATUS(check_lines(letter.closing_lines, "closing_lines"));
  KULANZ_TRY_STATUS(check_line(letter.portal_link, "portal_link"));
  KULANZ_TRY_STATUS(check_line(letter.portal_url, "portal_url"));
  if (!letter.portal_url.empty() && letter.portal_link.empty()) {
    return bad("portal_link", "a portal URL needs a portal line to carry the link: give portal_link");
  }
  KULANZ_TRY_STATUS(check_payment(letter.payment));
  if (letter.footer_columns.size() > kMaxFooterColumns) {
    return bad("footer_columns", "the footer has room for 4 columns, " +
                                     std::to_string(letter.footer_columns.size()) + " were given");
  }
  for (std::size_t i = 0; i < letter.footer_columns.size(); ++i) {
    KULANZ_TRY_STATUS(check_lines(letter.footer_columns[i], indexed("footer_columns", i)));
    if (letter.footer_columns[i].size() > kMaxFooterLines) {
      return bad(indexed("footer_columns", i), "a footer column has room for 6 lines, " +
                                                   std::to_string(letter.footer_columns[i].size()) + " were given");
    }
  }
  KULANZ_TRY_STATUS(check_line(letter.page_label_format, "page_label_format"));
  if (letter.page_label_format.find("{page}") == std::string::npos) {
    return bad("page_label_format", "the page label must contain {page} (and may contain {pages}), "
                                    "for example \"Seite {page} von {pages}\"");
  }
  KULANZ_TRY_STATUS(check_line(letter.pdf_title, "pdf_title"));
  if (!letter.pdf_creation_date.empty() && !is_iso_timestamp(letter.pdf_creation_date)) {
    return bad("pdf_creation_date", "'" + letter.pdf_creation_date +
                                        "' is not an ISO 8601 date such as 2026-03-01 or 2026-03-01T09:30:00Z");
  }
  return {};
}

}  // namespace kulanz::documents::detail
