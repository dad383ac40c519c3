#pragma once
// A business letter as plain data. Language-neutral: every visible text is given by the
// caller already translated and formatted (amounts, dates, IBAN groups); the renderer only
// places it. Rendering: letter_pdf.hpp. Layout measures: din5008.hpp.
#include <optional>
#include <string>
#include <vector>

namespace kulanz::documents {

struct LabelValue {
  std::string label;
  std::string value;
};

struct Letterhead {
  std::string name;                        // the creditor's name, bold, top right
  std::vector<std::string> address_lines;  // under the name
  std::vector<std::string> contact_lines;  // phone, e-mail, web; at most 8 address + contact lines
  std::string logo_png_path;               // optional PNG drawn top left; must be readable when given
  std::string logo_png;                    // or the PNG bytes themselves (used when no path is given)
};

enum class Align { left, right, center };

struct TableColumn {
  std::string header;
  Align align = Align::left;  // right for amounts
  int width_weight = 1;       // share of the text width relative to the other columns, >= 1
};

struct SummaryRow {
  std::string label;        // spans all columns but the last, right-aligned
  std::string value;        // in the last column, right-aligned
  bool emphasized = false;  // bold with a rule above ("Gesamtbetrag")
};

// No columns: no table. Rows have one text per column. Rows never split; a row that does
// not fit moves to the next page, which repeats the header.
struct ItemsTable {
  std::vector<TableColumn> columns;
  std::vector<std::vector<std::string>> rows;
  std::vector<SummaryRow> summary;  // needs at least two columns
};

struct PaymentBox {
  std::string title;               // optional heading inside the box
  std::vector<LabelValue> lines;   // account holder, IBAN, BIC, reference, amount
  std::string epc_payload;         // optional: drawn as a GiroCode (see epc_payload.hpp)
  std::string qr_caption;          // beside the code on the title's line, e.g. "Mit der Banking-App scannen"
};

struct Letter {
  Letterhead creditor;
  std::string return_address;                // one line above the recipient (Rücksendeangabe)
  std::vector<std::string> recipient_lines;  // 1 to 6 lines
  std::vector<LabelValue> info;              // info block: "Kundennummer", "Datum", ...; at most 12
  std::string subject;                       // bold
  std::string salutation;
  std::vector<std::string> body;             // paragraphs before the table
  ItemsTable items;
  std::vector<std::string> after_table;      // paragraphs after the table
  std::vector<std::string> closing_lines;    // greeting and signature, kept together
  std::string portal_link;                   // one line of text, e.g. "Online: https://..."
  std::string portal_url;                    // optional: makes the portal line a PDF link
  std::optional<PaymentBox> payment;
  std::vector<std::vector<std::string>> footer_columns;  // at most 4 columns of at most 6 lines
  // Printed on every page, "{page}" and "{pages}" replaced by the page number and the
  // letter's page count, e.g. "Seite {page} von {pages}". Must contain "{page}".
  std::string page_label_format = "{page}/{pages}";
  std::string pdf_title;          // document title in the PDF metadata; empty: the subject
  // Creation date in the PDF metadata, given by the caller (the renderer reads no clock):
  // "YYYY-MM-DD" or "YYYY-MM-DDThh:mm:ss", optionally followed by "Z" or "+hh:mm"/"-hh:mm".
  // Empty: no creation date is written (cairo would otherwise stamp the current time).
  std::string pdf_creation_date;
};

}  // namespace kulanz::documents
