#include "pairwise_differences.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "bellwether/error.hpp"

namespace bellwether::stats::detail {
namespace {

// Below this many remaining candidates, copying them out and using nth_element is cheaper
// than another counting pass.
constexpr std::int64_t kMaterialiseBelow = 1 << 15;
constexpr std::size_t kSampleSize = 2048;

// SplitMix64: a fixed-seed generator for pivot sampling. The pivots only decide how fast
// the search narrows; the answer is the exact order statistic whatever they are.
struct SplitMix64 {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::int64_t below(std::int64_t bound) {
    return static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(bound));
  }
};

}  // namespace

std::int64_t PairwiseDifferences::Candidates::total() const {
  std::int64_t t = 0;
  for (std::size_t i = 0; i < lo.size(); ++i) t += hi[i] - lo[i];
  return t;
}

PairwiseDifferences::PairwiseDifferences(std::span<const double> x_sorted,
                                         std::span<const double> y_sorted)
    : x_(x_sorted),
      y_desc_(y_sorted.rbegin(), y_sorted.rend()),
      n_(static_cast<std::int64_t>(x_sorted.size())),
      m_(static_cast<std::int64_t>(y_sorted.size())) {}

std::int64_t PairwiseDifferences::row_counts(double v, bool inclusive,
                                             std::vector<std::int64_t>* per_row) const {
  // Values grow along rows and down columns, so the count per row never grows with the row.
  std::int64_t pos = m_;
  std::int64_t total = 0;
  for (std::int64_t i = 0; i < n_; ++i) {
    if (inclusive) {
      while (pos > 0 && value(i, pos - 1) > v) --pos;
    } else {
      while (pos > 0 && value(i, pos - 1) >= v) --pos;
    }
    if (per_row) (*per_row)[static_cast<std::size_t>(i)] = pos;
    total += pos;
  }
  return total;
}

std::int64_t PairwiseDifferences::count_less(double v) const { return row_counts(v, false, nullptr); }
std::int64_t PairwiseDifferences::count_less_equal(double v) const { return row_counts(v, true, nullptr); }

double PairwiseDifferences::smallest_greater_than(double v) const {
  std::vector<std::int64_t> le(static_cast<std::size_t>(n_));
  row_counts(v, true, &le);
  double best = std::numeric_limits<double>::infinity();
  for (std::int64_t i = 0; i < n_; ++i) {
    const std::int64_t j = le[static_cast<std::size_t>(i)];
    if (j < m_) best = std::min(best, value(i, j));
  }
  return best;
}

void PairwiseDifferences::narrow(Candidates& c, std::int64_t k_min, std::int64_t k_max,
                                 std::uint64_t seed) const {
  SplitMix64 rng{seed};
  std::vector<std::int64_t> cumulative(static_cast<std::size_t>(n_));
  std::vector<std::int64_t> cut(static_cast<std::size_t>(n_));
  std::vector<double> sample(kSampleSize);
  for (;;) {
    const std::int64_t total = c.total();
    if (total <= std::max<std::int64_t>(kMaterialiseBelow, 2 * (n_ + m_))) return;
    // Uniform sample of the remaining candidates (rows weighted by their width).
    std::int64_t running = 0;
    for (std::int64_t i = 0; i < n_; ++i) {
      running += c.hi[static_cast<std::size_t>(i)] - c.lo[static_cast<std::size_t>(i)];
      cumulative[static_cast<std::size_t>(i)] = running;
    }
    for (auto& s : sample) {
      const std::int64_t r = rng.below(total);
      const auto row = static_cast<std::size_t>(
          std::upper_bound(cumulative.begin(), cumulative.end(), r) - cumulative.begin());
      const std::int64_t before = row == 0 ? 0 : cumulative[row - 1];
      s = value(static_cast<std::int64_t>(row), c.lo[row] + (r - before));
    }
    std::sort(sample.begin(), sample.end());
    // Pivots a few standard errors outside the sample quantiles of the wanted ranks.
    const double s = static_cast<double>(kSampleSize);
    const double slack = 3.0 * std::sqrt(s);
    auto sample_at = [&](double position) {
      const double clamped = std::clamp(position, 0.0, s - 1);
      return sample[static_cast<std::size_t>(clamped)];
    };
    const double scale = s / static_cast<double>(total);
    const double left_pivot = sample_at(std::floor(static_cast<double>(k_min - c.below) * scale - slack));
    const double right_pivot = sample_at(std::ceil(static_cast<double>(k_max - c.below) * scale + slack));

    bool progressed = false;
    const std::int64_t less_left = row_counts(left_pivot, false, &cut);
    if (less_left < k_min) {
      for (std::size_t i = 0; i < cut.size(); ++i) {
        if (cut[i] > c.lo[i]) { c.lo[i] = cut[i]; progressed = true; }
      }
      c.below = less_left;
    }
    const std::int64_t up_to_right = row_counts(right_pivot, true, &cut);
    if (up_to_right >= k_max) {
      for (std::size_t i = 0; i < cut.size(); ++i) {
        if (cut[i] < c.hi[i]) { c.hi[i] = cut[i]; progressed = true; }
      }
    }
    if (!progressed) return;  // heavy ties around the wanted ranks: finish() handles them
  }
}

