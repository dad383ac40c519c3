#pragma once
// RawRecord -> domain record, checking every field of the record (not just the first bad
// one): each problem becomes one base::Error with the canonical field name in `field`
// and the record's location. References to other records are returned as external ids;
// resolving them needs the store and is the import service's job.
#include <string>
#include <vector>

#include "base/error.hpp"
#include "domain/types.hpp"
#include "importers/raw_record.hpp"
#include "money/money.hpp"

namespace kulanz::importers {

struct ParseContext {
  money::Currency default_currency = money::Currency::eur();  // the creditor's currency
  money::DecimalStyle decimal_style = money::DecimalStyle::point;
};

struct ParsedCustomer {
  domain::Customer customer;
};

struct ParsedInvoice {
  domain::Invoice invoice;
  std::string customer_external_id;
};

struct ParsedCreditNote {
  domain::CreditNote credit_note;
  std::string customer_external_id;
  std::string invoice_external_id;  // empty when the note refers to no invoice
};

struct ParsedPayment {
  domain::Payment payment;
  std::string customer_external_id;
};

// Each returns true when the record is valid; otherwise appends one error per problem.
// `out` is reused between calls (its strings keep their capacity).
bool parse_customer(const RawRecord& r, const ParseContext& ctx, ParsedCustomer& out, std::vector<base::Error>& errors);
bool parse_invoice(const RawRecord& r, const ParseContext& ctx, ParsedInvoice& out, std::vector<base::Error>& errors);
bool parse_credit_note(const RawRecord& r, const ParseContext& ctx, ParsedCreditNote& out,
                       std::vector<base::Error>& errors);
bool parse_payment(const RawRecord& r, const ParseContext& ctx, ParsedPayment& out, std::vector<base::Error>& errors);

}  // namespace kulanz::importers
