// The matcher's parts: canonical values, parameter extraction forms, and the answer's shape.
#include <gtest/gtest.h>

#include "bellwether/intent.hpp"

using namespace bellwether::intent;

namespace {
const JobRegistry& example_registry() {
  static const JobRegistry registry = load_registry({std::string(BELLWETHER_EXAMPLES_DIR) + "/jobs.yaml"});
  return registry;
}
const Matcher& matcher() {
  static const Matcher m(example_registry());
  return m;
}
const Parameter& parameter(const std::string& intent, const std::string& name) {
  for (const auto& p : example_registry().find(intent)->parameters) {
    if (p.name == name) return p;
  }
  throw std::runtime_error("no parameter " + name);
}
std::string canonical(const std::string& intent, const std::string& name, const std::string& raw) {
  const auto check = check_value(parameter(intent, name), raw);
  return check.value ? *check.value : "REJECTED: " + check.problem;
}
}  // namespace

TEST(IntentValues, ChoicesAcceptCommonForms) {
  EXPECT_EQ(canonical("deploy_service", "strategy", "blue-green"), "bluegreen");
  EXPECT_EQ(canonical("deploy_service", "strategy", "Blue_Green"), "bluegreen");
  EXPECT_EQ(canonical("deploy_service", "strategy", "progressive"), "canary");  // choice_aliases
  EXPECT_EQ(canonical("deploy_service", "canary_weight", "5%"), "5pct");
  EXPECT_EQ(canonical("deploy_service", "canary_weight", "10 percent"), "10pct");
  EXPECT_EQ(canonical("deploy_service", "environment", "Production"), "prod");
  EXPECT_EQ(canonical("deploy_service", "environment", "stage"), "staging");
  EXPECT_EQ(canonical("deploy_service", "environment", "stg"), "staging");
  EXPECT_EQ(canonical("deploy_service", "environment", "development"), "dev");
  EXPECT_EQ(canonical("create_database", "size", "L"), "large");
  EXPECT_EQ(canonical("deploy_service", "environment", "moon"), "REJECTED: expected one of dev, staging, prod, got \"moon\"");
}

TEST(IntentValues, IntsBoolsPatternsAndUnsafeText) {
  EXPECT_EQ(canonical("scale_service", "replicas", "three"), "3");
  EXPECT_EQ(canonical("scale_service", "replicas", "+4"), "4");
  EXPECT_EQ(canonical("scale_service", "replicas", "51"), "REJECTED: \"51\" does not match ^([1-9]|[1-4][0-9]|50)$");
  EXPECT_EQ(canonical("scale_service", "replicas", "lots"), "REJECTED: expected a whole number, got \"lots\"");
  EXPECT_EQ(canonical("delete_namespace", "force", "yes"), "true");
  EXPECT_EQ(canonical("delete_namespace", "force", "off"), "false");
  EXPECT_EQ(canonical("create_namespace", "namespace", "Payments_X").rfind("REJECTED", 0), 0u);
  // Free text without a pattern refuses shell syntax; everything refuses control characters.
  EXPECT_EQ(canonical("deploy_service", "service", "$(whoami)").rfind("REJECTED", 0), 0u);
  EXPECT_EQ(canonical("deploy_service", "service", "a;b").rfind("REJECTED", 0), 0u);
  EXPECT_EQ(canonical("deploy_service", "service", "`id`").rfind("REJECTED", 0), 0u);
  EXPECT_EQ(canonical("deploy_service", "service", "a\nb"), "REJECTED: a value with control characters");
  EXPECT_EQ(canonical("deploy_service", "service", std::string(300, 'a')).rfind("REJECTED: a value of 300", 0), 0u);
}

TEST(IntentMatcher, ExplicitFormsAllWork) {
  for (const char* text : {"deploy service=checkout version=2.3.1 env=prod", "deploy --service checkout --version 2.3.1 --env prod",
                           "deploy service: checkout version: 2.3.1 env: prod", "deploy app checkout tag 2.3.1 to prod"}) {
    const auto u = matcher().understand(text);
    ASSERT_NE(u.intent, nullptr) << text;
    EXPECT_EQ(u.intent->name, "deploy_service") << text;
    const std::map<std::string, std::string> want = {{"service", "checkout"}, {"version", "2.3.1"}, {"environment", "prod"}};
    EXPECT_EQ(u.extraction.params, want) << text;
  }
}

