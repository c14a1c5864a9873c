#pragma once
// CSV fields of one line, shared by the metrics and history readers. Errors are thrown as
// ParseFailure with the line's byte offset, so a reader that parses chunks in parallel can
// still name the exact line afterwards.
#include <exception>
#include <string>
#include <string_view>
#include <vector>

namespace bellwether::sources {

struct Field {
  std::string_view text;
  std::size_t offset = 0;  // from the start of the line
};

// A problem found while parsing a chunk; the line number is worked out afterwards from the
// byte offset, so chunks can be parsed without knowing where their lines start.
struct ParseProblem {
  std::size_t offset = 0;  // of the line, in the whole text
  std::size_t column = 0;  // 1-based; 0 when unknown
  std::string field;
  std::string message;
};

struct ParseFailure : std::exception {
  ParseProblem problem;
  explicit ParseFailure(ParseProblem p) : problem(std::move(p)) {}
};

[[noreturn]] void problem(std::size_t line_offset, std::size_t column, std::string field, std::string message);

// Splits a line on commas; double-quoted fields may hold commas and "" escapes. Views point
// into the line, or into scratch for quoted fields.
void split(std::string_view line, std::size_t line_offset, std::vector<Field>& fields, std::string& scratch);

// Line number (1-based) of a byte offset.
int line_of(std::string_view text, std::size_t offset);

}  // namespace bellwether::sources
