#!/usr/bin/python3
"""Checks of the runnable examples that need no cluster: the Argo Rollouts manifests, the
Grafana "Release Compare" dashboard and the Prometheus alert rules, against the real CLI and a
real Prometheus (Debian's, started by run_example_checks.sh and filled with examples/canary.om).

Usage: check_examples.py BELLWETHER_CLI REPOSITORY PROMETHEUS_URL
Prints one line per check and exits 1 when any failed. Python 3 standard library + python3-yaml.
"""
import json
import re
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request

import yaml

CLI, REPO, PROM = sys.argv[1], sys.argv[2], sys.argv[3]
# examples/canary.om: 20 minutes of 5 s samples from 1763900000, scenarios healthy and regression.
DATA_START, DATA_END = 1763900000, 1763901195
failures = []


def check(name, condition, detail=""):
    print(("ok   " if condition else "FAIL ") + name + ("" if condition else ": " + str(detail)))
    if not condition:
        failures.append(name)


def load_yaml(path):
    with open(f"{REPO}/{path}") as f:
        return list(yaml.safe_load_all(f))


def prometheus(path, **params):
    url = f"{PROM}/api/v1/{path}?" + urllib.parse.urlencode(params)
    with urllib.request.urlopen(url, timeout=10) as answer:
        return json.load(answer)


def cli_options(command):
    """The long options `bellwether COMMAND --help` lists."""
    text = subprocess.run([CLI, command, "--help"], capture_output=True, text=True, check=True).stdout
    return set(re.findall(r"(--[a-z][a-z-]*)", text))


# ---- Argo Rollouts --------------------------------------------------------------------------
rollout_docs = load_yaml("examples/argo/rollout.yaml")
template_docs = load_yaml("examples/argo/analysis-template.yaml")
configmap_docs = load_yaml("examples/argo/slo-configmap.yaml")
kinds = sorted(d["kind"] for d in rollout_docs + template_docs + configmap_docs)
check("argo: the manifests parse as the expected objects", kinds == ["AnalysisTemplate", "ConfigMap", "Ingress", "Rollout", "Service", "Service"], kinds)
for doc in rollout_docs + template_docs + configmap_docs:
    check(f"argo: {doc['kind']}/{doc['metadata']['name']} has apiVersion and namespace shop",
          bool(doc.get("apiVersion")) and doc["metadata"].get("namespace") == "shop", doc.get("metadata"))

rollout = next(d for d in rollout_docs if d["kind"] == "Rollout")
template = template_docs[0]
canary = rollout["spec"]["strategy"]["canary"]
weights = [s["setWeight"] for s in canary["steps"] if "setWeight" in s]
check("argo: the canary steps raise the weight", weights == sorted(weights) and len(weights) >= 2 and weights[-1] < 100, weights)
check("argo: every weight is followed by a bellwether analysis",
      all("analysis" in canary["steps"][i + 1] for i, s in enumerate(canary["steps"]) if "setWeight" in s), canary["steps"])
declared = {a["name"] for a in template["spec"]["args"]}
for step in (s for s in canary["steps"] if "analysis" in s):
    names = [t["templateName"] for t in step["analysis"]["templates"]]
    check("argo: the analysis uses the AnalysisTemplate", names == [template["metadata"]["name"]], names)
    check("argo: the analysis passes exactly the template's args", {a["name"] for a in step["analysis"]["args"]} == declared, step["analysis"]["args"])
services = {d["metadata"]["name"] for d in rollout_docs if d["kind"] == "Service"}
check("argo: canary and stable services exist", {canary["canaryService"], canary["stableService"]} <= services, services)
check("argo: pods are labelled with the slo variants",
      canary["canaryMetadata"]["labels"]["version"] == "canary" and canary["stableMetadata"]["labels"]["version"] == "stable")

metric = template["spec"]["metrics"][0]
check("argo: one failed measurement fails the analysis", metric.get("failureLimit") == 0, metric.get("failureLimit"))
job = metric["provider"]["job"]["spec"]
check("argo: the job does not retry", job.get("backoffLimit") == 0, job.get("backoffLimit"))
container = job["template"]["spec"]["containers"][0]
command = container["command"] + container.get("args", [])
check("argo: the job runs bellwether analyze", command[:2] == ["bellwether", "analyze"], command[:2])
documented = cli_options("analyze")
used = [w for w in command if w.startswith("--")]
check("argo: every option of the job's command is one `bellwether analyze --help` documents",
      used and all(o in documented for o in used), [o for o in used if o not in documented])
