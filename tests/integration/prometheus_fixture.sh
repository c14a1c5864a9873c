#!/usr/bin/env bash
# A real Prometheus for a test program that cannot source prometheus_harness.sh itself (the
# C++ unit tests): started with the harness, its URL printed as one line on stdout, stopped and
# removed when stdin closes, which happens also when the test program dies.
# Usage: prometheus_fixture.sh OPENMETRICS_FILE [WEB_CONFIG_FILE]
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/prometheus_harness.sh"
# A signal ends the script through exit, so the harness' EXIT trap stops Prometheus.
trap 'exit 143' TERM INT HUP
start_prometheus "$@" >&2 || exit 2
echo "$PROM_URL"
while read -r _; do :; done
