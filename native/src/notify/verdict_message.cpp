// A Verdict in chat: the action, and the one metric that decided it with the numbers a
// reviewer checks (medians, p-value, shift estimate and its interval, the SLO).
#include <algorithm>
#include <limits>
#include <optional>

#include "analysis/number_format.hpp"
#include "bellwether/error.hpp"
#include "notify/event_fields.hpp"
#include "notify/message.hpp"

namespace bellwether::notify {
namespace {

using analysis::num;
using analysis::signed_num;
using nlohmann::json;

bool failed(const std::string& classification) { return classification == "high" || classification == "low"; }

std::string classification_of(const json& metric, const std::string& path) {
  return fields::optional_string(metric, "classification", path + ".classification").value_or("");
}

double p_value_or_one(const json& metric, const std::string& path) {
  return fields::optional_number(metric, "p_value", path + ".p_value").value_or(1.0);
}

bool slo_breached(const json& metric, const std::string& path) {
  const auto it = metric.find("slo");
  return it != metric.end() && it->is_object() &&
         fields::optional_bool(*it, "breached", path + ".slo.breached").value_or(false);
}

// The metric behind the action, in the judge's order of severity: a failed critical metric,
// else the failed metric with the strongest evidence, else a breached SLO, else one without
// usable data. A promote has none.
std::optional<std::size_t> deciding_metric(const json& metrics) {
  std::optional<std::size_t> best;
  int best_rank = 0;
  double best_p = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < metrics.size(); ++i) {
    const std::string path = "metrics[" + std::to_string(i) + "]";
    const auto& metric = metrics[i];
    const std::string classification = classification_of(metric, path);
    const bool critical = fields::optional_bool(metric, "critical", path + ".critical").value_or(false);
    const bool no_data = classification == "nodata" || classification == "error";
    const int rank = failed(classification) && critical ? 4
                     : failed(classification)           ? 3
                     : slo_breached(metric, path)       ? 2
                     : no_data                          ? 1
                                                        : 0;
    const double p = p_value_or_one(metric, path);
    if (rank > best_rank || (rank == best_rank && rank > 0 && p < best_p)) {
      best = i;
      best_rank = rank;
      best_p = p;
    }
  }
  return best;
}

std::string median_of(const json& metric, const char* side, const std::string& path) {
  const auto it = metric.find(side);
  if (it == metric.end() || !it->is_object()) return "n/a";
  const auto median = fields::optional_number(*it, "median", path + "." + side + ".median");
  return median ? num(*median) : "n/a";
}

std::string bound_text(const json& bound) {
  if (bound.is_null()) return "unbounded";
  if (!bound.is_number()) fields::wrong_type("ci", "numbers or null", bound);
  return signed_num(bound.get<double>());
}

void add_metric_facts(Message& m, const json& metric, const std::string& path) {
  const std::string name = fields::string_at(metric, "name", path + ".name");
  std::string what = classification_of(metric, path);
  if (fields::optional_bool(metric, "critical", path + ".critical").value_or(false)) what += ", critical";
  m.facts.push_back({"metric", "Deciding metric", what.empty() ? name : name + " (" + what + ")"});
  m.facts.push_back({"baseline_median", "Baseline median", median_of(metric, "baseline", path)});
  m.facts.push_back({"candidate_median", "Candidate median", median_of(metric, "candidate", path)});
  if (auto p = fields::optional_number(metric, "p_value", path + ".p_value")) {
    m.facts.push_back({"p_value", "p-value", analysis::p_text(*p)});
  }
  if (auto estimate = fields::optional_number(metric, "estimate", path + ".estimate")) {
    std::string text = signed_num(*estimate);
    const auto ci = metric.find("ci");
    if (ci != metric.end() && ci->is_array() && ci->size() == 2) {
      const double confidence = fields::optional_number(metric, "confidence", path + ".confidence").value_or(0.95);
      text += ", " + num(100 * confidence) + "% CI [" + bound_text((*ci)[0]) + ", " + bound_text((*ci)[1]) + "]";
    }
    m.facts.push_back({"estimate", "Shift estimate", text});
  }
  const auto slo = metric.find("slo");
  if (slo != metric.end() && slo->is_object()) {
    const double bound = fields::number_at(*slo, "bound", path + ".slo.bound");
    const auto value = fields::optional_number(*slo, "value", path + ".slo.value");
    const std::string aggregate = fields::optional_string(*slo, "aggregate", path + ".slo.aggregate").value_or("value");
    const bool breached = fields::optional_bool(*slo, "breached", path + ".slo.breached").value_or(false);
    m.facts.push_back({"slo", "SLO",
                       aggregate + " " + (value ? num(*value) : "n/a") + " against bound " + num(bound) +
                           (breached ? ": breached" : ": met")});
  }
}

// "2 high, 1 pass": the classifications in the order they first appear.
std::string classification_counts(const json& metrics) {
  std::vector<std::pair<std::string, int>> counts;
  for (std::size_t i = 0; i < metrics.size(); ++i) {
    const std::string c = classification_of(metrics[i], "metrics[" + std::to_string(i) + "]");
    auto it = std::find_if(counts.begin(), counts.end(), [&](const auto& entry) { return entry.first == c; });
    if (it == counts.end()) {
      counts.emplace_back(c, 1);
    } else {
      ++it->second;
    }
  }
  std::string text;
  for (const auto& [c, n] : counts)
    text += (text.empty() ? "" : ", ") + std::to_string(n) + " " + (c.empty() ? "unclassified" : c);
  return text;
}

}  // namespace

Message verdict_message(const json& event) {
  const std::string action = fields::string_at(event, "action", "action");
  Message m;
  if (action == "promote") {
    m.outcome = Outcome::success;
  } else if (action == "slow") {
    m.outcome = Outcome::warning;
  } else if (action == "rollback") {
    m.outcome = Outcome::failure;
  } else {
    fail(ErrorKind::input, "expected promote|slow|rollback, got \"" + action + "\"", {"", 0, 0, "action"});
  }
  const double score = fields::number_at(event, "score", "score");
  const auto& metrics = fields::optional_array(event, "metrics", "metrics");
  for (std::size_t i = 0; i < metrics.size(); ++i) {
    if (!metrics[i].is_object()) fields::wrong_type("metrics[" + std::to_string(i) + "]", "an object", metrics[i]);
  }
  m.title = "Canary verdict: " + action;
  m.summary = fields::optional_string(event, "reason", "reason").value_or("");
  // The judge's reason opens with the action, which the title already says.
  if (m.summary.rfind(action + ": ", 0) == 0) {
    m.summary.erase(0, action.size() + 2);
    if (!m.summary.empty() && m.summary[0] >= 'a' && m.summary[0] <= 'z')
      m.summary[0] = static_cast<char>(m.summary[0] - 'a' + 'A');
  }
  if (m.summary.empty()) m.summary = action;
  m.facts.push_back({"score", "Score", num(score)});
  if (const auto index = deciding_metric(metrics)) {
    add_metric_facts(m, metrics[*index], "metrics[" + std::to_string(*index) + "]");
  }
  if (!metrics.empty()) m.facts.push_back({"metrics", "Metrics", classification_counts(metrics)});
  const auto window = fields::optional_number(event, "deciding_window", "deciding_window");
  const auto& windows = fields::optional_array(event, "windows", "windows");
  if (window && *window >= 0) {
    std::string text = num(*window + 1);
    if (!windows.empty()) text += " of " + std::to_string(windows.size());
    m.facts.push_back({"window", "Deciding window", text});
  }
  return m;
}

}  // namespace bellwether::notify
