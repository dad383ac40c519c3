#include "importers/column_aliases.hpp"

#include <algorithm>

#include "base/text.hpp"
#include "importers/fields.hpp"

namespace kulanz::importers {
namespace {

struct Alias {
  std::string_view canonical;
  // normalised; a vector, not an initializer_list, whose backing array would not
  // outlive the table's construction
  std::vector<std::string_view> names;
};

constexpr std::string_view kCustomerRef[] = {
    "customerexternalid", "kundennummer", "kundennr", "kdnr", "kundenid", "kunde", "debitor", "debitorennummer",
    "debitornummer", "debitorennr", "debitornr", "debitorkonto", "debitorenkonto", "personenkonto", "kontonummer",
    "konto", "customerid", "customernumber", "customer", "geschaeftspartner", "partnernummer"};

const std::vector<Alias>& customer_aliases() {
  static const std::vector<Alias> table = {
      {"external_id", {"externalid", "id", "kundennummer", "kundennr", "kdnr", "kundenid", "debitor", "debitorennummer",
                       "debitornummer", "debitorennr", "debitornr", "debitorkonto", "debitorenkonto", "personenkonto",
                       "kontonummer", "konto", "customerid", "customernumber", "geschaeftspartner", "partnernummer"}},
      {"name", {"name", "firma", "namefirma", "firmaname", "kundenname", "firmenname", "name1", "firmierung", "customername", "debitorname",
                "debitorenname", "vollername"}},
      {"type", {"type", "typ", "kundentyp", "kundenart", "art", "customertype", "kundengruppe"}},
      {"email", {"email", "emailadresse", "mail", "mailadresse", "emailaddress"}},
      {"phone", {"phone", "telefon", "telefonnummer", "tel", "telnr", "festnetz", "phonenumber", "rufnummer"}},
      {"mobile", {"mobile", "mobil", "mobilnummer", "mobiltelefon", "handy", "handynummer", "mobilfunk", "mobilephone"}},
      {"language", {"language", "sprache", "korrespondenzsprache", "sprachschluessel"}},
      {"country", {"country", "land", "laendercode", "laenderkennzeichen", "laenderschluessel", "staat", "countrycode"}},
      {"state", {"state", "bundesland", "region"}},
      {"postal_code", {"postalcode", "plz", "postleitzahl", "zip", "zipcode"}},
      {"city", {"city", "ort", "stadt", "wohnort"}},
      {"street", {"street", "strasse", "strassehausnummer", "strasseundhausnummer", "strassenr", "anschrift", "adresse",
                  "address"}},
      {"birth_date", {"birthdate", "geburtsdatum", "geburtstag", "dateofbirth"}},
      {"key_account", {"keyaccount", "schluesselkunde", "keyaccountkunde", "grosskunde", "keykunde"}},
      {"also_supplier", {"alsosupplier", "lieferant", "auchlieferant", "istlieferant", "kreditor", "istkreditor"}},
      {"time_zone", {"timezone", "zeitzone"}},
      {"risk_score", {"riskscore", "risiko", "risikoscore", "risikowert", "risk"}},
      {"customer_since", {"customersince", "kundeseit", "kundenseit", "erstkontakt", "angelegtam"}},
      {"email_consent", {"emailconsent", "einwilligungemail", "emaileinwilligung", "emailerlaubt", "emailoptin"}},
      {"sms_consent", {"smsconsent", "einwilligungsms", "smseinwilligung", "smserlaubt", "smsoptin"}},
      {"phone_consent", {"phoneconsent", "einwilligungtelefon", "telefoneinwilligung", "anruferlaubt",
                         "telefonerlaubt", "telefonoptin"}},
  };
  return table;
}

const std::vector<Alias>& invoice_aliases() {
  static const std::vector<Alias> table = {
      {"external_id", {"externalid", "id", "invoiceid", "rechnungsid", "belegid", "opid", "postenid"}},
      {"number", {"number", "invoicenumber", "nummer", "rechnungsnummer", "rechnungsnr", "renr", "rgnr", "belegnummer",
                  "belegnr", "beleg", "belegfeld1", "dokumentnummer", "fakturanummer"}},
      {"issue_date", {"issuedate", "invoicedate", "rechnungsdatum", "belegdatum", "datum", "fakturadatum",
                      "dokumentdatum"}},
      {"due_date", {"duedate", "faelligkeit", "faelligkeitsdatum", "faelligam", "faellig", "zahlungsziel", "faelligbis", "nettofaelligkeit",
                    "nettofaelligam", "zahlbarbis"}},
      {"amount", {"amount", "betrag", "bruttobetrag", "rechnungsbetrag", "gesamtbetrag", "brutto", "betragbrutto",
                  "summe", "umsatz", "offenerbetrag", "forderung"}},
      {"currency", {"currency", "waehrung", "wkz", "waehrungskennzeichen", "whg", "waehrungscode"}},
      {"skonto_percent", {"skontopercent", "skonto", "skontoprozent", "skontoinprozent", "skontosatz", "skonto1", "skontoprozent1"}},
      {"skonto_days", {"skontodays", "skontotage", "skontofrist", "skontofristtage", "skontotage1", "skontofrist1"}},
  };
  return table;
}

const std::vector<Alias>& credit_note_aliases() {
  static const std::vector<Alias> table = {
      {"external_id", {"externalid", "id", "creditnoteid", "gutschriftid", "belegid"}},
      {"number", {"number", "creditnotenumber", "nummer", "gutschriftnummer", "gutschriftsnummer", "gutschriftnr",
                  "gutschriftsnr", "belegnummer", "belegnr", "beleg", "belegfeld1"}},
      {"issue_date", {"issuedate", "gutschriftdatum", "gutschriftsdatum", "belegdatum", "datum"}},
      {"amount", {"amount", "betrag", "bruttobetrag", "gutschriftbetrag", "gutschriftsbetrag", "brutto", "summe"}},
      {"currency", {"currency", "waehrung", "wkz", "waehrungskennzeichen", "whg", "waehrungscode"}},
      {"invoice_external_id", {"invoiceexternalid", "invoiceid", "rechnungsnummer", "rechnungsnr", "rechnung",
                               "bezugsrechnung", "originalrechnung", "ursprungsrechnung", "zurechnung", "rechnungsid",
                               "belegfeld2"}},
  };
  return table;
}

const std::vector<Alias>& payment_aliases() {
  static const std::vector<Alias> table = {
      {"external_id", {"externalid", "id", "paymentid", "zahlungsid", "zahlungsnummer", "zahlungsnr", "buchungsid",
                       "buchungsnummer", "transaktionsid", "belegnummer", "belegnr"}},
      {"value_date", {"valuedate", "zahlungsdatum", "valuta", "valutadatum", "wertstellung", "wertstellungsdatum",
                      "buchungsdatum", "zahlungseingang", "datum", "eingangsdatum"}},
      {"amount", {"amount", "betrag", "zahlbetrag", "zahlungsbetrag", "eingangsbetrag", "summe"}},
      {"currency", {"currency", "waehrung", "wkz", "waehrungskennzeichen", "whg", "waehrungscode"}},
      {"reference", {"reference", "verwendungszweck", "referenz", "zahlungsreferenz", "buchungstext", "vwz",
                     "remittanceinformation"}},
  };
  return table;
}

const std::vector<Alias>& aliases_of(RecordKind kind) {
  switch (kind) {
    case RecordKind::customer: return customer_aliases();
    case RecordKind::invoice: return invoice_aliases();
    case RecordKind::credit_note: return credit_note_aliases();
    case RecordKind::payment: return payment_aliases();
  }
  return invoice_aliases();
}

// Folds the UTF-8 umlauts and ß (both cases) into their two-letter ASCII spellings.
bool fold_umlaut(std::string_view s, std::size_t i, std::string& out, std::size_t& consumed) {
  if (i + 1 >= s.size()) return false;
  auto b0 = static_cast<unsigned char>(s[i]);
  auto b1 = static_cast<unsigned char>(s[i + 1]);
  if (b0 != 0xC3) return false;
  const char* rep = nullptr;
  switch (b1) {
    case 0xA4: case 0x84: rep = "ae"; break;  // ä Ä
    case 0xB6: case 0x96: rep = "oe"; break;  // ö Ö
    case 0xBC: case 0x9C: rep = "ue"; break;  // ü Ü
    case 0x9F: rep = "ss"; break;             // ß
    default: return false;
  }
  out += rep;
  consumed = 2;
  return true;
}

}  // namespace

namespace {

// Edit distance counting a swap of neighbours as one edit ("Nmae" -> "name"): enough to
// suggest the intended alias for a typo.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t w = b.size() + 1;
  std::vector<std::size_t> d((a.size() + 1) * w);
  for (std::size_t i = 0; i <= a.size(); ++i) d[i * w] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      std::size_t v = std::min({d[(i - 1) * w + j] + 1, d[i * w + j - 1] + 1, d[(i - 1) * w + j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = std::min(v, d[(i - 2) * w + j - 2] + 1);
      d[i * w + j] = v;
    }
  }
  return d[a.size() * w + b.size()];
}

// Columns that `kulanz export` writes but that are computed by the ledger, so a file can
// be re-imported unchanged: accepted and ignored.
bool is_derived_column(RecordKind kind, std::string_view header) {
  // "reason" is the column `kulanz import --skip-invalid` adds to its rejects file, so a
  // corrected rejects file can be imported as it is.
  const auto key = normalize_column_name(header);
  if (key == "reason") return true;
  return kind == RecordKind::invoice && (key == "openamount" || key == "offen" || key == "restbetrag");
}

std::string unknown_column_detail(RecordKind kind, std::string_view header, const std::string& column_no) {
  const auto key = normalize_column_name(header);
  std::string best_alias;
  std::string_view best_canonical;
  std::size_t best = std::string::npos;
  auto consider = [&](std::string_view alias, std::string_view canonical) {
    auto d = edit_distance(key, alias);
    if (d < best) { best = d; best_alias = std::string(alias); best_canonical = canonical; }
  };
  for (const auto& spec : fields_of(kind)) {
    for (auto alias : column_aliases(kind, spec.name)) consider(alias, spec.name);
  }
  std::string detail = "unknown column '" + std::string(header) + "' (" + column_no + ")";
  const std::size_t limit = key.size() <= 4 ? 1 : key.size() <= 8 ? 2 : 3;
  if (best != std::string::npos && best <= limit) {
    detail += "; did you mean '" + best_alias + "' (" + std::string(best_canonical) + ")?";
  }
  std::string accepted;
  for (const auto& spec : fields_of(kind)) accepted += (accepted.empty() ? "" : ", ") + std::string(spec.name);
  detail += " Accepted columns for " + std::string(to_string(kind)) + ": " + accepted +
            ", or their aliases listed in docs/IMPORT.md; rename or remove the column";
  return detail;
}

}  // namespace

std::string normalize_column_name(std::string_view header) {
  std::string out;
  out.reserve(header.size());
  for (std::size_t i = 0; i < header.size();) {
    std::size_t consumed = 1;
    char c = header[i];
    if (fold_umlaut(header, i, out, consumed)) {
    } else if (c >= 'A' && c <= 'Z') {
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out.push_back(c);
    } else if (c == '%') {
      out += "prozent";
    } else if (c == '#') {
      out += "nr";
    }
    // everything else (spaces, _ - . / ( ) :, other bytes) is dropped
    i += consumed;
  }
  return out;
}

std::optional<std::string_view> canonical_column(RecordKind kind, std::string_view header) {
  const std::string key = normalize_column_name(header);
  if (key.empty()) return std::nullopt;
  if (kind != RecordKind::customer && key == "customerexternalid") return std::string_view("customer_external_id");
  for (const auto& alias : aliases_of(kind)) {
    for (auto name : alias.names) {
      if (name == key) return alias.canonical;
    }
  }
  if (kind != RecordKind::customer) {
    for (auto name : kCustomerRef) {
      if (name == key) return std::string_view("customer_external_id");
    }
  }
  return std::nullopt;
}

std::vector<std::string_view> column_aliases(RecordKind kind, std::string_view canonical_name) {
  std::vector<std::string_view> out;
  if (kind != RecordKind::customer && canonical_name == "customer_external_id") {
    out.assign(std::begin(kCustomerRef), std::end(kCustomerRef));
    return out;
  }
  for (const auto& alias : aliases_of(kind)) {
    if (alias.canonical == canonical_name) out.assign(alias.names.begin(), alias.names.end());
  }
  return out;
}

std::string ColumnMapping::header_for(std::string_view canonical_name) const {
  for (std::size_t i = 0; i < canonical.size(); ++i) {
    if (canonical[i] == canonical_name) return headers[i];
  }
  return std::string(canonical_name);
}

ColumnMapping map_columns(RecordKind kind, const std::vector<std::string>& headers) {
  using base::ErrorCode;
  ColumnMapping m;
  m.canonical.resize(headers.size());
  for (std::size_t i = 0; i < headers.size(); ++i) {
    std::string header(base::trim(headers[i]));
    m.headers.push_back(header);
    const std::string column_no = "column " + std::to_string(i + 1);
    if (header.empty()) {
      m.errors.emplace_back(ErrorCode::import_header_missing,
                            column_no + " has an empty header; name it or remove the column", column_no);
      continue;
    }
    auto canonical = canonical_column(kind, header);
    if (!canonical) {
      if (is_derived_column(kind, header)) {
        m.ignored_columns.push_back(header);
        continue;
      }
      m.errors.emplace_back(ErrorCode::import_column_unknown, unknown_column_detail(kind, header, column_no), header);
      continue;
    }
    auto previous = std::find(m.canonical.begin(), m.canonical.begin() + static_cast<std::ptrdiff_t>(i), *canonical);
    if (previous != m.canonical.begin() + static_cast<std::ptrdiff_t>(i)) {
      const auto& first = m.headers[static_cast<std::size_t>(previous - m.canonical.begin())];
      m.errors.emplace_back(ErrorCode::import_column_duplicate,
                            "'" + header + "' (" + column_no + ") and '" + first + "' both mean " +
                                std::string(*canonical) + "; remove or rename one of them",
                            header);
      continue;
    }
    m.canonical[i] = std::string(*canonical);
  }
  auto has = [&](std::string_view name) { return std::find(m.canonical.begin(), m.canonical.end(), name) != m.canonical.end(); };
  const bool id_or_number = kind == RecordKind::invoice || kind == RecordKind::credit_note;
  for (const auto& spec : fields_of(kind)) {
    if (!spec.required || has(spec.name)) continue;
    if (id_or_number && spec.name == "external_id" && has("number")) continue;
    auto names = column_aliases(kind, spec.name);
    std::string examples;
    for (std::size_t k = 0; k < names.size() && k < 4; ++k) examples += (k ? ", " : "") + std::string(names[k]);
    m.errors.emplace_back(ErrorCode::import_column_missing,
                          "the header has no column for " + std::string(spec.name) + " (add one named e.g. " +
                              examples + ")",
                          std::string(spec.name));
  }
  return m;
}

}  // namespace kulanz::importers
