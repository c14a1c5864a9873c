// The state-directory store: <dir>/<sha256(key)>.session holds {key, expires_at_ms, session};
// <dir>/<sha256(key)>.lock is the flock that serializes turns on that key across processes.
#include <cstdint>
#include <mutex>
#include <set>

#include "bellwether/error.hpp"
#include "bellwether/session_store.hpp"
#include "intent/session_store_key_lock.hpp"
#include "intent/session_store_private_files.hpp"
#include "intent/session_store_sha256.hpp"
#include "intent/session_store_ttl.hpp"

namespace bellwether::intent {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr std::size_t kDigestLength = 64;
constexpr const char* kSessionSuffix = ".session";
constexpr const char* kLockSuffix = ".lock";

std::int64_t unix_millis_now() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

struct StoredSession {
  std::string key;
  std::int64_t expires_at_ms = 0;
  json session;
};

[[noreturn]] void fail_corrupt(const fs::path& file, const std::string& why) {
  fail(ErrorKind::input, "corrupt session file (" + why + "); delete it to start a new conversation",
       {file.string(), 0, 0, ""});
}

std::optional<StoredSession> read_stored(const fs::path& file) {
  const auto content = detail::read_file_if_present(file);
  if (!content) return std::nullopt;
  const json stored = json::parse(*content, nullptr, false);
  if (stored.is_discarded()) fail_corrupt(file, "not valid JSON");
  if (!stored.is_object()) fail_corrupt(file, "expected a JSON object");
  const auto key = stored.find("key");
  const auto expires = stored.find("expires_at_ms");
  const auto session = stored.find("session");
  if (key == stored.end() || !key->is_string()) fail_corrupt(file, "missing the string 'key'");
  if (expires == stored.end() || !expires->is_number_integer()) {
    fail_corrupt(file, "missing the integer 'expires_at_ms'");
  }
  if (session == stored.end()) fail_corrupt(file, "missing 'session'");
  return StoredSession{key->get<std::string>(), expires->get<std::int64_t>(), *session};
}

class DirectoryStore final : public SessionStore {
 public:
  DirectoryStore(fs::path dir, std::chrono::seconds ttl) : dir_(std::move(dir)), ttl_(ttl) {
    detail::create_private_directories(dir_);
    purge_expired();
  }

  void transact(const std::string& key, const std::function<void(std::optional<json>&)>& turn) override {
    purge_expired_if_due();
    const std::string digest = detail::sha256_hex(key);
    const fs::path file = session_file(digest);
    detail::KeyLock lock(lock_file(digest));
    std::optional<json> session = live_session(file, key);
    turn(session);
    if (session) {
      const json stored = {{"key", key},
                           {"expires_at_ms", unix_millis_now() + ttl_millis()},
                           {"session", std::move(*session)}};
      detail::replace_private_file(file, stored.dump(-1, ' ', false, json::error_handler_t::replace));
    } else {
      detail::remove_file_if_present(file);
      lock.remove_and_release();
    }
  }

  // A session file is only ever replaced by rename, so reading it without the lock sees a
  // whole session, old or new.
  std::optional<json> peek(const std::string& key) override {
    return live_session(session_file(detail::sha256_hex(key)), key);
  }

 private:
  fs::path session_file(const std::string& digest) const { return dir_ / (digest + kSessionSuffix); }
  fs::path lock_file(const std::string& digest) const { return dir_ / (digest + kLockSuffix); }
  std::int64_t ttl_millis() const { return std::chrono::milliseconds(ttl_).count(); }

  static std::optional<json> live_session(const fs::path& file, const std::string& key) {
    auto stored = read_stored(file);
    if (!stored) return std::nullopt;
    if (stored->key != key) fail_corrupt(file, "it holds the session of another key");
    if (unix_millis_now() >= stored->expires_at_ms) return std::nullopt;
    return std::move(stored->session);
  }

  // One thread sweeps while the others go on with their turns.
  void purge_expired_if_due() {
    std::unique_lock sweeping(purge_mutex_, std::try_to_lock);
    if (sweeping && std::chrono::steady_clock::now() >= next_purge_) purge_expired();
  }

  // Removes expired sessions and lock files left without a session (a turn that threw on a
  // new key), skipping keys that are busy right now. Corrupt files stay: they are reported
  // when their key is used. Best effort: a failure here must not fail the caller's turn.
  void purge_expired() {
    next_purge_ = std::chrono::steady_clock::now() + ttl_;
    std::set<std::string> digests;
    std::error_code error;
    for (fs::directory_iterator entry(dir_, error), end; !error && entry != end; entry.increment(error)) {
      const std::string name = entry->path().filename().string();
      if (name.size() > kDigestLength &&
          (name.ends_with(kSessionSuffix) || name.ends_with(kLockSuffix))) {
        digests.insert(name.substr(0, kDigestLength));
      }
    }
    for (const std::string& digest : digests) {
      try {
        detail::KeyLock lock = detail::KeyLock::try_lock(lock_file(digest));
        if (!lock.held()) continue;
        const auto stored = read_stored(session_file(digest));
        if (stored && unix_millis_now() < stored->expires_at_ms) continue;
        detail::remove_file_if_present(session_file(digest));
        lock.remove_and_release();
      } catch (const Error&) {
        continue;
      }
    }
  }

  const fs::path dir_;
  const std::chrono::seconds ttl_;
  std::mutex purge_mutex_;                               // guards next_purge_
  std::chrono::steady_clock::time_point next_purge_{};
};

}  // namespace

std::unique_ptr<SessionStore> make_directory_store(std::filesystem::path dir, std::chrono::seconds ttl) {
  detail::check_session_ttl(ttl);
  return std::make_unique<DirectoryStore>(std::move(dir), ttl);
}

}  // namespace bellwether::intent
