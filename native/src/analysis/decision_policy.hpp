#pragma once
// The decision across windows, fed one window at a time in time order as in a live canary:
// rollback at once on a critical failure or after rollback_after failing windows, promote after
// promote_after passing windows, otherwise keep going; slow when the windows run out.
#include <optional>
#include <string>

#include "bellwether/analysis.hpp"

namespace bellwether::analysis {

struct Decision {
  Action action;
  std::string reason;
};

class DecisionPolicy {
 public:
  explicit DecisionPolicy(const AnalysisSettings& settings) : settings_(settings) {}
  // A decision when this window is decisive, nothing to keep going.
  std::optional<Decision> after(const WindowResult& window);
  // Why the canary is slow when no window was decisive (windows_seen of settings.windows).
  Decision out_of_windows(const WindowResult& last, int windows_seen) const;

 private:
  const AnalysisSettings& settings_;
  int fail_streak_ = 0;
  int pass_streak_ = 0;
};

// The metric a person should look at first in a window: a critical failure, then any failure,
// then missing data, then a flag, then the one closest to significance.
const MetricResult& deciding_metric(const WindowResult& window);

}  // namespace bellwether::analysis
