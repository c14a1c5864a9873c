#!/usr/bin/env bash
# The runnable examples that need no cluster: the Prometheus alert rules (promtool check rules
# and promtool test rules), then the Argo Rollouts manifests, the Grafana dashboard and the
# rules' expressions against the real CLI and a real Prometheus filled with examples/canary.om.
# Usage: run_example_checks.sh BELLWETHER_CLI REPOSITORY
set -u
bw=$1 repo=$2
here=$(cd "$(dirname "$0")" && pwd)
source "$repo/tests/lib/check.sh"
source "$repo/tests/integration/prometheus_harness.sh"

check "promtool check rules" promtool check rules "$repo/examples/prometheus/checkout-slo-rules.yaml"
check "promtool test rules" promtool test rules "$here/checkout-slo-rules.test.yaml"
check "python3-yaml is installed" /usr/bin/python3 -c 'import yaml'

start_prometheus "$repo/examples/canary.om" || exit 1
check "argo, grafana and rules against the CLI and Prometheus" /usr/bin/python3 "$here/check_examples.py" "$bw" "$repo" "$PROM_URL"
finish
