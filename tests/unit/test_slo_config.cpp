#include <gtest/gtest.h>

#include "bellwether/error.hpp"
#include "bellwether/slo_config.hpp"

using namespace bellwether;

namespace {
std::string error_of(const std::string& yaml) {
  try {
    parse_slo_config(yaml, "slo.yaml");
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::config);
    return e.what();
  }
  return "no error";
}
}  // namespace

TEST(SloConfig, ReadsTheExampleOfTheDesign) {
  const auto c = load_slo_config(std::string(BELLWETHER_EXAMPLES_DIR) + "/slo.yaml");
  EXPECT_EQ(c.analysis.window_seconds, 120);
  EXPECT_EQ(c.analysis.windows, 10);
  EXPECT_EQ(c.analysis.no_data, NoDataPolicy::slow);
  ASSERT_TRUE(c.prometheus);
  EXPECT_EQ(c.prometheus->step_seconds, 15);
  EXPECT_EQ(c.baseline_variant, "stable");
  EXPECT_EQ(c.candidate_variant, "canary");
  ASSERT_EQ(c.metrics.size(), 3u);
  EXPECT_EQ(c.metrics[1].name, "error_rate");
  EXPECT_TRUE(c.metrics[1].critical);
  EXPECT_EQ(c.metrics[1].tolerance_abs, 0.002);
  EXPECT_EQ(c.metrics[0].aggregate, Aggregate::p95);
  EXPECT_EQ(*c.metrics[0].slo, 0.45);
}

TEST(SloConfig, DefaultsAreDocumentedValues) {
  const auto c = parse_slo_config("metrics: [{name: m}]", "slo.yaml");
  EXPECT_EQ(c.analysis.window_seconds, 300);
  EXPECT_EQ(c.analysis.windows, 6);
  EXPECT_EQ(c.analysis.promote_after, 3);
  EXPECT_EQ(c.analysis.rollback_after, 2);
  EXPECT_EQ(c.analysis.confidence, 0.95);
  EXPECT_EQ(c.analysis.min_samples, 10);
  EXPECT_EQ(c.analysis.non_finite, stats::NonFinitePolicy::drop);
  EXPECT_TRUE(c.analysis.holm);
  EXPECT_EQ(c.metrics[0].direction, Direction::increase);
  EXPECT_EQ(c.metrics[0].tolerance, 0.10);
  EXPECT_FALSE(c.metrics[0].slo);
}

TEST(SloConfig, OptionalTunables) {
  const auto c = parse_slo_config(
      "analysis: {spike_z: 4, holm: false, non_finite: zero, ewma: {lambda: 0.3, L: 2.5, run_in: 3}}\n"
      "metrics: [{name: m}]\n",
      "slo.yaml");
  EXPECT_EQ(c.analysis.spike_z, 4);
  EXPECT_FALSE(c.analysis.holm);
  EXPECT_EQ(c.analysis.non_finite, stats::NonFinitePolicy::zero);
  EXPECT_EQ(c.analysis.ewma.lambda, 0.3);
  EXPECT_EQ(c.analysis.ewma.L, 2.5);
  EXPECT_EQ(c.analysis.ewma.run_in, 3u);
}

TEST(SloConfig, ErrorsCarryFileLineColumnAndField) {
  EXPECT_EQ(error_of(""), "slo.yaml: the file is empty");
  EXPECT_EQ(error_of("metrics: [{name: m}]\n---\nmetrics: []\n"), "slo.yaml: expected one YAML document, found 2");
  EXPECT_EQ(error_of("analysis: {window: 5m}\n"), "slo.yaml:1:1: missing required field 'metrics'");
  EXPECT_EQ(error_of("metrics: {name: m}\n"), "slo.yaml:1:10: metrics: expected a list, got a map");
  EXPECT_EQ(error_of("metrics: []\n"), "slo.yaml:1:10: metrics: at least one metric is needed");
  EXPECT_EQ(error_of("metrics:\n  - name: m\n    tolerance: -1\n"),
            "slo.yaml:3:16: metrics[0].tolerance: must not be negative, got -1");
  EXPECT_EQ(error_of("metrics:\n  - name: m\n    slo: .nan\n"),
            "slo.yaml:3:10: metrics[0].slo: expected a number, got \".nan\"");
  EXPECT_EQ(error_of("metrics:\n  - name: m\n    critical: maybe\n"),
            "slo.yaml:3:15: metrics[0].critical: expected true or false, got \"maybe\"");
  EXPECT_EQ(error_of("analysis: {windows: 2.5}\nmetrics: [{name: m}]\n"),
            "slo.yaml:1:21: analysis.windows: expected a whole number, got \"2.5\"");
  EXPECT_EQ(error_of("analysis: {windows: 100000000}\nmetrics: [{name: m}]\n"),
            "slo.yaml:1:21: analysis.windows: at most 10000 windows, got 100000000");
  EXPECT_EQ(error_of("analysis: {confidence: 1}\nmetrics: [{name: m}]\n"),
            "slo.yaml:1:24: analysis.confidence: must be strictly between 0 and 1, got 1");
  EXPECT_EQ(error_of("analysis: {no_data: ignore}\nmetrics: [{name: m}]\n"),
            "slo.yaml:1:21: analysis.no_data: expected slow|rollback, got \"ignore\"");
  EXPECT_EQ(error_of("analysis: {window: 0s}\nmetrics: [{name: m}]\n"),
            "slo.yaml:1:20: analysis.window: must be positive, got \"0s\"");
  EXPECT_EQ(error_of("source: {prometheus: {url: prometheus:9090}}\nmetrics: [{name: m}]\n"),
            "slo.yaml:1:28: source.prometheus.url: expected an http:// or https:// URL, got \"prometheus:9090\"");
  EXPECT_EQ(error_of("variants: {baseline: a, candidate: a}\nmetrics: [{name: m}]\n"),
            "slo.yaml:1:11: variants: baseline and candidate must differ, both are \"a\"");
  EXPECT_EQ(error_of("schema_version: 2\nmetrics: [{name: m}]\n"),
            "slo.yaml:1:17: schema_version: unsupported schema version 2 (this build reads 1)");
  EXPECT_EQ(error_of("metrics:\n  - name: m\n    weight: 1e999\n"),
            "slo.yaml:3:13: metrics[0].weight: number out of range: \"1e999\"");
}

TEST(SloConfig, MissingFileIsAConfigError) {
  EXPECT_THROW(load_slo_config("/nonexistent/slo.yaml"), Error);
}

TEST(Duration, PrometheusStyleAndPlainSeconds) {
  EXPECT_EQ(*parse_duration_seconds("5m"), 300);
  EXPECT_EQ(*parse_duration_seconds("1h30m"), 5400);
  EXPECT_EQ(*parse_duration_seconds("250ms"), 0.25);
  EXPECT_EQ(*parse_duration_seconds("90"), 90);
  EXPECT_FALSE(parse_duration_seconds("5 minutes"));
  EXPECT_FALSE(parse_duration_seconds("m"));
  EXPECT_FALSE(parse_duration_seconds(""));
}
