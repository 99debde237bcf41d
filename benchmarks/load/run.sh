#!/usr/bin/env bash
# Load comparison of the reference app: untraced, the starter, Boot's own tracing and the
# OpenTelemetry Java agent, side by side on loopback. See README.md, "Performance".
#
#   benchmarks/load/run.sh                      # 5 interleaved repetitions, 30 s phases
#   REPS=1 DURATION=10s WARMUP=10s benchmarks/load/run.sh   # quick mode
#
# Settings (environment): REPS (5), WARMUP (20s), DURATION (30s, each of the saturated and the
# paced phase), CONNECTIONS (16, saturated), PACE_MS (40: each of the 4 paced connections waits
# this long before each request, about 100 requests/s), CONFIGS (space-separated subset of the
# names below), JVM_OPTS (same for every configuration), AGENT_VERSION (newest on Maven Central),
# OUT (result directory), SKIP_BUILD=1 (reuse the jars), JFR=1 (record the saturated phase of
# each run with JFR's "profile" settings; its overhead then skews that run's numbers).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
REPS=${REPS:-5}
WARMUP=${WARMUP:-20s}
DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-16}
PACE_MS=${PACE_MS:-40}
JVM_OPTS=${JVM_OPTS:--Xms512m -Xmx512m -XX:+UseG1GC -XX:ActiveProcessorCount=2 -XX:+AlwaysPreTouch}
# extra application arguments for starter-100, to try a setting: STARTER_ARGS="--management.opentelemetry.tracing.export.max-batch-size=2048"
STARTER_ARGS=${STARTER_ARGS:-}
ALL_CONFIGS="untraced starter-default starter-5 starter-100 starter-disabled boot-5 boot-100 agent-5 agent-100 starter-100-collector-down"
CONFIGS=${CONFIGS:-$ALL_CONFIGS}
OUT=${OUT:-$HERE/target/results-$(date +%Y%m%d-%H%M%S)}
JARS=$HERE/target/jars
SINK_MAX_SECONDS=${SINK_MAX_SECONDS:-36000}
CLK_TCK=$(getconf CLK_TCK)

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

PIDS=()
cleanup() {
	for pid in "${PIDS[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
}
trap cleanup EXIT INT TERM

if ! command -v wrk >/dev/null; then
	log "installing wrk from Debian's packages"
	if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
	$SUDO apt-get update -qq && $SUDO apt-get install -y -qq wrk >/dev/null
fi

mkdir -p "$JARS" "$OUT"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
	log "building the app variants and the sink from the reactor"
	(cd "$ROOT" && ./mvnw -B -q -DskipTests \
		-pl benchmarks/load/app-plain,benchmarks/load/app-boot,benchmarks/load/app-starter,benchmarks/load/sink -am package)
	for variant in plain boot starter; do
		cp "$HERE/app-$variant/target/load-app-$variant.jar" "$JARS/"
	done
	cp "$HERE/sink/target/load-otlp-sink.jar" "$JARS/"
fi
if [ -z "${AGENT_VERSION:-}" ]; then
	AGENT_VERSION=$(curl -fsS --max-time 30 \
		https://repo1.maven.org/maven2/io/opentelemetry/javaagent/opentelemetry-javaagent/maven-metadata.xml \
		| sed -n 's:.*<release>\(.*\)</release>.*:\1:p')
fi
AGENT=$JARS/opentelemetry-javaagent-$AGENT_VERSION.jar
if [ ! -f "$AGENT" ]; then
	log "fetching the OpenTelemetry Java agent $AGENT_VERSION"
	(cd "$ROOT" && ./mvnw -B -q dependency:copy \
		-Dartifact="io.opentelemetry.javaagent:opentelemetry-javaagent:$AGENT_VERSION" -DoutputDirectory="$JARS")
fi

free_port() { java -jar "$JARS/load-otlp-sink.jar" --free-port; }

rm -f "$OUT/sink.port"
java -Xmx256m -jar "$JARS/load-otlp-sink.jar" "$OUT/sink.port" "$SINK_MAX_SECONDS" >"$OUT/sink.log" 2>&1 &
SINK_PID=$!
PIDS+=("$SINK_PID")
for _ in $(seq 100); do [ -f "$OUT/sink.port" ] && break; sleep 0.2; done
SINK_PORT=$(cat "$OUT/sink.port")
CLOSED_PORT=$(free_port)
SINK_URL=http://127.0.0.1:$SINK_PORT/v1/traces
log "sink on $SINK_PORT, collector-down endpoint on closed port $CLOSED_PORT"

