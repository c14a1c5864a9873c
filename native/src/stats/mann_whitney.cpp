// Mann-Whitney U / Wilcoxon rank-sum test with Hodges-Lehmann estimate and interval, with the
// semantics of R's wilcox.test(x = candidate, y = baseline, conf.int = TRUE). See stats.hpp for
// where and why it departs from R (exact bounds on the normal path, defined degenerate cases).
#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "bellwether/stats.hpp"
#include "pairwise_differences.hpp"
#include "rank_sum.hpp"
#include "sorting.hpp"
#include "wilcox_distribution.hpp"

namespace bellwether::stats {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kExactBelow = 50;  // R: exact when both samples have fewer than 50 values

double normal_upper_quantile(double alpha) {  // qnorm(alpha, lower.tail = FALSE)
  const boost::math::normal standard;
  return boost::math::quantile(boost::math::complement(standard, alpha));
}
double normal_lower_quantile(double alpha) {  // qnorm(alpha)
  const boost::math::normal standard;
  return boost::math::quantile(standard, alpha);
}
double normal_cdf(double z) { return boost::math::cdf(boost::math::normal(), z); }
double normal_sf(double z) { return boost::math::cdf(boost::math::complement(boost::math::normal(), z)); }

double continuity(Alternative alternative, double z) {
  switch (alternative) {
    case Alternative::two_sided: return z > 0 ? 0.5 : (z < 0 ? -0.5 : 0.0);
    case Alternative::greater: return 0.5;
    case Alternative::less: return -0.5;
  }
  return 0.0;
}

double p_from_z(Alternative alternative, double z) {
  switch (alternative) {
    case Alternative::less: return normal_cdf(z);
    case Alternative::greater: return normal_sf(z);
    case Alternative::two_sided: return 2 * std::min(normal_cdf(z), normal_sf(z));
  }
  return kNaN;
}

// ---- exact path -----------------------------------------------------------------------------
void exact_test(std::span<const double> x, std::span<const double> y, MannWhitneyResult& r) {
  const int n = static_cast<int>(x.size()), m = static_cast<int>(y.size());
  const double mn = static_cast<double>(n) * m;
  switch (r.alternative) {
    case Alternative::two_sided: {
      const double p = r.w > mn / 2 ? wilcox_upper_tail(r.w - 1, n, m) : wilcox_cdf(r.w, n, m);
      r.p_value = std::min(2 * p, 1.0);
      break;
    }
    case Alternative::greater: r.p_value = wilcox_upper_tail(r.w - 1, n, m); break;
    case Alternative::less: r.p_value = wilcox_cdf(r.w, n, m); break;
  }

  std::vector<double> diffs;
  diffs.reserve(x.size() * y.size());
  for (double xi : x)
    for (double yj : y) diffs.push_back(xi - yj);
  std::sort(diffs.begin(), diffs.end());
  auto at = [&](double one_based) { return diffs[static_cast<std::size_t>(one_based) - 1]; };

  const double alpha = 1 - r.confidence;
  const bool two_sided = r.alternative == Alternative::two_sided;
  double qu = wilcox_quantile(two_sided ? alpha / 2 : alpha, n, m);
  if (qu == 0) qu = 1;
  const double ql = mn - qu;
  const double tail = wilcox_cdf(std::trunc(qu) - 1, n, m);
  const double achieved_alpha = two_sided ? 2 * tail : tail;
  switch (r.alternative) {
    case Alternative::two_sided: r.ci_low = at(qu); r.ci_high = at(ql + 1); break;
    case Alternative::greater: r.ci_low = at(qu); r.ci_high = kInf; break;
    case Alternative::less: r.ci_low = -kInf; r.ci_high = at(ql + 1); break;
  }
  r.achieved_confidence = achieved_alpha - alpha > alpha / 2 ? 1 - achieved_alpha : r.confidence;

  const std::size_t half = diffs.size() / 2;
  r.estimate = diffs.size() % 2 == 1 ? diffs[half] : (diffs[half - 1] + diffs[half]) / 2;
}

// ---- normal path ----------------------------------------------------------------------------
// Where R's uniroot(wdiff, zq) lands, found exactly. Between two consecutive pairwise
// differences the statistic is constant: with c = #(differences > d) it is
// f(c) = (c - N/2 - correction) / sigma0 - zq, sigma0 having only within-sample ties, and it
// grows with c. The root is the difference where c falls below the first c with f(c) > 0:
// the k-th smallest difference, k = N - c + 1. R's own rule comes first: it returns an end of
// the search range when the statistic there (with its ties) is already past zq.
struct BoundPlan {
  std::optional<double> endpoint;  // R returns mumin or mumax
  std::int64_t k = 0;              // else: the k-th smallest difference
  std::int64_t right_count = 0;    // c just right of the jump when the statistic is 0 there
  bool flat = false;
};

class NormalBounds {
 public:
  NormalBounds(std::span<const double> x, std::span<const double> y, Alternative alternative)
      : x_(x), y_(y), alternative_(alternative),
        n_(static_cast<double>(x.size())), m_(static_cast<double>(y.size())),
        mumin_(x.front() - y.back()), mumax_(x.back() - y.front()),
        sigma0_(detail::rank_sum_sigma(n_, m_, detail::tie_term(x) + detail::tie_term(y))),
        sigma_max_(detail::rank_sum_sigma(n_, m_, 0)) {}

