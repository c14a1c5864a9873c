#pragma once
// Metric samples of two variants, as read from a metrics CSV (timestamp,metric,variant,value)
// or fetched from a source.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bellwether {

struct TimedSamples {
  std::vector<double> timestamps;  // unix seconds, any order, repeats allowed
  std::vector<double> values;      // may hold NaN/Inf: the analysis policy decides
  void add(double t, double v) { timestamps.push_back(t); values.push_back(v); }
  std::size_t size() const noexcept { return values.size(); }
};

struct MetricSeries {
  TimedSamples baseline;
  TimedSamples candidate;
};

struct MetricsTable {
  std::map<std::string, MetricSeries> metrics;
  std::optional<double> first_timestamp;  // over every metric and variant
  std::optional<double> last_timestamp;
  std::size_t rows = 0;
};

struct CsvReadOptions {
  // Extra names accepted in the variant column (slo.yaml's variants values, e.g. stable/canary).
  std::string baseline_alias;
  std::string candidate_alias;
};

// Throws Error(input) with file:line:column and the column name on malformed content, and
// Error(source) when the file cannot be read.
MetricsTable read_metrics_csv(const std::filesystem::path& path, const CsvReadOptions& options = {});
MetricsTable parse_metrics_csv(std::string_view text, const std::string& file_label,
                               const CsvReadOptions& options = {});

// One number per line, surrounding blanks and empty lines allowed (R's format(x, digits=17)
// output parses). Throws Error(input) naming file:line:column.
std::vector<double> read_sample_file(const std::filesystem::path& path);
std::vector<double> parse_sample_text(std::string_view text, const std::string& file_label);

}  // namespace bellwether
