#!/usr/bin/env bash
# Runs the JUnit suite in a JVM with -Xcheck:jni. The JVM only prints what the JNI checks find,
# so the output is searched too: a check warning fails the run like a failed test.
set -uo pipefail
java=$1
shift
log=$(mktemp)
trap 'rm -f "$log"' EXIT
"$java" -Xcheck:jni "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
if grep -E "WARNING in native method|FATAL ERROR in native method|JNI local refs: .* exceeds" "$log"; then
  echo "run_java_tests: -Xcheck:jni reported a problem (above)" >&2
  exit 1
fi
exit "$status"
