#pragma once
// slo.yaml: what the canary judge compares, how, and how it decides (format in DESIGN.md).
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bellwether/error.hpp"
#include "bellwether/prometheus.hpp"
#include "bellwether/stats.hpp"

namespace bellwether {

enum class Direction { increase, decrease, both };   // which change is bad
enum class Aggregate { mean, median, p95, max };     // what the slo bound applies to
enum class NoDataPolicy { slow, rollback };

std::string_view to_string(Direction d) noexcept;
std::string_view to_string(Aggregate a) noexcept;
std::string_view to_string(NoDataPolicy p) noexcept;

struct MetricSpec {
  std::string name;
  std::string query;  // only used with a Prometheus source
  Direction direction = Direction::increase;
  std::optional<double> slo;
  Aggregate aggregate = Aggregate::mean;
  double tolerance = 0.10;     // relative to the baseline median
  double tolerance_abs = 0.0;  // absolute; a shift must clear both
  bool critical = false;
  double weight = 1.0;
  SourceLocation where;  // where the metric is defined, for messages
};

struct AnalysisSettings {
  double window_seconds = 300;
  int windows = 6;
  int promote_after = 3;
  int rollback_after = 2;
  double confidence = 0.95;
  int min_samples = 10;
  NoDataPolicy no_data = NoDataPolicy::slow;
  stats::NonFinitePolicy non_finite = stats::NonFinitePolicy::drop;
  bool holm = true;          // Holm correction of p-values across the metrics of a window
  double spike_z = 3.0;      // |z| of a candidate window aggregate that counts as a spike
  stats::EwmaOptions ewma;   // drift detection across windows
};

struct PrometheusSettings {
  sources::PrometheusConnection connection;  // url, credentials, TLS; timeout 10 s unless set
  double step_seconds = 15;
};

struct SloConfig {
  std::string path;  // the file it came from, for messages
  int schema_version = 1;
  AnalysisSettings analysis;
  std::optional<PrometheusSettings> prometheus;
  std::string baseline_variant = "baseline";    // value of {{variant}} for the baseline
  std::string candidate_variant = "candidate";  // and for the candidate
  std::vector<MetricSpec> metrics;
};

// Throws Error(config) with file:line:column and the field on any problem.
SloConfig load_slo_config(const std::filesystem::path& path);
SloConfig parse_slo_config(std::string_view yaml, const std::string& file_label);

// "5m", "30s", "1h30m", "250ms" or a plain number of seconds. Nullopt when malformed.
std::optional<double> parse_duration_seconds(std::string_view text);

}  // namespace bellwether
