// `train` fits the logistic risk model on a history CSV and reports how it does on held-out
// newer changes; `evaluate` scores a saved model on another history file.
#include <memory>
#include <sstream>
#include <string>

#include "bellwether/operations.hpp"
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

    TrainSettings settings;
    settings.label = o->label;
    settings.fit.l2 = o->l2;
    settings.test_fraction = o->test_fraction;
    settings.out = o->out;
    const auto answer = train_answer(history, settings);
    if (answer["holdout"].value("split", "") == "random") {
      log_warning("no date column: the holdout is a random split, which overstates accuracy");
    }
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
    const auto history = risk::read_history(o->data, history_options_for(model, o->label));
    print_json(evaluate_answer(model, history), o->pretty);
    return static_cast<int>(kOk);
  };
}

}  // namespace bellwether::cli
