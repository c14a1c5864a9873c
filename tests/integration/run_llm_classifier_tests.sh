#!/usr/bin/env bash
# bellwether intent --llm against the LLM double (tests/doubles/llm_double.py, the Chat
# Completions protocol in its OpenAI and Azure forms, answers scripted per message): a proposal
# the matcher alone would not get is used with its values validated, values the message does
# not state are dropped, invalid ones rejected; an unknown intent, a 500, a refusal, malformed
# content, a wrong or a missing key all fall back to the matcher with a warning; the API key
# never appears in any output.
set -uo pipefail
bw=$1
root=$2
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../lib/check.sh"
tmp=$(mktemp -d)
registry=$root/examples/jobs.yaml
llm_pid=""

unset JENKINS_URL JENKINS_USER JENKINS_API_TOKEN JENKINS_API_TOKEN_FILE OPENAI_API_KEY
export XDG_STATE_HOME=$tmp/xdg
key=sk-test-$(/usr/bin/python3 -c 'import secrets; print(secrets.token_hex(20))')
export LLM_DOUBLE_API_KEY=$key BELLWETHER_LLM_API_KEY=$key

stop_llm() {
  if [[ -n $llm_pid ]]; then
    kill "$llm_pid" 2>/dev/null
    wait "$llm_pid" 2>/dev/null
    llm_pid=""
  fi
}
trap 'stop_llm; rm -rf "$tmp"' EXIT

# Scripted answers, one message each (first match wins; see the double's help).
cat >"$tmp/script.json" <<'JSON'
[
  {"match": "is what prod runs",
   "answer": {"intent": "deploy_service", "confidence": 0.92,
              "params": [{"name": "service", "value": "checkout"}, {"name": "version", "value": "2.3.1"},
                         {"name": "environment", "value": "production"}]}},
  {"match": "-> production please",
   "answer": {"intent": "deploy_service", "confidence": 0.9,
              "params": [{"name": "service", "value": "checkout"}, {"name": "version", "value": "2.3.1"},
                         {"name": "environment", "value": "production"}]}},
  {"match": "ship 2.3.1 to prod",
   "answer": {"intent": "deploy_service", "confidence": 0.9,
              "params": [{"name": "service", "value": "billing"}, {"name": "version", "value": "2.3.1"},
                         {"name": "environment", "value": "prod"}]}},
  {"match": "running on the moon",
   "answer": {"intent": "deploy_service", "confidence": 0.9,
              "params": [{"name": "service", "value": "checkout"}, {"name": "version", "value": "2.3.1"},
                         {"name": "environment", "value": "moon"}]}},
  {"match": "roll back checkout in prod",
   "answer": {"intent": "order_pizza", "confidence": 0.99, "params": []}},
  {"match": "roll back search in staging", "status": 500},
  {"match": "roll back billing in dev", "refusal": "I'm sorry, I cannot help with that request."},
  {"match": "roll back ledger in prod", "content": "{\"intent\": \"rollback_service\", \"confid"},
  {"match": "roll back orders in staging", "content": "[\"rollback_service\"]"},
  {"match": "roll back payments in dev",
   "answer": {"intent": "rollback_service", "confidence": 0.95,
              "params": [{"name": "service", "value": "payments"}, {"name": "environment", "value": "dev"}]}}
]
JSON

start_llm() {  # -> $llm (http://127.0.0.1:PORT)
  rm -f "$tmp/llm.port"
  /usr/bin/python3 "$root/tests/doubles/llm_double.py" --port 0 --port-file "$tmp/llm.port" --script "$tmp/script.json" &
  llm_pid=$!
  for _ in $(seq 200); do
    [[ -s $tmp/llm.port ]] && break
    sleep 0.05
  done
  llm=http://127.0.0.1:$(cat "$tmp/llm.port")
}
start_llm

