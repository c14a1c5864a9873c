#!/usr/bin/env bash
# bellwether intent end to end, one process per chat turn: a multi-turn conversation kept in a
# state directory and in a real Redis (two users on one session id kept apart), real triggers
# against the Jenkins double (tests/doubles/jenkins_double.py) with the token kept out of every
# output, Jenkins failing, cancel, help, unknown requests, allowed_channels, invalid values and
# shell-injection attempts, oversized and empty messages, confirm: false, a malformed registry.
set -uo pipefail
bw=$1
root=$2
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../lib/check.sh"
tmp=$(mktemp -d)
registry=$root/examples/jobs.yaml
jenkins_pid="" redis_pid=""

# Nothing of the machine's own environment may leak into the answers or be written to $HOME.
unset JENKINS_URL JENKINS_USER JENKINS_API_TOKEN JENKINS_API_TOKEN_FILE REDIS_PASSWORD BELLWETHER_LLM_API_KEY
export XDG_STATE_HOME=$tmp/xdg

stop_jenkins() {
  if [[ -n $jenkins_pid ]]; then
    kill "$jenkins_pid" 2>/dev/null
    wait "$jenkins_pid" 2>/dev/null
    jenkins_pid=""
  fi
}
stop_redis() {
  if [[ -n $redis_pid ]]; then
    kill "$redis_pid" 2>/dev/null
    wait "$redis_pid" 2>/dev/null
    redis_pid=""
  fi
}
trap 'stop_jenkins; stop_redis; rm -rf "$tmp"' EXIT

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

start_jenkins() {  # start_jenkins [double options] -> $jenkins_url
  stop_jenkins
  rm -f "$tmp/jenkins.port"
  /usr/bin/python3 "$root/tests/doubles/jenkins_double.py" --port 0 --port-file "$tmp/jenkins.port" "$@" &
  jenkins_pid=$!
  for _ in $(seq 200); do
    [[ -s $tmp/jenkins.port ]] && break
    sleep 0.05
  done
  jenkins_url=http://127.0.0.1:$(cat "$tmp/jenkins.port")
}

# jenkins_seen EXPR: EXPR over the requests the double received (r: [{method, path, headers, body}]).
jenkins_seen() {
  /usr/bin/python3 -c '
import json, sys, urllib.request
r = json.load(urllib.request.urlopen(sys.argv[1] + "/_double/requests", timeout=10))
v = eval(sys.argv[2])
print(v if isinstance(v, str) else json.dumps(v, sort_keys=True, separators=(",", ":")))' "$jenkins_url" "$1"
}
posts() { jenkins_seen 'len([x for x in r if x["method"] == "POST"])'; }

# say ARGS...: one turn in its own process -> $rc; the answer in $tmp/out, stderr in $tmp/err.
say() {
  "$bw" intent --registry "$registry" "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
}
# field EXPR: EXPR over the last answer (v); strings as they are, everything else as compact JSON.
field() { json_eval "$tmp/out" "$1"; }
# audit_lines FILE EXPR: EXPR over the audit log's records (a: one parsed JSON object per line).
audit_lines() {
  /usr/bin/python3 -c '
import json, sys
a = [json.loads(line) for line in open(sys.argv[1])] if __import__("os").path.exists(sys.argv[1]) else []
x = eval(sys.argv[2])
print(x if isinstance(x, str) else json.dumps(x, sort_keys=True, separators=(",", ":")))' "$1" "$2"
}


token=$(/usr/bin/python3 -c 'import secrets; print(secrets.token_hex(17))')
basic=$(printf 'bot:%s' "$token" | base64 -w0)
no_secret_in() { ! grep -qF -e "$token" -e "$basic" "$@"; }
namespace_body='namespace=payments&cluster=aks-prod-01&resource_group=rg-prod'
namespace_path=/job/platform/job/k8s/job/create-namespace/buildWithParameters

