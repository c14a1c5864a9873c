#include "output.hpp"

#include <CLI/CLI.hpp>
#include <chrono>

#include "bellwether/error.hpp"
#include "bellwether/json.hpp"
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

std::optional<double> time_option(const std::string& text, const char* option) {
  if (text.empty()) return std::nullopt;
  const auto t = parse_time(text);
  if (!t) throw CLI::ValidationError(option, "expected unix seconds or RFC 3339, got \"" + text + "\"");
  return t;
}

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

nlohmann::json read_json_file(const std::string& path) { return bellwether::read_json_file(path); }

}  // namespace bellwether::cli
