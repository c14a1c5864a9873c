#include "api/request_fields.hpp"
#include "bellwether/json.hpp"
#include "bellwether/report.hpp"
#include "bellwether/requests.hpp"

namespace bellwether {
namespace {
using api::RequestFields;

std::optional<nlohmann::json> json_of(const RequestFields& fields, const std::string& field, bool required) {
  const auto which = fields.inline_or_path(field, required);
  if (!which) return std::nullopt;
  if (*which) return read_json_file(fields.required_text(field + "_path"));
  if (!fields.at(field).is_object()) {
    RequestFields::fail(field, "expected an object, got " + std::string(fields.at(field).type_name()));
  }
  return fields.at(field);
}

}  // namespace

nlohmann::json report_request(const nlohmann::json& request) {
  return api::answer_for("report", [&] {
    const RequestFields fields(request, {"verdict", "verdict_path", "decision", "decision_path"});
    const auto verdict = *json_of(fields, "verdict", true);
    const auto decision = json_of(fields, "decision", false);
    return nlohmann::json{{"html", render_report(verdict, decision ? &*decision : nullptr)}};
  });
}

}  // namespace bellwether