double PairwiseDifferences::finish(const Candidates& c, std::int64_t k) const {
  // Quickselect on the remaining candidates; a three-way pivot count keeps it exact and
  // terminating with any number of tied differences.
  Candidates work = c;
  SplitMix64 rng{static_cast<std::uint64_t>(k) * 7919U + 17U};
  std::vector<std::int64_t> cut(static_cast<std::size_t>(n_));
  for (;;) {
    const std::int64_t total = work.total();
    if (total <= 0) fail(ErrorKind::internal, "pairwise difference selection lost its target");
    if (total <= std::max<std::int64_t>(kMaterialiseBelow, 2 * (n_ + m_))) {
      std::vector<double> values;
      values.reserve(static_cast<std::size_t>(total));
      for (std::int64_t i = 0; i < n_; ++i) {
        for (std::int64_t j = work.lo[static_cast<std::size_t>(i)]; j < work.hi[static_cast<std::size_t>(i)]; ++j) {
          values.push_back(value(i, j));
        }
      }
      const auto nth = static_cast<std::ptrdiff_t>(k - work.below - 1);
      std::nth_element(values.begin(), values.begin() + nth, values.end());
      return values[static_cast<std::size_t>(nth)];
    }
    // Random candidate as pivot.
    std::int64_t r = rng.below(total);
    std::int64_t row = 0;
    for (; row < n_; ++row) {
      const std::int64_t width = work.hi[static_cast<std::size_t>(row)] - work.lo[static_cast<std::size_t>(row)];
      if (r < width) break;
      r -= width;
    }
    const double pivot = value(row, work.lo[static_cast<std::size_t>(row)] + r);
    const std::int64_t less = row_counts(pivot, false, &cut);
    if (k <= less) {
      for (std::size_t i = 0; i < cut.size(); ++i) work.hi[i] = std::min(work.hi[i], cut[i]);
      continue;
    }
    const std::int64_t up_to = row_counts(pivot, true, &cut);
    if (k <= up_to) return pivot;
    for (std::size_t i = 0; i < cut.size(); ++i) work.lo[i] = std::max(work.lo[i], cut[i]);
    work.below = up_to;
  }
}

double PairwiseDifferences::kth_smallest(std::int64_t k) const {
  const std::int64_t ks[] = {k};
  return kth_smallest(ks).front();
}

std::vector<double> PairwiseDifferences::kth_smallest(std::span<const std::int64_t> ks) const {
  std::vector<double> out;
  if (ks.empty()) return out;
  for (auto k : ks) {
    if (k < 1 || k > size()) fail(ErrorKind::internal, "order statistic out of range");
  }
  Candidates shared;
  shared.lo.assign(static_cast<std::size_t>(n_), 0);
  shared.hi.assign(static_cast<std::size_t>(n_), m_);
  const auto [k_min, k_max] = std::minmax_element(ks.begin(), ks.end());
  narrow(shared, *k_min, *k_max, 0x5EEDULL);
  out.reserve(ks.size());
  for (auto k : ks) {
    Candidates own = shared;
    narrow(own, k, k, static_cast<std::uint64_t>(k));
    out.push_back(finish(own, k));
  }
  return out;
}

}  // namespace bellwether::stats::detail
