#include "http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>

namespace kulanz::webtest {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Applies one Set-Cookie header to the jar.
void remember_cookie(std::map<std::string, std::string>& jar, const std::string& set_cookie) {
  auto semi = set_cookie.find(';');
  std::string pair = set_cookie.substr(0, semi);
  auto eq = pair.find('=');
  if (eq == std::string::npos) return;
  std::string name = pair.substr(0, eq);
  std::string value = pair.substr(eq + 1);
  bool expired = lower(set_cookie).find("max-age=0") != std::string::npos;
  if (expired || value.empty()) {
    jar.erase(name);
  } else {
    jar[name] = value;
  }
}

}  // namespace

std::string HttpReply::header(const std::string& name) const {
  for (const auto& [k, v] : headers) {
    if (k == name) return v;
  }
  return "";
}

std::vector<std::string> HttpReply::all(const std::string& name) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : headers) {
    if (k == name) out.push_back(v);
  }
  return out;
}

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (const auto& [k, v] : fields) {
    if (!out.empty()) out += '&';
    for (const std::string* part : {&k, &v}) {
      for (unsigned char c : *part) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
          out += static_cast<char>(c);
        } else if (c == ' ') {
          out += '+';
        } else {
          out += '%';
          out += hex[c >> 4];
          out += hex[c & 15];
        }
      }
      if (part == &k) out += '=';
    }
  }
  return out;
}

std::string hidden_input(const std::string& html, const std::string& name) {
  std::string marker = "name=\"" + name + "\" value=\"";
  auto at = html.find(marker);
  if (at == std::string::npos) return "";
  at += marker.size();
  auto end = html.find('"', at);
  return end == std::string::npos ? "" : html.substr(at, end - at);
}

HttpReply HttpClient::get(const std::string& target, const std::vector<std::pair<std::string, std::string>>& extra) {
  return send("GET", target, "", extra);
}

HttpReply HttpClient::post_form(const std::string& target, const std::vector<std::pair<std::string, std::string>>& fields,
                                const std::vector<std::pair<std::string, std::string>>& extra) {
  auto headers = extra;
  headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  return send("POST", target, form_encode(fields), headers);
}

HttpReply HttpClient::send(const std::string& method, const std::string& target, const std::string& body,
                           const std::vector<std::pair<std::string, std::string>>& extra) {
  asio::io_context io;
  asio::ip::tcp::resolver resolver(io);
  beast::tcp_stream stream(io);
  stream.connect(resolver.resolve("127.0.0.1", std::to_string(port_)));

  bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
  req.set(bhttp::field::host, "127.0.0.1:" + std::to_string(port_));
  std::string cookie_header;
  for (const auto& [k, v] : cookies) cookie_header += (cookie_header.empty() ? "" : "; ") + k + "=" + v;
  if (!cookie_header.empty()) req.set(bhttp::field::cookie, cookie_header);
  for (const auto& [k, v] : extra) req.set(k, v);
  req.body() = body;
  req.prepare_payload();
  bhttp::write(stream, req);

  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  bhttp::read(stream, buffer, parser);
  auto& res = parser.get();
  HttpReply reply;
  reply.status = static_cast<int>(res.result_int());
  for (const auto& f : res) reply.headers.emplace_back(lower(std::string(f.name_string())), std::string(f.value()));
  reply.body = res.body();
  beast::error_code ec;
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);

  last_set_cookies = reply.all("set-cookie");
  for (const auto& c : last_set_cookies) remember_cookie(cookies, c);
  return reply;
}

}  // namespace kulanz::webtest
