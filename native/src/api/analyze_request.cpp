#include <map>
#include <optional>

#include "api/prometheus_override.hpp"
#include "api/request_fields.hpp"
#include "bellwether/analysis.hpp"
#include "bellwether/files.hpp"
#include "bellwether/json.hpp"
#include "bellwether/operations.hpp"
#include "bellwether/report.hpp"
#include "bellwether/requests.hpp"

namespace bellwether {
namespace {
using api::RequestFields;

SloConfig read_config(const RequestFields& fields) {
  if (*fields.inline_or_path("config", true)) return load_slo_config(fields.required_text("config_path"));
  return api::parse_inline_config(fields.at("config"), "config",
                                  [](const std::string& text, const std::string& label) { return parse_slo_config(text, label); });
}

// The config, with the request's Prometheus connection in place of its own when one is given.
SloConfig config_of(const RequestFields& fields, const AnalysisData& data) {
  SloConfig config = read_config(fields);
  if (fields.has("prometheus")) {
    if (data.load_csv) RequestFields::fail("prometheus", "the samples come from metrics: give metrics or prometheus, not both");
    api::apply_prometheus_override(fields.at("prometheus"), config);
  }
  return config;
}

AnalysisData data_of(const RequestFields& fields) {
  AnalysisData data;
  if (const auto which = fields.inline_or_path("metrics", false)) {
    if (*which) {
      data.load_csv = [path = fields.required_text("metrics_path")](const CsvReadOptions& csv) { return read_metrics_csv(path, csv); };
    } else {
      data.load_csv = [text = fields.required_text("metrics")](const CsvReadOptions& csv) {
        return parse_metrics_csv(text, "metrics", csv);
      };
    }
  }
  if (fields.has("var")) {
    const auto& vars = fields.at("var");
    if (!vars.is_object()) RequestFields::fail("var", "expected an object {name: value}, got " + std::string(vars.type_name()));
    for (const auto& [name, value] : vars.items()) {
      if (name == "variant") RequestFields::fail("var.variant", "{{variant}} comes from the config's variants");
      if (!value.is_string()) RequestFields::fail("var." + name, "expected a string, got " + std::string(value.type_name()));
      data.vars[name] = value.get<std::string>();
    }
  }
  return data;
}

std::optional<nlohmann::json> decision_of(const RequestFields& fields) {
  const auto which = fields.inline_or_path("decision", false);
  if (!which) return std::nullopt;
  if (*which) return read_json_file(fields.required_text("decision_path"));
  if (!fields.at("decision").is_object()) RequestFields::fail("decision", "expected an object (the decision JSON)");
  return fields.at("decision");
}

}  // namespace

nlohmann::json analyze_request(const nlohmann::json& request) {
  return api::answer_for("analyze", [&] {
    const RequestFields fields(request, {"config", "config_path", "metrics", "metrics_path", "var", "since", "until", "watch",
                                         "report", "decision", "decision_path", "prometheus"});
    AnalysisRange range;
    range.since = fields.time("since");
    range.until = fields.time("until");
    if (range.since && range.until && *range.until <= *range.since) RequestFields::fail("until", "must be after since");
    const bool watch = fields.flag("watch").value_or(false);
    const auto report = fields.text("report");
    const auto decision = decision_of(fields);
    if (decision && !report) RequestFields::fail("decision", "only used for the report: give report too");
    const AnalysisData data = data_of(fields);
    const CanaryJudge judge(config_of(fields, data));
    // Faults and progress are in the verdict (reason, warnings); no log beside the answer here.
    const AnalysisLog quiet;
    const Verdict verdict = watch ? analyze_watching(judge, data, range.since, quiet) : analyze_once(judge, data, range, quiet);
    auto answer = verdict_to_json(verdict);
    if (report) write_file_atomically(*report, render_report(answer, decision ? &*decision : nullptr));
    return answer;
  });
}

}  // namespace bellwether
