#pragma once
// A YAML node that knows its file and its path from the root, so every config error can say
// "slo.yaml:14:7: metrics[2].direction: expected increase|decrease|both, got \"up\"".
#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "bellwether/error.hpp"

namespace bellwether::config {

class YamlField {
 public:
  YamlField(YAML::Node node, std::string path, const std::string& file)
      : node_(std::move(node)), path_(std::move(path)), file_(&file) {}

  const std::string& path() const { return path_; }
  const YAML::Node& node() const { return node_; }
  SourceLocation where() const;
  [[noreturn]] void fail(const std::string& message) const;

  bool is_map() const { return node_.IsMap(); }
  bool is_sequence() const { return node_.IsSequence(); }
  void expect_map() const;
  void expect_sequence() const;
  // Every key must be one of `allowed`; an unknown key fails at the key's own position.
  void reject_unknown_keys(std::initializer_list<std::string_view> allowed) const;

  std::optional<YamlField> find(const std::string& key) const;
  YamlField require(const std::string& key) const;
  YamlField at(std::size_t index) const;
  std::size_t size() const { return node_.size(); }

  std::string as_string() const;
  double as_number() const;  // finite numbers only
  int as_int() const;
  bool as_bool() const;

 private:
  YAML::Node node_;
  std::string path_;
  const std::string* file_;
};

// Parses YAML text; a syntax error becomes Error(config) at the parser's position.
// Multi-document input is rejected here (slo.yaml is one document).
YAML::Node parse_yaml(std::string_view text, const std::string& file);

// Reads a whole file; Error(config) naming the file when it cannot be read.
std::string read_config_text(const std::string& file);

}  // namespace bellwether::config
