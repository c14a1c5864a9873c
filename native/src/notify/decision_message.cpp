// A Decision in chat: the risk, how it will ship, and what stops it if anything does.
#include <algorithm>
#include <cmath>
#include <ctime>

#include "analysis/number_format.hpp"
#include "notify/event_fields.hpp"
#include "notify/message.hpp"

namespace bellwether::notify {
namespace {

using analysis::num;
using nlohmann::json;

std::string percent_steps(const json& steps) {
  std::string text;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (!steps[i].is_number()) fields::wrong_type("pace.steps[" + std::to_string(i) + "]", "a number", steps[i]);
    text += (text.empty() ? "" : " \xE2\x86\x92 ") + num(steps[i].get<double>()) + "%";  // →
  }
  return text;
}

std::string pace_text(const json& pace) {
  if (pace.is_null()) return {};
  if (!pace.is_object()) fields::wrong_type("pace", "an object", pace);
  std::string text = percent_steps(fields::optional_array(pace, "steps", "pace.steps"));
  if (auto pause = fields::optional_string(pace, "pause", "pace.pause")) {
    text += (text.empty() ? "" : ", ") + *pause + " pauses";
  }
  if (auto soak = fields::optional_string(pace, "soak", "pace.soak"))
    text += (text.empty() ? "soak " : ", soak ") + *soak;
  return text;
}

struct Gates {
  std::size_t total = 0, allowing = 0;
  std::string blocked;  // "name: reason; name: reason"
};

Gates read_gates(const json& event) {
  Gates gates;
  const auto& list = fields::optional_array(event, "gates", "gates");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string path = "gates[" + std::to_string(i) + "]";
    const auto& gate = list[i];
    if (!gate.is_object()) fields::wrong_type(path, "an object", gate);
    const bool allowed = fields::optional_bool(gate, "allowed", path + ".allowed").value_or(true);
    ++gates.total;
    if (allowed) {
      ++gates.allowing;
      continue;
    }
    std::string entry = fields::string_at(gate, "name", path + ".name");
    if (auto reason = fields::optional_string(gate, "reason", path + ".reason"); reason && !reason->empty()) {
      entry += ": " + *reason;
    }
    gates.blocked += (gates.blocked.empty() ? "" : "; ") + entry;
  }
  return gates;
}

// The three largest positive contributions, as people read a risk score: what pushed it up.
std::string top_factors(const json& event) {
  struct Factor {
    std::string name;
    double contribution;
  };
  std::vector<Factor> factors;
  const auto& reasons = fields::optional_array(event, "reasons", "reasons");
  for (std::size_t i = 0; i < reasons.size(); ++i) {
    const std::string path = "reasons[" + std::to_string(i) + "]";
    if (!reasons[i].is_object()) fields::wrong_type(path, "an object", reasons[i]);
    const double contribution = fields::number_at(reasons[i], "contribution", path + ".contribution");
    if (contribution > 0) factors.push_back({fields::string_at(reasons[i], "factor", path + ".factor"), contribution});
  }
  std::stable_sort(factors.begin(), factors.end(),
                   [](const Factor& a, const Factor& b) { return a.contribution > b.contribution; });
  std::string text;
  for (std::size_t i = 0; i < factors.size() && i < 3; ++i) {
    text += (text.empty() ? "" : ", ") + factors[i].name + " " + analysis::signed_num(factors[i].contribution);
  }
  return text;
}

std::string model_text(const json& event) {
  const auto it = event.find("model");
  if (it == event.end() || !it->is_object()) return {};
  std::string text = fields::optional_string(*it, "kind", "model.kind").value_or("");
  if (auto p = fields::optional_number(*it, "probability", "model.probability")) {
    text += ", rollback probability " + num(*p);
  }
  return text;
}

std::string rfc3339(double unix_seconds) {
  const auto seconds = static_cast<std::time_t>(std::floor(unix_seconds));
  std::tm utc{};
  if (!gmtime_r(&seconds, &utc)) return {};
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

}  // namespace

Message decision_message(const json& event) {
  const double risk = fields::number_at(event, "risk_score", "risk_score");
  const std::string strategy = fields::string_at(event, "strategy", "strategy");
  const bool approval = fields::optional_bool(event, "approval_required", "approval_required").value_or(false);
  const auto pace = event.contains("pace") ? pace_text(event["pace"]) : std::string();
  const Gates gates = read_gates(event);
  const std::string how = strategy + (pace.empty() ? "" : " (" + pace + ")");

  Message m;
  m.title = "Deploy decision: " + strategy + ", risk " + num(risk);
  if (!gates.blocked.empty()) {
    m.outcome = Outcome::failure;
    m.summary = "Risk " + num(risk) + "/100: not now, blocked by " + gates.blocked + ".";
  } else if (approval) {
    m.outcome = Outcome::warning;
    m.summary = "Risk " + num(risk) + "/100: " + how + " once someone approves it.";
  } else {
    m.outcome = Outcome::success;
    m.summary = "Risk " + num(risk) + "/100: go ahead with " + how + ".";
  }
  m.facts.push_back({"risk_score", "Risk score", num(risk) + " / 100"});
  m.facts.push_back({"strategy", "Strategy", strategy});
  if (!pace.empty()) m.facts.push_back({"pace", "Pace", pace});
  m.facts.push_back({"approval", "Approval", approval ? "required" : "not required"});
  if (!gates.blocked.empty()) m.facts.push_back({"blocked_by", "Blocked by", gates.blocked});
  if (gates.total > 0) {
    m.facts.push_back(
        {"gates", "Gates", std::to_string(gates.allowing) + " of " + std::to_string(gates.total) + " allow"});
  }
  if (auto factors = top_factors(event); !factors.empty()) m.facts.push_back({"top_factors", "Top factors", factors});
  if (auto model = model_text(event); !model.empty()) m.facts.push_back({"model", "Model", model});
  if (auto at = fields::optional_number(event, "at", "at"); at && std::isfinite(*at)) m.timestamp = rfc3339(*at);
  return m;
}

}  // namespace bellwether::notify
