#include "bellwether/timestamp.hpp"

#include <charconv>
#include <cmath>
#include <ctime>
#include <regex>
#include <string>

namespace bellwether {

std::optional<double> parse_timestamp(std::string_view text) {
  double seconds = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (ec == std::errc() && end == text.data() + text.size()) {
    return std::isfinite(seconds) ? std::optional<double>(seconds) : std::nullopt;
  }
  static const std::regex date_time(
      R"(^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[Tt ](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?([Zz]|([+-])(\d{2}):(\d{2}))?$)");
  std::match_results<std::string_view::const_iterator> m;
  if (!std::regex_match(text.begin(), text.end(), m, date_time)) return std::nullopt;
  auto number = [&](std::size_t group) { return m[group].matched ? std::stoi(m[group].str()) : 0; };
  std::tm tm{};
  tm.tm_year = number(1) - 1900;
  tm.tm_mon = number(2) - 1;
  tm.tm_mday = number(3);
  tm.tm_hour = number(4);
  tm.tm_min = number(5);
  tm.tm_sec = number(6);
  if (tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 ||
      tm.tm_min > 59 || tm.tm_sec > 60) {
    return std::nullopt;
  }
  double result = static_cast<double>(timegm(&tm));
  if (m[7].matched) result += std::stod("0" + m[7].str());
  if (m[9].matched) {
    const double offset = number(10) * 3600.0 + number(11) * 60.0;
    result += m[9].str() == "+" ? -offset : offset;
  }
  return result;
}

}  // namespace bellwether
