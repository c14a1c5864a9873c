#!/usr/bin/env bash
# bellwether notify against the webhook sink double (tests/doubles/webhook_sink.py, which answers
# like Slack, Teams and Discord do): the exact bytes each service receives for real decide and
# analyze outputs, one retry after a 500, a timeout within its bound, the webhook secret kept
# out of every output, --dry-run posting nothing, and bad events refused with exit 3.
set -uo pipefail
bw=$1
root=$2
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../lib/check.sh"
tmp=$(mktemp -d)
sink_pid="" sinks=0
unset BUILD_URL  # a Jenkins agent's own build must not leak into the expected payloads

stop_sink() {
  if [[ -n $sink_pid ]]; then
    kill "$sink_pid" 2>/dev/null
    wait "$sink_pid" 2>/dev/null
    sink_pid=""
  fi
}
trap 'stop_sink; rm -rf "$tmp"' EXIT

start_sink() {  # start_sink [sink options] -> $sink (http://127.0.0.1:PORT), $log
  stop_sink
  sinks=$((sinks + 1))
  log=$tmp/requests-$sinks.jsonl
  : >"$log"
  rm -f "$tmp/port"
  /usr/bin/python3 "$here/../doubles/webhook_sink.py" --port 0 --port-file "$tmp/port" --log "$log" "$@" &
  sink_pid=$!
  for _ in $(seq 100); do
    [[ -s $tmp/port ]] && break
    sleep 0.05
  done
  sink=http://127.0.0.1:$(cat "$tmp/port")
}

