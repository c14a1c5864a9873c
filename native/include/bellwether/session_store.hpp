#pragma once
// Where the ChatOps dialogue keeps one session per user+channel(+session id) between turns.
// Several processes may run turns at once (one-shot `bellwether intent` calls, bot workers),
// so every turn is an atomic read-modify-write of its own session under a per-key lock.
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace bellwether::intent {

class SessionStore {
 public:
  virtual ~SessionStore() = default;

  // Runs `turn` on the session stored under `key` (nullopt when none or expired) while holding
  // an exclusive lock on that key (other keys are not blocked); whatever `turn` leaves in the
  // optional is stored with a fresh TTL (nullopt erases it). Exceptions from `turn` leave the
  // stored session unchanged and release the lock.
  virtual void transact(const std::string& key,
                        const std::function<void(std::optional<nlohmann::json>&)>& turn) = 0;

  // The stored session (nullopt when none or expired), without taking the lock.
  virtual std::optional<nlohmann::json> peek(const std::string& key) = 0;
};

// In this process only: thread-safe, one mutex per key, expired sessions purged.
std::unique_ptr<SessionStore> make_memory_store(std::chrono::seconds ttl);

// One file per key in `dir` (created with mode 0700; files 0600), named by the SHA-256 of the
// key so no key can name a path; a flock on a per-key lock file serializes processes; each
// session is written to a temporary file, fsynced and renamed into place. A session file
// that cannot be read back throws Error(input) naming the file.
std::unique_ptr<SessionStore> make_directory_store(std::filesystem::path dir, std::chrono::seconds ttl);

// Redis at `url`: redis://[[user]:password@]host[:port][/db] or unix:///path/to/socket; the
// password may instead come from $REDIS_PASSWORD. Sessions live under
// bellwether:session:<key> (SET ... EX ttl); the lock is bellwether:lock:<key>, taken with a
// random token (SET NX PX 10000) and released only by its holder. Connection and
// authentication failures throw Error(source) naming host:port, never the password.
std::unique_ptr<SessionStore> make_redis_store(const std::string& url, std::chrono::seconds ttl);

// $XDG_STATE_HOME/bellwether, else $HOME/.local/state/bellwether. Throws Error(config) when
// neither variable gives an absolute directory.
std::string default_state_dir();

}  // namespace bellwether::intent
