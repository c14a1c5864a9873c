#include "bellwether/rate_limit.hpp"

#include <string>

#include "bellwether/error.hpp"

namespace bellwether::intent {

RateLimiter::RateLimiter(int max_requests, std::chrono::seconds window)
    : max_requests_(max_requests), window_(window) {
  if (max_requests_ > 0 && window.count() < 1) {
    fail(ErrorKind::config, "rate limit window must be at least 1 second, got " + std::to_string(window.count()));
  }
}

bool RateLimiter::allow(const std::string& user, TimePoint now) {
  if (max_requests_ <= 0) return true;
  std::lock_guard lock(mutex_);
  forget_idle_users(now);
  auto& granted = granted_[user];
  // The window is (now - window, now]: a request exactly one window old no longer counts.
  while (!granted.empty() && granted.front() <= now - window_) granted.pop_front();
  if (granted.size() >= static_cast<std::size_t>(max_requests_)) return false;
  granted.push_back(now);
  return true;
}

// Users who went quiet would otherwise stay in the map forever; one sweep per window is enough.
void RateLimiter::forget_idle_users(TimePoint now) {
  if (now < next_sweep_) return;
  next_sweep_ = now + window_;
  std::erase_if(granted_, [&](const auto& item) {
    return item.second.empty() || item.second.back() <= now - window_;
  });
}

}  // namespace bellwether::intent
