#include "output.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <regex>

namespace bellwether::cli {

void print_json(const nlohmann::json& value, bool pretty) {
  std::cout << value.dump(pretty ? 2 : -1) << '\n' << std::flush;
}

void log_error(const std::string& message) { std::cerr << "bellwether: error: " << message << '\n'; }
void log_warning(const std::string& message) { std::cerr << "bellwether: warning: " << message << '\n'; }

std::optional<double> parse_time(const std::string& text) {
  double seconds = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (ec == std::errc() && end == text.data() + text.size()) {
    return std::isfinite(seconds) ? std::optional<double>(seconds) : std::nullopt;
  }
  static const std::regex rfc3339(
      R"(^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|([+-])(\d{2}):(\d{2}))$)");
  std::smatch m;
  if (!std::regex_match(text, m, rfc3339)) return std::nullopt;
  std::tm tm{};
  tm.tm_year = std::stoi(m[1]) - 1900;
  tm.tm_mon = std::stoi(m[2]) - 1;
  tm.tm_mday = std::stoi(m[3]);
  tm.tm_hour = std::stoi(m[4]);
  tm.tm_min = std::stoi(m[5]);
  tm.tm_sec = std::stoi(m[6]);
  if (tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60) {
    return std::nullopt;
  }
  double result = static_cast<double>(timegm(&tm));
  if (m[7].matched) result += std::stod("0" + m[7].str());
  if (m[9].matched) {
    const double offset = std::stoi(m[10]) * 3600.0 + std::stoi(m[11]) * 60.0;
    result += m[9] == "+" ? -offset : offset;
  }
  return result;
}

}  // namespace bellwether::cli
