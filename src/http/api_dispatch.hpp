#pragma once
// The contact history, documents sent with messages and webhooks over the API
// (api_dispatch.cpp).
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "base/result.hpp"
#include "http/api_operation.hpp"

namespace kulanz::http {

std::vector<ApiOperation> dispatch_operations(const ApiOptions& options);
boost::json::object dispatch_schemas();

// Checks a webhook URL: https, or http to localhost; no user info or fragment.
base::Status check_webhook_url(std::string_view url);
// Checks event names (message.sent, message.failed, run.finished, collection.step, payment.received, *).
base::Result<std::vector<std::string>> parse_webhook_events(const std::vector<std::string>& wanted);

}  // namespace kulanz::http
