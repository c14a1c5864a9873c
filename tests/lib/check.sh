#!/usr/bin/env bash
# Sourced by the shell test scripts: `check NAME COMMAND...` counts a pass or prints a failure;
# `finish` prints the closing line ("N passed, N failed") and returns non-zero on a failure.
passed=0 failed=0
check() {
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $name"; fi
}
finish() {
  echo "$passed passed, $failed failed"
  [[ $failed -eq 0 ]]
}
