#!/usr/bin/env bash
# The main job on the bundled example: decide how to ship examples/changes.json under
# examples/policy.yaml, then the canary analysis of examples/metrics.csv against
# examples/slo.yaml, printing the verdict; then the same canary with a regression.
set -euo pipefail
bellwether=${1:?usage: demo.sh path/to/bellwether}
here=$(cd "$(dirname "$0")/.." && pwd)

summarise() { /usr/bin/python3 "$here/scripts/print_verdict.py"; }

echo "== decide: examples/changes.json under examples/policy.yaml"
"$bellwether" decide --changes "$here/examples/changes.json" --policy "$here/examples/policy.yaml" |
  /usr/bin/python3 "$here/scripts/print_decision.py"
echo
echo "== healthy canary: examples/metrics.csv"
"$bellwether" analyze --config "$here/examples/slo.yaml" --metrics "$here/examples/metrics.csv" | summarise
echo
echo "== regressed canary (+30% latency, 3% errors from minute 2): examples/metrics-regression.csv"
"$bellwether" analyze --config "$here/examples/slo.yaml" --metrics "$here/examples/metrics-regression.csv" | summarise
