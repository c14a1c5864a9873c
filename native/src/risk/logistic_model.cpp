// Logistic regression with log1p transforms, standardisation and an L2 penalty, fitted by
// Newton's method (IRLS) with step halving. The saved JSON carries every transform so that
// scoring reproduces the training pipeline exactly.
#include <Eigen/Dense>
#include <cmath>
#include <fstream>
#include <numeric>

#include "bellwether/error.hpp"
#include "bellwether/risk_model.hpp"

namespace bellwether::risk {
namespace {

constexpr const char* kSchema = "bellwether/risk-model";

double transformed(Transform t, double v) { return t == Transform::log1p ? std::log1p(v) : v; }

// log(1 + exp(z)) without overflow.
double softplus(double z) { return z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z)); }
double sigmoid(double z) { return z >= 0 ? 1 / (1 + std::exp(-z)) : std::exp(z) / (1 + std::exp(z)); }

std::vector<std::size_t> all_rows(std::size_t n, std::span<const std::size_t> rows) {
  if (!rows.empty()) return {rows.begin(), rows.end()};
  std::vector<std::size_t> out(n);
  std::iota(out.begin(), out.end(), 0);
  return out;
}

}  // namespace

LogisticModel train_logistic(const HistoryTable& history, std::span<const std::size_t> row_subset,
                             const TrainOptions& options) {
  const auto rows = all_rows(history.rows(), row_subset);
  const auto n = static_cast<Eigen::Index>(rows.size());
  const auto p = static_cast<Eigen::Index>(history.features.size());
  LogisticModel model;
  model.l2 = options.l2;

  // Design matrix: intercept column, then each feature transformed and standardised. Counts
  // (non-negative columns) get log1p: churn and experience are heavy-tailed, and on the
  // public JIT data this alone lifts the AUC from ~0.71 to ~0.77.
  Eigen::MatrixXd X(n, p + 1);
  Eigen::VectorXd y(n);
  X.col(0).setOnes();
  for (Eigen::Index j = 0; j < p; ++j) {
    const auto& column = history.features[static_cast<std::size_t>(j)];
    ModelFeature f;
    f.name = history.feature_names[static_cast<std::size_t>(j)];
    bool non_negative = true;
    for (auto r : rows) non_negative = non_negative && column[r] >= 0;
    f.transform = non_negative ? Transform::log1p : Transform::identity;
    for (Eigen::Index i = 0; i < n; ++i) X(i, j + 1) = transformed(f.transform, column[rows[static_cast<std::size_t>(i)]]);
    f.mean = X.col(j + 1).mean();
    const double var = (X.col(j + 1).array() - f.mean).square().sum() / std::max<double>(1, static_cast<double>(n - 1));
    f.sd = var > 0 ? std::sqrt(var) : 1.0;  // a constant column stays at 0 and gets no weight
    X.col(j + 1) = (X.col(j + 1).array() - f.mean) / f.sd;
    model.features.push_back(f);
  }
  for (Eigen::Index i = 0; i < n; ++i) y(i) = history.label[rows[static_cast<std::size_t>(i)]];
  model.training_rows = rows.size();
  model.training_positives = static_cast<std::size_t>(y.sum());

  Eigen::VectorXd penalty = Eigen::VectorXd::Constant(p + 1, options.l2);
  penalty(0) = 0;  // the intercept is not shrunk
  auto objective = [&](const Eigen::VectorXd& w) {
    const Eigen::VectorXd z = X * w;
    double loss = 0;
    for (Eigen::Index i = 0; i < n; ++i) loss += softplus(z(i)) - y(i) * z(i);
    return loss + 0.5 * (penalty.array() * w.array().square()).sum();
  };

  Eigen::VectorXd w = Eigen::VectorXd::Zero(p + 1);
  double loss = objective(w);
  bool converged = false;
  for (int iteration = 1; iteration <= options.max_iterations; ++iteration) {
    const Eigen::VectorXd z = X * w;
    Eigen::VectorXd mu(n), weight(n);
    for (Eigen::Index i = 0; i < n; ++i) {
      mu(i) = sigmoid(z(i));
      weight(i) = std::max(mu(i) * (1 - mu(i)), 1e-12);
    }
    const Eigen::VectorXd gradient = X.transpose() * (mu - y) + (penalty.array() * w.array()).matrix();
    Eigen::MatrixXd hessian = X.transpose() * weight.asDiagonal() * X;
    hessian.diagonal() += penalty;
    hessian.diagonal().array() += 1e-10;  // keeps an unpenalised, separable fit solvable
    const Eigen::VectorXd step = hessian.ldlt().solve(gradient);
    if (!step.allFinite()) fail(ErrorKind::input, "the Newton step is not finite (degenerate features?)");
    // Step halving: Newton can overshoot far from the optimum; the objective must go down.
    double scale = 1;
    Eigen::VectorXd candidate = w - step;
    double candidate_loss = objective(candidate);
    for (int halving = 0; halving < 40 && !(candidate_loss <= loss); ++halving) {
      scale /= 2;
      candidate = w - scale * step;
      candidate_loss = objective(candidate);
    }
    const double change = (candidate - w).cwiseAbs().maxCoeff();
    const double improvement = loss - candidate_loss;
    w = candidate;
    loss = candidate_loss;
    model.iterations = iteration;
    if (change < 1e-9 || (improvement >= 0 && improvement < 1e-12 * (1 + std::fabs(loss)))) {
      converged = true;
      break;
    }
  }
  if (!converged) {
    fail(ErrorKind::input, "logistic regression did not converge in " + std::to_string(options.max_iterations) +
                               " iterations (perfectly separable data? raise --l2)");
  }
  model.intercept = w(0);
  for (Eigen::Index j = 0; j < p; ++j) model.features[static_cast<std::size_t>(j)].coefficient = w(j + 1);
  return model;
}