# ---------------------------------------------------------------------------------------------
# The namespace conversation, each turn its own process; Jenkins is configured (the double, with
# user and token) but the final yes is a dry run, so the double must receive nothing.
conversation() {  # conversation LABEL SESSION-BACKEND-ARGS...
  local label=$1; shift
  say "$@" --user carol --session ns --text "create a namespace"
  check "$label: 'create a namespace' is collecting create_namespace" test "$rc:$(field 'v["state"]'):$(field 'v["intent"]')" = "0:collecting:create_namespace"
  check "$label: it asks for the namespace" test "$(field 'v["reply"].startswith("Which namespace?")'):$(field 'v["missing"]')" = 'true:["namespace","cluster","resource_group"]'
  say "$@" --user carol --session ns --text "payments"
  check "$label: 'payments' fills the namespace, asks for the cluster" test "$(field 'v["params"]'):$(field 'v["reply"].startswith("Which cluster?")')" = '{"namespace":"payments"}:true'
  say "$@" --user carol --session ns --text "aks-prod-01"
  check "$label: 'aks-prod-01' fills the cluster, asks for the resource group" test "$(field 'v["params"]["cluster"]'):$(field 'v["reply"].startswith("Which resource group?")')" = "aks-prod-01:true"
  say "$@" --user carol --session ns --text "rg-prod"
  check "$label: 'rg-prod' completes it: confirm" test "$(field 'v["state"]'):$(field 'v["missing"]')" = "confirm:[]"
  check "$label: the confirmation summarises every value" test "$(field '"namespace=payments, cluster=aks-prod-01, resource_group=rg-prod" in v["reply"] and "Say yes" in v["reply"]')" = true
  say "$@" --user carol --session ns --text "actually the namespace is billing"
  check "$label: a correction keeps the confirmation open" test "$(field 'v["state"]')" = confirm
  check "$label: with the corrected namespace and the rest kept" test "$(field 'v["params"]')" = '{"cluster":"aks-prod-01","namespace":"billing","resource_group":"rg-prod"}'
  check "$label: the new summary shows it" test "$(field '"namespace=billing" in v["reply"]')" = true
  say "$@" --user carol --session ns --text "yes" --dry-run
  check "$label: yes with --dry-run is triggered" test "$rc:$(field 'v["state"]')" = "0:triggered"
  check "$label: the request body is exactly the form-encoded parameters" test "$(field 'v["request"]["body"]')" = "namespace=billing&cluster=aks-prod-01&resource_group=rg-prod"
  check "$label: the request goes to the job's buildWithParameters" test "$(field 'v["request"]["method"] + " " + v["request"]["url"]')" = "POST $jenkins_url$namespace_path"
  check "$label: the credentials are masked in the request" test "$(field 'v["request"]["headers"]["Authorization"]')" = "Basic ****"
  check "$label: the dry run sent Jenkins nothing" test "$(jenkins_seen 'len(r)')" = 0
  check "$label: the token is in no output" no_secret_in "$tmp/out" "$tmp/err"
  say "$@" --user carol --session ns --text "yes" --dry-run
  check "$label: the conversation ended: another yes starts nothing" test "$(field 'v["intent"]'):$(field '"request" in v')" = "null:false"
}

start_jenkins --user bot --token "$token" --jobs platform/k8s/create-namespace,platform/k8s/delete-namespace
export JENKINS_URL=$jenkins_url JENKINS_USER=bot JENKINS_API_TOKEN=$token
conversation "state dir" --state-dir "$tmp/state"
check "state dir: the dry run is audited as dry_run" test "$(audit_lines "$tmp/state/audit.jsonl" '[x["result"] for x in a]')" = '["dry_run"]'

# --- the same conversation in a real Redis (Debian's redis-server, unix socket and loopback) ---
redis_port=$(free_port)
redis-server --bind 127.0.0.1 --port "$redis_port" --unixsocket "$tmp/redis.sock" --unixsocketperm 700 \
  --save '' --appendonly no --dir "$tmp" --logfile "$tmp/redis.log" &
redis_pid=$!
for _ in $(seq 200); do
  [[ $(redis-cli -s "$tmp/redis.sock" ping 2>/dev/null) == PONG ]] && break
  sleep 0.05
