#pragma once
// Query parameters of API requests: only documented names are accepted, each at most
// once, and every value is checked; failures are query_invalid / cursor_invalid Errors.
#include <initializer_list>
#include <vector>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.hpp"
#include "calendar/date.hpp"
#include "http/message.hpp"

namespace kulanz::http {

// Fails for a parameter not in `allowed` or given more than once.
base::Status check_query_names(const Request& request, const std::vector<std::string>& allowed);

// ?name=YYYY-MM-DD, or nullopt when absent.
base::Result<std::optional<calendar::Date>> query_date(const Request& request, std::string_view name);
// ?name=<integer in [min, max]>, or `fallback` when absent.
base::Result<int> query_int(const Request& request, std::string_view name, int min, int max, int fallback);
// ?name=<one of choices>, or nullopt when absent.
base::Result<std::optional<std::string>> query_choice(const Request& request, std::string_view name,
                                                      std::initializer_list<std::string_view> choices);
// ?name=<non-empty text up to max_length>, or nullopt when absent.
base::Result<std::optional<std::string>> query_text(const Request& request, std::string_view name, std::size_t max_length);

// A numeric path parameter (an id); id_invalid otherwise.
base::Result<std::int64_t> path_id(const Request& request, const char* name);

// The as-of date: ?as_of= when given, else today (UTC) at the request time.
base::Result<calendar::Date> query_as_of(const Request& request);

// Pagination cursors handed to clients wrap the store's cursor so that a cursor the API
// did not issue is recognised and answered with cursor_invalid.
std::string encode_cursor(std::string_view store_cursor);
base::Result<std::string> decode_cursor(std::string_view api_cursor);

}  // namespace kulanz::http
