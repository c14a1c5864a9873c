// The normal path's estimate and bounds are exact, not just within R's uniroot tolerance.
// R (wilcox.test.default, two-sample, normal approximation) defines each bound as the root of
// wdiff(d, zq) = W(d) - zq on [mumin, mumax], where W(d) is the standardised, continuity-
// corrected rank-sum statistic of c(x - d, y). W is a non-increasing step function that jumps
// only at pairwise differences x_i - y_j, so its root is one of them: the difference where
// wdiff turns from > 0 to <= 0. This file re-implements W(d) by brute force straight from R's
// source and checks every bound and estimate mann_whitney returns against it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "bellwether/stats.hpp"

namespace {

using bellwether::stats::Alternative;

// R's W(d): rank(c(x - d, y)) with average ties, dz = sum of x ranks - n(n+1)/2 - nm/2,
// continuity correction by alternative, sigma with the tie correction of c(x - d, y).
double r_statistic(std::span<const double> x, std::span<const double> y, double d,
                   Alternative alternative, bool correct) {
  std::vector<std::pair<double, bool>> all;  // value, from x
  for (double v : x) all.emplace_back(v - d, true);
  for (double v : y) all.emplace_back(v, false);
  std::sort(all.begin(), all.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  double x_rank_sum = 0, ties = 0;
  for (std::size_t i = 0; i < all.size();) {
    std::size_t k = i;
    while (k < all.size() && all[k].first == all[i].first) ++k;
    const double average_rank = (static_cast<double>(i + 1) + static_cast<double>(k)) / 2;
    for (std::size_t j = i; j < k; ++j) {
      if (all[j].second) x_rank_sum += average_rank;
    }
    const double t = static_cast<double>(k - i);
    ties += t * t * t - t;
    i = k;
  }
  const double n = static_cast<double>(x.size()), m = static_cast<double>(y.size());
  const double dz = x_rank_sum - n * (n + 1) / 2 - n * m / 2;
  double correction = 0;
  if (correct) {
    switch (alternative) {
      case Alternative::two_sided: correction = dz > 0 ? 0.5 : (dz < 0 ? -0.5 : 0.0); break;
      case Alternative::greater: correction = 0.5; break;
      case Alternative::less: correction = -0.5; break;
    }
  }
  const double sigma = std::sqrt((n * m / 12) * ((n + m + 1) - ties / ((n + m) * (n + m - 1))));
  return (dz - correction) / sigma;
}

// qnorm(p) by bisection on the normal CDF: slow, but independent of the code under test.
double normal_quantile(double p) {
  double lo = -40, hi = 40;
  for (int i = 0; i < 200; ++i) {
    const double mid = (lo + hi) / 2;
    if (0.5 * std::erfc(-mid / std::sqrt(2.0)) < p) lo = mid; else hi = mid;
  }
  return (lo + hi) / 2;
}

struct Data {
  std::string kind;
  std::vector<double> x, y;  // candidate, baseline
};

// Samples that take the normal path: ties (on integer or dyadic grids, so every difference is
// exact and "one of the pairwise differences" is a clean question), many zeros, or size >= 50.
std::vector<Data> make_data() {
  std::mt19937 rng(20240611);
  std::normal_distribution<double> normal;
  std::cauchy_distribution<double> cauchy;
  std::exponential_distribution<double> exponential;
  std::poisson_distribution<int> poisson(2.0);
  std::uniform_real_distribution<double> unit;
  auto draw = [&](std::size_t count, auto&& f) {
    std::vector<double> v(count);
    for (auto& e : v) e = f();
    return v;
  };
  auto gaussian = [&](double shift) { return [&, shift] { return normal(rng) + shift; }; };
  auto on_grid = [&](double step, double shift) {
    return [&, step, shift] { return std::round((normal(rng) + shift) * 2 / step) * step; };
  };
  auto zero_inflated = [&](double zero) {
    return [&, zero] { return unit(rng) < zero ? 0.0 : static_cast<double>(poisson(rng)); };
  };
  std::vector<Data> data;
  data.push_back({"continuous-60x80-shifted", draw(60, gaussian(0.3)), draw(80, gaussian(0))});
  data.push_back({"continuous-300x250", draw(300, gaussian(0)), draw(250, gaussian(0))});
  data.push_back({"continuous-50x50", draw(50, gaussian(0.1)), draw(50, gaussian(0))});
  data.push_back({"skewed-120x40", draw(120, [&] { return exponential(rng) * 1.5; }),
                  draw(40, [&] { return exponential(rng); })});
  data.push_back({"heavy-100x100", draw(100, [&] { return cauchy(rng) + 0.5; }),
                  draw(100, [&] { return cauchy(rng); })});
  data.push_back({"ties-20x25-integers", draw(20, on_grid(1, 0.4)), draw(25, on_grid(1, 0))});
  data.push_back({"ties-100x120-integers", draw(100, on_grid(1, 0.2)), draw(120, on_grid(1, 0))});
  data.push_back({"ties-200x300-quarters", draw(200, on_grid(0.25, 0)), draw(300, on_grid(0.25, 0))});
  data.push_back({"ties-300x300-coarse", draw(300, on_grid(4, 0.3)), draw(300, on_grid(4, 0))});
  data.push_back({"ties-3x4-tiny", {1, 2, 2}, {2, 3, 3, 4}});
  data.push_back({"zeros-150x200", draw(150, zero_inflated(0.6)), draw(200, zero_inflated(0.7))});
  data.push_back({"zeros-60x40-mostly", draw(60, zero_inflated(0.95)), draw(40, zero_inflated(0.9))});
  // Large enough (over a million differences) that the selection narrows with counting passes
  // and regula falsi before it materialises anything.
  data.push_back({"continuous-1500x1200", draw(1500, gaussian(0.05)), draw(1200, gaussian(0))});
  data.push_back({"heavy-1200x1200", draw(1200, [&] { return cauchy(rng); }), draw(1200, [&] { return cauchy(rng); })});
  data.push_back({"ties-1500x1500-quarters", draw(1500, on_grid(0.25, 0.1)), draw(1500, on_grid(0.25, 0))});
  return data;
}

struct Counts {
  int bounds = 0, at_range_end = 0, estimates = 0;
};

// One bound against R's rule: the ends of [mumin, mumax] when wdiff has no sign change there,
// otherwise the pairwise difference where wdiff turns from > 0 (left) to <= 0 (right).
void check_bound(const Data& s, const std::vector<double>& distinct, double bound, double zq,
                 Alternative alternative, Counts& counts) {
  ++counts.bounds;
  const double mumin = distinct.front(), mumax = distinct.back();
  auto wdiff = [&](double d) { return r_statistic(s.x, s.y, d, alternative, true) - zq; };
  if (wdiff(mumin) <= 0) {
    ++counts.at_range_end;
    EXPECT_EQ(bound, mumin) << "R returns mumin when W(mumin) - zq <= 0";
    return;
  }
  if (wdiff(mumax) >= 0) {
    ++counts.at_range_end;
    EXPECT_EQ(bound, mumax) << "R returns mumax when W(mumax) - zq >= 0";
    return;
  }
  const auto it = std::lower_bound(distinct.begin(), distinct.end(), bound);
  ASSERT_TRUE(it != distinct.end() && *it == bound) << bound << " is not a pairwise difference";
  const double left = it == distinct.begin() ? wdiff(mumin) : wdiff((*(it - 1) + bound) / 2);
  const double right = it + 1 == distinct.end() ? wdiff(mumax) : wdiff((bound + *(it + 1)) / 2);
  EXPECT_GT(left, 0) << "wdiff left of the bound " << bound;
  EXPECT_LE(right, 0) << "wdiff right of the bound " << bound;
}

TEST(StatsJumpPoints, NormalPathBoundsAndEstimateAreRsExactRoots) {
  const Alternative alternatives[] = {Alternative::two_sided, Alternative::less,
                                      Alternative::greater};
  const double levels[] = {0.8, 0.9, 0.95, 0.99};
  Counts counts;
  for (const Data& s : make_data()) {
    std::vector<double> all;
    for (double xi : s.x)
      for (double yj : s.y) all.push_back(xi - yj);
    std::sort(all.begin(), all.end());
    const std::size_t half = all.size() / 2;
    const double median = all.size() % 2 == 1 ? all[half] : (all[half - 1] + all[half]) / 2;
    std::vector<double> distinct = all;
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());

    for (Alternative alternative : alternatives) {
      for (double level : levels) {
        SCOPED_TRACE(s.kind + " " + std::string(to_string(alternative)) + " " + std::to_string(level));
        const auto r = bellwether::stats::mann_whitney(s.x, s.y, {alternative, level});
        ASSERT_EQ(r.method, bellwether::stats::TestMethod::normal);
        const double alpha = 1 - level;
        const bool two_sided = alternative == Alternative::two_sided;
        const double tail = two_sided ? alpha / 2 : alpha;
        if (alternative == Alternative::less) {
          EXPECT_EQ(r.ci_low, -HUGE_VAL);
        } else {
          check_bound(s, distinct, r.ci_low, normal_quantile(1 - tail), alternative, counts);
        }
        if (alternative == Alternative::greater) {
          EXPECT_EQ(r.ci_high, HUGE_VAL);
        } else {
          check_bound(s, distinct, r.ci_high, normal_quantile(tail), alternative, counts);
        }
        EXPECT_EQ(r.estimate, median) << "Hodges-Lehmann median of the pairwise differences";
        ++counts.estimates;
      }
    }
  }
  std::printf("[ jump points ] %d bounds (%d at an end of the range), %d estimates checked\n",
              counts.bounds, counts.at_range_end, counts.estimates);
}

}  // namespace