done
sessions_in_redis() { redis-cli -s "$tmp/redis.sock" --scan --pattern 'bellwether:session:*' | wc -l | tr -d ' '; }
conversation "redis" --redis "unix://$tmp/redis.sock"
check "redis: a finished conversation leaves no session behind" test "$(sessions_in_redis)" = 0

tcp=redis://127.0.0.1:$redis_port
say --redis "unix://$tmp/redis.sock" --user dave --session s1 --text "roll back checkout"
say --redis "$tcp" --user dave --session s1 --text "prod"
check "redis: a session begun over the socket continues over TCP (it lives in the server)" test "$(field 'v["state"]'):$(field 'v["params"]')" = 'confirm:{"environment":"prod","service":"checkout"}'
say --redis "$tcp" --user dave --session s1 --text "cancel"

# Two users, one session id, interleaved turn by turn.
turn_of() {  # turn_of USER TEXT -> the answer's params as compact JSON
  say --redis "$tcp" --user "$1" --session shared --text "$2"
  field 'v["params"]'
}
turn_of alice "create a namespace" >/dev/null
turn_of bob "create a namespace" >/dev/null
alice1=$(turn_of alice payments)
bob1=$(turn_of bob search)
check "alice gets only her namespace" test "$alice1" = '{"namespace":"payments"}'
check "bob gets only his" test "$bob1" = '{"namespace":"search"}'
check "two users on one session id are two sessions in Redis" test "$(sessions_in_redis)" = 2
alice2=$(turn_of alice aks-prod-01)
bob2=$(turn_of bob aks-dev-02)
alice3=$(turn_of alice rg-prod)
alice_state=$(field 'v["state"]')
bob3=$(turn_of bob rg-dev)
check "alice's conversation reaches confirm with her values" test "$alice_state:$alice3" = 'confirm:{"cluster":"aks-prod-01","namespace":"payments","resource_group":"rg-prod"}'
check "bob's with his" test "$(field 'v["state"]'):$bob3" = 'confirm:{"cluster":"aks-dev-02","namespace":"search","resource_group":"rg-dev"}'
check "neither ever saw the other's values" test "$(printf '%s\n' "$alice1" "$alice2" "$alice3" | grep -c -e search -e aks-dev-02 -e rg-dev):$(printf '%s\n' "$bob1" "$bob2" "$bob3" | grep -c -e payments -e aks-prod-01 -e rg-prod)" = "0:0"
say --redis "$tcp" --user bob --session shared --text yes --dry-run
check "bob's yes runs bob's request" test "$(field 'v["request"]["body"]')" = "namespace=search&cluster=aks-dev-02&resource_group=rg-dev"
say --redis "$tcp" --user alice --session shared --text yes --dry-run
check "alice's yes runs alice's request" test "$(field 'v["request"]["body"]')" = "$namespace_body"
check "Jenkins received nothing from the dry runs" test "$(jenkins_seen 'len(r)')" = 0
stop_redis

# --- a real trigger against the Jenkins double ---------------------------------------------------
start_jenkins --user bot --token "$token" --jobs platform/k8s/create-namespace
export JENKINS_URL=$jenkins_url
state=$tmp/trigger
say --state-dir "$state" --user alice --text "create namespace payments on aks-prod-01 rg rg-prod"
check "a complete request asks for confirmation first" test "$(field 'v["state"]'):$(posts)" = "confirm:0"
say --state-dir "$state" --user alice --text "yes"
check "yes triggers (exit 0)" test "$rc:$(field 'v["state"]')" = "0:triggered"
check "Jenkins got exactly one POST" test "$(posts)" = 1
check "to the job's buildWithParameters" test "$(jenkins_seen '[x["path"] for x in r if x["method"] == "POST"][0]')" = "$namespace_path"
check "with the form-encoded parameters as the body" test "$(jenkins_seen '[x["body"] for x in r if x["method"] == "POST"][0]')" = "$namespace_body"
check "and the user's API token as basic authentication" test "$(jenkins_seen '[x["headers"].get("Authorization") for x in r if x["method"] == "POST"][0]')" = "Basic $basic"
check "the answer has the queue item" test "$(field 'v["queue_url"]'):$(field 'v["queue_id"]')" = "$jenkins_url/queue/item/1/:1"
check "the audit log got one line" test "$(audit_lines "$state/audit.jsonl" 'len(a)')" = 1
check "with user, intent, params and result triggered" test "$(audit_lines "$state/audit.jsonl" '[a[0]["user"], a[0]["intent"], a[0]["params"], a[0]["result"]]')" = '["alice","create_namespace",{"cluster":"aks-prod-01","namespace":"payments","resource_group":"rg-prod"},"triggered"]'
check "the token is in neither stdout, stderr nor the audit log" no_secret_in "$tmp/out" "$tmp/err" "$state/audit.jsonl"

