#include "http_client.hpp"

#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>

namespace kulanz::testing {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

std::string HttpResult::header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

boost::json::value HttpResult::json() const {
  boost::system::error_code ec;
  auto v = boost::json::parse(body, ec);
  EXPECT_FALSE(ec) << "response body is not JSON: " << body.substr(0, 300);
  return v;
}

HttpResult HttpClient::send(const std::string& method, const std::string& target, const std::string& body,
                            const std::vector<std::pair<std::string, std::string>>& headers) const {
  asio::io_context ioc;
  asio::ip::tcp::socket socket(ioc);
  socket.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));

  bhttp::request<bhttp::string_body> request;
  request.method_string(method);
  request.target(target);
  request.version(11);
  request.set(bhttp::field::host, "127.0.0.1:" + std::to_string(port_));
  request.set(bhttp::field::connection, "close");
  for (const auto& [name, value] : headers) request.set(name, value);
  request.body() = body;
  if (!body.empty() || method == "PUT" || method == "POST") request.prepare_payload();
  bhttp::write(socket, request);

  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  bhttp::read(socket, buffer, parser);
  const auto& response = parser.get();

  HttpResult result;
  result.status = static_cast<int>(response.result_int());
  for (const auto& field : response) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    result.headers[name] = std::string(field.value());
  }
  result.body = response.body();
  boost::system::error_code ignored;
  socket.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  return result;
}

namespace {
std::vector<std::pair<std::string, std::string>> auth(const std::string& key) {
  if (key.empty()) return {};
  return {{"Authorization", "Bearer " + key}};
}
}  // namespace

HttpResult HttpClient::get(const std::string& target, const std::string& key) const { return send("GET", target, {}, auth(key)); }

HttpResult HttpClient::put_json(const std::string& target, const std::string& key, const std::string& body) const {
  auto headers = auth(key);
  headers.emplace_back("Content-Type", "application/json");
  return send("PUT", target, body, headers);
}

HttpResult HttpClient::post_json(const std::string& target, const std::string& key, const std::string& body) const {
  auto headers = auth(key);
  headers.emplace_back("Content-Type", "application/json");
  return send("POST", target, body, headers);
}

}  // namespace kulanz::testing
