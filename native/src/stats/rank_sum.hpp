#pragma once
// Rank statistics of two sorted samples merged, with average ranks for ties, as R's rank().
#include <span>

namespace bellwether::stats::detail {

struct RankSum {
  double w = 0;          // sum of x ranks - n(n+1)/2 = #(x > y) + #(x == y)/2
  double tie_term = 0;   // sum over tie groups of t^3 - t
  bool ties = false;
};

// x_sorted shifted by -shift (x_i - shift, computed in floating point as R does) against y.
RankSum rank_sum(std::span<const double> x_sorted, std::span<const double> y_sorted,
                 double shift = 0.0);

// Tie term of one sorted sample on its own.
double tie_term(std::span<const double> sorted);

// sqrt((n m / 12) ((n + m + 1) - tie_term / ((n + m)(n + m - 1)))), R's SIGMA.
double rank_sum_sigma(double n, double m, double tie_term);

}  // namespace bellwether::stats::detail