# The token from a file (a mounted secret) instead of the environment.
printf '%s\n' "$token" >"$tmp/token"
chmod 600 "$tmp/token"
unset JENKINS_API_TOKEN
say --state-dir "$state" --user alice --dry-run --text "create namespace search on aks-dev-02 rg rg-dev"
JENKINS_API_TOKEN_FILE=$tmp/token "$bw" intent --registry "$registry" --state-dir "$state" --user alice --text yes >"$tmp/out" 2>"$tmp/err"
check "\$JENKINS_API_TOKEN_FILE authenticates the trigger too" test "$?:$(field 'v["state"]'):$(jenkins_seen '[x["headers"].get("Authorization") for x in r if x["method"] == "POST"][-1]')" = "0:triggered:Basic $basic"
export JENKINS_API_TOKEN=$token

# --follow waits for the build (the double advances per poll, never with time).
start_jenkins --user bot --token "$token" --jobs platform/k8s/create-namespace --queue-polls 1 --build-polls 1
export JENKINS_URL=$jenkins_url
say --state-dir "$state" --user alice --text "create namespace payments on aks-prod-01 rg rg-prod"
say --state-dir "$state" --user alice --text "yes" --follow
check "--follow: the build result is added" test "$rc:$(field 'v["build"]["result"]'):$(field 'v["build"]["number"]')" = "0:SUCCESS:1"
check "--follow: with the build's URL" test "$(field 'v["build"]["url"]')" = "$jenkins_url/job/platform/job/k8s/job/create-namespace/1/"
check "--follow: the console goes to stderr" grep -q 'Finished: SUCCESS' "$tmp/err"
check "--follow: still no token anywhere" no_secret_in "$tmp/out" "$tmp/err" "$state/audit.jsonl"

# --- Jenkins failing ---------------------------------------------------------------------------
start_jenkins --user bot --token "$token" --jobs platform/k8s/create-namespace --fail-first-posts 1 --fail-status 500
export JENKINS_URL=$jenkins_url
state=$tmp/failing
say --state-dir "$state" --user alice --text "create namespace payments on aks-prod-01 rg rg-prod"
say --state-dir "$state" --user alice --text "yes"
check "Jenkins answering 500: exit 4" test "$rc" = 4
check "the answer stays in confirm with the error" test "$(field 'v["state"]'):$(field '"HTTP 500" in v["error"]')" = "confirm:true"
check "exactly one POST was made (a trigger is never repeated blindly)" test "$(posts)" = 1
check "the failure is audited" test "$(audit_lines "$state/audit.jsonl" '[x["result"] for x in a]')" = '["failed"]'
JENKINS_API_TOKEN=not-the-token-$token "$bw" intent --registry "$registry" --state-dir "$state" --user alice --text yes >"$tmp/out" 2>"$tmp/err"
check "a wrong token: exit 4" test "$?" = 4
check "still in confirm, the error naming the user" test "$(field 'v["state"]'):$(field '"user bot" in v["error"]')" = "confirm:true"
check "one more POST, no retry" test "$(posts)" = 2
check "the wrong token is in no output either" no_secret_in "$tmp/out" "$tmp/err" "$state/audit.jsonl"
say --state-dir "$state" --user alice --text "yes"
check "saying yes again once Jenkins is fine triggers" test "$rc:$(field 'v["state"]'):$(posts)" = "0:triggered:3"

