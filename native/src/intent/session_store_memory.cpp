// The in-process store: a map of slots, each with its own mutex, so a slow turn on one key
// never blocks another key.
#include <map>
#include <mutex>

#include "bellwether/session_store.hpp"
#include "intent/session_store_ttl.hpp"

namespace bellwether::intent {
namespace {

using Clock = std::chrono::steady_clock;

struct Slot {
  std::mutex turn;  // held for the whole turn on this key
  std::optional<nlohmann::json> session;
  Clock::time_point expires_at{};
  bool live(Clock::time_point now) const { return session.has_value() && now < expires_at; }
};

class MemoryStore final : public SessionStore {
 public:
  explicit MemoryStore(std::chrono::seconds ttl) : ttl_(ttl) {}

  void transact(const std::string& key,
                const std::function<void(std::optional<nlohmann::json>&)>& turn) override {
    with_slot(key, [&](Slot& slot) {
      const auto now = Clock::now();
      std::optional<nlohmann::json> session;
      if (slot.live(now)) session = slot.session;
      turn(session);
      slot.session = std::move(session);
      slot.expires_at = Clock::now() + ttl_;
    });
  }

  std::optional<nlohmann::json> peek(const std::string& key) override {
    std::optional<nlohmann::json> copy;
    with_slot(key, [&](Slot& slot) {
      if (slot.live(Clock::now())) copy = slot.session;
    });
    return copy;
  }

 private:
  // A slot's session and turn mutex are touched only by a caller counted in `users`, and
  // `users` changes only under `slots_mutex_`, so a slot with no users can be erased safely.
  struct Entry {
    std::unique_ptr<Slot> slot = std::make_unique<Slot>();
    int users = 0;
  };

  template <typename Use>
  void with_slot(const std::string& key, Use use) {
    Slot* slot = nullptr;
    {
      std::lock_guard lock(slots_mutex_);
      purge_expired_if_due();
      Entry& entry = slots_[key];
      ++entry.users;
      slot = entry.slot.get();
    }
    try {
      std::lock_guard turn_lock(slot->turn);
      use(*slot);
    } catch (...) {
      release(key);
      throw;
    }
    release(key);
  }

  void release(const std::string& key) {
    std::lock_guard lock(slots_mutex_);
    auto found = slots_.find(key);
    if (--found->second.users == 0 && !found->second.slot->live(Clock::now())) slots_.erase(found);
  }

  // Sessions nobody comes back to would otherwise stay forever; one sweep per TTL is enough.
  void purge_expired_if_due() {
    const auto now = Clock::now();
    if (now < next_purge_) return;
    next_purge_ = now + ttl_;
    std::erase_if(slots_, [now](const auto& item) {
      return item.second.users == 0 && !item.second.slot->live(now);
    });
  }

  const std::chrono::seconds ttl_;
  std::mutex slots_mutex_;
  std::map<std::string, Entry> slots_;
  Clock::time_point next_purge_{};
};

}  // namespace

std::unique_ptr<SessionStore> make_memory_store(std::chrono::seconds ttl) {
  detail::check_session_ttl(ttl);
  return std::make_unique<MemoryStore>(ttl);
}

}  // namespace bellwether::intent
