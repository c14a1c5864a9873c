#pragma once
// What every command shares: one line of JSON on stdout (or pretty), messages on stderr, and
// the exit codes of DESIGN.md.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace bellwether::cli {

enum ExitCode : int {
  kOk = 0,
  kUsage = 2,
  kInputError = 3,   // config or input
  kSourceError = 4,  // source or network (commands other than analyze)
  kInternal = 5,
  kFailOnSlow = 10,
  kFailOnRollback = 20,
};

void print_json(const nlohmann::json& value, bool pretty);
void log_error(const std::string& message);
void log_warning(const std::string& message);

// Unix seconds or RFC 3339 ("2026-11-23T10:00:00Z", "...+01:00", fractional seconds).
std::optional<double> parse_time(const std::string& text);
// The value of a time option: nullopt when empty; a usage error (CLI::ValidationError) naming
// the option when it is not a time.
std::optional<double> time_option(const std::string& text, const char* option);
double now_seconds();

// A JSON file: Error(source) when unreadable, Error(input) naming the file when malformed.
nlohmann::json read_json_file(const std::string& path);

}  // namespace bellwether::cli
