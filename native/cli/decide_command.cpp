#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "bellwether/decision.hpp"
#include "bellwether/error.hpp"
#include "bellwether/timestamp.hpp"
#include "commands.hpp"
#include "output.hpp"

namespace bellwether::cli {
namespace {
struct DecideOptions {
  std::string changes, policy, model, at;
  bool pretty = false;
};
}  // namespace

CommandAction add_decide_command(CLI::App& app) {
  auto o = std::make_shared<DecideOptions>();
  auto* cmd = app.add_subcommand("decide", "Risk score, strategy, pace and gates for a change");
  cmd->add_option("--changes", o->changes, "changes.json: the change's features")->required();
  cmd->add_option("--policy", o->policy, "policy.yaml (default: the documented built-in policy)");
  cmd->add_option("--model", o->model, "model.json from `train`; replaces the heuristic score");
  cmd->add_option("--at", o->at, "When the deploy would start (unix seconds or RFC 3339; default now)");
  cmd->add_flag("--pretty", o->pretty, "Indented JSON for people");
  return [o]() {
    const double at = o->at.empty() ? now_seconds() : *time_option(o->at, "--at");
    const auto policy = o->policy.empty() ? risk::default_policy() : risk::load_policy(o->policy);
    std::optional<risk::LogisticModel> model;
    if (!o->model.empty()) model = risk::LogisticModel::load(o->model);
    const auto change = risk::load_change(o->changes);
    const auto decision = risk::decide(change, policy, model ? &*model : nullptr, at);
    if (!decision.missing.empty()) {
      std::string list;
      for (const auto& m : decision.missing) list += (list.empty() ? "" : ", ") + m;
      log_warning(o->changes + ": no value for " + list + "; scored as neutral");
    }
    print_json(risk::to_json(decision, model ? &*model : nullptr), o->pretty);
    return static_cast<int>(kOk);
  };
}

}  // namespace bellwether::cli
