#!/usr/bin/env bash
# Installs the build tree into a scratch prefix, builds examples/cpp-consumer against it with
# find_package(bellwether CONFIG), runs it, and checks its answer.
set -euo pipefail
build_dir=$1 consumer_src=$2 work=$3
cxx_flags=${4:-}  # the library's own flags (a sanitizer build needs them in its consumers too)
rm -rf "$work" && mkdir -p "$work"
cmake --install "$build_dir" --prefix "$work/prefix" > "$work/install.log"
cmake -S "$consumer_src" -B "$work/build" -DCMAKE_PREFIX_PATH="$work/prefix" \
  -DCMAKE_CXX_FLAGS="$cxx_flags" > "$work/configure.log"
cmake --build "$work/build" > "$work/build.log"
set +e
output=$("$work/build/canary_check")
status=$?
set -e
echo "$output"
# The candidate is clearly slower: the exact one-sided test must say so (exit 1, p = 1/12870).
[[ $status -eq 1 ]] || { echo "expected exit 1, got $status"; exit 1; }
/usr/bin/python3 - "$output" <<'PY'
import json, sys
a = json.loads(sys.argv[1])
assert a["method"] == "exact", a
assert a["w"] == 64.0, a
assert abs(a["p_value"] - 1 / 12870) < 1e-15, a
assert a["ci"][1] is None, a
print("consumer answer checked")
PY
