#!/usr/bin/env python3
"""Generates the example metrics CSVs (deterministic; run with Debian's /usr/bin/python3 + numpy).

metrics.csv            a healthy canary: candidate and baseline from the same distributions
metrics-regression.csv the same canary with +30% latency and a 3% error rate from minute 2
canary.om              both as Prometheus history (OpenMetrics, 5 s gauges, label scenario=...),
                       which `make demo` loads into a local Prometheus with promtool

20 minutes of data: per-request latencies (about 2 requests a second per variant, so many
samples share a timestamp), an error ratio scraped every 10 s, CPU scraped every 5 s.
"""
import sys
import numpy as np

START = 1_763_900_000  # 2025-11-23T12:13:20Z
MINUTES = 20


def rows(rng, regression):
    out = []
    for variant in ("baseline", "candidate"):
        bad = regression and variant == "candidate"
        # Latency: lognormal per request, median about 180 ms.
        for second in range(MINUTES * 60):
            for _ in range(rng.poisson(2)):
                latency = rng.lognormal(np.log(0.18), 0.35)
                if bad and second >= 120:
                    latency *= 1.30
                out.append((START + second + round(rng.uniform(0, 1), 3), "p95_latency", variant, latency))
        # Error ratio per 10 s scrape: mostly 0, occasionally a few errors out of ~20 requests.
        for second in range(0, MINUTES * 60, 10):
            requests = 20
            rate = 0.03 if (bad and second >= 120) else 0.004
            errors = rng.binomial(requests, rate)
            out.append((START + second, "error_rate", variant, errors / requests))
        # CPU cores per 5 s scrape.
        for second in range(0, MINUTES * 60, 5):
            out.append((START + second, "cpu_usage", variant, rng.normal(0.85, 0.05)))
    return out


def write(path, data):
    with open(path, "w") as f:
        f.write("timestamp,metric,variant,value\n")
        for t, metric, variant, value in data:
            f.write(f"{t:.3f},{metric},{variant},{value:.6g}\n")


def openmetrics(path, rng):
    """The same canary as Prometheus history: 5 s gauges per version for both scenarios."""
    series = []
    for scenario, regression in (("healthy", False), ("regression", True)):
        for version in ("stable", "canary"):
            bad = regression and version == "canary"
            for second in range(0, MINUTES * 60, 5):
                late = bad and second >= 120
                p95 = rng.lognormal(np.log(0.30), 0.08) * (1.30 if late else 1.0)
                err = max(0.0, rng.normal(0.03 if late else 0.004, 0.002))
                cpu = rng.normal(0.85, 0.05)
                labels = f'scenario="{scenario}",version="{version}"'
                series.append(("checkout_request_p95_seconds", labels, p95, START + second))
                series.append(("checkout_error_ratio", labels, err, START + second))
                series.append(("checkout_cpu_cores", labels, cpu, START + second))
    with open(path, "w") as f:
        for name, help_text in (("checkout_request_p95_seconds", "p95 request latency"),
                                ("checkout_error_ratio", "share of 5xx responses"),
                                ("checkout_cpu_cores", "CPU cores in use")):
            f.write(f"# HELP {name} {help_text}\n# TYPE {name} gauge\n")
            for n, labels, value, t in series:
                if n == name:
                    f.write(f"{name}{{{labels}}} {value:.6g} {t}\n")
        f.write("# EOF\n")


def main(directory):
    write(f"{directory}/metrics.csv", rows(np.random.default_rng(20261123), regression=False))
    write(f"{directory}/metrics-regression.csv", rows(np.random.default_rng(20261124), regression=True))
    openmetrics(f"{directory}/canary.om", np.random.default_rng(20261125))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
