#pragma once
// JSON forms of ledger records and views as the REST API returns them. Money is given
// three ways: "<name>": "1234.56" (decimal string), "<name>_minor": 123456 and a
// "currency" on the record. Dates are ISO 8601 (YYYY-MM-DD). Internal ids never appear:
// references to other records use their external ids.
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "domain/ledger.hpp"
#include "ports/ledger_store.hpp"

namespace kulanz::http {

// Adds "<name>" and "<name>_minor" to `out`.
void put_money(boost::json::object& out, std::string_view name, const domain::Money& amount);
// Stable API names of aging buckets: not_due, d1_30, d31_60, d61_90, over_90.
std::string_view aging_bucket_name(domain::AgingBucket bucket);
// Stable API names of item states: not_due, due_today, overdue, paid.
std::string_view item_status_name(domain::ItemStatus status);

boost::json::object customer_json(const domain::Customer& customer);
boost::json::object invoice_json(const domain::Invoice& invoice, std::string_view customer_external_id, domain::Date as_of);
boost::json::object credit_note_json(const domain::CreditNote& note, std::string_view customer_external_id,
                                     std::string_view invoice_external_id);
boost::json::object payment_json(const domain::Payment& payment, std::string_view customer_external_id);

boost::json::object open_item_json(const domain::OpenItem& item);
boost::json::object aging_json(const domain::Aging& aging);
boost::json::object balance_json(const domain::Balance& balance);
boost::json::object statement_json(const domain::Statement& statement);
boost::json::object summary_json(const ports::PortfolioSummary& summary);

}  // namespace kulanz::http
