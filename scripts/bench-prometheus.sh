#!/usr/bin/env bash
# Times `analyze` against a local Prometheus (Debian's package, loopback): 50 metrics over 10
# windows of 5 minutes at 15 s resolution (about 100 series, 200 range queries plus their
# timestamp() twins), whole process, median of 5; and `report` on the resulting verdict.
# Requirements: analyze <= 1 s, report <= 100 ms.
#   scripts/bench-prometheus.sh [BELLWETHER_BINARY]
set -euo pipefail
bw=${1:-build/release/native/bellwether}
here=$(cd "$(dirname "$0")/.." && pwd)
source "$here/tests/integration/prometheus_harness.sh"
work=$(mktemp -d)
end=$(( $(date +%s) / 60 * 60 - 3600 )); start=$((end - 3000))
/usr/bin/python3 - "$start" "$end" >"$work/bench.om" <<'PY'
import random, sys
start, end = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(5)
print("# HELP bench_metric generated\n# TYPE bench_metric gauge")
for m in range(50):
    for version in ("stable", "canary"):
        for t in range(start, end + 1, 15):
            print(f'bench_metric{{metric="m{m:02d}",version="{version}"}} {rng.gauss(1 + m, 0.05 * (1 + m)):.6f} {t}')
print("# EOF")
PY
start_prometheus "$work/bench.om"
{
  echo "analysis: {window: 5m, windows: 10, promote_after: 10, rollback_after: 10, min_samples: 10}"
  echo "source: {prometheus: {url: $PROM_URL, step: 15s}}"
  echo "variants: {baseline: stable, candidate: canary}"
  echo "metrics:"
  for m in $(seq -w 0 49); do echo "  - {name: m$m, query: 'bench_metric{metric=\"m$m\",version=\"{{variant}}\"}'}"; done
} >"$work/slo.yaml"
median() { sort -n | sed -n 3p; }
runs=""
for i in 1 2 3 4 5 6; do
  s=$(date +%s%N)
  "$bw" analyze --config "$work/slo.yaml" --since "$start" --until "$end" >"$work/v.json" 2>/dev/null
  e=$(date +%s%N)
  [[ $i -gt 1 ]] && runs="$runs $(( (e - s) / 1000000 ))"
done
echo "analyze from Prometheus, 50 metrics x 10 windows at 15 s: runs (ms):$runs; median $(tr ' ' '\n' <<<"$runs" | grep . | median) ms"
/usr/bin/python3 -c "import json; v=json.load(open('$work/v.json')); print('  verdict', v['action'], 'windows', len(v['windows']), 'samples/window', v['windows'][0]['metrics'][0]['candidate']['n'])"
runs=""
for i in 1 2 3 4 5 6; do
  s=$(date +%s%N)
  "$bw" report --verdict "$work/v.json" --out "$work/r.html" >/dev/null
  e=$(date +%s%N)
  [[ $i -gt 1 ]] && runs="$runs $(( (e - s) / 1000000 ))"
done
echo "report (50 metrics, 10 windows), whole process: runs (ms):$runs; median $(tr ' ' '\n' <<<"$runs" | grep . | median) ms; $(stat -c %s "$work/r.html") bytes"
rm -rf "$work"
