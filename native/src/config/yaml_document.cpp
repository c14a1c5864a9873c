#include "config/yaml_document.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

namespace bellwether::config {
namespace {

SourceLocation location_of(const YAML::Mark& mark, const std::string& file, const std::string& path) {
  SourceLocation where{file, 0, 0, path};
  if (!mark.is_null()) {
    where.line = mark.line + 1;
    where.column = mark.column + 1;
  }
  return where;
}

std::string describe(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "nothing";
  if (node.IsMap()) return "a map";
  if (node.IsSequence()) return "a list";
  return "\"" + node.Scalar() + "\"";
}

}  // namespace

SourceLocation YamlField::where() const { return location_of(node_.Mark(), *file_, path_); }

void YamlField::fail(const std::string& message) const {
  bellwether::fail(ErrorKind::config, message, where());
}

void YamlField::expect_map() const {
  if (!node_.IsMap()) fail("expected a map, got " + describe(node_));
}

void YamlField::expect_sequence() const {
  if (!node_.IsSequence()) fail("expected a list, got " + describe(node_));
}

void YamlField::reject_unknown_keys(std::initializer_list<std::string_view> allowed) const {
  expect_map();
  for (const auto& entry : node_) {
    const std::string key = entry.first.as<std::string>("");
    bool known = false;
    for (auto name : allowed) known = known || key == name;
    if (known) continue;
    std::string expected;
    for (auto name : allowed) expected += (expected.empty() ? "" : ", ") + std::string(name);
    const std::string field = path_.empty() ? key : path_ + "." + key;
    bellwether::fail(ErrorKind::config, "unknown field (expected one of: " + expected + ")",
                     location_of(entry.first.Mark(), *file_, field));
  }
}

std::optional<YamlField> YamlField::find(const std::string& key) const {
  expect_map();
  const YAML::Node child = node_[key];
  if (!child.IsDefined()) return std::nullopt;
  return YamlField(child, path_.empty() ? key : path_ + "." + key, *file_);
}

YamlField YamlField::require(const std::string& key) const {
  auto child = find(key);
  if (!child) fail("missing required field '" + key + "'");
  return *child;
}

YamlField YamlField::at(std::size_t index) const {
  return YamlField(node_[index], path_ + "[" + std::to_string(index) + "]", *file_);
}

std::string YamlField::as_string() const {
  if (!node_.IsScalar()) fail("expected a string, got " + describe(node_));
  return node_.Scalar();
}

double YamlField::as_number() const {
  if (!node_.IsScalar()) fail("expected a number, got " + describe(node_));
  const std::string& text = node_.Scalar();
  double value = 0;
  const char* begin = text.data();
  const char* end = begin + text.size();
  if (begin != end && *begin == '+') ++begin;
  const auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec == std::errc::result_out_of_range) fail("number out of range: \"" + text + "\"");
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) {
    fail("expected a number, got \"" + text + "\"");
  }
  return value;
}

int YamlField::as_int() const {
  const double value = as_number();
  if (value != std::floor(value) || std::fabs(value) > 1e9) {
    fail("expected a whole number, got \"" + node_.Scalar() + "\"");
  }
  return static_cast<int>(value);
}

bool YamlField::as_bool() const {
  if (node_.IsScalar()) {
    const std::string& text = node_.Scalar();
    if (text == "true" || text == "True" || text == "TRUE" || text == "yes") return true;
    if (text == "false" || text == "False" || text == "FALSE" || text == "no") return false;
  }
  fail("expected true or false, got " + describe(node_));
}

YAML::Node parse_yaml(std::string_view text, const std::string& file) {
  try {
    const auto documents = YAML::LoadAll(std::string(text));
    if (documents.empty() || documents.front().IsNull()) {
      bellwether::fail(ErrorKind::config, "the file is empty", {file, 0, 0, ""});
    }
    if (documents.size() > 1) {
      bellwether::fail(ErrorKind::config, "expected one YAML document, found " +
                                              std::to_string(documents.size()),
                       {file, 0, 0, ""});
    }
    return documents.front();
  } catch (const YAML::Exception& e) {
    bellwether::fail(ErrorKind::config, "malformed YAML: " + e.msg, location_of(e.mark, file, ""));
  }
}

std::string read_config_text(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) bellwether::fail(ErrorKind::config, "cannot open the file", {file, 0, 0, ""});
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace bellwether::config
