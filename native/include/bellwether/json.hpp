#pragma once
// The JSON facade: the only place where a third-party type (nlohmann::json) is public.
// Field names are the contract of DESIGN.md; NaN and +-Inf become null.
#include <filesystem>

#include <nlohmann/json.hpp>

#include "bellwether/analysis.hpp"
#include "bellwether/stats.hpp"

namespace bellwether {

// The compare answer: {test, method, alternative, confidence, w, p_value, estimate, ci,
// n_baseline, n_candidate, effect:{mean_ratio, cles, relative_shift}, ...}.
nlohmann::json compare_to_json(const stats::MannWhitneyResult& test, const stats::EffectSizes& effect);

// The verdict: {action, score, reason, windows:[...], metrics:[...], ...}.
nlohmann::json verdict_to_json(const Verdict& verdict);
nlohmann::json metric_to_json(const MetricResult& metric);

std::string version();

// A JSON file: Error(source) naming the file when it cannot be opened, Error(input) when malformed.
nlohmann::json read_json_file(const std::filesystem::path& path);

}  // namespace bellwether
