#include "rank_sum.hpp"

#include <cmath>
#include <cstddef>

namespace bellwether::stats::detail {

RankSum rank_sum(std::span<const double> x_sorted, std::span<const double> y_sorted, double shift) {
  RankSum out;
  std::size_t i = 0, j = 0;
  const std::size_t n = x_sorted.size(), m = y_sorted.size();
  while (i < n || j < m) {
    const double xi = i < n ? x_sorted[i] - shift : 0.0;
    double v;
    if (i < n && (j >= m || xi <= y_sorted[j])) {
      v = xi;
    } else {
      v = y_sorted[j];
    }
    std::size_t cx = 0, cy = 0;
    while (i < n && x_sorted[i] - shift == v) { ++i; ++cx; }
    while (j < m && y_sorted[j] == v) { ++j; ++cy; }
    const double y_below = static_cast<double>(j - cy);
    out.w += static_cast<double>(cx) * (y_below + 0.5 * static_cast<double>(cy));
    const double t = static_cast<double>(cx + cy);
    if (cx + cy > 1) {
      out.ties = true;
      out.tie_term += t * t * t - t;
    }
  }
  return out;
}

double tie_term(std::span<const double> sorted) {
  double term = 0;
  for (std::size_t i = 0; i < sorted.size();) {
    std::size_t k = i;
    while (k < sorted.size() && sorted[k] == sorted[i]) ++k;
    const double t = static_cast<double>(k - i);
    term += t * t * t - t;
    i = k;
  }
  return term;
}

double rank_sum_sigma(double n, double m, double tie_term) {
  return std::sqrt((n * m / 12) * ((n + m + 1) - tie_term / ((n + m) * (n + m - 1))));
}

}  // namespace bellwether::stats::detail
