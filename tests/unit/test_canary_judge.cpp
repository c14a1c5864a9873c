// Canary scenarios through the judge: generated baseline/candidate series with a known truth.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <random>

#include "bellwether/analysis.hpp"
#include "bellwether/json.hpp"

using namespace bellwether;

namespace {

SloConfig config_with(std::vector<MetricSpec> metrics, AnalysisSettings analysis = {}) {
  SloConfig c;
  c.path = "test-slo.yaml";
  analysis.window_seconds = 60;
  c.analysis = analysis;
  c.metrics = std::move(metrics);
  return c;
}

MetricSpec latency(bool critical = false) {
  MetricSpec m;
  m.name = "latency";
  m.tolerance = 0.10;
  m.critical = critical;
  return m;
}

// value(variant_is_candidate, second, rng) -> sample; NaN means "no sample"
using Generator = std::function<double(bool, int, std::mt19937_64&)>;

MetricsTable generate(const std::string& metric, int seconds, int per_second, const Generator& value,
                      unsigned seed = 7) {
  MetricsTable t;
  std::mt19937_64 rng(seed);
  for (int s = 0; s < seconds; ++s) {
    for (int k = 0; k < per_second; ++k) {
      for (bool candidate : {false, true}) {
        const double v = value(candidate, s, rng);
        if (std::isnan(v)) continue;
        auto& side = candidate ? t.metrics[metric].candidate : t.metrics[metric].baseline;
        side.add(1000.0 + s, v);
        ++t.rows;
        if (!t.first_timestamp || 1000.0 + s < *t.first_timestamp) t.first_timestamp = 1000.0 + s;
        if (!t.last_timestamp || 1000.0 + s > *t.last_timestamp) t.last_timestamp = 1000.0 + s;
      }
    }
  }
  return t;
}

double lognormal(std::mt19937_64& rng, double median) {
  std::lognormal_distribution<double> d(std::log(median), 0.3);
  return d(rng);
}

}  // namespace

TEST(CanaryJudge, UnchangedCandidatePromotesAfterPromoteAfterWindows) {
  const auto data = generate("latency", 600, 3, [](bool, int, auto& rng) { return lognormal(rng, 0.2); });
  const auto v = CanaryJudge(config_with({latency()})).judge(data);
  EXPECT_EQ(v.action, Action::promote) << v.reason;
  ASSERT_TRUE(v.deciding_window);
  EXPECT_EQ(*v.deciding_window, 2);  // promote_after 3: the first decisive window ends it
  EXPECT_EQ(v.windows.size(), 3u);
  EXPECT_EQ(v.score, 100);
  EXPECT_NE(v.reason.find("latency"), std::string::npos);
}

TEST(CanaryJudge, TwentyPercentSlowerRollsBackAfterRollbackAfterWindows) {
  const auto data = generate("latency", 600, 3, [](bool c, int, auto& rng) { return lognormal(rng, c ? 0.24 : 0.2); });
  const auto v = CanaryJudge(config_with({latency()})).judge(data);
  EXPECT_EQ(v.action, Action::rollback) << v.reason;
  EXPECT_EQ(*v.deciding_window, 1);  // rollback_after 2
  const auto& m = v.windows.back().metrics.front();
  EXPECT_EQ(m.classification, Classification::high);
  ASSERT_TRUE(m.effect.relative_shift);
  EXPECT_NEAR(*m.effect.relative_shift, 0.2, 0.08);
  EXPECT_GT(m.test->ci_low, m.band);
  EXPECT_NE(v.reason.find("latency high"), std::string::npos) << v.reason;
}

TEST(CanaryJudge, ShiftInsideToleranceStillPasses) {
  // +3% is real but inside the 10% band: the interval cannot clear the band.
  const auto data = generate("latency", 600, 20, [](bool c, int, auto& rng) { return lognormal(rng, c ? 0.206 : 0.2); });
  const auto v = CanaryJudge(config_with({latency()})).judge(data);
  EXPECT_EQ(v.action, Action::promote) << v.reason;
}

TEST(CanaryJudge, CriticalFailureRollsBackAtOnce) {
  MetricSpec errors;
  errors.name = "errors";
  errors.tolerance_abs = 0.01;  // baseline median is 0: only the absolute band works
  errors.critical = true;
  const auto data = generate("errors", 600, 2, [](bool c, int s, auto& rng) {
    std::bernoulli_distribution bad(c && s >= 120 ? 0.5 : 0.02);
    return bad(rng) ? 1.0 : 0.0;
  });
  const auto v = CanaryJudge(config_with({errors})).judge(data);
  EXPECT_EQ(v.action, Action::rollback) << v.reason;
  EXPECT_EQ(*v.deciding_window, 2);
  EXPECT_TRUE(v.windows.back().critical_failure);
  EXPECT_EQ(v.score, 0);
  EXPECT_NE(v.reason.find("critical metric errors"), std::string::npos) << v.reason;
}

