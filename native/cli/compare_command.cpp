#include <memory>
#include <string>

#include "bellwether/metrics.hpp"
#include "bellwether/operations.hpp"
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
    CompareSettings settings;
    settings.non_finite = *stats::parse_non_finite_policy(options->non_finite);
    settings.test.alternative = *stats::parse_alternative(options->alternative);
    settings.test.confidence = options->confidence;
    const auto baseline = read_sample_file(options->baseline);
    const auto candidate = read_sample_file(options->candidate);
    print_json(compare_samples(baseline, candidate, settings), options->pretty);
    return static_cast<int>(kOk);
  };
}

}  // namespace bellwether::cli
