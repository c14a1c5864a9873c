#pragma once
// Prometheus HTTP API client (instant queries here; range queries come with the live canary
// source). Credentials are read from an environment variable named in the config, never
// taken from argv or written to logs.
#include <string>
#include <vector>

namespace bellwether::sources {

struct PrometheusConnection {
  std::string url;        // base URL, may carry a path prefix (http://host:9090/prom)
  std::string token_env;       // name of an environment variable holding a bearer token
  std::string token_file;      // or a file holding it (e.g. a mounted Kubernetes secret)
  std::string basic_auth_env;  // or an environment variable holding user:password
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

}  // namespace bellwether::sources