sink_spans() { curl -fsS "http://127.0.0.1:$SINK_PORT/count" | awk '$1 == "spans" { print $2 }'; }

# prints: jar, extra JVM options, application arguments (one per line)
config() {
	local boot_otlp="--management.opentelemetry.tracing.export.otlp.endpoint=$SINK_URL"
	local agent="-javaagent:$AGENT -Dotel.service.name=load-app -Dotel.traces.exporter=otlp \
-Dotel.exporter.otlp.protocol=http/protobuf -Dotel.exporter.otlp.traces.endpoint=$SINK_URL \
-Dotel.metrics.exporter=none -Dotel.logs.exporter=none -Dotel.traces.sampler=parentbased_traceidratio"
	case "$1" in
	untraced) printf '%s\n%s\n%s\n' plain "" "" ;;
	starter-default) printf '%s\n%s\n%s\n' starter "" "$boot_otlp" ;;
	starter-5) printf '%s\n%s\n%s\n' starter "" \
		"$boot_otlp --xray.sampling.reservoir-per-second=0 --xray.sampling.fixed-rate=0.05" ;;
	starter-100) printf '%s\n%s\n%s\n' starter "" "$boot_otlp --xray.sampling.fixed-rate=1.0 $STARTER_ARGS" ;;
	starter-disabled) printf '%s\n%s\n%s\n' starter "" \
		"$boot_otlp --xray.enabled=false --management.tracing.sampling.probability=0.05" ;;
	boot-5) printf '%s\n%s\n%s\n' boot "" "$boot_otlp --management.tracing.sampling.probability=0.05" ;;
	boot-100) printf '%s\n%s\n%s\n' boot "" "$boot_otlp --management.tracing.sampling.probability=1.0" ;;
	agent-5) printf '%s\n%s\n%s\n' plain "$agent -Dotel.traces.sampler.arg=0.05" "" ;;
	agent-100) printf '%s\n%s\n%s\n' plain "$agent -Dotel.traces.sampler.arg=1.0" "" ;;
	starter-100-collector-down) printf '%s\n%s\n%s\n' starter "" \
		"--management.opentelemetry.tracing.export.otlp.endpoint=http://127.0.0.1:$CLOSED_PORT/v1/traces --xray.sampling.fixed-rate=1.0" ;;
	*) log "unknown configuration $1 (known: $ALL_CONFIGS)"; exit 2 ;;
	esac
}

cpu_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }
app_stat() { curl -fsS "http://127.0.0.1:$2/stats" | awk -v key="$1" '$1 == key { print $2 }'; }
status_field() { awk -v key="$2:" '$1 == key { print $2 }' "/proc/$1/status"; }

# runs wrk, prints "requests duration_us errors p50_us p99_us"
drive() {
	local port=$1 duration=$2 connections=$3 pace=$4
	PACE_MS=$pace wrk -t2 -c"$connections" -d"$duration" -s "$HERE/mix.lua" "http://127.0.0.1:$port/" \
		| sed -n 's/^RESULT requests=\([0-9]*\) duration_us=\([0-9]*\) errors=\([0-9]*\) p50_us=\([0-9]*\) p99_us=\([0-9]*\)$/\1 \2 \3 \4 \5/p'
}

# runs one phase, prints "requests duration_us errors p50_us p99_us cpu_ticks alloc_bytes"
phase() {
	local pid=$1 port=$2 duration=$3 connections=$4 pace=$5
	local cpu0 alloc0 result cpu1 alloc1
	cpu0=$(cpu_ticks "$pid"); alloc0=$(app_stat allocated "$port")
	result=$(drive "$port" "$duration" "$connections" "$pace")
	cpu1=$(cpu_ticks "$pid"); alloc1=$(app_stat allocated "$port")
	echo "$result $((cpu1 - cpu0)) $((alloc1 - alloc0))"
}

CSV=$OUT/raw.csv
echo "rep,config,startup_ms,sat_requests,sat_duration_us,sat_errors,sat_p50_us,sat_p99_us,sat_cpu_ticks,sat_alloc_bytes,paced_requests,paced_duration_us,paced_errors,paced_p50_us,paced_p99_us,paced_cpu_ticks,paced_alloc_bytes,vmhwm_kb,threads,requests_total,spans_made,spans_received,clk_tck,load1,export_alloc_bytes" >"$CSV"

