// decide: bands, approval, gates in the policy's time zone, and the model path.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "bellwether/decision.hpp"
#include "bellwether/error.hpp"
#include "bellwether/timestamp.hpp"

using namespace bellwether;
using namespace bellwether::risk;

namespace {

std::string write_policy(const std::string& name, const std::string& yaml) {
  const auto path = (std::filesystem::temp_directory_path() /
                     ("bellwether-test-" + std::to_string(::getpid()) + "-" + name)).string();
  std::ofstream(path) << yaml;
  return path;
}

const char* kPolicy = R"(kind: policy
approval_threshold: 40
max_risk: 75
strategies:
  - {below: 20, strategy: rolling, steps: [25, 50, 75, 100], pause: 2m}
  - {below: 60, strategy: canary, steps: [10, 25, 50, 100], pause: 5m}
  - {below: 101, strategy: bluegreen, soak: 30m}
gates:
  timezone: Europe/Berlin
  peak_hours: [{days: [mon, tue, wed, thu, fri], from: "09:00", to: "12:00"}]
  deny: [{days: [fri], from: "15:00", to: "24:00", reason: no Friday afternoon deploys}]
  freeze: [{from: 2026-12-22, to: 2027-01-02, reason: year-end freeze}]
  error_budget: {min_remaining: 0.1}
)";

Change change_of(const char* json) { return parse_change(nlohmann::json::parse(json), "changes.json"); }
double at(const char* text) { return *parse_timestamp(text); }
const Gate& gate(const Decision& d, const std::string& name) {
  for (const auto& g : d.gates) {
    if (g.name == name) return g;
  }
  throw std::runtime_error("no gate " + name);
}

