#include "documents/direct_debit.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <map>
#include <set>
#include <utility>

#include "base/text.hpp"
#include "documents/bic.hpp"
#include "documents/check_digits.hpp"
#include "documents/iban.hpp"
#include "money/money.hpp"

namespace kulanz::documents {

namespace {

using base::ErrorCode;

constexpr std::int64_t kMaxAmountMinor = 99'999'999'999;  // 999999999.99 EUR (EPC rulebook)
constexpr std::size_t kMaxName = 70;
constexpr std::size_t kMaxRemittance = 140;
constexpr std::size_t kMaxId = 35;

base::Unexpected<base::Error> invalid(std::string field, std::string detail, std::string location = {}) {
  base::Error e(ErrorCode::direct_debit_invalid, std::move(detail), std::move(field));
  e.location = std::move(location);
  return base::fail(std::move(e));
}

bool sepa_char(char c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '/': case '-': case '?': case ':': case '(': case ')': case '.': case ',': case '\'': case '+': case ' ':
      return true;
    default:
      return false;
  }
}

// Latin-1 Supplement and Latin Extended-A letters, U+00C0 .. U+017F.
constexpr std::array<const char*, 0x180 - 0xC0> kLatinLetters = {
    // U+00C0
    "A", "A", "A", "A", "Ae", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",
    // U+00D0 (U+00D7 multiplication sign)
    "D", "N", "O", "O", "O", "O", "Oe", "x", "O", "U", "U", "U", "Ue", "Y", "TH", "ss",
    // U+00E0
    "a", "a", "a", "a", "ae", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    // U+00F0 (U+00F7 division sign)
    "d", "n", "o", "o", "o", "o", "oe", "/", "o", "u", "u", "u", "ue", "y", "th", "y",
    // U+0100
    "A", "a", "A", "a", "A", "a", "C", "c", "C", "c", "C", "c", "C", "c", "D", "d",
    // U+0110
    "D", "d", "E", "e", "E", "e", "E", "e", "E", "e", "E", "e", "G", "g", "G", "g",
    // U+0120
    "G", "g", "G", "g", "H", "h", "H", "h", "I", "i", "I", "i", "I", "i", "I", "i",
    // U+0130
    "I", "i", "IJ", "ij", "J", "j", "K", "k", "k", "L", "l", "L", "l", "L", "l", "L",
    // U+0140
    "l", "L", "l", "N", "n", "N", "n", "N", "n", "n", "N", "n", "O", "o", "O", "o",
    // U+0150
    "O", "o", "OE", "oe", "R", "r", "R", "r", "R", "r", "S", "s", "S", "s", "S", "s",
    // U+0160
    "S", "s", "T", "t", "T", "t", "T", "t", "U", "u", "U", "u", "U", "u", "U", "u",
    // U+0170
    "U", "u", "U", "u", "W", "w", "Y", "y", "Y", "Z", "z", "Z", "z", "Z", "z", "s",
};

// The SEPA form of one code point; nullptr when it has none.
const char* transliterate(char32_t cp, char (&ascii)[2]) {
  if (cp < 0x80) {
    const char c = static_cast<char>(cp);
    if (sepa_char(c)) {
      ascii[0] = c;
      ascii[1] = '\0';
      return ascii;
    }
    switch (c) {
      case '\t': case '\n': case '\r': return " ";
      case '&': return "+";
      case '"': case '`': return "'";
      case ';': return ",";
      case '!': return ".";
      case '_': return "-";
      case '[': case '{': case '<': return "(";
      case ']': case '}': case '>': return ")";
      case '\\': case '|': return "/";
      case '@': case '#': case '$': case '%': case '*': case '=': case '^': case '~': return ".";
      default: return nullptr;  // other control characters
    }
  }
  if (cp >= 0xC0 && cp < 0x180) return kLatinLetters[cp - 0xC0];
  switch (cp) {
    case 0x00A0: return " ";    // no-break space
    case 0x00AD: return "";     // soft hyphen
    case 0x00B4: return "'";    // acute accent
    case 0x00B7: return ".";    // middle dot
    case 0x1E9E: return "SS";   // capital sharp s
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2212: return "-";
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x201C: case 0x201D: case 0x201E: return "'";
    case 0x2026: return "...";
    case 0x202F: case 0x2007: case 0x2009: return " ";
    case 0x20AC: return "EUR";
    default: return nullptr;
  }
}

// Decodes one UTF-8 sequence at s[i] (the text was checked to be valid UTF-8).
char32_t decode(std::string_view s, std::size_t& i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  if (c < 0x80) return s[i++];
  if ((c & 0xE0) == 0xC0) {
    char32_t cp = ((c & 0x1Fu) << 6) | (b(i + 1) & 0x3Fu);
    i += 2;
    return cp;
  }
  if ((c & 0xF0) == 0xE0) {
    char32_t cp = ((c & 0x0Fu) << 12) | ((b(i + 1) & 0x3Fu) << 6) | (b(i + 2) & 0x3Fu);
    i += 3;
    return cp;
  }
  char32_t cp = ((c & 0x07u) << 18) | ((b(i + 1) & 0x3Fu) << 12) | ((b(i + 2) & 0x3Fu) << 6) | (b(i + 3) & 0x3Fu);
  i += 4;
  return cp;
}

std::string code_point_name(char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
  return buf;
}

// `text` cut to `max` characters (all ASCII by now), without a trailing space.
std::string cut(std::string text, std::size_t max) {
  if (text.size() > max) text.resize(max);
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

// Characters of a message, payment or end-to-end identifier (1..35, no leading or trailing
// '/', no "//"); spaces are allowed except in `no_spaces` identifiers (mandate references).
base::Status check_identifier(std::string_view id, const std::string& field, const std::string& location,
                              bool no_spaces = false) {
  if (id.empty()) return invalid(field, "is empty", location);
  if (id.size() > kMaxId) {
    return invalid(field, "'" + std::string(id) + "' has " + std::to_string(id.size()) + " characters, at most 35 are allowed",
                   location);
  }
  for (std::size_t k = 0; k < id.size(); ++k) {
    const char c = id[k];
    if (!sepa_char(c) || (no_spaces && c == ' ')) {
      const unsigned char u = static_cast<unsigned char>(c);
      const std::string what = u >= 0x80 ? "a non-ASCII character" : c == ' ' ? "a space" : "'" + std::string(1, c) + "'";
      return invalid(field, "'" + std::string(id) + "' has " + what + " at position " + std::to_string(k + 1) +
                                "; allowed are A-Z a-z 0-9 / - ? : ( ) . , ' +" + (no_spaces ? "" : " and space"),
                     location);
    }
  }
  if (id.front() == '/' || id.back() == '/' || id.find("//") != std::string_view::npos) {
    return invalid(field, "'" + std::string(id) + "' must not start or end with '/' nor contain '//'", location);
  }
  return {};
}

// CC kk BBB national-id: kk are ISO 7064 MOD 97-10 over the national id, the country and "00";
// the business code BBB does not count.
base::Result<std::string> creditor_identifier(std::string_view text) {
  std::string ci;
  for (char c : text) {
    if (c == ' ') continue;
    ci += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  const std::string field = "creditor_identifier";
  if (ci.empty()) return invalid(field, "is empty: the SEPA creditor identifier is needed for direct debits");
  if (ci.size() < 8 || ci.size() > kMaxId) {
    return invalid(field, "'" + ci + "' has " + std::to_string(ci.size()) + " characters; a creditor identifier has 8 to 35");
  }
  if (!detail::is_upper_letter(ci[0]) || !detail::is_upper_letter(ci[1]) || !detail::is_digit(ci[2]) ||
      !detail::is_digit(ci[3])) {
    return invalid(field, "'" + ci + "' must start with a country code and two check digits, such as DE98ZZZ09999999999");
  }
  for (char c : ci.substr(4)) {
    if (!detail::is_upper_alnum(c)) {
      return invalid(field, "'" + ci + "' may hold only letters and digits after the check digits");
    }
  }
  const std::string national = ci.substr(7) + ci.substr(0, 2) + "00";
  const int check = 98 - detail::mod97(national);
  if (check != (ci[2] - '0') * 10 + (ci[3] - '0')) {
    return invalid(field, "'" + ci + "': the check digits do not match (ISO 7064 MOD 97-10); copy it from the Bundesbank's letter");
  }
  return ci;
}

bool in(std::string_view country, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), country) != list.end();
}

// EEA accounts may be debited by IBAN alone; the other SEPA countries need the BIC.
bool eea_country(std::string_view cc) {
  return in(cc, {"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IS", "IT",
                 "LI", "LT", "LU", "LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK"});
}
bool other_sepa_country(std::string_view cc) {
  return in(cc, {"AD", "AL", "CH", "GB", "GI", "MC", "MD", "ME", "MK", "SM", "VA"});
}

struct Account {
  std::string iban;
  std::string bic;  // empty: not provided
};

base::Result<Account> account(std::string_view iban_text, std::string_view bic_text, const std::string& who,
                              const std::string& location) {
  auto iban = normalize_iban(iban_text);
  if (!iban) return invalid(who + "_iban", iban.error().detail, location);
  const std::string cc = iban->substr(0, 2);
  if (!eea_country(cc) && !other_sepa_country(cc)) {
    return invalid(who + "_iban", "'" + *iban + "' is an account in " + cc + ", outside the SEPA area", location);
  }
  Account a{*iban, ""};
  if (!base::trim(bic_text).empty()) {
    auto bic = normalize_bic(bic_text);
    if (!bic) return invalid(who + "_bic", bic.error().detail, location);
    a.bic = *bic;
  } else if (!eea_country(cc)) {
    return invalid(who + "_bic", "an account in " + cc + " (outside the EEA) needs the bank's BIC", location);
  }
  return a;
}

std::string iso_date_time(std::int64_t unix_seconds) {
  const auto date = calendar::Date::from_unix_utc(unix_seconds);
  std::int64_t secs = unix_seconds % 86400;
  if (secs < 0) secs += 86400;
  char buf[16];
  std::snprintf(buf, sizeof buf, "T%02d:%02d:%02dZ", static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                static_cast<int>(secs % 60));
  return date.iso() + buf;
}

// Element text: the SEPA character set has no markup characters; escaping is for safety.
std::string esc(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out += c;
    }
  }
  return out;
}

