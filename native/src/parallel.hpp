#pragma once
// Runs f(0..count-1) on the machine's cores, for independent work only (per metric, per merged
// series); results are placed by index, so nothing depends on scheduling.
#include <algorithm>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace bellwether {

template <typename F>
void parallel_for(std::size_t count, std::size_t total_samples, F&& f) {
  // Below this much data a thread costs more than it saves.
  constexpr std::size_t kSamplesPerThread = 20000;
  const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t threads = std::min({cores, count, std::max<std::size_t>(1, total_samples / kSamplesPerThread)});
  if (threads <= 1) {
    for (std::size_t i = 0; i < count; ++i) f(i);
    return;
  }
  std::vector<std::exception_ptr> errors(threads);
  auto run = [&](std::size_t t) {
    try {
      for (std::size_t i = t; i < count; i += threads) f(i);
    } catch (...) {
      errors[t] = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(run, t);
  run(0);
  for (auto& t : pool) t.join();
  for (auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

}  // namespace bellwether
