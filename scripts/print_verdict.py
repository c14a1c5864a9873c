#!/usr/bin/env python3
"""Prints a verdict JSON (stdin) as a short human summary: the action, the reason, a line per window."""
import json
import sys

verdict = json.load(sys.stdin)
print(f"  verdict: {verdict['action'].upper()}  (score {verdict['score']})")
print(f"  reason:  {verdict['reason']}")
for window in verdict["windows"]:
    marks = ", ".join(f"{m['name']}={m['classification']}" for m in window["metrics"])
    print(f"  window {window['index'] + 1:>2}: {window['status']:<8} score {window['score']:>6}  {marks}")
