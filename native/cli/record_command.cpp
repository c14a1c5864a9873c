#include <chrono>
#include <fstream>
#include <memory>
#include <string>

#include "bellwether/error.hpp"
#include "bellwether/risk_score.hpp"
#include "bellwether/timestamp.hpp"
#include "commands.hpp"
#include "output.hpp"

namespace bellwether::cli {
namespace {
struct RecordOptions {
  std::string changes, outcome, verdict, history, at;
};

// success | rollback, from --outcome or from the verdict's action.
bool rolled_back(const RecordOptions& o) {
  if (!o.outcome.empty()) return o.outcome == "rollback";
  const nlohmann::json verdict = read_json_file(o.verdict);
  const std::string action = verdict.is_object() ? verdict.value("action", "") : "";
  if (action == "rollback") return true;
  if (action == "promote") return false;
  fail(ErrorKind::input, "the verdict's action is \"" + action + "\": only promote or rollback is an outcome",
       {o.verdict, 0, 0, "action"});
}
}  // namespace

CommandAction add_record_command(CLI::App& app) {
  auto o = std::make_shared<RecordOptions>();
  auto* cmd = app.add_subcommand("record", "Append a deploy's features and outcome to the history `train` learns from");
  cmd->add_option("--changes", o->changes, "changes.json of the deployed change")->required();
  auto* outcome = cmd->add_option("--outcome", o->outcome, "success | rollback")->check(CLI::IsMember({"success", "rollback"}));
  auto* verdict = cmd->add_option("--verdict", o->verdict, "verdict.json from analyze: promote = success, rollback = rollback");
  outcome->excludes(verdict);
  cmd->add_option("--history", o->history, "History CSV to append to (created with the standard columns)")->required();
  cmd->add_option("--at", o->at, "When the deploy happened (default now)");
  return [o]() {
    if (o->outcome.empty() && o->verdict.empty()) throw CLI::RequiredError("--outcome or --verdict");
    const double at = o->at.empty() ? now_seconds() : *time_option(o->at, "--at");
    const auto change = risk::load_change(o->changes);
    const bool rollback = rolled_back(*o);
    const auto not_recorded = risk::append_history(o->history, change, rollback, at);
    for (const auto& key : not_recorded) log_warning(o->history + " has no column for \"" + key + "\"; not recorded");
    print_json({{"history", o->history}, {"rollback", rollback}, {"not_recorded", not_recorded}}, false);
    return static_cast<int>(kOk);
  };
}

}  // namespace bellwether::cli
