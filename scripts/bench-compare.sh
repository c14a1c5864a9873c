#!/usr/bin/env bash
# Times Bellwether's Mann-Whitney against R's wilcox.test and scipy's mannwhitneyu on the same
# data, on the same machine, in one run.
#
#   scripts/bench-compare.sh [BUILD_DIR]        (default build/release; builds nothing)
#
# - The data (n = m = 1e5 by default, BENCH_N overrides) is generated once with numpy from a
#   fixed seed and written with 17 significant digits; all three read those files.
# - Ours: bench_mann_whitney's file case (BELLWETHER_BENCH_CANDIDATE/BASELINE), median of 5
#   repetitions; p-value, Hodges-Lehmann estimate and 95% interval. Also the scaling of the
#   generated lognormal cases 1e3 -> 1e6.
# - R: wilcox.test(x, y, conf.int = TRUE), median of 3 system.time() runs in one Rscript, file
#   reading excluded. Same outputs as ours.
# - scipy: mannwhitneyu(x, y, alternative = 'two-sided'), p-value only, median of 5
#   time.perf_counter() runs in /usr/bin/python3, file reading excluded.
# Every program runs pinned to one core (BENCH_CPU, default 1) when taskset is available.
# W / U and p are printed for each so a reader can see the three computed the same test.
set -euo pipefail

build_dir=${1:-build/release}
bench="$build_dir/native/bench/bench_mann_whitney"
cli="$build_dir/native/bellwether"
n=${BENCH_N:-100000}
python=/usr/bin/python3

if [[ ! -x $bench ]]; then
  echo "bench-compare: $bench not found; build it first:" >&2
  echo "  cmake --preset release && cmake --build $build_dir --target bench_mann_whitney" >&2
  exit 2
fi
command -v Rscript >/dev/null || { echo "bench-compare: Rscript not found" >&2; exit 2; }
"$python" -c 'import numpy, scipy' 2>/dev/null ||
  { echo "bench-compare: $python needs numpy and scipy" >&2; exit 2; }

pin=()
if command -v taskset >/dev/null; then pin=(taskset -c "${BENCH_CPU:-1}"); fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
candidate="$work/candidate.txt"
baseline="$work/baseline.txt"

# ---- data: latency-like, lognormal, candidate 5% slower ---------------------------------------
"$python" - "$candidate" "$baseline" "$n" <<'PY'
import sys
import numpy as np
candidate_path, baseline_path, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
rng = np.random.default_rng(20240601)
baseline = rng.lognormal(np.log(0.2), 0.5, n)
candidate = 1.05 * rng.lognormal(np.log(0.2), 0.5, n)
np.savetxt(candidate_path, candidate, fmt="%.17g")
np.savetxt(baseline_path, baseline, fmt="%.17g")
PY

# ---- ours ---------------------------------------------------------------------------------------
echo "bench-compare: ours (bench_mann_whitney, 5 repetitions)..." >&2
BELLWETHER_BENCH_CANDIDATE="$candidate" BELLWETHER_BENCH_BASELINE="$baseline" \
  "${pin[@]}" "$bench" --benchmark_filter='^BM_MannWhitney(File|Lognormal/)' \
  --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  --benchmark_out="$work/ours.json" --benchmark_out_format=json >"$work/ours.txt" 2>&1 ||
  { cat "$work/ours.txt" >&2; exit 1; }
# name -> median real time in ms
ours_medians=$("$python" - "$work/ours.json" <<'PY'
import json, sys
scale = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}
for b in json.load(open(sys.argv[1]))["benchmarks"]:
    if b.get("aggregate_name") == "median":
        print(b["run_name"], b["real_time"] * scale[b["time_unit"]])
PY
)
ours_ms() { awk -v name="$1" '$1 == name { printf "%.2f", $2 }' <<<"$ours_medians"; }
ours_file=$(ours_ms BM_MannWhitneyFile)

