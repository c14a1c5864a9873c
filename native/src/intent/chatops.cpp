#include "bellwether/chatops.hpp"

#include <iostream>

#include "bellwether/audit_log.hpp"
#include "bellwether/error.hpp"
#include "bellwether/jenkins.hpp"
#include "bellwether/rate_limit.hpp"
#include "bellwether/session_store.hpp"

namespace bellwether::intent {
namespace {
using nlohmann::json;

// A session belongs to one user in one channel: the same session id from another user or
// channel is another conversation.
std::string session_key(const std::string& session_id, const TurnContext& context) {
  return session_id + '\x1f' + context.user + '\x1f' + context.channel;
}

jenkins::Settings jenkins_settings(const std::string& url, bool dry_run) {
  try {
    return jenkins::settings_from_environment(url);
  } catch (const Error&) {
    if (!dry_run) throw;
    jenkins::Settings placeholder;  // a dry run shows the request even where no Jenkins is set
    placeholder.url = "${JENKINS_URL}";
    return placeholder;
  }
}

}  // namespace

struct ChatOps::Parts {
  ChatOpsOptions options;
  Matcher matcher;
  std::unique_ptr<SessionStore> store;
  RateLimiter limiter;
  std::optional<LlmClassifier> llm;
  std::unique_ptr<Dialogue> dialogue;
  std::filesystem::path audit_file;

  explicit Parts(ChatOpsOptions o)
      : options(std::move(o)),
        matcher(load_registry(options.registry_files, options.registry_texts)),
        limiter(options.rate_limit_per_minute, std::chrono::seconds(60)) {
    const std::string dir = options.state_dir.empty() ? default_state_dir() : options.state_dir;
    switch (options.backend) {
      case SessionBackend::memory: store = make_memory_store(options.ttl); break;
      case SessionBackend::directory: store = make_directory_store(dir, options.ttl); break;
      case SessionBackend::redis: store = make_redis_store(options.redis_url, options.ttl); break;
    }
    audit_file = options.audit_file.empty() ? std::filesystem::path(dir) / "audit.jsonl" : std::filesystem::path(options.audit_file);
    if (options.llm) llm.emplace(*options.llm, matcher);
    Proposer proposer;
    if (llm) {
      proposer = [this](std::string_view message) {
        std::string problem;
        auto proposal = llm->propose(message, problem);
        if (!proposal && !problem.empty()) {
          std::cerr << "bellwether: warning: LLM classifier: " << problem << "; using the matcher\n";
        }
        return proposal;
      };
    }
    dialogue = std::make_unique<Dialogue>(
        matcher,
        [this](const Intent& intent, const JobParameters& params, bool dry) { return trigger(intent, params, dry); },
        [this](const json& record) { append_audit_record(audit_file, record); }, proposer);
  }

  json trigger(const Intent& intent, const JobParameters& params, bool dry) const {
    const jenkins::Settings settings = jenkins_settings(options.jenkins_url, dry);
    json out;
    out["request"] = jenkins::describe_trigger(settings, intent.jenkins_job, params);
    if (dry) return out;
    jenkins::Client client(settings);
    const jenkins::QueueItem item = client.trigger(intent.jenkins_job, params);
    out["queue_url"] = item.url;
    out["queue_id"] = item.id;
    out["already_queued"] = item.already_queued;
    return out;
  }
};

ChatOps::ChatOps(ChatOpsOptions options) : parts_(std::make_unique<Parts>(std::move(options))) {}
ChatOps::~ChatOps() = default;

json ChatOps::follow(const json& answer, const std::function<void(const std::string&)>& progress, double timeout_seconds) const {
  if (answer.value("state", "") != "triggered" || !answer.contains("queue_id")) {
    fail(ErrorKind::input, "the answer has no queued build to follow");
  }
  jenkins::Client client(jenkins_settings(parts_->options.jenkins_url, false));
  jenkins::QueueItem item;
  item.id = answer["queue_id"].get<long>();
  item.url = answer.value("queue_url", "");
  const std::string job = answer.value("job", "");
  const jenkins::BuildState build = client.follow(job, item, progress, timeout_seconds);
  return {{"job", job}, {"number", build.number}, {"url", build.url}, {"result", build.result ? json(*build.result) : json(nullptr)}};
}

const Matcher& ChatOps::matcher() const { return parts_->matcher; }
const ChatOpsOptions& ChatOps::options() const { return parts_->options; }

json ChatOps::turn(const std::string& session_id, const TurnContext& context, std::string_view message) {
  TurnContext effective = context;
  effective.dry_run = effective.dry_run || parts_->options.dry_run;
  const std::string key = session_key(session_id, effective);
  if (!parts_->limiter.allow(effective.user, std::chrono::steady_clock::now())) {
    const auto session = parts_->store->peek(key);
    return {{"intent", session ? session->value("intent", json(nullptr)) : json(nullptr)},
            {"confidence", 0},
            {"params", session ? session->value("params", json::object()) : json::object()},
            {"missing", json::array()},
            {"state", session ? session->value("state", "collecting") : "collecting"},
            {"reply", "Too many requests from " + effective.user + "; please wait a minute and try again."},
            {"job", nullptr},
            {"candidates", json::array()},
            {"rate_limited", true}};
  }
  json answer;
  parts_->store->transact(key, [&](std::optional<json>& session) { answer = parts_->dialogue->turn(session, message, effective); });
  return answer;
}

}  // namespace bellwether::intent
