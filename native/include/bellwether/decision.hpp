#pragma once
// How to ship a change: its risk score and reasons, a strategy and pace from the policy's risk
// bands, and the gates (change windows, error budget, maximum risk) that may stop it.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "bellwether/prometheus.hpp"
#include "bellwether/risk_model.hpp"
#include "bellwether/risk_score.hpp"

namespace bellwether::risk {

struct Pace {
  std::vector<double> steps;  // percent of traffic or instances per step, ending at 100
  std::string pause;          // between steps, e.g. "5m"
  std::string soak;           // blue/green: how long the green side runs before the switch
};

struct StrategyBand {
  double below = 101;      // applies when risk_score < below (bands are checked in order)
  std::string strategy;    // canary | bluegreen | rolling
  Pace pace;
};

// A weekly window in the policy's time zone: days (0 = Monday) and [from, to) minutes.
struct WeeklyWindow {
  std::vector<int> days;
  int from_minute = 0, to_minute = 0;
  std::string reason;
};

struct FreezePeriod {
  std::string from, to;  // YYYY-MM-DD, inclusive, in the policy's time zone
  std::string reason;
};

struct Policy {
  std::string path;
  std::vector<HeuristicFactor> factors = default_heuristic();
  double approval_threshold = 70;
  std::optional<double> max_risk;
  std::vector<StrategyBand> bands;
  std::string timezone = "UTC";
  std::vector<WeeklyWindow> peak;     // marks in_peak_window for the score
  std::vector<WeeklyWindow> deny;     // no deploys in these windows
  std::vector<FreezePeriod> freeze;   // no deploys on these dates
  std::optional<double> min_error_budget;  // deny when error_budget_remaining is below
  // When the change does not carry error_budget_remaining: this query ({{service}} is the
  // change's service) on this Prometheus. A failed query blocks the gate (fail closed).
  std::string error_budget_query;
  std::optional<sources::PrometheusConnection> error_budget_source;
};

// The documented defaults when no policy.yaml is given: bands 30/70/101 (rolling, canary
// 10/25/50/100, canary 1/5/20/100), approval above 70, no time gates.
Policy default_policy();
// Throws Error(config) with file:line:column and the field.
Policy load_policy(const std::filesystem::path& path);
// The same from YAML (or JSON) text; `file` names it in messages (a request field, e.g. "policy").
Policy parse_policy(std::string_view yaml, const std::string& file);

struct Gate {
  std::string name;
  bool allowed = true;
  std::string reason;
};

struct Decision {
  double risk_score = 0;
  std::string strategy;
  Pace pace;
  bool approval_required = false;
  bool allowed = true;  // every gate allows it
  std::vector<Gate> gates;
  std::vector<Contribution> reasons;
  std::vector<std::string> missing;       // features the change lacks (heuristic: neutral)
  std::vector<std::string> unknown_keys;  // keys of changes.json that nothing uses by name
  std::optional<double> probability;      // with a model
  double at = 0;                          // unix seconds the gates were evaluated at
};

// Deterministic for the same change, policy, model and time. With a model, a feature the
// change lacks is an error (Error(input) naming it); the heuristic treats it as neutral.
Decision decide(const Change& change, const Policy& policy, const LogisticModel* model, double at);
nlohmann::json to_json(const Decision& decision, const LogisticModel* model);

}  // namespace bellwether::risk
