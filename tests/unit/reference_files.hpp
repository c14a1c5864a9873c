#pragma once
// Reading the plain-text files written by tests/reference/make_reference.R: lines of
// space-separated tokens, numbers in R's %.17g spelling (Inf, -Inf, NaN, NA).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#ifndef BELLWETHER_REFERENCE_DIR
#error "BELLWETHER_REFERENCE_DIR must name the directory make_reference.R writes to"
#endif

namespace bellwether::test {

inline std::string reference_path(const std::string& name) {
  return std::string(BELLWETHER_REFERENCE_DIR) + "/" + name;
}

// Every line of a reference file split into tokens. A missing file is a failure, not a skip:
// the reference values are the point of these tests.
inline std::vector<std::vector<std::string>> read_reference(const std::string& name) {
  std::vector<std::vector<std::string>> lines;
  std::ifstream in(reference_path(name));
  EXPECT_TRUE(in.good()) << "missing reference file " << reference_path(name)
                         << " (run the r_reference_values test or make_reference.R first)";
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::vector<std::string> tokens;
    for (std::string w; words >> w;) tokens.push_back(w);
    if (!tokens.empty()) lines.push_back(std::move(tokens));
  }
  return lines;
}

// strtod reads R's Inf/-Inf/NaN; R's NA becomes NaN.
inline double parse_number(const std::string& token) {
  if (token == "NA") return std::numeric_limits<double>::quiet_NaN();
  char* end = nullptr;
  const double v = std::strtod(token.c_str(), &end);
  EXPECT_TRUE(end != token.c_str() && *end == '\0') << "not a number: " << token;
  return v;
}

// Tokens [first, first + count) as numbers.
inline std::vector<double> parse_numbers(const std::vector<std::string>& tokens, std::size_t first,
                                         std::size_t count) {
  std::vector<double> out;
  out.reserve(count);
  for (std::size_t i = first; i < first + count && i < tokens.size(); ++i) {
    out.push_back(parse_number(tokens[i]));
  }
  EXPECT_EQ(out.size(), count) << "short line starting with " << tokens.front();
  return out;
}

}  // namespace bellwether::test
