#pragma once
// Builds small customer ledgers for the ledger tests: ids are assigned in order of creation.
#include <string>

#include "domain/ledger.hpp"

namespace kulanz::test {

using namespace kulanz::domain;

inline Date d(const char* iso) { return Date::parse_iso(iso).value(); }
inline Money eur(std::int64_t minor) { return Money(minor, Currency::eur()); }

class LedgerBuilder {
 public:
  LedgerBuilder() {
    ledger_.customer.id = CustomerId(1);
    ledger_.customer.creditor_id = CreditorId(1);
    ledger_.customer.external_id = "K-1";
  }

  LedgerBuilder& invoice(const std::string& number, const char* issue, const char* due, Money amount) {
    Invoice i;
    i.id = InvoiceId(next_id_++);
    i.creditor_id = ledger_.customer.creditor_id;
    i.customer_id = ledger_.customer.id;
    i.external_id = "ext-" + number;
    i.number = number;
    i.issue_date = d(issue);
    i.due_date = d(due);
    i.amount = amount;
    i.open = amount;
    ledger_.invoices.push_back(i);
    return *this;
  }

  LedgerBuilder& credit_note(const std::string& number, const char* issue, Money amount,
                             std::optional<InvoiceId> invoice = std::nullopt) {
    CreditNote n;
    n.id = CreditNoteId(next_id_++);
    n.creditor_id = ledger_.customer.creditor_id;
    n.customer_id = ledger_.customer.id;
    n.external_id = "ext-" + number;
    n.number = number;
    n.issue_date = d(issue);
    n.amount = amount;
    n.unallocated = amount;
    n.invoice_id = invoice;
    ledger_.credit_notes.push_back(n);
    return *this;
  }

  LedgerBuilder& payment(const std::string& external_id, const char* value_date, Money amount,
                         const std::string& reference = {}) {
    Payment p;
    p.id = PaymentId(next_id_++);
    p.creditor_id = ledger_.customer.creditor_id;
    p.customer_id = ledger_.customer.id;
    p.external_id = external_id;
    p.value_date = d(value_date);
    p.amount = amount;
    p.unallocated = amount;
    p.reference = reference;
    ledger_.payments.push_back(p);
    return *this;
  }

  InvoiceId last_invoice_id() const { return ledger_.invoices.back().id; }
  CustomerLedger build() const { return ledger_; }

 private:
  CustomerLedger ledger_;
  std::int64_t next_id_ = 1;
};

inline const Invoice& invoice_by_number(const CustomerLedger& l, const std::string& number) {
  for (const auto& i : l.invoices) if (i.number == number) return i;
  throw std::logic_error("no invoice " + number);
}

}  // namespace kulanz::test
