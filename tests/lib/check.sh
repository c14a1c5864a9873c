#!/usr/bin/env bash
# Sourced by the shell test scripts: `check NAME COMMAND...` counts a pass or prints a failure;
# `finish` prints the closing line ("N passed, N failed") and returns non-zero on a failure;
# `json_eval FILE EXPR` prints a Python expression over the JSON in FILE (as v): strings as
# they are, everything else as compact JSON with sorted keys.
passed=0 failed=0
check() {
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $name"; fi
}
finish() {
  echo "$passed passed, $failed failed"
  [[ $failed -eq 0 ]]
}
json_eval() {
  /usr/bin/python3 -c '
import json, sys
v = json.load(open(sys.argv[1]))
x = eval(sys.argv[2])
print(x if isinstance(x, str) else json.dumps(x, sort_keys=True, separators=(",", ":")))' "$1" "$2"
}