# ask TEXT [extra options]: one turn with the classifier -> $rc, answer in $tmp/out, stderr in $tmp/err.
ask() {
  local text=$1; shift
  "$bw" intent --registry "$registry" --state-dir "$tmp/state" --session "s$RANDOM$RANDOM" --dry-run \
    --llm "$llm/v1" --llm-model test-model "$@" --text "$text" >"$tmp/out" 2>"$tmp/err"
  rc=$?
}
field() { json_eval "$tmp/out" "$1"; }
# seen EXPR: EXPR over the requests the double received (r: [{method, path, headers, body}]).
seen() {
  /usr/bin/python3 -c '
import json, sys, urllib.request
r = json.load(urllib.request.urlopen(sys.argv[1] + "/_double/requests", timeout=10))
x = eval(sys.argv[2])
print(x if isinstance(x, str) else json.dumps(x, sort_keys=True, separators=(",", ":")))' "$llm" "$1"
}
key_nowhere() { ! grep -qF "$key" "$tmp/out" "$tmp/err"; }
no_warning() { ! grep -q 'warning' "$tmp/err"; }

# --- proposals used, checked, dropped, rejected ---------------------------------------------------
message="could you make it so checkout 2.3.1 is what prod runs"
"$bw" intent --registry "$registry" --state-dir "$tmp/state" --session plain --dry-run --text "$message" >"$tmp/out" 2>"$tmp/err"
check "without the classifier the matcher finds no intent in '$message'" test "$(field 'v["intent"]')" = null
ask "$message"
check "with it, the proposal is used: deploy_service" test "$rc:$(field 'v["intent"]'):$(field 'v["state"]')" = "0:deploy_service:confirm"
check "with its values, canonical (production -> prod)" test "$(field 'v["params"]')" = '{"environment":"prod","service":"checkout","version":"2.3.1"}'
check "the evidence names the model" test "$(field '"llm test-model proposed deploy_service" in v["evidence"]')" = true
check "no warning when the model answered" no_warning
check "the request carried the key as a bearer token" test "$(seen 'r[-1]["headers"].get("Authorization") == "Bearer " + __import__("os").environ["LLM_DOUBLE_API_KEY"]')" = true
check "to /v1/chat/completions" test "$(seen 'r[-1]["path"]')" = /v1/chat/completions
check "for test-model, with the message as the user's" test "$(seen '[json.loads(r[-1]["body"])["model"], json.loads(r[-1]["body"])["messages"][-1]]')" = "[\"test-model\",{\"content\":\"$message\",\"role\":\"user\"}]"
check "asking for strict structured output" test "$(seen '[json.loads(r[-1]["body"])["response_format"][k] for k in ("type", "json_schema")][0] + ":" + str(json.loads(r[-1]["body"])["response_format"]["json_schema"]["strict"])')" = "json_schema:True"
check "the key is not in stdout or stderr" key_nowhere

ask "checkout: 2.3.1 -> production please"
check "a value the matcher left open is filled from the proposal (service)" test "$(field 'v["params"]')" = '{"environment":"prod","service":"checkout","version":"2.3.1"}'

ask "ship 2.3.1 to prod"
check "a proposed value the message does not state is dropped (service billing)" test "$(field 'v["intent"]'):$(field '"service" in v["params"]')" = "deploy_service:false"
check "so it is asked for" test "$(field 'v["state"]'):$(field 'v["missing"]'):$(field 'v["reply"].startswith("Which service?")')" = 'collecting:["service"]:true'
check "and 'billing' appears nowhere in the answer" test "$(grep -c billing "$tmp/out")" = 0

ask "could you get checkout 2.3.1 running on the moon"
check "an invalid proposed value (environment moon) is rejected" test "$(field 'v["rejected"]')" = '[{"parameter":"environment","problem":"expected one of dev, staging, prod, got \"moon\"","value":"moon"}]'
check "not taken, and re-asked with the reason" test "$(field '"environment" in v["params"]'):$(field 'v["state"]'):$(field '"not valid" in v["reply"]')" = "false:collecting:true"

