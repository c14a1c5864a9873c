#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>

#include "bellwether/error.hpp"
#include "bellwether/risk_score.hpp"

namespace bellwether::risk {
namespace {

// Counts and sizes: never negative.
constexpr std::array<const char*, 16> kCounts = {"ns", "nd", "nf", "entropy", "la", "ld", "lt", "ndev", "age",
                                                 "nuc", "exp", "rexp", "sexp", "dependency_bumps", "qps", "fix"};
constexpr std::array<const char*, 3> kSigned = {"coverage_delta", "module_failure_rate", "error_budget_remaining"};
constexpr std::array<const char*, 4> kCriticality = {"low", "medium", "high", "critical"};

template <std::size_t N>
bool one_of(const std::string& key, const std::array<const char*, N>& names) {
  return std::any_of(names.begin(), names.end(), [&](const char* n) { return key == n; });
}

double mapped(const HeuristicFactor& f, double x) {
  const double saturating = std::min(1.0, std::log1p(std::max(0.0, x)) / std::log1p(f.cap));
  switch (f.scale) {
    case HeuristicFactor::Scale::log_cap: return saturating;
    case HeuristicFactor::Scale::inverse_log_cap: return 1 - saturating;
    case HeuristicFactor::Scale::linear_cap: return std::clamp(x / f.cap, 0.0, 1.0);
    case HeuristicFactor::Scale::flag: return x != 0 ? 1.0 : 0.0;
    case HeuristicFactor::Scale::drop: return std::clamp(-x / f.cap, 0.0, 1.0);
  }
  return 0;
}

}  // namespace

Change parse_change(const nlohmann::json& json, const std::string& source) {
  if (!json.is_object()) fail(ErrorKind::input, "expected a JSON object", {source, 0, 0, ""});
  Change c;
  c.source = source;
  for (const auto& [key, value] : json.items()) {
    auto bad = [&](const std::string& why) { fail(ErrorKind::input, why + ", got " + value.dump(), {source, 0, 0, key}); };
    if (key == "service") {
      if (!value.is_string()) bad("expected a string");
      c.service = value.get<std::string>();
    } else if (key == "criticality") {
      if (!value.is_string()) bad("expected low|medium|high|critical");
      const auto text = value.get<std::string>();
      const auto it = std::find_if(kCriticality.begin(), kCriticality.end(), [&](const char* n) { return text == n; });
      if (it == kCriticality.end()) bad("expected low|medium|high|critical");
      c.values[key] = static_cast<double>(it - kCriticality.begin());
    } else if (value.is_boolean()) {
      c.values[key] = value.get<bool>() ? 1.0 : 0.0;
    } else if (key == "dependency_bumps" && value.is_array()) {
      c.values[key] = static_cast<double>(value.size());  // the list `features` writes
    } else if (value.is_number()) {
      const double v = value.get<double>();
      if (!std::isfinite(v)) bad("expected a finite number");
      if (one_of(key, kCounts) && v < 0) bad("must not be negative");
      if (key == "module_failure_rate" && (v < 0 || v > 1)) bad("must be a rate between 0 and 1");
      c.values[key] = v;
      if (!one_of(key, kCounts) && !one_of(key, kSigned)) c.unknown_keys.push_back(key);
    } else if (one_of(key, kCounts) || one_of(key, kSigned) || key == "in_peak_window") {
      bad("expected a number");
    } else {
      c.unknown_keys.push_back(key);  // kept for the report; not numeric, so no model can use it
    }
  }
  return c;
}

Change load_change(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) fail(ErrorKind::source, "cannot open the file", {path.string(), 0, 0, ""});
  try {
    return parse_change(nlohmann::json::parse(in), path.string());
  } catch (const nlohmann::json::parse_error& e) {
    fail(ErrorKind::input, std::string("malformed JSON: ") + e.what(), {path.string(), 0, 0, ""});
  }
}

std::vector<HeuristicFactor> default_heuristic() {
  using S = HeuristicFactor::Scale;
  // Weights follow the JIT literature's strongest signals first: size of the change (LA is
  // the best single predictor), the module's own failure history, then spread and context.
  return {
      {"churn", "la+ld", S::log_cap, 2000, 20},
      {"module_failure_rate", "module_failure_rate", S::linear_cap, 0.3, 15},
      {"files", "nf", S::log_cap, 50, 10},
      {"dependency_bumps", "dependency_bumps", S::log_cap, 5, 10},
      {"criticality", "criticality", S::linear_cap, 3, 10},
      {"subsystems", "ns", S::log_cap, 5, 8},
      {"inexperience", "exp", S::inverse_log_cap, 100, 7},
      {"entropy", "entropy", S::linear_cap, 4, 5},
      {"coverage_drop", "coverage_delta", S::drop, 5, 5},
      {"load", "qps", S::log_cap, 10000, 5},
      {"peak_window", "in_peak_window", S::flag, 1, 5},
  };
}

HeuristicScore score_heuristic(const Change& change, const std::vector<HeuristicFactor>& factors) {
  HeuristicScore out;
  auto value_of = [&](const std::string& feature) -> std::optional<double> {
    if (feature == "la+ld") {
      const auto la = change.values.find("la"), ld = change.values.find("ld");
      if (la == change.values.end() && ld == change.values.end()) return std::nullopt;
      return (la == change.values.end() ? 0 : la->second) + (ld == change.values.end() ? 0 : ld->second);
    }
    const auto it = change.values.find(feature);
    return it == change.values.end() ? std::nullopt : std::optional<double>(it->second);
  };
  double total_weight = 0;
  for (const auto& f : factors) total_weight += std::max(0.0, f.weight);
  // Custom weights may add up to more than 100: scale them so the sum of the contributions is
  // still the score, and the score still ends at 100.
  const double scale = total_weight > 100 ? 100 / total_weight : 1.0;
  for (const auto& f : factors) {
    Contribution c;
    c.factor = f.name;
    c.value = value_of(f.feature);
    if (c.value) {
      c.contribution = scale * f.weight * mapped(f, *c.value);
    } else {
      out.missing.push_back(f.feature);
    }
    out.score += c.contribution;
    out.reasons.push_back(c);
  }
  out.score = std::clamp(out.score, 0.0, 100.0);
  return out;
}

}  // namespace bellwether::risk
