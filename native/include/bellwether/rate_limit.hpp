#pragma once
// How many chat requests one user may make in a sliding window, so a runaway script or a
// stuck client cannot flood Jenkins with builds.
#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace bellwether::intent {

class RateLimiter {
 public:
  // At most `max_requests` per user in any `window`; max_requests <= 0 turns the limit off.
  // Throws Error(config) for a limit with a window shorter than one second.
  RateLimiter(int max_requests, std::chrono::seconds window);

  // True when `user` may make a request at `now`, which then counts against the window;
  // a refused request does not count. Thread-safe.
  bool allow(const std::string& user, std::chrono::steady_clock::time_point now);

 private:
  using TimePoint = std::chrono::steady_clock::time_point;
  void forget_idle_users(TimePoint now);

  int max_requests_;
  std::chrono::steady_clock::duration window_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::deque<TimePoint>> granted_;  // per user, oldest first
  TimePoint next_sweep_{};
};

}  // namespace bellwether::intent
