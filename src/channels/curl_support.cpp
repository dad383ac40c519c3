#include "channels/curl_support.hpp"

namespace kulanz::channels {

// curl_global_init is not thread-safe on every platform; a function-local static runs it
// exactly once even when the first sends start on several threads.
CURLcode curl_ready() {
  static const CURLcode code = curl_global_init(CURL_GLOBAL_DEFAULT);
  return code;
}

bool append(CurlList& list, const char* line) {
  curl_slist* head = curl_slist_append(list.get(), line);
  if (!head) return false;
  if (!list) list.reset(head);  // later appends keep the same head
  return true;
}

}  // namespace kulanz::channels
