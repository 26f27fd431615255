#!/usr/bin/env bash
# Update-check benchmark. Starts the backends if needed and a manifest-service of its own (port
# 18181, database otter_manifest_bench emptied at start, namespace otter-bench), then for two
# catalogs — 1 family / 2 versions, and 50 families / 500 versions — seeds it through the publisher
# API and prints maximum checks/s and p50/p99 latency at a fixed rate.
#
#   bench/update-check.sh [SECONDS] [CONNECTIONS] [RATE]     defaults: 20 64 5000
set -euo pipefail
source "$(dirname "$0")/../deploy/local/lib.sh"

SECONDS_PER_RUN=${1:-20}
CONNECTIONS=${2:-64}
RATE=${3:-5000}
PORT=18181
BENCH_DIR=$LOCAL/bench
mkdir -p "$BENCH_DIR"

record=$(mktemp)
service_pid=""
cleanup() {
  # "|| true": a killed process's exit status must not abort the cleanup (set -e).
  if [ -n "$service_pid" ]; then kill "$service_pid" 2>/dev/null || true; wait "$service_pid" 2>/dev/null || true; fi
  stop_recorded "$record"
}
trap cleanup EXIT

"$ROOT/deploy/local/infra.sh" start --record "$record"
bench_build manifest-service,bench "$BENCH_DIR/build.log"

run_scenario() {
  local families=$1 versions=$2
  start_bench_manifest "$PORT" "$BENCH_DIR"
  service_pid=$SERVICE_PID
  OTTER_TOKEN=$(mint_token bench admin) \
    "$JAVA" -Xmx512m -cp "$ROOT/bench/target/classes:$ROOT/bench/target/lib/*" dev.otter.bench.UpdateCheckBench \
    "http://127.0.0.1:$PORT" "$families" "$versions" "$SECONDS_PER_RUN" "$CONNECTIONS" "$RATE"
  # The peak under load, and what the service still holds 30 s after it (the wait is the measurement).
  local peak
  peak=$(mem_mb "$service_pid" VmHWM)
  sleep 30
  figure "Update check, $families famil$([ "$families" = 1 ] && echo y || echo ies) / $((families * versions)) versions" \
    "manifest-service RSS: peak / 30 s after" "$peak / $(mem_mb "$service_pid" VmRSS) MB"
  kill "$service_pid" 2>/dev/null || true
  wait "$service_pid" 2>/dev/null || true
  service_pid=""
}

# One client address and install ids reused at 30 000/s: rate limits off; app keys stay checked.
ensure_operator_keys
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $("$JAVA" -version 2>&1 | head -n 1)"
run_scenario 1 2
run_scenario 50 10
