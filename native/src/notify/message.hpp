#pragma once
// The message model every chat format is drawn from: what the event says, in the words and
// numbers a person reads, independent of any one service's markup.
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "bellwether/notify.hpp"

namespace bellwether::notify {

// Drives the colour (Teams, Discord) or the emoji (Slack): promote/success green,
// slow/approval/unstable amber, rollback/failure/blocked red, anything else blue.
enum class Outcome { success, warning, failure, neutral };
std::string_view to_string(Outcome outcome) noexcept;
// Where a format has no colour: ✅ ⚠️ 🛑 ℹ️.
std::string_view emoji(Outcome outcome) noexcept;

struct Fact {
  std::string key;    // stable identifier for the generic webhook: "risk_score"
  std::string label;  // what a person reads: "Risk score"
  std::string value;  // never empty
};

struct Link {
  std::string key;  // "build", "report", "job_build"
  std::string label;
  std::string url;
};

struct Message {
  std::string kind;  // decision | verdict | triggered | build
  std::string title;
  std::string summary;  // one line
  Outcome outcome = Outcome::neutral;
  std::vector<Fact> facts;  // most important first: formats with a cap keep the head
  std::vector<Link> links;
  std::string timestamp;  // RFC 3339 when the event says when it was made, else ""
};

// The model of an event of `event_kind(event)`; the links of the event (a triggered job's
// build) come after `links`. Throws Error(input) with the field on a malformed event.
Message message_from_event(const nlohmann::json& event, const Links& links, const std::string& title);

// One per kind; `event` is known to be of that kind.
Message decision_message(const nlohmann::json& event);
Message verdict_message(const nlohmann::json& event);
Message triggered_message(const nlohmann::json& event);
Message build_message(const nlohmann::json& event);

// When facts exceed a format's cap, the first cap-1 stay and the rest are folded into one
// "More" fact, so nothing is silently dropped.
std::vector<Fact> fold_facts(const std::vector<Fact>& facts, std::size_t cap);

// "Deploy decision", "Canary verdict", "Triggered job", "Build status".
std::string kind_label(std::string_view kind);

}  // namespace bellwether::notify
