#include "bellwether/job_registry.hpp"

#include <algorithm>
#include <charconv>

#include "config/yaml_document.hpp"

namespace bellwether::intent {
namespace {
using config::YamlField;

std::vector<std::string> string_list(const YamlField& f) {
  f.expect_sequence();
  std::vector<std::string> out;
  for (std::size_t i = 0; i < f.size(); ++i) out.push_back(f.at(i).as_string());
  return out;
}

bool valid_name(const std::string& name) {
  static const std::regex identifier("[A-Za-z_][A-Za-z0-9_\\-]*");
  return std::regex_match(name, identifier);
}

Parameter read_parameter(const YamlField& f) {
  f.reject_unknown_keys({"name", "required", "description", "aliases", "type", "choices", "choice_aliases", "pattern", "default"});
  Parameter p;
  p.where = f.where();
  const YamlField name = f.require("name");
  p.name = name.as_string();
  if (!valid_name(p.name)) name.fail("expected a name of letters, digits, _ and -, got \"" + p.name + "\"");
  if (auto x = f.find("required")) p.required = x->as_bool();
  if (auto x = f.find("description")) p.description = x->as_string();
  if (auto x = f.find("aliases")) p.aliases = string_list(*x);
  if (auto x = f.find("type")) {
    const std::string t = x->as_string();
    if (t == "string") p.type = ParameterType::string;
    else if (t == "int") p.type = ParameterType::integer;
    else if (t == "bool") p.type = ParameterType::boolean;
    else if (t == "choice") p.type = ParameterType::choice;
    else x->fail("expected string|int|bool|choice, got \"" + t + "\"");
  }
  if (auto x = f.find("choices")) {
    p.choices = string_list(*x);
    if (p.type == ParameterType::string) p.type = ParameterType::choice;  // choices imply a choice
  }
  if (p.type == ParameterType::choice && p.choices.empty()) f.fail("a choice parameter needs a non-empty choices list");
  if (auto x = f.find("choice_aliases")) {
    x->expect_map();
    for (const auto& entry : x->node()) {
      const std::string word = entry.first.as<std::string>("");
      const YamlField target = *x->find(word);
      const std::string choice = target.as_string();
      if (std::find(p.choices.begin(), p.choices.end(), choice) == p.choices.end()) {
        target.fail("\"" + choice + "\" is not one of the choices");
      }
      p.choice_aliases[word] = choice;
    }
  }
  if (auto x = f.find("pattern")) {
    p.pattern = x->as_string();
    try {
      p.compiled_pattern = std::regex(p.pattern, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      x->fail("not a valid regular expression: " + std::string(e.what()));
    }
  }
  if (auto x = f.find("default")) {
    p.default_value = x->as_string();
    if (const auto why = p.problem_with(*p.default_value)) x->fail("the default fails its own rule: " + *why);
  }
  return p;
}

Intent read_intent(const std::string& name, const YamlField& f) {
  f.reject_unknown_keys({"description", "jenkins_job", "documentation", "examples", "confirm", "dry_run", "allowed_users",
                         "allowed_channels", "parameters"});
  Intent intent;
  intent.name = name;
  intent.where = f.where();
  intent.description = f.require("description").as_string();
  const YamlField job = f.require("jenkins_job");
  intent.jenkins_job = job.as_string();
  if (intent.jenkins_job.empty() || intent.jenkins_job.front() == '/' || intent.jenkins_job.find("..") != std::string::npos) {
    job.fail("expected a job name or folder path such as team/infra/create-namespace");
  }
  if (auto x = f.find("documentation")) intent.documentation = x->as_string();
  if (auto x = f.find("examples")) intent.examples = string_list(*x);
  if (auto x = f.find("confirm")) intent.confirm = x->as_bool();
  if (auto x = f.find("dry_run")) intent.dry_run = x->as_bool();
  if (auto x = f.find("allowed_users")) intent.allowed_users = string_list(*x);
  if (auto x = f.find("allowed_channels")) intent.allowed_channels = string_list(*x);
  if (auto params = f.find("parameters")) {
    params->expect_sequence();
    for (std::size_t i = 0; i < params->size(); ++i) {
      Parameter p = read_parameter(params->at(i));
      for (const auto& other : intent.parameters) {
        if (other.name == p.name) params->at(i).require("name").fail("duplicate parameter \"" + p.name + "\"");
      }
      intent.parameters.push_back(std::move(p));
    }
  }
  return intent;
}

}  // namespace

std::optional<std::string> Parameter::problem_with(const std::string& value) const {
  switch (type) {
    case ParameterType::integer: {
      long long v = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
      if (ec != std::errc() || end != value.data() + value.size()) return "expected a whole number, got \"" + value + "\"";
      break;
    }
    case ParameterType::boolean:
      if (value != "true" && value != "false") return "expected true or false, got \"" + value + "\"";
      break;
    case ParameterType::choice:
      if (std::find(choices.begin(), choices.end(), value) == choices.end()) {
        std::string list;
        for (const auto& c : choices) list += (list.empty() ? "" : "|") + c;
        return "expected one of " + list + ", got \"" + value + "\"";
      }
      break;
    case ParameterType::string: break;
  }
  if (compiled_pattern && !std::regex_match(value, *compiled_pattern)) return "\"" + value + "\" does not match " + pattern;
  return std::nullopt;
}

const Intent* JobRegistry::find(const std::string& name) const {
  const auto it = std::find_if(intents.begin(), intents.end(), [&](const Intent& i) { return i.name == name; });
  return it == intents.end() ? nullptr : &*it;
}

namespace {
// One file's (or one inline text's) documents, merged into `registry`; `file` names it in errors.
void add_documents(JobRegistry& registry, const std::string& text, const std::string& file) {
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(text);
  } catch (const YAML::Exception& e) {
    fail(ErrorKind::config, "malformed YAML: " + e.msg, {file, e.mark.line + 1, e.mark.column + 1, ""});
  }
  for (const auto& document : documents) {
    if (document.IsNull()) continue;
    const YamlField root(document, "", file);
    root.expect_map();
    for (const auto& entry : document) {
      const std::string name = entry.first.as<std::string>("");
      if (name == "schema_version" || name == "kind") continue;
      const YamlField field = *root.find(name);
      if (!valid_name(name)) {
        fail(ErrorKind::config, "expected an intent name of letters, digits, _ and -, got \"" + name + "\"",
             {file, entry.first.Mark().line + 1, entry.first.Mark().column + 1, name});
      }
      if (const Intent* first = registry.find(name)) {
        fail(ErrorKind::config, "duplicate intent (first defined at " + first->where.file + ":" + std::to_string(first->where.line) + ")",
             {file, entry.first.Mark().line + 1, entry.first.Mark().column + 1, name});
      }
      registry.intents.push_back(read_intent(name, field));
    }
  }
}
}  // namespace

JobRegistry load_registry(const std::vector<std::filesystem::path>& files, const std::vector<RegistryText>& texts) {
  JobRegistry registry;
  for (const auto& path : files) {
    const std::string file = path.string();
    add_documents(registry, config::read_config_text(file), file);
  }
  for (const auto& inline_text : texts) add_documents(registry, inline_text.yaml, inline_text.label);
  if (registry.intents.empty()) {
    const std::string first = !files.empty() ? files.front().string() : !texts.empty() ? texts.front().label : "";
    fail(ErrorKind::config, "the registry defines no intent", {first, 0, 0, ""});
  }
  return registry;
}

}  // namespace bellwether::intent
