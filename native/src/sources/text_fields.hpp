#pragma once
// Small helpers shared by the line-oriented readers (metrics CSV, sample files).
#include <charconv>
#include <cmath>
#include <string>
#include <string_view>

#include "bellwether/error.hpp"

namespace bellwether::sources {

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

enum class NumberStatus { ok, malformed, out_of_range };

// Parses a whole field as a double. NaN/Inf spellings parse (the analysis policy handles
// them); a finite literal beyond double range is out_of_range, never silently Inf.
inline NumberStatus parse_number(std::string_view text, double& out) {
  const char* begin = text.data();
  const char* end = begin + text.size();
  if (begin != end && *begin == '+') ++begin;
  const auto [ptr, ec] = std::from_chars(begin, end, out);
  if (ec == std::errc::result_out_of_range) return NumberStatus::out_of_range;
  if (ec != std::errc() || ptr != end || begin == end) return NumberStatus::malformed;
  return NumberStatus::ok;
}

// Unix seconds written as plain digits (the usual case) convert exactly without the general
// floating-point parser; anything else returns false and goes through parse_number.
inline bool parse_whole_seconds(std::string_view text, double& out) {
  if (text.empty() || text.size() > 15) return false;
  long long seconds = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    seconds = seconds * 10 + (c - '0');
  }
  out = static_cast<double>(seconds);
  return true;
}

std::string read_whole_file(const std::string& path);  // Error(source) when unreadable

}  // namespace bellwether::sources
