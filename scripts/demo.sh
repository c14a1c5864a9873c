#!/usr/bin/env bash
# The main job on the bundled example, end to end:
#   1. decide how to ship examples/changes.json under examples/policy.yaml;
#   2. start a local Prometheus (loopback, free port) filled with the canary's history
#      (examples/canary.om, via promtool);
#   3. analyze the healthy canary and the regressed one from Prometheus, print the verdicts,
#      and write the report of the regressed one to build/demo/report.html;
#   4. stop Prometheus and remove its data.
set -euo pipefail
bellwether=${1:?usage: demo.sh path/to/bellwether}
here=$(cd "$(dirname "$0")/.." && pwd)
out="$here/build/demo"
mkdir -p "$out"
source "$here/tests/integration/prometheus_harness.sh"

echo "== decide: examples/changes.json under examples/policy.yaml"
"$bellwether" decide --changes "$here/examples/changes.json" --policy "$here/examples/policy.yaml" >"$out/decision.json"
/usr/bin/python3 "$here/scripts/print_decision.py" <"$out/decision.json"
echo

echo "== a local Prometheus with the canary's history (examples/canary.om)"
start_prometheus "$here/examples/canary.om"
sed "s#http://127.0.0.1:9090#$PROM_URL#" "$here/examples/slo-prometheus.yaml" >"$out/slo.yaml"
echo "  $PROM_URL"
# The example history covers 20 minutes from 2025-11-23T12:13:20Z.
range=(--since 1763900000 --until 1763901200)
echo

echo "== analyze the healthy canary (scenario=healthy)"
"$bellwether" analyze --config "$out/slo.yaml" --var scenario=healthy "${range[@]}" 2>/dev/null |
  /usr/bin/python3 "$here/scripts/print_verdict.py"
echo

echo "== analyze the regressed canary (scenario=regression: +30% latency, 3% errors from minute 2)"
"$bellwether" analyze --config "$out/slo.yaml" --var scenario=regression "${range[@]}" \
  --report "$out/report.html" --decision "$out/decision.json" 2>/dev/null >"$out/verdict.json"
/usr/bin/python3 "$here/scripts/print_verdict.py" <"$out/verdict.json"
echo
echo "  report: $out/report.html"
