#pragma once
// One payload per chat service, each drawn from the same message model.
#include <nlohmann/json.hpp>

#include "notify/message.hpp"

namespace bellwether::notify {

nlohmann::json slack_payload(const Message& message);
nlohmann::json teams_payload(const Message& message);
nlohmann::json discord_payload(const Message& message);
nlohmann::json webhook_payload(const Message& message, const nlohmann::json& event);

}  // namespace bellwether::notify
