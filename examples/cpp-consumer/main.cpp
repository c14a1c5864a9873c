// Compares two latency samples with Bellwether's Mann-Whitney test and prints the answer as
// the CLI would. Exit code 1 when the candidate is slower with 95% confidence.
#include <bellwether/json.hpp>
#include <bellwether/stats.hpp>
#include <iostream>
#include <vector>

int main() {
  const std::vector<double> baseline = {0.180, 0.175, 0.190, 0.182, 0.178, 0.185, 0.181, 0.179};
  const std::vector<double> candidate = {0.231, 0.228, 0.240, 0.236, 0.229, 0.233, 0.238, 0.230};
  namespace stats = bellwether::stats;
  const auto test = stats::mann_whitney(candidate, baseline, {stats::Alternative::greater, 0.95});
  std::cout << bellwether::compare_to_json(test, stats::effect_sizes(candidate, baseline, test)).dump() << '\n';
  return test.p_value < 0.05 ? 1 : 0;
}
