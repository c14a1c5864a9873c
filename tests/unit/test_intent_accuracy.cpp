// The matcher on the labelled message set over the example registry: the goals of issue 5
// (≥95% intent accuracy, ≥95% parameter exact match, no wrong intent for a negative).
#include <gtest/gtest.h>

#include <iostream>

#include "bellwether/intent.hpp"
#include "intent_accuracy.hpp"

using namespace bellwether;

TEST(IntentAccuracy, LabelledSetOverTheExampleRegistry) {
  const auto registry = intent::load_registry({std::string(BELLWETHER_EXAMPLES_DIR) + "/jobs.yaml"});
  const intent::Matcher matcher(registry);
  const auto set = accuracy::read_labelled_messages(std::string(BELLWETHER_TEST_DATA_DIR) + "/intent_messages.jsonl");
  ASSERT_GE(set.size(), 150u);
  const auto r = accuracy::score_messages(matcher, set);
  for (const auto& f : r.failures) std::cout << f << "\n";
  std::cout << "intent accuracy " << r.intent_accuracy() << " (" << r.intent_right << "/" << r.messages << "), params exact "
            << r.params_exact() << " (" << r.params_right << "/" << r.intent_right << "), wrong intents on negatives "
            << r.wrong_on_negatives << "/" << r.negatives << "; lowest right " << r.lowest_right << ", highest negative "
            << r.highest_negative << "\n";
  EXPECT_GE(r.intent_accuracy(), 0.95);
  EXPECT_GE(r.params_exact(), 0.95);
  EXPECT_EQ(r.wrong_on_negatives, 0);
  EXPECT_GE(r.negatives, 20);
}

// Another team's registry and messages, for the general case: the matcher was not tuned on it.
TEST(IntentAccuracy, SecondRegistryNotUsedForTuning) {
  const auto registry = intent::load_registry({std::string(BELLWETHER_TEST_DATA_DIR) + "/ops_registry.yaml"});
  const intent::Matcher matcher(registry);
  const auto set = accuracy::read_labelled_messages(std::string(BELLWETHER_TEST_DATA_DIR) + "/ops_messages.jsonl");
  const auto r = accuracy::score_messages(matcher, set);
  for (const auto& f : r.failures) std::cout << f << "\n";
  std::cout << "second registry: intent accuracy " << r.intent_accuracy() << " (" << r.intent_right << "/" << r.messages
            << "), params exact " << r.params_exact() << ", wrong intents on negatives " << r.wrong_on_negatives << "/"
            << r.negatives << "; lowest right " << r.lowest_right << ", highest negative " << r.highest_negative << "\n";
  EXPECT_GE(r.intent_accuracy(), 0.9);
  EXPECT_GE(r.params_exact(), 0.9);
  EXPECT_EQ(r.wrong_on_negatives, 0);
}
