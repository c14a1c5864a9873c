#include <cmath>

#include "bellwether/json.hpp"
#include "json_numbers.hpp"

namespace bellwether {
namespace {
using detail::number_or_null;
using detail::optional_number;

nlohmann::json side_to_json(const SideSummary& s) {
  nlohmann::json j = {{"n", s.n}, {"median", number_or_null(s.median)}, {"p25", number_or_null(s.p25)},
                      {"p75", number_or_null(s.p75)}, {"mean", number_or_null(s.mean)},
                      {"p95", number_or_null(s.p95)}, {"aggregate", number_or_null(s.aggregate)}};
  if (s.dropped > 0) j["dropped_non_finite"] = s.dropped;
  return j;
}
}  // namespace

nlohmann::json metric_to_json(const MetricResult& m) {
  nlohmann::json j = {
      {"name", m.name},
      {"classification", to_string(m.classification)},
      {"critical", m.critical},
      {"direction", to_string(m.direction)},
      {"baseline", side_to_json(m.baseline)},
      {"candidate", side_to_json(m.candidate)},
      {"reason", m.reason},
  };
  if (m.test) {
    const auto& t = *m.test;
    j["method"] = to_string(t.method);
    j["w"] = number_or_null(t.w);
    j["p_value"] = number_or_null(t.p_value);
    j["p_adjusted"] = number_or_null(m.p_adjusted);
    j["estimate"] = number_or_null(t.estimate);
    j["ci"] = {number_or_null(t.ci_low), number_or_null(t.ci_high)};
    j["confidence"] = t.confidence;
    j["effect"] = {{"mean_ratio", optional_number(m.effect.mean_ratio)},
                   {"cles", optional_number(m.effect.cles)},
                   {"relative_shift", optional_number(m.effect.relative_shift)}};
    if (m.mean_difference) {
      const auto& md = *m.mean_difference;
      j["mean_difference"] = {{"estimate", number_or_null(md.difference)},
                              {"ci", {number_or_null(md.ci_low), number_or_null(md.ci_high)}},
                              {"df", number_or_null(md.df)}};
    }
    j["tolerance"] = {{"relative", m.tolerance}, {"absolute", m.tolerance_abs}, {"band", m.band}};
    j["z"] = optional_number(m.z);
    j["spike"] = m.spike;
    j["ewma"] = {{"value", optional_number(m.ewma)}, {"limit", optional_number(m.ewma_limit)}, {"drift", m.drift}};
  } else {
    j["p_value"] = nullptr;
    j["estimate"] = nullptr;
    j["ci"] = nullptr;
  }
  if (m.slo) {
    j["slo"] = {{"bound", *m.slo}, {"aggregate", to_string(m.aggregate)},
                {"value", number_or_null(m.candidate.aggregate)}, {"breached", m.slo_breached}};
  } else {
    j["slo"] = nullptr;
  }
  return j;
}

nlohmann::json verdict_to_json(const Verdict& v) {
  nlohmann::json windows = nlohmann::json::array();
  for (const auto& w : v.windows) {
    nlohmann::json metrics = nlohmann::json::array();
    for (const auto& m : w.metrics) metrics.push_back(metric_to_json(m));
    windows.push_back({{"index", w.index}, {"start", w.start}, {"end", w.end},
                       {"status", to_string(w.status)}, {"score", w.score},
                       {"critical_failure", w.critical_failure}, {"decision", w.decision},
                       {"metrics", std::move(metrics)}});
  }
  nlohmann::json j = {{"action", to_string(v.action)}, {"score", v.score}, {"reason", v.reason}};
  j["deciding_window"] = v.deciding_window ? nlohmann::json(*v.deciding_window) : nlohmann::json(nullptr);
  // Top-level metrics: those of the deciding window, the numbers behind the action.
  j["metrics"] = nlohmann::json::array();
  if (v.deciding_window) {
    for (const auto& w : v.windows) {
      if (w.index != *v.deciding_window) continue;
      for (const auto& m : w.metrics) j["metrics"].push_back(metric_to_json(m));
    }
  }
  j["windows"] = std::move(windows);
  j["warnings"] = v.warnings;
  return j;
}

}  // namespace bellwether