# --- cancel, help, unknown requests -----------------------------------------------------------
export JENKINS_URL=$jenkins_url
state=$tmp/talk
say --state-dir "$state" --text "create a namespace"
say --state-dir "$state" --text "never mind"
check "'never mind' while collecting cancels" test "$(field 'v["state"]'):$(field 'v["intent"]')" = "cancelled:create_namespace"
say --state-dir "$state" --text "payments"
check "and the next turn starts fresh (a bare value is no request)" test "$(field 'v["intent"]'):$(field 'v["params"]')" = "null:{}"
say --state-dir "$state" --text "create namespace payments on aks-prod-01 rg rg-prod"
say --state-dir "$state" --text "never mind"
check "'never mind' in confirm cancels" test "$(field 'v["state"]'):$(field '"nothing was triggered" in v["reply"]')" = "cancelled:true"
say --state-dir "$state" --text "yes" --dry-run
check "and a yes after it confirms nothing" test "$(field 'v["intent"]'):$(field 'v["state"] != "triggered"'):$(field '"request" in v')" = "null:true:false"
say --state-dir "$state" --text "help"
"$bw" registry validate "$registry" >"$tmp/registry.json"
check "help lists every intent of the registry" /usr/bin/python3 -c '
import json, sys
names = [i["name"] for i in json.load(open(sys.argv[1]))["intents"]]
reply = json.load(open(sys.argv[2]))["reply"]
sys.exit(0 if len(names) == 9 and all(n in reply for n in names) else 1)' "$tmp/registry.json" "$tmp/out"
say --state-dir "$state" --text "order pizza"
check "an unknown request: intent null" test "$rc:$(field 'v["intent"]'):$(field 'v["state"] != "triggered"')" = "0:null:true"
check "with a reply that points to help" test "$(field '"help" in v["reply"]')" = true
check "no request ever reached Jenkins in the talk" test "$(posts)" = 3
# A confirmation word answering a question for a value is not the value: the question is asked again.
state=$tmp/yes-as-value
say --state-dir "$state" --text "create a namespace"
say --state-dir "$state" --text "yes"
check "'yes' answering 'Which namespace?' is not taken as namespace=yes" test "$(field 'v["params"]')" = "{}"

# --- allowed_channels ---------------------------------------------------------------------------
state=$tmp/channels
say --state-dir "$state" --user erin --channel random --text "delete namespace payments on aks-dev-01"
check "delete_namespace from #random is refused" test "$(field 'v["state"]'):$(field 'v["reply"].startswith("Not allowed")')" = "cancelled:true"
check "the refusal is audited" test "$(audit_lines "$state/audit.jsonl" '[a[-1]["result"], a[-1]["channel"], a[-1]["intent"], a[-1]["user"]]')" = '["refused","random","delete_namespace","erin"]'
say --state-dir "$state" --user erin --channel random --text "yes" --dry-run
check "and a yes after it runs nothing" test "$(field '"request" in v')" = false
say --state-dir "$state" --user erin --channel platform-ops --text "delete namespace payments on aks-dev-01"
check "from #platform-ops it proceeds to confirm" test "$(field 'v["state"]'):$(field 'v["params"]')" = 'confirm:{"cluster":"aks-dev-01","namespace":"payments"}'
say --state-dir "$state" --user erin --channel platform-ops --text "yes" --dry-run
check "and is triggered (dry run, with the default force)" test "$(field 'v["state"]'):$(field 'v["request"]["body"]')" = "triggered:namespace=payments&cluster=aks-dev-01&force=false"

# --- invalid values and injection attempts -------------------------------------------------------
state=$tmp/values
say --state-dir "$state" --text "create a namespace"
say --state-dir "$state" --text "namespace Payments_X"
check "an invalid namespace is re-asked" test "$(field 'v["state"]'):$(field 'v["params"]'):$(field 'v["reply"].endswith("Which namespace? (Namespace name)")')" = "collecting:{}:true"
check "with the reason" test "$(field 'v["rejected"][0]["parameter"]'):$(field '"does not match" in v["reply"] and "Payments_X" in v["reply"]')" = "namespace:true"
say --state-dir "$state" --text "payments"
check "a valid answer after it is taken" test "$(field 'v["params"]')" = '{"namespace":"payments"}'
say --state-dir "$state" --text "cancel"

