#include <cstdlib>
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

double instant_value(const PrometheusConnection& c, const std::string& query, double at) {
  std::string base = c.url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  char time_text[32];
  std::snprintf(time_text, sizeof time_text, "%.3f", at);
  http::Request request;
  request.url = base + "/api/v1/query?query=" + http::url_encode(query) + "&time=" + time_text;
  request.timeout_seconds = c.timeout_seconds;
  request.retries = c.retries;
  request.ca_file = c.ca_file;
  if (!c.token_env.empty()) {
    const char* token = std::getenv(c.token_env.c_str());
    if (!token || !*token) fail(ErrorKind::config, "the environment variable " + c.token_env + " (the Prometheus token) is not set");
    request.headers["Authorization"] = std::string("Bearer ") + token;
  }
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
  const auto& data = body.at("data");
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

}  // namespace bellwether::sources
