#include "http/auth_limiter.hpp"

#include <cassert>

namespace kulanz::http {

LoginLimiter::LoginLimiter(int max_failures, std::int64_t window_seconds, std::size_t max_keys)
    : max_failures_(max_failures), window_seconds_(window_seconds), max_keys_(max_keys) {
  assert(max_failures > 0 && window_seconds > 0 && max_keys > 0);
}

void LoginLimiter::prune(Failures& failures, std::int64_t now_unix) const {
  while (!failures.empty() && failures.front() <= now_unix - window_seconds_) failures.pop_front();
}

bool LoginLimiter::blocked(std::string_view key, std::int64_t now_unix) const {
  return retry_after(key, now_unix) > 0;
}

std::int64_t LoginLimiter::retry_after(std::string_view key, std::int64_t now_unix) const {
  std::lock_guard lock(mutex_);
  auto it = failures_.find(std::string(key));
  if (it == failures_.end()) return 0;
  prune(it->second, now_unix);
  if (static_cast<int>(it->second.size()) < max_failures_) return 0;
  // Blocked until enough of the failures have left the window.
  std::int64_t oldest_counted = it->second[it->second.size() - static_cast<std::size_t>(max_failures_)];
  return oldest_counted + window_seconds_ - now_unix;
}

void LoginLimiter::record_failure(std::string_view key, std::int64_t now_unix) {
  std::lock_guard lock(mutex_);
  auto it = failures_.find(std::string(key));
  if (it == failures_.end()) {
    make_room(now_unix);
    it = failures_.emplace(std::string(key), Failures{}).first;
  }
  prune(it->second, now_unix);
  it->second.push_back(now_unix);
  // More than max_failures entries add nothing: keep the newest ones.
  while (it->second.size() > static_cast<std::size_t>(max_failures_)) it->second.pop_front();
}

void LoginLimiter::reset(std::string_view key) {
  std::lock_guard lock(mutex_);
  failures_.erase(std::string(key));
}

void LoginLimiter::make_room(std::int64_t now_unix) {
  if (failures_.size() < max_keys_) return;
  for (auto it = failures_.begin(); it != failures_.end();) {
    prune(it->second, now_unix);
    it = it->second.empty() ? failures_.erase(it) : std::next(it);
  }
  if (failures_.size() < max_keys_) return;
  // Still full of live keys: drop the one whose newest failure is oldest.
  auto victim = failures_.begin();
  for (auto it = failures_.begin(); it != failures_.end(); ++it) {
    if (it->second.back() < victim->second.back()) victim = it;
  }
  failures_.erase(victim);
}

}  // namespace kulanz::http
