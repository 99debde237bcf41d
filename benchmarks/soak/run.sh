#!/usr/bin/env bash
# Soak test (not part of CI): the sample shop under steady load at 100% sampling, first
# with the OTLP collector down, then up. Every SAMPLE interval the heap is measured after a
# full GC (jcmd GC.run + GC.heap_info); at the end the script says whether it stayed flat.
#
#   DURATION=30m benchmarks/soak/run.sh          # 30 minutes down, then 30 minutes up
#   DOWN=3m UP=3m SAMPLE=20s benchmarks/soak/run.sh
#
# Loopback only; the script stops the app, the collector stand-in and the load it started.
set -euo pipefail

cd "$(dirname "$0")/../.."
ROOT=$(pwd)
seconds() { # 30m, 90s, 1h or plain seconds
	local v=$1
	case $v in
	*h) echo $((${v%h} * 3600)) ;;
	*m) echo $((${v%m} * 60)) ;;
	*s) echo "${v%s}" ;;
	*) echo "$v" ;;
	esac
}
DURATION=${DURATION:-30m}
DOWN=$(seconds "${DOWN:-$DURATION}")
UP=$(seconds "${UP:-$DURATION}")
SAMPLE=$(seconds "${SAMPLE:-60s}")
THREADS=${THREADS:-4}
HEAP=${HEAP:-256m}
WORK=$(mktemp -d /tmp/xray-soak.XXXXXX)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
APP_PORT=$(free_port)
COLLECTOR_PORT=$(free_port)
APP_PID= COLLECTOR_PID= LOAD_PID=
cleanup() {
	for pid in $LOAD_PID $COLLECTOR_PID $APP_PID; do
		kill "$pid" 2>/dev/null || true
	done
	wait 2>/dev/null || true
}
trap cleanup EXIT

JAR=$(ls sample-app/target/sample-app-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [ -z "$JAR" ] || [ -n "${REBUILD:-}" ]; then
	echo "building the sample app"
	./mvnw -B -q -pl sample-app -am package -DskipTests -Dspring-javaformat.skip=true
	JAR=$(ls sample-app/target/sample-app-*.jar | grep -v original | head -1)
fi

echo "app on 127.0.0.1:$APP_PORT (heap $HEAP), collector on 127.0.0.1:$COLLECTOR_PORT, work dir $WORK"
java -Xmx"$HEAP" -jar "$JAR" --server.address=127.0.0.1 --server.port="$APP_PORT" \
	--xray.exporter.type=otlp \
	--management.opentelemetry.tracing.export.otlp.endpoint="http://127.0.0.1:$COLLECTOR_PORT/v1/traces" \
	--xray.sampling.reservoir-per-second=1000000 --xray.sampling.fixed-rate=1.0 \
	--xray.sampling.max-traces-per-second=1000000 --logging.level.root=WARN >"$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 120); do
	curl -fs "http://127.0.0.1:$APP_PORT/actuator/health" >/dev/null 2>&1 && break
	sleep 1
done
curl -fs "http://127.0.0.1:$APP_PORT/actuator/health" >/dev/null || { echo "app did not start"; cat "$WORK/app.log"; exit 1; }

URLS=("http://127.0.0.1:$APP_PORT/customers/1" "http://127.0.0.1:$APP_PORT/orders/1"
	"http://127.0.0.1:$APP_PORT/sql/orders/joined" "http://127.0.0.1:$APP_PORT/orders/999")

heap_after_gc() { # used heap in MB after a full GC
	jcmd "$APP_PID" GC.run >/dev/null
	jcmd "$APP_PID" GC.heap_info | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); gsub(/[^0-9]/, "", v); print int(v / 1024); exit } }'
}

phase() { # name seconds
	local name=$1 length=$2
	java "$ROOT/benchmarks/soak/Load.java" "$length" "$THREADS" "${URLS[@]}" >"$WORK/load-$name.txt" &
	LOAD_PID=$!
	local start=$SECONDS
	while kill -0 "$LOAD_PID" 2>/dev/null; do
		sleep "$SAMPLE"
		kill -0 "$LOAD_PID" 2>/dev/null || break
		echo "$name $((SECONDS - start)) $(heap_after_gc)" | tee -a "$WORK/heap.txt"
	done
	wait "$LOAD_PID" || true
	LOAD_PID=
	echo "$name load: $(cat "$WORK/load-$name.txt")"
}

echo "phase  elapsed_s  heap_used_after_full_gc_mb"
phase collector-down "$DOWN"
python3 "$ROOT/benchmarks/soak/collector.py" "$COLLECTOR_PORT" &
COLLECTOR_PID=$!
phase collector-up "$UP"

awk '
	{ v[NR] = $3 }
	END {
		n = NR; if (n < 4) { print "too few samples"; exit }
		first = v[2]; max = 0; for (i = 2; i <= n; i++) if (v[i] > max) max = v[i]
		half = int(n / 2); a = 0; b = 0
		for (i = 1; i <= half; i++) a += v[i]; for (i = n - half + 1; i <= n; i++) b += v[i]
		a /= half; b /= half
		printf "heap after full GC: first %d MB, max %d MB, mean first half %.1f MB, mean second half %.1f MB\n", first, max, a, b
		if (b <= a * 1.2 + 8) print "FLAT: heap after full GC did not grow"; else print "GROWING: heap after full GC grew"
	}' "$WORK/heap.txt"
grep -c "Failed to export" "$WORK/app.log" | sed 's/^/exporter error log lines: /'
