#pragma once
// The analyze request's `prometheus` field: where the samples come from and with which
// credentials, given by a caller that holds them (the Jenkins plugin reads its URL and
// credentials from Jenkins). It overrides the config's source.prometheus connection.
#include <nlohmann/json.hpp>

#include "bellwether/slo_config.hpp"

namespace bellwether::api {

// {url, token, username, password, headers: {name: value}}: url replaces the config's URL (and
// is required when the config has no Prometheus source); a token or a username and password
// replace the config's credentials; headers are sent with every query. Throws Error(input)
// naming the field; a secret's value is never part of a message.
void apply_prometheus_override(const nlohmann::json& value, SloConfig& config);

}  // namespace bellwether::api
