#include "intent/session_store_redis_url.hpp"

#include <charconv>
#include <cstdlib>
#include <string_view>

#include "bellwether/error.hpp"

namespace bellwether::intent::detail {
namespace {

constexpr std::string_view kExpected =
    "expected redis://[[user]:password@]host[:port][/db] or unix:///path/to/socket";

[[noreturn]] void fail_url(const std::string& why) {
  fail(ErrorKind::config, "Redis URL: " + why + " (" + std::string(kExpected) + ")");
}

int parse_number(std::string_view text, int low, int high, const std::string& what) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || value < low || value > high) {
    fail_url(what + " must be a number from " + std::to_string(low) + " to " + std::to_string(high));
  }
  return value;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decoded(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    const int high = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
    const int low = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
    if (high < 0 || low < 0) fail_url("a '%' in the credentials must start an escape like %40");
    out.push_back(static_cast<char>(high * 16 + low));
    i += 2;
  }
  return out;
}

void read_credentials(std::string_view userinfo, RedisEndpoint& endpoint) {
  const auto colon = userinfo.find(':');
  if (colon == std::string_view::npos) fail_url("credentials must be written :password@ or user:password@");
  endpoint.username = percent_decoded(userinfo.substr(0, colon));
  endpoint.password = percent_decoded(userinfo.substr(colon + 1));
}

void read_host_and_port(std::string_view authority, RedisEndpoint& endpoint) {
  std::string_view port;
  if (authority.starts_with('[')) {  // [::1]:6379
    const auto close = authority.find(']');
    if (close == std::string_view::npos) fail_url("an IPv6 address needs its closing ']'");
    endpoint.host = authority.substr(1, close - 1);
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty() && !after.starts_with(':')) fail_url("unexpected text after the IPv6 address");
    if (!after.empty()) port = after.substr(1);
    if (after == ":") fail_url("the port is empty");
  } else {
    const auto colon = authority.rfind(':');
    endpoint.host = authority.substr(0, colon);
    if (colon != std::string_view::npos) {
      port = authority.substr(colon + 1);
      if (port.empty()) fail_url("the port is empty");
    }
  }
  if (endpoint.host.empty()) fail_url("the host is missing");
  if (!port.empty()) endpoint.port = parse_number(port, 1, 65535, "the port");
}

RedisEndpoint parse_tcp(std::string_view rest) {
  RedisEndpoint endpoint;
  const auto slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (rest.find_first_of("?#") != std::string_view::npos) fail_url("query strings are not supported");
  const auto at = authority.rfind('@');
  if (at != std::string_view::npos) {
    read_credentials(authority.substr(0, at), endpoint);
    authority = authority.substr(at + 1);
  }
  read_host_and_port(authority, endpoint);
  if (slash != std::string_view::npos && slash + 1 < rest.size()) {
    endpoint.database = parse_number(rest.substr(slash + 1), 0, 1 << 20, "the database");
  }
  return endpoint;
}

}  // namespace

std::string RedisEndpoint::shown() const {
  if (!socket_path.empty()) return socket_path;
  const bool ipv6 = host.find(':') != std::string::npos;
  return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

RedisEndpoint parse_redis_url(const std::string& url) {
  const std::string_view text(url);
  RedisEndpoint endpoint;
  if (text.starts_with("redis://")) {
    endpoint = parse_tcp(text.substr(8));
  } else if (text.starts_with("unix://")) {
    endpoint.socket_path = text.substr(7);
    if (!endpoint.socket_path.starts_with('/')) fail_url("a unix socket path must be absolute");
  } else if (text.starts_with("rediss://")) {
    fail_url("TLS (rediss://) is not supported; use a unix socket or a TLS tunnel");
  } else {
    fail_url("unknown scheme");
  }
  if (endpoint.password.empty()) {
    if (const char* from_environment = std::getenv("REDIS_PASSWORD")) endpoint.password = from_environment;
  }
  return endpoint;
}

}  // namespace bellwether::intent::detail
