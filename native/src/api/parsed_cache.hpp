#pragma once
// Configs a long-lived process reads again and again (a Jenkins controller sends the same
// policy.yaml with every decide): parsed once, shared read-only. yaml-cpp takes ~200 us for a
// policy, several times the rest of a decide round trip.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <system_error>
#include <unordered_map>

namespace bellwether::api {

template <class Config>
class ParsedCache {
 public:
  explicit ParsedCache(std::size_t capacity) : capacity_(capacity) {}

  // The config parsed from exactly this text (and label). Parse errors are not cached.
  std::shared_ptr<const Config> from_text(const std::string& label, const std::string& text,
                                          const std::function<Config()>& parse) {
    return get(label + '\x1f' + text, parse);
  }

  // The config of a file as it is now: a new modification time or size means a new parse.
  // When the file cannot be examined, `load` runs uncached and reports the problem itself.
  std::shared_ptr<const Config> from_file(const std::filesystem::path& path, const std::function<Config()>& load) {
    std::error_code time_error, size_error;
    const auto time = std::filesystem::last_write_time(path, time_error);
    const auto size = std::filesystem::file_size(path, size_error);
    if (time_error || size_error) return std::make_shared<const Config>(load());
    return get("file\x1f" + std::filesystem::absolute(path).string() + '\x1f' +
                   std::to_string(time.time_since_epoch().count()) + '\x1f' + std::to_string(size),
               load);
  }

 private:
  std::shared_ptr<const Config> get(const std::string& key, const std::function<Config()>& parse) {
    {
      std::lock_guard lock(mutex_);
      if (auto it = entries_.find(key); it != entries_.end()) return it->second;
    }
    // Parsed outside the lock: a slow parse must not hold up other requests.
    auto parsed = std::make_shared<const Config>(parse());
    std::lock_guard lock(mutex_);
    if (entries_.size() >= capacity_) entries_.clear();  // a handful of configs per process is the norm
    entries_.emplace(key, parsed);
    return parsed;
  }

  std::size_t capacity_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const Config>> entries_;
};

}  // namespace bellwether::api
