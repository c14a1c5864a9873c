#include <ctime>
#include <map>
#include <memory>
#include <vector>
#include <string>

#include "bellwether/analysis.hpp"
#include "bellwether/error.hpp"
#include "bellwether/json.hpp"
#include "bellwether/prometheus_metrics.hpp"
#include "commands.hpp"
#include "output.hpp"

namespace bellwether::cli {

namespace {
struct AnalyzeOptions {
  std::string config, metrics, since, until, fail_on;
  std::vector<std::string> vars;
  bool pretty = false;
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
  cmd->add_option("--metrics", options->metrics, "Metrics CSV: timestamp,metric,variant,value (default: source.prometheus of the config)");
  cmd->add_option("--var", options->vars, "name=value for {{name}} in the queries (repeatable)");
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
    const auto vars = parse_vars(options->vars);
    Verdict verdict;
    try {
      if (!options->metrics.empty()) {
        CsvReadOptions csv;
        csv.baseline_alias = judge.config().baseline_variant;
        csv.candidate_alias = judge.config().candidate_variant;
        verdict = judge.judge(read_metrics_csv(options->metrics, csv), range);
      } else {
        // Live: the last `windows` windows up to now, unless --since/--until say otherwise.
        const auto& a = judge.config().analysis;
        const double until = range.until.value_or(static_cast<double>(std::time(nullptr)));
        range.until = until;
        if (!range.since) range.since = until - a.windows * a.window_seconds;
        std::vector<std::string> warnings;
        const auto data = sources::fetch_prometheus_metrics(judge.config(), vars, *range.since, until, warnings);
        verdict = judge.judge(data, range);
        verdict.warnings.insert(verdict.warnings.begin(), warnings.begin(), warnings.end());
      }
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
