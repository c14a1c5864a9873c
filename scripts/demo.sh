#!/usr/bin/env bash
# The main job on the bundled example: canary analysis of examples/metrics.csv against
# examples/slo.yaml, printing the verdict; then the same canary with a regression.
set -euo pipefail
bellwether=${1:?usage: demo.sh path/to/bellwether}
here=$(cd "$(dirname "$0")/.." && pwd)

summarise() {
  /usr/bin/python3 -c '
import json, sys
v = json.load(sys.stdin)
print(f"  verdict: {v[\"action\"].upper()}  (score {v[\"score\"]})")
print(f"  reason:  {v[\"reason\"]}")
for w in v["windows"]:
    marks = ", ".join(f"{m[\"name\"]}={m[\"classification\"]}" for m in w["metrics"])
    print(f"  window {w[\"index\"] + 1}: {w[\"status\"]:<8} score {w[\"score\"]:>6}  {marks}")
'
}

echo "== healthy canary: examples/metrics.csv"
"$bellwether" analyze --config "$here/examples/slo.yaml" --metrics "$here/examples/metrics.csv" | summarise
echo
echo "== regressed canary (+30% latency, 3% errors from minute 2): examples/metrics-regression.csv"
"$bellwether" analyze --config "$here/examples/slo.yaml" --metrics "$here/examples/metrics-regression.csv" | summarise
