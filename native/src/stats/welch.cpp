#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>

#include "bellwether/stats.hpp"

namespace bellwether::stats {

MeanDifference welch_mean_difference(std::span<const double> candidate, std::span<const double> baseline,
                                     double confidence) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  MeanDifference out{kNaN, kNaN, kNaN, kNaN, kNaN};
  if (candidate.size() < 2 || baseline.size() < 2 || !(confidence > 0 && confidence < 1)) return out;
  const double nx = static_cast<double>(candidate.size()), ny = static_cast<double>(baseline.size());
  const double vx = std::pow(standard_deviation(candidate), 2) / nx;
  const double vy = std::pow(standard_deviation(baseline), 2) / ny;
  out.difference = mean(candidate) - mean(baseline);
  const double se = std::sqrt(vx + vy);
  out.standard_error = se;
  if (se == 0) {
    out.ci_low = out.ci_high = out.difference;
    out.df = nx + ny - 2;
    return out;
  }
  out.df = (vx + vy) * (vx + vy) / (vx * vx / (nx - 1) + vy * vy / (ny - 1));
  const boost::math::students_t t(out.df);
  const double q = boost::math::quantile(boost::math::complement(t, (1 - confidence) / 2));
  out.ci_low = out.difference - q * se;
  out.ci_high = out.difference + q * se;
  return out;
}

}  // namespace bellwether::stats
