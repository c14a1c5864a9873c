#include <memory>
#include <string>
#include <vector>

#include "bellwether/error.hpp"
#include "bellwether/slo_config.hpp"
#include "commands.hpp"
#include "output.hpp"

namespace bellwether::cli {

CommandAction add_validate_command(CLI::App& app) {
  auto files = std::make_shared<std::vector<std::string>>();
  auto pretty = std::make_shared<bool>(false);
  auto* cmd = app.add_subcommand("validate", "Schema check of configuration files, with file:line errors");
  cmd->add_option("files", *files, "slo.yaml files to check")->required();
  cmd->add_flag("--pretty", *pretty, "Indented JSON for people");

  return [files, pretty]() {
    nlohmann::json results = nlohmann::json::array();
    bool all_valid = true;
    for (const auto& file : *files) {
      try {
        const auto config = load_slo_config(file);
        results.push_back({{"file", file}, {"kind", "slo"}, {"valid", true},
                           {"metrics", config.metrics.size()}});
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
