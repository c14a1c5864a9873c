#pragma once
#include <vector>

namespace bellwether::stats {

struct WilcoxDistribution {
  std::vector<double> counts;  // counts[u]: arrangements with W = u
  double total = 0;            // choose(m + n, n)
};
const WilcoxDistribution& wilcox_distribution(int m, int n);
double wilcox_upper_tail(double q, int m, int n);  // P(W > floor(q + 1e-7))

}  // namespace bellwether::stats
