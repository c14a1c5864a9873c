#!/usr/bin/env bash
# The demo (`make demo`'s job) still tells its story: decide, Prometheus up, promote, rollback,
# the report written, Prometheus gone afterwards.
set -uo pipefail
bw=$1 root=$2
out=$(bash "$root/scripts/demo.sh" "$bw" 2>&1)
status=$?
echo "$out"
[[ $status -eq 0 ]] || { echo "demo exited $status"; exit 1; }
grep -q "risk .*/100 (heuristic) -> canary" <<<"$out" || { echo "no decision"; exit 1; }
grep -q "verdict: PROMOTE" <<<"$out" || { echo "healthy canary not promoted"; exit 1; }
grep -q "verdict: ROLLBACK" <<<"$out" || { echo "regression not rolled back"; exit 1; }
[[ -s $root/build/demo/report.html ]] || { echo "no report"; exit 1; }
port=$(grep -o 'http://127.0.0.1:[0-9]*' <<<"$out" | head -1)
if /usr/bin/python3 -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1] + '/-/ready', timeout=1)" "$port" 2>/dev/null; then
  echo "Prometheus still running after the demo"; exit 1
fi
echo "demo story checked"
