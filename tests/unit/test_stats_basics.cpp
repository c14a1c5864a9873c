// The stats functions outside the main Mann-Whitney comparison with R: degenerate samples and
// the policies that replace R's errors, non-finite cleaning, z-scores, the EWMA chart, Holm,
// effect sizes, and R's exact distribution (pwilcox/qwilcox) and quantile(type = 7).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bellwether/error.hpp"
#include "bellwether/stats.hpp"
#include "reference_files.hpp"

namespace {

namespace stats = bellwether::stats;
using stats::Alternative;
using stats::TestMethod;
using bellwether::test::parse_number;
using bellwether::test::parse_numbers;
using bellwether::test::read_reference;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

stats::MannWhitneyResult compare(const std::vector<double>& candidate,
                                 const std::vector<double>& baseline,
                                 Alternative alternative = Alternative::two_sided) {
  return stats::mann_whitney(candidate, baseline, {alternative, 0.95});
}

// Equal as numbers, NaN equal to NaN.
bool same(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

// ---- degenerate samples ---------------------------------------------------------------------

TEST(StatsBasics, EmptySideGivesNoTestAndANote) {
  for (const auto& [candidate, baseline] :
       {std::pair<std::vector<double>, std::vector<double>>{{}, {1, 2, 3}},
        {{1, 2, 3}, {}},
        {{}, {}}}) {
    stats::MannWhitneyResult r;
    EXPECT_NO_THROW(r = compare(candidate, baseline));
    EXPECT_EQ(r.method, TestMethod::none);
    EXPECT_TRUE(std::isnan(r.p_value));
    EXPECT_TRUE(std::isnan(r.estimate));
    EXPECT_FALSE(r.note.empty());
  }
}

TEST(StatsBasics, ConfidenceOutsideTheUnitIntervalGivesNoTest) {
  for (double level : {0.0, 1.0, -0.5, kNaN}) {
    const auto r = stats::mann_whitney(std::vector{1.0, 2.0}, std::vector{3.0}, {Alternative::less, level});
    EXPECT_EQ(r.method, TestMethod::none);
    EXPECT_FALSE(r.note.empty());
  }
}

TEST(StatsBasics, AllValuesIdenticalMeansNoShift) {
  const auto r = compare({4, 4, 4}, {4, 4, 4, 4, 4});
  EXPECT_EQ(r.p_value, 1);
  EXPECT_EQ(r.estimate, 0);
  EXPECT_EQ(r.ci_low, 0);
  EXPECT_EQ(r.ci_high, 0);
  EXPECT_FALSE(r.note.empty());
  EXPECT_EQ(compare({4, 4}, {4}, Alternative::greater).ci_high, kInf);
  EXPECT_EQ(compare({4, 4}, {4}, Alternative::less).ci_low, -kInf);
}

TEST(StatsBasics, TwoConstantSamplesShiftByTheirDifference) {
  const std::vector<double> candidate(6, 5.5), baseline(4, 2.0);
  const auto two = compare(candidate, baseline);
  EXPECT_EQ(two.estimate, 3.5);
  EXPECT_EQ(two.ci_low, 3.5);
  EXPECT_EQ(two.ci_high, 3.5);
  EXPECT_EQ(two.w, 24);  // every candidate value above every baseline value
  const auto greater = compare(candidate, baseline, Alternative::greater);
  EXPECT_EQ(greater.ci_low, 3.5);
  EXPECT_EQ(greater.ci_high, kInf);
  const auto less = compare(candidate, baseline, Alternative::less);
  EXPECT_EQ(less.ci_low, -kInf);
  EXPECT_EQ(less.ci_high, 3.5);
}

TEST(StatsBasics, OneSidedIntervalsAreOpenOnOneEnd) {
  const std::vector<double> small_x{1.2, 3.4, 0.7, 2.2}, small_y{0.1, 1.9, 2.8};  // exact path
  std::vector<double> big_x, big_y;                                           // normal path
  for (int i = 0; i < 60; ++i) {
    big_x.push_back(std::sin(i * 1.7) + 0.3);
    big_y.push_back(std::cos(i * 2.3));
  }
  for (const auto& [x, y] : {std::pair{small_x, small_y}, std::pair{big_x, big_y}}) {
    const auto greater = compare(x, y, Alternative::greater);
    EXPECT_TRUE(std::isfinite(greater.ci_low));
    EXPECT_EQ(greater.ci_high, kInf);
    const auto less = compare(x, y, Alternative::less);
    EXPECT_EQ(less.ci_low, -kInf);
    EXPECT_TRUE(std::isfinite(less.ci_high));
  }
  EXPECT_EQ(compare(small_x, small_y).method, TestMethod::exact);
  EXPECT_EQ(compare(big_x, big_y).method, TestMethod::normal);
}

// ---- non-finite values ----------------------------------------------------------------------

TEST(StatsBasics, CleanDropsZeroesOrRejectsNonFiniteValues) {
  const std::vector<double> raw{1, kNaN, kInf, 2, -kInf};
  const auto dropped = stats::clean(raw, stats::NonFinitePolicy::drop);
  EXPECT_EQ(dropped.values, (std::vector<double>{1, 2}));
  EXPECT_EQ(dropped.dropped, 3u);
  EXPECT_EQ(dropped.replaced, 0u);
  const auto zeroed = stats::clean(raw, stats::NonFinitePolicy::zero);
  EXPECT_EQ(zeroed.values, (std::vector<double>{1, 0, 0, 2, 0}));
  EXPECT_EQ(zeroed.replaced, 3u);
  try {
    stats::clean(raw, stats::NonFinitePolicy::fail);
    FAIL() << "expected an input error";
  } catch (const bellwether::Error& e) {
    EXPECT_EQ(e.kind(), bellwether::ErrorKind::input);
  }
  EXPECT_EQ(stats::clean(std::vector{1.0, 2.0}, stats::NonFinitePolicy::fail).values.size(), 2u);
  EXPECT_EQ(stats::parse_non_finite_policy("zero"), stats::NonFinitePolicy::zero);
  EXPECT_FALSE(stats::parse_non_finite_policy("ignore").has_value());
}

TEST(StatsBasics, MannWhitneyRefusesUncleanedSamples) {
  const auto r = compare({1, kNaN, 3}, {2, 4});
  EXPECT_EQ(r.method, TestMethod::none);
  EXPECT_FALSE(r.note.empty());
}

// ---- z-score --------------------------------------------------------------------------------

TEST(StatsBasics, ZScoreNeedsTwoReferencesWithSpread) {
  EXPECT_FALSE(stats::z_score(5, std::vector<double>{}).has_value());
  EXPECT_FALSE(stats::z_score(5, std::vector{1.0}).has_value());
  EXPECT_FALSE(stats::z_score(5, std::vector{2.0, 2.0, 2.0}).has_value());
  EXPECT_DOUBLE_EQ(stats::z_score(5, std::vector{1.0, 2.0, 3.0}).value(), 3.0);  // mean 2, sd 1
  EXPECT_DOUBLE_EQ(stats::z_score(0, std::vector{1.0, 3.0}).value(), -2 / std::sqrt(2.0));
}

// ---- EWMA chart -----------------------------------------------------------------------------

// The chart recomputed from its definition in stats.hpp, for lambda = 0.2 and L = 3.
std::vector<stats::EwmaPoint> expected_chart(const std::vector<double>& series, double centre,
                                             double sigma) {
  const double lambda = 0.2, L = 3;
  std::vector<stats::EwmaPoint> out;
  double z = centre;
  for (std::size_t t = 1; t <= series.size(); ++t) {
    z = lambda * series[t - 1] + (1 - lambda) * z;
    const double width = L * sigma * std::sqrt(lambda / (2 - lambda) *
                                               (1 - std::pow(1 - lambda, 2.0 * static_cast<double>(t))));
    out.push_back({z, centre - width, centre + width, z > centre + width, z < centre - width});
  }
  return out;
}

void expect_chart(const std::vector<stats::EwmaPoint>& got, const std::vector<stats::EwmaPoint>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t t = 0; t < got.size(); ++t) {
    SCOPED_TRACE("point " + std::to_string(t));
    EXPECT_NEAR(got[t].value, want[t].value, 1e-12);
    EXPECT_NEAR(got[t].lower, want[t].lower, 1e-12);
    EXPECT_NEAR(got[t].upper, want[t].upper, 1e-12);
  }
}

TEST(StatsBasics, EwmaMatchesItsFormulaAndAlarmsOnAStep) {
  // Ten in-control points around 10, then a step of 1.5 sigma.
  const std::vector<double> series{10.2, 9.8, 10.1, 9.7, 10.3, 9.9, 10.0, 10.4, 9.6, 10.0,
                                   11.5, 11.5, 11.5, 11.5, 11.5, 11.5};
  const stats::EwmaOptions options;  // lambda 0.2, L 3, run-in 2
  const auto got = stats::ewma_chart(series, options, 10.0, 1.0);
  const auto want = expected_chart(series, 10.0, 1.0);
  expect_chart(got, want);
  bool alarmed = false;
  for (std::size_t t = 0; t < got.size(); ++t) {
    EXPECT_EQ(got[t].alarm_high, t >= options.run_in && want[t].alarm_high) << t;
    EXPECT_FALSE(got[t].alarm_low) << t;
    if (t < 10) {
      EXPECT_FALSE(got[t].alarm_high) << "in control at " << t;
    }
    alarmed = alarmed || got[t].alarm_high;
  }
  EXPECT_TRUE(alarmed) << "a 1.5 sigma step must alarm within six points";
}

TEST(StatsBasics, EwmaRunInSuppressesEarlyAlarms) {
  const std::vector<double> series{14, 10, 10, 10};
  stats::EwmaOptions options;
  options.run_in = 0;
  const auto eager = stats::ewma_chart(series, options, 10.0, 1.0);
  ASSERT_TRUE(eager[0].alarm_high) << "the first point is far outside the limits";
  options.run_in = 2;
  const auto patient = stats::ewma_chart(series, options, 10.0, 1.0);
  EXPECT_FALSE(patient[0].alarm_high);
  EXPECT_FALSE(patient[1].alarm_high);
  EXPECT_EQ(patient[2].alarm_high, eager[2].alarm_high);
  expect_chart(patient, expected_chart(series, 10.0, 1.0));
}

TEST(StatsBasics, EwmaEstimatesCentreAndSpreadFromTheRunIn) {
  const std::vector<double> series{9, 11, 10, 10, 14, 14, 14};
  const auto got = stats::ewma_chart(series, {});
  expect_chart(got, expected_chart(series, 10.0, std::sqrt(2.0)));  // mean and sd of {9, 11}
  EXPECT_TRUE(got.back().alarm_high);
  // A constant run-in gives no spread to measure against: nothing alarms.
  for (const auto& p : stats::ewma_chart(std::vector<double>{5, 5, 5, 50, 50}, {})) {
    EXPECT_FALSE(p.alarm_high || p.alarm_low);
  }
  EXPECT_TRUE(stats::ewma_chart(std::vector<double>{}, {}).empty());
}

// ---- Holm and effect sizes ------------------------------------------------------------------

TEST(StatsBasics, HolmMatchesRsPAdjust) {
  int sets = 0;
  const auto lines = read_reference("holm.txt");
  for (std::size_t i = 0; i + 1 < lines.size(); i += 2) {
    ASSERT_EQ(lines[i].front(), "holm");
    const auto k = static_cast<std::size_t>(std::stoul(lines[i].at(1)));
    const auto p = parse_numbers(lines[i], 2, k);
    const auto want = parse_numbers(lines[i + 1], 2, k);
    const auto got = stats::holm_adjust(p);
    ASSERT_EQ(got.size(), k);
    for (std::size_t j = 0; j < k; ++j) EXPECT_TRUE(same(got[j], want[j])) << j << ": " << got[j] << " vs " << want[j];
    ++sets;
  }
  EXPECT_GE(sets, 5);
  // By hand: sorted 0.01, 0.03, 0.04 scaled by 3, 2, 1 -> 0.03, 0.06, then max(0.06, 0.04).
  const auto hand = stats::holm_adjust(std::vector{0.04, 0.01, 0.03});
  EXPECT_DOUBLE_EQ(hand[0], 0.06);
  EXPECT_DOUBLE_EQ(hand[1], 0.03);
  EXPECT_DOUBLE_EQ(hand[2], 0.06);
}

TEST(StatsBasics, EffectSizes) {
  const std::vector<double> candidate{3, 5, 7, 9}, baseline{2, 4, 6};
  const auto test = compare(candidate, baseline);
  const auto effect = stats::effect_sizes(candidate, baseline, test);
  EXPECT_EQ(test.w, 9);  // 3 beats 1, 5 beats 2, 7 and 9 beat 3
  EXPECT_DOUBLE_EQ(effect.cles.value(), 9.0 / 12.0);
  EXPECT_DOUBLE_EQ(effect.mean_ratio.value(), 6.0 / 4.0);
  EXPECT_DOUBLE_EQ(effect.relative_shift.value(), test.estimate / 4.0);

  const std::vector<double> centred{-1, 0, 1};  // mean and median 0
  const auto none = stats::effect_sizes(candidate, centred, compare(candidate, centred));
  EXPECT_FALSE(none.mean_ratio.has_value());
  EXPECT_FALSE(none.relative_shift.has_value());
  EXPECT_TRUE(none.cles.has_value());
  EXPECT_FALSE(stats::effect_sizes({}, baseline, compare({}, baseline)).cles.has_value());
}

// ---- R's exact distribution and quantiles ---------------------------------------------------

double relative(double ours, double r) { return ours == r ? 0 : std::fabs(ours - r) / std::fabs(r); }

TEST(StatsBasics, WilcoxDistributionMatchesPwilcoxAndQwilcox) {
  int quantiles = 0, cdfs = 0, knife_edges = 0;
  double worst = 0;
  for (const auto& line : read_reference("qwilcox.txt")) {
    const int m = std::stoi(line.at(2)), n = std::stoi(line.at(3));
    const double mn = static_cast<double>(m) * n;
    if (line.front() == "q") {
      const double p = parse_number(line.at(1)), want = parse_number(line.at(4));
      const double got = stats::wilcox_quantile(p, m, n);
      ++quantiles;
      if (got == want) continue;
      // R divides the counts by choose(m + n, n), which it takes from lgamma when both sizes
      // are 30 or more (relative error ~4e-15 at 49, 49), more than qwilcox's 10 DBL_EPSILON
      // fuzz. So where p is itself a CDF value (qwilcox(0.5, 49, 49): P(W <= 1200) = 1/2
      // exactly) R may answer one step higher than the exact distribution. Only that is allowed.
      ++knife_edges;
      EXPECT_EQ(std::fabs(got - want), 1) << "qwilcox(" << line.at(1) << ", " << m << ", " << n << ")";
      EXPECT_NEAR(stats::wilcox_cdf(std::min(got, want), m, n), p, 1e-13)
          << "qwilcox(" << line.at(1) << ", " << m << ", " << n << ") is not a knife edge";
    } else {
      const double q = parse_number(line.at(1));
      const double lower = stats::wilcox_cdf(q, m, n);
      // P(W > q) = P(W <= mn - q - 1) by the symmetry of W around mn/2: no cancellation.
      const double upper = stats::wilcox_cdf(mn - q - 1, m, n);
      for (const auto& [ours, r] : {std::pair{lower, parse_number(line.at(4))},
                                    std::pair{upper, parse_number(line.at(5))}}) {
        worst = std::max(worst, relative(ours, r));
        EXPECT_LE(relative(ours, r), 1e-12) << "pwilcox(" << q << ", " << m << ", " << n << ")";
      }
      ++cdfs;
    }
  }
  EXPECT_GE(quantiles, 100);
  EXPECT_GE(cdfs, 50);
  EXPECT_LE(knife_edges, 1);
  std::printf("[ pwilcox ] %d quantiles (%d one step off R at a CDF value), %d cdf points, "
              "max relative deviation %.3g\n", quantiles, knife_edges, cdfs, worst);
}

TEST(StatsBasics, QuantileMatchesRType7) {
  int checked = 0;
  double worst = 0;
  std::vector<double> sample;
  for (const auto& line : read_reference("quantile.txt")) {
    if (line.front() == "sample") {
      sample = parse_numbers(line, 2, static_cast<std::size_t>(std::stoul(line.at(1))));
      continue;
    }
    const double p = parse_number(line.at(1)), want = parse_number(line.at(2));
    const double got = stats::quantile(sample, p);
    worst = std::max(worst, relative(got, want));
    EXPECT_LE(std::fabs(got - want), 1e-14 * std::max(1.0, std::fabs(want)))
        << "quantile(p = " << p << ") of " << sample.size() << " values";
    ++checked;
  }
  EXPECT_GE(checked, 100);
  std::printf("[ quantile ] %d quantiles, max relative deviation %.3g\n", checked, worst);
  EXPECT_TRUE(std::isnan(stats::quantile(std::vector<double>{}, 0.5)));
  EXPECT_TRUE(std::isnan(stats::mean(std::vector<double>{})));
  EXPECT_TRUE(std::isnan(stats::standard_deviation(std::vector{1.0})));
}

}  // namespace
