#!/usr/bin/env bash
# decide's error-budget gate against a real Prometheus (Debian's package, on loopback).
set -uo pipefail
bw=$1
here=$(cd "$(dirname "$0")" && pwd)
source "$here/prometheus_harness.sh"
tmp=$(mktemp -d)
source "$(dirname "${BASH_SOURCE[0]}")/../lib/check.sh"

# Two hours of a remaining-budget gauge for two services, an hour ago.
t0=$(( $(date +%s) / 60 * 60 - 7200 ))
{
  echo "# HELP slo_error_budget_remaining Share of the error budget left"
  echo "# TYPE slo_error_budget_remaining gauge"
  for i in $(seq 0 60); do
    echo "slo_error_budget_remaining{service=\"checkout\"} 0.05 $((t0 + i * 60))"
    echo "slo_error_budget_remaining{service=\"search\"} 0.8 $((t0 + i * 60))"
  done
  echo "# EOF"
} >"$tmp/budget.om"
start_prometheus "$tmp/budget.om" || exit 1
at=$((t0 + 1800))

policy() {  # policy QUERY URL
  cat >"$tmp/policy.yaml" <<YAML
kind: policy
gates:
  error_budget:
    min_remaining: 0.1
    query: '$1'
    prometheus: {url: $2, timeout: 2s}
YAML
}
decide_for() {  # decide_for SERVICE -> gate "allowed|reason"
  printf '{"service":"%s","la":10}' "$1" >"$tmp/c.json"
  "$bw" decide --changes "$tmp/c.json" --policy "$tmp/policy.yaml" --at "$at" >"$tmp/d.json" 2>"$tmp/err"
  /usr/bin/python3 -c "import json,sys; g=[g for g in json.load(open(sys.argv[1]))['gates'] if g['name']=='error_budget'][0]; print(g['allowed'], '|', g['reason'])" "$tmp/d.json"
}

policy 'slo_error_budget_remaining{service="{{service}}"}' "$PROM_URL"
out=$(decide_for checkout); echo "checkout: $out"
check "exhausted budget blocks" test "${out%% |*}" = "False"
check "the reason shows the value and the query" grep -q 'remaining error budget 0.05 (Prometheus: slo_error_budget_remaining{service="checkout"}) < minimum 0.1' <<<"$out"
out=$(decide_for search)
check "healthy budget allows" test "${out%% |*}" = "True"
out=$(decide_for billing)
check "no series blocks, saying so" test "$(grep -c 'returned no data' <<<"$out"):${out%% |*}" = "1:False"
policy 'slo_error_budget_remaining{service=' "$PROM_URL"
out=$(decide_for checkout)
check "a query Prometheus rejects blocks with its error" grep -q 'Prometheus rejected the query (bad_data)' <<<"$out"
policy 'slo_error_budget_remaining' "$PROM_URL"
out=$(decide_for checkout)
check "two series for one number blocks" grep -q 'returned 2 series' <<<"$out"
stop_prometheus
policy 'slo_error_budget_remaining{service="{{service}}"}' "$PROM_URL"
out=$(decide_for search)
check "Prometheus down blocks after retries" test "$(grep -c 'failed after 3 attempt' <<<"$out"):${out%% |*}" = "1:False"
check "decide still answers (exit 0)" test -s "$tmp/d.json"

rm -rf "$tmp"
finish