  BoundPlan plan(double zq, std::int64_t total) const {
    BoundPlan plan;
    if (!clearly_inside(zq, true) && standardised_at(mumin_) - zq <= 0) {
      plan.endpoint = mumin_;
      return plan;
    }
    if (!clearly_inside(zq, false) && standardised_at(mumax_) - zq >= 0) {
      plan.endpoint = mumax_;
      return plan;
    }
    const double half = static_cast<double>(total) / 2;
    auto f = [&](std::int64_t c) {
      const double dz = static_cast<double>(c) - half;
      return (dz - continuity(alternative_, dz)) / sigma0_ - zq;
    };
    std::int64_t lo = 0, hi = total + 1;  // first c in [0, total] with f(c) > 0, or total + 1
    while (lo < hi) {
      const std::int64_t mid = lo + (hi - lo) / 2;
      if (f(mid) > 0) hi = mid; else lo = mid + 1;
    }
    plan.k = std::clamp<std::int64_t>(total - lo + 1, 1, total);
    plan.right_count = lo - 1;
    plan.flat = lo >= 1 && f(lo - 1) == 0;
    return plan;
  }

  double mumin() const { return mumin_; }
  double mumax() const { return mumax_; }

 private:
  // R's W(d) standardised, at an end of the search range where ties with it count.
  double standardised_at(double d) const {
    const auto rs = detail::rank_sum(x_, y_, d);
    const double dz = rs.w - n_ * m_ / 2;
    return (dz - continuity(alternative_, dz)) / detail::rank_sum_sigma(n_, m_, rs.tie_term);
  }
  // At mumin only the copies of min(x) tie with the copies of max(y) (a * b pairs; a few more
  // from rounding at most), so |dz| >= N/2 - a b; when that is far past |zq| sigma the exact
  // merge cannot change R's decision and is skipped. Same at mumax.
  bool clearly_inside(double zq, bool at_min) const {
    const auto count_equal = [](std::span<const double> v, bool from_front) {
      std::size_t c = 0;
      if (from_front) { while (c < v.size() && v[c] == v.front()) ++c; }
      else { while (c < v.size() && v[v.size() - 1 - c] == v.back()) ++c; }
      return static_cast<double>(c);
    };
    const double ties = at_min ? count_equal(x_, true) * count_equal(y_, false)
                               : count_equal(x_, false) * count_equal(y_, true);
    const double margin = n_ * m_ / 2 - 2 * ties - 16 - 1;
    return margin > std::fabs(zq) * sigma_max_ * 1.01;
  }

  std::span<const double> x_, y_;
  Alternative alternative_;
  double n_, m_, mumin_, mumax_, sigma0_, sigma_max_;
};

double resolve(const BoundPlan& plan, double jump, const detail::PairwiseDifferences& diffs) {
  if (plan.endpoint) return *plan.endpoint;
  // Statistic exactly zero right of the jump: R may stop anywhere on that flat step; its middle
  // is the answer that does not depend on where a root finder starts.
  if (plan.flat && plan.right_count > 0 && diffs.size() - diffs.count_less_equal(jump) == plan.right_count) {
    return (jump + diffs.smallest_greater_than(jump)) / 2;
  }
  return jump;
}

void normal_test(std::span<const double> x, std::span<const double> y, double tie_all,
                 MannWhitneyResult& r) {
  const double n = static_cast<double>(x.size()), m = static_cast<double>(y.size());
  const double z0 = r.w - n * m / 2;
  const double sigma = detail::rank_sum_sigma(n, m, tie_all);
  const double z = (z0 - continuity(r.alternative, z0)) / sigma;
  r.p_value = p_from_z(r.alternative, z);

  const double alpha = 1 - r.confidence;
  const detail::PairwiseDifferences diffs(x, y);
  const std::int64_t total = diffs.size();
  const NormalBounds bounds(x, y, r.alternative);
  const bool two_sided = r.alternative == Alternative::two_sided;
  const bool has_lower = r.alternative != Alternative::less;
  const bool has_upper = r.alternative != Alternative::greater;
  const double tail_alpha = two_sided ? alpha / 2 : alpha;
  const BoundPlan lower = has_lower ? bounds.plan(normal_upper_quantile(tail_alpha), total) : BoundPlan{};
  const BoundPlan upper = has_upper ? bounds.plan(normal_lower_quantile(tail_alpha), total) : BoundPlan{};

  // One selection call for every order statistic needed, so they share their probes. The
  // estimate is the root of the uncorrected statistic: the Hodges-Lehmann median.
  const std::int64_t middle = (total + 1) / 2;
  const bool even = total % 2 == 0;
  std::vector<std::int64_t> ks = {middle};
  if (even) ks.push_back(middle + 1);  // found inside the middle's bracket, without a pass
  if (has_lower && !lower.endpoint) ks.push_back(lower.k);
  if (has_upper && !upper.endpoint) ks.push_back(upper.k);
  const auto values = diffs.kth_smallest(ks);
  std::size_t next = even ? 2 : 1;
  r.ci_low = has_lower ? resolve(lower, lower.endpoint ? 0.0 : values[next++], diffs) : -kInf;
  r.ci_high = has_upper ? resolve(upper, upper.endpoint ? 0.0 : values[next++], diffs) : kInf;

  r.estimate = even ? (values[0] + values[1]) / 2 : values[0];
}

}  // namespace

