#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

#include "bellwether/stats.hpp"
#include "sorting.hpp"

namespace bellwether::stats {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

double quantile_sorted(std::span<const double> sorted, double probability) {
  if (sorted.empty() || !(probability >= 0 && probability <= 1)) return kNaN;
  // R type 7, computed as R does (1-based index, then its fractional part) so the
  // interpolation weight, and hence the result, is bit-identical.
  const double index = 1 + static_cast<double>(sorted.size() - 1) * probability;
  const double lo = std::floor(index);
  const double hi = std::ceil(index);
  const double at_lo = sorted[static_cast<std::size_t>(lo) - 1];
  const double at_hi = sorted[static_cast<std::size_t>(hi) - 1];
  if (!(index > lo && at_hi != at_lo)) return at_lo;
  const double h = index - lo;
  return (1 - h) * at_lo + h * at_hi;
}

double quantile(std::span<const double> sample, double probability) {
  if (std::is_sorted(sample.begin(), sample.end())) return quantile_sorted(sample, probability);
  std::vector<double> sorted;
  sorted.reserve(sample.size());
  for (double v : sample) {
    if (std::isnan(v)) return kNaN;  // R refuses NA without na.rm; spreadsort needs no NaN
    sorted.push_back(v);
  }
  detail::sort_values(sorted);
  return quantile_sorted(sorted, probability);
}

double mean(std::span<const double> sample) {
  if (sample.empty()) return kNaN;
  return std::accumulate(sample.begin(), sample.end(), 0.0) / static_cast<double>(sample.size());
}

double median(std::span<const double> sample) { return quantile(sample, 0.5); }

double standard_deviation(std::span<const double> sample) {
  if (sample.size() < 2) return kNaN;
  const double mu = mean(sample);
  double sum_sq = 0;
  for (double v : sample) sum_sq += (v - mu) * (v - mu);
  return std::sqrt(sum_sq / static_cast<double>(sample.size() - 1));
}

EffectSizes effect_sizes(std::span<const double> candidate, std::span<const double> baseline,
                         const MannWhitneyResult& test) {
  EffectSizes out;
  if (candidate.empty() || baseline.empty()) return out;
  const double mean_baseline = mean(baseline);
  if (mean_baseline != 0) out.mean_ratio = mean(candidate) / mean_baseline;
  if (std::isfinite(test.w)) {
    out.cles = test.w / (static_cast<double>(candidate.size()) * static_cast<double>(baseline.size()));
  }
  const double median_baseline = median(baseline);
  if (median_baseline != 0 && std::isfinite(test.estimate)) {
    out.relative_shift = test.estimate / std::fabs(median_baseline);
  }
  return out;
}

std::optional<double> z_score(double value, std::span<const double> reference) {
  if (reference.size() < 2 || !std::isfinite(value)) return std::nullopt;
  const double sd = standard_deviation(reference);
  if (!(sd > 0) || !std::isfinite(sd)) return std::nullopt;
  return (value - mean(reference)) / sd;
}

std::vector<double> holm_adjust(std::span<const double> p_values) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < p_values.size(); ++i) {
    if (!std::isnan(p_values[i])) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return p_values[a] < p_values[b]; });
  std::vector<double> adjusted(p_values.size(), kNaN);
  const double tests = static_cast<double>(order.size());
  double running_max = 0;
  for (std::size_t rank = 0; rank < order.size(); ++rank) {
    const double scaled = (tests - static_cast<double>(rank)) * p_values[order[rank]];
    running_max = std::max(running_max, scaled);
    adjusted[order[rank]] = std::min(1.0, running_max);
  }
  return adjusted;
}

}  // namespace bellwether::stats
