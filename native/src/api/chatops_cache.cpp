#include "api/chatops_cache.hpp"

#include <list>
#include <map>

namespace bellwether::api {
namespace {

struct Entry {
  std::string stamp;
  CachedChatOps service;
  std::list<std::string>::iterator recent;  // position in Cache::recent
};

struct Cache {
  std::mutex mutex;
  std::map<std::string, Entry> entries;
  std::list<std::string> recent;  // most recently used first
};

// Never destroyed: a JVM may still call in from another thread while the process exits, and
// destroying services at exit would race with such a call.
Cache& cache() {
  static auto* instance = new Cache();
  return *instance;
}

}  // namespace

CachedChatOps chatops_for(const std::string& key, const std::string& stamp, const intent::ChatOpsOptions& options) {
  Cache& c = cache();
  // Built under the lock: two first calls with one configuration must share one service (one
  // memory store), and building is rare next to the turns that use it.
  std::lock_guard lock(c.mutex);
  auto it = c.entries.find(key);
  if (it != c.entries.end() && it->second.stamp == stamp) {
    c.recent.splice(c.recent.begin(), c.recent, it->second.recent);
    return it->second.service;
  }
  CachedChatOps service{std::make_shared<intent::ChatOps>(options),
                        options.llm ? std::make_shared<std::mutex>() : nullptr};
  if (it != c.entries.end()) {
    c.recent.erase(it->second.recent);
    c.entries.erase(it);
  }
  while (c.entries.size() >= kMaxServices) {
    c.entries.erase(c.recent.back());
    c.recent.pop_back();
  }
  c.recent.push_front(key);
  c.entries.emplace(key, Entry{stamp, service, c.recent.begin()});
  return service;
}

}  // namespace bellwether::api
