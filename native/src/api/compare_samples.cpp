#include "bellwether/json.hpp"
#include "bellwether/operations.hpp"

namespace bellwether {

nlohmann::json compare_samples(std::span<const double> baseline, std::span<const double> candidate,
                               const CompareSettings& settings) {
  const auto clean_baseline = stats::clean(baseline, settings.non_finite);
  const auto clean_candidate = stats::clean(candidate, settings.non_finite);
  const auto result = stats::mann_whitney(clean_candidate.values, clean_baseline.values, settings.test);
  auto answer = compare_to_json(result, stats::effect_sizes(clean_candidate.values, clean_baseline.values, result));
  if (clean_baseline.dropped + clean_candidate.dropped > 0) {
    answer["dropped_non_finite"] = {{"baseline", clean_baseline.dropped}, {"candidate", clean_candidate.dropped}};
  }
  return answer;
}

}  // namespace bellwether
