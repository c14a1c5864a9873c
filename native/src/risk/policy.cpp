// policy.yaml: risk bands to strategy and pace, the approval threshold, scoring overrides and
// the gates. Every problem names file:line:column and the field.
#include <date/tz.h>

#include <algorithm>
#include <array>
#include <cstdio>

#include "bellwether/decision.hpp"
#include "bellwether/slo_config.hpp"
#include "config/prometheus_connection.hpp"
#include "config/yaml_document.hpp"

namespace bellwether::risk {
namespace {
using config::YamlField;

constexpr std::array<const char*, 7> kDays = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

std::string duration_text(const YamlField& f) {
  const std::string text = f.as_string();
  const auto seconds = parse_duration_seconds(text);
  if (!seconds || *seconds < 0) f.fail("expected a duration such as 30s, 5m or 1h, got \"" + text + "\"");
  return text;
}

int minute_of_day(const YamlField& f, bool allow_24) {
  const std::string text = f.as_string();
  int h = -1, m = -1;
  char extra = 0;
  if (std::sscanf(text.c_str(), "%d:%d%c", &h, &m, &extra) != 2 || m < 0 || m > 59 || h < 0 ||
      h > (allow_24 ? 24 : 23) || (h == 24 && m != 0)) {
    f.fail("expected a time HH:MM, got \"" + text + "\"");
  }
  return h * 60 + m;
}

std::string date_text(const YamlField& f) {
  const std::string text = f.as_string();
  int y = 0, mo = 0, d = 0;
  char extra = 0;
  if (std::sscanf(text.c_str(), "%d-%d-%d%c", &y, &mo, &d, &extra) != 3 ||
      !date::year_month_day(date::year(y), date::month(static_cast<unsigned>(mo)), date::day(static_cast<unsigned>(d))).ok()) {
    f.fail("expected a date YYYY-MM-DD, got \"" + text + "\"");
  }
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", y, mo, d);
  return buffer;
}

std::vector<WeeklyWindow> read_windows(const YamlField& list) {
  list.expect_sequence();
  std::vector<WeeklyWindow> out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const YamlField item = list.at(i);
    item.reject_unknown_keys({"days", "from", "to", "reason"});
    WeeklyWindow w;
    if (auto days = item.find("days")) {
      days->expect_sequence();
      for (std::size_t d = 0; d < days->size(); ++d) {
        const YamlField day = days->at(d);
        const std::string name = day.as_string();
        const auto it = std::find_if(kDays.begin(), kDays.end(), [&](const char* n) { return name == n; });
        if (it == kDays.end()) day.fail("expected mon|tue|wed|thu|fri|sat|sun, got \"" + name + "\"");
        w.days.push_back(static_cast<int>(it - kDays.begin()));
      }
    } else {
      w.days = {0, 1, 2, 3, 4, 5, 6};
    }
    w.from_minute = minute_of_day(item.require("from"), false);
    w.to_minute = minute_of_day(item.require("to"), true);
    if (w.to_minute <= w.from_minute) item.require("to").fail("must be after from");
    if (auto r = item.find("reason")) w.reason = r->as_string();
    out.push_back(w);
  }
  return out;
}

void read_band(const YamlField& item, StrategyBand& band) {
  item.reject_unknown_keys({"below", "strategy", "steps", "pause", "soak"});
  band.below = item.require("below").as_number();
  const YamlField strategy = item.require("strategy");
  band.strategy = strategy.as_string();
  if (band.strategy != "canary" && band.strategy != "bluegreen" && band.strategy != "rolling") {
    strategy.fail("expected canary|bluegreen|rolling, got \"" + band.strategy + "\"");
  }
  if (auto steps = item.find("steps")) {
    steps->expect_sequence();
    for (std::size_t s = 0; s < steps->size(); ++s) {
      const YamlField step = steps->at(s);
      const double v = step.as_number();
      if (!(v > 0 && v <= 100) || (!band.pace.steps.empty() && v <= band.pace.steps.back())) {
        step.fail("steps are percentages that grow, each in (0, 100]");
      }
      band.pace.steps.push_back(v);
    }
    if (band.pace.steps.empty() || band.pace.steps.back() != 100) steps->fail("the last step must be 100");
  } else {
    band.pace.steps = {100};
  }
  if (auto pause = item.find("pause")) band.pace.pause = duration_text(*pause);
  if (auto soak = item.find("soak")) band.pace.soak = duration_text(*soak);
}

void read_scoring(const YamlField& scoring, Policy& policy) {
  scoring.expect_map();
  for (const auto& entry : scoring.node()) {
    const std::string name = entry.first.as<std::string>("");
    const YamlField f = *scoring.find(name);
    auto it = std::find_if(policy.factors.begin(), policy.factors.end(), [&](const auto& x) { return x.name == name; });
    if (it == policy.factors.end()) {
      std::string known;
      for (const auto& x : policy.factors) known += (known.empty() ? "" : ", ") + x.name;
      f.fail("unknown factor (expected one of: " + known + ")");
    }
    f.reject_unknown_keys({"weight", "cap"});
    if (auto w = f.find("weight")) {
      it->weight = w->as_number();
      if (it->weight < 0) w->fail("must not be negative");
    }
    if (auto c = f.find("cap")) {
      it->cap = c->as_number();
      if (!(it->cap > 0)) c->fail("must be positive");
    }
  }
}

void read_gates(const YamlField& gates, Policy& policy) {
  gates.reject_unknown_keys({"timezone", "peak_hours", "deny", "freeze", "error_budget"});
  if (auto tz = gates.find("timezone")) {
    policy.timezone = tz->as_string();
    try {
      date::locate_zone(policy.timezone);
    } catch (const std::exception&) {
      tz->fail("unknown time zone \"" + policy.timezone + "\" (an IANA name such as Europe/Berlin)");
    }
  }
  if (auto peak = gates.find("peak_hours")) policy.peak = read_windows(*peak);
  if (auto deny = gates.find("deny")) policy.deny = read_windows(*deny);
  if (auto freeze = gates.find("freeze")) {
    freeze->expect_sequence();
    for (std::size_t i = 0; i < freeze->size(); ++i) {
      const YamlField item = freeze->at(i);
      item.reject_unknown_keys({"from", "to", "reason"});
      FreezePeriod p{date_text(item.require("from")), date_text(item.require("to")), ""};
      if (p.to < p.from) item.require("to").fail("must not be before from");
      if (auto r = item.find("reason")) p.reason = r->as_string();
      policy.freeze.push_back(p);
    }
  }
  if (auto budget = gates.find("error_budget")) {
    budget->reject_unknown_keys({"min_remaining", "query", "prometheus"});
    const YamlField min = budget->require("min_remaining");
    policy.min_error_budget = min.as_number();
    if (*policy.min_error_budget < 0 || *policy.min_error_budget > 1) min.fail("must be a share between 0 and 1");
    if (auto query = budget->find("query")) {
      policy.error_budget_query = query->as_string();
      const YamlField prometheus = budget->require("prometheus");
      prometheus.reject_unknown_keys({"url", "token_env", "token_file", "basic_auth_env", "ca_file", "timeout"});
      sources::PrometheusConnection c;
      config::read_prometheus_connection(prometheus, c);
      policy.error_budget_source = c;
    } else if (budget->find("prometheus")) {
      budget->require("prometheus").fail("a Prometheus source needs a query");
    }
  }
}

}  // namespace

