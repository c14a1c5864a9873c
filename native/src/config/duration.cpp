#include <cctype>
#include <charconv>
#include <cmath>

#include "bellwether/slo_config.hpp"

namespace bellwether {

std::optional<double> parse_duration_seconds(std::string_view text) {
  // A plain number is seconds; otherwise a sequence of <number><unit> (Prometheus style).
  if (text.empty()) return std::nullopt;
  double plain = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), plain);
  if (ec == std::errc() && end == text.data() + text.size()) {
    return std::isfinite(plain) ? std::optional<double>(plain) : std::nullopt;
  }
  double total = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    double amount = 0;
    auto [next, err] = std::from_chars(text.data() + i, text.data() + text.size(), amount,
                                       std::chars_format::fixed);
    if (err != std::errc() || amount < 0) return std::nullopt;
    i = static_cast<std::size_t>(next - text.data());
    std::size_t unit_end = i;
    while (unit_end < text.size() && std::isalpha(static_cast<unsigned char>(text[unit_end]))) ++unit_end;
    const std::string_view unit = text.substr(i, unit_end - i);
    double scale = 0;
    if (unit == "ms") scale = 0.001;
    else if (unit == "s") scale = 1;
    else if (unit == "m") scale = 60;
    else if (unit == "h") scale = 3600;
    else if (unit == "d") scale = 86400;
    else return std::nullopt;
    total += amount * scale;
    i = unit_end;
  }
  return total;
}

}  // namespace bellwether
