#pragma once
// A minimal blocking HTTP/1.1 client for the tests: one connection per request, so every
// request is seen by the server exactly as a fresh client would send it.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

namespace kulanz::testing {

struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;

  std::string header(const std::string& lower_name) const;
  // The body parsed as JSON (fails the current test when it is not JSON).
  boost::json::value json() const;
};

class HttpClient {
 public:
  explicit HttpClient(std::uint16_t port) : port_(port) {}

  HttpResult send(const std::string& method, const std::string& target, const std::string& body = {},
                  const std::vector<std::pair<std::string, std::string>>& headers = {}) const;

  // Requests with "Authorization: Bearer <key>" (when key is not empty) and, for bodies,
  // "Content-Type: application/json".
  HttpResult get(const std::string& target, const std::string& key) const;
  HttpResult put_json(const std::string& target, const std::string& key, const std::string& body) const;
  HttpResult post_json(const std::string& target, const std::string& key, const std::string& body) const;

 private:
  std::uint16_t port_;
};

}  // namespace kulanz::testing
