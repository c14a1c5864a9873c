#include <memory>
#include <string>

#include "bellwether/json.hpp"
#include "bellwether/metrics.hpp"
#include "commands.hpp"
#include "output.hpp"

namespace bellwether::cli {

namespace {
struct CompareOptions {
  std::string baseline, candidate, alternative = "two-sided", non_finite = "drop";
  double confidence = 0.95;
  bool pretty = false;
};
}  // namespace

CommandAction add_compare_command(CLI::App& app) {
  auto options = std::make_shared<CompareOptions>();
  auto* cmd = app.add_subcommand("compare", "Mann-Whitney test of one metric: candidate vs baseline");
  cmd->add_option("--baseline", options->baseline, "File with the baseline sample, one number per line")->required();
  cmd->add_option("--candidate", options->candidate, "File with the candidate sample")->required();
  cmd->add_option("--alternative", options->alternative, "two-sided | less | greater (candidate vs baseline)")
      ->check(CLI::IsMember({"two-sided", "less", "greater"}));
  cmd->add_option("--confidence", options->confidence, "Confidence level of the interval, in (0, 1)")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--non-finite", options->non_finite, "What to do with NaN/Inf values: drop | zero | fail")
      ->check(CLI::IsMember({"drop", "zero", "fail"}));
  cmd->add_flag("--pretty", options->pretty, "Indented JSON for people");

  return [options]() {
    if (!(options->confidence > 0 && options->confidence < 1)) {
      log_error("--confidence must be strictly between 0 and 1");
      return static_cast<int>(kUsage);
    }
    const auto policy = *stats::parse_non_finite_policy(options->non_finite);
    const auto baseline = stats::clean(read_sample_file(options->baseline), policy);
    const auto candidate = stats::clean(read_sample_file(options->candidate), policy);
    stats::MannWhitneyOptions test_options;
    test_options.alternative = *stats::parse_alternative(options->alternative);
    test_options.confidence = options->confidence;
    const auto result = stats::mann_whitney(candidate.values, baseline.values, test_options);
    auto json = compare_to_json(result, stats::effect_sizes(candidate.values, baseline.values, result));
    if (baseline.dropped + candidate.dropped > 0) {
      json["dropped_non_finite"] = {{"baseline", baseline.dropped}, {"candidate", candidate.dropped}};
    }
    print_json(json, options->pretty);
    return static_cast<int>(kOk);
  };
}

}  // namespace bellwether::cli
