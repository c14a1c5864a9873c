#include <set>

#include "bellwether/slo_config.hpp"
#include "config/prometheus_connection.hpp"
#include "config/yaml_document.hpp"

namespace bellwether {

std::string_view to_string(Direction d) noexcept {
  switch (d) {
    case Direction::increase: return "increase";
    case Direction::decrease: return "decrease";
    case Direction::both: return "both";
  }
  return "increase";
}
std::string_view to_string(Aggregate a) noexcept {
  switch (a) {
    case Aggregate::mean: return "mean";
    case Aggregate::median: return "median";
    case Aggregate::p95: return "p95";
    case Aggregate::max: return "max";
  }
  return "mean";
}
std::string_view to_string(NoDataPolicy p) noexcept {
  return p == NoDataPolicy::rollback ? "rollback" : "slow";
}

namespace {
using config::YamlField;
constexpr int kMaxWindows = 10000;

template <typename Enum, std::size_t N>
Enum parse_choice(const YamlField& field, const std::pair<std::string_view, Enum> (&choices)[N]) {
  const std::string text = field.as_string();
  std::string expected;
  for (const auto& [name, value] : choices) {
    if (text == name) return value;
    expected += (expected.empty() ? "" : "|") + std::string(name);
  }
  field.fail("expected " + expected + ", got \"" + text + "\"");
}

double positive_duration(const YamlField& field) {
  const std::string text = field.as_string();
  const auto seconds = parse_duration_seconds(text);
  if (!seconds) field.fail("expected a duration such as 30s, 5m or 1h, got \"" + text + "\"");
  if (*seconds <= 0) field.fail("must be positive, got \"" + text + "\"");
  return *seconds;
}

int positive_int(const YamlField& field) {
  const int value = field.as_int();
  if (value < 1) field.fail("must be at least 1, got " + std::to_string(value));
  return value;
}

double non_negative(const YamlField& field) {
  const double value = field.as_number();
  if (value < 0) field.fail("must not be negative, got " + field.node().Scalar());
  return value;
}

double open_unit_interval(const YamlField& field) {
  const double value = field.as_number();
  if (!(value > 0 && value < 1)) field.fail("must be strictly between 0 and 1, got " + field.node().Scalar());
  return value;
}

void read_ewma(const YamlField& field, stats::EwmaOptions& ewma) {
  field.reject_unknown_keys({"lambda", "L", "run_in"});
  if (auto f = field.find("lambda")) {
    ewma.lambda = f->as_number();
    if (!(ewma.lambda > 0 && ewma.lambda <= 1)) f->fail("must be in (0, 1], got " + f->node().Scalar());
  }
  if (auto f = field.find("L")) ewma.L = non_negative(*f);
  if (auto f = field.find("run_in")) {
    const int run_in = f->as_int();
    if (run_in < 0) f->fail("must not be negative");
    ewma.run_in = static_cast<std::size_t>(run_in);
  }
}

AnalysisSettings read_analysis(const YamlField& field) {
  field.reject_unknown_keys({"window", "windows", "promote_after", "rollback_after", "confidence",
                             "min_samples", "no_data", "non_finite", "holm", "spike_z", "ewma"});
  AnalysisSettings a;
  if (auto f = field.find("window")) a.window_seconds = positive_duration(*f);
  if (auto f = field.find("windows")) {
    a.windows = positive_int(*f);
    // Every analysed window keeps its samples and results; a runaway value is a typo.
    if (a.windows > kMaxWindows) f->fail("at most " + std::to_string(kMaxWindows) + " windows, got " + std::to_string(a.windows));
  }
  if (auto f = field.find("promote_after")) a.promote_after = positive_int(*f);
  if (auto f = field.find("rollback_after")) a.rollback_after = positive_int(*f);
  if (auto f = field.find("confidence")) a.confidence = open_unit_interval(*f);
  if (auto f = field.find("min_samples")) a.min_samples = positive_int(*f);
  if (auto f = field.find("no_data")) {
    static constexpr std::pair<std::string_view, NoDataPolicy> kChoices[] = {
        {"slow", NoDataPolicy::slow}, {"rollback", NoDataPolicy::rollback}};
    a.no_data = parse_choice(*f, kChoices);
  }
  if (auto f = field.find("non_finite")) {
    static constexpr std::pair<std::string_view, stats::NonFinitePolicy> kChoices[] = {
        {"drop", stats::NonFinitePolicy::drop}, {"zero", stats::NonFinitePolicy::zero},
        {"fail", stats::NonFinitePolicy::fail}};
    a.non_finite = parse_choice(*f, kChoices);
  }
  if (auto f = field.find("holm")) a.holm = f->as_bool();
  if (auto f = field.find("spike_z")) a.spike_z = non_negative(*f);
  if (auto f = field.find("ewma")) read_ewma(*f, a.ewma);
  if (a.promote_after > a.windows) {
    field.require("promote_after").fail("is " + std::to_string(a.promote_after) +
                                        " but only " + std::to_string(a.windows) +
                                        " windows are analysed, so promote could never happen");
  }
  return a;
}

MetricSpec read_metric(const YamlField& field) {
  field.reject_unknown_keys({"name", "query", "direction", "slo", "aggregate", "tolerance",
                             "tolerance_abs", "critical", "weight"});
  MetricSpec m;
  m.where = field.where();
  m.name = field.require("name").as_string();
  if (m.name.empty()) field.require("name").fail("must not be empty");
  if (auto f = field.find("query")) m.query = f->as_string();
  if (auto f = field.find("direction")) {
    static constexpr std::pair<std::string_view, Direction> kChoices[] = {
        {"increase", Direction::increase}, {"decrease", Direction::decrease}, {"both", Direction::both}};
    m.direction = parse_choice(*f, kChoices);
  }
  if (auto f = field.find("slo")) m.slo = f->as_number();
  if (auto f = field.find("aggregate")) {
    static constexpr std::pair<std::string_view, Aggregate> kChoices[] = {
        {"mean", Aggregate::mean}, {"median", Aggregate::median}, {"p95", Aggregate::p95},
        {"max", Aggregate::max}};
    m.aggregate = parse_choice(*f, kChoices);
  }
  if (auto f = field.find("tolerance")) m.tolerance = non_negative(*f);
  if (auto f = field.find("tolerance_abs")) m.tolerance_abs = non_negative(*f);
  if (auto f = field.find("critical")) m.critical = f->as_bool();
  if (auto f = field.find("weight")) {
    m.weight = f->as_number();
    if (!(m.weight > 0)) f->fail("must be positive, got " + f->node().Scalar());
  }
  return m;
}

void read_source(const YamlField& field, SloConfig& config) {
  field.reject_unknown_keys({"prometheus"});
  if (auto p = field.find("prometheus")) {
    p->reject_unknown_keys({"url", "step", "token_env", "token_file", "basic_auth_env", "ca_file", "timeout"});
    PrometheusSettings settings;
    settings.connection.timeout_seconds = 10;  // range queries over many series take longer than one instant query
    config::read_prometheus_connection(*p, settings.connection);
    if (auto step = p->find("step")) settings.step_seconds = positive_duration(*step);
    config.prometheus = settings;
  }
}

}  // namespace

void config::read_prometheus_connection(const YamlField& p, sources::PrometheusConnection& c) {
  const YamlField url = p.require("url");
  c.url = url.as_string();
  if (c.url.rfind("http://", 0) != 0 && c.url.rfind("https://", 0) != 0) {
    url.fail("expected an http:// or https:// URL, got \"" + c.url + "\"");
  }
  if (auto f = p.find("token_env")) c.token_env = f->as_string();
  if (auto f = p.find("token_file")) c.token_file = f->as_string();
  if (auto f = p.find("basic_auth_env")) c.basic_auth_env = f->as_string();
  if (auto f = p.find("ca_file")) c.ca_file = f->as_string();
  if (auto f = p.find("timeout")) c.timeout_seconds = positive_duration(*f);
}

SloConfig parse_slo_config(std::string_view yaml, const std::string& file_label) {
  SloConfig config;
  config.path = file_label;
  const YamlField root(config::parse_yaml(yaml, file_label), "", file_label);
  root.reject_unknown_keys({"schema_version", "kind", "analysis", "source", "variants", "metrics"});
  if (auto f = root.find("schema_version")) {
    config.schema_version = f->as_int();
    if (config.schema_version != 1) f->fail("unsupported schema version " + f->node().Scalar() + " (this build reads 1)");
  }
  if (auto f = root.find("kind")) {
    if (f->as_string() != "slo") f->fail("expected \"slo\", got \"" + f->as_string() + "\"");
  }
  if (auto f = root.find("analysis")) config.analysis = read_analysis(*f);
  if (auto f = root.find("source")) read_source(*f, config);
  if (auto f = root.find("variants")) {
    f->reject_unknown_keys({"baseline", "candidate"});
    if (auto b = f->find("baseline")) config.baseline_variant = b->as_string();
    if (auto c = f->find("candidate")) config.candidate_variant = c->as_string();
    if (config.baseline_variant == config.candidate_variant) {
      f->fail("baseline and candidate must differ, both are \"" + config.baseline_variant + "\"");
    }
  }
  const YamlField metrics = root.require("metrics");
  metrics.expect_sequence();
  if (metrics.size() == 0) metrics.fail("at least one metric is needed");
  std::set<std::string> names;
  for (std::size_t i = 0; i < metrics.size(); ++i) {
    const YamlField item = metrics.at(i);
    MetricSpec spec = read_metric(item);
    if (!names.insert(spec.name).second) item.require("name").fail("duplicate metric \"" + spec.name + "\"");
    config.metrics.push_back(std::move(spec));
  }
  return config;
}

SloConfig load_slo_config(const std::filesystem::path& path) {
  const std::string label = path.string();
  return parse_slo_config(config::read_config_text(label), label);
}

}  // namespace bellwether
