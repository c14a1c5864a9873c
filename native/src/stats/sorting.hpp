#pragma once
// Sorting finite doubles: Boost's spreadsort (a radix/comparison hybrid) is 2-3x faster than
// std::sort on the 1e4-1e6 samples the judge and compare sort, and gives the same order for
// finite values.
#include <boost/sort/spreadsort/float_sort.hpp>
#include <vector>

namespace bellwether::stats::detail {

inline void sort_values(std::vector<double>& values) {
  boost::sort::spreadsort::float_sort(values.begin(), values.end());
}

}  // namespace bellwether::stats::detail
