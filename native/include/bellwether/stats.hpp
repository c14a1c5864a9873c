#pragma once
// Pure statistics over spans of doubles: no I/O, no global state, no exception escapes for
// empty or constant samples (they give the documented answers below).
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bellwether::stats {

// ---- non-finite values --------------------------------------------------------------------
// What to do with NaN and +-Inf in a sample. R's wilcox.test drops NA but keeps +-Inf; a
// canary metric with an Inf is almost always a division by zero upstream, so the default
// drops every non-finite value and reports how many were dropped.
enum class NonFinitePolicy { drop, zero, fail };
std::optional<NonFinitePolicy> parse_non_finite_policy(std::string_view text);
std::string_view to_string(NonFinitePolicy policy) noexcept;

struct CleanSample {
  std::vector<double> values;
  std::size_t dropped = 0;   // non-finite values removed (drop)
  std::size_t replaced = 0;  // non-finite values set to 0 (zero)
};
// Throws Error(input) under NonFinitePolicy::fail when a value is not finite.
CleanSample clean(std::span<const double> sample, NonFinitePolicy policy);

// ---- Mann-Whitney U / Wilcoxon rank-sum ---------------------------------------------------
enum class Alternative { two_sided, less, greater };
std::optional<Alternative> parse_alternative(std::string_view text);
std::string_view to_string(Alternative alternative) noexcept;

enum class TestMethod { exact, normal, none };
std::string_view to_string(TestMethod method) noexcept;

struct MannWhitneyOptions {
  Alternative alternative = Alternative::two_sided;
  double confidence = 0.95;  // in (0, 1)
};

// Semantics of R's wilcox.test(x = candidate, y = baseline, conf.int = TRUE, conf.level,
// alternative) with R's defaults, except where R fails or estimates numerically:
// - w, p_value and method are R's; the exact path's estimate and interval are R's.
// - On the normal path R finds the estimate and the bounds with uniroot(tol = 1e-4) on a step
//   function; here they are the exact jump points (pairwise differences), and the estimate is
//   the Hodges-Lehmann median of the pairwise differences.
// - Every value tied (R: NaN p and an error for the interval): p = 1, estimate and both
//   bounds equal the single pairwise difference.
// - An empty side (R: an error): method none, p, estimate and bounds NaN, note says why.
// A bound of a one-sided interval is +-infinity, as in R.
struct MannWhitneyResult {
  TestMethod method = TestMethod::none;
  Alternative alternative = Alternative::two_sided;
  double confidence = 0.95;           // requested
  double achieved_confidence = 0.95;  // lower when the exact distribution cannot reach it
  double w = 0;                       // R's W: sum of candidate ranks - n(n+1)/2
  double p_value = 0;
  double estimate = 0;  // location shift candidate - baseline
  double ci_low = 0;
  double ci_high = 0;
  std::size_t n_candidate = 0;
  std::size_t n_baseline = 0;
  bool ties = false;
  std::string note;  // why a result is degenerate, empty otherwise
};

MannWhitneyResult mann_whitney(std::span<const double> candidate,
                               std::span<const double> baseline,
                               const MannWhitneyOptions& options = {});

// The exact null distribution of W for samples of sizes m and n (no ties), as R's
// pwilcox/qwilcox. Exposed for tests against R.
double wilcox_cdf(double q, int m, int n);               // P(W <= q)
double wilcox_quantile(double probability, int m, int n);  // R's qwilcox(p, m, n)

// ---- descriptive statistics and effect sizes ----------------------------------------------
// R's quantile(type = 7). NaN for an empty sample; probability must be in [0, 1].
double quantile(std::span<const double> sample, double probability);
double quantile_sorted(std::span<const double> sorted, double probability);
double mean(std::span<const double> sample);               // NaN when empty
double median(std::span<const double> sample);             // NaN when empty
double standard_deviation(std::span<const double> sample);  // sample sd; NaN when n < 2

struct EffectSizes {
  std::optional<double> mean_ratio;      // mean(candidate)/mean(baseline); none if baseline mean is 0
  std::optional<double> cles;            // P(C > B) + P(C = B)/2 = W / (n m)
  std::optional<double> relative_shift;  // HL estimate / |median(baseline)|; none if median is 0
};
EffectSizes effect_sizes(std::span<const double> candidate, std::span<const double> baseline,
                         const MannWhitneyResult& test);

// Difference of means (candidate - baseline) with Welch's t interval, as R's
// t.test(candidate, baseline, conf.level)$conf.int. The location shift of Hodges-Lehmann is
// blind to zero-inflated metrics (error counts that are mostly 0 have a median difference of
// 0 whatever the rate); the mean difference is not. NaN fields when a side has < 2 values;
// both variances 0 gives the exact difference as a zero-width interval.
struct MeanDifference {
  double difference = 0;
  double ci_low = 0;
  double ci_high = 0;
  double df = 0;              // Welch-Satterthwaite degrees of freedom
  double standard_error = 0;  // sqrt(var_c/n_c + var_b/n_b)
};
MeanDifference welch_mean_difference(std::span<const double> candidate, std::span<const double> baseline,
                                     double confidence);

// ---- spikes, drift and multiple testing ---------------------------------------------------
// (value - mean(reference)) / sd(reference); none when the reference has fewer than two
// values or no spread, because then a z-score means nothing.
std::optional<double> z_score(double value, std::span<const double> reference);

struct EwmaOptions {
  double lambda = 0.2;  // weight of the newest point, in (0, 1]
  double L = 3.0;       // width of the control limits in standard errors
  std::size_t run_in = 2;  // first points that never alarm (the statistic is still warming up)
};
struct EwmaPoint {
  double value = 0;  // the EWMA statistic after this point
  double lower = 0;  // control limits (exact, time-varying variance)
  double upper = 0;
  bool alarm_high = false;
  bool alarm_low = false;
};
// Classic EWMA chart: z_t = lambda x_t + (1 - lambda) z_{t-1}, z_0 = target, limits
// target +- L sigma sqrt(lambda/(2-lambda) (1-(1-lambda)^(2t))). Without a target or sigma
// they are estimated from the run-in points (mean and sd); when they cannot be (too few
// points, zero spread) no point alarms.
std::vector<EwmaPoint> ewma_chart(std::span<const double> series, const EwmaOptions& options,
                                  std::optional<double> target = std::nullopt,
                                  std::optional<double> sigma = std::nullopt);

// Holm's step-down adjustment, as R's p.adjust(method = "holm"). NaN p-values stay NaN and
// do not count towards the number of tests.
std::vector<double> holm_adjust(std::span<const double> p_values);

}  // namespace bellwether::stats
