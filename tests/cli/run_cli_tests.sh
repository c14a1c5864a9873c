#!/usr/bin/env bash
# Contract tests of the bellwether executable: exit codes, one line of JSON on stdout,
# file:line:column messages on stderr, and no output file half-written.
set -uo pipefail
bw=$1 root=$2
examples="$root/examples"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
source "$(dirname "${BASH_SOURCE[0]}")/../lib/check.sh"
run() {  # run ARGS...: sets $status, $out, $err
  "$bw" "$@" >"$tmp/out" 2>"$tmp/err"; status=$?
  out=$(cat "$tmp/out"); err=$(cat "$tmp/err")
}
json() { /usr/bin/python3 -c "import json,sys; v=json.loads(sys.argv[1]); print($2)" "$out"; }
one_line() { [[ $(wc -l <"$tmp/out") -eq 1 ]]; }
contains() { [[ $1 == *"$2"* ]] || { echo "  '$2' not in: $1"; return 1; }; }

# ---- compare
printf '1\n2\n3\n4\n5\n' >"$tmp/b.txt"
printf '  6 \n\n7\n8\n9\n10\n' >"$tmp/c.txt"
run compare --baseline "$tmp/b.txt" --candidate "$tmp/c.txt"
check "compare exits 0" test $status -eq 0
check "compare prints one line" one_line
check "compare W, exact method, R's interval [2, 8]" test "$(json "$out" 'v["w"], v["method"], v["ci"]')" = "25.0 exact [2.0, 8.0]"
check "compare p (R: 0.007937)" test "$(json "$out" 'round(v["p_value"], 6)')" = "0.007937"
run compare --baseline "$tmp/b.txt" --candidate "$tmp/c.txt" --alternative greater
check "one-sided bound is null" test "$(json "$out" 'v["ci"][1]')" = "None"
run compare --baseline "$tmp/b.txt" --candidate "$tmp/c.txt" --alternative bigger
check "bad alternative is a usage error" test $status -eq 2
run compare --baseline "$tmp/missing.txt" --candidate "$tmp/c.txt"
check "missing sample file exits 4" test $status -eq 4
printf '1\n2\nx7\n' >"$tmp/bad.txt"
run compare --baseline "$tmp/bad.txt" --candidate "$tmp/c.txt"
check "malformed sample exits 3" test $status -eq 3
check "malformed sample names file:line:column" contains "$err" "$tmp/bad.txt:3:1: value: expected one number per line"
check "nothing on stdout on error" test -z "$out"
printf '1\nNaN\n2\nInf\n3\n' >"$tmp/nan.txt"
run compare --baseline "$tmp/nan.txt" --candidate "$tmp/c.txt"
check "NaN dropped by default" test "$(json "$out" 'v["n_baseline"], v["dropped_non_finite"]["baseline"]')" = "3 2"
run compare --baseline "$tmp/nan.txt" --candidate "$tmp/c.txt" --non-finite fail
check "NaN with fail policy exits 3" test $status -eq 3

# ---- analyze on the bundled example
run analyze --config "$examples/slo.yaml" --metrics "$examples/metrics.csv"
check "healthy example promotes" test "$(json "$out" 'v["action"]')" = "promote"
check "analyze prints one line" one_line
check "verdict explains the numbers" test "$(json "$out" 'all(k in v["metrics"][0] for k in ("p_value","estimate","ci","effect","baseline","candidate","slo","reason"))')" = "True"
run analyze --config "$examples/slo.yaml" --metrics "$examples/metrics-regression.csv" --fail-on rollback
check "regression rolls back with exit 20" test $status -eq 20
check "rollback reason names a metric" contains "$out" '"reason":"rollback: critical metric error_rate'
run analyze --config "$examples/slo.yaml" --metrics "$examples/metrics.csv" --until 1763900200 --fail-on slow
check "too little data is slow with exit 10" test "$status:$(json "$out" 'v["action"]')" = "10:slow"
run analyze --config "$examples/slo.yaml" --metrics "$examples/metrics.csv" --since 2025-11-23T12:17:20Z
check "RFC 3339 --since aligns windows" test "$(json "$out" 'v["windows"][0]["start"]')" = "1763900240.0"
run analyze --config "$examples/slo.yaml" --metrics "$tmp/none.csv"
check "missing metrics file is a slow verdict, exit 0" test "$status:$(json "$out" 'v["action"]')" = "0:slow"
check "its reason says why" contains "$out" "cannot open the file"

