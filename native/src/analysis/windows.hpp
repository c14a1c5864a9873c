#pragma once
// Cutting samples into fixed windows aligned to the first timestamp (or to --since).
#include <string>
#include <vector>

#include "bellwether/analysis.hpp"

namespace bellwether::analysis {

struct WindowGrid {
  double origin = 0;
  double width = 0;
  int count = 0;  // windows that have started and are analysed
};

WindowGrid make_grid(const MetricsTable& data, const AnalysisSettings& settings,
                     const AnalysisRange& range, std::vector<std::string>& warnings);

struct WindowedSamples {
  std::vector<std::vector<double>> baseline;   // [window] -> values
  std::vector<std::vector<double>> candidate;
};

WindowedSamples cut(const MetricSeries& series, const WindowGrid& grid, const AnalysisRange& range);

}  // namespace bellwether::analysis
