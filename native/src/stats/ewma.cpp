#include <cmath>
#include <vector>

#include "bellwether/stats.hpp"

namespace bellwether::stats {

std::vector<EwmaPoint> ewma_chart(std::span<const double> series, const EwmaOptions& options,
                                  std::optional<double> target, std::optional<double> sigma) {
  std::vector<EwmaPoint> points(series.size());
  if (series.empty()) return points;
  const double lambda = options.lambda;
  const bool valid_lambda = lambda > 0 && lambda <= 1;
  const auto run_in = std::min(options.run_in, series.size());
  const auto head = series.first(run_in);
  const double centre = target.value_or(mean(head));
  const double spread = sigma.value_or(standard_deviation(head));
  const bool can_alarm = valid_lambda && std::isfinite(centre) && std::isfinite(spread) && spread > 0;

  double z = std::isfinite(centre) ? centre : 0.0;
  for (std::size_t t = 0; t < series.size(); ++t) {
    const double l = valid_lambda ? lambda : 1.0;
    z = l * series[t] + (1 - l) * z;
    const double steps = static_cast<double>(t + 1);
    const double width = options.L * spread *
                         std::sqrt(l / (2 - l) * (1 - std::pow(1 - l, 2 * steps)));
    EwmaPoint& p = points[t];
    p.value = z;
    p.lower = centre - width;
    p.upper = centre + width;
    if (can_alarm && t >= run_in) {
      p.alarm_high = z > p.upper;
      p.alarm_low = z < p.lower;
    }
  }
  return points;
}

}  // namespace bellwether::stats
