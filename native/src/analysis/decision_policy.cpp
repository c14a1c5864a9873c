#include "analysis/decision_policy.hpp"

namespace bellwether::analysis {
namespace {

bool failed(const MetricResult& m) {
  return m.classification == Classification::high || m.classification == Classification::low;
}

std::string window_label(int index) { return "window " + std::to_string(index + 1); }

}  // namespace

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

std::optional<Decision> DecisionPolicy::after(const WindowResult& w) {
  const bool window_failed = w.status == WindowStatus::fail ||
                             (w.status == WindowStatus::nodata && settings_.no_data == NoDataPolicy::rollback);
  fail_streak_ = window_failed ? fail_streak_ + 1 : 0;
  pass_streak_ = w.status == WindowStatus::pass ? pass_streak_ + 1 : 0;
  const MetricResult& key = deciding_metric(w);
  const std::string where = window_label(w.index);
  if (w.critical_failure) {
    return Decision{Action::rollback, "rollback: critical metric " + key.name + " failed in " + where + ": " + key.reason};
  }
  if (fail_streak_ >= settings_.rollback_after) {
    return Decision{Action::rollback, "rollback: " + std::to_string(fail_streak_) +
                                          " consecutive failing windows (rollback_after " +
                                          std::to_string(settings_.rollback_after) + "); in " + where + " " + key.reason};
  }
  if (pass_streak_ >= settings_.promote_after) {
    return Decision{Action::promote, "promote: all " + std::to_string(w.metrics.size()) + " metrics passed " +
                                         std::to_string(pass_streak_) + " consecutive windows (promote_after " +
                                         std::to_string(settings_.promote_after) + "); closest to failing in " +
                                         where + ": " + key.reason};
  }
  return std::nullopt;
}

Decision DecisionPolicy::out_of_windows(const WindowResult& last, int windows_seen) const {
  const MetricResult& key = deciding_metric(last);
  const std::string seen = std::to_string(windows_seen) + " of " + std::to_string(settings_.windows) + " windows";
  if (last.status == WindowStatus::nodata) {
    return {Action::slow, "slow: no decision after " + seen + "; missing data in " + window_label(last.index) + ": " + key.reason};
  }
  if (last.status == WindowStatus::pass) {
    return {Action::slow, "slow: no decision after " + seen + "; " + std::to_string(pass_streak_) +
                              " passing windows of the " + std::to_string(settings_.promote_after) +
                              " needed to promote; " + key.reason};
  }
  return {Action::slow, "slow: no decision after " + seen + "; in " + window_label(last.index) + " " + key.reason};
}

}  // namespace bellwether::analysis
