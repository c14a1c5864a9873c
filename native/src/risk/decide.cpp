#include <date/tz.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "bellwether/decision.hpp"
#include "bellwether/error.hpp"

namespace bellwether::risk {
namespace {

struct LocalTime {
  int weekday = 0;  // 0 = Monday
  int minute = 0;   // of the day
  std::string date; // YYYY-MM-DD
  std::string text; // for reasons
};

LocalTime local_time(const std::string& zone, double at) {
  using namespace std::chrono;
  const auto instant = sys_seconds(seconds(static_cast<long long>(std::floor(at))));
  const auto local = date::make_zoned(zone, instant).get_local_time();
  const auto day = date::floor<date::days>(local);
  const date::year_month_day ymd(day);
  const date::hh_mm_ss<seconds> tod(duration_cast<seconds>(local - day));
  LocalTime t;
  t.weekday = static_cast<int>((date::weekday(day).c_encoding() + 6) % 7);
  t.minute = static_cast<int>(tod.hours().count() * 60 + tod.minutes().count());
  t.date = date::format("%F", ymd);
  t.text = date::format("%a %F %H:%M", local) + " " + zone;
  return t;
}

bool inside(const WeeklyWindow& w, const LocalTime& t) {
  return std::find(w.days.begin(), w.days.end(), t.weekday) != w.days.end() && t.minute >= w.from_minute &&
         t.minute < w.to_minute;
}

std::string short_number(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", v);
  return buffer;
}

std::string clock(int minute) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%02d:%02d", minute / 60, minute % 60);
  return buffer;
}

std::vector<Gate> evaluate_gates(const Change& change, const Policy& policy, double risk, const LocalTime& now,
                                 double now_seconds) {
  std::vector<Gate> gates;
  if (!policy.deny.empty()) {
    Gate g{"change_window", true, "outside every deny window at " + now.text};
    for (const auto& w : policy.deny) {
      if (!inside(w, now)) continue;
      g.allowed = false;
      g.reason = now.text + " is inside the deny window " + clock(w.from_minute) + "-" + clock(w.to_minute) +
                 (w.reason.empty() ? "" : ": " + w.reason);
      break;
    }
    gates.push_back(g);
  }
  if (!policy.freeze.empty()) {
    Gate g{"freeze", true, "no freeze on " + now.date};
    for (const auto& f : policy.freeze) {
      if (now.date < f.from || now.date > f.to) continue;
      g.allowed = false;
      g.reason = now.date + " is in the freeze " + f.from + " to " + f.to + (f.reason.empty() ? "" : ": " + f.reason);
      break;
    }
    gates.push_back(g);
  }
  if (policy.min_error_budget) {
    Gate g{"error_budget", true, ""};
    auto it = change.values.find("error_budget_remaining");
    if (it == change.values.end() && policy.error_budget_source) {
      std::string query = policy.error_budget_query;
      for (auto at_pos = query.find("{{service}}"); at_pos != std::string::npos; at_pos = query.find("{{service}}")) {
        query.replace(at_pos, 11, change.service);
      }
      try {
        const double remaining = sources::instant_value(*policy.error_budget_source, query, now_seconds);
        g.allowed = remaining >= *policy.min_error_budget;
        g.reason = "remaining error budget " + short_number(remaining) + " (Prometheus: " + query + ")" +
                   (g.allowed ? " >= " : " < ") + "minimum " + short_number(*policy.min_error_budget);
      } catch (const Error& e) {
        g.allowed = false;  // an unknown budget is not a healthy one
        g.reason = std::string("cannot get the error budget, so the gate stays closed: ") + e.what();
      }
    } else if (it == change.values.end()) {
      g.reason = "the change carries no error_budget_remaining; not checked";
    } else {
      g.allowed = it->second >= *policy.min_error_budget;
      g.reason = "remaining error budget " + short_number(it->second) + (g.allowed ? " >= " : " < ") +
                 "minimum " + short_number(*policy.min_error_budget);
    }
    gates.push_back(g);
  }
  if (policy.max_risk) {
    const bool ok = risk <= *policy.max_risk;
    gates.push_back({"max_risk", ok, "risk " + short_number(std::round(risk * 10) / 10) + (ok ? " <= " : " > ") +
                                         "maximum " + short_number(*policy.max_risk)});
  }
  return gates;
}

}  // namespace

