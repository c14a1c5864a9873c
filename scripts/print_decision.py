#!/usr/bin/env python3
"""Prints a decision JSON (stdin) as a short human summary: risk, strategy, pace, gates, top reasons."""
import json
import sys

d = json.load(sys.stdin)
pace = d["pace"]
steps = "/".join(f"{s:g}" for s in pace["steps"])
extra = f", pause {pace['pause']}" if "pause" in pace else ""
extra += f", soak {pace['soak']}" if "soak" in pace else ""
print(f"  risk {d['risk_score']:.1f}/100 ({d['model']['kind']}) -> {d['strategy']} {steps}%{extra}")
print(f"  approval required: {'yes' if d['approval_required'] else 'no'};  allowed: {'yes' if d['allowed'] else 'NO'}")
for g in d["gates"]:
    print(f"  gate {g['name']}: {'ok' if g['allowed'] else 'BLOCKED'} ({g['reason']})")
top = sorted(d["reasons"], key=lambda r: -abs(r["contribution"]))[:4]
print("  top reasons: " + ", ".join(f"{r['factor']} {r['contribution']:+.1f}" for r in top))
