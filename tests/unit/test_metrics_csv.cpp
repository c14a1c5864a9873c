#include <gtest/gtest.h>

#include <cmath>

#include "bellwether/error.hpp"
#include "bellwether/metrics.hpp"

using bellwether::Error;
using bellwether::ErrorKind;
using bellwether::parse_metrics_csv;
using bellwether::parse_sample_text;

namespace {
// Runs f, expects an Error of `kind` whose message starts with `prefix`.
template <typename F>
void expect_error(F&& f, ErrorKind kind, const std::string& prefix) {
  try {
    f();
    FAIL() << "expected an error starting with " << prefix;
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), kind);
    EXPECT_EQ(std::string(e.what()).rfind(prefix, 0), 0u) << e.what();
  }
}
}  // namespace

TEST(MetricsCsv, ReadsUnsortedRowsAndRepeatedTimestamps) {
  const auto t = parse_metrics_csv(
      "timestamp,metric,variant,value\n"
      "20,lat,candidate,0.3\n"
      "10,lat,baseline,0.2\n"
      "10,lat,baseline,0.25\n"
      "\n"
      "5,err,candidate,0\r\n",
      "m.csv");
  EXPECT_EQ(t.rows, 4u);
  ASSERT_EQ(t.metrics.size(), 2u);
  EXPECT_EQ(t.metrics.at("lat").baseline.size(), 2u);
  EXPECT_EQ(t.metrics.at("lat").candidate.values.front(), 0.3);
  EXPECT_EQ(*t.first_timestamp, 5);
  EXPECT_EQ(*t.last_timestamp, 20);
}

TEST(MetricsCsv, ColumnsInAnyOrderAndQuotedNames) {
  const auto t = parse_metrics_csv("value,variant,metric,timestamp\n1.5,baseline,\"a,b\",3\n", "m.csv");
  EXPECT_EQ(t.metrics.at("a,b").baseline.values.front(), 1.5);
}

TEST(MetricsCsv, AcceptsConfiguredVariantNames) {
  bellwether::CsvReadOptions o{"stable", "canary"};
  const auto t = parse_metrics_csv("timestamp,metric,variant,value\n1,m,canary,2\n1,m,stable,1\n", "m.csv", o);
  EXPECT_EQ(t.metrics.at("m").candidate.size(), 1u);
  EXPECT_EQ(t.metrics.at("m").baseline.size(), 1u);
}

TEST(MetricsCsv, NonFiniteValuesAreKeptForThePolicy) {
  const auto t = parse_metrics_csv("timestamp,metric,variant,value\n1,m,baseline,NaN\n2,m,baseline,inf\n", "m.csv");
  EXPECT_TRUE(std::isnan(t.metrics.at("m").baseline.values[0]));
  EXPECT_TRUE(std::isinf(t.metrics.at("m").baseline.values[1]));
}

TEST(MetricsCsv, ErrorsNameFileLineColumnAndField) {
  expect_error([] { parse_metrics_csv("", "m.csv"); }, ErrorKind::input, "m.csv: the file is empty");
  expect_error([] { parse_metrics_csv("timestamp,metric,variant,value\n", "m.csv"); }, ErrorKind::input,
               "m.csv:1: no data rows");
  expect_error([] { parse_metrics_csv("timestamp,metric,variant,val\n", "m.csv"); }, ErrorKind::input,
               "m.csv:1:26: header: unknown column \"val\"");
  expect_error([] { parse_metrics_csv("timestamp,metric,variant\n", "m.csv"); }, ErrorKind::input,
               "m.csv:1:1: header: missing column \"value\"");
  expect_error([] { parse_metrics_csv("timestamp,metric,variant,value\n1,m,baseline,abc\n", "m.csv"); },
               ErrorKind::input, "m.csv:2:14: value: expected a number, got \"abc\"");
  expect_error([] { parse_metrics_csv("timestamp,metric,variant,value\nyesterday,m,baseline,1\n", "m.csv"); },
               ErrorKind::input, "m.csv:2:1: timestamp: expected unix seconds");
  expect_error([] { parse_metrics_csv("timestamp,metric,variant,value\n1,m,canary,1\n", "m.csv"); },
               ErrorKind::input, "m.csv:2:5: variant: expected baseline or candidate, got \"canary\"");
  expect_error([] { parse_metrics_csv("timestamp,metric,variant,value\n1,m,baseline,1e999\n", "m.csv"); },
               ErrorKind::input, "m.csv:2:14: value: number out of range");
  expect_error([] { parse_metrics_csv("timestamp,metric,variant,value\n1,m,baseline\n", "m.csv"); },
               ErrorKind::input, "m.csv:2:1: expected 4 fields, got 3");
  expect_error([] { parse_metrics_csv("timestamp,metric,variant,value\n1,\"m,baseline,1\n", "m.csv"); },
               ErrorKind::input, "m.csv:2:3: unterminated quoted field");
}

TEST(MetricsCsv, MissingFileIsASourceError) {
  expect_error([] { bellwether::read_metrics_csv("/nonexistent/m.csv"); }, ErrorKind::source,
               "/nonexistent/m.csv: cannot open the file");
}

TEST(SampleFile, ParsesRFormattedNumbersWithBlanks) {
  const auto v = parse_sample_text("  0.10000000000000001  \n\n-2.5e-300\n 3\n", "x.txt");
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[0], 0.1);
  EXPECT_EQ(v[1], -2.5e-300);
  expect_error([] { parse_sample_text("1\n 2 3\n", "x.txt"); }, ErrorKind::input, "x.txt:2:2: value: expected one number per line");
  expect_error([] { parse_sample_text("\n  \n", "x.txt"); }, ErrorKind::input, "x.txt: no values in the file");
}