TEST(CanaryJudge, ZeroBaselineMedianUsesTheAbsoluteTolerance) {
  MetricSpec errors;
  errors.name = "errors";
  errors.tolerance_abs = 0.5;  // a shift of 1 error clears it, a shift of 0 does not
  const auto same = generate("errors", 300, 2, [](bool, int, auto& rng) {
    std::bernoulli_distribution bad(0.01);
    return bad(rng) ? 1.0 : 0.0;
  });
  AnalysisSettings a;
  a.windows = 5;
  const auto v = CanaryJudge(config_with({errors}, a)).judge(same);
  EXPECT_EQ(v.action, Action::promote) << v.reason;
  EXPECT_EQ(v.windows[0].metrics[0].band, 0.5);
}

TEST(CanaryJudge, GapInDataIsNodataAndNeverPromotes) {
  const auto data = generate("latency", 600, 3, [](bool c, int s, auto& rng) {
    return c && s >= 60 && s < 180 ? std::nan("") : lognormal(rng, 0.2);
  });
  AnalysisSettings a;
  a.windows = 4;
  a.promote_after = 3;
  const auto v = CanaryJudge(config_with({latency()}, a)).judge(data);
  EXPECT_EQ(v.action, Action::slow) << v.reason;
  EXPECT_EQ(v.windows[1].status, WindowStatus::nodata);
  EXPECT_EQ(v.windows[1].metrics[0].classification, Classification::nodata);
  EXPECT_NE(v.windows[1].metrics[0].reason.find("candidate 0 samples"), std::string::npos);

  a.no_data = NoDataPolicy::rollback;
  const auto strict = CanaryJudge(config_with({latency()}, a)).judge(data);
  EXPECT_EQ(strict.action, Action::rollback) << strict.reason;
}

TEST(CanaryJudge, SloBreachFailsEvenWithoutAShift) {
  auto m = latency();
  m.slo = 0.15;  // both variants are over it: the candidate breaches the absolute bound
  m.aggregate = Aggregate::median;
  const auto data = generate("latency", 300, 3, [](bool, int, auto& rng) { return lognormal(rng, 0.2); });
  const auto v = CanaryJudge(config_with({m})).judge(data);
  EXPECT_EQ(v.action, Action::rollback);
  EXPECT_TRUE(v.windows[0].metrics[0].slo_breached);
  EXPECT_NE(v.windows[0].metrics[0].reason.find("above slo 0.15"), std::string::npos) << v.windows[0].metrics[0].reason;
}

TEST(CanaryJudge, DirectionDecreaseIgnoresImprovementsAndCatchesDrops) {
  MetricSpec throughput;
  throughput.name = "throughput";
  throughput.direction = Direction::decrease;
  const auto faster = generate("throughput", 300, 5, [](bool c, int, auto& rng) { return lognormal(rng, c ? 130 : 100); });
  AnalysisSettings a;
  a.windows = 5;
  EXPECT_EQ(CanaryJudge(config_with({throughput}, a)).judge(faster).action, Action::promote);
  const auto slower = generate("throughput", 300, 5, [](bool c, int, auto& rng) { return lognormal(rng, c ? 70 : 100); });
  const auto v = CanaryJudge(config_with({throughput}, a)).judge(slower);
  EXPECT_EQ(v.action, Action::rollback);
  EXPECT_EQ(v.windows[0].metrics[0].classification, Classification::low);
}

TEST(CanaryJudge, SlowDriftIsFlaggedAndBlocksPromotion) {
  // Candidate latency grows 5% a window and never leaves the 50% band within 10 windows, so no
  // window fails on its own; the EWMA of the window differences sees the trend.
  auto m = latency();
  m.tolerance = 0.5;  // wide band so only drift can speak; drift still needs to clear it
  m.aggregate = Aggregate::mean;
  AnalysisSettings a;
  a.windows = 10;
  a.promote_after = 10;
  const auto data = generate("latency", 600, 10, [](bool c, int s, auto& rng) {
    const double growth = c ? 1.0 + 0.05 * (s / 60) : 1.0;
    return lognormal(rng, 0.2 * growth);
  });
  const auto v = CanaryJudge(config_with({m}, a)).judge(data);
  bool drift_seen = false;
  for (const auto& w : v.windows) drift_seen = drift_seen || w.metrics[0].drift;
  EXPECT_TRUE(drift_seen);
  EXPECT_EQ(v.action, Action::slow) << v.reason;
  for (const auto& w : v.windows) EXPECT_NE(w.metrics[0].classification, Classification::high);
}

