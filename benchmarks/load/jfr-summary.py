#!/usr/bin/env python3
"""Summarizes a JFR recording made by run.sh with JFR=1: where CPU samples and sampled
allocations go, inclusive per io.github.xrayspring method and per piece of tracing machinery.
Usage: jfr-summary.py recording.jfr [top]"""
import collections
import re
import subprocess
import sys

# Work the app does anyway: walking up from the leaf, the first such frame ends the part of
# the stack that a sample is charged to, so H2, the pool, the controller and the dispatcher
# do not count as tracing cost just because a wrapper or a filter is further up.
WORK = re.compile(r"^(org\.h2\.|com\.zaxxer\.hikari\.|io\.github\.xrayspring\.load\.|"
                  r"org\.springframework\.web\.servlet\.DispatcherServlet\.|"
                  r"org\.apache\.catalina\.core\.ApplicationFilterChain\.)")
STARTER = r"io\.github\.xrayspring\.(?!load\.)"
# what the starter and the tracing stack add, matched in the charged part of a stack
GROUPS = [
    ("starter: sampling request filter", STARTER + r".*SamplingRequestFilter"),
    ("starter: sampler", STARTER + r".*(XRaySampler|UndecidedParentSampler|RuleApplier|Reservoir|RuleSet)"),
    ("starter: server convention", STARTER + r".*XRayServerRequestObservationConvention"),
    ("starter: log correlation listener", STARTER + r".*XRayLogCorrelationListener"),
    ("starter: propagator", STARTER + r".*XRayPropagator|io\.opentelemetry\.contrib\.awsxray\.propagator"),
    ("starter: JDBC listener", STARTER + r".*(XRayQueryExecutionListener|SqlSanitizer|SqlParameterColumns)"),
    ("starter: JDBC wrapper", STARTER + r".*(XRayDataSource|XRayConnection|CountingConnectionIdManager)"),
    ("starter: N+1 span processor", STARTER + r".*NPlusOneSpanProcessor"),
    ("starter: annotation promoter", STARTER + r".*XRayAnnotationPromoter"),
    ("starter: exporter decorator (its own work, not the exporter it calls)",
     STARTER + r".*(XRaySpanExporter\.(?!export\n)|ModifiedSpanData)"),
    ("starter: any of its frames", STARTER),
    ("datasource-proxy", r"net\.ttddyy\.dsproxy\."),
    ("Micrometer observation (+ Spring's observation filter and conventions)",
     r"io\.micrometer\.observation\.|org\.springframework\.(web\.filter\.ServerHttpObservationFilter|http\.server\.observation)"),
    ("Micrometer tracing bridge", r"io\.micrometer\.tracing\."),
    ("Micrometer meters", r"io\.micrometer\.core\."),
    ("OTel SDK span start/end", r"io\.opentelemetry\.sdk\.trace\.(SdkSpanBuilder|SdkSpan)\."),
    ("OTel context", r"io\.opentelemetry\.context\."),
    ("OTel batch span processor", r"io\.opentelemetry\.sdk\.trace\.export\.BatchSpanProcessor"),
    ("OTel OTLP marshaling", r"io\.opentelemetry\.exporter\.internal\.(otlp|marshal)"),
    ("OkHttp (export HTTP)", r"okhttp3\.|okio\."),
    ("logging MDC (logback)", r"ch\.qos\.logback\.classic\.util\.LogbackMDCAdapter|org\.slf4j\.MDC"),
]
TRACING = re.compile("|".join("(?:%s)" % p for _, p in GROUPS))

FRAME = re.compile(r"^\s+([\w$.<>/]+)\(")


def events(path, kind):
    text = subprocess.run(["jfr", "print", "--stack-depth", "96", "--events", kind, path],
                          capture_output=True, text=True, check=True).stdout
    for block in text.split(kind + " {")[1:]:
        thread = re.search(r'(?:sampledThread|eventThread) = "([^"]*)"', block)
        weight = re.search(r"weight = ([\d.]+) (\w+)", block)
        frames = [m.group(1) for line in block.splitlines() if (m := FRAME.match(line))]
        w = 1.0
        if weight:
            unit = {"bytes": 1, "kB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3}.get(weight.group(2), 1)
            w = float(weight.group(1)) * unit
        yield (thread.group(1) if thread else "?"), frames, w


def thread_group(name):
    name = re.sub(r"\d+", "N", name)
    return name


def summarize(path, kind, label, top):
    total = 0.0
    threads = collections.Counter()
    groups = collections.Counter()
    methods = collections.Counter()
    selfs = collections.Counter()
    tracing_methods = collections.Counter()
    tracing_leaves = collections.Counter()
    for thread, frames, w in events(path, kind):
        total += w
        threads[thread_group(thread)] += w
        if frames:
            selfs[frames[0]] += w
        charged = []
        for f in frames:
            if WORK.match(f):
                break
            charged.append(f)
        joined = "\n".join(charged) + "\n"
        # the decorator's export() only hands the batch on: what its delegate does is not its cost
        own = re.sub(r"io\.github\.xrayspring\.trace\.XRaySpanExporter\.export\n", "", joined)
        if TRACING.search(joined):
            groups["(all tracing)"] += w
        for name, pattern in GROUPS:
            if re.search(pattern, own if name.startswith("starter") else joined):
                groups[name] += w
        for m in {f for f in charged if re.match(STARTER, f)}:
            methods[m] += w
        for m in {f for f in charged if TRACING.match(f)}:
            tracing_methods[m] += w
        leaf = next((f for f in charged if TRACING.match(f)), None)
        if leaf:
            tracing_leaves[leaf] += w
    if not total:
        print(f"no {kind} events")
        return
    pct = lambda v: f"{100 * v / total:.1f}%"
    print(f"### {label}: {kind}, total {total:.0f}" + (" bytes" if kind != "jdk.ExecutionSample" else " samples"))
    print("\nthreads:")
    for t, v in threads.most_common(8):
        print(f"  {pct(v):>6}  {t}")
    print("\ncharged to the tracing stack (inclusive up to the first frame of work the app does anyway):")
    for name in ["(all tracing)"] + [g for g, _ in GROUPS]:
        if groups[name]:
            print(f"  {pct(groups[name]):>6}  {name}")
    print(f"\ntop io.github.xrayspring methods (inclusive):")
    for m, v in methods.most_common(top):
        print(f"  {pct(v):>6}  {m}")
    print(f"\ntop tracing-stack methods (inclusive, charged part):")
    for m, v in tracing_methods.most_common(top):
        print(f"  {pct(v):>6}  {m}")
    print(f"\nleaf-most tracing-stack frame of charged samples (where the time is spent):")
    for m, v in tracing_leaves.most_common(top):
        print(f"  {pct(v):>6}  {m}")
    print(f"\ntop frames (self):")
    for m, v in selfs.most_common(top):
        print(f"  {pct(v):>6}  {m}")
    print()


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    summarize(path, "jdk.ExecutionSample", path, top)
    summarize(path, "jdk.ObjectAllocationSample", path, top)


if __name__ == "__main__":
    main()