# A value reaches a request only form-encoded: the body holds only unreserved characters,
# %-escapes, = and &, and decodes back to the parameters.
form_encoded_only() {
  /usr/bin/python3 -c '
import json, re, sys, urllib.parse
v = json.load(open(sys.argv[1]))
if "request" not in v:
    sys.exit(0)
body = v["request"]["body"]
ok = re.fullmatch(r"[A-Za-z0-9._~%=&-]*", body) is not None
pairs = urllib.parse.parse_qsl(body, keep_blank_values=True, strict_parsing=True)
sys.exit(0 if ok and all(dict(pairs).get(k) == x for k, x in v["params"].items()) else 1)' "$tmp/out"
}
# rejected_with_reason: the answer refused a value and said why (no request).
rejected_with_reason() { test "$(field '"request" not in v and bool(v.get("rejected")) and "not valid" in v["reply"]')" = true; }
injections=('; rm -rf /' '$(whoami)' '`id`' $'a\nb')
for value in "${injections[@]}"; do
  shown=${value//$'\n'/\\n}
  state=$tmp/inject-$RANDOM
  # As the bare answer to "Which service?" (a free-text parameter, the widest door).
  say --state-dir "$state" --dry-run --text "deploy a service"
  say --state-dir "$state" --dry-run --text "$value"
  say --state-dir "$state" --dry-run --text "version 2.3.1 to prod"
  [[ $(field 'v["state"]') == confirm ]] && say --state-dir "$state" --dry-run --text "yes"
  check "[$shown] as an answer: rejected or only form-encoded" form_encoded_only
  check "[$shown] as an answer: no shell character in the request" test "$(field '"request" not in v or not any(c in v["request"]["body"] for c in ";$`()\n ")')" = true
  # Quoted after key=, where the whole value is kept: it must be refused with the reason.
  quoted_state=$tmp/inject-$RANDOM
  say --state-dir "$quoted_state" --dry-run --text "restart app=\"$value\" in prod"
  check "[$shown] quoted as app=\"…\": refused with a reason" rejected_with_reason
  check "[$shown] quoted: the value is not taken" test "$(field '"service" in v["params"]')" = false
done
# A shell expression given as the bare answer to "Which service?" is refused whole, with the
# reason, like the same value after app=.
state=$tmp/inject-bare
say --state-dir "$state" --dry-run --text "deploy a service"
say --state-dir "$state" --dry-run --text '$(whoami)'
check "the bare answer \$(whoami) to 'Which service?' is refused with a reason, not taken as service=whoami" rejected_with_reason

# Characters that mean something in a form body are escaped, not passed through.
state=$tmp/escape
say --state-dir "$state" --dry-run --text 'restart app=a%26b in prod'
say --state-dir "$state" --dry-run --text yes
check "a literal %26 is sent escaped as %2526" test "$(field 'v["request"]["body"]')" = "service=a%2526b&environment=prod"
say --state-dir "$state" --dry-run --text 'restart app="a b+c" in prod'
say --state-dir "$state" --dry-run --text yes
check "a space and a + are escaped too" test "$(field 'v["request"]["body"]')" = "service=a%20b%2Bc&environment=prod"
check "no injection attempt reached Jenkins" test "$(posts)" = 3

# --- oversized and empty messages ---------------------------------------------------------------
/usr/bin/python3 -c '
import sys
line = "deploy checkout 2.3.1 to prod please "
sys.stdout.write((line * (10 * 1024 * 1024 // len(line) + 1))[:10 * 1024 * 1024])' >"$tmp/huge.txt"
head -c $((1024 * 1024)) "$tmp/huge.txt" >"$tmp/big.txt"
state=$tmp/sizes
started=$(date +%s%N)
say --state-dir "$state" --dry-run --text "$(cat "$tmp/big.txt")"
if [[ $rc -eq 126 ]]; then  # one argv string is at most 128 KiB on Linux (MAX_ARG_STRLEN)
  head -c $((100 * 1024)) "$tmp/huge.txt" >"$tmp/big.txt"
  started=$(date +%s%N)
  say --state-dir "$state" --dry-run --text "$(cat "$tmp/big.txt")"
fi
elapsed_ms=$(( ($(date +%s%N) - started) / 1000000 ))
big_bytes=$(wc -c <"$tmp/big.txt" | tr -d ' ')
check "a $big_bytes-byte message: exit 0" test "$rc" = 0
check "refused as too long, naming its size" test "$(field '"too long" in v["reply"] and "'"$big_bytes"' bytes" in v["reply"]')" = true
check "not read as a request (though it is one, repeated)" test "$(field 'v["intent"]'):$(field 'v["state"]')" = "null:collecting"
check "and refused quickly (${elapsed_ms} ms, bound 5 s)" test "$elapsed_ms" -lt 5000
# The 10 MB message itself fits through the terminal conversation's standard input.
{ cat "$tmp/huge.txt"; printf '\nquit\n'; } | "$bw" chat --registry "$registry" --dry-run >"$tmp/chat.out" 2>"$tmp/chat.err"
check "a 10 MB line to chat: exit 0" test "$?" = 0
check "refused as too long" grep -q "That message is too long ($((10 * 1024 * 1024)) bytes" "$tmp/chat.out"
say --state-dir "$state" --text ""
check "an empty message gets a helpful reply" test "$rc:$(field 'v["intent"]'):$(field '"Say what you need" in v["reply"] and "help" in v["reply"]')" = "0:null:true"

# --- confirm: false ------------------------------------------------------------------------------
cat >"$tmp/quick.yaml" <<'YAML'
flush_cache:
  description: Flush the cache of a service
  jenkins_job: ops/flush-cache
  confirm: false
  examples: [flush the cache of checkout]
  parameters:
    - {name: service, required: true, description: Service whose cache to flush, aliases: [app]}
YAML
"$bw" intent --registry "$tmp/quick.yaml" --state-dir "$tmp/quick" --dry-run --text "flush the cache of checkout" >"$tmp/out" 2>"$tmp/err"
check "confirm: false goes straight to triggered (dry run)" test "$?:$(field 'v["state"]'):$(field 'v["request"]["body"]')" = "0:triggered:service=checkout"
check "at that job's buildWithParameters" test "$(field 'v["request"]["url"]')" = "$jenkins_url/job/ops/job/flush-cache/buildWithParameters"
"$bw" intent --registry "$tmp/quick.yaml" --state-dir "$tmp/quick" --dry-run --text "flush the cache" >"$tmp/out" 2>"$tmp/err"
"$bw" intent --registry "$tmp/quick.yaml" --state-dir "$tmp/quick" --dry-run --text "checkout" >"$tmp/out" 2>"$tmp/err"
check "and when the last value comes in a later turn, without a yes too" test "$(field 'v["state"]'):$(field 'v["params"]')" = 'triggered:{"service":"checkout"}'

# --- a malformed registry ----------------------------------------------------------------------
printf 'create_namespace:\n  description: x\n  jenkins_job: a/b\n  parameters:\n    - {name: ns, required: true\n' >"$tmp/broken.yaml"
"$bw" intent --registry "$tmp/broken.yaml" --state-dir "$tmp/broken" --text "hello" >"$tmp/out" 2>"$tmp/err"
check "a malformed registry: exit 3" test "$?" = 3
check "naming file:line" grep -q "$tmp/broken.yaml:6:[0-9]*: malformed YAML" "$tmp/err"
printf 'create_namespace:\n  description: x\n  jenkins_job: a/b\n  confirm: maybe\n' >"$tmp/invalid.yaml"
"$bw" intent --registry "$tmp/invalid.yaml" --state-dir "$tmp/broken" --text "hello" >"$tmp/out" 2>"$tmp/err"
check "an invalid field: exit 3 naming file:line and the field" test "$?:$(grep -c "$tmp/invalid.yaml:4:[0-9]*: create_namespace.confirm" "$tmp/err")" = "3:1"

finish
