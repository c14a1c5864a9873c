#pragma once
// The canary judge: per metric and window classify pass | high | low | nodata | error, combine
// into a window status and score, and decide promote | slow | rollback window by window in time
// order, as a live canary would (the first decisive window ends the analysis).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bellwether/metrics.hpp"
#include "bellwether/slo_config.hpp"
#include "bellwether/stats.hpp"

namespace bellwether {

enum class Classification { pass, high, low, nodata, error };
enum class WindowStatus { pass, marginal, fail, nodata };
enum class Action { promote, slow, rollback };

std::string_view to_string(Classification c) noexcept;
std::string_view to_string(WindowStatus s) noexcept;
std::string_view to_string(Action a) noexcept;

struct SideSummary {
  std::size_t n = 0;
  std::size_t dropped = 0;  // non-finite values removed by the policy
  double median = 0;
  double p25 = 0;  // the band drawn in the report
  double p75 = 0;
  double mean = 0;
  double p95 = 0;
  double aggregate = 0;  // the metric's configured aggregate
};

struct MetricResult {
  std::string name;
  Classification classification = Classification::nodata;
  bool critical = false;
  Direction direction = Direction::increase;
  std::optional<stats::MannWhitneyResult> test;
  std::optional<stats::MeanDifference> mean_difference;  // Welch interval, same confidence
  double p_adjusted = 0;  // Holm-adjusted across the window's metrics (or raw when off)
  stats::EffectSizes effect;
  SideSummary baseline, candidate;
  double band = 0;  // absolute shift that is still acceptable: max(tol * |median|, tol_abs)
  double tolerance = 0, tolerance_abs = 0;
  std::optional<double> slo;
  Aggregate aggregate = Aggregate::mean;
  bool slo_breached = false;
  std::optional<double> z;  // candidate window aggregate vs the baseline's window aggregates
  bool spike = false;
  std::optional<double> ewma;        // EWMA of (candidate - baseline) window aggregates
  std::optional<double> ewma_limit;  // its control limit in the bad direction
  bool drift = false;
  std::string reason;  // one line a person can check
};

struct WindowResult {
  int index = 0;
  double start = 0, end = 0;  // unix seconds, [start, end)
  WindowStatus status = WindowStatus::nodata;
  bool critical_failure = false;
  double score = 0;  // 0-100
  std::vector<MetricResult> metrics;
  std::string decision;  // what the policy concluded after this window
};

struct Verdict {
  Action action = Action::slow;
  double score = 0;
  std::string reason;
  std::optional<int> deciding_window;  // index into windows
  std::vector<WindowResult> windows;
  std::vector<std::string> warnings;
};

struct AnalysisRange {
  std::optional<double> since;  // unix seconds; windows align to it when given
  std::optional<double> until;
};

class CanaryJudge {
 public:
  explicit CanaryJudge(SloConfig config) : config_(std::move(config)) {}
  // Never throws for data problems: missing or bad data becomes nodata / error in the verdict.
  Verdict judge(const MetricsTable& data, const AnalysisRange& range = {}) const;
  // A verdict for an analysis that could not get its data at all (source fault).
  Verdict fault(const std::string& cause) const;
  const SloConfig& config() const noexcept { return config_; }

 private:
  SloConfig config_;
};

}  // namespace bellwether