std::optional<Alternative> parse_alternative(std::string_view text) {
  if (text == "two-sided" || text == "two_sided" || text == "two.sided") return Alternative::two_sided;
  if (text == "less") return Alternative::less;
  if (text == "greater") return Alternative::greater;
  return std::nullopt;
}

std::string_view to_string(Alternative alternative) noexcept {
  switch (alternative) {
    case Alternative::two_sided: return "two-sided";
    case Alternative::less: return "less";
    case Alternative::greater: return "greater";
  }
  return "two-sided";
}

std::string_view to_string(TestMethod method) noexcept {
  switch (method) {
    case TestMethod::exact: return "exact";
    case TestMethod::normal: return "normal";
    case TestMethod::none: return "none";
  }
  return "none";
}

MannWhitneyResult mann_whitney(std::span<const double> candidate, std::span<const double> baseline,
                               const MannWhitneyOptions& options) {
  MannWhitneyResult r;
  r.alternative = options.alternative;
  r.confidence = options.confidence;
  r.achieved_confidence = options.confidence;
  r.n_candidate = candidate.size();
  r.n_baseline = baseline.size();
  r.p_value = r.estimate = r.ci_low = r.ci_high = r.w = kNaN;
  if (!(options.confidence > 0 && options.confidence < 1)) {
    r.note = "confidence must be strictly between 0 and 1";
    return r;
  }
  if (candidate.empty() || baseline.empty()) {
    r.note = candidate.empty() ? "candidate sample is empty" : "baseline sample is empty";
    return r;
  }
  std::vector<double> x(candidate.begin(), candidate.end());
  std::vector<double> y(baseline.begin(), baseline.end());
  const auto not_finite = [](double v) { return !std::isfinite(v); };
  if (std::any_of(x.begin(), x.end(), not_finite) || std::any_of(y.begin(), y.end(), not_finite)) {
    r.note = "samples contain non-finite values; clean them first (stats::clean)";
    return r;
  }
  // Callers that already hold sorted samples (the judge) skip the sorts.
  if (!std::is_sorted(x.begin(), x.end())) detail::sort_values(x);
  if (!std::is_sorted(y.begin(), y.end())) detail::sort_values(y);

  const auto ranks = detail::rank_sum(x, y);
  r.w = ranks.w;
  r.ties = ranks.ties;
  const bool exact = x.size() < kExactBelow && y.size() < kExactBelow;
  if (exact && !ranks.ties) {
    r.method = TestMethod::exact;
    exact_test(x, y, r);
    return r;
  }
  r.method = TestMethod::normal;
  if (x.front() == x.back() && y.front() == y.back() && x.front() == y.front()) {
    // Every value tied: no evidence of a shift; R returns NaN and fails on the interval.
    r.p_value = 1;
    r.estimate = r.ci_low = r.ci_high = 0;
    if (r.alternative == Alternative::greater) r.ci_high = kInf;
    if (r.alternative == Alternative::less) r.ci_low = -kInf;
    r.note = "all values are identical";
    return r;
  }
  if (x.front() == x.back() && y.front() == y.back()) {
    // Two constants: the shift is known exactly, but the normal path's interval search
    // divides by a zero spread at that shift.
    normal_test(x, y, ranks.tie_term, r);
    const double shift = x.front() - y.front();
    r.estimate = shift;
    if (r.alternative != Alternative::less) r.ci_low = shift;
    if (r.alternative != Alternative::greater) r.ci_high = shift;
    r.note = "both samples are constant";
    return r;
  }
  normal_test(x, y, ranks.tie_term, r);
  return r;
}

}  // namespace bellwether::stats
