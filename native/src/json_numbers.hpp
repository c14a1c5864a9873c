#pragma once
// JSON has no NaN or Inf: the contract writes them as null.
#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>

namespace bellwether::detail {
inline nlohmann::json number_or_null(double v) {
  return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}
inline nlohmann::json optional_number(const std::optional<double>& v) {
  return v ? number_or_null(*v) : nlohmann::json(nullptr);
}
}  // namespace bellwether::detail
