#!/usr/bin/env bash
# Telemetry benchmark. Starts the backends if needed and the three services of its own (ports
# 18181-18183, *_bench databases emptied at start, namespace otter-bench), then measures accepted
# and end-to-end counted events/s, and the delay from a crash burst's 202 to a ROLLBACK answer.
#
#   bench/telemetry.sh [SECONDS] [CONCURRENCY] [ROUNDS]     defaults: 30 8 5
set -euo pipefail
source "$(dirname "$0")/../deploy/local/lib.sh"

SECONDS_PER_RUN=${1:-30}
CONCURRENCY=${2:-8}
ROUNDS=${3:-5}
BENCH_DIR=$LOCAL/bench
mkdir -p "$BENCH_DIR"

record=$(mktemp)
pids=()
names=()
cleanup() {
  # "|| true": a killed process's exit status must not abort the cleanup (set -e).
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  stop_recorded "$record"
}
trap cleanup EXIT

"$ROOT/deploy/local/infra.sh" start --record "$record"
bench_build manifest-service,rollout-service,telemetry-service,bench "$BENCH_DIR/build.log"

# start NAME PORT [VAR=VALUE...]: one service on PORT with the benchmark's database and namespace,
# started as deploy/local/run.sh starts it (same JVM options and heap).
start() {
  local name=$1 port=$2 short
  short=$(echo "${name%%-*}" | tr '[:lower:]' '[:upper:]')
  shift 2
  port_open "$port" && die "port $port is taken: is another benchmark still running?"
  service_command "$name"
  (cd "$SERVICE_HOME" && exec env "OTTER_${short}_PORT=$port" "OTTER_${short}_DB=otter_${name%%-*}_bench" \
    OTTER_NAMESPACE=otter-bench OTTER_MIGRATIONS_CLEAN_AT_START=true QUARKUS_HTTP_HOST=127.0.0.1 \
    OTTER_JWT_PUBLIC_KEY="$KEY_DIR/operator.pub" OTTER_DEVICE_RATE_LIMIT_ENABLED=false "$@" \
    "${SERVICE_CMD[@]}") >"$BENCH_DIR/$name.log" 2>&1 &
  pids+=($!)
  names+=("$name")
}
ensure_operator_keys
TOKEN=$(mint_token bench admin)
start rollout-service 18182 OTTER_CATALOG_URL=http://127.0.0.1:18181 OTTER_TELEMETRY_URL=http://127.0.0.1:18183 \
  "OTTER_ROLLOUT_IDENTITY_KEY_FILE=$KEY_DIR/operator.key"
start manifest-service 18181
# The dedup filter sized for this load (several million events per partition within the hour), as a
# deployment sizes it for its peak (deploy/SCALING.md); the development default (1 M) is far smaller.
start telemetry-service 18183 OTTER_TELEMETRY_COUNTING_DEDUP_CAPACITY=20000000
for entry in manifest-service:18181 rollout-service:18182 telemetry-service:18183; do
  wait_until 90 bash -c "curl -fsS http://127.0.0.1:${entry##*:}/q/health/ready >/dev/null 2>&1" \
    || fail_start "${entry%%:*} (bench)" "$BENCH_DIR/${entry%%:*}.log"
done

APP_KEY=$(create_app_key http://127.0.0.1:18181 bench "$TOKEN")
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $("$JAVA" -version 2>&1 | head -n 1)"
declare -A idle
for i in "${!pids[@]}"; do idle[$i]=$(mem_mb "${pids[$i]}" VmRSS); done
OTTER_TOKEN=$TOKEN OTTER_APP_KEY=$APP_KEY \
  "$JAVA" -Xmx1g -cp "$ROOT/bench/target/classes:$ROOT/bench/target/lib/*" dev.otter.bench.TelemetryBench \
  http://127.0.0.1:18181 http://127.0.0.1:18182 http://127.0.0.1:18183 "$SECONDS_PER_RUN" "$CONCURRENCY" "$ROUNDS"

# Memory of each service: ready and idle before the load, the peak over the run (VmHWM), and what it
# still holds 30 s after the load ended (idle G1 cycles give heap back and native memory is trimmed;
# see deploy/service-jvm.options). Waiting is the measurement here, not a synchronisation.
log "waiting 30 s for the services to settle after the load"
sleep 30
for i in "${!pids[@]}"; do
  pid=${pids[$i]} name=${names[$i]}
  printf 'RESULT memory %s: idle %s MB, peak %s MB, %s MB 30 s after the benchmark\n' "$name" \
    "${idle[$i]}" "$(mem_mb "$pid" VmHWM)" "$(mem_mb "$pid" VmRSS)"
  figure "Memory (RSS) in the telemetry benchmark" "$name: idle / peak / 30 s after" \
    "${idle[$i]} / $(mem_mb "$pid" VmHWM) / $(mem_mb "$pid" VmRSS) MB"
done