check("argo: anything but promote fails the job (--fail-on slow)", "--fail-on" in command and command[command.index("--fail-on") + 1] == "slow", command)
config_path = command[command.index("--config") + 1]
mount = container["volumeMounts"][0]
volume = next(v for v in job["template"]["spec"]["volumes"] if v["name"] == mount["name"])
configmap = configmap_docs[0]
check("argo: --config is the slo.yaml key of the mounted ConfigMap",
      config_path == mount["mountPath"] + "/slo.yaml" and volume["configMap"]["name"] == configmap["metadata"]["name"] and "slo.yaml" in configmap["data"],
      (config_path, mount, volume))
used_args = set(re.findall(r"\{\{args\.([a-z-]+)\}\}", " ".join(command)))
check("argo: the job uses only declared args", used_args and used_args <= declared, used_args)

with tempfile.NamedTemporaryFile("w", suffix=".yaml") as slo_file:
    slo_file.write(configmap["data"]["slo.yaml"])
    slo_file.flush()
    validate = subprocess.run([CLI, "validate", slo_file.name], capture_output=True, text=True)
    check("argo: the ConfigMap's slo.yaml passes `bellwether validate`", validate.returncode == 0 and json.loads(validate.stdout)["valid"],
          validate.stdout + validate.stderr)
slo_argo = yaml.safe_load(configmap["data"]["slo.yaml"])
given_vars = {w.split("=", 1)[0] for i, w in enumerate(command) if i > 0 and command[i - 1] == "--var"}
for m in slo_argo["metrics"]:
    needed = set(re.findall(r"\{\{(\w+)\}\}", m["query"])) - {"variant"}
    check(f"argo: every {{{{name}}}} of {m['name']}'s query gets a --var", needed <= given_vars, needed - given_vars)
    query = m["query"].replace("{{variant}}", "canary").replace("{{service}}", "checkout").replace("{{namespace}}", "shop")
    answer = prometheus("query", query=query, time=DATA_END)
    check(f"argo: {m['name']}'s query is PromQL that Prometheus accepts", answer["status"] == "success", answer)

# ---- Prometheus alert rules -----------------------------------------------------------------
slo = yaml.safe_load(open(f"{REPO}/examples/slo-prometheus.yaml"))
rules = yaml.safe_load(open(f"{REPO}/examples/prometheus/checkout-slo-rules.yaml"))
all_rules = [r for g in rules["groups"] for r in g["rules"]]
alerts = {r["alert"]: r for r in all_rules if "alert" in r}
recorded = {r["record"] for r in all_rules if "record" in r}
metric_names = {m["name"]: re.match(r"(\w+)\{", m["query"]).group(1) for m in slo["metrics"]}
for m in slo["metrics"]:
    series = metric_names[m["name"]]
    mentioned = [a for a, r in alerts.items() if series in r["expr"]]
    check(f"rules: {m['name']} ({series}) is watched by an alert", mentioned, alerts.keys())
    if "slo" in m:
        bound = [a for a in mentioned if re.search(r">\s*" + re.escape(str(m["slo"])) + r"\s*$", alerts[a]["expr"].strip())]
        check(f"rules: an alert bounds {m['name']} at its slo {m['slo']}", bound, mentioned)
    tolerance = 1 + m["tolerance"]
    shift = [a for a in mentioned if f"{tolerance:.2f}" in alerts[a]["expr"] or f"{m['tolerance']:.2f}" in alerts[a]["expr"]]
    check(f"rules: an alert compares the canary with tolerance {m['tolerance']}", shift, mentioned)

# The canary-vs-stable and SLO alert expressions on the example canary, at the end of the data.
raw_alerts = {a: r for a, r in alerts.items() if not any(name in r["expr"] for name in recorded)}
fired = {}
for name, rule in raw_alerts.items():
    answer = prometheus("query", query=rule["expr"], time=DATA_END)
    check(f"rules: Prometheus evaluates {name}", answer["status"] == "success", answer)
    fired[name] = sorted({s["metric"].get("scenario") for s in answer["data"]["result"]})
check("rules: nothing fires for the healthy canary", all("healthy" not in s for s in fired.values()), fired)
for name in ("CheckoutCanaryLatencyRegression", "CheckoutCanaryErrorRegression", "CheckoutErrorRatioSLOBreach"):
    check(f"rules: {name} fires for the regressed canary (+30% latency, 3% errors)", fired.get(name) == ["regression"], fired.get(name))
