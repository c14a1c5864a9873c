// mann_whitney against R 4.2.2's wilcox.test(x = candidate, y = baseline, conf.int = TRUE), case
// by case from tests/reference/make_reference.R. The exact path must reproduce R to rounding; on
// the normal path R's estimate and bounds come from uniroot(tol = 1e-4) on a step function while
// ours are its exact jump points, so they may differ by that tolerance (and the estimate may sit
// anywhere on a flat step, see below).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "bellwether/stats.hpp"
#include "reference_files.hpp"

namespace {

using bellwether::stats::Alternative;
using bellwether::stats::MannWhitneyResult;
using bellwether::stats::TestMethod;
using bellwether::test::parse_number;
using bellwether::test::parse_numbers;
using Tokens = std::vector<std::string>;

struct Samples {
  std::string kind;
  std::vector<double> x, y;  // candidate, baseline
};

struct RAnswer {
  double w = 0, p = 0;
  std::string method;
  double estimate = 0, ci_low = 0, ci_high = 0, achieved = 0;
};

struct Case {
  std::string id;
  std::shared_ptr<const Samples> data;
  Alternative alternative = Alternative::two_sided;
  double confidence = 0;
  RAnswer r;
};

// "x <n> v1 v2 ..." or "x <n> file <name>" (one value per line, for the large samples).
std::vector<double> read_sample(const Tokens& line) {
  const auto n = static_cast<std::size_t>(std::stoul(line.at(1)));
  if (line.size() == 4 && line[2] == "file") {
    std::vector<double> values;
    for (const auto& row : bellwether::test::read_reference(line[3])) values.push_back(parse_number(row.at(0)));
    EXPECT_EQ(values.size(), n) << line[3];
    return values;
  }
  return parse_numbers(line, 2, n);
}

std::vector<Case> load_cases() {
  std::vector<Case> cases;
  auto current = std::make_shared<Samples>();
  for (const Tokens& line : bellwether::test::read_reference("wilcox_cases.txt")) {
    const std::string& tag = line.front();
    if (tag == "data") {
      current = std::make_shared<Samples>();
      current->kind = line.at(1);
    } else if (tag == "x") {
      current->x = read_sample(line);
    } else if (tag == "y") {
      current->y = read_sample(line);
    } else if (tag == "case") {
      Case c;
      c.id = line.at(1);
      c.data = current;
      c.alternative = bellwether::stats::parse_alternative(line.at(2)).value();
      c.confidence = parse_number(line.at(3));
      cases.push_back(c);
    } else if (tag == "r") {
      RAnswer& r = cases.back().r;
      r.w = parse_number(line.at(1));
      r.p = parse_number(line.at(2));
      r.method = line.at(3);
      r.estimate = parse_number(line.at(4));
      r.ci_low = parse_number(line.at(5));
      r.ci_high = parse_number(line.at(6));
      r.achieved = parse_number(line.at(7));
    }
  }
  return cases;
}

// The largest deviation seen per category, printed at the end so tolerances can be reviewed.
struct Deviations {
  double exact = 0;            // |ours - R| / max(1, |R|): estimate and bounds, exact path
  double achieved = 0;         // |ours - R|: achieved confidence level
  double normal_bounds = 0;    // |ours - R|
  double normal_estimate = 0;  // |ours - R| where within uniroot's tolerance
  int estimates_on_flat_step = 0;  // R stopped elsewhere on the zero step of an even N
  double p_relative = 0;
};

double p_relative(double ours, double r) {
  if (ours < 1e-300 && r < 1e-300) return 0;  // both underflowed (or exactly zero)
  if (ours == r) return 0;
  return std::fabs(ours - r) / std::fabs(r);
}

// Distance for exact-path values: relative, or absolute near 0. Infinite bounds must match.
double exact_distance(double ours, double r) {
  if (std::isinf(r) || std::isinf(ours)) return ours == r ? 0 : HUGE_VAL;
  return std::fabs(ours - r) / std::max(1.0, std::fabs(r));
}

// The N/2-th and (N/2 + 1)-th smallest pairwise differences x_i - y_j (1-based), brute force.
std::pair<double, double> middle_differences(const Samples& s) {
  std::vector<double> d;
  d.reserve(s.x.size() * s.y.size());
  for (double xi : s.x)
    for (double yj : s.y) d.push_back(xi - yj);
  const auto half = static_cast<std::ptrdiff_t>(d.size() / 2);
  std::nth_element(d.begin(), d.begin() + half, d.end());
  const double upper = d[static_cast<std::size_t>(half)];
  const double lower = *std::max_element(d.begin(), d.begin() + half);
  return {lower, upper};
}

void check_bound(double ours, double r, const char* what, Deviations& dev) {
  if (std::isinf(r)) {
    EXPECT_EQ(ours, r) << what;
    return;
  }
  const double diff = std::fabs(ours - r);
  dev.normal_bounds = std::max(dev.normal_bounds, diff);
  EXPECT_LE(diff, 1e-4 + 1e-9 * std::fabs(r)) << what << ": ours " << ours << ", R " << r;
}

void check_normal_estimate(const Case& c, const MannWhitneyResult& ours, Deviations& dev) {
  const double diff = std::fabs(ours.estimate - c.r.estimate);
  if (diff <= 1e-4 + 1e-9 * std::fabs(c.r.estimate)) {
    dev.normal_estimate = std::max(dev.normal_estimate, diff);
    return;
  }
  // With N = n m even the uncorrected statistic is exactly 0 between the two middle pairwise
  // differences, and uniroot returns the first point it tries there; ours is the midpoint.
  const double pairs = static_cast<double>(c.data->x.size()) * static_cast<double>(c.data->y.size());
  ASSERT_TRUE(std::fmod(pairs, 2.0) == 0 && pairs <= 1e7)
      << "estimate: ours " << ours.estimate << ", R " << c.r.estimate;
  const auto [lower, upper] = middle_differences(*c.data);
  EXPECT_GE(c.r.estimate, lower - 1e-4) << "R's estimate is off the flat step";
  EXPECT_LE(c.r.estimate, upper + 1e-4) << "R's estimate is off the flat step";
  EXPECT_EQ(ours.estimate, (lower + upper) / 2);
  ++dev.estimates_on_flat_step;
}

void check_case(const Case& c, Deviations& dev) {
  bellwether::stats::MannWhitneyOptions options;
  options.alternative = c.alternative;
  options.confidence = c.confidence;
  const MannWhitneyResult ours = bellwether::stats::mann_whitney(c.data->x, c.data->y, options);

  EXPECT_EQ(ours.w, c.r.w);
  EXPECT_EQ(std::string(bellwether::stats::to_string(ours.method)), c.r.method);
  const double p_dev = p_relative(ours.p_value, c.r.p);
  dev.p_relative = std::max(dev.p_relative, p_dev);
  EXPECT_LE(p_dev, 1e-9) << "p: ours " << ours.p_value << ", R " << c.r.p;
  dev.achieved = std::max(dev.achieved, std::fabs(ours.achieved_confidence - c.r.achieved));
  EXPECT_EQ(ours.achieved_confidence, c.r.achieved) << "achieved confidence";

  if (ours.method == TestMethod::exact) {
    for (const auto& [name, o, r] : {std::tuple{"estimate", ours.estimate, c.r.estimate},
                                     std::tuple{"ci_low", ours.ci_low, c.r.ci_low},
                                     std::tuple{"ci_high", ours.ci_high, c.r.ci_high}}) {
      const double d = exact_distance(o, r);
      if (std::isfinite(d)) dev.exact = std::max(dev.exact, d);
      EXPECT_LE(d, 1e-12) << name << ": ours " << o << ", R " << r;
    }
    return;
  }
  check_bound(ours.ci_low, c.r.ci_low, "ci_low", dev);
  check_bound(ours.ci_high, c.r.ci_high, "ci_high", dev);
  check_normal_estimate(c, ours, dev);
}

TEST(StatsReference, MannWhitneyAgreesWithR) {
  const std::vector<Case> cases = load_cases();
  ASSERT_GE(cases.size(), 150u) << "too few reference cases";
  Deviations dev;
  std::map<std::string, int> per_method;
  for (const Case& c : cases) {
    SCOPED_TRACE("case " + c.id + " (" + c.data->kind + ", " +
                 std::string(bellwether::stats::to_string(c.alternative)) + ", " +
                 std::to_string(c.confidence) + ")");
    check_case(c, dev);
    ++per_method[c.r.method];
  }
  std::printf(
      "[ reference ] %zu cases (%d exact, %d normal); max deviations: exact path %.3g (rel), "
      "achieved confidence %.3g, normal bounds %.3g, normal estimate %.3g (+%d on the flat "
      "step), p %.3g (rel)\n",
      cases.size(), per_method["exact"], per_method["normal"], dev.exact, dev.achieved,
      dev.normal_bounds, dev.normal_estimate, dev.estimates_on_flat_step, dev.p_relative);
  RecordProperty("cases", static_cast<int>(cases.size()));
}

}  // namespace
