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

namespace {

// GET an API path and return `data`, turning every failure into a message a person can act on.
nlohmann::json api_get(const PrometheusConnection& c, const std::string& path_and_query, std::vector<std::string>* warnings) {
  std::string base = c.url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  http::Request request;
  request.url = base + path_and_query;
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
