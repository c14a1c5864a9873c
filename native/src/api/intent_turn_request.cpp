#include <array>
#include <cmath>
#include <filesystem>
#include <system_error>

#include "api/chatops_cache.hpp"
#include "api/request_fields.hpp"
#include "bellwether/requests.hpp"
#include "bellwether/slo_config.hpp"

namespace bellwether {
namespace {
using api::RequestFields;

// What identifies a ChatOps service: everything but the turn itself.
constexpr std::array<std::string_view, 11> kServiceFields = {
    "registry", "registry_path", "state_dir", "redis", "jenkins", "audit", "ttl", "rate_limit", "llm", "llm_model", "llm_key_env"};

intent::ChatOpsOptions options_of(const RequestFields& fields) {
  intent::ChatOpsOptions o;
  if (*fields.inline_or_path("registry", true)) {
    for (const auto& path : fields.text_list("registry_path")) o.registry_files.emplace_back(path);
    if (o.registry_files.empty()) RequestFields::fail("registry_path", "expected at least one file");
  } else {
    const auto& registry = fields.at("registry");
    if (!registry.is_string() && !registry.is_object()) {
      RequestFields::fail("registry", "expected YAML text or an object, got " + std::string(registry.type_name()));
    }
    o.registry_texts.push_back({"registry", registry.is_string() ? registry.get<std::string>() : registry.dump()});
  }
  o.state_dir = fields.text("state_dir").value_or("");
  o.redis_url = fields.text("redis").value_or("");
  if (!o.state_dir.empty() && !o.redis_url.empty()) RequestFields::fail("redis", "give either state_dir or redis, not both");
  // In a long-lived process memory is the natural default: the CLI, one process per turn,
  // defaults to the state directory instead.
  o.backend = !o.redis_url.empty() ? intent::SessionBackend::redis
              : !o.state_dir.empty() ? intent::SessionBackend::directory
                                     : intent::SessionBackend::memory;
  o.jenkins_url = fields.text("jenkins").value_or("");
  o.audit_file = fields.text("audit").value_or("");
  if (const auto ttl_text = fields.text("ttl")) {
    const auto ttl = parse_duration_seconds(*ttl_text);
    if (!ttl || *ttl < 1) RequestFields::fail("ttl", "expected a duration such as 30m, got \"" + *ttl_text + "\"");
    o.ttl = std::chrono::seconds(static_cast<long>(std::lround(*ttl)));
  }
  if (const auto limit = fields.whole_number("rate_limit")) {
    if (*limit < 0) RequestFields::fail("rate_limit", "must not be negative");
    o.rate_limit_per_minute = *limit;
  }
  if (const auto llm = fields.text("llm")) {
    o.llm = intent::LlmSettings{*llm, fields.text("llm_model").value_or(""),
                                fields.text("llm_key_env").value_or("BELLWETHER_LLM_API_KEY"), 10};
  }
  return o;
}

std::string service_key(const nlohmann::json& request) {
  nlohmann::json key = nlohmann::json::object();
  for (auto name : kServiceFields) {
    const auto it = request.find(std::string(name));
    if (it != request.end() && !it->is_null()) key[std::string(name)] = *it;
  }
  return key.dump();
}

// The registry files as they are now: a new modification time or size means a new registry.
std::string registry_stamp(const intent::ChatOpsOptions& options) {
  std::string stamp;
  for (const auto& file : options.registry_files) {
    std::error_code time_error, size_error;
    const auto time = std::filesystem::last_write_time(file, time_error);
    const auto size = std::filesystem::file_size(file, size_error);
    stamp += file.string() + '\x1f';
    stamp += time_error || size_error ? "?" : std::to_string(time.time_since_epoch().count()) + ':' + std::to_string(size);
    stamp += '\x1e';
  }
  return stamp;
}

// A registry given as an object is read from its JSON dump, whose line:column mean nothing to
// the caller: its errors keep only the field path.
api::CachedChatOps service_for(const RequestFields& fields, const std::string& key, const intent::ChatOpsOptions& options) {
  try {
    return api::chatops_for(key, registry_stamp(options), options);
  } catch (const Error& e) {
    if (!fields.has("registry") || !fields.at("registry").is_object() || e.where().file != "registry") throw;
    throw Error(e.kind(), e.detail(), {e.where().file, 0, 0, e.where().field});
  }
}

}  // namespace

nlohmann::json intent_turn_request(const nlohmann::json& request) {
  return api::answer_for("intent_turn", [&] {
    const RequestFields fields(request, {"registry", "registry_path", "state_dir", "redis", "jenkins", "audit", "ttl",
                                         "rate_limit", "llm", "llm_model", "llm_key_env", "session", "user", "channel",
                                         "text", "dry_run"});
    const auto options = options_of(fields);
    const intent::TurnContext context{fields.required_text("user"), fields.text("channel").value_or(""),
                                      fields.flag("dry_run").value_or(false)};
    const auto session = fields.text("session").value_or("default");
    const auto text = fields.required_text("text");
    const auto service = service_for(fields, service_key(request), options);
    if (!service.llm_turn) return service.chatops->turn(session, context, text);
    std::lock_guard lock(*service.llm_turn);
    return service.chatops->turn(session, context, text);
  });
}

}  // namespace bellwether
