// `train` fits the logistic risk model on a history CSV and reports how it does on held-out
// newer changes; `evaluate` scores a saved model on another history file.
#include <memory>
#include <sstream>
#include <string>

#include "bellwether/error.hpp"
#include "bellwether/files.hpp"
#include "bellwether/risk_model.hpp"
#include "commands.hpp"
#include "output.hpp"

namespace bellwether::cli {
namespace {

struct TrainOptions {
  std::string data, label, features, date_column, out;
  double l2 = 1.0, test_fraction = 0.2;
  bool pretty = false;
};

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

}  // namespace

CommandAction add_train_command(CLI::App& app) {
  auto o = std::make_shared<TrainOptions>();
  auto* cmd = app.add_subcommand("train", "Fit the logistic risk model on a deploy or defect history CSV");
  cmd->add_option("--data", o->data, "History CSV: one row per change, numeric features, a 0/1 label")->required();
  cmd->add_option("--label", o->label, "Column with the outcome (1 = rolled back / defect-inducing)")->required();
  cmd->add_option("--features", o->features, "Comma-separated feature columns (default: every numeric column but the label, ids and dates)");
  cmd->add_option("--date-column", o->date_column, "Column with the change's time: holdout is then the newest changes (default: date/commitdate/timestamp if present)");
  cmd->add_option("--out", o->out, "Where to write model.json (default: printed in the answer)");
  cmd->add_option("--l2", o->l2, "Ridge penalty on standardised coefficients")->check(CLI::NonNegativeNumber);
  cmd->add_option("--test-fraction", o->test_fraction, "Share of rows held out for evaluation")->check(CLI::Range(0.01, 0.99));
  cmd->add_flag("--pretty", o->pretty, "Indented JSON for people");
  return [o]() {
    risk::HistoryOptions history_options;
    history_options.label = o->label;
    if (!o->date_column.empty()) history_options.date_column = o->date_column;
    history_options.features = split_list(o->features);
    const auto history = risk::read_history(o->data, history_options);
    for (const auto& note : history.notes) log_warning(note);

    risk::TrainOptions train_options;
    train_options.l2 = o->l2;
    // Holdout first (oldest rows train, newest test), then the model to keep on every row.
    const auto split = risk::split_rows(history, o->test_fraction);
    if (!split.time_ordered) log_warning("no date column: the holdout is a random split, which overstates accuracy");
    const auto positives_in = [&](const std::vector<std::size_t>& rows) {
      std::size_t n = 0;
      for (auto r : rows) n += history.label[r] == 1 ? 1u : 0u;
      return n;
    };
    for (const auto* part : {&split.train, &split.test}) {
      const auto positives = positives_in(*part);
      if (positives == 0 || positives == part->size()) {
        fail(ErrorKind::input, std::string("the ") + (part == &split.train ? "training" : "holdout") + " part (" +
                                   std::to_string(part->size()) + " rows) has a single class; more history is needed",
             {o->data, 0, 0, o->label});
      }
    }
    const auto holdout_model = risk::train_logistic(history, split.train, train_options);
    std::vector<double> test_labels;
    for (auto r : split.test) test_labels.push_back(history.label[r]);
    const auto holdout = risk::evaluate(risk::predict_rows(holdout_model, history, split.test), test_labels);

    auto model = risk::train_logistic(history, {}, train_options);
    model.label = o->label;
    auto model_json = model.to_json();
    model_json["holdout"] = risk::to_json(holdout);
    model_json["holdout"]["split"] = split.time_ordered ? "time-ordered" : "random";
    model_json["holdout"]["train_rows"] = split.train.size();

    nlohmann::json answer = {{"model", o->out.empty() ? model_json : nlohmann::json(o->out)},
                             {"features", nlohmann::json::array()},
                             {"holdout", model_json["holdout"]},
                             {"notes", history.notes}};
    for (const auto& f : model.features) answer["features"].push_back(f.name);
    if (history.date_column) answer["date_column"] = *history.date_column;
    if (!o->out.empty()) write_file_atomically(o->out, model_json.dump(2) + "\n");
    print_json(answer, o->pretty);
    return static_cast<int>(kOk);
  };
}

CommandAction add_evaluate_command(CLI::App& app) {
  auto o = std::make_shared<TrainOptions>();
  auto* cmd = app.add_subcommand("evaluate", "AUC, Brier score, log-loss and calibration of a saved model on a history CSV");
  cmd->add_option("--model", o->out, "model.json written by train")->required();
  cmd->add_option("--data", o->data, "History CSV")->required();
  cmd->add_option("--label", o->label, "Column with the outcome")->required();
  cmd->add_flag("--pretty", o->pretty, "Indented JSON for people");
  return [o]() {
    const auto model = risk::LogisticModel::load(o->out);
    risk::HistoryOptions history_options;
    history_options.label = o->label;
    for (const auto& f : model.features) history_options.features.push_back(f.name);
    const auto history = risk::read_history(o->data, history_options);
    const auto evaluation = risk::evaluate(risk::predict_rows(model, history, {}), history.label);
    print_json(risk::to_json(evaluation), o->pretty);
    return static_cast<int>(kOk);
  };
}

}  // namespace bellwether::cli