# ---- analyze --watch: only completed windows count, and it stops at the decision
now=$(date +%s)
{
  echo "timestamp,metric,variant,value"
  for i in $(seq 0 79); do
    t=$(awk -v n="$now" -v i="$i" 'BEGIN { printf "%.3f", n + 2 + i * 0.05 }')
    echo "$t,lat,baseline,0.$((200 + (i * 7) % 13))"
    echo "$t,lat,candidate,0.$((200 + (i * 11) % 13))"
  done
} >"$tmp/live.csv"
printf 'analysis: {window: 1s, windows: 4, promote_after: 2, min_samples: 5}\nmetrics: [{name: lat}]\n' >"$tmp/live.yaml"
run analyze --config "$tmp/live.yaml" --metrics "$tmp/live.csv" --since $((now + 2)) --watch
check "watch promotes after two completed windows" test "$status:$(json "$out" 'v["action"], len(v["windows"])')" = "0:promote 2"
check "and said so window by window" test "$(grep -c 'watch: after window' <<<"$err")" -ge 2

# ---- analyze with bad input: exit 3, file:line:column and field
bad_config() { printf '%s\n' "$@" >"$tmp/slo.yaml"; run analyze --config "$tmp/slo.yaml" --metrics "$examples/metrics.csv"; }
bad_config 'analysis: {window: 5m' 'metrics: []'
check "malformed YAML exits 3" test $status -eq 3
check "malformed YAML has a position" contains "$err" "$tmp/slo.yaml:2:8: malformed YAML"
bad_config 'analysis: {window: -5m}' 'metrics: [{name: a}]'
check "negative window is named" contains "$err" "slo.yaml:1:20: analysis.window: expected a duration"
bad_config 'metrics:' '  - name: a' '    direction: up'
check "bad enum names the field" contains "$err" 'slo.yaml:3:16: metrics[0].direction: expected increase|decrease|both, got "up"'
bad_config 'metrics:' '  - name: a' '    tolerence: 0.1'
check "unknown field is rejected" contains "$err" "slo.yaml:3:5: metrics[0].tolerence: unknown field"
bad_config 'metrics:' '  - name: a' '    weight: heavy'
check "wrong type names the field" contains "$err" 'metrics[0].weight: expected a number, got "heavy"'
bad_config 'analysis: {windows: 2, promote_after: 3}' 'metrics: [{name: a}]'
check "impossible promote is rejected" contains "$err" "analysis.promote_after: is 3 but only 2 windows"
check "config errors exit 3" test $status -eq 3
: >"$tmp/empty.yaml"
run analyze --config "$tmp/empty.yaml" --metrics "$examples/metrics.csv"
check "empty config exits 3" test "$status" -eq 3
printf 'timestamp,metric,variant,value\n1,p95_latency,blue,1\n' >"$tmp/m.csv"
run analyze --config "$examples/slo.yaml" --metrics "$tmp/m.csv"
check "unknown variant exits 3 with position" test "$status:$err" = "3:bellwether: error: $tmp/m.csv:2:15: variant: expected baseline or candidate, got \"blue\""
: >"$tmp/empty.csv"
run analyze --config "$examples/slo.yaml" --metrics "$tmp/empty.csv"
check "empty CSV exits 3" test $status -eq 3
run analyze --config "$examples/slo.yaml" --metrics "$examples/metrics.csv" --since yesterday
check "bad --since is a usage error" test $status -eq 2

# ---- decide
for hour in 00 08 10 16 23; do
  run decide --changes "$examples/changes.json" --policy "$examples/policy.yaml" --at "2026-11-27T$hour:00:00Z"
  check "example change ships at $hour:00 without approval" test "$status:$(json "$out" 'v["allowed"], v["approval_required"]')" = "0:True False"