run_one() {
	local rep=$1 name=$2 variant jvm args port pid start ready
	{ read -r variant; read -r jvm; read -r args; } < <(config "$name")
	port=$(free_port)
	local received0; received0=$(sink_spans)
	start=$(date +%s%N)
	# shellcheck disable=SC2086
	java $JVM_OPTS $jvm -jar "$JARS/load-app-$variant.jar" --server.port="$port" $args \
		>"$OUT/app-$name-$rep.log" 2>&1 &
	pid=$!
	PIDS+=("$pid")
	ready=""
	for _ in $(seq 1200); do
		if curl -fsS -o /dev/null "http://127.0.0.1:$port/stats" 2>/dev/null; then ready=$(date +%s%N); break; fi
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	if [ -z "$ready" ]; then
		log "$name did not start, see $OUT/app-$name-$rep.log"; kill "$pid" 2>/dev/null || true; return 1
	fi
	local startup_ms=$(((ready - start) / 1000000))
	drive "$port" "$WARMUP" "$CONNECTIONS" 0 >/dev/null
	local sat paced threads
	if [ "${JFR:-0}" = 1 ]; then
		jcmd "$pid" JFR.start name=load settings=profile filename="$OUT/$name-$rep.jfr" >/dev/null
	fi
	sat=$(phase "$pid" "$port" "$DURATION" "$CONNECTIONS" 0)
	if [ "${JFR:-0}" = 1 ]; then
		jcmd "$pid" JFR.stop name=load >/dev/null
		log "JFR recording of the saturated phase: $OUT/$name-$rep.jfr (summary: jfr-summary.py)"
	fi
	threads=$(status_field "$pid" Threads)
	paced=$(phase "$pid" "$port" "$DURATION" 4 "$PACE_MS")
	# let the batch processor export what it holds: until every span made arrived, or nothing came for 6 s
	local made received last stable=0
	made=$(app_stat spans "$port")
	last=$(sink_spans)
	for _ in $(seq 30); do
		[ "$name" = untraced ] && break
		received=$(($(sink_spans) - received0))
		if [ "$made" -ge 0 ] && [ "$received" -ge "$made" ]; then break; fi
		sleep 1
		if [ "$(sink_spans)" = "$last" ]; then stable=$((stable + 1)); else stable=0; last=$(sink_spans); fi
		[ "$stable" -ge 6 ] && break
		made=$(app_stat spans "$port")
	done
	made=$(app_stat spans "$port")
	received=$(($(sink_spans) - received0))
	local requests_total vmhwm load1 export_alloc
	requests_total=$(app_stat requests "$port")
	export_alloc=$(app_stat export_allocated "$port")
	vmhwm=$(status_field "$pid" VmHWM)
	load1=$(cut -d' ' -f1 /proc/loadavg)
	kill "$pid"
	for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	kill -9 "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	# shellcheck disable=SC2086
	set -- $sat $paced
	echo "$rep,$name,$startup_ms,$1,$2,$3,$4,$5,$6,$7,$8,$9,${10},${11},${12},${13},${14},$vmhwm,$threads,$requests_total,$made,$received,$CLK_TCK,$load1,$export_alloc" >>"$CSV"
	log "rep $rep $name: startup ${startup_ms} ms, saturated $1 requests, paced $8, spans made $made received $received, load $load1"
}

read -r -a configs <<<"$CONFIGS"
for rep in $(seq "$REPS"); do
	# rotate the order each repetition so slow drifts of the shared machine spread over all configurations
	n=${#configs[@]}
	for i in $(seq 0 $((n - 1))); do
		run_one "$rep" "${configs[$(((i + rep - 1) % n))]}" || true
	done
done

{
	echo "machine: $(nproc) CPUs, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo), $(uname -sr), $(java -version 2>&1 | head -1)"
	echo "JVM options (all configurations): $JVM_OPTS; OpenTelemetry Java agent $AGENT_VERSION"
	echo "method: $REPS interleaved repetitions; warm-up $WARMUP, saturated $DURATION (wrk -t2 -c$CONNECTIONS), paced $DURATION (wrk -t2 -c4, ${PACE_MS} ms before each request)"
} >"$OUT/machine.txt"
python3 "$HERE/report.py" "$CSV" "$OUT/machine.txt" >"$OUT/report.md"
cat "$OUT/report.md"
log "raw numbers: $CSV, table: $OUT/report.md"
