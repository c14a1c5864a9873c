#!/usr/bin/env bash
# Sourced by integration tests: starts Debian's prometheus on a free loopback port with a
# temporary storage directory backfilled from an OpenMetrics file by promtool, and stops it
# on exit.  Usage: source prometheus_harness.sh; start_prometheus FILE.om; ... $PROM_URL
set -u
prometheus_dir=$(mktemp -d)
prometheus_pid=""
stop_prometheus() {
  if [[ -n $prometheus_pid ]]; then kill "$prometheus_pid" 2>/dev/null; wait "$prometheus_pid" 2>/dev/null; prometheus_pid=""; fi
}
cleanup_prometheus() { stop_prometheus; rm -rf "$prometheus_dir"; }
trap cleanup_prometheus EXIT

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

start_prometheus() {  # start_prometheus OPENMETRICS_FILE [WEB_CONFIG_FILE (TLS, basic auth)]
  command -v prometheus >/dev/null && command -v promtool >/dev/null || { echo "prometheus/promtool not installed"; return 2; }
  mkdir -p "$prometheus_dir/data"
  promtool tsdb create-blocks-from openmetrics "$1" "$prometheus_dir/data" >"$prometheus_dir/promtool.log" 2>&1 ||
    { cat "$prometheus_dir/promtool.log"; return 2; }
  printf 'global:\n  scrape_interval: 15s\n' >"$prometheus_dir/prometheus.yml"
  local port
  port=$(free_port)
  local web=()
  if [[ -n ${2:-} ]]; then web=(--web.config.file="$2"); fi
  prometheus --config.file="$prometheus_dir/prometheus.yml" --storage.tsdb.path="$prometheus_dir/data" \
    --web.listen-address="127.0.0.1:$port" --storage.tsdb.retention.time=100y "${web[@]}" \
    >"$prometheus_dir/prometheus.log" 2>&1 &
  prometheus_pid=$!
  PROM_URL="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do
    # Up when it answers at all (behind basic auth the answer is a 401).
    if /usr/bin/python3 -c "
import sys, urllib.request, urllib.error
try:
    urllib.request.urlopen(sys.argv[1], timeout=1)
except urllib.error.HTTPError:
    pass" "$PROM_URL/-/ready" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "prometheus did not become ready"; tail -5 "$prometheus_dir/prometheus.log"; return 2
}
