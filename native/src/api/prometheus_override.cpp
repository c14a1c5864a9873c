#include "api/prometheus_override.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <string>

#include "api/request_fields.hpp"

namespace bellwether::api {
namespace {

constexpr const char* kField = "prometheus";

[[noreturn]] void fail_at(const std::string& key, const std::string& message) {
  RequestFields::fail(std::string(kField) + "." + key, message);
}

// A value that must be a string; the message never quotes it, since it may be a secret.
std::string text_of(const nlohmann::json& object, const std::string& key) {
  const auto& value = object.at(key);
  if (!value.is_string()) fail_at(key, "expected a string, got " + std::string(value.type_name()));
  return value.get<std::string>();
}

bool has(const nlohmann::json& object, const std::string& key) {
  const auto it = object.find(key);
  return it != object.end() && !it->is_null();
}

// RFC 9110 token characters: what a header name may be made of.
bool is_header_name(const std::string& name) {
  static const std::string kSymbols = "!#$%&'*+-.^_`|~";
  return !name.empty() && std::all_of(name.begin(), name.end(), [](unsigned char c) {
    return std::isalnum(c) || kSymbols.find(static_cast<char>(c)) != std::string::npos;
  });
}

// A line break would start another header (or the body): request smuggling.
bool is_header_value(const std::string& value) {
  return std::none_of(value.begin(), value.end(), [](unsigned char c) { return (c < 0x20 && c != '\t') || c == 0x7F; });
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::map<std::string, std::string> headers_of(const nlohmann::json& value) {
  if (!value.is_object()) fail_at("headers", "expected an object {name: value}, got " + std::string(value.type_name()));
  std::map<std::string, std::string> headers;
  for (const auto& [name, header_value] : value.items()) {
    const std::string field = "headers." + name;
    if (!is_header_name(name)) fail_at(field, "not a valid HTTP header name");
    if (lower(name) == "authorization") fail_at(field, "give the credentials as token, or username and password");
    if (!header_value.is_string()) fail_at(field, "expected a string, got " + std::string(header_value.type_name()));
    if (!is_header_value(header_value.get<std::string>())) fail_at(field, "must not contain control characters");
    headers[name] = header_value.get<std::string>();
  }
  return headers;
}

void apply_credentials(const nlohmann::json& value, sources::PrometheusConnection& connection) {
  const bool token = has(value, "token");
  const bool username = has(value, "username");
  const bool password = has(value, "password");
  if (!token && !username && !password) return;
  if (token && (username || password)) fail_at("token", "give token, or username and password, not both");
  if (username != password) {
    fail_at(username ? "password" : "username", std::string("required with ") + (username ? "username" : "password"));
  }
  connection.token_env.clear();
  connection.token_file.clear();
  connection.basic_auth_env.clear();
  if (token) {
    connection.bearer_token = text_of(value, "token");
    if (connection.bearer_token.empty()) fail_at("token", "must not be empty");
    if (!is_header_value(connection.bearer_token)) fail_at("token", "must not contain control characters");
    return;
  }
  connection.basic_user = text_of(value, "username");
  connection.basic_password = text_of(value, "password");
  if (connection.basic_user.empty()) fail_at("username", "must not be empty");
  if (connection.basic_user.find(':') != std::string::npos) fail_at("username", "must not contain ':' (basic auth)");
}

}  // namespace

void apply_prometheus_override(const nlohmann::json& value, SloConfig& config) {
  if (!value.is_object()) {
    RequestFields::fail(kField, "expected an object {url, token, username, password, headers}, got " +
                                    std::string(value.type_name()));
  }
  for (const auto& item : value.items()) {
    static const char* const kKeys[] = {"url", "token", "username", "password", "headers"};
    if (std::find(std::begin(kKeys), std::end(kKeys), item.key()) == std::end(kKeys)) {
      fail_at(item.key(), "unknown field (prometheus takes url, token, username, password, headers)");
    }
  }
  if (!config.prometheus) {
    if (!has(value, "url")) fail_at("url", "required: the config has no source.prometheus");
    PrometheusSettings settings;
    settings.connection.timeout_seconds = 10;  // as for a source.prometheus without a timeout
    config.prometheus = settings;
  }
  auto& connection = config.prometheus->connection;
  if (has(value, "url")) {
    // Not repeated in the message: a URL may carry user:password.
    const std::string url = text_of(value, "url");
    if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
      fail_at("url", "expected an http:// or https:// URL");
    }
    connection.url = url;
  }
  apply_credentials(value, connection);
  if (has(value, "headers")) connection.headers = headers_of(value.at("headers"));
}

}  // namespace bellwether::api
