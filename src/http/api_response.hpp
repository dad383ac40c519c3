#pragma once
// Small helpers the API handlers share for turning values and Errors into responses.
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "base/error.hpp"
#include "http/message.hpp"

namespace kulanz::http {

Response json_response(const boost::json::value& body, int status = 200);
// application/problem+json for `error` at the request's path.
Response error_response(const base::Error& error, const Request& request);
Response error_response(const base::Error& error, const Request& request, const std::vector<base::Error>& item_errors);
// One failure of one item of a request body: `index` is the position in "items" of a
// batch (absent for a single-record body); the Error carries field, code and detail.
struct ItemError {
  std::optional<std::size_t> index;
  base::Error error;
};
// A problem whose "errors" member lists every item error as
// {index, location, field, code, detail}.
Response item_errors_response(const base::Error& summary, const Request& request, const std::vector<ItemError>& items);

// 404 for an external id the creditor does not have (also for ids of other creditors).
Response not_found_response(std::string_view what, std::string_view external_id, const Request& request);

}  // namespace kulanz::http
