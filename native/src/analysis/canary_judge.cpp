#include <algorithm>
#include <cmath>

#include "analysis/decision_policy.hpp"
#include "analysis/metric_classifier.hpp"
#include "analysis/number_format.hpp"
#include "analysis/windows.hpp"
#include "bellwether/analysis.hpp"
#include "parallel.hpp"

namespace bellwether {

std::string_view to_string(Classification c) noexcept {
  switch (c) {
    case Classification::pass: return "pass";
    case Classification::high: return "high";
    case Classification::low: return "low";
    case Classification::nodata: return "nodata";
    case Classification::error: return "error";
  }
  return "error";
}
std::string_view to_string(WindowStatus s) noexcept {
  switch (s) {
    case WindowStatus::pass: return "pass";
    case WindowStatus::marginal: return "marginal";
    case WindowStatus::fail: return "fail";
    case WindowStatus::nodata: return "nodata";
  }
  return "nodata";
}
std::string_view to_string(Action a) noexcept {
  switch (a) {
    case Action::promote: return "promote";
    case Action::slow: return "slow";
    case Action::rollback: return "rollback";
  }
  return "slow";
}

namespace {
using analysis::num;
using analysis::signed_num;

bool failed(const MetricResult& m) {
  return m.classification == Classification::high || m.classification == Classification::low;
}

// Per metric, what the judge remembers across windows for spike and drift detection.
struct MetricHistory {
  std::vector<double> baseline_aggregates;
  std::vector<double> mean_differences;  // candidate - baseline, per window
  double squared_errors = 0;             // sum of the windows' squared Welch standard errors
};

void detect_spike(MetricResult& m, MetricHistory& h, const AnalysisSettings& s) {
  h.baseline_aggregates.push_back(m.baseline.aggregate);
  m.z = stats::z_score(m.candidate.aggregate, h.baseline_aggregates);
  if (!m.z) return;
  // Window aggregates of a steady baseline barely move, so even a harmless offset has a
  // large z: a spike must also leave the tolerance band.
  const double offset = m.candidate.aggregate - stats::mean(h.baseline_aggregates);
  const bool up_is_bad = m.direction != Direction::decrease;
  const bool down_is_bad = m.direction != Direction::increase;
  m.spike = (up_is_bad && *m.z > s.spike_z && offset > m.band) ||
            (down_is_bad && *m.z < -s.spike_z && offset < -m.band);
  if (m.spike) m.reason += "; spike: window " + std::string(to_string(m.aggregate)) + " z=" + num(*m.z) + " against the baseline's windows";
}

// A drift is a trend, not an offset: an EWMA chart of the per-window mean difference whose
// in-control level is the run-in windows' mean and whose sigma is the windows' own standard
// error. It flags once the EWMA leaves its control limit and has moved by half the band.
void detect_drift(MetricResult& m, MetricHistory& h, const AnalysisSettings& s) {
  if (!m.mean_difference) return;
  const auto& md = *m.mean_difference;
  if (!std::isfinite(md.difference) || !std::isfinite(md.standard_error)) return;
  h.mean_differences.push_back(md.difference);
  h.squared_errors += md.standard_error * md.standard_error;
  const double sigma = std::sqrt(h.squared_errors / static_cast<double>(h.mean_differences.size()));
  if (!(sigma > 0)) return;
  const auto chart = stats::ewma_chart(h.mean_differences, s.ewma, std::nullopt, sigma);
  const auto& last = chart.back();
  const double level = (last.upper + last.lower) / 2;  // the run-in level
  const bool up_is_bad = m.direction != Direction::decrease;
  const bool down_is_bad = m.direction != Direction::increase;
  m.ewma = last.value;
  m.ewma_limit = up_is_bad ? last.upper : last.lower;
  const double moved = last.value - level;
  m.drift = (up_is_bad && last.alarm_high && moved > m.band / 2) ||
            (down_is_bad && last.alarm_low && moved < -m.band / 2);
  if (m.drift) {
    m.reason += "; drift: EWMA of the mean difference " + signed_num(last.value) + " left its control limit " +
                signed_num(*m.ewma_limit) + " and moved " + signed_num(moved) + " since the run-in (half band " +
                num(m.band / 2) + ")";
  }
}

void adjust_p_values(std::vector<MetricResult>& metrics, bool holm) {
  std::vector<double> raw;
  for (const auto& m : metrics) raw.push_back(m.test ? m.test->p_value : std::nan(""));
  const auto adjusted = holm ? stats::holm_adjust(raw) : raw;
  for (std::size_t i = 0; i < metrics.size(); ++i) metrics[i].p_adjusted = adjusted[i];
}

void summarise_window(WindowResult& w, const SloConfig& config) {
  double weight_sum = 0, credit_sum = 0;
  bool any_fail = false, any_nodata = false, any_marginal = false;
  for (std::size_t i = 0; i < w.metrics.size(); ++i) {
    const auto& m = w.metrics[i];
    const double weight = config.metrics[i].weight;
    double credit = 1;
    if (failed(m)) {
      credit = 0;
      any_fail = true;
      w.critical_failure = w.critical_failure || m.critical;
    } else if (m.classification == Classification::nodata) {
      credit = 0.5;
      any_nodata = true;
      if (m.critical && config.analysis.no_data == NoDataPolicy::rollback) w.critical_failure = true;
    } else if (m.classification == Classification::error || m.spike || m.drift) {
      credit = 0.5;
      any_marginal = true;
    }
    weight_sum += weight;
    credit_sum += weight * credit;
  }
  w.status = any_fail ? WindowStatus::fail
             : any_nodata ? WindowStatus::nodata
             : any_marginal ? WindowStatus::marginal
                            : WindowStatus::pass;
  w.score = w.critical_failure ? 0.0 : std::round(10000 * credit_sum / weight_sum) / 100;
}

}  // namespace

namespace {
WindowResult evaluate_window(const SloConfig& config, int index, const analysis::WindowGrid& grid,
                             const std::vector<analysis::WindowedSamples>& windowed,
                             std::vector<MetricHistory>& history) {
  const auto& s = config.analysis;
  WindowResult w;
  w.index = index;
  w.start = grid.origin + index * grid.width;
  w.end = w.start + grid.width;
  const auto slot = static_cast<std::size_t>(index);
  std::size_t samples = 0;
  for (const auto& m : windowed) samples += m.baseline[slot].size() + m.candidate[slot].size();
  w.metrics.resize(config.metrics.size());
  parallel_for(config.metrics.size(), samples, [&](std::size_t i) {
    w.metrics[i] = analysis::measure(config.metrics[i], windowed[i].baseline[slot], windowed[i].candidate[slot], s);
  });
  adjust_p_values(w.metrics, s.holm);
  for (std::size_t i = 0; i < w.metrics.size(); ++i) {
    analysis::classify(w.metrics[i], s);
    if (!w.metrics[i].test) continue;
    detect_spike(w.metrics[i], history[i], s);
    detect_drift(w.metrics[i], history[i], s);
  }
  summarise_window(w, config);
  return w;
}
}  // namespace

Verdict CanaryJudge::fault(const std::string& cause) const {
  Verdict v;
  v.action = config_.analysis.no_data == NoDataPolicy::rollback ? Action::rollback : Action::slow;
  v.reason = cause + (v.action == Action::rollback ? " (no_data: rollback)" : "; not promoting without data");
  return v;
}

Verdict CanaryJudge::judge(const MetricsTable& data, const AnalysisRange& range) const {
  const auto& s = config_.analysis;
  Verdict v;
  for (const auto& [name, series] : data.metrics) {
    const bool known = std::any_of(config_.metrics.begin(), config_.metrics.end(),
                                   [&](const MetricSpec& m) { return m.name == name; });
    if (!known) v.warnings.push_back("metric \"" + name + "\" in the data is not in " + config_.path + "; ignored");
  }
  const auto grid = analysis::make_grid(data, s, range, v.warnings);
  if (grid.count == 0) {
    Verdict f = fault("no samples in the analysed range");
    f.warnings = std::move(v.warnings);
    return f;
  }

  std::vector<analysis::WindowedSamples> windowed(config_.metrics.size());
  parallel_for(windowed.size(), data.rows, [&](std::size_t i) {
    const auto it = data.metrics.find(config_.metrics[i].name);
    windowed[i] = it == data.metrics.end() ? analysis::cut(MetricSeries{}, grid, range)
                                           : analysis::cut(it->second, grid, range);
  });
  std::vector<MetricHistory> history(config_.metrics.size());
  analysis::DecisionPolicy policy(s);
  for (int index = 0; index < grid.count; ++index) {
    WindowResult w = evaluate_window(config_, index, grid, windowed, history);
    const auto decision = policy.after(w);
    w.decision = decision ? std::string(to_string(decision->action)) : "continue";
    v.windows.push_back(std::move(w));
    if (decision) {
      v.action = decision->action;
      v.reason = decision->reason;
      v.score = v.windows.back().score;
      v.deciding_window = index;
      return v;
    }
  }
  // No decisive window: slow, with what held it back in the last one.
  const auto slow = policy.out_of_windows(v.windows.back(), grid.count);
  v.action = slow.action;
  v.reason = slow.reason;
  v.score = v.windows.back().score;
  v.deciding_window = v.windows.back().index;
  v.windows.back().decision = "slow";
  return v;
}

}  // namespace bellwether
