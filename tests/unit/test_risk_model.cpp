// The logistic risk model: reading history files, fitting, persisting, and the metrics.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <unistd.h>

#include "bellwether/error.hpp"
#include "bellwether/risk_model.hpp"

using namespace bellwether;
using namespace bellwether::risk;

namespace {

std::string test_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("bellwether-test-" + std::to_string(::getpid()) + "-" + name)).string();
}

std::string write_file(const std::string& name, const std::string& content) {
  const auto path = test_path(name);
  std::ofstream(path) << content;
  return path;
}

std::string error_of(const std::string& csv, const HistoryOptions& options) {
  try {
    read_history(write_file("history.csv", csv), options);
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

// Each test writes its own file names: CTest runs the tests as parallel processes.
// Rows from a known logistic model: logit = -1 + 1.5 log1p(a) - 0.8 b.
std::string synthetic_history(int rows, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::exponential_distribution<double> churn(0.05);
  std::normal_distribution<double> normal;
  std::uniform_real_distribution<double> uniform;
  std::string csv = "id,date,a,b,constant,outcome\n";
  for (int i = 0; i < rows; ++i) {
    const double a = std::floor(churn(rng)), b = normal(rng);
    const double logit = -1 + 1.5 * std::log1p(a) - 0.8 * b;
    const int y = uniform(rng) < 1 / (1 + std::exp(-logit)) ? 1 : 0;
    csv += std::to_string(i) + "," + std::to_string(1700000000 + 60 * (rows - i)) + "," + std::to_string(a) + "," +
           std::to_string(b) + ",7," + std::to_string(y) + "\n";
  }
  return csv;
}

}  // namespace

TEST(RiskModel, CanonicalNamesOfPublicDatasets) {
  EXPECT_EQ(canonical_feature_name("entrophy"), "entropy");
  EXPECT_EQ(canonical_feature_name("nm"), "nd");
  EXPECT_EQ(canonical_feature_name("pd"), "age");
  EXPECT_EQ(canonical_feature_name("npt"), "nuc");
  EXPECT_EQ(canonical_feature_name(" LA "), "la");
}

TEST(RiskModel, EvaluationCountsTiesAsHalf) {
  // Positives 0.9, 0.5; negatives 0.5, 0.1: pairs (0.9>0.5), (0.9>0.1), (0.5=0.5), (0.5>0.1).
  const std::vector<double> p = {0.9, 0.5, 0.5, 0.1};
  const std::vector<double> y = {1, 1, 0, 0};
  const auto e = evaluate(p, y);
  EXPECT_DOUBLE_EQ(e.auc, 3.5 / 4);
  EXPECT_DOUBLE_EQ(e.brier, (0.01 + 0.25 + 0.25 + 0.01) / 4);
  EXPECT_NEAR(e.log_loss, -(std::log(0.9) + std::log(0.5) + std::log(0.5) + std::log(0.9)) / 4, 1e-15);
  EXPECT_EQ(e.positives, 2u);
  ASSERT_EQ(e.calibration.size(), 4u);
  EXPECT_DOUBLE_EQ(e.calibration.front().mean_predicted, 0.1);
  EXPECT_DOUBLE_EQ(e.calibration.back().observed_rate, 1.0);
}

TEST(RiskModel, RecoversTheGeneratingModelAndItsTransforms) {
  const auto path = write_file("synthetic-3.csv", synthetic_history(4000, 3));
  const auto history = read_history(path, {"outcome", std::nullopt, {}});
  EXPECT_EQ(history.date_column, "date");
  EXPECT_EQ(history.feature_names, (std::vector<std::string>{"a", "b"}));  // id, date, constant left out
  EXPECT_EQ(history.notes.size(), 2u);
  const auto model = train_logistic(history, {});
  ASSERT_EQ(model.features.size(), 2u);
  EXPECT_EQ(model.features[0].transform, Transform::log1p);    // non-negative counts
  EXPECT_EQ(model.features[1].transform, Transform::identity);  // takes negative values
  // On the original scale the slopes are coefficient / sd.
  EXPECT_NEAR(model.features[0].coefficient / model.features[0].sd, 1.5, 0.15);
  EXPECT_NEAR(model.features[1].coefficient / model.features[1].sd, -0.8, 0.1);
  EXPECT_LT(model.iterations, 20);

  const double direct = model.probability({{"a", 20}, {"b", 0.5}});
  const double z = -1 + 1.5 * std::log1p(20.0) - 0.8 * 0.5;
  EXPECT_NEAR(direct, 1 / (1 + std::exp(-z)), 0.05);
}

TEST(RiskModel, JsonRoundTripReproducesEveryPrediction) {
  const auto history = read_history(write_file("synthetic-5.csv", synthetic_history(500, 5)), {"outcome", std::nullopt, {}});
  const auto model = train_logistic(history, {});
  const auto copy = LogisticModel::from_json(nlohmann::json::parse(model.to_json().dump()), "model.json");
  EXPECT_EQ(predict_rows(model, history, {}), predict_rows(copy, history, {}));
}

TEST(RiskModel, MissingFeatureIsAnErrorThatNamesIt) {
  const auto history = read_history(write_file("synthetic-7.csv", synthetic_history(300, 7)), {"outcome", std::nullopt, {}});
  const auto model = train_logistic(history, {});
  try {
    model.probability({{"a", 1}});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("\"b\""), std::string::npos) << e.what();
  }
  EXPECT_THROW(model.probability({{"a", 1}, {"b", std::nan("")}}), Error);
}

