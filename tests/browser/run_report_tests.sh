#!/usr/bin/env bash
# The HTML report in headless Chromium (Debian's package): it renders without console errors,
# its key elements are present, it is self-contained (no script, no network reference), and a
# screenshot is taken. Usage: run_report_tests.sh BELLWETHER REPO_ROOT [SCREENSHOT_OUT]
set -uo pipefail
bw=$1 root=$2 shot_out=${3:-}
command -v chromium >/dev/null || { echo "chromium not installed"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
source "$(dirname "${BASH_SOURCE[0]}")/../lib/check.sh"
chrome() {
  timeout 90 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --hide-scrollbars \
    --user-data-dir="$tmp/profile" --enable-logging=stderr --v=0 "$@"
}

"$bw" decide --changes "$root/examples/changes.json" --policy "$root/examples/policy.yaml" --at 1795793400 >"$tmp/decision.json"
"$bw" analyze --config "$root/examples/slo.yaml" --metrics "$root/examples/metrics-regression.csv" \
  --report "$tmp/report.html" --decision "$tmp/decision.json" >"$tmp/verdict.json" 2>/dev/null
check "analyze --report writes the report" test -s "$tmp/report.html"
"$bw" report --verdict "$tmp/verdict.json" --decision "$tmp/decision.json" --out "$tmp/again.html" >/dev/null
check "report from the stored verdict is the same page" cmp -s "$tmp/report.html" "$tmp/again.html"

check "no script" test "$(grep -ci '<script' "$tmp/report.html")" -eq 0
check "no network reference (http, //, @import, url())" test "$(grep -cE 'https?:|src=|@import|url\(' "$tmp/report.html")" -eq 0
check "dark mode and print styles" test "$(grep -c 'prefers-color-scheme: dark' "$tmp/report.html"):$(grep -c '@media print' "$tmp/report.html")" = "1:1"

chrome --dump-dom "file://$tmp/report.html" >"$tmp/dom.html" 2>"$tmp/console.log"
check "Chromium renders it" test -s "$tmp/dom.html"
check "no console errors" test "$(grep -cE 'CONSOLE|Uncaught|ERROR:.*(page|render)' "$tmp/console.log")" -eq 0
check "the verdict and reason are at the top" grep -q '<section class="verdict rollback" id="verdict"><h1><span class="action">rollback</span>' "$tmp/dom.html"
check "one section per metric, each with its chart" test "$(grep -o 'data-metric=' "$tmp/dom.html" | wc -l):$(grep -o 'class="chart"' "$tmp/dom.html" | wc -l)" = "3:3"
check "the decision timeline has both windows" test "$(grep -o 'class="step ' "$tmp/dom.html" | wc -l)" -eq 2
check "the risk factors are drawn" grep -q 'id="risk"' "$tmp/dom.html"
check "the SLO line is drawn" grep -q '>SLO 0.45<' "$tmp/dom.html"

chrome --window-size=1200,1900 --screenshot="$tmp/report.png" "file://$tmp/report.html" >/dev/null 2>&1
check "a screenshot is taken" test "$(stat -c %s "$tmp/report.png" 2>/dev/null || echo 0)" -gt 20000
[[ -n $shot_out ]] && cp "$tmp/report.png" "$shot_out"

printf '{"action": "promote"}' >"$tmp/bad.json"
"$bw" report --verdict "$tmp/bad.json" --out "$tmp/bad.html" >/dev/null 2>"$tmp/err"
check "a file that is not a verdict exits 3, writing nothing" test "$?:$(test -e "$tmp/bad.html" && echo yes || echo no)" = "3:no"

finish
