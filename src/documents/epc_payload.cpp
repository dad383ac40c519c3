#include "documents/epc_payload.hpp"

#include <string_view>
#include <vector>

#include "base/text.hpp"
#include "documents/bic.hpp"
#include "documents/creditor_reference.hpp"
#include "documents/iban.hpp"

namespace kulanz::documents {

namespace {

base::Unexpected<base::Error> giro_error(std::string detail, std::string field) {
  return base::fail(base::ErrorCode::giro_code_invalid, std::move(detail), std::move(field));
}

// Checks one free-text field: valid UTF-8, no control characters (a line break would shift
// every following line of the payload), at most `max_chars` code points.
base::Status check_text(std::string_view value, std::string_view field, std::size_t max_chars) {
  const std::string name(field);
  if (!base::is_valid_utf8(value)) {
    return giro_error("the " + name + " is not valid UTF-8 text: convert it to UTF-8", name);
  }
  for (char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) {
      return giro_error("the " + name + " contains a line break or another control character: write it on one line",
                        name);
    }
  }
  const std::size_t chars = base::utf8_length(value);
  if (chars > max_chars) {
    return giro_error("the " + name + " has " + std::to_string(chars) + " characters, a GiroCode allows at most " +
                          std::to_string(max_chars) + ": shorten it",
                      name);
  }
  return {};
}

std::string epc_amount(std::int64_t minor) {
  const std::int64_t cents = minor % 100;
  return "EUR" + std::to_string(minor / 100) + "." + static_cast<char>('0' + cents / 10) +
         static_cast<char>('0' + cents % 10);
}

bool is_purpose_code(std::string_view purpose) {
  if (purpose.size() != 4) return false;
  for (char c : purpose) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

}  // namespace

base::Result<std::string> epc_payload(const CreditTransfer& transfer) {
  std::string bic;
  if (!transfer.bic.empty()) {
    KULANZ_TRY(normalized_bic, normalize_bic(transfer.bic));
    bic = std::move(normalized_bic);
  }
  if (base::trim(transfer.name).empty()) {
    return giro_error("the beneficiary name is empty: give the account holder's name", "name");
  }
  KULANZ_TRY_STATUS(check_text(transfer.name, "name", epc_max_name_chars));
  KULANZ_TRY(iban, normalize_iban(transfer.iban));
  if (transfer.amount_minor < 1 || transfer.amount_minor > epc_max_amount_minor) {
    return giro_error("the amount of " + std::to_string(transfer.amount_minor) +
                          " cents is outside what a GiroCode carries (0.01 to 999999999.99 EUR)",
                      "amount_minor");
  }
  if (!transfer.purpose.empty() && !is_purpose_code(transfer.purpose)) {
    return giro_error("the purpose code '" + transfer.purpose + "' is not 4 capital letters such as GDDS or SUPP",
                      "purpose");
  }
  std::string reference;
  if (!transfer.reference.empty()) {
    if (!transfer.text.empty()) {
      return giro_error("a GiroCode carries either a structured reference or a remittance text, not both: "
                        "leave the text empty or the reference",
                        "text");
    }
    KULANZ_TRY_STATUS(check_text(transfer.reference, "reference", epc_max_reference_chars));
    KULANZ_TRY(rf, normalize_rf(transfer.reference));
    reference = std::move(rf);
  }
  KULANZ_TRY_STATUS(check_text(transfer.text, "text", epc_max_text_chars));
  KULANZ_TRY_STATUS(check_text(transfer.information, "information", epc_max_information_chars));

  std::vector<std::string_view> lines{"BCD", "002", "1", "SCT"};
  const std::string amount = epc_amount(transfer.amount_minor);
  lines.insert(lines.end(), {bic, transfer.name, iban, amount, transfer.purpose, reference, transfer.text,
                             transfer.information});
  std::size_t used = lines.size();
  while (used > 8 && lines[used - 1].empty()) --used;

  std::string payload;
  for (std::size_t i = 0; i < used; ++i) {
    if (i > 0) payload.push_back('\n');
    payload.append(lines[i]);
  }
  if (payload.size() > epc_max_payload_bytes) {
    return giro_error("the GiroCode would have " + std::to_string(payload.size()) +
                          " bytes, at most 331 fit: shorten the text, the information or the name",
                      "payload");
  }
  return payload;
}

}  // namespace kulanz::documents
