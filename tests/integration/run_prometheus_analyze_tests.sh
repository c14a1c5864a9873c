#!/usr/bin/env bash
# analyze against a real Prometheus (Debian's package, loopback, free port), filled by promtool
# with generated canary scenarios: unchanged, +20% latency, an error spike, a slow drift, a gap;
# then the faults: a query Prometheus rejects, a wrong URL, Prometheus stopped.
set -uo pipefail
bw=$1
here=$(cd "$(dirname "$0")" && pwd)
source "$here/prometheus_harness.sh"
tmp=$(mktemp -d)
source "$(dirname "${BASH_SOURCE[0]}")/../lib/check.sh"

end=$(( $(date +%s) / 60 * 60 - 3600 ))   # 30 minutes of data ending an hour ago
start=$((end - 1800))
/usr/bin/python3 - "$start" "$end" >"$tmp/canary.om" <<'PY'
import random, sys
start, end = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(11)
print("# HELP canary_latency_seconds p95 latency\n# TYPE canary_latency_seconds gauge")
lines = {"lat": [], "err": []}
for t in range(start, end + 1, 15):
    minute = (t - start) / 60
    for scenario in ("unchanged", "latency20", "errorspike", "drift", "gap"):
        for version in ("stable", "canary"):
            lat = rng.gauss(0.200, 0.008)
            err = max(0.0, rng.gauss(0.002, 0.001))
            if version == "canary":
                if scenario == "latency20": lat *= 1.20
                if scenario == "errorspike" and minute >= 5: err = max(0.0, rng.gauss(0.08, 0.01))
                if scenario == "drift": lat *= 1 + 0.18 * minute / 30
                if scenario == "gap" and 3 <= minute < 18: continue
            lines["lat"].append(f'canary_latency_seconds{{scenario="{scenario}",version="{version}"}} {lat:.6f} {t}')
            lines["err"].append(f'canary_error_ratio{{scenario="{scenario}",version="{version}"}} {err:.6f} {t}')
print("\n".join(lines["lat"]))
print("# HELP canary_error_ratio share of failed requests\n# TYPE canary_error_ratio gauge")
print("\n".join(lines["err"]))
print("# EOF")
PY
start_prometheus "$tmp/canary.om" || exit 1

slo() {  # slo URL STEP
  cat >"$tmp/slo.yaml" <<YAML
analysis: {window: 5m, windows: 6, promote_after: 3, rollback_after: 2, min_samples: 10}
source: {prometheus: {url: $1, step: $2, timeout: 2s}}
variants: {baseline: stable, candidate: canary}
metrics:
  - name: latency
    query: 'canary_latency_seconds{scenario="{{scenario}}",version="{{variant}}"}'
    tolerance: 0.10
  - name: errors
    query: 'canary_error_ratio{scenario="{{scenario}}",version="{{variant}}"}'
    tolerance: 0.5
    tolerance_abs: 0.01
    critical: true
YAML
}
verdict() {  # verdict SCENARIO [extra args] -> action; JSON in $tmp/v.json
  "$bw" analyze --config "$tmp/slo.yaml" --var scenario="$1" --since "$start" --until "$end" "${@:2}" >"$tmp/v.json" 2>"$tmp/err"
  echo "$?:$(/usr/bin/python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['action'])" "$tmp/v.json")"
}
field() { /usr/bin/python3 -c "import json,sys; v=json.load(open(sys.argv[1])); print($1)" "$tmp/v.json"; }

slo "$PROM_URL" 15s
check "unchanged canary promotes" test "$(verdict unchanged)" = "0:promote"
check "with 20 samples a window from Prometheus" test "$(field 'v["windows"][0]["metrics"][0]["candidate"]["n"]')" = "20"
check "+20% latency rolls back" test "$(verdict latency20)" = "0:rollback"
check "naming latency" grep -q '"reason":"rollback: 2 consecutive failing windows (rollback_after 2); in window 2 latency high' "$tmp/v.json"
check "an error spike rolls back at once (critical)" test "$(verdict errorspike)" = "0:rollback"
check "naming the errors metric" grep -q 'critical metric errors' "$tmp/v.json"
# A drift that stays inside the tolerance for the first 15 minutes is promoted by promote_after
# 3 (the judge's rules allow it); a slow-burn policy waits for all six windows.
sed -i 's/promote_after: 3/promote_after: 6/' "$tmp/slo.yaml"
check "a slow drift is not promoted when the policy waits" test "$(verdict drift)" = "0:rollback"
sed -i 's/promote_after: 6/promote_after: 3/' "$tmp/slo.yaml"
check "a gap in the candidate's data never promotes" test "$(verdict gap)" = "0:slow"
check "the gap is missing data in a window" test "$(field 'any(w["status"] == "nodata" for w in v["windows"])')" = "True"
check "and is reported" grep -q 'steps have no sample (a gap)' "$tmp/v.json"
check "the lookback's stale copies over the gap are dropped" grep -q 'latency/candidate: [0-9]* of [0-9]* points repeat an older sample' "$tmp/v.json"
check "--fail-on rollback gives 20" test "$(verdict latency20 --fail-on rollback)" = "20:rollback"

