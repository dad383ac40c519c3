#pragma once
// A minimal HTTP/1.1 client for the page tests (Boost.Beast, one connection per request)
// with a cookie jar, so that a test can behave like a browser: log in, follow the session.
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace kulanz::webtest {

struct HttpReply {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;

  // The first header of that (lower-case) name, or "".
  std::string header(const std::string& name) const;
  std::vector<std::string> all(const std::string& name) const;
};

class HttpClient {
 public:
  explicit HttpClient(std::uint16_t port) : port_(port) {}

  HttpReply get(const std::string& target, const std::vector<std::pair<std::string, std::string>>& extra = {});
  // POST application/x-www-form-urlencoded; fields are encoded here.
  HttpReply post_form(const std::string& target, const std::vector<std::pair<std::string, std::string>>& fields,
                      const std::vector<std::pair<std::string, std::string>>& extra = {});
  HttpReply send(const std::string& method, const std::string& target, const std::string& body,
                 const std::vector<std::pair<std::string, std::string>>& extra);

  // Cookies the client holds (set by responses, removed by Max-Age=0).
  std::map<std::string, std::string> cookies;
  // The Set-Cookie header values of the last response.
  std::vector<std::string> last_set_cookies;

 private:
  std::uint16_t port_;
};

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields);
// The value of the hidden input named `name` in an HTML page, or "".
std::string hidden_input(const std::string& html, const std::string& name);

}  // namespace kulanz::webtest
