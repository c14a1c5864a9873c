#pragma once
// Numbers in reasons: short enough to read, precise enough to check against the JSON fields.
#include <cmath>
#include <cstdio>
#include <string>

namespace bellwether::analysis {

inline std::string num(double v) {
  if (std::isnan(v)) return "n/a";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", v);
  return buffer;
}
inline std::string signed_num(double v) {
  if (std::isnan(v)) return "n/a";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%+.4g", v);
  return buffer;
}
inline std::string percent(double fraction) {
  if (std::isnan(fraction)) return "n/a";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%+.1f%%", 100 * fraction);
  return buffer;
}
inline std::string p_text(double p) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2g", p);
  return buffer;
}

}  // namespace bellwether::analysis
