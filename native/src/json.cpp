#include "bellwether/json.hpp"
#include "json_numbers.hpp"

#include <cmath>

namespace bellwether {
namespace {
using detail::number_or_null;
using detail::optional_number;
}  // namespace

std::string version() { return BELLWETHER_VERSION; }

nlohmann::json compare_to_json(const stats::MannWhitneyResult& t, const stats::EffectSizes& effect) {
  nlohmann::json j = {
      {"test", "mann-whitney"},
      {"method", to_string(t.method)},
      {"alternative", to_string(t.alternative)},
      {"confidence", t.confidence},
      {"w", number_or_null(t.w)},
      {"p_value", number_or_null(t.p_value)},
      {"estimate", number_or_null(t.estimate)},
      {"ci", {number_or_null(t.ci_low), number_or_null(t.ci_high)}},
      {"n_baseline", t.n_baseline},
      {"n_candidate", t.n_candidate},
      {"ties", t.ties},
      {"effect", {{"mean_ratio", optional_number(effect.mean_ratio)},
                  {"cles", optional_number(effect.cles)},
                  {"relative_shift", optional_number(effect.relative_shift)}}},
  };
  if (t.achieved_confidence != t.confidence) j["achieved_confidence"] = t.achieved_confidence;
  if (!t.note.empty()) j["note"] = t.note;
  return j;
}

}  // namespace bellwether
