#pragma once
// The ChatOps conversation for one session: collecting → confirm → triggered | cancelled.
// It asks for each missing required parameter in turn, re-asks with the reason when a value
// is not acceptable, takes corrections at any point, and triggers nothing without an
// explicit yes (unless the intent says confirm: false). The session is a JSON object the
// caller keeps in a SessionStore between turns.
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bellwether/intent.hpp"

namespace bellwether::intent {

struct TurnContext {
  std::string user;
  std::string channel;
  bool dry_run = false;  // reach `triggered` with the exact request, without sending it
};

// Every parameter value that goes to the job: stated ones, then the registry's defaults.
using JobParameters = std::vector<std::pair<std::string, std::string>>;

// Sends (or, with dry_run, only describes) the build request; returns what to show about it
// ({request, queue_url, …}). Throws bellwether::Error when Jenkins refuses.
using TriggerJob = std::function<nlohmann::json(const Intent&, const JobParameters&, bool dry_run)>;

// Receives one record per triggered or refused request (the audit log).
using AuditSink = std::function<void(const nlohmann::json& record)>;

// An optional classifier consulted for a fresh request before the deterministic matcher;
// nullopt means "no opinion" (not configured, failed, timed out) and the matcher decides.
using Proposer = std::function<std::optional<Understanding>(std::string_view message)>;

class Dialogue {
 public:
  Dialogue(const Matcher& matcher, TriggerJob trigger, AuditSink audit = {}, Proposer proposer = {});

  // One turn. `session` is the stored state (nullopt: none); it is updated in place and
  // reset to nullopt when the conversation ends. Returns the Intent answer of DESIGN.md.
  nlohmann::json turn(std::optional<nlohmann::json>& session, std::string_view message, const TurnContext& context) const;

  // The messages longer than this are refused unread.
  static constexpr std::size_t kMaxMessageBytes = 4000;

 private:
  const Matcher& matcher_;
  TriggerJob trigger_;
  AuditSink audit_;
  Proposer proposer_;
};

}  // namespace bellwether::intent
