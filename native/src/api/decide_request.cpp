#include <chrono>
#include <memory>
#include <optional>

#include "api/parsed_cache.hpp"
#include "api/request_fields.hpp"
#include "bellwether/decision.hpp"
#include "bellwether/json.hpp"
#include "bellwether/requests.hpp"

namespace bellwether {
namespace {
using api::RequestFields;

risk::Change change_of(const RequestFields& fields) {
  if (*fields.inline_or_path("changes", true)) return risk::load_change(fields.required_text("changes_path"));
  const auto& value = fields.at("changes");
  if (!value.is_object()) RequestFields::fail("changes", "expected an object, got " + std::string(value.type_name()));
  return risk::parse_change(value, "changes");
}

std::shared_ptr<const risk::Policy> policy_of(const RequestFields& fields) {
  static api::ParsedCache<risk::Policy> cache(16);
  const auto which = fields.inline_or_path("policy", false);
  if (!which) {
    static const auto built_in = std::make_shared<const risk::Policy>(risk::default_policy());
    return built_in;
  }
  if (*which) {
    const auto path = fields.required_text("policy_path");
    return cache.from_file(path, [&] { return risk::load_policy(path); });
  }
  const auto& policy = fields.at("policy");
  return cache.from_text("policy", policy.is_string() ? policy.get<std::string>() : policy.dump(), [&] {
    return api::parse_inline_config(policy, "policy",
                                    [](const std::string& text, const std::string& label) { return risk::parse_policy(text, label); });
  });
}

std::optional<risk::LogisticModel> model_of(const RequestFields& fields) {
  const auto which = fields.inline_or_path("model", false);
  if (!which) return std::nullopt;
  if (*which) return risk::LogisticModel::load(fields.required_text("model_path"));
  return risk::LogisticModel::from_json(fields.at("model"), "model");
}

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

nlohmann::json decide_request(const nlohmann::json& request) {
  return api::answer_for("decide", [&] {
    const RequestFields fields(request, {"changes", "changes_path", "policy", "policy_path", "model", "model_path", "at"});
    const double at = fields.time("at").value_or(now_seconds());
    const auto policy = policy_of(fields);
    const auto model = model_of(fields);
    const auto change = change_of(fields);
    const auto decision = risk::decide(change, *policy, model ? &*model : nullptr, at);
    return risk::to_json(decision, model ? &*model : nullptr);
  });
}

}  // namespace bellwether
