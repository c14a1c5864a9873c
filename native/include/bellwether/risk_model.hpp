#pragma once
// A logistic change-risk model trained on a team's own deploy history (label: the change was
// rolled back / defect-inducing), with the feature transforms saved beside the coefficients so
// that scoring a new change reproduces the training pipeline exactly.
#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace bellwether::risk {

// The names of changes.json and of the Kamei features. Public datasets spell some of them
// differently: entrophy -> entropy, nm -> nd, pd -> age, npt -> nuc. Lower-cases too.
std::string canonical_feature_name(std::string_view column);

// A history CSV: one row per change, numeric feature columns, a 0/1 label, maybe a date.
struct HistoryTable {
  std::string path;
  std::vector<std::string> feature_names;        // canonical names, in file order
  std::vector<std::vector<double>> features;     // [feature][row]
  std::vector<double> label;                     // 0 or 1 per row
  std::optional<std::string> date_column;        // as written in the file
  std::vector<double> dates;                     // unix seconds per row, when a date column is used
  std::vector<std::string> notes;                // columns left out and why
  std::size_t rows() const noexcept { return label.size(); }
};

struct HistoryOptions {
  std::string label;                       // column holding the outcome
  std::optional<std::string> date_column;  // default: a column named date/commitdate/timestamp
  std::vector<std::string> features;       // default: every numeric column but label, ids, dates
};

// Throws Error(input) naming file:line:column for text in a numeric column, a missing value,
// a label that is not 0/1, a single class, an unknown column; Error(source) when unreadable.
HistoryTable read_history(const std::filesystem::path& path, const HistoryOptions& options);
// The same from CSV text; `file` names it in messages (a request field, e.g. "data").
HistoryTable parse_history(std::string_view text, const std::string& file, const HistoryOptions& options);

enum class Transform { identity, log1p };

struct ModelFeature {
  std::string name;
  Transform transform = Transform::identity;
  double mean = 0;  // of the transformed training values
  double sd = 1;
  double coefficient = 0;  // on the standardised scale
};

struct TrainOptions {
  double l2 = 1.0;  // ridge penalty on the standardised coefficients (not the intercept)
  int max_iterations = 100;
};

struct LogisticModel {
  static constexpr int kVersion = 1;
  std::string label;
  std::vector<ModelFeature> features;
  double intercept = 0;
  double l2 = 1.0;
  int iterations = 0;
  std::size_t training_rows = 0;
  std::size_t training_positives = 0;

  // Probability of the positive label. Throws Error(input) naming the first feature that
  // `values` lacks or holds as a non-finite number: a missing feature is never made neutral.
  double probability(const std::map<std::string, double>& values) const;
  // Per feature, its share of the linear predictor (coefficient x standardised value).
  std::vector<std::pair<std::string, double>> contributions(const std::map<std::string, double>& values) const;

  nlohmann::json to_json() const;
  // Throws Error(config) naming the file for another schema or version, or a malformed model.
  static LogisticModel from_json(const nlohmann::json& json, const std::string& file);
  static LogisticModel load(const std::filesystem::path& path);
};

// Fits on the given rows (all when empty). Newton/IRLS with step halving; throws Error(input)
// when it does not converge, never returns a last iterate silently.
LogisticModel train_logistic(const HistoryTable& history, std::span<const std::size_t> rows,
                             const TrainOptions& options = {});

// The model's probabilities for rows of a history table (features matched by name).
std::vector<double> predict_rows(const LogisticModel& model, const HistoryTable& history,
                                 std::span<const std::size_t> rows);

struct CalibrationBin {
  std::size_t n = 0;
  double mean_predicted = 0;
  double observed_rate = 0;
};

struct Evaluation {
  double auc = 0;  // exact, ties counted half (the Mann-Whitney statistic / n1 n0)
  double brier = 0;
  double log_loss = 0;
  std::size_t n = 0;
  std::size_t positives = 0;
  std::vector<CalibrationBin> calibration;  // by decile of predicted probability
};

Evaluation evaluate(std::span<const double> probabilities, std::span<const double> labels);
nlohmann::json to_json(const Evaluation& evaluation);

// Rows split for evaluation: by date when the table has one (oldest train, newest test), else
// a fixed-seed shuffle. test_fraction in (0, 1).
struct Split {
  std::vector<std::size_t> train, test;
  bool time_ordered = false;
};
Split split_rows(const HistoryTable& history, double test_fraction);

}  // namespace bellwether::risk
