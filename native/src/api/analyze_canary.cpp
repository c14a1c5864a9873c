#include <algorithm>
#include <chrono>
#include <cmath>
#include <thread>

#include "bellwether/error.hpp"
#include "bellwether/operations.hpp"
#include "bellwether/prometheus_metrics.hpp"

namespace bellwether {
namespace {

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

Verdict judge_from_source(const CanaryJudge& judge, const AnalysisData& data, AnalysisRange range) {
  if (data.load_csv) {
    CsvReadOptions csv;
    csv.baseline_alias = judge.config().baseline_variant;
    csv.candidate_alias = judge.config().candidate_variant;
    return judge.judge(data.load_csv(csv), range);
  }
  const auto& a = judge.config().analysis;
  const double until = range.until.value_or(now_seconds());
  range.until = until;
  if (!range.since) range.since = until - a.windows * a.window_seconds;
  std::vector<std::string> warnings;
  const auto samples = sources::fetch_prometheus_metrics(judge.config(), data.vars, *range.since, until, warnings);
  Verdict verdict = judge.judge(samples, range);
  verdict.warnings.insert(verdict.warnings.begin(), warnings.begin(), warnings.end());
  return verdict;
}

}  // namespace

Verdict analyze_once(const CanaryJudge& judge, const AnalysisData& data, AnalysisRange range, const AnalysisLog& log) {
  try {
    return judge_from_source(judge, data, range);
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::source && e.kind() != ErrorKind::http) throw;
    if (log) log(e.what());
    return judge.fault(std::string("metrics source failed: ") + e.what());
  }
}

Verdict analyze_watching(const CanaryJudge& judge, const AnalysisData& data, std::optional<double> since,
                         const AnalysisLog& log) {
  const auto& a = judge.config().analysis;
  const double start = since.value_or(now_seconds());
  Verdict verdict;
  for (int seen = 0;;) {
    const int completed = std::min(a.windows, static_cast<int>(std::floor((now_seconds() - start) / a.window_seconds)));
    if (completed > seen) {
      seen = completed;
      verdict = analyze_once(judge, data, {start, start + completed * a.window_seconds}, log);
      if (log) {
        log("watch: after window " + std::to_string(completed) + " of " + std::to_string(a.windows) + ": " +
            std::string(to_string(verdict.action)));
      }
      if (verdict.action != Action::slow || completed >= a.windows) return verdict;
    }
    const double next = start + (seen + 1) * a.window_seconds;
    std::this_thread::sleep_for(std::chrono::duration<double>(std::max(0.05, next - now_seconds() + 0.05)));
  }
}

}  // namespace bellwether
