#!/usr/bin/env python3
"""Turns run.sh's raw.csv into Markdown tables: medians [min-max] over the repetitions,
as ratios to the untraced run of the same repetition, then absolute medians.
Usage: report.py raw.csv [machine.txt]; writes derived.csv next to raw.csv."""
import csv
import os
import re
import statistics
import sys

ORDER = ["untraced", "starter-default", "starter-5", "starter-100", "starter-disabled", "boot-5", "boot-100",
         "agent-5", "agent-100", "starter-100-collector-down"]


def logged_drops(out_dir, config, rep):
    """Spans the batch span processor (the SDK's or the agent's) says it dropped, from its
    'BatchSpanProcessor dropped N span(s)' warnings in the app's log; None without a log."""
    path = os.path.join(out_dir, f"app-{config}-{rep}.log")
    if not os.path.exists(path):
        return None
    with open(path, errors="replace") as fh:
        return sum(int(m.group(1)) for m in re.finditer(r"BatchSpanProcessor dropped (\d+) span", fh.read()))


def derive(row):
    f = {k: float(v) for k, v in row.items() if k not in ("config",) and v not in (None, "")}
    tck = f["clk_tck"]
    d = {"rep": int(f["rep"]), "config": row["config"]}
    for ph in ("sat", "paced"):
        req = max(f[ph + "_requests"], 1)
        d[ph + "_rps"] = req / (f[ph + "_duration_us"] / 1e6)
        d[ph + "_cpu_us"] = f[ph + "_cpu_ticks"] / tck * 1e6 / req
        d[ph + "_alloc_kb"] = f[ph + "_alloc_bytes"] / req / 1024
        d[ph + "_p50_ms"] = f[ph + "_p50_us"] / 1000
        d[ph + "_p99_ms"] = f[ph + "_p99_us"] / 1000
        d[ph + "_errors"] = int(f[ph + "_errors"])
    d["startup_s"] = f["startup_ms"] / 1000
    d["rss_mb"] = f["vmhwm_kb"] / 1024
    d["threads"] = f["threads"]
    d["spans_per_req"] = f["spans_received"] / max(f["requests_total"], 1)
    d["spans_made"] = int(f["spans_made"])
    d["spans_received"] = int(f["spans_received"])
    d["dropped"] = int(f["spans_made"] - f["spans_received"]) if f["spans_made"] >= 0 else None
    d["load1"] = f["load1"]
    # bytes the export threads (batch processor worker, OkHttp) allocated over the app's life per span received
    export = f.get("export_alloc_bytes")
    d["export_kb_per_span"] = (export / f["spans_received"] / 1024
                               if export is not None and f["spans_received"] > 0 else None)
    return d


def fmt(values, digits=2, sign=False):
    values = [v for v in values if v is not None]
    if not values:
        return "n/a"
    s = "+" if sign else ""
    med = statistics.median(values)
    if len(values) == 1:
        return f"{med:{s}.{digits}f}"
    return f"{med:{s}.{digits}f} [{min(values):{s}.{digits}f}–{max(values):{s}.{digits}f}]"


def main():
    raw = sys.argv[1]
    out_dir = os.path.dirname(raw)
    rows = [derive(r) for r in csv.DictReader(open(raw))]
    for r in rows:
        r["dropped_logged"] = logged_drops(out_dir, r["config"], r["rep"])
    with open(os.path.join(out_dir, "derived.csv"), "w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)
    base = {r["rep"]: r for r in rows if r["config"] == "untraced"}
    configs = [c for c in ORDER if any(r["config"] == c for r in rows)]
    configs += sorted({r["config"] for r in rows} - set(configs))

    def ratios(config, key):
        return [r[key] / base[r["rep"]][key] for r in rows
                if r["config"] == config and r["rep"] in base and base[r["rep"]][key]]

    def deltas(config, key):
        return [r[key] - base[r["rep"]][key] for r in rows if r["config"] == config and r["rep"] in base]

    def values(config, key):
        return [r[key] for r in rows if r["config"] == config]

    if len(sys.argv) > 2:
        print(open(sys.argv[2]).read().strip().replace("\n", "  \n"))
        print()
    loads = [r["load1"] for r in rows]
    print(f"Load average (1 min) at the end of each run: median {statistics.median(loads):.1f}, "
          f"range {min(loads):.1f}–{max(loads):.1f}. Repetitions: {len(base)}.")
    print()
    print("Ratios to the untraced app in the same repetition (lower is better except throughput); "
          "allocation as KB per request above it; median [min–max].")
    print()
    print("| configuration | throughput | CPU/request saturated | CPU/request paced | allocation/request | "
          "p50 saturated | p99 saturated | p50 paced | p99 paced | startup | peak RSS | threads | "
          "spans/request | spans dropped (made − received) | drops the batch processor logged |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for c in configs:
        dropped = values(c, "dropped")
        made = values(c, "spans_made")
        drop = "n/a" if all(d is None for d in dropped) else fmt(
            [d for d in dropped if d is not None], 0) + f" of {statistics.median([m for m in made if m >= 0]):.0f}"
        print(f"| {c} | {fmt(ratios(c, 'sat_rps'))} | {fmt(ratios(c, 'sat_cpu_us'))} | "
              f"{fmt(ratios(c, 'paced_cpu_us'))} | {fmt(deltas(c, 'sat_alloc_kb'), 1, True)} KB | "
              f"{fmt(ratios(c, 'sat_p50_ms'))} | {fmt(ratios(c, 'sat_p99_ms'))} | {fmt(ratios(c, 'paced_p50_ms'))} | "
              f"{fmt(ratios(c, 'paced_p99_ms'))} | {fmt(ratios(c, 'startup_s'))} | {fmt(ratios(c, 'rss_mb'))} | "
              f"{fmt(ratios(c, 'threads'))} | {fmt(values(c, 'spans_per_req'))} | {drop} | "
              f"{fmt(values(c, 'dropped_logged'), 0)} |")
    print()
    print("Absolute medians.")
    print()
    print("| configuration | requests/s saturated | CPU µs/request saturated | CPU µs/request paced | "
          "KB allocated/request saturated | p50 / p99 ms saturated | p50 / p99 ms paced | startup s | "
          "peak RSS MB | threads | export-path KB allocated per span | errors |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    med = lambda c, k, d=1: f"{statistics.median(values(c, k)):.{d}f}"
    for c in configs:
        errors = sum(values(c, "sat_errors")) + sum(values(c, "paced_errors"))
        print(f"| {c} | {med(c, 'sat_rps', 0)} | {med(c, 'sat_cpu_us', 0)} | {med(c, 'paced_cpu_us', 0)} | "
              f"{med(c, 'sat_alloc_kb')} | {med(c, 'sat_p50_ms')} / {med(c, 'sat_p99_ms')} | "
              f"{med(c, 'paced_p50_ms')} / {med(c, 'paced_p99_ms')} | {med(c, 'startup_s')} | {med(c, 'rss_mb', 0)} | "
              f"{med(c, 'threads', 0)} | {fmt(values(c, 'export_kb_per_span'), 1)} | {errors} |")


if __name__ == "__main__":
    main()
