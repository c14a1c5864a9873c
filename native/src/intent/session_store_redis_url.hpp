#pragma once
// Where a Redis store connects, read from redis://[[user]:password@]host[:port][/db] or
// unix:///path/to/socket.
#include <string>

namespace bellwether::intent::detail {

struct RedisEndpoint {
  std::string host;         // empty for a unix socket
  int port = 6379;
  std::string socket_path;  // empty for TCP
  std::string username;     // Redis 6 ACL user; empty: the default user
  std::string password;     // empty: no AUTH
  int database = 0;

  // host:port or the socket path, for messages (never the password).
  std::string shown() const;
};

// Percent-escapes in the credentials are decoded; without a password in the URL,
// $REDIS_PASSWORD is used when set. Throws Error(config) that never repeats the URL, since it
// may hold the password.
RedisEndpoint parse_redis_url(const std::string& url);

}  // namespace bellwether::intent::detail