TEST(RiskModel, ModelOfAnotherVersionIsRefused) {
  auto json = nlohmann::json::parse(R"({"schema":"bellwether/risk-model","version":2,"intercept":0,"features":[]})");
  try {
    LogisticModel::from_json(json, "old.json");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::config);
    EXPECT_NE(std::string(e.what()).find("old.json: version: model version 2 is not supported"), std::string::npos) << e.what();
  }
  EXPECT_THROW(LogisticModel::from_json(nlohmann::json::parse(R"({"schema":"other"})"), "x.json"), Error);
}

TEST(RiskModel, TimeOrderedSplitHoldsOutTheNewest) {
  const auto history = read_history(write_file("synthetic-9.csv", synthetic_history(100, 9)), {"outcome", std::nullopt, {}});
  const auto split = split_rows(history, 0.2);
  EXPECT_TRUE(split.time_ordered);
  ASSERT_EQ(split.test.size(), 20u);
  double newest_train = 0;
  for (auto r : split.train) newest_train = std::max(newest_train, history.dates[r]);
  for (auto r : split.test) EXPECT_GT(history.dates[r], newest_train);
}

TEST(RiskModel, BadHistoriesGetClearErrors) {
  HistoryOptions o{"bug", std::nullopt, {}};
  EXPECT_EQ(error_of("a,bug\n1,0\n2,1\nx,0\n", {"bug", std::nullopt, {"a"}}),
            test_path("history.csv") + ":4:1: a: expected a number, got \"x\"");
  EXPECT_NE(error_of("a,bug\n1,0\n2,0\n", o).find("the label has a single class"), std::string::npos);
  EXPECT_NE(error_of("a,bug\n1,0\n2,3\n", o).find("the label must be 0 or 1"), std::string::npos);
  EXPECT_NE(error_of("a,bug\n1,0\n2\n", o).find(":3:1: expected 2 fields, got 1"), std::string::npos);
  EXPECT_NE(error_of("a,bug\n1,0\nNaN,1\n", {"bug", std::nullopt, {"a"}}).find("expected a number, got \"NaN\""), std::string::npos);
  EXPECT_NE(error_of("a,b\n1,0\n", o).find("no label column \"bug\" (columns: a, b)"), std::string::npos);
  EXPECT_NE(error_of("a,bug\n1,0\n2,1\n", {"bug", std::nullopt, {"z"}}).find("no feature column \"z\""), std::string::npos);
  EXPECT_NE(error_of("date,a,bug\nyesterday,1,0\n2024-01-01,2,1\n", o).find("expected a date"), std::string::npos);
  EXPECT_NE(error_of("", o).find("the file is empty"), std::string::npos);
}

TEST(RiskModel, SeparableDataWithoutPenaltyFailsLoudly) {
  const auto history = read_history(write_file("separable.csv", "a,bug\n1,0\n2,0\n3,0\n4,1\n5,1\n6,1\n"), {"bug", std::nullopt, {}});
  TrainOptions unpenalised;
  unpenalised.l2 = 0;
  unpenalised.max_iterations = 30;
  EXPECT_THROW(train_logistic(history, {}, unpenalised), Error);
  EXPECT_NO_THROW(train_logistic(history, {}, TrainOptions{}));  // the default L2 keeps it finite
}
