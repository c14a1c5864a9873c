#!/usr/bin/env bash
# The main job on the bundled example: canary analysis of examples/metrics.csv against
# examples/slo.yaml, printing the verdict; then the same canary with a regression.
set -euo pipefail
bellwether=${1:?usage: demo.sh path/to/bellwether}
here=$(cd "$(dirname "$0")/.." && pwd)

summarise() { /usr/bin/python3 "$here/scripts/print_verdict.py"; }

echo "== healthy canary: examples/metrics.csv"
"$bellwether" analyze --config "$here/examples/slo.yaml" --metrics "$here/examples/metrics.csv" | summarise
echo
echo "== regressed canary (+30% latency, 3% errors from minute 2): examples/metrics-regression.csv"
"$bellwether" analyze --config "$here/examples/slo.yaml" --metrics "$here/examples/metrics-regression.csv" | summarise