TEST(IntentMatcher, NeverInventsAValue) {
  const auto u = matcher().understand("deploy checkout");
  ASSERT_NE(u.intent, nullptr);
  EXPECT_EQ(u.extraction.params, (std::map<std::string, std::string>{{"service", "checkout"}}));  // no default filled in
}

TEST(IntentMatcher, StatedButInvalidValuesAreReportedNotDropped) {
  const auto u = matcher().understand("scale checkout replicas=500");
  ASSERT_NE(u.intent, nullptr);
  ASSERT_EQ(u.extraction.rejected.size(), 1u);
  EXPECT_EQ(u.extraction.rejected[0].parameter, "replicas");
  EXPECT_EQ(u.extraction.rejected[0].value, "500");
  const auto v = matcher().understand("deploy checkout 2.3.1 to prod colour=blue");
  ASSERT_NE(v.intent, nullptr);
  EXPECT_EQ(v.extraction.unknown_keys, std::vector<std::string>{"colour"});
}

TEST(IntentMatcher, CloseIntentsAreTold) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"deploy checkout 2.3.1 to prod", "deploy_service"}, {"roll back checkout in prod", "rollback_service"},
      {"promote checkout in prod", "promote_canary"},      {"pause checkout in prod", "pause_rollout"},
      {"create namespace x on aks-dev-01", "create_namespace"}, {"delete namespace x on aks-dev-01", "delete_namespace"}};
  for (const auto& [text, intent] : cases) {
    const auto u = matcher().understand(text);
    ASSERT_NE(u.intent, nullptr) << text;
    EXPECT_EQ(u.intent->name, intent) << text;
    ASSERT_GE(u.candidates.size(), 1u);
    EXPECT_EQ(u.candidates[0].intent, intent);
    if (u.candidates.size() > 1) {
      EXPECT_LT(u.candidates[1].confidence, Matcher::kAmbiguity * u.candidates[0].confidence) << text;
    }
  }
}

TEST(IntentMatcher, NoGuessForSmallTalkButClosestCandidates) {
  const auto u = matcher().understand("create a jira ticket");
  EXPECT_EQ(u.intent, nullptr);
  EXPECT_LT(u.confidence, Matcher::kThreshold);
  ASSERT_FALSE(u.candidates.empty());
  EXPECT_EQ(u.candidates[0].intent.rfind("create_", 0), 0u);  // the create intents are the closest
  EXPECT_EQ(matcher().understand("hi there").candidates.size(), 0u);
}

TEST(IntentMatcher, EvidenceNamesTheDecidingWords) {
  const auto u = matcher().understand("spin up namspace payments on aks-prod-01");
  ASSERT_NE(u.intent, nullptr);
  EXPECT_EQ(u.intent->name, "create_namespace");
  const auto has = [&](const std::string& line) { return std::find(u.evidence.begin(), u.evidence.end(), line) != u.evidence.end(); };
  EXPECT_TRUE(has("spin → create")) << ::testing::PrintToString(u.evidence);
  EXPECT_TRUE(has("namspace ≈ namespace")) << ::testing::PrintToString(u.evidence);
}

TEST(IntentMatcher, HugeAndHostileMessagesAreHandled) {
  std::string big;
  for (int i = 0; i < 20000; ++i) big += "deploy checkout ";
  const auto u = matcher().understand(big);  // no crash, an answer
  EXPECT_LE(u.confidence, 1.0);
  static const char hostile[] = "deploy \x01\x02\x7f checkout\0 2.3.1";
  const auto v = matcher().understand(std::string(hostile, sizeof hostile - 1));
  EXPECT_LE(v.confidence, 1.0);
  const auto w = matcher().understand("deploy $(rm -rf /) 2.3.1 to prod");
  for (const auto& [name, value] : w.extraction.params) EXPECT_EQ(value.find('$'), std::string::npos) << name;
}

TEST(IntentMatcher, TwoIntentsTooCloseToTellAreAskedAboutNotGuessed) {
  JobRegistry registry;
  for (const char* name : {"restart_api", "restart_worker"}) {
    Intent i;
    i.name = name;
    i.description = "Restart the api worker pods";
    i.jenkins_job = std::string("ops/") + name;
    registry.intents.push_back(i);
  }
  const Matcher m(registry);
  const auto u = m.understand("restart the api worker pods");
  EXPECT_EQ(u.intent, nullptr);
  EXPECT_TRUE(u.ambiguous);
  ASSERT_EQ(u.candidates.size(), 2u);
  EXPECT_GE(u.confidence, Matcher::kThreshold);
}