check("rules: no CPU regression in the example data", fired.get("CheckoutCanaryCpuRegression") == [], fired.get("CheckoutCanaryCpuRegression"))

# ---- Grafana dashboard ----------------------------------------------------------------------
dashboard = json.load(open(f"{REPO}/examples/grafana/release-compare.json"))
check("grafana: title and uid", dashboard["title"] == "Release Compare" and dashboard["uid"] == "bellwether-release-compare")
check("grafana: importable (DS_PROMETHEUS input, datasource variable)",
      [i["name"] for i in dashboard["__inputs"]] == ["DS_PROMETHEUS"]
      and any(v["type"] == "datasource" and v["query"] == "prometheus" for v in dashboard["templating"]["list"]))
variables = {v["name"]: v for v in dashboard["templating"]["list"]}
check("grafana: baseline and candidate default to the slo.yaml variants",
      variables["baseline"]["current"]["value"] == slo["variants"]["baseline"] and variables["candidate"]["current"]["value"] == slo["variants"]["candidate"])
panels = dashboard["panels"]
ids = [p["id"] for p in panels]
check("grafana: panel ids are unique", len(ids) == len(set(ids)), ids)
check("grafana: every panel has a type, a title and a position",
      all(p.get("type") and p.get("title") and {"h", "w", "x", "y"} <= set(p["gridPos"]) for p in panels))
check("grafana: panels fit the 24-column grid", all(p["gridPos"]["x"] + p["gridPos"]["w"] <= 24 for p in panels))
queried = [p for p in panels if p["type"] not in ("row", "text")]
check("grafana: every data panel uses the datasource variable",
      all(p["datasource"]["uid"] == "${datasource}" and all(t["datasource"]["uid"] == "${datasource}" for t in p["targets"]) for p in queried))
for m in slo["metrics"]:
    series = metric_names[m["name"]]
    compare = [p for p in queried if p["type"] == "timeseries" and m["name"] in p["title"]]
    check(f"grafana: a panel compares baseline and candidate for {m['name']}", len(compare) == 1, [p["title"] for p in queried])
    if compare:
        exprs = [t["expr"] for t in compare[0]["targets"]]
        check(f"grafana: {m['name']} queries {series} for $baseline and $candidate",
              any(series in e and "$baseline" in e for e in exprs) and any(series in e and "$candidate" in e for e in exprs), exprs)
        steps = compare[0]["fieldConfig"]["defaults"]["thresholds"]["steps"]
        if "slo" in m:
            check(f"grafana: {m['name']}'s SLO line is at {m['slo']}", any(s["value"] == m["slo"] for s in steps), steps)
    shift = [p for p in queried if p["type"] == "stat" and m["name"] in p["title"]]
    check(f"grafana: a shift panel for {m['name']} turns red at the tolerance",
          len(shift) == 1 and shift[0]["fieldConfig"]["defaults"]["thresholds"]["steps"][-1]["value"] in (m["tolerance"], m.get("tolerance_abs")),
          [p["title"] for p in shift])
burn = [p for p in queried if "burn" in p["title"].lower()]
check("grafana: an error-budget burn panel", len(burn) == 1, [p["title"] for p in queried])
uses_records = {name for p in queried for t in p["targets"] for name in re.findall(r"([a-z_]+:[a-z_0-9:]+|slo_error_budget_remaining)", t["expr"])}
check("grafana: recorded series it reads are defined by the alert rules", uses_records and uses_records <= recorded, uses_records - recorded)

# Every query on the real Prometheus, with the dashboard variables set to the regressed canary.
values = {"$scenario": "regression", "$baseline": variables["baseline"]["current"]["value"], "$candidate": variables["candidate"]["current"]["value"]}
for p in queried:
    for t in p["targets"]:
        expr = t["expr"]
        for k, v in values.items():
            expr = expr.replace(k, v)
        answer = prometheus("query_range", query=expr, start=DATA_START, end=DATA_END, step=15)
        ok = answer["status"] == "success"
        raw = not any(name in expr for name in recorded | {"slo_error_budget_remaining"})
        if raw:
            ok = ok and len(answer["data"]["result"]) > 0
        check(f"grafana: '{p['title']}' {t['refId']} runs on Prometheus{' and has data' if raw else ''}", ok, (expr, answer.get("error")))

print(f"{len(failures)} failed")
sys.exit(1 if failures else 0)
