#pragma once
// ChatOps as one service: the registry, the matcher, the dialogue, a session store, the audit
// log, the per-user rate limit, Jenkins and the optional LLM classifier, wired once and used
// by every surface (the intent and chat commands, the JNI bridge, the Jenkins plugin).
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bellwether/dialogue.hpp"
#include "bellwether/job_registry.hpp"
#include "bellwether/llm_classifier.hpp"

namespace bellwether::intent {

enum class SessionBackend { memory, directory, redis };

struct ChatOpsOptions {
  std::vector<std::filesystem::path> registry_files;
  std::vector<RegistryText> registry_texts;  // inline jobs.yaml documents, merged after the files
  SessionBackend backend = SessionBackend::memory;
  std::string state_dir;     // directory backend and default audit location; "" = default_state_dir()
  std::string redis_url;     // redis backend
  std::string jenkins_url;   // "" = $JENKINS_URL
  std::string audit_file;    // "" = <state_dir>/audit.jsonl
  bool dry_run = false;
  std::chrono::seconds ttl{30 * 60};
  int rate_limit_per_minute = 0;  // 0: off
  std::optional<LlmSettings> llm;
};

class ChatOps {
 public:
  explicit ChatOps(ChatOpsOptions options);
  ~ChatOps();
  ChatOps(const ChatOps&) = delete;
  ChatOps& operator=(const ChatOps&) = delete;

  // One turn of the conversation of (session, user, channel); the Intent answer of DESIGN.md.
  nlohmann::json turn(const std::string& session_id, const TurnContext& context, std::string_view message);

  // Waits for the build a `triggered` answer queued and returns {job, number, url, result},
  // handing each new piece of its console to `progress`.
  nlohmann::json follow(const nlohmann::json& answer, const std::function<void(const std::string&)>& progress,
                        double timeout_seconds) const;

  const Matcher& matcher() const;
  const ChatOpsOptions& options() const;

 private:
  struct Parts;
  std::unique_ptr<Parts> parts_;
};

}  // namespace bellwether::intent
