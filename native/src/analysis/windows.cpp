#include "analysis/windows.hpp"

#include <cmath>
#include <cstdint>

namespace bellwether::analysis {

WindowGrid make_grid(const MetricsTable& data, const AnalysisSettings& settings,
                     const AnalysisRange& range, std::vector<std::string>& warnings) {
  WindowGrid grid;
  grid.width = settings.window_seconds;
  if (!data.first_timestamp) return grid;
  grid.origin = range.since.value_or(*data.first_timestamp);
  const double last = range.until ? std::min(*range.until, *data.last_timestamp) : *data.last_timestamp;
  if (last < grid.origin) return grid;
  const double started = std::floor((last - grid.origin) / grid.width) + 1;
  if (started > settings.windows) {
    warnings.push_back("data covers " + std::to_string(static_cast<long long>(started)) +
                       " windows; only the first " + std::to_string(settings.windows) +
                       " (analysis.windows) are analysed");
  }
  grid.count = static_cast<int>(std::min<double>(started, settings.windows));
  return grid;
}

namespace {
void bucket(const TimedSamples& samples, const WindowGrid& grid, const AnalysisRange& range,
            std::vector<std::vector<double>>& out) {
  // Two passes: count per window, then fill, so no vector grows by copying.
  std::vector<std::int32_t> slot(samples.size(), -1);
  std::vector<std::size_t> counts(static_cast<std::size_t>(grid.count), 0);
  for (std::size_t i = 0; i < samples.size(); ++i) {
    const double t = samples.timestamps[i];
    if (t < grid.origin || (range.until && t > *range.until)) continue;
    const double w = std::floor((t - grid.origin) / grid.width);
    if (w >= grid.count) continue;
    slot[i] = static_cast<std::int32_t>(w);
    ++counts[static_cast<std::size_t>(w)];
  }
  out.assign(static_cast<std::size_t>(grid.count), {});
  for (std::size_t w = 0; w < out.size(); ++w) out[w].reserve(counts[w]);
  for (std::size_t i = 0; i < samples.size(); ++i) {
    if (slot[i] >= 0) out[static_cast<std::size_t>(slot[i])].push_back(samples.values[i]);
  }
}
}  // namespace

WindowedSamples cut(const MetricSeries& series, const WindowGrid& grid, const AnalysisRange& range) {
  WindowedSamples out;
  bucket(series.baseline, grid, range, out.baseline);
  bucket(series.candidate, grid, range, out.candidate);
  return out;
}

}  // namespace bellwether::analysis
