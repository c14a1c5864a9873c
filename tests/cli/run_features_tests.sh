#!/usr/bin/env bash
# `bellwether features --git A..B` on a throwaway repository with a known history: every
# feature value is worked out by hand below and asserted.
set -uo pipefail
bw=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
repo="$tmp/repo"
source "$(dirname "${BASH_SOURCE[0]}")/../lib/check.sh"
lines() { for i in $(seq 1 "$2"); do echo "$1 line $i"; done; }
commit() {  # commit WHO DATE MESSAGE
  git -C "$repo" add -A
  GIT_AUTHOR_NAME=$1 GIT_AUTHOR_EMAIL=$1@example.com GIT_COMMITTER_NAME=$1 GIT_COMMITTER_EMAIL=$1@example.com \
    GIT_AUTHOR_DATE="$2" GIT_COMMITTER_DATE="$2" git -C "$repo" commit -q -m "$3"
  git -C "$repo" rev-parse HEAD
}
mkdir -p "$repo" && git -C "$repo" init -q
mkdir -p "$repo/src" "$repo/docs" "$repo/lib"
lines a 10 >"$repo/src/a.c"; lines b 5 >"$repo/src/b.c"; lines r 3 >"$repo/docs/readme.md"
c1=$(commit alice "2024-06-09T00:00:00Z" "Initial import")              # 600 days before the change
sed -i '1d' "$repo/src/a.c"; printf 'a new 1\na new 2\n' >>"$repo/src/a.c"   # a.c: +2 -1, 11 lines
c2=$(commit bob "2026-01-11T00:00:00Z" "Tidy a")
lines c 4 >"$repo/lib/c.c"
printf '{\n  "name": "shop",\n  "version": "1.0.0",\n  "dependencies": {"x": "1"},\n  "lodash": "4.17.20"\n}\n' >"$repo/package.json"
a=$(commit alice "2026-01-21T00:00:00Z" "Add c and the manifest")
sed -i '1,2d' "$repo/src/a.c"; printf 'a fix 1\na fix 2\na fix 3\n' >>"$repo/src/a.c"  # +3 -2
echo "c more" >>"$repo/lib/c.c"                                              # +1
sed -i 's/4.17.20/4.17.21/' "$repo/package.json"                             # +1 -1
commit alice "2026-01-31T00:00:00Z" "Fix crash in parser" >/dev/null
lines d 6 >"$repo/src/d.c"                                                   # +6, new
b=$(commit alice "2026-02-01T00:00:00Z" "Add d")

"$bw" features --git "$a..$b" --repo "$repo" >"$tmp/f.json" 2>"$tmp/err"
check "features exits 0" test $? -eq 0
got() { /usr/bin/python3 -c "import json,sys; v=json.load(open(sys.argv[1])); print($1)" "$tmp/f.json"; }
check "2 commits, author alice" test "$(got 'v["commits"], v["author"]')" = "2 alice@example.com"
check "nf 4, nd 3 (src lib root), ns 3" test "$(got 'v["nf"], v["nd"], v["ns"]')" = "4 3 3"
check "la 11, ld 3" test "$(got 'v["la"], v["ld"]')" = "11.0 3.0"
# -(5/14 log2 5/14 + 1/14 log2 1/14 + 2/14 log2 2/14 + 6/14 log2 6/14)
check "entropy of churn 5,1,2,6 of 14" test "$(got 'abs(v["entropy"] - 1.7273966735744792) < 1e-12')" = "True"
check "lt: 11 + 4 + 6 lines at A, the new file 0" test "$(got 'v["lt"]')" = "21.0"
check "fix from the commit message" test "$(got 'v["fix"]')" = "1"
check "ndev: alice and bob touched these files" test "$(got 'v["ndev"]')" = "2"
check "age: mean of 21, 11, 11 days" test "$(got 'abs(v["age"] - 43 / 3) < 1e-12')" = "True"
check "nuc: last changes c2 and A" test "$(got 'v["nuc"]')" = "2"
check "exp 2, rexp 1/2 + 1, sexp 2" test "$(got 'v["exp"], v["rexp"], v["sexp"]')" = "2.0 1.5 2.0"
check "the lodash bump" test "$(got 'v["dependency_bumps"]')" = "['lodash 4.17.20 -> 4.17.21']"

"$bw" features --git "$a..nosuchbranch" --repo "$repo" >/dev/null 2>"$tmp/err"
check "unknown revision exits 3" test $? -eq 3
"$bw" features --git "$a...$b" --repo "$repo" >/dev/null 2>"$tmp/err"
check "A...B is refused" test $? -eq 3
"$bw" features --git "--output=/tmp/x..$b" --repo "$repo" >/dev/null 2>"$tmp/err"
check "a revision that looks like an option is refused" test $? -eq 3
"$bw" features --git "$b..$b" --repo "$repo" >/dev/null 2>"$tmp/err"
check "an empty range exits 3" grep -q "has no commits" "$tmp/err"
"$bw" features --git "HEAD~1..HEAD" --repo "$tmp" >/dev/null 2>"$tmp/err"
check "not a repository exits 3 with git's message" grep -qi "not a git repository" "$tmp/err"

finish
