#pragma once
// One HTTP POST with libcurl for the SMS and webhook senders; internal to channels.
// http and https only, redirects never followed, the response body read up to a bound.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

namespace kulanz::channels {

// An absolute http:// or https:// URL with a host, without user information or fragment
// (and without query unless `allow_query`), normalised as libcurl will use it.
// invalid_argument otherwise, nothing connected.
base::Result<std::string> checked_http_url(std::string_view url, bool allow_query);

struct HttpPost {
  std::string url;                   // from checked_http_url
  std::vector<std::string> headers;  // "Name: value", checked by the caller (no CR or LF)
  std::string body;
  std::string username, password;  // HTTP Basic when username is not empty
  long timeout_seconds = 10;       // for the connect and the whole exchange
  std::size_t max_response_bytes = 64 * 1024;
};

struct HttpPostOutcome {
  bool completed = false;       // the whole response was read
  long status = 0;              // the response status; 0 when no response came
  std::string body;             // the response body, at most max_response_bytes of it
  bool body_truncated = false;  // the body was longer than the bound; reading stopped there
  bool request_sent = false;    // bytes of the request went out: it may have reached the server
  long retry_after_seconds = 0; // from a Retry-After header, 0 when none
  std::string redirect_url;     // the Location of a 3xx (not followed)
  std::string error;            // what went wrong when the exchange did not complete
};

HttpPostOutcome http_post(const HttpPost& request);

// `text` (from a response) for a log line: control characters become spaces, at most
// `limit` bytes, cut at a character boundary.
std::string printable_excerpt(std::string_view text, std::size_t limit = 300);

}  // namespace kulanz::channels
