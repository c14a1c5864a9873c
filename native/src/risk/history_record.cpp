#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

#include "bellwether/error.hpp"
#include "bellwether/files.hpp"
#include "bellwether/risk_score.hpp"
#include "sources/csv_fields.hpp"

namespace bellwether::risk {
namespace {

const std::vector<std::string> kStandardColumns = {
    "date", "service", "ns", "nd", "nf", "entropy", "la", "ld", "lt", "fix", "ndev", "age", "nuc", "exp", "rexp",
    "sexp", "dependency_bumps", "coverage_delta", "module_failure_rate", "criticality", "qps", "in_peak_window",
    "error_budget_remaining", "rollback"};

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

// The shortest text that reads back as the same double.
std::string number_text(double v) {
  char buffer[40];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
  return std::string(buffer, ec == std::errc() ? end : buffer);
}

}  // namespace

std::vector<std::string> append_history(const std::filesystem::path& path, const Change& change, bool rolled_back,
                                        double at) {
  const std::string file = path.string();
  std::string existing;
  std::vector<std::string> columns = kStandardColumns;
  if (std::ifstream in(file, std::ios::binary); in) {
    std::ostringstream buffer;
    buffer << in.rdbuf();
    existing = buffer.str();
  }
  if (!existing.empty()) {
    const std::string header = existing.substr(0, existing.find('\n'));
    std::vector<sources::Field> fields;
    std::string scratch;
    try {
      sources::split(header, 0, fields, scratch);
    } catch (const sources::ParseFailure& f) {
      fail(ErrorKind::input, f.problem.message, {file, 1, static_cast<int>(f.problem.column), "header"});
    }
    columns.clear();
    for (const auto& f : fields) columns.emplace_back(f.text);
    if (std::find(columns.begin(), columns.end(), "rollback") == columns.end()) {
      fail(ErrorKind::input, "this history has no \"rollback\" column; it was not written by `record`", {file, 1, 0, "header"});
    }
    if (existing.back() != '\n') existing += '\n';
  } else {
    for (std::size_t i = 0; i < columns.size(); ++i) existing += (i ? "," : "") + columns[i];
    existing += '\n';
  }

  std::set<std::string> written;
  std::string row;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const std::string& c = columns[i];
    std::string cell;
    if (c == "date") {
      cell = number_text(std::floor(at));
    } else if (c == "service") {
      cell = csv_field(change.service);
    } else if (c == "rollback") {
      cell = rolled_back ? "1" : "0";
    } else if (const auto it = change.values.find(c); it != change.values.end()) {
      cell = number_text(it->second);
      written.insert(c);
    }
    row += (i ? "," : "") + cell;
  }
  std::vector<std::string> not_recorded;
  for (const auto& [key, value] : change.values) {
    if (!written.count(key)) not_recorded.push_back(key);
  }

  write_file_atomically(path, existing + row + "\n");
  return not_recorded;
}

}  // namespace bellwether::risk