done
run decide --changes "$examples/changes.json" --at 1795793400
check "default policy works without a file" test "$(json "$out" 'v["strategy"] in ("rolling","canary","bluegreen"), abs(sum(r["contribution"] for r in v["reasons"]) - v["risk_score"]) < 0.01')" = "True True"
run decide --changes "$tmp/none.json"
check "missing changes file exits 4" test $status -eq 4
printf '{"la": 3,' >"$tmp/broken.json"
run decide --changes "$tmp/broken.json"
check "malformed changes.json exits 3" test $status -eq 3
printf '{"la": -3}' >"$tmp/neg.json"
run decide --changes "$tmp/neg.json"
check "negative count is named" contains "$err" "neg.json: la: must not be negative"
printf 'strategies: [{below: 101, strategy: yolo}]\n' >"$tmp/policy.yaml"
run decide --changes "$examples/changes.json" --policy "$tmp/policy.yaml"
check "bad policy exits 3 with position" test "$status:$(echo "$err" | grep -c 'policy.yaml:1:37: strategies\[0\].strategy')" = "3:1"
run decide --changes "$examples/changes.json" --at tomorrow
check "bad --at is a usage error" test $status -eq 2

# ---- record: the history train learns from
for day in $(seq 1 40); do
  outcome=success; [[ $((day % 4)) -eq 0 ]] && outcome=rollback
  printf '{"service":"svc","la":%d,"nf":%d,"exp":%d}' $((day % 4 == 0 ? 900 + day : 10 + day)) $((day % 5 + 1)) $((day * 3)) >"$tmp/c$day.json"
  "$bw" record --changes "$tmp/c$day.json" --outcome $outcome --history "$tmp/history.csv" --at $((1790000000 + day * 86400)) >/dev/null 2>&1
done
check "record appends one row per deploy" test "$(wc -l <"$tmp/history.csv")" -eq 41
check "values are written shortest-exact" test "$(sed -n 2p "$tmp/history.csv" | cut -d, -f1-3)" = "1790086400,svc,"
run train --data "$tmp/history.csv" --label rollback
check "train learns from the recorded history" test "$status:$(json "$out" 'v["date_column"], "la" in v["features"]')" = "0:date True"
printf '{"action":"slow"}' >"$tmp/slow.json"
run record --changes "$tmp/c1.json" --verdict "$tmp/slow.json" --history "$tmp/history.csv"
check "a slow verdict is not an outcome" test $status -eq 3
check "and the history is untouched" test "$(wc -l <"$tmp/history.csv")" -eq 41

# ---- validate
run validate "$examples/slo.yaml"
check "example slo.yaml is valid" test "$status:$(json "$out" 'v["valid"]')" = "0:True"
run validate "$examples/slo.yaml" "$examples/policy.yaml"
check "example policy.yaml is valid too" test "$status:$(json "$out" '[f["kind"] for f in v["files"]]')" = "0:['slo', 'policy']"
printf 'kind: policy\ngates: {timezone: Mars/Olympus}\n' >"$tmp/policy.yaml"
run validate "$tmp/policy.yaml"
check "bad policy is invalid with a position" test "$status:$(echo "$err" | grep -c 'policy.yaml:2:19: gates.timezone: unknown time zone')" = "3:1"
run registry validate "$examples/jobs.yaml"
check "registry validate lists the example's intents" test "$status:$(json "$out" 'len(v["intents"])')" = "0:9"
printf 'a:\n  description: d\n  jenkins_job: j\n' >"$tmp/j1.yaml"
printf 'a:\n  description: again\n  jenkins_job: j\n' >"$tmp/j2.yaml"
run registry validate "$tmp/j1.yaml" "$tmp/j2.yaml"
check "an intent defined in two files is an error at the second" test "$status:$(echo "$err" | grep -c "j2.yaml:1:1: a: duplicate intent (first defined at $tmp/j1.yaml:2)")" = "3:1"
run validate "$examples/jobs.yaml"
check "validate recognises a jobs.yaml" test "$status:$(json "$out" 'v["files"][0]["kind"]')" = "0:jobs"
bad_config 'metrics: [{name: a}, {name: a}]'
run validate "$tmp/slo.yaml"
check "duplicate metric is invalid" test "$status" -eq 3
check "duplicate metric has a position" contains "$err" "metrics[1].name: duplicate metric"

finish