TEST(CanaryJudge, NonFiniteSamplesFollowThePolicy) {
  const auto data = generate("latency", 300, 3, [](bool c, int s, auto& rng) {
    return c && s % 10 == 0 ? std::numeric_limits<double>::infinity() : lognormal(rng, 0.2);
  });
  AnalysisSettings a;
  a.windows = 5;
  const auto dropped = CanaryJudge(config_with({latency()}, a)).judge(data);
  EXPECT_EQ(dropped.action, Action::promote);
  EXPECT_EQ(dropped.windows[0].metrics[0].candidate.dropped, 18u);
  a.non_finite = stats::NonFinitePolicy::fail;
  const auto failing = CanaryJudge(config_with({latency()}, a)).judge(data);
  EXPECT_EQ(failing.windows[0].metrics[0].classification, Classification::error);
  EXPECT_NE(failing.action, Action::promote);
}

TEST(CanaryJudge, NoSamplesAtAllFollowsNoDataPolicy) {
  MetricsTable empty;
  EXPECT_EQ(CanaryJudge(config_with({latency()})).judge(empty).action, Action::slow);
  AnalysisSettings a;
  a.no_data = NoDataPolicy::rollback;
  const auto v = CanaryJudge(config_with({latency()}, a)).judge(empty);
  EXPECT_EQ(v.action, Action::rollback);
  EXPECT_NE(v.reason.find("no samples"), std::string::npos);
}

TEST(CanaryJudge, MetricMissingFromTheDataIsNodataAndExtraMetricsAreReported) {
  MetricSpec other;
  other.name = "cpu";
  const auto data = generate("latency", 300, 3, [](bool, int, auto& rng) { return lognormal(rng, 0.2); });
  const auto v = CanaryJudge(config_with({other})).judge(data);
  EXPECT_EQ(v.action, Action::slow);
  EXPECT_EQ(v.windows[0].metrics[0].classification, Classification::nodata);
  ASSERT_FALSE(v.warnings.empty());
  EXPECT_NE(v.warnings.back().find("\"latency\" in the data is not in test-slo.yaml"), std::string::npos);
}

TEST(CanaryJudge, HolmCorrectionIsReportedPerMetric) {
  std::vector<MetricSpec> specs;
  MetricsTable data;
  for (int i = 0; i < 3; ++i) {
    auto m = latency();
    m.name = "m" + std::to_string(i);
    specs.push_back(m);
    auto one = generate(m.name, 120, 3, [](bool, int, auto& rng) { return lognormal(rng, 0.2); }, 11U + static_cast<unsigned>(i));
    data.metrics[m.name] = one.metrics[m.name];
    data.first_timestamp = one.first_timestamp;
    data.last_timestamp = one.last_timestamp;
  }
  const auto v = CanaryJudge(config_with(specs)).judge(data);
  std::vector<double> raw;
  for (const auto& m : v.windows[0].metrics) raw.push_back(m.test->p_value);
  const auto expected = stats::holm_adjust(raw);
  for (std::size_t i = 0; i < raw.size(); ++i) EXPECT_DOUBLE_EQ(v.windows[0].metrics[i].p_adjusted, expected[i]);
}

TEST(CanaryJudge, VerdictJsonCarriesTheContractFields) {
  const auto data = generate("latency", 600, 3, [](bool c, int, auto& rng) { return lognormal(rng, c ? 0.3 : 0.2); });
  const auto j = verdict_to_json(CanaryJudge(config_with({latency()})).judge(data));
  EXPECT_EQ(j.at("action"), "rollback");
  for (const char* key : {"score", "reason", "windows", "metrics"}) EXPECT_TRUE(j.contains(key)) << key;
  const auto& m = j.at("metrics").at(0);
  for (const char* key : {"name", "classification", "p_value", "estimate", "ci", "effect", "baseline", "candidate", "slo", "reason"}) {
    EXPECT_TRUE(m.contains(key)) << key;
  }
  EXPECT_EQ(m.at("baseline").at("n"), 180);
  EXPECT_EQ(m.at("classification"), "high");
}
