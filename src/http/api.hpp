#pragma once
// The REST API under /api/v1: customers, invoices, credit notes and payments of the
// creditor an API key belongs to, the customer's ledger views, the creditor summary and
// the OpenAPI description of all of it (GET /api/v1/openapi.json).
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "http/router.hpp"
#include "law/base_rate.hpp"
#include "services/dispatch.hpp"
#include "services/portal_card.hpp"

namespace kulanz::http {

struct ApiOptions {
  int default_page_size = 50;
  int max_page_size = 500;           // the storage port accepts 1..500
  int max_batch_items = 1000;
  std::size_t max_body_bytes = 16 * 1024 * 1024;  // per API request, below the server's limit
  // For runs and explanations; nullptr = the built-in table.
  std::shared_ptr<const law::BaseRateTable> base_rates;
  // Checks a signed delivery report of the SMS gateway (Authorization header, raw body,
  // now) and reads it; set by the command line from [sms] signature_secret. Unset: the
  // report route answers 404.
  std::function<base::Result<services::DeliveryReport>(std::string_view, std::string_view, std::int64_t)>
      verify_sms_report;
  // Checks a signed event of the payment provider (Stripe-Signature header, raw body, now)
  // and reads it; set by the command line from [payments] webhook_secret. Unset: the
  // event route answers 404.
  std::function<base::Result<services::ProviderEvent>(std::string_view, std::string_view, std::int64_t)>
      verify_payment_event;
};

// Adds every /api/v1 route to `router`. Handlers use Request::store (the database
// session) and Request::now_unix (the as-of date, unless ?as_of= is given).
void register_api_routes(Router& router, const ApiOptions& options);

}  // namespace kulanz::http
