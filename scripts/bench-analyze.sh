#!/usr/bin/env bash
# Times the whole `bellwether analyze` process on a large metrics CSV.
#
#   scripts/bench-analyze.sh [BELLWETHER_BINARY]     (default build/release/native/bellwether)
#
# The input is generated deterministically (numpy, fixed seed) into a temporary directory:
# 100 metrics x 10 windows of 60 s x 2 variants x 1000 samples = 2,000,000 rows of
# timestamp,metric,variant,value, and a slo.yaml with window 1m, windows 10 and
# promote_after = rollback_after = 10 so that every window is analysed. Most metrics are
# unchanged; every tenth candidate is 3% higher and every twenty-fifth 20% higher, so the
# judge sees passes and breaches. The whole process (start, read CSV, judge 1000
# metric-windows, print the verdict) is timed, median of 5 runs after one warm-up run, on all
# of the machine's cores (analyze reads the CSV and judges the metrics in parallel); set
# BENCH_CPU=1 to pin it to one core with taskset. Requirement: <= 200 ms.
set -euo pipefail

binary=${1:-build/release/native/bellwether}
python=/usr/bin/python3
runs=${BENCH_RUNS:-5}

if [[ ! -x $binary ]]; then
  echo "bench-analyze: $binary not found; build it first:" >&2
  echo "  cmake --preset release && cmake --build build/release --target bellwether" >&2
  exit 2
fi
"$python" -c 'import numpy' 2>/dev/null || { echo "bench-analyze: $python needs numpy" >&2; exit 2; }

pin=()
if [[ -n ${BENCH_CPU:-} ]] && command -v taskset >/dev/null; then pin=(taskset -c "$BENCH_CPU"); fi
echo "bench-analyze: $(nproc) cores, ${pin[*]:-unpinned}" >&2

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "bench-analyze: generating $work/m.csv and $work/slo.yaml..." >&2
generate_start=$(date +%s%N)
"$python" - "$work" <<'PY'
import sys
import numpy as np

out = sys.argv[1]
metrics, windows, width, samples = 100, 10, 60, 1000
start = 1_700_000_000
directions = ("increase", "decrease", "both")
rng = np.random.default_rng(20240604)
names = [f"metric_{i:03d}" for i in range(metrics)]

with open(f"{out}/slo.yaml", "w") as slo:
    slo.write("analysis: {window: 1m, windows: 10, promote_after: 10, rollback_after: 10,\n"
              "           confidence: 0.95, min_samples: 10}\n")
    slo.write("metrics:\n")
    for i, name in enumerate(names):
        slo.write(f"  - name: {name}\n    direction: {directions[i % 3]}\n    tolerance: 0.10\n")

# Timestamps inside each window: 1000 samples spread over its 60 seconds.
offsets = (np.arange(samples) * width) // samples
lines = ["timestamp,metric,variant,value"]
for w in range(windows):
    stamps = [str(start + w * width + int(o)) for o in offsets]
    for i, name in enumerate(names):
        median = 0.01 * (1 + i)  # metrics on different scales
        shift = 1.20 if i % 25 == 0 else (1.03 if i % 10 == 0 else 1.0)
        for variant, factor in (("baseline", 1.0), ("candidate", shift)):
            values = factor * rng.lognormal(np.log(median), 0.4, samples)
            prefix = f",{name},{variant},"
            lines.extend(t + prefix + f"{v:.6g}" for t, v in zip(stamps, values.tolist()))
with open(f"{out}/m.csv", "w") as csv:
    csv.write("\n".join(lines))
    csv.write("\n")
PY
generate_ms=$(( ($(date +%s%N) - generate_start) / 1000000 ))
rows=$(($(wc -l <"$work/m.csv") - 1))
echo "bench-analyze: $rows rows, $(du -h "$work/m.csv" | cut -f1), generated in $generate_ms ms" >&2

command=("${pin[@]}" "$binary" analyze --config "$work/slo.yaml" --metrics "$work/m.csv")
# Warm-up run (page cache, dynamic loader) that also shows the verdict is real.
if ! "${command[@]}" >"$work/verdict.json" 2>"$work/stderr.txt"; then
  echo "bench-analyze: the analyze run failed:" >&2
  cat "$work/stderr.txt" >&2
  exit 1
fi

"$python" - "$runs" "$work/verdict.json" "$work/stderr.txt" "${command[@]}" <<'PY'
import json, statistics, subprocess, sys, time

runs, verdict_path, stderr_path, command = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
verdict = json.load(open(verdict_path))
metrics = verdict.get("metrics", [])
classes = {}
for m in metrics:
    classes[m.get("classification")] = classes.get(m.get("classification"), 0) + 1
print(f"verdict: action={verdict.get('action')} windows={len(verdict.get('windows', []))} "
      f"metrics={len(metrics)} classifications={classes}")
warnings = open(stderr_path).read().strip()
if warnings:
    print("stderr of the warm-up run:", warnings[:500])

elapsed = []
for _ in range(runs):
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    elapsed.append((time.perf_counter() - start) * 1e3)
median = statistics.median(elapsed)
print("runs (ms): " + " ".join(f"{t:.1f}" for t in elapsed))
print(f"bellwether analyze, 2,000,000 rows, 100 metrics x 10 windows: median {median:.1f} ms "
      f"(whole process, {runs} runs)")
print("load average after: " + " ".join(open("/proc/loadavg").read().split()[:3]) +
      " (other work on the machine skews the timing)")
print(f"Requirement <= 200 ms: {'met' if median <= 200 else 'NOT met'}")
PY
