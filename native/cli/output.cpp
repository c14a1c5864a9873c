#include "output.hpp"

#include "bellwether/timestamp.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <iostream>

namespace bellwether::cli {

void print_json(const nlohmann::json& value, bool pretty) {
  std::cout << value.dump(pretty ? 2 : -1) << '\n' << std::flush;
}

void log_error(const std::string& message) { std::cerr << "bellwether: error: " << message << '\n'; }
void log_warning(const std::string& message) { std::cerr << "bellwether: warning: " << message << '\n'; }

std::optional<double> parse_time(const std::string& text) { return parse_timestamp(text); }

}  // namespace bellwether::cli
