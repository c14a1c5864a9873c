#include "bellwether/error.hpp"
#include "bellwether/files.hpp"
#include "bellwether/operations.hpp"

namespace bellwether {
namespace {

std::size_t positives_in(const risk::HistoryTable& history, const std::vector<std::size_t>& rows) {
  std::size_t n = 0;
  for (auto r : rows) n += history.label[r] == 1 ? 1u : 0u;
  return n;
}

}  // namespace

nlohmann::json train_answer(const risk::HistoryTable& history, const TrainSettings& settings) {
  // Holdout first (oldest rows train, newest test), then the model to keep on every row.
  const auto split = risk::split_rows(history, settings.test_fraction);
  for (const auto* part : {&split.train, &split.test}) {
    const auto positives = positives_in(history, *part);
    if (positives == 0 || positives == part->size()) {
      fail(ErrorKind::input, std::string("the ") + (part == &split.train ? "training" : "holdout") + " part (" +
                                 std::to_string(part->size()) + " rows) has a single class; more history is needed",
           {history.path, 0, 0, settings.label});
    }
  }
  const auto holdout_model = risk::train_logistic(history, split.train, settings.fit);
  std::vector<double> test_labels;
  for (auto r : split.test) test_labels.push_back(history.label[r]);
  const auto holdout = risk::evaluate(risk::predict_rows(holdout_model, history, split.test), test_labels);

  auto model = risk::train_logistic(history, {}, settings.fit);
  model.label = settings.label;
  auto model_json = model.to_json();
  model_json["holdout"] = risk::to_json(holdout);
  model_json["holdout"]["split"] = split.time_ordered ? "time-ordered" : "random";
  model_json["holdout"]["train_rows"] = split.train.size();

  nlohmann::json answer = {{"model", settings.out.empty() ? model_json : nlohmann::json(settings.out)},
                           {"features", nlohmann::json::array()},
                           {"holdout", model_json["holdout"]},
                           {"notes", history.notes}};
  for (const auto& f : model.features) answer["features"].push_back(f.name);
  if (history.date_column) answer["date_column"] = *history.date_column;
  if (!settings.out.empty()) write_file_atomically(settings.out, model_json.dump(2) + "\n");
  return answer;
}

risk::HistoryOptions history_options_for(const risk::LogisticModel& model, const std::string& label) {
  risk::HistoryOptions options;
  options.label = label;
  for (const auto& f : model.features) options.features.push_back(f.name);
  return options;
}

nlohmann::json evaluate_answer(const risk::LogisticModel& model, const risk::HistoryTable& history) {
  return risk::to_json(risk::evaluate(risk::predict_rows(model, history, {}), history.label));
}

}  // namespace bellwether
