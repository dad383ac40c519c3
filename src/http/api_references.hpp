#pragma once
// Turns internal ids of referenced records into the external ids the API shows,
// remembering what it looked up for the rest of the request.
#include <optional>
#include <string>
#include <unordered_map>

#include "base/result.hpp"
#include "domain/ids.hpp"
#include "ports/ledger_store.hpp"

namespace kulanz::http {

class ReferenceNames {
 public:
  ReferenceNames(ports::LedgerStore& store, domain::CreditorId creditor) : store_(store), creditor_(creditor) {}

  base::Result<std::string> customer(domain::CustomerId id);
  // External id of an invoice of `owner`; empty when `id` is empty or unknown.
  base::Result<std::string> invoice(domain::CustomerId owner, std::optional<domain::InvoiceId> id);

 private:
  ports::LedgerStore& store_;
  domain::CreditorId creditor_;
  std::unordered_map<domain::CustomerId, std::string> customers_;
  std::unordered_map<domain::InvoiceId, std::string> invoices_;
};

}  // namespace kulanz::http
