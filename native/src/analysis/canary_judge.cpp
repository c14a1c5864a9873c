#include <algorithm>
#include <cmath>

#include "analysis/metric_classifier.hpp"
#include "analysis/number_format.hpp"
#include "analysis/parallel.hpp"
#include "analysis/windows.hpp"
#include "bellwether/analysis.hpp"

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

// The metric a person should look at first in a window: a critical failure, then any failure,
// then missing data, then a flag, then the one closest to significance.
const MetricResult& deciding_metric(const WindowResult& w) {
  auto rank = [](const MetricResult& m) {
    if (failed(m)) return m.critical ? 0 : 1;
    if (m.classification == Classification::nodata) return 2;
    if (m.classification == Classification::error) return 3;
    if (m.spike || m.drift) return 4;
    return 5;
  };
  const MetricResult* best = &w.metrics.front();
  for (const auto& m : w.metrics) {
    const int a = rank(m), b = rank(*best);
    const double pa = m.test ? m.p_adjusted : 2, pb = best->test ? best->p_adjusted : 2;
    if (a < b || (a == b && pa < pb)) best = &m;
  }
  return *best;
}

std::string window_label(int index) { return "window " + std::to_string(index + 1); }

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
  analysis::parallel_for(windowed.size(), data.rows, [&](std::size_t i) {
    const auto it = data.metrics.find(config_.metrics[i].name);
    windowed[i] = it == data.metrics.end() ? analysis::cut(MetricSeries{}, grid, range)
                                           : analysis::cut(it->second, grid, range);
  });
  std::vector<MetricHistory> history(config_.metrics.size());
  int fail_streak = 0, pass_streak = 0;

  for (int index = 0; index < grid.count; ++index) {
    WindowResult w;
    w.index = index;
    w.start = grid.origin + index * grid.width;
    w.end = w.start + grid.width;
    const auto slot = static_cast<std::size_t>(index);
    std::size_t samples = 0;
    for (const auto& m : windowed) samples += m.baseline[slot].size() + m.candidate[slot].size();
    w.metrics.resize(config_.metrics.size());
    analysis::parallel_for(config_.metrics.size(), samples, [&](std::size_t i) {
      w.metrics[i] = analysis::measure(config_.metrics[i], windowed[i].baseline[slot], windowed[i].candidate[slot], s);
    });
    adjust_p_values(w.metrics, s.holm);
    for (std::size_t i = 0; i < w.metrics.size(); ++i) {
      analysis::classify(w.metrics[i], s);
      if (!w.metrics[i].test) continue;
      detect_spike(w.metrics[i], history[i], s);
      detect_drift(w.metrics[i], history[i], s);
    }
    summarise_window(w, config_);

    const bool window_failed = w.status == WindowStatus::fail ||
                               (w.status == WindowStatus::nodata && s.no_data == NoDataPolicy::rollback);
    fail_streak = window_failed ? fail_streak + 1 : 0;
    pass_streak = w.status == WindowStatus::pass ? pass_streak + 1 : 0;
    const MetricResult& key = deciding_metric(w);
    const std::string where = window_label(index);

    if (w.critical_failure) {
      v.action = Action::rollback;
      v.reason = "rollback: critical metric " + key.name + " failed in " + where + ": " + key.reason;
    } else if (fail_streak >= s.rollback_after) {
      v.action = Action::rollback;
      v.reason = "rollback: " + std::to_string(fail_streak) + " consecutive failing windows (rollback_after " +
                 std::to_string(s.rollback_after) + "); in " + where + " " + key.reason;
    } else if (pass_streak >= s.promote_after) {
      v.action = Action::promote;
      v.reason = "promote: all " + std::to_string(w.metrics.size()) + " metrics passed " +
                 std::to_string(pass_streak) + " consecutive windows (promote_after " +
                 std::to_string(s.promote_after) + "); closest to failing in " + where + ": " + key.reason;
    } else {
      w.decision = "continue";
      v.windows.push_back(std::move(w));
      continue;
    }
    w.decision = std::string(to_string(v.action));
    v.score = w.score;
    v.deciding_window = index;
    v.windows.push_back(std::move(w));
    return v;
  }

  // No decisive window: slow, with what held it back in the last window.
  const WindowResult& last = v.windows.back();
  const MetricResult& key = deciding_metric(last);
  v.action = Action::slow;
  v.score = last.score;
  v.deciding_window = last.index;
  v.windows.back().decision = "slow";
  const std::string seen = std::to_string(grid.count) + " of " + std::to_string(s.windows) + " windows";
  if (last.status == WindowStatus::nodata) {
    v.reason = "slow: no decision after " + seen + "; missing data in " + window_label(last.index) + ": " + key.reason;
  } else if (last.status == WindowStatus::pass) {
    v.reason = "slow: no decision after " + seen + "; " + std::to_string(pass_streak) + " passing windows of the " +
               std::to_string(s.promote_after) + " needed to promote; " + key.reason;
  } else {
    v.reason = "slow: no decision after " + seen + "; in " + window_label(last.index) + " " + key.reason;
  }
  return v;
}

}  // namespace bellwether
