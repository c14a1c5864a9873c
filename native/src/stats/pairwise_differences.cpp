#include "pairwise_differences.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "bellwether/error.hpp"
#include "sorting.hpp"

namespace bellwether::stats::detail {
namespace {

// Below this many remaining candidates, copying them out and using nth_element is cheaper
// than another counting pass.
constexpr std::int64_t kMaterialiseBelow = 1 << 12;
// The sketch has up to side x side differences, side growing with the samples so that its
// cost stays well under one counting pass while its quantiles get closer to the true ones.
std::int64_t sketch_side(std::int64_t n, std::int64_t m) {
  const auto side = static_cast<std::int64_t>(std::sqrt(static_cast<double>(n + m)) / 4);
  return std::clamp<std::int64_t>(side, 16, 128);
}

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
      y_padded_(y_sorted.begin(), y_sorted.end()),
      n_(static_cast<std::int64_t>(x_sorted.size())),
      m_(static_cast<std::int64_t>(y_sorted.size())),
      grid_side_(sketch_side(n_, m_)) {
  y_padded_.insert(y_padded_.end(), 4, std::numeric_limits<double>::infinity());
}

template <bool Inclusive>
std::int64_t PairwiseDifferences::count_rows(double v, std::int64_t* per_row) const {
  // Values grow along rows and down columns, so the count per row never grows with the row and
  // one pointer walks all rows in O(n + m). It steps four columns at a time: the four tests are
  // independent (a prefix of them holds, rows being sorted), which avoids a mispredicted branch
  // per row; columns -1..-4 are -inf, so the walk stops at 0 without a bounds test.
  const auto beyond = [v](double d) { return Inclusive ? d > v : d >= v; };
  std::int64_t pos = m_;
  std::int64_t total = 0;
  for (std::int64_t i = 0; i < n_; ++i) {
    const double xi = x_[static_cast<std::size_t>(i)];
    for (;;) {
      const double* y = y_padded_.data() + (m_ - pos);  // y[c] is column pos - 1 - c
      const int step = static_cast<int>(beyond(xi - y[0])) + static_cast<int>(beyond(xi - y[1])) +
                       static_cast<int>(beyond(xi - y[2])) + static_cast<int>(beyond(xi - y[3]));
      pos -= step;
      if (step < 4) break;
    }
    if (per_row) per_row[i] = pos;
    total += pos;
  }
  return total;
}

std::int64_t PairwiseDifferences::row_counts(double v, bool inclusive,
                                             std::vector<std::int64_t>* per_row) const {
  std::int64_t* rows = per_row ? per_row->data() : nullptr;
  return inclusive ? count_rows<true>(v, rows) : count_rows<false>(v, rows);
}

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

const std::vector<double>& PairwiseDifferences::sketch() const {
  if (!sketch_.empty()) return sketch_;
  // Differences of evenly spaced order statistics of x and y: their quantiles follow those of
  // all n*m differences to within about one grid cell (1/side of each sample).
  const std::int64_t gx = std::min(n_, grid_side_), gy = std::min(m_, grid_side_);
  std::vector<double>& grid = sketch_;
  grid.reserve(static_cast<std::size_t>(gx * gy));
  for (std::int64_t a = 0; a < gx; ++a) {
    const std::int64_t i = (2 * a + 1) * n_ / (2 * gx);
    for (std::int64_t b = 0; b < gy; ++b) grid.push_back(value(i, (2 * b + 1) * m_ / (2 * gy)));
  }
  sort_values(grid);
  return grid;
}

std::pair<std::size_t, std::size_t> PairwiseDifferences::bracket(std::int64_t k, std::vector<Probe>& probes) const {
  // Invariant: count(low) < k <= count(high). Every probe keeps its per-row counts, so the final
  // bracket needs no extra pass. probes[0] and probes[1] are the virtual ends (below every
  // difference, and the largest one).
  std::size_t low = 0, high = 1;
  for (std::size_t i = 0; i < probes.size(); ++i) {
    if (probes[i].count < k && probes[i].value > probes[low].value) low = i;
    if (probes[i].count >= k && probes[i].value < probes[high].value) high = i;
  }
  auto try_probe = [&](double v) {
    Probe p{v, 0, std::vector<std::int64_t>(static_cast<std::size_t>(n_))};
    p.count = row_counts(v, true, &p.rows);
    probes.push_back(std::move(p));
    if (probes.back().count < k) {
      low = probes.size() - 1;
      return -1;
    }
    high = probes.size() - 1;
    return 1;
  };
  const auto inside = [&](double v) { return v > probes[low].value && v < probes[high].value; };

  const auto& grid = sketch();
  const double g = static_cast<double>(grid.size());
  const double position = static_cast<double>(k) / static_cast<double>(size()) * g;
  // The sketch's quantiles are within one grid cell of the true ones, and usually much closer:
  // start a quarter cell either side and widen only when a probe lands on the wrong side
  // (such a probe still tightens the other end).
  const double cell = g / static_cast<double>(std::min(std::min(n_, m_), grid_side_));
  const auto at = [&](double p) { return grid[static_cast<std::size_t>(std::clamp(p, 0.0, g - 1))]; };
  for (double margin = cell / 2; margin <= 4 * cell; margin *= 4) {
    const double a = at(std::floor(position - margin)), b = at(std::ceil(position + margin));
    if (inside(a)) try_probe(a);
    if (inside(b)) try_probe(b);
    const bool low_near = probes[low].value >= a, high_near = probes[high].value <= b;
    if (low_near && high_near) break;
  }
  // Regula falsi needs a finite lower end: the smallest difference, unless it is already the answer.
  if (!std::isfinite(probes[low].value) && inside(value(0, m_ - 1))) try_probe(value(0, m_ - 1));

  // Illinois regula falsi on the count: a few passes shrink the bracket to a few rows' worth.
  const std::int64_t enough = std::max<std::int64_t>(256, n_ + m_);
  double weight_low = 1, weight_high = 1;
  int side = 0;
  for (int iteration = 0; iteration < 16 && probes[high].count - probes[low].count > enough; ++iteration) {
    const Probe& lo = probes[low];
    const Probe& hi = probes[high];
    if (!std::isfinite(lo.value)) break;
    // Aim at k, or just past it when one end is already close: a bracket needs both ends near.
    double target = static_cast<double>(k) - 0.5;
    if (k - lo.count <= enough / 2) target = static_cast<double>(k + enough / 4);
    else if (hi.count - k <= enough / 2) target = static_cast<double>(k - enough / 4);
    const double fl = (static_cast<double>(lo.count) - target) * weight_low;
    const double fh = (static_cast<double>(hi.count) - target) * weight_high;
    double v = lo.value + (hi.value - lo.value) * (-fl) / (fh - fl);
    if (!inside(v)) v = lo.value + (hi.value - lo.value) / 2;
    if (!inside(v)) break;  // adjacent doubles: nothing between
    if (try_probe(v) < 0) {
      weight_low = 1;
      weight_high = side == -1 ? weight_high / 2 : 1;
      side = -1;
    } else {
      weight_high = 1;
      weight_low = side == 1 ? weight_low / 2 : 1;
      side = 1;
    }
  }
  return {low, high};
}

double PairwiseDifferences::finish(Candidates work, std::int64_t k) const {
  // Quickselect on the remaining candidates; a three-way pivot count keeps it exact and
  // terminating with any number of tied differences.
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

std::vector<double> PairwiseDifferences::kth_smallest(std::span<const std::int64_t> ks) const {
  std::vector<double> out;
  if (ks.empty()) return out;
  for (auto k : ks) {
    if (k < 1 || k > size()) fail(ErrorKind::internal, "order statistic out of range");
  }
  out.reserve(ks.size());
  std::vector<Probe> probes;
  probes.push_back({-std::numeric_limits<double>::infinity(), 0, std::vector<std::int64_t>(static_cast<std::size_t>(n_), 0)});
  probes.push_back({value(n_ - 1, m_ - 1), size(), std::vector<std::int64_t>(static_cast<std::size_t>(n_), m_)});
  for (auto k : ks) {
    const auto [low, high] = bracket(k, probes);
    Candidates c;
    c.lo = probes[low].rows;
    c.hi = probes[high].rows;
    c.below = probes[low].count;
    out.push_back(finish(std::move(c), k));
  }
  return out;
}

}  // namespace bellwether::stats::detail
