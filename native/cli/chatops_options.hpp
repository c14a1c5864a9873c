#pragma once
// The options intent and chat share: registry, session backend, Jenkins, audit, LLM.
#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "bellwether/chatops.hpp"

namespace bellwether::cli {

struct ChatOpsFlags {
  std::vector<std::string> registry;
  std::string user, channel, state_dir, redis, jenkins, audit, ttl = "30m", llm, llm_model;
  std::string llm_key_env = "BELLWETHER_LLM_API_KEY";
  bool dry_run = false;
  bool pretty = false;
  int rate_limit = 0;
};

void add_chatops_flags(CLI::App& cmd, ChatOpsFlags& flags);

// `default_backend` is used when neither --state-dir nor --redis is given.
intent::ChatOpsOptions chatops_options(const ChatOpsFlags& flags, intent::SessionBackend default_backend);

// --user, else $USER, else "unknown".
std::string chat_user(const ChatOpsFlags& flags);

}  // namespace bellwether::cli