ours_check="(bellwether CLI not built: no W/p cross-check)"
if [[ -x $cli ]]; then
  ours_check=$("$cli" compare --candidate "$candidate" --baseline "$baseline" 2>/dev/null |
    "$python" -c 'import json,sys; r=json.load(sys.stdin); print("W = %.17g  p = %.6g  estimate = %.6g  ci = [%.6g, %.6g]" % (r["w"], r["p_value"], r["estimate"], r["ci"][0], r["ci"][1]))' \
    2>/dev/null) || ours_check="(bellwether compare failed: no W/p cross-check)"
fi

# ---- R --------------------------------------------------------------------------------------------
echo "bench-compare: R wilcox.test(conf.int = TRUE), 3 runs..." >&2
r_out=$("${pin[@]}" Rscript --vanilla - "$candidate" "$baseline" <<'R'
args <- commandArgs(trailingOnly = TRUE)
x <- scan(args[1], quiet = TRUE)
y <- scan(args[2], quiet = TRUE)
elapsed <- numeric(3)
for (i in 1:3) {
  elapsed[i] <- system.time(r <- wilcox.test(x, y, conf.int = TRUE))[["elapsed"]]
}
cat(sprintf("%.3f W = %.17g  p = %.6g  estimate = %.6g  ci = [%.6g, %.6g]\n", median(elapsed),
            r$statistic, r$p.value, r$estimate, r$conf.int[1], r$conf.int[2]))
R
)
r_s=${r_out%% *}
r_check=${r_out#* }

# ---- scipy ----------------------------------------------------------------------------------------
echo "bench-compare: scipy mannwhitneyu, 5 runs..." >&2
scipy_out=$("${pin[@]}" "$python" - "$candidate" "$baseline" <<'PY'
import statistics, sys, time
import numpy as np
from scipy.stats import mannwhitneyu
x = np.loadtxt(sys.argv[1])
y = np.loadtxt(sys.argv[2])
elapsed = []
for _ in range(5):
    start = time.perf_counter()
    res = mannwhitneyu(x, y, alternative="two-sided")
    elapsed.append(time.perf_counter() - start)
print("%.3f U = %.17g  p = %.6g" % (statistics.median(elapsed) * 1e3, res.statistic, res.pvalue))
PY
)
scipy_ms=${scipy_out%% *}
scipy_check=${scipy_out#* }

# ---- table ----------------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "n/a" }'; }
echo
echo "Mann-Whitney, n = m = $n, same data (numpy seed 20240601, 17 digits), $(nproc) cores, pinned: ${pin[*]:-no}"
echo "load average before: $load_before  after: $(cut -d' ' -f1-3 /proc/loadavg)  (other work on the machine skews every column)"
printf '%-28s %12s %10s %12s %9s %12s\n' "" "ours (ms)" "R (s)" "scipy (ms)" "R/ours" "scipy/ours"
printf '%-28s %12s %10s %12s %9s %12s\n' "two-sided, 95% CI" "$ours_file" "$r_s" "$scipy_ms" \
  "$(ratio "$(awk -v s="$r_s" 'BEGIN { print s * 1000 }')" "$ours_file")" "$(ratio "$scipy_ms" "$ours_file")"
echo "  ours:  p + HL estimate + 95% CI (median of 5);  R: the same (median of 3);  scipy: p only (median of 5)"
echo
echo "Check that the three computed the same test:"
echo "  ours:  $ours_check"
echo "  R:     $r_check"
echo "  scipy: $scipy_check"
echo
echo "Scaling of ours (generated lognormal, candidate 5% slower, median of 5, ms):"
scaling=""
for size in 1000 10000 100000 1000000; do
  scaling+="  n=m=$size: $(ours_ms "BM_MannWhitneyLognormal/n:$size")"
done
echo "$scaling"
if [[ $n == 100000 ]]; then
  # Both 1e5 figures: this data (one set, repeated) and the generated cases (10 sets in turn).
  awk -v file="$ours_file" -v gen="$(ours_ms BM_MannWhitneyLognormal/n:100000)" 'BEGIN {
    printf "Requirement n = m = 1e5 <= 30 ms: %s (this data %.2f ms, generated sets %.2f ms)\n",
           (file <= 30 && gen <= 30 ? "met" : "NOT met"), file, gen }'
fi
