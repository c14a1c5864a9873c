#include <sstream>

#include "api/request_fields.hpp"
#include "bellwether/operations.hpp"
#include "bellwether/requests.hpp"
#include "bellwether/risk_model.hpp"

namespace bellwether {
namespace {
using api::RequestFields;

risk::HistoryTable history_of(const RequestFields& fields, const risk::HistoryOptions& options) {
  if (*fields.inline_or_path("data", true)) return risk::read_history(fields.required_text("data_path"), options);
  return risk::parse_history(fields.required_text("data"), "data", options);
}

// The CLI's --features a,b,c, or a JSON list.
std::vector<std::string> feature_list(const RequestFields& fields) {
  std::vector<std::string> out;
  for (const auto& item : fields.text_list("features")) {
    std::stringstream in(item);
    for (std::string name; std::getline(in, name, ',');) {
      if (!name.empty()) out.push_back(name);
    }
  }
  return out;
}

}  // namespace

nlohmann::json train_request(const nlohmann::json& request) {
  return api::answer_for("train", [&] {
    const RequestFields fields(request, {"data", "data_path", "label", "features", "date_column", "out", "l2", "test_fraction"});
    risk::HistoryOptions options;
    options.label = fields.required_text("label");
    options.date_column = fields.text("date_column");
    options.features = feature_list(fields);
    TrainSettings settings;
    settings.label = options.label;
    settings.out = fields.text("out").value_or("");
    if (const auto l2 = fields.number("l2")) {
      if (*l2 < 0) RequestFields::fail("l2", "must not be negative");
      settings.fit.l2 = *l2;
    }
    if (const auto fraction = fields.number("test_fraction")) {
      if (*fraction < 0.01 || *fraction > 0.99) RequestFields::fail("test_fraction", "must be between 0.01 and 0.99");
      settings.test_fraction = *fraction;
    }
    return train_answer(history_of(fields, options), settings);
  });
}

nlohmann::json evaluate_request(const nlohmann::json& request) {
  return api::answer_for("evaluate", [&] {
    const RequestFields fields(request, {"model", "model_path", "data", "data_path", "label"});
    const auto model = *fields.inline_or_path("model", true) ? risk::LogisticModel::load(fields.required_text("model_path"))
                                                             : risk::LogisticModel::from_json(fields.at("model"), "model");
    const auto label = fields.required_text("label");
    return evaluate_answer(model, history_of(fields, history_options_for(model, label)));
  });
}

}  // namespace bellwether
