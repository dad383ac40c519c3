#pragma once
// Limits failed logins per key (an email address, a client address) in a sliding window.
// Shared by all server threads: every member function takes the mutex.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace kulanz::http {

class LoginLimiter {
 public:
  // At most `max_failures` failures per key within `window_seconds`; `max_keys` bounds the
  // memory an attacker can make us spend (stale keys are dropped first, then the oldest).
  LoginLimiter(int max_failures, std::int64_t window_seconds, std::size_t max_keys = 100000);

  // True when `key` has used up its failures within the window ending at `now_unix`.
  bool blocked(std::string_view key, std::int64_t now_unix) const;
  void record_failure(std::string_view key, std::int64_t now_unix);
  // Forgets the failures of `key` (after a successful login).
  void reset(std::string_view key);
  // Seconds until `key` may try again (0 when not blocked).
  std::int64_t retry_after(std::string_view key, std::int64_t now_unix) const;

 private:
  using Failures = std::deque<std::int64_t>;  // times of failures, oldest first
  void prune(Failures& failures, std::int64_t now_unix) const;
  void make_room(std::int64_t now_unix);

  int max_failures_;
  std::int64_t window_seconds_;
  std::size_t max_keys_;
  mutable std::mutex mutex_;
  mutable std::unordered_map<std::string, Failures> failures_;
};

}  // namespace kulanz::http