slo "$PROM_URL" 5s
verdict unchanged >/dev/null
check "a step below the scrape interval is detected" grep -q 'repeat an older sample' "$tmp/v.json"
check "and the copies are dropped: 20 real samples a window" test "$(field 'v["windows"][0]["metrics"][0]["candidate"]["n"]')" = "20"

slo "$PROM_URL" 15s
sed -i 's/version="{{variant}}"}/version="{{variant}}"/' "$tmp/slo.yaml"
check "a query Prometheus rejects gives slow" test "$(verdict unchanged)" = "0:slow"
check "with Prometheus' error in the reason" grep -q 'bad_data' "$tmp/v.json"

slo "http://127.0.0.1:9" 15s
check "a wrong URL gives slow" test "$(verdict unchanged)" = "0:slow"
check "with the cause" grep -q 'failed after 3 attempt' "$tmp/v.json"

slo "$PROM_URL" 15s
stop_prometheus
check "Prometheus stopped gives slow" test "$(verdict unchanged)" = "0:slow"
sed -i 's/min_samples: 10}/min_samples: 10, no_data: rollback}/' "$tmp/slo.yaml"
check "or rollback with no_data: rollback" test "$(verdict unchanged)" = "0:rollback"
"$bw" analyze --config "$tmp/slo.yaml" --since "$start" --until "$end" >/dev/null 2>"$tmp/err"
check "a {{name}} without --var is a config error (exit 3)" test "$?:$(grep -c 'no value for {{scenario}}' "$tmp/err")" = "3:1"

# Prometheus stopped in the middle of a live (--watch) analysis: data around now at 0.5 s, 2 s
# windows; Prometheus is stopped once the first window has been judged.
stop_prometheus
now=$(date +%s)
/usr/bin/python3 - "$now" >"$tmp/live.om" <<'PY'
import random, sys
now = int(sys.argv[1]); rng = random.Random(3)
print("# HELP live_metric generated\n# TYPE live_metric gauge")
for version in ("stable", "canary"):
    for i in range(0, 400):
        print(f'live_metric{{version="{version}"}} {rng.gauss(1, 0.05):.5f} {now - 20 + i * 0.5:.3f}')
print("# EOF")
PY
start_prometheus "$tmp/live.om" || exit 1
cat >"$tmp/live.yaml" <<YAML
analysis: {window: 2s, windows: 5, promote_after: 5, rollback_after: 5, min_samples: 3}
source: {prometheus: {url: $PROM_URL, step: 0.5s, timeout: 1s}}
metrics: [{name: live, query: 'live_metric{version="{{variant}}"}'}]
variants: {baseline: stable, candidate: canary}
YAML
"$bw" analyze --config "$tmp/live.yaml" --since "$now" --watch >"$tmp/live.json" 2>"$tmp/live.err" &
watcher=$!
for _ in $(seq 1 100); do grep -q 'watch: after window 1 ' "$tmp/live.err" && break; sleep 0.1; done
stop_prometheus
wait "$watcher"
check "Prometheus stopped mid-analysis: the watch ends slow" test "$?:$(/usr/bin/python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['action'])" "$tmp/live.json")" = "0:slow"
check "with the cause" grep -q 'metrics source failed' "$tmp/live.json"
check "after judging the first window with Prometheus up" grep -q 'watch: after window 1 of 5: slow' "$tmp/live.err"

# Basic auth: the password comes from an environment variable and never shows in the output.
# The hash is bcrypt of the test-only password canary-test-pass.
printf 'basic_auth_users:\n  bw: $2b$04$7axX/6aXp55qtVw4//hgsu4Y7aylzTCW8JbhJPU2UIktTC3HSjPQ.\n' >"$tmp/web.yml"
start_prometheus "$tmp/canary.om" "$tmp/web.yml" || exit 1
slo "$PROM_URL" 15s
sed -i 's/step: 15s, timeout: 2s}/step: 15s, timeout: 2s, basic_auth_env: BW_PROM_AUTH}/' "$tmp/slo.yaml"
check "with user:password from the environment it works" test "$(BW_PROM_AUTH=bw:canary-test-pass verdict unchanged)" = "0:promote"
check "a wrong password is a source fault: slow" test "$(BW_PROM_AUTH=bw:wrong verdict unchanged)" = "0:slow"
check "the cause is Prometheus' 401" grep -q 'HTTP 401' "$tmp/v.json"
check "the password is in no output" test "$(cat "$tmp/v.json" "$tmp/err" | grep -c 'canary-test-pass\|wrong')" -eq 0
"$bw" analyze --config "$tmp/slo.yaml" --var scenario=unchanged --since "$start" --until "$end" >/dev/null 2>"$tmp/err"
check "an unset secret variable is a config error (exit 3)" test "$?:$(grep -c 'BW_PROM_AUTH (user:password for Prometheus) is not set' "$tmp/err")" = "3:1"

rm -rf "$tmp"
finish
