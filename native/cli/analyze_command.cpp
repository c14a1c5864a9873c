#include <memory>
#include <string>

#include "bellwether/analysis.hpp"
#include "bellwether/error.hpp"
#include "bellwether/json.hpp"
#include "commands.hpp"
#include "output.hpp"

namespace bellwether::cli {

namespace {
struct AnalyzeOptions {
  std::string config, metrics, since, until, fail_on;
  bool pretty = false;
};

std::optional<double> time_option(const std::string& text, const char* name) {
  if (text.empty()) return std::nullopt;
  const auto t = parse_time(text);
  if (!t) throw CLI::ValidationError(name, "expected unix seconds or RFC 3339, got \"" + text + "\"");
  return t;
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
  cmd->add_option("--metrics", options->metrics, "Metrics CSV: timestamp,metric,variant,value")->required();
  cmd->add_option("--since", options->since, "Start of the analysed interval (unix seconds or RFC 3339)");
  cmd->add_option("--until", options->until, "End of the analysed interval (unix seconds or RFC 3339)");
  cmd->add_option("--fail-on", options->fail_on, "Exit 10 on slow and 20 on rollback (slow), or 20 on rollback (rollback)")
      ->check(CLI::IsMember({"slow", "rollback"}));
  cmd->add_flag("--pretty", options->pretty, "Indented JSON for people");

  return [options]() {
    AnalysisRange range;
    range.since = time_option(options->since, "--since");
    range.until = time_option(options->until, "--until");
    if (range.since && range.until && *range.until <= *range.since) {
      throw CLI::ValidationError("--until", "must be after --since");
    }
    const CanaryJudge judge(load_slo_config(options->config));  // config errors: exit 3
    Verdict verdict;
    try {
      CsvReadOptions csv;
      csv.baseline_alias = judge.config().baseline_variant;
      csv.candidate_alias = judge.config().candidate_variant;
      verdict = judge.judge(read_metrics_csv(options->metrics, csv), range);
    } catch (const Error& e) {
      // A source that cannot deliver is not bad input: the verdict says slow (or rollback
      // with no_data: rollback) and why. Malformed data is still an input error.
      if (e.kind() != ErrorKind::source && e.kind() != ErrorKind::http) throw;
      log_warning(e.what());
      verdict = judge.fault(std::string("metrics source failed: ") + e.what());
    }
    for (const auto& w : verdict.warnings) log_warning(w);
    print_json(verdict_to_json(verdict), options->pretty);
    return exit_code_for(verdict.action, options->fail_on);
  };
}

}  // namespace bellwether::cli
