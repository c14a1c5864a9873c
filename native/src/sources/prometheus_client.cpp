#include <cstdlib>
#include <fstream>
#include <optional>
#include <nlohmann/json.hpp>

#include "bellwether/error.hpp"
#include "bellwether/http.hpp"
#include "bellwether/prometheus.hpp"

namespace bellwether::sources {
namespace {

double sample_value(const nlohmann::json& pair, const std::string& query) {
  // [ <unix time>, "<value>" ]: Prometheus sends the value as a string (it may be NaN/Inf).
  if (!pair.is_array() || pair.size() != 2 || !pair[1].is_string()) {
    fail(ErrorKind::source, "unexpected sample format for query " + query);
  }
  const std::string text = pair[1].get<std::string>();
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || *end != '\0') fail(ErrorKind::source, "query " + query + " returned a non-number \"" + text + "\"");
  return v;
}

}  // namespace

namespace {

std::string base64(const std::string& in) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const unsigned v = (static_cast<unsigned>(static_cast<unsigned char>(in[i])) << 16u) |
                       (static_cast<unsigned>(static_cast<unsigned char>(in[i + 1])) << 8u) |
                       static_cast<unsigned>(static_cast<unsigned char>(in[i + 2]));
    for (unsigned shift : {18u, 12u, 6u, 0u}) out += kAlphabet[(v >> shift) & 63u];
  }
  if (i < in.size()) {
    unsigned v = static_cast<unsigned>(static_cast<unsigned char>(in[i])) << 16u;
    if (i + 1 < in.size()) v |= static_cast<unsigned>(static_cast<unsigned char>(in[i + 1])) << 8u;
    out += kAlphabet[(v >> 18u) & 63u];
    out += kAlphabet[(v >> 12u) & 63u];
    out += i + 1 < in.size() ? kAlphabet[(v >> 6u) & 63u] : '=';
    out += '=';
  }
  return out;
}

// The Authorization header from the configured secret: given in memory, or read from the
// environment or a file at the moment of the request. The secret itself is never in the
// config, argv or a message.
std::optional<std::string> authorization_header(const PrometheusConnection& c) {
  if (!c.bearer_token.empty()) return "Bearer " + c.bearer_token;
  if (!c.basic_user.empty()) return "Basic " + base64(c.basic_user + ":" + c.basic_password);
  auto from_env = [](const std::string& name, const char* what) {
    const char* value = std::getenv(name.c_str());
    if (!value || !*value) fail(ErrorKind::config, "the environment variable " + name + " (" + what + ") is not set");
    return std::string(value);
  };
  if (!c.token_env.empty()) return "Bearer " + from_env(c.token_env, "the Prometheus token");
  if (!c.token_file.empty()) {
    std::ifstream in(c.token_file);
    std::string token;
    if (!in || !std::getline(in, token) || token.empty()) {
      fail(ErrorKind::config, "cannot read a token from the file", {c.token_file, 0, 0, "token_file"});
    }
    while (!token.empty() && (token.back() == '\r' || token.back() == ' ')) token.pop_back();
    return "Bearer " + token;
  }
  if (!c.basic_auth_env.empty()) {
    const std::string user_password = from_env(c.basic_auth_env, "user:password for Prometheus");
    if (user_password.find(':') == std::string::npos) {
      fail(ErrorKind::config, "the environment variable " + c.basic_auth_env + " must hold user:password");
    }
    return "Basic " + base64(user_password);
  }
  return std::nullopt;
}

// GET an API path and return `data`, turning every failure into a message a person can act on.
nlohmann::json api_get(const PrometheusConnection& c, const std::string& path_and_query, std::vector<std::string>* warnings) {
  std::string base = c.url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  http::Request request;
  request.url = base + path_and_query;
  request.timeout_seconds = c.timeout_seconds;
  request.retries = c.retries;
  request.ca_file = c.ca_file;
  request.headers = request_headers(c);
  const auto response = http::get(request);
  nlohmann::json body;
  try {
    body = nlohmann::json::parse(response.body);
  } catch (const nlohmann::json::parse_error&) {
    fail(ErrorKind::source, "Prometheus answered HTTP " + std::to_string(response.status) + " without JSON");
  }
  if (body.value("status", "") != "success") {
    fail(ErrorKind::source, "Prometheus rejected the query (" + body.value("errorType", "error") + "): " +
                                body.value("error", "HTTP " + std::to_string(response.status)));
  }
  if (warnings && body.contains("warnings") && body["warnings"].is_array()) {
    for (const auto& w : body["warnings"]) warnings->push_back("Prometheus: " + w.get<std::string>());
  }
  return body.at("data");
}

std::string seconds_text(double t) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f", t);
  return buffer;
}

}  // namespace

std::map<std::string, std::string> request_headers(const PrometheusConnection& c) {
  std::map<std::string, std::string> headers = c.headers;
  if (const auto authorization = authorization_header(c)) headers["Authorization"] = *authorization;
  return headers;
}

double instant_value(const PrometheusConnection& c, const std::string& query, double at) {
  const auto data = api_get(c, "/api/v1/query?query=" + http::url_encode(query) + "&time=" + seconds_text(at), nullptr);
  const std::string type = data.value("resultType", "");
  const auto& result = data.at("result");
  if (type == "scalar") return sample_value(result, query);
  if (type != "vector") fail(ErrorKind::source, "query " + query + " returned a " + type + ", expected one number");
  if (result.empty()) fail(ErrorKind::source, "query " + query + " returned no data");
  if (result.size() > 1) {
    fail(ErrorKind::source, "query " + query + " returned " + std::to_string(result.size()) + " series, expected one");
  }
  return sample_value(result[0].at("value"), query);
}

RangeResult range_query(const PrometheusConnection& c, const std::string& query, double start, double end, double step) {
  RangeResult out;
  const auto data = api_get(c, "/api/v1/query_range?query=" + http::url_encode(query) + "&start=" + seconds_text(start) +
                                   "&end=" + seconds_text(end) + "&step=" + seconds_text(step),
                            &out.warnings);
  if (data.value("resultType", "") != "matrix") fail(ErrorKind::source, "query " + query + " did not return a range (matrix)");
  for (const auto& series : data.at("result")) {
    std::vector<TimedValue> values;
    for (const auto& pair : series.at("values")) values.push_back({pair.at(0).get<double>(), sample_value(pair, query)});
    out.series.push_back(std::move(values));
  }
  return out;
}

}  // namespace bellwether::sources
