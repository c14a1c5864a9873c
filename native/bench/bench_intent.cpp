// Matching speed (the goal: ≤ 1 ms per message at p99 with a 200-intent registry) and the
// labelled set's accuracy, reported as benchmark counters:
//   bench_intent --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>

#include "bellwether/intent.hpp"
#include "intent_accuracy.hpp"

using namespace bellwether;

namespace {

const char* const kVerbs[] = {"create", "delete", "restart", "scale", "deploy", "rollback", "promote", "pause", "resume",
                              "flush", "rotate", "migrate", "backup", "restore", "enable", "disable", "sync", "rebuild",
                              "drain", "cordon"};
const char* const kObjects[] = {"namespace", "database", "topic", "queue", "cache", "certificate", "service", "cluster",
                                "node", "bucket"};

// 20 operations × 10 kinds of object = 200 intents, each with a name, a pattern-checked and
// a choice parameter, like a large platform team's registry.
std::string large_registry_path() {
  static const std::string path = [] {
    const auto file = std::filesystem::temp_directory_path() / ("bellwether-bench-registry-" + std::to_string(::getpid()) + ".yaml");
    std::ofstream out(file);
    for (const char* verb : kVerbs) {
      for (const char* object : kObjects) {
        out << verb << "_" << object << ":\n"
            << "  description: " << verb << " a " << object << " of a team\n"
            << "  jenkins_job: platform/" << object << "/" << verb << "\n"
            << "  examples: [" << verb << " " << object << " payments in prod, " << verb << " the " << object
            << " called search on staging]\n"
            << "  parameters:\n"
            << "    - {name: name, required: true, aliases: [" << object << "], pattern: '^[a-z][a-z0-9-]{1,40}$'}\n"
            << "    - {name: environment, required: true, aliases: [env], type: choice, choices: [dev, staging, prod]}\n"
            << "    - {name: ticket, pattern: '^[A-Z]+-[0-9]+$'}\n";
      }
    }
    return file.string();
  }();
  return path;
}

std::vector<std::string> large_registry_messages() {
  std::vector<std::string> out;
  for (const char* verb : kVerbs) {
    for (const char* object : kObjects) {
      out.push_back(std::string("please ") + verb + " the " + object + " orders-api in production, ticket OPS-1234");
    }
  }
  out.push_back("what's the weather like in Berlin");
  out.push_back("createe a namespce called billing on staging");
  return out;
}

// Per-message latencies of one pass; the benchmark's own time is the mean.
void report_percentiles(benchmark::State& state, std::vector<double>& micros) {
  std::sort(micros.begin(), micros.end());
  const auto at = [&](double q) { return micros[static_cast<std::size_t>(q * static_cast<double>(micros.size() - 1))]; };
  state.counters["p50_us"] = at(0.50);
  state.counters["p99_us"] = at(0.99);
  state.counters["max_us"] = micros.back();
}

void BM_Understand_200Intents(benchmark::State& state) {
  const auto registry = intent::load_registry({large_registry_path()});
  const intent::Matcher matcher(registry);
  const auto messages = large_registry_messages();
  std::vector<double> micros;
  std::size_t i = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    auto u = matcher.understand(messages[i++ % messages.size()]);
    benchmark::DoNotOptimize(u);
    micros.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
  }
  state.counters["intents"] = static_cast<double>(registry.intents.size());
  report_percentiles(state, micros);
}
BENCHMARK(BM_Understand_200Intents)->Unit(benchmark::kMicrosecond);

void BM_Understand_ExampleRegistry(benchmark::State& state) {
  const auto registry = intent::load_registry({std::string(BELLWETHER_EXAMPLES_DIR) + "/jobs.yaml"});
  const intent::Matcher matcher(registry);
  const auto set = accuracy::read_labelled_messages(std::string(BELLWETHER_TEST_DATA_DIR) + "/intent_messages.jsonl");
  std::vector<double> micros;
  std::size_t i = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    auto u = matcher.understand(set[i++ % set.size()].text);
    benchmark::DoNotOptimize(u);
    micros.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
  }
  report_percentiles(state, micros);
}
BENCHMARK(BM_Understand_ExampleRegistry)->Unit(benchmark::kMicrosecond);

// Building the matcher's index (once per process or registry reload).
void BM_BuildMatcher_200Intents(benchmark::State& state) {
  const auto registry = intent::load_registry({large_registry_path()});
  for (auto _ : state) {
    intent::Matcher matcher(registry);
    benchmark::DoNotOptimize(&matcher);
  }
}
BENCHMARK(BM_BuildMatcher_200Intents)->Unit(benchmark::kMillisecond);

// The labelled set's figures (not a speed): intent accuracy, parameter exact match, and wrong
// intents on negatives, for the example registry and for a registry the matcher was not tuned on.
void BM_LabelledSetAccuracy(benchmark::State& state) {
  const bool second = state.range(0) == 1;
  const auto registry = intent::load_registry({second ? std::string(BELLWETHER_TEST_DATA_DIR) + "/ops_registry.yaml"
                                                      : std::string(BELLWETHER_EXAMPLES_DIR) + "/jobs.yaml"});
  const intent::Matcher matcher(registry);
  const auto set = accuracy::read_labelled_messages(std::string(BELLWETHER_TEST_DATA_DIR) +
                                                    (second ? "/ops_messages.jsonl" : "/intent_messages.jsonl"));
  accuracy::AccuracyReport report;
  for (auto _ : state) report = accuracy::score_messages(matcher, set);
  state.SetLabel(second ? "ops_registry (held out)" : "examples/jobs.yaml");
  state.counters["messages"] = report.messages;
  state.counters["intent_accuracy"] = report.intent_accuracy();
  state.counters["params_exact"] = report.params_exact();
  state.counters["negatives"] = report.negatives;
  state.counters["wrong_on_negatives"] = report.wrong_on_negatives;
}
BENCHMARK(BM_LabelledSetAccuracy)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
