#pragma once
// Redis connections over hiredis for the session store: one blocking connection per user at a
// time (hiredis contexts are not thread-safe), kept in a small pool between turns.
#include <hiredis/hiredis.h>

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "intent/session_store_redis_url.hpp"

namespace bellwether::intent::detail {

struct ReplyDeleter {
  void operator()(redisReply* reply) const { freeReplyObject(reply); }
};
using RedisReply = std::unique_ptr<redisReply, ReplyDeleter>;

class RedisConnection {
 public:
  // Connects (5 s timeout), authenticates and selects the database. Throws Error(source)
  // naming endpoint.shown(), never the password.
  explicit RedisConnection(const RedisEndpoint& endpoint);

  // Sends one command (binary-safe arguments) and returns its reply. Throws Error(source) on
  // an I/O failure (the connection is then broken()) or an error reply.
  RedisReply command(const std::vector<std::string_view>& arguments);

  bool broken() const { return broken_; }
  const std::string& shown() const { return shown_; }

 private:
  struct ContextDeleter {
    void operator()(redisContext* context) const { redisFree(context); }
  };
  RedisReply send(const std::vector<std::string_view>& arguments);
  [[noreturn]] void fail_with(const std::string& message) const;

  std::unique_ptr<redisContext, ContextDeleter> context_;
  std::string shown_;
  std::string password_;  // only to scrub it from any server message we repeat
  bool broken_ = false;
};

class RedisPool {
 public:
  // Opens the first connection right away so that a wrong address or password is reported
  // when the store is made, not at the first chat turn.
  explicit RedisPool(RedisEndpoint endpoint);

  // A connection for one caller; back to the pool when the lease ends, unless broken.
  class Lease {
   public:
    Lease(RedisPool& pool, std::unique_ptr<RedisConnection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() { pool_.give_back(std::move(connection_)); }
    RedisConnection& operator*() const { return *connection_; }
    RedisConnection* operator->() const { return connection_.get(); }

   private:
    RedisPool& pool_;
    std::unique_ptr<RedisConnection> connection_;
  };

  Lease lease();
  const std::string& shown() const { return shown_; }

 private:
  void give_back(std::unique_ptr<RedisConnection> connection);

  const RedisEndpoint endpoint_;
  const std::string shown_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<RedisConnection>> idle_;
};

}  // namespace bellwether::intent::detail
