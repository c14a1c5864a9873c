// The Redis store: bellwether:session:<key> holds the session JSON with EX ttl;
// bellwether:lock:<key> is a lease (SET NX PX) carrying a random token, so only its holder
// can store a turn's result or release it, even if the lease ran out meanwhile.
#include <algorithm>
#include <cstdint>
#include <random>
#include <thread>

#include "bellwether/error.hpp"
#include "bellwether/session_store.hpp"
#include "intent/session_store_redis_connection.hpp"
#include "intent/session_store_ttl.hpp"

namespace bellwether::intent {
namespace {

using nlohmann::json;
using detail::RedisConnection;

constexpr const char* kLockLease = "10000";  // ms; a crashed holder blocks its key this long
constexpr auto kLockWait = std::chrono::seconds(12);  // longer than a lease, so one crash is survived
constexpr std::chrono::microseconds kShortestPause(500);
constexpr std::chrono::microseconds kLongestPause(16000);

// Stores the turn's result and releases the lock in one step, only while the token still
// holds the lock. KEYS: lock, session. ARGV: token, "set"|"del", value, ttl seconds.
constexpr std::string_view kCommitScript = R"lua(
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[2] == 'set' then
  redis.call('SET', KEYS[2], ARGV[3], 'EX', ARGV[4])
else
  redis.call('DEL', KEYS[2])
end
redis.call('DEL', KEYS[1])
return 1
)lua";

// Compare-and-delete: a holder whose lease ran out must not release its successor's lock.
constexpr std::string_view kReleaseScript = R"lua(
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
)lua";

std::string random_token() {
  std::random_device entropy;
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string token;
  for (int word = 0; word < 4; ++word) {
    const std::uint32_t bits = entropy();
    for (int shift = 28; shift >= 0; shift -= 4) token.push_back(kDigits[(bits >> shift) & 0xfu]);
  }
  return token;
}

// Releases the lock when a turn ends without committing (an exception from the turn or from
// Redis). Best effort: if it fails, the lease runs out by itself.
class LockRelease {
 public:
  LockRelease(RedisConnection& connection, const std::string& lock_key, const std::string& token)
      : connection_(connection), lock_key_(lock_key), token_(token) {}
  LockRelease(const LockRelease&) = delete;
  LockRelease& operator=(const LockRelease&) = delete;
  ~LockRelease() {
    if (committed_ || connection_.broken()) return;
    try {
      connection_.command({"EVAL", kReleaseScript, "1", lock_key_, token_});
    } catch (...) {
      // Nothing better to do in a destructor: the lease runs out by itself.
    }
  }
  void committed() { committed_ = true; }

 private:
  RedisConnection& connection_;
  const std::string& lock_key_;
  const std::string& token_;
  bool committed_ = false;
};

class RedisStore final : public SessionStore {
 public:
  RedisStore(const std::string& url, std::chrono::seconds ttl)
      : pool_(detail::parse_redis_url(url)), ttl_seconds_(std::to_string(ttl.count())) {}

  void transact(const std::string& key, const std::function<void(std::optional<json>&)>& turn) override {
    auto connection = pool_.lease();
    const std::string lock_key = "bellwether:lock:" + key;
    const std::string session_key = "bellwether:session:" + key;
    const std::string token = random_token();
    acquire(*connection, lock_key, token, key);
    LockRelease release(*connection, lock_key, token);
    std::optional<json> session = read(*connection, session_key);
    turn(session);
    const std::string value =
        session ? session->dump(-1, ' ', false, json::error_handler_t::replace) : std::string();
    const detail::RedisReply stored =
        connection->command({"EVAL", kCommitScript, "2", lock_key, session_key, token,
                             session ? "set" : "del", value, ttl_seconds_});
    if (stored->type != REDIS_REPLY_INTEGER || stored->integer != 1) {
      fail(ErrorKind::source, "Redis at " + pool_.shown() + ": the lock on session '" + key +
                                  "' ran out before the turn finished, so the turn was not stored");
    }
    release.committed();
  }

  std::optional<json> peek(const std::string& key) override {
    auto connection = pool_.lease();
    return read(*connection, "bellwether:session:" + key);
  }

 private:
  void acquire(RedisConnection& connection, const std::string& lock_key, const std::string& token,
               const std::string& key) {
    const auto deadline = std::chrono::steady_clock::now() + kLockWait;
    std::minstd_rand jitter(std::random_device{}());
    std::chrono::microseconds pause = kShortestPause;
    for (;;) {
      const detail::RedisReply reply = connection.command({"SET", lock_key, token, "NX", "PX", kLockLease});
      if (reply->type == REDIS_REPLY_STATUS) return;  // +OK: ours; a nil reply: someone else's
      if (std::chrono::steady_clock::now() >= deadline) {
        fail(ErrorKind::source, "Redis at " + pool_.shown() + ": session '" + key +
                                    "' is still locked by another turn after " +
                                    std::to_string(kLockWait.count()) + " s");
      }
      // A random pause in [pause/2, pause] keeps waiters from retrying in lockstep.
      std::uniform_int_distribution<std::chrono::microseconds::rep> between(pause.count() / 2, pause.count());
      std::this_thread::sleep_for(std::chrono::microseconds(between(jitter)));
      pause = std::min(pause * 2, kLongestPause);
    }
  }

  std::optional<json> read(RedisConnection& connection, const std::string& session_key) {
    const detail::RedisReply reply = connection.command({"GET", session_key});
    if (reply->type == REDIS_REPLY_NIL) return std::nullopt;
    json session = reply->type == REDIS_REPLY_STRING
                       ? json::parse(std::string_view(reply->str, reply->len), nullptr, false)
                       : json(json::value_t::discarded);
    if (session.is_discarded()) {
      fail(ErrorKind::input, "Redis at " + pool_.shown() + ": " + session_key +
                                 " does not hold a JSON session; delete it to start a new conversation");
    }
    return session;
  }

  detail::RedisPool pool_;
  const std::string ttl_seconds_;
};

}  // namespace

std::unique_ptr<SessionStore> make_redis_store(const std::string& url, std::chrono::seconds ttl) {
  detail::check_session_ttl(ttl);
  return std::make_unique<RedisStore>(url, ttl);
}

}  // namespace bellwether::intent
