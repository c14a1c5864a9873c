#pragma once
// What is known about a change before it ships (changes.json), and the heuristic risk score
// that works without any training: a weighted sum of features mapped onto [0, 1], so that
// every factor's contribution is visible and the contributions add up to the score.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace bellwether::risk {

// changes.json: the Kamei features (ns, nd, nf, entropy, la, ld, lt, fix, ndev, age, nuc, exp,
// rexp, sexp), dependency_bumps, coverage_delta (percentage points), module_failure_rate (0-1),
// criticality (low|medium|high|critical), qps, in_peak_window, error_budget_remaining (0-1),
// service. Numbers are kept by name for models; unknown keys are kept and reported.
struct Change {
  std::string service;
  std::map<std::string, double> values;  // every numeric feature given (criticality as 0..3)
  std::vector<std::string> unknown_keys;
  std::string source;  // file name or "<request>", for messages
};

// Throws Error(input) naming the file and the key for a wrong type, a NaN, a negative count or
// an unknown criticality.
Change parse_change(const nlohmann::json& json, const std::string& source);
Change load_change(const std::filesystem::path& path);

// One term of the heuristic: the feature, how it is mapped onto [0, 1], and its weight.
struct HeuristicFactor {
  std::string name;     // e.g. "churn"
  std::string feature;  // changes.json key, or "la+ld" for churn
  // log_cap: log1p(x)/log1p(cap); inverse_log_cap: 1 minus that (little experience is risky);
  // linear_cap: x/cap; flag: 1 when non-zero; drop: -x/cap (a coverage decrease). All clamped.
  enum class Scale { log_cap, linear_cap, inverse_log_cap, flag, drop } scale = Scale::log_cap;
  double cap = 1;       // the value at which the factor is saturated
  double weight = 0;    // points at saturation
};

// The documented defaults; weights add up to 100 so a change saturating everything scores 100.
std::vector<HeuristicFactor> default_heuristic();

struct Contribution {
  std::string factor;
  std::optional<double> value;  // the feature value used; none when the change lacks it
  double contribution = 0;      // points of the score
};

struct HeuristicScore {
  double score = 0;  // 0-100, the sum of the contributions
  std::vector<Contribution> reasons;
  std::vector<std::string> missing;  // features the change lacks (they contribute 0: neutral)
};

HeuristicScore score_heuristic(const Change& change, const std::vector<HeuristicFactor>& factors);

// Appends one deploy to a history CSV that `train` reads: date (unix seconds), service, the
// features and `rollback` (1 when the deploy was rolled back). A new file gets the standard
// columns; an existing file keeps its own header (values it has no column for are returned so
// the caller can warn). The file is rewritten through a temporary file and a rename, so it is
// never left half-written.
std::vector<std::string> append_history(const std::filesystem::path& path, const Change& change, bool rolled_back,
                                        double at);

}  // namespace bellwether::risk
