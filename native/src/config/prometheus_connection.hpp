#pragma once
// The connection block shared by slo.yaml's source.prometheus and policy.yaml's error-budget
// gate: url, token_env | token_file | basic_auth_env, ca_file, timeout.
#include "bellwether/prometheus.hpp"
#include "config/yaml_document.hpp"

namespace bellwether::config {

// Fills `connection` from the block's connection fields (the caller's values are the
// defaults). The caller rejects unknown keys, since it may add its own (such as step).
void read_prometheus_connection(const YamlField& block, sources::PrometheusConnection& connection);

}  // namespace bellwether::config
