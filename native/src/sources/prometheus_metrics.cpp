#include "bellwether/prometheus_metrics.hpp"

#include <cmath>
#include <map>

#include "bellwether/error.hpp"
#include "bellwether/prometheus.hpp"

namespace bellwether::sources {

std::string expand_query(const std::string& query, const std::map<std::string, std::string>& values,
                         const std::string& field) {
  std::string out;
  std::size_t i = 0;
  while (i < query.size()) {
    const auto open = query.find("{{", i);
    if (open == std::string::npos) break;
    const auto close = query.find("}}", open + 2);
    if (close == std::string::npos) fail(ErrorKind::config, "unclosed {{ in the query", {"", 0, 0, field});
    out += query.substr(i, open - i);
    std::string name = query.substr(open + 2, close - open - 2);
    while (!name.empty() && name.front() == ' ') name.erase(0, 1);
    while (!name.empty() && name.back() == ' ') name.pop_back();
    const auto it = values.find(name);
    if (it == values.end()) fail(ErrorKind::config, "no value for {{" + name + "}} (pass --var " + name + "=...)", {"", 0, 0, field});
    out += it->second;
    i = close + 2;
  }
  return out + query.substr(i);
}

namespace {

// Appends one variant's samples. A range query evaluates the expression at every step, and
// Prometheus' lookback answers a step with the last sample up to 5 minutes old: a step below
// the scrape interval, or a gap in the data, yields copies of one real sample that would fake
// confidence. `timestamp(query)` gives each point's underlying sample time (for selector-based
// queries; for computed ones it is the evaluation time and nothing is dropped): a point whose
// sample time is not newer than the previous point's is a copy and is dropped. Missing steps
// stay missing data.
void add_series(const RangeResult& values, const RangeResult& stamps, double start, double end, double step,
                const std::string& label, TimedSamples& into, std::vector<std::string>& warnings) {
  for (const auto& w : values.warnings) warnings.push_back(label + ": " + w);
  std::size_t points = 0, copies = 0;
  for (std::size_t s = 0; s < values.series.size(); ++s) {
    const auto& series = values.series[s];
    std::map<double, double> sample_time;
    if (s < stamps.series.size()) {
      for (const auto& p : stamps.series[s]) sample_time[p.time] = p.value;
    }
    double previous = -1;
    for (const auto& p : series) {
      ++points;
      const auto it = sample_time.find(p.time);
      if (it != sample_time.end()) {
        if (it->second <= previous) {
          ++copies;
          continue;
        }
        previous = it->second;
      }
      into.add(p.time, p.value);
    }
  }
  if (copies > 0) {
    warnings.push_back(label + ": " + std::to_string(copies) + " of " + std::to_string(points) +
                       " points repeat an older sample (step below the scrape interval, or Prometheus' lookback "
                       "filling a gap); dropped, as missing data");
  }
  const auto expected = static_cast<std::size_t>(std::floor((end - start) / step)) + 1;
  const std::size_t per_series = values.series.empty() ? 0 : points / values.series.size();
  if (!values.series.empty() && per_series < expected) {
    warnings.push_back(label + ": " + std::to_string(expected - per_series) + " of " + std::to_string(expected) +
                       " steps have no sample (a gap); counted as missing data");
  }
}

}  // namespace

MetricsTable fetch_prometheus_metrics(const SloConfig& config, const std::map<std::string, std::string>& vars,
                                      double start, double end, std::vector<std::string>& warnings) {
  if (!config.prometheus) fail(ErrorKind::config, "no source.prometheus in the config and no --metrics file", {config.path, 0, 0, "source"});
  const auto& p = *config.prometheus;
  const PrometheusConnection& connection = p.connection;
  MetricsTable table;
  for (std::size_t i = 0; i < config.metrics.size(); ++i) {
    const auto& metric = config.metrics[i];
    const std::string field = "metrics[" + std::to_string(i) + "].query";
    if (metric.query.empty()) fail(ErrorKind::config, "a Prometheus source needs a query for metric " + metric.name, metric.where);
    auto& series = table.metrics[metric.name];
    for (const bool candidate : {false, true}) {
      auto values = vars;
      values["variant"] = candidate ? config.candidate_variant : config.baseline_variant;
      std::string query;
      try {
        query = expand_query(metric.query, values, field);
      } catch (const Error& e) {
        fail(ErrorKind::config, e.detail(), {config.path, metric.where.line, metric.where.column, field});
      }
      const auto result = range_query(connection, query, start, end, p.step_seconds);
      // Series come back sorted by labels, and timestamp() keeps them, so they pair up.
      const auto stamps = range_query(connection, "timestamp(" + query + ")", start, end, p.step_seconds);
      auto& side = candidate ? series.candidate : series.baseline;
      add_series(result, stamps, start, end, p.step_seconds, metric.name + "/" + (candidate ? "candidate" : "baseline"), side,
                 warnings);
      table.rows += side.size();
      for (const double t : side.timestamps) {
        if (!table.first_timestamp || t < *table.first_timestamp) table.first_timestamp = t;
        if (!table.last_timestamp || t > *table.last_timestamp) table.last_timestamp = t;
      }
    }
  }
  return table;
}

}  // namespace bellwether::sources