Policy default_policy() {
  Policy p;
  p.path = "<default policy>";
  p.bands = {{30, "rolling", {{25, 50, 75, 100}, "2m", ""}},
             {70, "canary", {{10, 25, 50, 100}, "5m", ""}},
             {101, "canary", {{1, 5, 20, 100}, "10m", ""}}};
  return p;
}

Policy load_policy(const std::filesystem::path& path) {
  const std::string file = path.string();
  return parse_policy(config::read_config_text(file), file);
}

Policy parse_policy(std::string_view yaml, const std::string& file) {
  Policy policy = default_policy();
  policy.path = file;
  const YamlField root(config::parse_yaml(yaml, file), "", file);
  root.reject_unknown_keys({"schema_version", "kind", "approval_threshold", "max_risk", "scoring", "strategies", "gates"});
  if (auto f = root.find("schema_version"); f && f->as_int() != 1) f->fail("unsupported schema version (this build reads 1)");
  if (auto f = root.find("kind"); f && f->as_string() != "policy") f->fail("expected \"policy\"");
  if (auto f = root.find("approval_threshold")) {
    policy.approval_threshold = f->as_number();
    if (policy.approval_threshold < 0 || policy.approval_threshold > 100) f->fail("must be between 0 and 100");
  }
  if (auto f = root.find("max_risk")) {
    policy.max_risk = f->as_number();
    if (*policy.max_risk < 0 || *policy.max_risk > 100) f->fail("must be between 0 and 100");
  }
  if (auto f = root.find("scoring")) read_scoring(*f, policy);
  if (auto f = root.find("strategies")) {
    f->expect_sequence();
    if (f->size() == 0) f->fail("at least one band is needed");
    policy.bands.clear();
    for (std::size_t i = 0; i < f->size(); ++i) {
      StrategyBand band;
      read_band(f->at(i), band);
      if (!policy.bands.empty() && band.below <= policy.bands.back().below) {
        f->at(i).require("below").fail("bands must be in increasing order of below");
      }
      policy.bands.push_back(band);
    }
    if (policy.bands.back().below <= 100) {
      f->at(f->size() - 1).require("below").fail("the last band must cover a score of 100 (below > 100)");
    }
  }
  if (auto f = root.find("gates")) read_gates(*f, policy);
  return policy;
}

}  // namespace bellwether::risk
