#include "channels/http_post.hpp"

#include "base/text.hpp"
#include "channels/curl_support.hpp"

namespace kulanz::channels {
namespace {

struct CurlUrlDeleter {
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
};

// A part of a parsed URL; empty when it is absent.
std::string url_part(CURLU* url, CURLUPart what) {
  char* part = nullptr;
  if (curl_url_get(url, what, &part, 0) != CURLUE_OK || part == nullptr) return {};
  std::string out(part);
  curl_free(part);
  return out;
}

struct Download {
  std::string* body;
  std::size_t limit;
  bool truncated = false;
};

extern "C" std::size_t write_bounded(char* data, std::size_t size, std::size_t count, void* user) {
  auto* download = static_cast<Download*>(user);
  const std::size_t n = size * count;
  const std::size_t room = download->limit - download->body->size();
  if (n > room) {
    download->body->append(data, room);
    download->truncated = true;
    return 0;  // ends the transfer with CURLE_WRITE_ERROR
  }
  download->body->append(data, n);
  return n;
}

}  // namespace

base::Result<std::string> checked_http_url(std::string_view url, bool allow_query) {
  auto invalid = [](const std::string& why) { return base::fail(base::ErrorCode::invalid_argument, why, "url"); };
  for (char c : url) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F) return invalid("the URL contains spaces, control or non-ASCII characters");
  }
  if (curl_ready() != CURLE_OK) return invalid("libcurl could not be initialised");
  std::unique_ptr<CURLU, CurlUrlDeleter> parsed(curl_url());
  if (!parsed) return invalid("out of memory parsing the URL");
  const std::string text(url);
  if (curl_url_set(parsed.get(), CURLUPART_URL, text.c_str(), 0) != CURLUE_OK) {
    return invalid("the URL is not an absolute http:// or https:// URL");
  }
  const std::string scheme = base::ascii_lower(url_part(parsed.get(), CURLUPART_SCHEME));
  if (scheme != "http" && scheme != "https") return invalid("only http:// and https:// URLs are supported");
  if (url_part(parsed.get(), CURLUPART_HOST).empty()) return invalid("the URL names no host");
  if (!url_part(parsed.get(), CURLUPART_USER).empty() || !url_part(parsed.get(), CURLUPART_PASSWORD).empty()) {
    return invalid("the URL must not contain user information");
  }
  if (!url_part(parsed.get(), CURLUPART_FRAGMENT).empty()) return invalid("the URL must not contain a fragment");
  if (!allow_query && !url_part(parsed.get(), CURLUPART_QUERY).empty()) {
    return invalid("the URL must not contain a query");
  }
  std::string normalised = url_part(parsed.get(), CURLUPART_URL);
  if (normalised.empty()) return invalid("the URL could not be normalised");
  return normalised;
}

HttpPostOutcome http_post(const HttpPost& request) {
  HttpPostOutcome outcome;
  if (curl_ready() != CURLE_OK) {
    outcome.error = std::string("libcurl could not be initialised: ") + curl_easy_strerror(curl_ready());
    return outcome;
  }
  CurlEasy handle(curl_easy_init());
  if (!handle) {
    outcome.error = "libcurl could not create a handle";
    return outcome;
  }
  CURL* curl = handle.get();
  CurlList headers;
  for (const auto& header : request.headers) {
    if (!append(headers, header.c_str())) {
      outcome.error = "out of memory building the request headers";
      return outcome;
    }
  }
  // No "Expect: 100-continue" round trip: the bodies are small.
  if (!append(headers, "Expect:")) {
    outcome.error = "out of memory building the request headers";
    return outcome;
  }

  Download download{&outcome.body, request.max_response_bytes};
  char error_buffer[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, request.timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, request.timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(curl, CURLOPT_POST, 1L);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  if (!request.username.empty()) {
    curl_easy_setopt(curl, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
    curl_easy_setopt(curl, CURLOPT_USERNAME, request.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, request.password.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, write_bounded);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &download);

  const CURLcode code = curl_easy_perform(curl);
  outcome.completed = code == CURLE_OK;
  outcome.body_truncated = download.truncated;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &outcome.status);
  long request_bytes = 0;
  curl_easy_getinfo(curl, CURLINFO_REQUEST_SIZE, &request_bytes);
  outcome.request_sent = request_bytes > 0;
  curl_off_t retry_after = 0;
  if (curl_easy_getinfo(curl, CURLINFO_RETRY_AFTER, &retry_after) == CURLE_OK && retry_after > 0) {
    outcome.retry_after_seconds = static_cast<long>(retry_after);
  }
  char* location = nullptr;
  if (curl_easy_getinfo(curl, CURLINFO_REDIRECT_URL, &location) == CURLE_OK && location != nullptr) {
    outcome.redirect_url = location;
  }
  if (code != CURLE_OK) {
    if (download.truncated) {
      outcome.error = "the response is longer than " + std::to_string(request.max_response_bytes) + " bytes";
    } else {
      outcome.error = curl_easy_strerror(code);
      if (error_buffer[0] != '\0') outcome.error += std::string(": ") + error_buffer;
    }
  }
  return outcome;
}

std::string printable_excerpt(std::string_view text, std::size_t limit) {
  std::string out;
  for (std::size_t i = 0; i < text.size() && out.size() < limit; ++i) {
    const auto u = static_cast<unsigned char>(text[i]);
    out += (u < 0x20 || u == 0x7F) ? ' ' : text[i];
  }
  // Never end inside a UTF-8 sequence.
  std::size_t end = out.size();
  std::size_t back = end;
  while (back > 0 && (static_cast<unsigned char>(out[back - 1]) & 0xC0) == 0x80) --back;
  if (back > 0 && static_cast<unsigned char>(out[back - 1]) >= 0xC0) {
    const auto lead = static_cast<unsigned char>(out[back - 1]);
    const std::size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    if (end - (back - 1) < need) end = back - 1;
  }
  out.resize(end);
  return out;
}

}  // namespace kulanz::channels