class Xml {
 public:
  explicit Xml(int depth) : depth_(depth) {}
  void open(std::string_view name) {
    indent();
    out_ += "<" + std::string(name) + ">\n";
    ++depth_;
  }
  void close(std::string_view name) {
    --depth_;
    indent();
    out_ += "</" + std::string(name) + ">\n";
  }
  void leaf(std::string_view name, std::string_view text) {
    indent();
    out_ += "<" + std::string(name) + ">" + esc(text) + "</" + std::string(name) + ">\n";
  }
  void amount(std::string_view name, std::int64_t minor) {
    indent();
    out_ += "<" + std::string(name) + " Ccy=\"EUR\">" + money::format_decimal(minor, 2) + "</" + std::string(name) + ">\n";
  }
  std::string take() { return std::move(out_); }

 private:
  void indent() { out_.append(static_cast<std::size_t>(depth_) * 2, ' '); }
  std::string out_;
  int depth_ = 0;
};

void agent(Xml& x, std::string_view element, const std::string& bic) {
  x.open(element);
  x.open("FinInstnId");
  if (!bic.empty()) {
    x.leaf("BIC", bic);
  } else {
    x.open("Othr");
    x.leaf("Id", "NOTPROVIDED");
    x.close("Othr");
  }
  x.close("FinInstnId");
  x.close(element);
}