notify() {  # notify ARGS... -> $rc; stdout in $tmp/out, stderr in $tmp/err
  "$bw" notify "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
}
requests() { wc -l <"$log" | tr -d ' '; }
no_secret() { ! grep -q "secret" "$tmp/out" "$tmp/err"; }
stdout_is() { test "$(cat "$tmp/out")" = "$1"; }
# received_is N EXPECTED.json [EVENT.json]: request N's body is byte for byte the compact JSON of
# the expected payload (keys sorted, UTF-8 as is, as nlohmann::json writes it); with EVENT, the
# expected payload gets "event": that file's document, as the generic webhook sends it.
received_is() {
  /usr/bin/python3 - "$log" "$1" "$2" "${3:-}" <<'PY'
import base64, json, sys
log, n, expected_path, event_path = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
body = base64.b64decode(json.loads(open(log).read().splitlines()[n - 1])["body_base64"])
expected = json.load(open(expected_path))
if event_path:
    expected["event"] = json.load(open(event_path))
want = json.dumps(expected, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
if body != want:
    print("received:", body.decode(errors="replace"))
    print("expected:", want.decode())
    sys.exit(1)
PY
}
request_field() {  # request_field N PYTHON-EXPRESSION-OVER-r
  /usr/bin/python3 -c "import json,sys; r=json.loads(open(sys.argv[1]).read().splitlines()[int(sys.argv[2])-1]); print($2)" "$log" "$1"
}

# Real events: a decision for the example change at a fixed time, a rollback verdict for the
# example regression.
"$bw" decide --changes "$root/examples/changes.json" --policy "$root/examples/policy.yaml" \
  --at 2026-11-23T10:00:00Z >"$tmp/decision.json" 2>/dev/null
"$bw" analyze --config "$root/examples/slo.yaml" --metrics "$root/examples/metrics-regression.csv" >"$tmp/verdict.json"
build=http://jenkins.example/job/shop/job/checkout/42/
report=http://jenkins.example/job/shop/job/checkout/42/artifact/report.html

cat >"$tmp/slack.json" <<'JSON'
{"text": "🛑 Canary verdict: rollback — Critical metric error_rate failed in window 2: error_rate high: mean shift +0.03333, 95% CI [+0.01232, +0.05435] (median shift +0.05, 95% CI [+0, +0.05]) clears the band +-0.002 (tolerance 20% of baseline median 0, at least 0.002), p=0.0052 (Holm 0.01); mean 0.04167 above slo 0.02; spike: window mean z=6.364 against the baseline's windows",
 "blocks": [
  {"type": "header", "text": {"type": "plain_text", "text": "🛑 Canary verdict: rollback", "emoji": true}},
  {"type": "section",
   "text": {"type": "mrkdwn", "verbatim": true,
            "text": "Critical metric error_rate failed in window 2: error_rate high: mean shift +0.03333, 95% CI [+0.01232, +0.05435] (median shift +0.05, 95% CI [+0, +0.05]) clears the band +-0.002 (tolerance 20% of baseline median 0, at least 0.002), p=0.0052 (Holm 0.01); mean 0.04167 above slo 0.02; spike: window mean z=6.364 against the baseline's windows"},
   "fields": [
    {"type": "mrkdwn", "text": "*Score*\n0", "verbatim": true},
    {"type": "mrkdwn", "text": "*Deciding metric*\nerror_rate (high, critical)", "verbatim": true},
    {"type": "mrkdwn", "text": "*Baseline median*\n0", "verbatim": true},
    {"type": "mrkdwn", "text": "*Candidate median*\n0.05", "verbatim": true},
    {"type": "mrkdwn", "text": "*p-value*\n0.0052", "verbatim": true},
    {"type": "mrkdwn", "text": "*Shift estimate*\n+0.05, 95% CI [+0, +0.05]", "verbatim": true},
    {"type": "mrkdwn", "text": "*SLO*\nmean 0.04167 against bound 0.02: breached", "verbatim": true},
    {"type": "mrkdwn", "text": "*Metrics*\n2 high, 1 pass", "verbatim": true},
    {"type": "mrkdwn", "text": "*Deciding window*\n2 of 2", "verbatim": true}]},
  {"type": "context", "elements": [{"type": "mrkdwn", "text": "Bellwether · Canary verdict", "verbatim": true}]},
  {"type": "actions", "elements": [
    {"type": "button", "text": {"type": "plain_text", "text": "Build", "emoji": true},
     "url": "http://jenkins.example/job/shop/job/checkout/42/"},
    {"type": "button", "text": {"type": "plain_text", "text": "Report", "emoji": true},
     "url": "http://jenkins.example/job/shop/job/checkout/42/artifact/report.html"}]}]}
JSON

cat >"$tmp/discord.json" <<'JSON'
{"content": "🛑 Canary verdict: rollback",
 "embeds": [{
  "title": "Canary verdict: rollback",
  "description": "Critical metric error\\_rate failed in window 2: error\\_rate high: mean shift +0.03333, 95% CI \\[+0.01232, +0.05435\\] (median shift +0.05, 95% CI \\[+0, +0.05\\]) clears the band +-0.002 (tolerance 20% of baseline median 0, at least 0.002), p=0.0052 (Holm 0.01); mean 0.04167 above slo 0.02; spike: window mean z=6.364 against the baseline's windows",
  "url": "http://jenkins.example/job/shop/job/checkout/42/",
  "color": 13574702,
  "fields": [
   {"name": "Score", "value": "0", "inline": true},
   {"name": "Deciding metric", "value": "error\\_rate (high, critical)", "inline": true},
   {"name": "Baseline median", "value": "0", "inline": true},
   {"name": "Candidate median", "value": "0.05", "inline": true},
   {"name": "p-value", "value": "0.0052", "inline": true},
   {"name": "Shift estimate", "value": "+0.05, 95% CI \\[+0, +0.05\\]", "inline": true},
   {"name": "SLO", "value": "mean 0.04167 against bound 0.02: breached", "inline": true},
   {"name": "Metrics", "value": "2 high, 1 pass", "inline": true},
   {"name": "Deciding window", "value": "2 of 2", "inline": true},
   {"name": "Links", "inline": false,
    "value": "[Build](http://jenkins.example/job/shop/job/checkout/42/) · [Report](http://jenkins.example/job/shop/job/checkout/42/artifact/report.html)"}]}],
 "allowed_mentions": {"parse": []}}
JSON

cat >"$tmp/teams.json" <<'JSON'
{"type": "message",
 "attachments": [{
  "contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": null,
  "content": {
   "$schema": "http://adaptivecards.io/schemas/adaptive-card.json", "type": "AdaptiveCard", "version": "1.4",
   "body": [
    {"type": "TextBlock", "text": "Deploy decision: canary, risk 43.46", "size": "Large", "weight": "Bolder",
     "color": "Good", "wrap": true},
    {"type": "TextBlock", "text": "Risk 43.46/100: go ahead with canary (10% → 25% → 50% → 100%, 5m pauses).", "wrap": true},
    {"type": "FactSet", "facts": [
     {"title": "Risk score", "value": "43.46 / 100"},
     {"title": "Strategy", "value": "canary"},
     {"title": "Pace", "value": "10% → 25% → 50% → 100%, 5m pauses"},
     {"title": "Approval", "value": "not required"},
     {"title": "Gates", "value": "2 of 2 allow"},
     {"title": "Top factors", "value": "churn +12.55, criticality +6.667, peak\\_window +5"},
     {"title": "Model", "value": "heuristic"}]}],
   "actions": [{"type": "Action.OpenUrl", "title": "Build", "url": "http://jenkins.example/job/shop/job/checkout/42/"}]}}]}
JSON

cat >"$tmp/webhook.json" <<'JSON'
{"source": "bellwether", "kind": "decision", "title": "checkout 1.4.2",
 "summary": "Risk 43.46/100: go ahead with canary (10% → 25% → 50% → 100%, 5m pauses).",
 "outcome": "success",
 "facts": {"risk_score": "43.46 / 100", "strategy": "canary", "pace": "10% → 25% → 50% → 100%, 5m pauses",
           "approval": "not required", "gates": "2 of 2 allow",
           "top_factors": "churn +12.55, criticality +6.667, peak_window +5", "model": "heuristic"},
 "links": {"build": "http://jenkins.example/job/shop/job/checkout/42/"}}
JSON

# --- Slack: URL from the environment, Block Kit body, Slack's 200 "ok" ---
start_sink
export SLACK_WEBHOOK_URL=$sink/services/T0000/B0000/secretSlackToken
notify --to slack --url-env SLACK_WEBHOOK_URL --event "$tmp/verdict.json" --build-url "$build" --report-url "$report"
check "slack: delivered, exit 0" test "$rc" = 0
check "slack: the answer line" stdout_is '{"attempts":1,"delivered":true,"event":"verdict","status":200,"to":"slack"}'
check "slack: one POST to the webhook's path" test "$(requests):$(request_field 1 'r["method"], r["path"]')" = \
  "1:POST /services/T0000/B0000/secretSlackToken"
check "slack: the exact bytes" received_is 1 "$tmp/slack.json"
check "slack: sent as application/json" test "$(request_field 1 'r["headers"]["Content-Type"]')" = "application/json"
check "slack: names itself" grep -q '^bellwether/' <(request_field 1 'r["headers"]["User-Agent"]')
check "slack: nothing of the secret in stdout or stderr" no_secret

# --- --dry-run: the same payload on stdout, nothing posted ---
notify --to slack --url-env SLACK_WEBHOOK_URL --event "$tmp/verdict.json" --build-url "$build" --report-url "$report" --dry-run
check "dry run: exit 0" test "$rc" = 0
check "dry run: posts nothing" test "$(requests)" = 1
check "dry run: prints exactly the bytes that were posted" \
  test "$(cat "$tmp/out")" = "$(request_field 1 'r["body"]')"
notify --to discord --event "$tmp/verdict.json" --dry-run
check "dry run: needs no URL" test "$rc" = 0

# --- Teams: URL on argv (allowed, but its sig= must not be repeated), Adaptive Card, 202 ---
notify --to teams --url "$sink/workflows/abc123/triggers/manual/paths/invoke?api-version=2016-06-01&sig=secretTeamsSig" \
  --event "$tmp/decision.json" --build-url "$build"
check "teams: delivered with Teams' 202" stdout_is '{"attempts":1,"delivered":true,"event":"decision","status":202,"to":"teams"}'
check "teams: the exact bytes" received_is 2 "$tmp/teams.json"
check "teams: nothing of the secret in stdout or stderr" no_secret

# --- Discord: embed, Discord's 204, build link from $BUILD_URL ---
BUILD_URL=$build notify --to discord --url "$sink/api/webhooks/1234567890/secretDiscordToken" \
  --event "$tmp/verdict.json" --report-url "$report"
check "discord: delivered with Discord's 204" stdout_is '{"attempts":1,"delivered":true,"event":"verdict","status":204,"to":"discord"}'
check "discord: the exact bytes (build link from \$BUILD_URL)" received_is 3 "$tmp/discord.json"

# --- Generic webhook: the model and the original decision ---
notify --to webhook --url "$sink/hooks/bellwether?token=secretGeneric" --event "$tmp/decision.json" \
  --build-url "$build" --title "checkout 1.4.2" --pretty
check "webhook: delivered" test "$rc:$(/usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["delivered"])' <"$tmp/out")" = "0:True"
check "webhook: --pretty indents the answer" test "$(wc -l <"$tmp/out")" -gt 1
check "webhook: the exact bytes, with the decision as the event" received_is 4 "$tmp/webhook.json" "$tmp/decision.json"
check "webhook: nothing of the secret in stdout or stderr" no_secret

# --- One retry after a 500 ---
start_sink --fail-first 1
notify --to slack --url "$sink/services/T0000/B0000/secretSlackToken" --event "$tmp/verdict.json"
check "retry: delivered on the second attempt" \
  stdout_is '{"attempts":2,"delivered":true,"event":"verdict","status":200,"to":"slack"}'
check "retry: the same body twice" test "$(requests):$(request_field 1 'r["body"]' | md5sum)" = "2:$(request_field 2 'r["body"]' | md5sum)"

# --- A 500 that stays: one retry, then exit 4 with the answer, not the secret ---
start_sink --status 500
notify --to discord --url "$sink/api/webhooks/1/secretDiscordToken" --event "$tmp/verdict.json"
check "server error: exit 4 after two attempts" test "$rc:$(requests)" = "4:2"
check "server error: the answer line says so" \
  stdout_is '{"attempts":2,"delivered":false,"event":"verdict","status":500,"to":"discord"}'
check "server error: stderr names the service, host and status" \
  grep -q "Discord at $sink answered HTTP 500: internal_error (2 attempts)" "$tmp/err"
check "server error: nothing of the secret in stdout or stderr" no_secret

# --- A 4xx is an answer about the request: not repeated ---
start_sink --status 404
notify --to slack --url "$sink/services/T0000/B0000/secretSlackToken" --event "$tmp/verdict.json"
check "client error: exit 4 after one attempt" test "$rc:$(requests)" = "4:1"
check "client error: Slack's reason on stderr" grep -q 'answered HTTP 404: invalid_payload' "$tmp/err"

# --- A timeout: each attempt bounded by --timeout, one retry, exit 4 ---
start_sink --delay 5
started=$(date +%s%N)
notify --to teams --url "$sink/workflows/abc123/triggers/manual/paths/invoke?sig=secretTeamsSig" \
  --event "$tmp/decision.json" --timeout 1
elapsed_ms=$((($(date +%s%N) - started) / 1000000))
echo "timeout: exit $rc after ${elapsed_ms} ms"
check "timeout: exit 4" test "$rc" = 4
check "timeout: within 2 x 1 s plus the backoff (< 3.5 s)" test "$elapsed_ms" -lt 3500
check "timeout: retried once" test "$(requests)" = 2
check "timeout: the answer line has no status" \
  stdout_is '{"attempts":2,"delivered":false,"event":"decision","status":null,"to":"teams"}'
check "timeout: stderr says it timed out" grep -qi 'timed out' "$tmp/err"
check "timeout: nothing of the secret in stdout or stderr" no_secret
stop_sink

# --- Nobody listening: exit 4 ---
notify --to webhook --url "$sink/hooks/secretGeneric" --event "$tmp/decision.json" --timeout 2
check "connection refused: exit 4" test "$rc" = 4
check "connection refused: nothing of the secret in stdout or stderr" no_secret

# --- Bad events: exit 3 naming the file and the reason, nothing posted ---
start_sink
echo '{"hello": "world"}' >"$tmp/unknown.json"
notify --to slack --url "$sink/services/T/B/secretSlackToken" --event "$tmp/unknown.json"
check "unknown shape: exit 3" test "$rc" = 3
check "unknown shape: names the file and what was expected" grep -q "unknown.json: expected a Decision" "$tmp/err"
echo '{"action": "rollback", "metrics": [' >"$tmp/truncated.json"
notify --to slack --url "$sink/services/T/B/secretSlackToken" --event "$tmp/truncated.json"
check "malformed JSON: exit 3 naming the file" test "$rc:$(grep -c 'truncated.json: malformed JSON' "$tmp/err")" = "3:1"
/usr/bin/python3 -c 'import json,sys; v=json.load(open(sys.argv[1])); v["action"]="maybe"; print(json.dumps(v))' \
  "$tmp/verdict.json" >"$tmp/bad-action.json"
notify --to slack --url "$sink/services/T/B/secretSlackToken" --event "$tmp/bad-action.json"
check "bad field: exit 3 naming file and field" \
  test "$rc:$(grep -c 'bad-action.json: action: expected promote|slow|rollback, got "maybe"' "$tmp/err")" = "3:1"
notify --to slack --url "$sink/services/T/B/secretSlackToken" --event "$tmp/missing.json"
check "missing file: exit 3" test "$rc:$(grep -c 'missing.json: cannot open the file' "$tmp/err")" = "3:1"
check "bad events: nothing posted" test "$(requests)" = 0

# --- Usage: a URL is required unless --dry-run, and must be http(s); the variable must be set ---
notify --to slack --event "$tmp/verdict.json"
check "no URL: usage error" test "$rc" = 2
notify --to slack --url "ftp://example.com/secretPath" --event "$tmp/verdict.json"
check "not http(s): usage error without repeating the URL" test "$rc:$(grep -c secretPath "$tmp/err")" = "2:0"
notify --to slack --url-env BELLWETHER_NO_SUCH_VARIABLE --event "$tmp/verdict.json"
check "unset --url-env: exit 3 naming the variable" \
  test "$rc:$(grep -c 'BELLWETHER_NO_SUCH_VARIABLE: the variable is not set' "$tmp/err")" = "3:1"
notify --to irc --url "$sink/x" --event "$tmp/verdict.json"
check "unknown target: usage error" test "$rc" = 2
notify --to slack --url "$sink/x" --event "$tmp/verdict.json" --timeout 0
check "timeout 0: usage error" test "$rc" = 2
check "usage errors: nothing posted" test "$(requests)" = 0

finish
