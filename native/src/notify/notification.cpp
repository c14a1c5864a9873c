// What every surface that posts an event shares (the notify command, the notify request): the
// event recognised and turned into the target's payload, and the answer after the post.
#include "bellwether/notify.hpp"

namespace bellwether::notify {

bool is_web_url(std::string_view url) noexcept { return url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0; }

Notification prepare(Target target, const nlohmann::json& event, const Links& links, const std::string& title) {
  Notification notification;
  notification.event_kind = event_kind(event);
  notification.payload = build_payload(target, event, links, title);
  return notification;
}

nlohmann::json delivery_answer(Target target, const std::string& event_kind, const DeliveryResult& result) {
  return {{"delivered", result.delivered},
          {"to", std::string(to_string(target))},
          {"status", result.status == 0 ? nlohmann::json(nullptr) : nlohmann::json(result.status)},
          {"attempts", result.attempts},
          {"event", event_kind}};
}

}  // namespace bellwether::notify
