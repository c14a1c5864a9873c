#include "intent/session_store_redis_connection.hpp"

#include <pthread.h>
#include <signal.h>
#include <sys/time.h>

#include <ctime>

#include "bellwether/error.hpp"

namespace bellwether::intent::detail {
namespace {

constexpr timeval kConnectTimeout{5, 0};
constexpr timeval kCommandTimeout{10, 0};
constexpr std::size_t kMaxIdleConnections = 8;

// hiredis writes with write(), which raises SIGPIPE when Redis has closed the connection; the
// default action would kill a bot worker. The signal is blocked in this thread around the
// call and a SIGPIPE it raised is consumed, so the failure arrives as EPIPE instead.
class SigpipeBlocked {
 public:
  SigpipeBlocked() {
    sigemptyset(&pipe_only_);
    sigaddset(&pipe_only_, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_only_, &previous_mask_);
    was_pending_ = pipe_pending();
  }
  SigpipeBlocked(const SigpipeBlocked&) = delete;
  SigpipeBlocked& operator=(const SigpipeBlocked&) = delete;
  ~SigpipeBlocked() {
    if (!was_pending_ && pipe_pending()) {
      const timespec no_wait{0, 0};
      sigtimedwait(&pipe_only_, nullptr, &no_wait);
    }
    pthread_sigmask(SIG_SETMASK, &previous_mask_, nullptr);
  }

 private:
  static bool pipe_pending() {
    sigset_t pending;
    sigemptyset(&pending);
    sigpending(&pending);
    return sigismember(&pending, SIGPIPE) == 1;
  }
  sigset_t pipe_only_{};
  sigset_t previous_mask_{};
  bool was_pending_ = false;
};

std::string scrubbed(std::string text, const std::string& secret) {
  if (secret.empty()) return text;
  for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 4)) {
    text.replace(at, secret.size(), "****");
  }
  return text;
}

}  // namespace

RedisConnection::RedisConnection(const RedisEndpoint& endpoint)
    : shown_(endpoint.shown()), password_(endpoint.password) {
  redisContext* context =
      endpoint.socket_path.empty()
          ? redisConnectWithTimeout(endpoint.host.c_str(), endpoint.port, kConnectTimeout)
          : redisConnectUnixWithTimeout(endpoint.socket_path.c_str(), kConnectTimeout);
  if (context == nullptr) fail(ErrorKind::source, "cannot connect to Redis at " + shown_ + ": out of memory");
  context_.reset(context);
  if (context->err != 0) fail_with(std::string("cannot connect to Redis at ") + shown_ + ": " + context->errstr);
  if (redisSetTimeout(context, kCommandTimeout) != REDIS_OK) {
    fail_with("cannot set the command timeout for Redis at " + shown_);
  }
  if (!endpoint.password.empty()) {
    std::vector<std::string_view> auth{"AUTH"};
    if (!endpoint.username.empty()) auth.emplace_back(endpoint.username);
    auth.emplace_back(endpoint.password);
    const RedisReply reply = send(auth);
    if (reply->type == REDIS_REPLY_ERROR) {
      fail_with("Redis at " + shown_ + " refused the credentials: " + scrubbed(reply->str, password_));
    }
  }
  if (endpoint.database != 0) command({"SELECT", std::to_string(endpoint.database)});
  // A server that wants a password we do not have answers NOAUTH only now; better here, when
  // the store is made, than in the middle of a chat turn.
  command({"PING"});
}

RedisReply RedisConnection::send(const std::vector<std::string_view>& arguments) {
  if (broken_) fail_with("the connection to Redis at " + shown_ + " was lost earlier");
  std::vector<const char*> pointers;
  std::vector<std::size_t> lengths;
  for (const std::string_view argument : arguments) {
    pointers.push_back(argument.data());
    lengths.push_back(argument.size());
  }
  void* raw = nullptr;
  {
    const SigpipeBlocked no_sigpipe;
    raw = redisCommandArgv(context_.get(), static_cast<int>(arguments.size()), pointers.data(), lengths.data());
  }
  if (raw == nullptr) {
    broken_ = true;
    fail_with("lost the connection to Redis at " + shown_ + ": " + context_->errstr);
  }
  return RedisReply(static_cast<redisReply*>(raw));
}

RedisReply RedisConnection::command(const std::vector<std::string_view>& arguments) {
  RedisReply reply = send(arguments);
  if (reply->type == REDIS_REPLY_ERROR) {
    fail_with("Redis at " + shown_ + " answered " + std::string(arguments.front()) + " with: " +
              scrubbed(reply->str, password_));
  }
  return reply;
}

void RedisConnection::fail_with(const std::string& message) const {
  fail(ErrorKind::source, scrubbed(message, password_));
}

RedisPool::RedisPool(RedisEndpoint endpoint) : endpoint_(std::move(endpoint)), shown_(endpoint_.shown()) {
  idle_.push_back(std::make_unique<RedisConnection>(endpoint_));
}

RedisPool::Lease RedisPool::lease() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(connection));
    }
  }
  return Lease(*this, std::make_unique<RedisConnection>(endpoint_));
}

void RedisPool::give_back(std::unique_ptr<RedisConnection> connection) {
  if (!connection || connection->broken()) return;
  std::lock_guard lock(mutex_);
  if (idle_.size() < kMaxIdleConnections) idle_.push_back(std::move(connection));
}

}  // namespace bellwether::intent::detail
