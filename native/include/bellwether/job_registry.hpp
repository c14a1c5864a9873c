#pragma once
// The job registry (jobs.yaml): which Jenkins job serves which chat intent, and the parameters
// each takes. Several files, or several YAML documents, are merged into one registry.
#include <filesystem>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "bellwether/error.hpp"

namespace bellwether::intent {

enum class ParameterType { string, integer, boolean, choice };

struct Parameter {
  std::string name;
  bool required = false;
  std::string description;
  std::vector<std::string> aliases;
  ParameterType type = ParameterType::string;
  std::vector<std::string> choices;
  std::map<std::string, std::string> choice_aliases;  // word -> choice
  std::string pattern;                                // ECMAScript regex the whole value must match
  std::optional<std::regex> compiled_pattern;
  std::optional<std::string> default_value;
  SourceLocation where;

  // Nullopt when `value` is acceptable, else why not ("expected one of dev|staging|prod").
  std::optional<std::string> problem_with(const std::string& value) const;
};

struct Intent {
  std::string name;
  std::string description;
  std::string jenkins_job;  // folder paths allowed: team/infra/create-namespace
  std::string documentation;
  std::vector<std::string> examples;
  bool confirm = true;
  bool dry_run = false;
  std::vector<std::string> allowed_users;     // empty: everyone
  std::vector<std::string> allowed_channels;  // empty: every channel
  std::vector<Parameter> parameters;
  SourceLocation where;
};

struct JobRegistry {
  std::vector<Intent> intents;
  const Intent* find(const std::string& name) const;
};

// Throws Error(config) with file:line:column and the field for malformed YAML, unknown fields,
// a duplicate intent (naming where it was first defined), a bad regex, a choice parameter
// without choices, or a default that fails its own type, pattern or choices.
// A registry given as text instead of a file (a request's inline jobs.yaml); `label` stands for
// the file name in errors.
struct RegistryText {
  std::string label;
  std::string yaml;
};

// Texts are merged after the files, with the same checks.
JobRegistry load_registry(const std::vector<std::filesystem::path>& files, const std::vector<RegistryText>& texts = {});

}  // namespace bellwether::intent