std::vector<std::pair<std::string, double>> LogisticModel::contributions(const std::map<std::string, double>& values) const {
  std::vector<std::pair<std::string, double>> out;
  for (const auto& f : features) {
    const auto it = values.find(f.name);
    if (it == values.end()) fail(ErrorKind::input, "the model needs the feature \"" + f.name + "\", which the change lacks", {"", 0, 0, f.name});
    if (!std::isfinite(it->second) || (f.transform == Transform::log1p && it->second <= -1)) {
      fail(ErrorKind::input, "feature \"" + f.name + "\" has the value " + std::to_string(it->second) +
                                 ", outside what the model was trained on", {"", 0, 0, f.name});
    }
    out.emplace_back(f.name, f.coefficient * (transformed(f.transform, it->second) - f.mean) / f.sd);
  }
  return out;
}

double LogisticModel::probability(const std::map<std::string, double>& values) const {
  double z = intercept;
  for (const auto& [name, part] : contributions(values)) z += part;
  return sigmoid(z);
}

std::vector<double> predict_rows(const LogisticModel& model, const HistoryTable& history,
                                 std::span<const std::size_t> row_subset) {
  const auto rows = all_rows(history.rows(), row_subset);
  std::vector<const std::vector<double>*> columns;
  for (const auto& f : model.features) {
    const auto it = std::find(history.feature_names.begin(), history.feature_names.end(), f.name);
    if (it == history.feature_names.end()) {
      fail(ErrorKind::input, "the model needs the feature \"" + f.name + "\", which " + history.path + " lacks",
           {history.path, 1, 0, f.name});
    }
    columns.push_back(&history.features[static_cast<std::size_t>(it - history.feature_names.begin())]);
  }
  std::vector<double> out;
  out.reserve(rows.size());
  for (auto r : rows) {
    double z = model.intercept;
    for (std::size_t j = 0; j < model.features.size(); ++j) {
      const auto& f = model.features[j];
      z += f.coefficient * (transformed(f.transform, (*columns[j])[r]) - f.mean) / f.sd;
    }
    out.push_back(sigmoid(z));
  }
  return out;
}

nlohmann::json LogisticModel::to_json() const {
  nlohmann::json fs = nlohmann::json::array();
  for (const auto& f : features) {
    fs.push_back({{"name", f.name}, {"transform", f.transform == Transform::log1p ? "log1p" : "identity"},
                  {"mean", f.mean}, {"sd", f.sd}, {"coefficient", f.coefficient}});
  }
  return {{"schema", kSchema}, {"version", kVersion}, {"kind", "logistic"}, {"label", label},
          {"intercept", intercept}, {"l2", l2}, {"features", fs},
          {"training", {{"rows", training_rows}, {"positives", training_positives}, {"iterations", iterations}}}};
}

LogisticModel LogisticModel::from_json(const nlohmann::json& j, const std::string& file) {
  auto bad = [&](const std::string& field, const std::string& why) { fail(ErrorKind::config, why, {file, 0, 0, field}); };
  if (!j.is_object() || j.value("schema", "") != kSchema) bad("schema", std::string("not a Bellwether risk model (expected schema \"") + kSchema + "\")");
  if (!j.contains("version") || !j["version"].is_number_integer() || j["version"].get<int>() != kVersion) {
    bad("version", "model version " + (j.contains("version") ? j["version"].dump() : std::string("missing")) +
                       " is not supported (this build reads " + std::to_string(kVersion) + "); retrain with this build");
  }
  LogisticModel m;
  try {
    m.label = j.value("label", "");
    m.intercept = j.at("intercept").get<double>();
    m.l2 = j.value("l2", 1.0);
    const auto& fs = j.at("features");
    for (std::size_t i = 0; i < fs.size(); ++i) {
      ModelFeature f;
      f.name = fs[i].at("name").get<std::string>();
      const std::string t = fs[i].at("transform").get<std::string>();
      if (t != "log1p" && t != "identity") bad("features[" + std::to_string(i) + "].transform", "expected log1p|identity, got \"" + t + "\"");
      f.transform = t == "log1p" ? Transform::log1p : Transform::identity;
      f.mean = fs[i].at("mean").get<double>();
      f.sd = fs[i].at("sd").get<double>();
      f.coefficient = fs[i].at("coefficient").get<double>();
      if (!(f.sd > 0) || !std::isfinite(f.mean) || !std::isfinite(f.coefficient)) {
        bad("features[" + std::to_string(i) + "]", "mean, sd and coefficient must be finite and sd positive");
      }
      m.features.push_back(f);
    }
  } catch (const nlohmann::json::exception& e) {
    bad("", std::string("malformed model: ") + e.what());
  }
  return m;
}

LogisticModel LogisticModel::load(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) fail(ErrorKind::config, "cannot open the model file", {path.string(), 0, 0, ""});
  try {
    return from_json(nlohmann::json::parse(in), path.string());
  } catch (const nlohmann::json::parse_error& e) {
    fail(ErrorKind::config, std::string("malformed JSON: ") + e.what(), {path.string(), 0, 0, ""});
  }
}

}  // namespace bellwether::risk