void iban_account(Xml& x, std::string_view element, const std::string& iban) {
  x.open(element);
  x.open("Id");
  x.leaf("IBAN", iban);
  x.close("Id");
  x.close(element);
}

struct Debit {
  const DirectDebit* in = nullptr;
  std::string location;
  std::string debtor_name;
  Account debtor;
  std::string remittance;
};

int sequence_rank(SequenceType t) { return static_cast<int>(t); }

}  // namespace

std::string_view to_string(SequenceType t) {
  switch (t) {
    case SequenceType::ooff: return "OOFF";
    case SequenceType::frst: return "FRST";
    case SequenceType::rcur: return "RCUR";
  }
  return "OOFF";
}

base::Result<std::string> sepa_text(std::string_view utf8, std::string_view field) {
  const std::string f(field);
  if (!base::is_valid_utf8(utf8)) return invalid(f, "is not valid UTF-8");
  std::string out;
  std::size_t i = 0;
  while (i < utf8.size()) {
    const std::size_t at = i;
    const char32_t cp = decode(utf8, i);
    char ascii[2];
    const char* s = transliterate(cp, ascii);
    if (s == nullptr) {
      return invalid(f, "'" + std::string(utf8) + "' has the character " + code_point_name(cp) +
                            (cp >= 0x80 ? " '" + std::string(utf8.substr(at, i - at)) + "'" : std::string()) +
                            " at byte " + std::to_string(at + 1) +
                            ", which has no form in the SEPA character set (Latin letters, digits, / - ? : ( ) . , ' + space)");
    }
    for (const char* p = s; *p; ++p) {
      if (*p == ' ' && (out.empty() || out.back() == ' ')) continue;
      out += *p;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.empty()) return invalid(f, "is empty");
  return out;
}

base::Result<DirectDebitMessage> write_pain008(const DirectDebitFile& file) {
  // The file's own values.
  KULANZ_TRY_STATUS(check_identifier(file.message_id, "message_id", ""));
  if (file.debits.empty()) return invalid("debits", "there is no direct debit to write");
  KULANZ_TRY(creditor_name_full, sepa_text(file.creditor_name, "creditor_name"));
  const std::string creditor_name = cut(creditor_name_full, kMaxName);
  std::string initiating = creditor_name;
  if (!base::trim(file.initiating_party).empty()) {
    KULANZ_TRY(ip, sepa_text(file.initiating_party, "initiating_party"));
    initiating = cut(ip, kMaxName);
  }
  KULANZ_TRY(creditor, account(file.creditor_iban, file.creditor_bic, "creditor", ""));
  KULANZ_TRY(ci, creditor_identifier(file.creditor_identifier));

  // Each debit, checked and grouped by collection day and sequence type.
  std::vector<Debit> debits;
  debits.reserve(file.debits.size());
  std::set<std::string> end_to_end_ids;
  std::int64_t total = 0;
  for (std::size_t k = 0; k < file.debits.size(); ++k) {
    const DirectDebit& d = file.debits[k];
    Debit out;
    out.in = &d;
    out.location = d.mandate_reference.empty() ? "debit " + std::to_string(k + 1) : "mandate " + d.mandate_reference;
    KULANZ_TRY_STATUS(check_identifier(d.mandate_reference, "mandate_reference", out.location, true));
    KULANZ_TRY_STATUS(check_identifier(d.end_to_end_id, "end_to_end_id", out.location));
    if (!end_to_end_ids.insert(d.end_to_end_id).second) {
      return invalid("end_to_end_id", "'" + d.end_to_end_id + "' is used by another debit of the message", out.location);
    }
    if (d.amount_minor < 1 || d.amount_minor > kMaxAmountMinor) {
      return invalid("amount", money::format_decimal(d.amount_minor, 2) + " EUR is outside 0.01 .. 999999999.99 EUR",
                     out.location);
    }
    if (d.mandate_signed_on > d.collection_on) {
      return invalid("mandate_signed_on",
                     "the mandate was signed on " + d.mandate_signed_on.iso() + ", after the collection day " +
                         d.collection_on.iso(),
                     out.location);
    }
    auto name = sepa_text(d.debtor_name, "debtor_name");
    if (!name) {
      auto e = std::move(name).error();
      e.location = out.location;
      return base::fail(std::move(e));
    }
    out.debtor_name = cut(*name, kMaxName);
    KULANZ_TRY(debtor, account(d.debtor_iban, d.debtor_bic, "debtor", out.location));
    out.debtor = std::move(debtor);
    if (!base::trim(d.remittance).empty()) {
      auto text = sepa_text(d.remittance, "remittance");
      if (!text) {
        auto e = std::move(text).error();
        e.location = out.location;
        return base::fail(std::move(e));
      }
      out.remittance = cut(*text, kMaxRemittance);
    }
    total += d.amount_minor;  // below 10^18 before, at most 10^11 added: no overflow
    if (total > 999'999'999'999'999'999) {  // CtrlSum: at most 18 digits
      return invalid("amount", "the total of the message exceeds 18 digits; split it", out.location);
    }
    debits.push_back(std::move(out));
  }

  std::map<std::pair<calendar::Date, int>, std::vector<const Debit*>> blocks;
  for (const auto& d : debits) blocks[{d.in->collection_on, sequence_rank(d.in->sequence)}].push_back(&d);
  std::vector<std::string> block_ids;
  for (std::size_t n = 1; n <= blocks.size(); ++n) {
    block_ids.push_back(file.message_id + "-P" + std::to_string(n));
    KULANZ_TRY_STATUS(check_identifier(block_ids.back(), "message_id", ""));
  }

  Xml w(1);  // inside <Document>
  w.open("CstmrDrctDbtInitn");
  w.open("GrpHdr");
  w.leaf("MsgId", file.message_id);
  w.leaf("CreDtTm", iso_date_time(file.created_unix));
  w.leaf("NbOfTxs", std::to_string(debits.size()));
  w.leaf("CtrlSum", money::format_decimal(total, 2));
  w.open("InitgPty");
  w.leaf("Nm", initiating);
  w.close("InitgPty");
  w.close("GrpHdr");
  std::size_t n = 0;
  for (const auto& [key, list] : blocks) {
    std::int64_t sum = 0;
    for (const auto* d : list) sum += d->in->amount_minor;
    w.open("PmtInf");
    w.leaf("PmtInfId", block_ids[n++]);
    w.leaf("PmtMtd", "DD");
    w.leaf("NbOfTxs", std::to_string(list.size()));
    w.leaf("CtrlSum", money::format_decimal(sum, 2));
    w.open("PmtTpInf");
    w.open("SvcLvl");
    w.leaf("Cd", "SEPA");
    w.close("SvcLvl");
    w.open("LclInstrm");
    w.leaf("Cd", "CORE");
    w.close("LclInstrm");
    w.leaf("SeqTp", to_string(list.front()->in->sequence));
    w.close("PmtTpInf");
    w.leaf("ReqdColltnDt", key.first.iso());
    w.open("Cdtr");
    w.leaf("Nm", creditor_name);
    w.close("Cdtr");
    iban_account(w, "CdtrAcct", creditor.iban);
    agent(w, "CdtrAgt", creditor.bic);
    w.leaf("ChrgBr", "SLEV");
    w.open("CdtrSchmeId");
    w.open("Id");
    w.open("PrvtId");
    w.open("Othr");
    w.leaf("Id", ci);
    w.open("SchmeNm");
    w.leaf("Prtry", "SEPA");
    w.close("SchmeNm");
    w.close("Othr");
    w.close("PrvtId");
    w.close("Id");
    w.close("CdtrSchmeId");
    for (const auto* d : list) {
      w.open("DrctDbtTxInf");
      w.open("PmtId");
      w.leaf("EndToEndId", d->in->end_to_end_id);
      w.close("PmtId");
      w.amount("InstdAmt", d->in->amount_minor);
      w.open("DrctDbtTx");
      w.open("MndtRltdInf");
      w.leaf("MndtId", d->in->mandate_reference);
      w.leaf("DtOfSgntr", d->in->mandate_signed_on.iso());
      w.close("MndtRltdInf");
      w.close("DrctDbtTx");
      agent(w, "DbtrAgt", d->debtor.bic);
      w.open("Dbtr");
      w.leaf("Nm", d->debtor_name);
      w.close("Dbtr");
      iban_account(w, "DbtrAcct", d->debtor.iban);
      if (!d->remittance.empty()) {
        w.open("RmtInf");
        w.leaf("Ustrd", d->remittance);
        w.close("RmtInf");
      }
      w.close("DrctDbtTxInf");
    }
    w.close("PmtInf");
  }
  w.close("CstmrDrctDbtInitn");

  DirectDebitMessage out;
  out.xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.008.001.02\">\n" +
            w.take() + "</Document>\n";
  out.transactions = static_cast<int>(debits.size());
  out.total_minor = total;
  out.payment_infos = static_cast<int>(blocks.size());
  return out;
}

}  // namespace kulanz::documents
