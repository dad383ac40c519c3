#pragma once
// SEPA Core direct debits as an ISO 20022 pain.008.001.02 message (CustomerDirectDebitInitiationV02)
// as German banks take it (the DK's rules for pain.008.001.02): local instrument CORE,
// service level SEPA, charges SLEV, the creditor identifier under CdtrSchmeId (Prtry
// "SEPA"), one payment-information block per collection day and sequence type, the SEPA
// Latin character set. Data in, XML bytes out; docs/PAYMENTS.md "Direct debits to the bank".
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "calendar/date.hpp"

namespace kulanz::documents {

// OOFF: a one-off debit (a single mandate); FRST: the first debit under a recurring mandate;
// RCUR: a later one. FNAL is never written (a recurring mandate simply ends).
enum class SequenceType { ooff, frst, rcur };
std::string_view to_string(SequenceType);  // "OOFF", "FRST", "RCUR"

struct DirectDebit {
  std::string end_to_end_id;          // unique in the message: SEPA identifier characters, 1..35
  std::int64_t amount_minor = 0;      // euro cents, 1 .. 99999999999 (0.01 .. 999999999.99 EUR)
  std::string mandate_reference;      // MndtId: 1..35 SEPA characters without spaces
  calendar::Date mandate_signed_on;   // DtOfSgntr
  SequenceType sequence = SequenceType::ooff;
  calendar::Date collection_on;       // ReqdColltnDt: the payment-information block it goes into
  std::string debtor_name;            // UTF-8; transliterated, then cut to 70 characters
  std::string debtor_iban;            // as stored or typed (spaces allowed); checked by ISO 13616
  std::string debtor_bic;             // optional: empty writes "NOTPROVIDED" (IBAN only, EEA accounts)
  std::string remittance;             // optional unstructured text; transliterated, then cut to 140
};

struct DirectDebitFile {
  std::string message_id;             // MsgId: SEPA identifier characters, 1..35, and PmtInfId = MsgId + "-P" + n must fit 35
  std::int64_t created_unix = 0;      // CreDtTm, written as UTC (YYYY-MM-DDThh:mm:ssZ)
  std::string initiating_party;       // InitgPty/Nm; empty: the creditor's name
  std::string creditor_name;          // Cdtr/Nm, transliterated, cut to 70
  std::string creditor_iban;
  std::string creditor_bic;           // optional: empty writes "NOTPROVIDED"
  std::string creditor_identifier;    // SEPA creditor identifier, e.g. DE98ZZZ09999999999 (spaces allowed)
  std::vector<DirectDebit> debits;    // at least one
};

struct DirectDebitMessage {
  std::string xml;                    // UTF-8, LF line ends, two-space indentation
  int transactions = 0;               // NbOfTxs of the group header
  std::int64_t total_minor = 0;       // CtrlSum of the group header in cents
  int payment_infos = 0;              // number of PmtInf blocks
};

// The pain.008.001.02 document. Payment-information blocks are ordered by collection day,
// then OOFF, FRST, RCUR; debits keep their order within a block; each block carries its own
// NbOfTxs and CtrlSum, the group header those of the whole message. Amounts are written
// from integer cents with a point and two decimals.
//
// Errors are direct_debit_invalid with the field named and, for a debit, its mandate in
// `location` ("mandate M-10001-1"): an identifier that is empty, too long or has characters
// outside A-Z a-z 0-9 / - ? : ( ) . , ' + space (or starts or ends with '/' or holds "//"),
// a duplicated end-to-end id, an amount outside 0.01 .. 999999999.99, a total beyond 18
// digits, an invalid IBAN or BIC, an account outside the SEPA area, a missing BIC for an
// account outside the EEA, an invalid creditor identifier (ISO 7064 check digits), a text
// that is empty or has a character without a SEPA form (sepa_text), no debits at all.
base::Result<DirectDebitMessage> write_pain008(const DirectDebitFile& file);

// Text in the SEPA Latin character set (A-Z a-z 0-9 / - ? : ( ) . , ' + space):
// umlauts and ß become ae, oe, ue, Ae, Oe, Ue, ss; other Latin letters with accents lose
// them (é e, ç c, ł l, ø o, æ ae, œ oe, ĳ ij, þ th); & becomes +; " ` ´ ‘ ’ ‚ “ ” „ become ';
// ; becomes ,; ! becomes .; _ – — become -; [ { < become (; ] } > become ); \ | become /;
// @ # $ % * = ^ ~ · become .; € becomes EUR; … becomes ...; tabs, line breaks and no-break
// spaces become spaces; soft hyphens are dropped; runs of spaces become one; the result is
// trimmed. Invalid UTF-8 or any other character (Cyrillic, CJK, emoji, control characters)
// is an error (direct_debit_invalid, field `field`) naming the character; so is a text that
// is empty after this.
base::Result<std::string> sepa_text(std::string_view utf8, std::string_view field);

}  // namespace kulanz::documents
