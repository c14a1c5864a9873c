#pragma once
// The ChatOps services of one process, one per distinct configuration, so that a conversation
// held in memory continues from one request to the next (a JVM calls intent_turn per message).
#include <memory>
#include <mutex>
#include <string>

#include "bellwether/chatops.hpp"

namespace bellwether::api {

struct CachedChatOps {
  std::shared_ptr<intent::ChatOps> chatops;
  // Held for a turn only when an LLM classifier is configured: it keeps the last problem of its
  // last call in a member, so two turns at once would race on it. Everything else in ChatOps is
  // safe to share (sessions lock per key, the rate limiter has its own mutex).
  std::shared_ptr<std::mutex> llm_turn;
};

// The service for `options`, made on first use. `key` identifies the configuration; `stamp`
// describes the registry files as they are now (a different stamp replaces the service, which
// drops its in-memory sessions: a changed registry may no longer know their intents). At most
// kMaxServices are kept; the least recently used goes first.
CachedChatOps chatops_for(const std::string& key, const std::string& stamp, const intent::ChatOpsOptions& options);

inline constexpr std::size_t kMaxServices = 32;

}  // namespace bellwether::api
