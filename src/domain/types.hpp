#pragma once
// The receivables ledger's records. Plain values: no I/O, no SQL, no JSON.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "calendar/date.hpp"
#include "domain/ids.hpp"
#include "money/money.hpp"

namespace kulanz::domain {

using calendar::Date;
using money::Currency;
using money::Money;

// A creditor is a tenant: every other record belongs to exactly one.
struct Creditor {
  CreditorId id;
  std::string code;  // short unique handle used on the command line and in URLs ("swb")
  std::string name;
  Currency currency = Currency::eur();  // default currency of its receivables
  std::string country = "DE";
};

// What letters, messages and the portal show about a creditor: the imprint (legal name,
// address, register, VAT id, management), contact and bank details, logo and colour.
// Values are stored as given; IBAN and BIC are checked where they are set (cli, http).
struct CreditorProfile {
  std::string legal_name;  // "Stadtwerke Beispiel GmbH"; empty: the creditor's name
  std::string street, postal_code, city, country = "DE";
  std::string phone, email, reply_to, website;
  std::string iban, bic, bank_name;  // iban and bic in electronic form (no spaces)
  std::string register_entry;        // "Amtsgericht München, HRB 12345"
  std::string vat_id;                // "DE123456789"
  std::string management;            // "Geschäftsführung: Erika Beispiel"
  std::string logo_png;              // PNG bytes; empty: none
  std::string brand_color = "#1f4e79";
};

enum class CustomerType { consumer, business };
enum class Language { de, en };
enum class Channel { email, sms, letter, phone };

std::string_view to_string(CustomerType);
std::string_view to_string(Language);
std::string_view to_string(Channel);
base::Result<CustomerType> parse_customer_type(std::string_view);  // consumer|business (+ German aliases)
base::Result<Language> parse_language(std::string_view);           // de|en (+ deutsch/english)
base::Result<Channel> parse_channel(std::string_view);

// The 16 German states by their ISO 3166-2:DE suffix (BW, BY, BE, BB, HB, HH, HE, MV, NI, NW, RP, SL, SN, ST, SH, TH).
bool is_german_state_code(std::string_view code);

// One way to reach a customer, and whether the customer agreed to be contacted that way.
struct Contact {
  Channel channel = Channel::email;
  std::string address;  // email address, E.164 phone number, or empty for letter (postal address of the customer)
  bool consent = false;
  bool invalid = false;  // marked bad after a hard bounce / unknown number
  bool operator==(const Contact&) const = default;
};

// What the customer chose in the portal: the language and, per channel (email, sms,
// phone), the address and the consent. The choices win over imports and API writes of the
// same fields: the store applies them to every write of the customer (apply_preferences).
struct ContactPreferences {
  std::optional<Language> language;
  std::vector<Contact> channels;  // at most one per channel; `invalid` is not used
  std::int64_t updated_unix = 0;
  std::string session_ref;        // the portal session that chose them
  bool empty() const { return !language && channels.empty(); }
  bool operator==(const ContactPreferences&) const = default;
};

struct Customer {
  CustomerId id;
  CreditorId creditor_id;
  std::string external_id;  // the id in the creditor's ERP; unique per creditor
  std::string name;
  CustomerType type = CustomerType::consumer;
  Language language = Language::de;
  std::string time_zone = "Europe/Berlin";  // IANA name
  std::string country = "DE";               // ISO 3166-1 alpha-2
  std::string state;                        // German state code, empty if unknown or abroad
  std::string postal_code;
  std::string city;
  std::string street;
  std::optional<Date> birth_date;
  bool key_account = false;
  bool also_supplier = false;
  std::optional<int> risk_score;  // 0 (safe) .. 100 (risky)
  std::optional<Date> customer_since;
  std::int64_t lifetime_revenue_minor = 0;  // in the creditor's currency
  std::vector<Contact> contacts;
  ContactPreferences preferences;  // the customer's own choices (portal)

  const Contact* contact(Channel ch) const;
};

// Applies `c.preferences` to the customer's fields: the chosen language; per chosen channel
// the consent, and the address when one was given (a new address drops an invalid mark;
// a channel the customer has no contact for yet is added).
void apply_preferences(Customer& c);

// Invoices, and later fees and interest, are receivable items ("Forderungen") of their own.
enum class ItemKind { invoice, fee, interest };
std::string_view to_string(ItemKind);

struct Invoice {
  InvoiceId id;
  CreditorId creditor_id;
  CustomerId customer_id;
  std::string external_id;
  std::string number;  // as printed on the invoice
  ItemKind kind = ItemKind::invoice;
  Date issue_date;
  Date due_date;
  Money amount;                   // gross amount, positive
  std::int32_t skonto_basis_points = 0;  // 200 = 2 % early-payment discount
  std::int32_t skonto_days = 0;          // days after the issue date the discount applies
  Money open;                     // amount minus allocations (kept by the ledger)
};

struct CreditNote {
  CreditNoteId id;
  CreditorId creditor_id;
  CustomerId customer_id;
  std::string external_id;
  std::string number;
  Date issue_date;
  Money amount;  // positive
  std::optional<InvoiceId> invoice_id;  // the invoice it corrects, if any
  Money unallocated;
};

struct Payment {
  PaymentId id;
  CreditorId creditor_id;
  CustomerId customer_id;
  std::string external_id;
  Date value_date;
  Money amount;  // positive
  std::string reference;  // remittance information as received
  Money unallocated;
};

enum class AllocationSource { payment, credit_note };
std::string_view to_string(AllocationSource);

// Part of a payment or credit note applied to an item.
struct Allocation {
  AllocationId id;
  CreditorId creditor_id;
  CustomerId customer_id;
  AllocationSource source = AllocationSource::payment;
  std::int64_t source_id = 0;  // PaymentId or CreditNoteId value
  InvoiceId invoice_id;
  Money amount;  // positive
  Date date;     // effective date (value date of the payment / issue date of the credit note)
};

}  // namespace kulanz::domain
