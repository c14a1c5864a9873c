// Training speed of the logistic risk model on the public OpenStack JIT file (22 757 changes,
// 14 features): reading the CSV, and fitting. The file comes from BELLWETHER_JIT_DATA or the
// shared data folder beside the checkout.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "bellwether/risk_model.hpp"

namespace {

std::string openstack_file() {
  if (const char* env = std::getenv("BELLWETHER_JIT_DATA")) return env;
  return BELLWETHER_SHARED_JIT_DIR "/issta21_openstack_k_feature.csv";
}

void BM_ReadHistory(benchmark::State& state) {
  const auto path = openstack_file();
  if (!std::filesystem::exists(path)) {
    state.SkipWithError(("no data at " + path).c_str());
    return;
  }
  for (auto _ : state) {
    auto history = bellwether::risk::read_history(path, {"bug", std::nullopt, {}});
    benchmark::DoNotOptimize(history.features.data());
  }
}

void BM_TrainLogistic(benchmark::State& state) {
  const auto path = openstack_file();
  if (!std::filesystem::exists(path)) {
    state.SkipWithError(("no data at " + path).c_str());
    return;
  }
  const auto history = bellwether::risk::read_history(path, {"bug", std::nullopt, {}});
  for (auto _ : state) {
    auto model = bellwether::risk::train_logistic(history, {});
    benchmark::DoNotOptimize(model.intercept);
  }
  state.counters["rows"] = static_cast<double>(history.rows());
}

}  // namespace

BENCHMARK(BM_ReadHistory)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TrainLogistic)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
