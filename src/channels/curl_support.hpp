#pragma once
// libcurl plumbing shared by the SMTP, SMS and webhook senders; internal to channels.
#include <curl/curl.h>

#include <memory>

namespace kulanz::channels {

// curl_global_init, run exactly once (thread-safely) for the whole module; its result.
CURLcode curl_ready();

struct CurlEasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct CurlListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using CurlEasy = std::unique_ptr<CURL, CurlEasyDeleter>;
using CurlList = std::unique_ptr<curl_slist, CurlListDeleter>;

// Appends `line` to `list`; false when libcurl is out of memory (the list is unchanged).
bool append(CurlList& list, const char* line);

}  // namespace kulanz::channels
