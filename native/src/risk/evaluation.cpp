#include <algorithm>
#include <cmath>
#include <numeric>

#include "bellwether/error.hpp"
#include "bellwether/risk_model.hpp"

namespace bellwether::risk {

Evaluation evaluate(std::span<const double> probabilities, std::span<const double> labels) {
  if (probabilities.size() != labels.size() || probabilities.empty()) {
    fail(ErrorKind::input, "evaluation needs one probability per label, and at least one row");
  }
  Evaluation e;
  e.n = labels.size();
  std::vector<std::size_t> order(e.n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return probabilities[a] < probabilities[b]; });

  // AUC = P(score of a positive > score of a negative) + P(equal) / 2, from average ranks.
  double positive_rank_sum = 0;
  for (std::size_t i = 0; i < e.n;) {
    std::size_t k = i;
    while (k < e.n && probabilities[order[k]] == probabilities[order[i]]) ++k;
    const double average_rank = (static_cast<double>(i + 1) + static_cast<double>(k)) / 2;
    for (std::size_t r = i; r < k; ++r) positive_rank_sum += labels[order[r]] * average_rank;
    i = k;
  }
  const double n1 = std::accumulate(labels.begin(), labels.end(), 0.0);
  const double n0 = static_cast<double>(e.n) - n1;
  e.positives = static_cast<std::size_t>(n1);
  e.auc = n1 > 0 && n0 > 0 ? (positive_rank_sum - n1 * (n1 + 1) / 2) / (n1 * n0) : std::nan("");

  constexpr double kClamp = 1e-15;  // log-loss of a confident mistake is large, not infinite
  for (std::size_t i = 0; i < e.n; ++i) {
    const double p = probabilities[i], y = labels[i];
    e.brier += (p - y) * (p - y);
    const double q = std::clamp(p, kClamp, 1 - kClamp);
    e.log_loss -= y * std::log(q) + (1 - y) * std::log(1 - q);
  }
  e.brier /= static_cast<double>(e.n);
  e.log_loss /= static_cast<double>(e.n);

  const std::size_t bins = std::min<std::size_t>(10, e.n);
  for (std::size_t b = 0; b < bins; ++b) {
    const std::size_t from = b * e.n / bins, to = (b + 1) * e.n / bins;
    CalibrationBin bin;
    bin.n = to - from;
    for (std::size_t r = from; r < to; ++r) {
      bin.mean_predicted += probabilities[order[r]];
      bin.observed_rate += labels[order[r]];
    }
    bin.mean_predicted /= static_cast<double>(bin.n);
    bin.observed_rate /= static_cast<double>(bin.n);
    e.calibration.push_back(bin);
  }
  return e;
}

nlohmann::json to_json(const Evaluation& e) {
  nlohmann::json calibration = nlohmann::json::array();
  for (const auto& b : e.calibration) {
    calibration.push_back({{"n", b.n}, {"mean_predicted", b.mean_predicted}, {"observed_rate", b.observed_rate}});
  }
  return {{"auc", std::isfinite(e.auc) ? nlohmann::json(e.auc) : nlohmann::json(nullptr)},
          {"brier", e.brier}, {"log_loss", e.log_loss}, {"n", e.n}, {"positives", e.positives},
          {"calibration", calibration}};
}

Split split_rows(const HistoryTable& history, double test_fraction) {
  if (!(test_fraction > 0 && test_fraction < 1)) fail(ErrorKind::input, "the test fraction must be in (0, 1)");
  const std::size_t n = history.rows();
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  Split split;
  if (!history.dates.empty()) {
    // Time-ordered: the model is judged on changes newer than everything it learned from.
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return history.dates[a] < history.dates[b]; });
    split.time_ordered = true;
  } else {
    std::uint64_t state = 0x5EED2026ULL;  // fixed seed: the same file gives the same split
    for (std::size_t i = n; i > 1; --i) {
      state += 0x9E3779B97F4A7C15ULL;
      std::uint64_t z = state;
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
      z ^= z >> 31;
      std::swap(order[i - 1], order[static_cast<std::size_t>(z % i)]);
    }
  }
  // Floor, as the published JIT splits do (22 757 rows: 18 205 train, 4 552 test).
  const auto train = static_cast<std::size_t>(std::floor(static_cast<double>(n) * (1 - test_fraction)));
  split.train.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(train));
  split.test.assign(order.begin() + static_cast<std::ptrdiff_t>(train), order.end());
  return split;
}

}  // namespace bellwether::risk
