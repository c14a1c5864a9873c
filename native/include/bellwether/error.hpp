#pragma once
// One exception family for the whole core. Every surface (CLI, JNI, Jenkins) has exactly one
// catch boundary that maps an Error's kind to an exit code, a Java exception or a failed step.
#include <stdexcept>
#include <string>
#include <string_view>

namespace bellwether {

enum class ErrorKind {
  config,    // a configuration file is malformed or inconsistent
  input,     // user data (metrics, samples, changes) is malformed
  source,    // a metric source failed (file missing, Prometheus down, rejected query)
  http,      // transport-level failure
  internal,  // a bug: an invariant of the core did not hold
};

std::string_view to_string(ErrorKind kind) noexcept;

// Where in a file something went wrong; line and column are 1-based, 0 means unknown.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
  std::string field;  // e.g. "metrics[2].direction"
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, std::string message, SourceLocation where = {});
  ErrorKind kind() const noexcept { return kind_; }
  const SourceLocation& where() const noexcept { return where_; }
  // The message without the location prefix.
  const std::string& detail() const noexcept { return detail_; }

 private:
  ErrorKind kind_;
  SourceLocation where_;
  std::string detail_;
};

// Formats "file:line:column: field: message", leaving out the parts that are unknown.
std::string format_location(const SourceLocation& where, std::string_view message);

[[noreturn]] void fail(ErrorKind kind, std::string message, SourceLocation where = {});

}  // namespace bellwether