std::string policy_error(const std::string& yaml) {
  try {
    load_policy(write_policy("bad-policy.yaml", yaml));
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST(Decision, BandsPickStrategyAndPace) {
  const auto policy = load_policy(write_policy("policy.yaml", kPolicy));
  const auto quiet = at("2026-11-24T06:00:00Z");  // Tuesday 07:00 Berlin
  const auto small = decide(change_of(R"({"la":3,"nf":1,"ns":1,"exp":100})"), policy, nullptr, quiet);
  EXPECT_EQ(small.strategy, "rolling");
  EXPECT_EQ(small.pace.steps, (std::vector<double>{25, 50, 75, 100}));
  EXPECT_EQ(small.pace.pause, "2m");
  EXPECT_FALSE(small.approval_required);
  EXPECT_TRUE(small.allowed);

  const auto big = decide(change_of(R"({"la":5000,"nf":60,"ns":6,"exp":0,"module_failure_rate":0.3,"criticality":"critical",
                                       "dependency_bumps":5})"),
                          policy, nullptr, quiet);
  EXPECT_EQ(big.strategy, "bluegreen");
  EXPECT_EQ(big.pace.soak, "30m");
  EXPECT_TRUE(big.approval_required);
  EXPECT_FALSE(gate(big, "max_risk").allowed);
  EXPECT_FALSE(big.allowed);
}

TEST(Decision, ChangeWindowsFollowTheTimeZoneAcrossDaylightSaving) {
  const auto policy = load_policy(write_policy("policy.yaml", kPolicy));
  const auto c = change_of(R"({"la":10})");
  // Friday 2026-11-27 14:30Z = 15:30 in Berlin (CET, +1): denied.
  EXPECT_FALSE(gate(decide(c, policy, nullptr, at("2026-11-27T14:30:00Z")), "change_window").allowed);
  // Friday 2026-07-03 13:30Z = 15:30 in Berlin (CEST, +2): denied; 12:30Z = 14:30: allowed.
  EXPECT_FALSE(gate(decide(c, policy, nullptr, at("2026-07-03T13:30:00Z")), "change_window").allowed);
  EXPECT_TRUE(gate(decide(c, policy, nullptr, at("2026-07-03T12:30:00Z")), "change_window").allowed);
  const auto denied = decide(c, policy, nullptr, at("2026-11-27T14:30:00Z"));
  EXPECT_NE(gate(denied, "change_window").reason.find("Fri 2026-11-27 15:30 Europe/Berlin"), std::string::npos)
      << gate(denied, "change_window").reason;
}

TEST(Decision, FreezeDatesAreInclusiveLocalDates) {
  const auto policy = load_policy(write_policy("policy.yaml", kPolicy));
  const auto c = change_of(R"({"la":10})");
  EXPECT_FALSE(gate(decide(c, policy, nullptr, at("2027-01-02T22:59:00Z")), "freeze").allowed);  // 23:59 local
  EXPECT_TRUE(gate(decide(c, policy, nullptr, at("2027-01-02T23:00:00Z")), "freeze").allowed);   // Jan 3 local
}

TEST(Decision, PeakHoursRaiseTheScoreUnlessTheChangeSays) {
  const auto policy = load_policy(write_policy("policy.yaml", kPolicy));
  const auto c = change_of(R"({"la":10})");
  const auto peak = decide(c, policy, nullptr, at("2026-11-24T09:30:00Z"));     // Tue 10:30 Berlin
  const auto off_peak = decide(c, policy, nullptr, at("2026-11-24T13:30:00Z"));  // Tue 14:30 Berlin
  EXPECT_NEAR(peak.risk_score - off_peak.risk_score, 5, 1e-9);                   // the peak_window weight
  const auto told = decide(change_of(R"({"la":10,"in_peak_window":false})"), policy, nullptr, at("2026-11-24T09:30:00Z"));
  EXPECT_NEAR(told.risk_score, off_peak.risk_score, 1e-9);
}

TEST(Decision, ErrorBudgetGate) {
  const auto policy = load_policy(write_policy("policy.yaml", kPolicy));
  const double t = at("2026-11-24T06:00:00Z");
  EXPECT_FALSE(gate(decide(change_of(R"({"error_budget_remaining":0.05})"), policy, nullptr, t), "error_budget").allowed);
  EXPECT_TRUE(gate(decide(change_of(R"({"error_budget_remaining":0.5})"), policy, nullptr, t), "error_budget").allowed);
  EXPECT_TRUE(gate(decide(change_of(R"({})"), policy, nullptr, t), "error_budget").allowed);
}

TEST(Decision, SameInputSameAnswer) {
  const auto policy = load_policy(write_policy("policy.yaml", kPolicy));
  const auto c = change_of(R"({"la":120,"ld":30,"nf":6,"criticality":"high"})");
  const double t = at("2026-11-24T06:00:00Z");
  EXPECT_EQ(to_json(decide(c, policy, nullptr, t), nullptr).dump(), to_json(decide(c, policy, nullptr, t), nullptr).dump());
}

TEST(Decision, ModelScoresAndNamesAMissingFeature) {
  LogisticModel model;
  model.intercept = -1;
  model.features = {{"la", Transform::log1p, 2.0, 1.5, 0.8}, {"fix", Transform::identity, 0.3, 0.4, -0.2}};
  const auto d = decide(change_of(R"({"la":100,"fix":1})"), default_policy(), &model, 0);
  const double z = -1 + 0.8 * (std::log1p(100.0) - 2.0) / 1.5 - 0.2 * (1 - 0.3) / 0.4;
  EXPECT_NEAR(d.risk_score, 100 / (1 + std::exp(-z)), 1e-9);
  ASSERT_EQ(d.reasons.size(), 2u);
  try {
    decide(change_of(R"({"la":100})"), default_policy(), &model, 0);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "changes.json: fix: the model needs the feature \"fix\", which the change lacks");
  }
}

TEST(Decision, PolicyErrorsNameTheField) {
  EXPECT_NE(policy_error("strategies: [{below: 101, strategy: yolo}]").find(":1:37: strategies[0].strategy: expected canary|bluegreen|rolling"), std::string::npos);
  EXPECT_NE(policy_error("strategies: [{below: 50, strategy: canary}]").find("the last band must cover a score of 100"), std::string::npos);
  EXPECT_NE(policy_error("strategies: [{below: 101, strategy: canary, steps: [10, 5, 100]}]").find("steps are percentages that grow"), std::string::npos);
  EXPECT_NE(policy_error("gates: {timezone: Mars/Olympus}").find("gates.timezone: unknown time zone"), std::string::npos);
  EXPECT_NE(policy_error("gates: {deny: [{days: [fry], from: \"09:00\", to: \"10:00\"}]}").find("expected mon|tue"), std::string::npos);
  EXPECT_NE(policy_error("gates: {deny: [{from: \"9am\", to: \"10:00\"}]}").find("expected a time HH:MM"), std::string::npos);
  EXPECT_NE(policy_error("gates: {freeze: [{from: 2026-02-30, to: 2026-03-01}]}").find("expected a date YYYY-MM-DD"), std::string::npos);
  EXPECT_NE(policy_error("scoring: {churn: {weight: -1}}").find("scoring.churn.weight: must not be negative"), std::string::npos);
  EXPECT_NE(policy_error("scoring: {vibes: {weight: 1}}").find("unknown factor"), std::string::npos);
  EXPECT_NE(policy_error("approval_treshold: 70").find("unknown field"), std::string::npos);
}