Decision decide(const Change& original, const Policy& policy, const LogisticModel* model, double at) {
  Decision d;
  d.at = at;
  Change change = original;
  const LocalTime now = local_time(policy.timezone, at);
  if (!policy.peak.empty() && !change.values.count("in_peak_window")) {
    change.values["in_peak_window"] = std::any_of(policy.peak.begin(), policy.peak.end(),
                                                   [&](const WeeklyWindow& w) { return inside(w, now); }) ? 1.0 : 0.0;
  }
  if (model) {
    std::vector<std::pair<std::string, double>> parts;
    try {
      parts = model->contributions(change.values);
    } catch (const Error& e) {
      fail(e.kind(), e.detail(), {change.source, 0, 0, e.where().field});  // name the change's file
    }
    double z = model->intercept;
    for (const auto& [feature, part] : parts) {
      z += part;
      d.reasons.push_back({feature, change.values.at(feature), part});
    }
    d.probability = 1 / (1 + std::exp(-z));
    d.risk_score = 100 * *d.probability;
    for (const auto& key : change.unknown_keys) {
      const bool used = std::any_of(model->features.begin(), model->features.end(), [&](const auto& f) { return f.name == key; });
      if (!used) d.unknown_keys.push_back(key);
    }
  } else {
    const auto scored = score_heuristic(change, policy.factors);
    d.risk_score = scored.score;
    d.reasons = scored.reasons;
    d.missing = scored.missing;
    d.unknown_keys = change.unknown_keys;
  }
  const auto band = std::find_if(policy.bands.begin(), policy.bands.end(), [&](const auto& b) { return d.risk_score < b.below; });
  if (band == policy.bands.end()) fail(ErrorKind::config, "no strategy band covers a risk of " + std::to_string(d.risk_score), {policy.path, 0, 0, "strategies"});
  d.strategy = band->strategy;
  d.pace = band->pace;
  d.approval_required = d.risk_score >= policy.approval_threshold;
  d.gates = evaluate_gates(change, policy, d.risk_score, now, at);
  d.allowed = std::all_of(d.gates.begin(), d.gates.end(), [](const Gate& g) { return g.allowed; });
  return d;
}

nlohmann::json to_json(const Decision& d, const LogisticModel* model) {
  auto round2 = [](double v) { return std::round(v * 100) / 100; };
  nlohmann::json pace = {{"steps", d.pace.steps}};
  if (!d.pace.pause.empty()) pace["pause"] = d.pace.pause;
  if (!d.pace.soak.empty()) pace["soak"] = d.pace.soak;
  nlohmann::json gates = nlohmann::json::array();
  for (const auto& g : d.gates) gates.push_back({{"name", g.name}, {"allowed", g.allowed}, {"reason", g.reason}});
  nlohmann::json reasons = nlohmann::json::array();
  for (const auto& r : d.reasons) {
    reasons.push_back({{"factor", r.factor}, {"value", r.value ? nlohmann::json(*r.value) : nlohmann::json(nullptr)},
                       {"contribution", r.contribution}});
  }
  nlohmann::json j = {{"risk_score", round2(d.risk_score)}, {"strategy", d.strategy}, {"pace", pace},
                      {"approval_required", d.approval_required}, {"allowed", d.allowed}, {"gates", gates},
                      {"reasons", reasons}, {"missing", d.missing}, {"unknown", d.unknown_keys}, {"at", d.at}};
  if (model) {
    j["model"] = {{"kind", "logistic"}, {"probability", *d.probability}, {"intercept", model->intercept},
                  {"features", model->features.size()}};
  } else {
    j["model"] = {{"kind", "heuristic"}};
  }
  return j;
}

}  // namespace bellwether::risk
