#pragma once
// Order statistics of the n*m pairwise differences x_i - y_j without materialising them, for
// the exact Hodges-Lehmann estimate and confidence bounds on large samples (n = m = 1e5 gives
// 1e10 differences). Both inputs must be sorted ascending and finite.
#include <cstdint>
#include <span>
#include <vector>

namespace bellwether::stats::detail {

class PairwiseDifferences {
 public:
  PairwiseDifferences(std::span<const double> x_sorted, std::span<const double> y_sorted);

  std::int64_t size() const noexcept { return n_ * m_; }
  // The k-th smallest differences, k in [1, size()]; ks need not be sorted. Later ones start
  // from the probes of earlier ones, so ask for order statistics that are close together at once.
  std::vector<double> kth_smallest(std::span<const std::int64_t> ks) const;
  std::int64_t count_less_equal(double v) const;
  // The smallest difference strictly greater than v (+infinity when there is none).
  double smallest_greater_than(double v) const;

 private:
  // Candidate columns [lo[i], hi[i]) of each row; row i holds x_i - y_(m-1-j), ascending in j.
  struct Candidates {
    std::vector<std::int64_t> lo, hi;
    std::int64_t below = 0;  // differences left of every candidate (sum of lo)
    std::int64_t total() const;
  };

  double value(std::int64_t row, std::int64_t col) const {
    // Columns run over y from its largest value, so rows ascend.
    return x_[static_cast<std::size_t>(row)] - y_padded_[static_cast<std::size_t>(m_ - 1 - col)];
  }
  // Per row, the number of columns with value < v (strict) or <= v; returns the sum.
  std::int64_t row_counts(double v, bool inclusive, std::vector<std::int64_t>* per_row) const;
  template <bool Inclusive>
  std::int64_t count_rows(double v, std::int64_t* per_row) const;
  // A value and the number of differences <= it.
  struct Probe {
    double value;
    std::int64_t count;
    std::vector<std::int64_t> rows;  // per row, the number of differences <= value
  };
  const std::vector<double>& sketch() const;  // built on first use
  // Narrows a bracket around the k-th difference, starting from the tightest of the earlier
  // probes (order statistics asked together are usually close to each other). New probes are
  // appended to `probes`; returns the indices of the bracket's low and high ends.
  std::pair<std::size_t, std::size_t> bracket(std::int64_t k, std::vector<Probe>& probes) const;
  double finish(Candidates c, std::int64_t k) const;

  std::span<const double> x_;
  std::vector<double> y_padded_;  // y ascending, then +inf: columns -1..-4 are -inf
  mutable std::vector<double> sketch_;
  std::int64_t n_, m_;
  std::int64_t grid_side_;
};

}  // namespace bellwether::stats::detail
