#include "importers/fields.hpp"

#include <array>

#include "base/text.hpp"

namespace kulanz::importers {
namespace {

using F = FieldType;

constexpr std::array kCustomerFields{
    FieldSpec{"external_id", F::id, true, "Customer number in the source system; unique per creditor"},
    FieldSpec{"name", F::text, true, "Name of the person or company"},
    FieldSpec{"type", F::enumeration, false, "consumer or business (default consumer)"},
    FieldSpec{"email", F::email, false, "Email address"},
    FieldSpec{"phone", F::phone, false, "Phone number; German national numbers become +49..."},
    FieldSpec{"mobile", F::phone, false, "Mobile number for SMS"},
    FieldSpec{"language", F::enumeration, false, "de or en (default de)"},
    FieldSpec{"country", F::text, false, "ISO 3166-1 alpha-2 country (default DE)"},
    FieldSpec{"state", F::text, false, "German state code (BY, NW, ...) or name (Bayern)"},
    FieldSpec{"postal_code", F::text, false, "Postal code"},
    FieldSpec{"city", F::text, false, "City"},
    FieldSpec{"street", F::text, false, "Street and house number"},
    FieldSpec{"birth_date", F::date, false, "Date of birth (YYYY-MM-DD or DD.MM.YYYY)"},
    FieldSpec{"key_account", F::boolean, false, "Key account (yes/no)"},
    FieldSpec{"also_supplier", F::boolean, false, "Also a supplier of the creditor (yes/no)"},
    FieldSpec{"time_zone", F::text, false, "IANA time zone (default Europe/Berlin)"},
    FieldSpec{"risk_score", F::integer, false, "0 (safe) .. 100 (risky)"},
    FieldSpec{"customer_since", F::date, false, "Date the customer relationship began"},
    FieldSpec{"email_consent", F::boolean, false, "Agreed to be contacted by email (yes/no)"},
    FieldSpec{"sms_consent", F::boolean, false, "Agreed to be contacted by SMS (yes/no)"},
    FieldSpec{"phone_consent", F::boolean, false, "Agreed to be called (yes/no)"},
};

constexpr std::array kInvoiceFields{
    FieldSpec{"external_id", F::id, true, "Invoice id in the source system (defaults to number)"},
    FieldSpec{"customer_external_id", F::id, true, "Customer number of the invoiced customer"},
    FieldSpec{"number", F::text, false, "Invoice number as printed (defaults to external_id)"},
    FieldSpec{"issue_date", F::date, true, "Invoice date"},
    FieldSpec{"due_date", F::date, true, "Due date (not before the issue date)"},
    FieldSpec{"amount", F::amount, true, "Gross amount, positive"},
    FieldSpec{"currency", F::currency, false, "ISO 4217 code (default: the creditor's currency)"},
    FieldSpec{"skonto_percent", F::percent, false, "Early-payment discount in percent (2 or 2.5)"},
    FieldSpec{"skonto_days", F::integer, false, "Days after the issue date the discount applies (0..365)"},
};

constexpr std::array kCreditNoteFields{
    FieldSpec{"external_id", F::id, true, "Credit note id in the source system (defaults to number)"},
    FieldSpec{"customer_external_id", F::id, true, "Customer number"},
    FieldSpec{"number", F::text, false, "Credit note number as printed (defaults to external_id)"},
    FieldSpec{"issue_date", F::date, true, "Credit note date"},
    FieldSpec{"amount", F::amount, true, "Amount, positive"},
    FieldSpec{"currency", F::currency, false, "ISO 4217 code (default: the creditor's currency)"},
    FieldSpec{"invoice_external_id", F::id, false, "The invoice it corrects (same customer and currency)"},
};

constexpr std::array kPaymentFields{
    FieldSpec{"external_id", F::id, true, "Payment id in the source system"},
    FieldSpec{"customer_external_id", F::id, true, "Customer number of the payer"},
    FieldSpec{"value_date", F::date, true, "Value date"},
    FieldSpec{"amount", F::amount, true, "Amount received, positive"},
    FieldSpec{"currency", F::currency, false, "ISO 4217 code (default: the creditor's currency)"},
    FieldSpec{"reference", F::text, false, "Remittance information as received"},
};

}  // namespace

std::span<const FieldSpec> fields_of(RecordKind kind) {
  switch (kind) {
    case RecordKind::customer: return kCustomerFields;
    case RecordKind::invoice: return kInvoiceFields;
    case RecordKind::credit_note: return kCreditNoteFields;
    case RecordKind::payment: return kPaymentFields;
  }
  return kInvoiceFields;
}

const FieldSpec* find_field(RecordKind kind, std::string_view canonical_name) {
  for (const auto& f : fields_of(kind)) {
    if (f.name == canonical_name) return &f;
  }
  return nullptr;
}

base::Result<RecordKind> parse_record_kind(std::string_view text) {
  auto s = base::ascii_lower(base::trim(text));
  if (s == "customers" || s == "customer") return RecordKind::customer;
  if (s == "invoices" || s == "invoice") return RecordKind::invoice;
  if (s == "credit-notes" || s == "credit_notes" || s == "credit-note" || s == "credit_note") return RecordKind::credit_note;
  if (s == "payments" || s == "payment") return RecordKind::payment;
  return base::fail(base::ErrorCode::enum_invalid,
                    "'" + std::string(text) + "' is not a record kind (use customers, invoices, credit-notes or payments)");
}

}  // namespace kulanz::importers
