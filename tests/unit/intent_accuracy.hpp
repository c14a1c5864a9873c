#pragma once
// The labelled message set (tests/data/intent_messages.jsonl) scored against a registry:
// intent accuracy, parameter exact match, and wrong intents on the negatives. Shared by the
// accuracy test and the benchmark, which report the same figures.
#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bellwether/intent.hpp"

namespace bellwether::accuracy {

struct LabelledMessage {
  std::string category, text, intent;  // intent "" for a negative
  std::map<std::string, std::string> params;
};

inline std::vector<LabelledMessage> read_labelled_messages(const std::string& path) {
  std::vector<LabelledMessage> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto j = nlohmann::json::parse(line);
    LabelledMessage m;
    m.category = j.at("category");
    m.text = j.at("text");
    m.intent = j.at("intent").is_null() ? "" : j.at("intent").get<std::string>();
    m.params = j.at("params").get<std::map<std::string, std::string>>();
    out.push_back(std::move(m));
  }
  return out;
}

struct AccuracyReport {
  int messages = 0, intent_right = 0, params_right = 0, negatives = 0, wrong_on_negatives = 0, wrong_intents = 0;
  std::vector<std::string> failures;
  double lowest_right = 1, highest_negative = 0;  // the margin around the threshold
  double intent_accuracy() const { return messages ? static_cast<double>(intent_right) / messages : 0; }
  // Parameters are scored on the messages whose intent was right (the others have none to compare).
  double params_exact() const { return intent_right ? static_cast<double>(params_right) / intent_right : 0; }
};

inline AccuracyReport score_messages(const intent::Matcher& matcher, const std::vector<LabelledMessage>& set) {
  AccuracyReport r;
  for (const auto& m : set) {
    const auto u = matcher.understand(m.text);
    const std::string got = u.intent ? u.intent->name : "";
    ++r.messages;
    if (m.intent.empty()) {
      ++r.negatives;
      r.highest_negative = std::max(r.highest_negative, u.confidence);
    } else if (got == m.intent) {
      r.lowest_right = std::min(r.lowest_right, u.confidence);
    }
    if (got == m.intent) {
      ++r.intent_right;
      if (u.extraction.params == m.params) {
        ++r.params_right;
      } else {
        nlohmann::json want(m.params), have(u.extraction.params);
        r.failures.push_back("params  [" + m.category + "] " + m.text + "\n    want " + want.dump() + "\n    got  " + have.dump());
      }
    } else {
      if (!got.empty()) ++r.wrong_intents;
      if (m.intent.empty() && !got.empty()) ++r.wrong_on_negatives;
      r.failures.push_back("intent  [" + m.category + "] " + m.text + "\n    want " + (m.intent.empty() ? "null" : m.intent) +
                           " got " + (got.empty() ? "null" : got) + " (" + std::to_string(u.confidence) + ")");
    }
  }
  return r;
}

}  // namespace bellwether::accuracy
