#pragma once
// The metrics of slo.yaml fetched from Prometheus: each query is a template whose {{variant}}
// becomes the configured baseline or candidate value and whose other {{name}}s come from
// --var name=value; each range result becomes that metric's samples.
#include <map>
#include <string>
#include <vector>

#include "bellwether/metrics.hpp"
#include "bellwether/slo_config.hpp"

namespace bellwether::sources {

// Throws Error(config) for a metric without a query or a {{name}} with no value; Error(source)
// or Error(http) when Prometheus fails. Quality problems become warnings: points that repeat an
// older sample (a step below the scrape interval, or the lookback filling a gap; found with
// timestamp() and dropped) and missing steps; both stay missing data.
MetricsTable fetch_prometheus_metrics(const SloConfig& config, const std::map<std::string, std::string>& vars,
                                      double start, double end, std::vector<std::string>& warnings);

// {{name}} substitution; exposed for tests.
std::string expand_query(const std::string& query, const std::map<std::string, std::string>& values,
                         const std::string& field);

}  // namespace bellwether::sources
