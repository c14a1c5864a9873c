#include "bellwether/error.hpp"
#include "bellwether/notify.hpp"
#include "notify/message.hpp"
#include "notify/payloads.hpp"

namespace bellwether::notify {

Target parse_target(std::string name) {
  if (name == "slack") return Target::slack;
  if (name == "teams") return Target::teams;
  if (name == "discord") return Target::discord;
  if (name == "webhook") return Target::webhook;
  fail(ErrorKind::input, "expected slack|teams|discord|webhook, got \"" + name + "\"", {"", 0, 0, "to"});
}

std::string_view to_string(Target target) noexcept {
  switch (target) {
    case Target::slack: return "slack";
    case Target::teams: return "teams";
    case Target::discord: return "discord";
    case Target::webhook: return "webhook";
  }
  return "webhook";
}

nlohmann::json build_payload(Target target, const nlohmann::json& event, const Links& links, const std::string& title) {
  const Message message = message_from_event(event, links, title);
  switch (target) {
    case Target::slack: return slack_payload(message);
    case Target::teams: return teams_payload(message);
    case Target::discord: return discord_payload(message);
    case Target::webhook: return webhook_payload(message, event);
  }
  fail(ErrorKind::internal, "unknown notification target");
}

}  // namespace bellwether::notify
