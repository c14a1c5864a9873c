#include <map>
#include <memory>
#include <string>
#include <vector>

#include "bellwether/analysis.hpp"
#include "bellwether/json.hpp"
#include "bellwether/operations.hpp"
#include "commands.hpp"
#include "output.hpp"

namespace bellwether::cli {

namespace {
struct AnalyzeOptions {
  std::string config, metrics, since, until, fail_on, report, decision;
  std::vector<std::string> vars;
  bool pretty = false;
  bool watch = false;
};


std::map<std::string, std::string> parse_vars(const std::vector<std::string>& items) {
  std::map<std::string, std::string> vars;
  for (const auto& item : items) {
    const auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0) throw CLI::ValidationError("--var", "expected name=value, got \"" + item + "\"");
    if (item.substr(0, eq) == "variant") throw CLI::ValidationError("--var", "{{variant}} comes from slo.yaml's variants");
    vars[item.substr(0, eq)] = item.substr(eq + 1);
  }
  return vars;
}


int exit_code_for(Action action, const std::string& fail_on) {
  if (fail_on == "rollback") return action == Action::rollback ? kFailOnRollback : kOk;
  if (fail_on == "slow") {
    if (action == Action::rollback) return kFailOnRollback;
    if (action == Action::slow) return kFailOnSlow;
  }
  return kOk;
}
}  // namespace

CommandAction add_analyze_command(CLI::App& app) {
  auto options = std::make_shared<AnalyzeOptions>();
  auto* cmd = app.add_subcommand("analyze", "Canary verdict (promote | slow | rollback) over windows");
  cmd->add_option("--config", options->config, "slo.yaml")->required();
  cmd->add_option("--metrics", options->metrics, "Metrics CSV: timestamp,metric,variant,value (default: source.prometheus of the config)");
  cmd->add_option("--var", options->vars, "name=value for {{name}} in the queries (repeatable)");
  cmd->add_option("--since", options->since, "Start of the analysed interval (unix seconds or RFC 3339)");
  cmd->add_option("--until", options->until, "End of the analysed interval (unix seconds or RFC 3339)");
  cmd->add_option("--fail-on", options->fail_on, "Exit 10 on slow and 20 on rollback (slow), or 20 on rollback (rollback)")
      ->check(CLI::IsMember({"slow", "rollback"}));
  cmd->add_option("--report", options->report, "Also write the HTML report here");
  cmd->add_option("--decision", options->decision, "decision.json from decide, for the report's risk factors");
  cmd->add_flag("--watch", options->watch, "Re-evaluate as windows complete until promote/rollback or the last window");
  cmd->add_flag("--pretty", options->pretty, "Indented JSON for people");

  return [options]() {
    AnalysisRange range;
    range.since = time_option(options->since, "--since");
    range.until = time_option(options->until, "--until");
    if (range.since && range.until && *range.until <= *range.since) {
      throw CLI::ValidationError("--until", "must be after --since");
    }
    const CanaryJudge judge(load_slo_config(options->config));  // config errors: exit 3
    AnalysisData data;
    data.vars = parse_vars(options->vars);
    if (!options->metrics.empty()) {
      data.load_csv = [path = options->metrics](const CsvReadOptions& csv) { return read_metrics_csv(path, csv); };
    }
    const Verdict verdict = options->watch ? analyze_watching(judge, data, range.since, log_warning)
                                           : analyze_once(judge, data, range, log_warning);
    for (const auto& w : verdict.warnings) log_warning(w);
    const auto answer = verdict_to_json(verdict);
    if (!options->report.empty()) write_report(answer, options->decision, options->report);
    print_json(answer, options->pretty);
    return exit_code_for(verdict.action, options->fail_on);
  };
}

}  // namespace bellwether::cli
