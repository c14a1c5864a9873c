#include <cmath>

#include "bellwether/error.hpp"
#include "bellwether/stats.hpp"

namespace bellwether::stats {

std::optional<NonFinitePolicy> parse_non_finite_policy(std::string_view text) {
  if (text == "drop") return NonFinitePolicy::drop;
  if (text == "zero") return NonFinitePolicy::zero;
  if (text == "fail") return NonFinitePolicy::fail;
  return std::nullopt;
}

std::string_view to_string(NonFinitePolicy policy) noexcept {
  switch (policy) {
    case NonFinitePolicy::drop: return "drop";
    case NonFinitePolicy::zero: return "zero";
    case NonFinitePolicy::fail: return "fail";
  }
  return "drop";
}

CleanSample clean(std::span<const double> sample, NonFinitePolicy policy) {
  CleanSample out;
  out.values.reserve(sample.size());
  for (std::size_t i = 0; i < sample.size(); ++i) {
    const double v = sample[i];
    if (std::isfinite(v)) {
      out.values.push_back(v);
      continue;
    }
    switch (policy) {
      case NonFinitePolicy::drop: ++out.dropped; break;
      case NonFinitePolicy::zero:
        out.values.push_back(0.0);
        ++out.replaced;
        break;
      case NonFinitePolicy::fail:
        fail(ErrorKind::input, "value " + std::to_string(i + 1) + " is not finite (" +
                                   std::to_string(v) + ") and the policy is 'fail'");
    }
  }
  return out;
}

}  // namespace bellwether::stats
