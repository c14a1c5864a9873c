#include <memory>
#include <string>
#include <vector>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "bellwether/decision.hpp"
#include "bellwether/error.hpp"
#include "bellwether/job_registry.hpp"
#include "bellwether/slo_config.hpp"
#include "commands.hpp"
#include "output.hpp"

namespace bellwether::cli {

namespace {
// slo.yaml or policy.yaml, by `kind:` or by the keys only a policy has. Malformed YAML falls to
// the slo reader, whose error names the position.
std::string kind_of(const std::string& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  const std::string content = text.str();
  if (content.find("kind: jobs") != std::string::npos || content.find("jenkins_job:") != std::string::npos) return "jobs";
  for (const char* marker : {"kind: policy", "\nstrategies:", "\ngates:", "approval_threshold:"}) {
    if (content.find(marker) != std::string::npos || content.rfind(std::string(marker).substr(1), 0) == 0) return "policy";
  }
  return "slo";
}
}  // namespace

CommandAction add_validate_command(CLI::App& app) {
  auto files = std::make_shared<std::vector<std::string>>();
  auto pretty = std::make_shared<bool>(false);
  auto* cmd = app.add_subcommand("validate", "Schema check of configuration files, with file:line errors");
  cmd->add_option("files", *files, "slo.yaml, policy.yaml or jobs.yaml files to check")->required();
  cmd->add_flag("--pretty", *pretty, "Indented JSON for people");

  return [files, pretty]() {
    nlohmann::json results = nlohmann::json::array();
    bool all_valid = true;
    for (const auto& file : *files) {
      try {
        const std::string kind = kind_of(file);
        if (kind == "jobs") {
          const auto registry = intent::load_registry({file});
          results.push_back({{"file", file}, {"kind", "jobs"}, {"valid", true}, {"intents", registry.intents.size()}});
        } else if (kind == "policy") {
          const auto policy = risk::load_policy(file);
          results.push_back({{"file", file}, {"kind", "policy"}, {"valid", true}, {"bands", policy.bands.size()}});
        } else {
          const auto config = load_slo_config(file);
          results.push_back({{"file", file}, {"kind", "slo"}, {"valid", true}, {"metrics", config.metrics.size()}});
        }
      } catch (const Error& e) {
        all_valid = false;
        log_error(e.what());
        results.push_back({{"file", file}, {"valid", false}, {"error", e.what()}});
      }
    }
    print_json({{"valid", all_valid}, {"files", results}}, *pretty);
    return static_cast<int>(all_valid ? kOk : kInputError);
  };
}

CommandAction add_registry_command(CLI::App& app) {
  auto files = std::make_shared<std::vector<std::string>>();
  auto* registry = app.add_subcommand("registry", "The job registry (jobs.yaml)");
  auto* validate = registry->add_subcommand("validate", "Check jobs.yaml files, merged as one registry, with file:line errors");
  validate->add_option("files", *files, "jobs.yaml files (several files or documents are merged)")->required();
  registry->require_subcommand(1);
  return [files]() {
    std::vector<std::filesystem::path> paths(files->begin(), files->end());
    const auto merged = intent::load_registry(paths);  // errors: exit 3 through main
    nlohmann::json intents = nlohmann::json::array();
    for (const auto& i : merged.intents) {
      intents.push_back({{"name", i.name}, {"jenkins_job", i.jenkins_job}, {"parameters", i.parameters.size()},
                         {"where", i.where.file + ":" + std::to_string(i.where.line)}});
    }
    print_json({{"valid", true}, {"intents", intents}}, false);
    return static_cast<int>(kOk);
  };
}

}  // namespace bellwether::cli
