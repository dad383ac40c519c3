#pragma once
// The payload of an EPC QR code ("GiroCode", EPC069-12 version 002): a SEPA credit
// transfer in euro that a banking app reads from the printed code.
#include <cstdint>
#include <string>

#include "base/result.hpp"

namespace kulanz::documents {

struct CreditTransfer {
  std::string bic;            // optional in version 002 (empty: line left empty)
  std::string name;           // beneficiary, required, at most 70 characters
  std::string iban;           // beneficiary account, required
  std::int64_t amount_minor = 0;  // euro cents, 1 .. 99999999999 (0.01 .. 999999999.99 EUR)
  std::string purpose;        // optional SEPA purpose code: 4 capital letters such as GDDS
  std::string reference;      // structured ISO 11649 RF reference, or empty
  std::string text;           // unstructured remittance text, only when reference is empty; at most 140
  std::string information;    // beneficiary-to-originator information, at most 70 characters
};

inline constexpr std::int64_t epc_max_amount_minor = 99'999'999'999;
inline constexpr std::size_t epc_max_name_chars = 70;
inline constexpr std::size_t epc_max_reference_chars = 35;
inline constexpr std::size_t epc_max_text_chars = 140;
inline constexpr std::size_t epc_max_information_chars = 70;
inline constexpr std::size_t epc_max_payload_bytes = 331;

// The payload lines, joined by "\n" (LF), without a line break after the last line:
//   BCD / 002 / 1 (UTF-8) / SCT / BIC / name / IBAN / EUR<amount> / purpose / reference /
//   text / information
// The amount is written with a point and exactly two decimals ("EUR123.45", "EUR0.01").
// Lines 1 to 8 are always written; the optional lines 9 to 12 are written up to the last
// one that is not empty (trailing empty lines are left out, as the standard allows), so a
// payload has 8 to 12 lines. IBAN and BIC are written in their normalized electronic form
// (normalize_iban, normalize_bic), the reference as normalize_rf gives it.
// Character limits count Unicode code points; texts must be valid UTF-8 without line breaks
// or other control characters; the whole payload is at most 331 bytes (the capacity of
// QR version 13 at error-correction level M).
// Errors: iban_invalid (field "iban"), bic_invalid ("bic"), reference_invalid
// ("reference": not a valid RF reference), giro_code_invalid for everything else, with the
// field named ("name", "amount_minor", "purpose", "reference", "text", "information", "payload").
base::Result<std::string> epc_payload(const CreditTransfer& transfer);

}  // namespace kulanz::documents
