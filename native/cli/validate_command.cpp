#include <memory>
#include <string>
#include <vector>

#include <fstream>
#include <sstream>

#include "bellwether/decision.hpp"
#include "bellwether/error.hpp"
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
  cmd->add_option("files", *files, "slo.yaml or policy.yaml files to check")->required();
  cmd->add_flag("--pretty", *pretty, "Indented JSON for people");

  return [files, pretty]() {
    nlohmann::json results = nlohmann::json::array();
    bool all_valid = true;
    for (const auto& file : *files) {
      try {
        if (kind_of(file) == "policy") {
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

}  // namespace bellwether::cli
