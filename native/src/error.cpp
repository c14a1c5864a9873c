#include "bellwether/error.hpp"

#include <utility>

namespace bellwether {

std::string_view to_string(ErrorKind kind) noexcept {
  switch (kind) {
    case ErrorKind::config: return "config";
    case ErrorKind::input: return "input";
    case ErrorKind::source: return "source";
    case ErrorKind::http: return "http";
    case ErrorKind::internal: return "internal";
  }
  return "internal";
}

std::string format_location(const SourceLocation& where, std::string_view message) {
  std::string out;
  if (!where.file.empty()) {
    out += where.file;
    if (where.line > 0) {
      out += ':' + std::to_string(where.line);
      if (where.column > 0) out += ':' + std::to_string(where.column);
    }
    out += ": ";
  }
  if (!where.field.empty()) {
    out += where.field;
    out += ": ";
  }
  out += message;
  return out;
}

Error::Error(ErrorKind kind, std::string message, SourceLocation where)
    : std::runtime_error(format_location(where, message)),
      kind_(kind),
      where_(std::move(where)),
      detail_(std::move(message)) {}

void fail(ErrorKind kind, std::string message, SourceLocation where) {
  throw Error(kind, std::move(message), std::move(where));
}

}  // namespace bellwether
