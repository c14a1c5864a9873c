#pragma once
// Prometheus HTTP API client (instant queries here; range queries come with the live canary
// source). Credentials are read from an environment variable or file named in the config, or
// handed over in memory by a surface that holds them (the Jenkins plugin's credentials); never
// taken from argv or written to logs, answers or messages.
#include <map>
#include <string>
#include <vector>

namespace bellwether::sources {

struct PrometheusConnection {
  std::string url;        // base URL, may carry a path prefix (http://host:9090/prom)
  std::string token_env;       // name of an environment variable holding a bearer token
  std::string token_file;      // or a file holding it (e.g. a mounted Kubernetes secret)
  std::string basic_auth_env;  // or an environment variable holding user:password
  // Given in memory; either one replaces the three settings above.
  std::string bearer_token;
  std::string basic_user, basic_password;  // basic auth when basic_user is not empty
  // Sent with every request, e.g. a tenant header (X-Scope-OrgID) of Mimir, Cortex or Thanos.
  std::map<std::string, std::string> headers;
  std::string ca_file;
  double timeout_seconds = 5;
  int retries = 2;
};

// The value of an instant query at `at` (unix seconds): a scalar, or a vector with exactly one
// sample. Throws Error(source) naming the cause: Prometheus' own error (bad_data, timeout, …),
// an empty result, several series, a non-numeric value; Error(http) when it cannot be reached;
// Error(config) when the token variable is named but not set.
double instant_value(const PrometheusConnection& connection, const std::string& query, double at);

struct TimedValue {
  double time = 0;
  double value = 0;
};

struct RangeResult {
  std::vector<std::vector<TimedValue>> series;  // one list per returned series, time-ordered
  std::vector<std::string> warnings;            // Prometheus' own `warnings`
};

// /api/v1/query_range over [start, end] at `step` seconds. Errors as instant_value; an empty
// result is returned (the caller decides what missing data means).
RangeResult range_query(const PrometheusConnection& connection, const std::string& query, double start, double end,
                        double step);

// The headers every request carries: Authorization from the credentials (in memory first, then
// the named variable or file) and the extra headers. Exposed for tests; Error(config) as above.
std::map<std::string, std::string> request_headers(const PrometheusConnection& connection);

}  // namespace bellwether::sources
