// changes.json and the heuristic score.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "bellwether/error.hpp"
#include "bellwether/risk_score.hpp"

using namespace bellwether;
using namespace bellwether::risk;

namespace {
Change change_of(const char* json) { return parse_change(nlohmann::json::parse(json), "changes.json"); }

std::string error_of(const char* json) {
  try {
    change_of(json);
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

double contribution_of(const HeuristicScore& s, const std::string& factor) {
  for (const auto& r : s.reasons) {
    if (r.factor == factor) return r.contribution;
  }
  return std::nan("");
}
}  // namespace

TEST(RiskScore, DefaultWeightsAddUpTo100) {
  double total = 0;
  for (const auto& f : default_heuristic()) total += f.weight;
  EXPECT_DOUBLE_EQ(total, 100);
}

TEST(RiskScore, ReasonsAddUpToTheScore) {
  const auto c = change_of(R"({"service":"checkout","la":120,"ld":30,"nf":6,"ns":2,"entropy":1.5,"exp":40,
                               "dependency_bumps":["openssl 3.0.13 -> 3.0.14"],"coverage_delta":-1.2,
                               "module_failure_rate":0.08,"criticality":"high","qps":350,"in_peak_window":false})");
  const auto s = score_heuristic(c, default_heuristic());
  const double sum = std::accumulate(s.reasons.begin(), s.reasons.end(), 0.0,
                                     [](double a, const Contribution& r) { return a + r.contribution; });
  EXPECT_NEAR(s.score, sum, 1e-12);
  EXPECT_TRUE(s.missing.empty());
  EXPECT_GT(s.score, 20);
  EXPECT_LT(s.score, 60);
  // Churn: 20 points x log1p(150)/log1p(2000).
  EXPECT_NEAR(contribution_of(s, "churn"), 20 * std::log1p(150.0) / std::log1p(2000.0), 1e-12);
  EXPECT_NEAR(contribution_of(s, "criticality"), 10 * 2.0 / 3.0, 1e-12);
  EXPECT_NEAR(contribution_of(s, "coverage_drop"), 5 * 1.2 / 5, 1e-12);
  EXPECT_EQ(contribution_of(s, "peak_window"), 0);
  EXPECT_NEAR(contribution_of(s, "inexperience"), 7 * (1 - std::log1p(40.0) / std::log1p(100.0)), 1e-12);
}

TEST(RiskScore, SaturatedChangeScores100AndEmptyChangeScores0) {
  const auto big = change_of(R"({"la":50000,"ld":9000,"nf":400,"ns":30,"entropy":9,"exp":0,"dependency_bumps":12,
                                 "coverage_delta":-30,"module_failure_rate":0.9,"criticality":"critical",
                                 "qps":1e6,"in_peak_window":true})");
  EXPECT_NEAR(score_heuristic(big, default_heuristic()).score, 100, 1e-9);
  const auto none = score_heuristic(change_of("{}"), default_heuristic());
  EXPECT_EQ(none.score, 0);
  EXPECT_EQ(none.missing.size(), default_heuristic().size());  // every feature listed, none invented
}

TEST(RiskScore, CustomWeightsOver100StillAddUpAndCap) {
  auto factors = default_heuristic();
  for (auto& f : factors) f.weight *= 3;
  const auto big = change_of(R"({"la":50000,"nf":400,"ns":30,"entropy":9,"exp":0,"dependency_bumps":12,"coverage_delta":-30,
                                 "module_failure_rate":0.9,"criticality":"critical","qps":1e6,"in_peak_window":true})");
  const auto s = score_heuristic(big, factors);
  EXPECT_NEAR(s.score, 100, 1e-9);
  EXPECT_NEAR(contribution_of(s, "churn"), 20, 1e-9);
}

TEST(RiskScore, UnknownKeysAreKeptAndReported) {
  const auto c = change_of(R"({"la":3,"team_size":7,"owner":"payments"})");
  EXPECT_EQ(c.values.at("team_size"), 7);  // a trained model may use it
  EXPECT_EQ(c.unknown_keys, (std::vector<std::string>{"owner", "team_size"}));
}

TEST(RiskScore, BadChangesNameTheKey) {
  EXPECT_EQ(error_of(R"({"la":-3})"), "changes.json: la: must not be negative, got -3");
  EXPECT_EQ(error_of(R"({"la":"many"})"), "changes.json: la: expected a number, got \"many\"");
  EXPECT_EQ(error_of(R"({"criticality":"extreme"})"), "changes.json: criticality: expected low|medium|high|critical, got \"extreme\"");
  EXPECT_EQ(error_of(R"({"module_failure_rate":1.5})"), "changes.json: module_failure_rate: must be a rate between 0 and 1, got 1.5");
  EXPECT_EQ(error_of(R"([1,2])"), "changes.json: expected a JSON object");
}
