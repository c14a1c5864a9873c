#pragma once
// Understanding a chat message against the job registry: which intent it asks for, with a
// confidence, the runner-up candidates and the evidence, and the parameter values the user
// stated (canonical and validated). Deterministic: the same registry and text give the same
// answer, and every decision can be traced to words of the message.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bellwether/job_registry.hpp"

namespace bellwether::intent {

struct Candidate {
  std::string intent;
  double confidence = 0;
};

struct RejectedValue {
  std::string parameter;
  std::string value;
  std::string problem;  // "\"Payments\" does not match ^[a-z0-9]…"
};

struct Extraction {
  std::map<std::string, std::string> params;  // only what the user stated, canonical and valid
  std::vector<RejectedValue> rejected;        // stated for a parameter but not acceptable
  std::vector<std::string> unknown_keys;      // key=value with a key the intent does not have
  std::vector<std::string> unexplained;       // content words no parameter or keyword used
  std::vector<std::string> evidence;          // "cluster ← aks-prod-01 (pattern)"
};

struct Understanding {
  const Intent* intent = nullptr;  // null: nothing matched well enough, or two intents tie
  double confidence = 0;           // of the best candidate, 0..1
  bool ambiguous = false;          // the best two are too close to choose
  std::vector<Candidate> candidates;  // best first (the chosen intent included)
  Extraction extraction;              // for the chosen intent
  std::vector<std::string> evidence;  // the words that decided: "spin up → create", "namespace"
};

// The canonical form of a value for a parameter ("Production" → "prod", "5%" → "5pct",
// "three" → "3"), or why it is not acceptable.
struct ValueCheck {
  std::optional<std::string> value;
  std::string problem;
};
ValueCheck check_value(const Parameter& parameter, const std::string& raw);

class Matcher {
 public:
  explicit Matcher(const JobRegistry& registry);
  ~Matcher();
  Matcher(const Matcher&) = delete;
  Matcher& operator=(const Matcher&) = delete;

  // The intent a fresh message asks for, with the parameters it states.
  Understanding understand(std::string_view message) const;

  // The parameters a message states for a known intent (follow-up turns); `pending` names
  // the parameter just asked for, which a bare answer ("payments") fills.
  Extraction extract(const Intent& intent, std::string_view message, const std::string& pending = "") const;

  // Below this confidence no intent is chosen.
  static constexpr double kThreshold = 0.5;
  // The runner-up must stay below this share of the best score, or the answer is ambiguous.
  static constexpr double kAmbiguity = 0.85;

  const JobRegistry& registry() const;

 private:
  struct Index;
  std::unique_ptr<Index> index_;
};

}  // namespace bellwether::intent
