#pragma once
// The work behind the commands whose answer takes more than one core call, with typed inputs,
// so that every surface (the CLI, the JSON requests of requests.hpp behind the JNI bridge)
// computes the same answer the same way. Reading arguments and printing stay with the surface.
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>

#include <nlohmann/json.hpp>

#include "bellwether/analysis.hpp"
#include "bellwether/metrics.hpp"
#include "bellwether/risk_model.hpp"
#include "bellwether/stats.hpp"

namespace bellwether {

// ---- compare ------------------------------------------------------------------------------
struct CompareSettings {
  stats::NonFinitePolicy non_finite = stats::NonFinitePolicy::drop;
  stats::MannWhitneyOptions test;  // confidence must be in (0, 1)
};

// Both samples cleaned by the non-finite policy, then the Mann-Whitney test of candidate vs
// baseline: the compare answer, with dropped_non_finite when a value was dropped.
nlohmann::json compare_samples(std::span<const double> baseline, std::span<const double> candidate,
                               const CompareSettings& settings);

// ---- analyze ------------------------------------------------------------------------------
struct AnalysisData {
  // Loads the metrics CSV (a file or inline text) with the variant aliases of the config; called
  // at every evaluation, so a watched file may grow. Empty: the config's source.prometheus.
  std::function<MetricsTable(const CsvReadOptions&)> load_csv;
  std::map<std::string, std::string> vars;  // {{name}} values of the Prometheus queries
};

// Receives what a person should see while an analysis runs: a source fault, watch progress.
using AnalysisLog = std::function<void(const std::string&)>;

// One evaluation of `range`. With Prometheus the range defaults to the last windows x window up
// to now. A source that cannot deliver is not bad input: the verdict is the judge's fault verdict
// (slow, or rollback under no_data: rollback) with the cause; config and input errors throw.
Verdict analyze_once(const CanaryJudge& judge, const AnalysisData& data, AnalysisRange range, const AnalysisLog& log);

// A live canary from `since` (default now): only completed windows count, each completed window
// is evaluated, and it stops at the first promote or rollback or after the last window (a fault
// is not a decision, so watching goes on while windows remain). Sleeps between windows.
Verdict analyze_watching(const CanaryJudge& judge, const AnalysisData& data, std::optional<double> since,
                         const AnalysisLog& log);

// ---- train / evaluate ---------------------------------------------------------------------
struct TrainSettings {
  std::string label;          // the outcome column, recorded in the model
  risk::TrainOptions fit;
  double test_fraction = 0.2;  // newest rows held out (random when there is no date)
  std::string out;            // model.json to write; empty: the model is in the answer
};

// The holdout evaluation (trained on the older rows, tested on the newest), then the model to
// keep, trained on every row: {model (or the out path), features, holdout, notes, date_column}.
// Throws Error(input) when a part holds a single class.
nlohmann::json train_answer(const risk::HistoryTable& history, const TrainSettings& settings);

// The history columns a saved model needs, for read_history/parse_history.
risk::HistoryOptions history_options_for(const risk::LogisticModel& model, const std::string& label);
// {auc, brier, log_loss, n, positives, calibration} of the model on the history.
nlohmann::json evaluate_answer(const risk::LogisticModel& model, const risk::HistoryTable& history);

}  // namespace bellwether