# --- fall-backs to the deterministic matcher ----------------------------------------------------
fallback() {  # fallback NAME TEXT SERVICE ENVIRONMENT WARNING [extra options]
  local name=$1 text=$2 service=$3 environment=$4 warning=$5
  shift 5
  ask "$text" "$@"
  check "$name: the matcher still answers '$text'" test "$rc:$(field 'v["intent"]'):$(field 'v["state"]'):$(field 'v["params"]')" = "0:rollback_service:confirm:{\"environment\":\"$environment\",\"service\":\"$service\"}"
  check "$name: with a warning on stderr" grep -qF "warning: LLM classifier: $warning" "$tmp/err"
  check "$name: the key is in no output" key_nowhere
}
fallback "an intent the registry does not have" "roll back checkout in prod" checkout prod "the model named an intent the registry does not have"
fallback "a 500" "roll back search in staging" search staging "the LLM endpoint answered HTTP 500"
fallback "a refusal" "roll back billing in dev" billing dev "the model refused"
fallback "malformed content" "roll back ledger in prod" ledger prod "malformed answer from the LLM endpoint"
fallback "content off the schema" "roll back orders in staging" orders staging "the answer does not follow the schema"
BELLWETHER_LLM_API_KEY=sk-wrong-$key fallback "a wrong key (401)" "roll back checkout in prod" checkout prod "the LLM endpoint answered HTTP 401"
check "a wrong key: not even the wrong one is shown" test "$(grep -c 'sk-wrong' "$tmp/out" "$tmp/err" | awk -F: '{s += $2} END {print s}')" = 0
before=$(seen 'len(r)')
env -u BELLWETHER_LLM_API_KEY "$bw" intent --registry "$registry" --state-dir "$tmp/state" --session nokey --dry-run \
  --llm "$llm/v1" --llm-model test-model --text "roll back checkout in prod" >"$tmp/out" 2>"$tmp/err"
check "a missing key: the matcher answers" test "$?:$(field 'v["intent"]'):$(field 'v["params"]')" = '0:rollback_service:{"environment":"prod","service":"checkout"}'
check "a missing key: the warning names the variable" grep -qF 'warning: LLM classifier: no API key in $BELLWETHER_LLM_API_KEY' "$tmp/err"
check "a missing key: nothing is sent to the endpoint" test "$(seen 'len(r)')" = "$before"
LLM_KEY_FOR_TEST=$key "$bw" intent --registry "$registry" --state-dir "$tmp/state" --session keyenv --dry-run \
  --llm "$llm/v1" --llm-model test-model --llm-key-env LLM_KEY_FOR_TEST --text "$message" >"$tmp/out" 2>"$tmp/err"
check "--llm-key-env names another variable for the key" test "$(field 'v["intent"]'):$(seen 'r[-1]["headers"].get("Authorization") == "Bearer " + __import__("os").environ["LLM_DOUBLE_API_KEY"]')" = "deploy_service:true"

# --- the Azure OpenAI form ------------------------------------------------------------------------
azure=$llm/openai/deployments/bw-intent/chat/completions?api-version=2024-10-21
"$bw" intent --registry "$registry" --state-dir "$tmp/state" --session azure --dry-run --llm "$azure" \
  --text "roll back payments in dev" >"$tmp/out" 2>"$tmp/err"
check "Azure form: the proposal is used" test "$?:$(field 'v["intent"]'):$(field 'v["evidence"][0]')" = "0:rollback_service:llm classifier proposed rollback_service"
check "Azure form: sent to the deployment's URL with api-version" test "$(seen 'r[-1]["path"]')" = "/openai/deployments/bw-intent/chat/completions?api-version=2024-10-21"
check "Azure form: the key in the api-key header, no Authorization" test "$(seen '[r[-1]["headers"].get("api-key") == __import__("os").environ["LLM_DOUBLE_API_KEY"], "Authorization" in r[-1]["headers"]]')" = "[true,false]"
check "Azure form: no warning, no key in any output" test "$(no_warning && key_nowhere && echo clean)" = clean

finish
