#!/usr/bin/env bash
# The decide round trip through JNI (Java string in, Java string out), median after warm-up.
# Usage: scripts/bench-jni.sh [BUILD_DIR] [CALLS]   (BUILD_DIR built with the bellwether_api and
# bellwether_jni_bench targets; default build/release)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build/release}
calls=${2:-50000}
api="$build/jni/bellwether-api.jar"
bench="$build/jni/bench/bellwether-jni-bench.jar"
for jar in "$api" "$bench"; do
  [[ -f $jar ]] || { echo "bench-jni: $jar is missing; build the bellwether_api and bellwether_jni_bench targets" >&2; exit 2; }
done
# The library comes from the jar, as in production; -Xcheck:jni is left off (it slows every call).
exec java -cp "$api:$bench" io.bellwether.bench.DecideRoundTrip "$root/examples" "$calls"
