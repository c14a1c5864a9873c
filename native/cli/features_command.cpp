#include <memory>
#include <string>

#include "bellwether/change_features.hpp"
#include "commands.hpp"
#include "output.hpp"

namespace bellwether::cli {
namespace {
struct FeaturesOptions {
  std::string range, repo = ".";
  bool pretty = false;
};
}  // namespace

CommandAction add_features_command(CLI::App& app) {
  auto o = std::make_shared<FeaturesOptions>();
  auto* cmd = app.add_subcommand("features", "Kamei change features of a git range, as changes.json");
  cmd->add_option("--git", o->range, "Range A..B: the commits reachable from B but not from A")->required();
  cmd->add_option("--repo", o->repo, "Repository directory (default: the current one)");
  cmd->add_flag("--pretty", o->pretty, "Indented JSON for people");
  return [o]() {
    print_json(risk::git_change_features(o->repo, o->range), o->pretty);
    return static_cast<int>(kOk);
  };
}

}  // namespace bellwether::cli
