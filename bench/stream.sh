#!/usr/bin/env bash
# Update-stream benchmark. Starts the backends if needed and a manifest-service of its own (port
# 18183, database otter_manifest_bench emptied at start, namespace otter-bench), opens STREAMS
# update streams on it, then rolls their rollout back through Redis and prints when every stream
# got its "check now", the rate of the update checks that follow, and the service's memory per
# 10 000 streams. Run twice: HTTP/1.1 (a connection per stream, as devices reach an HTTP/1.1 proxy)
# and HTTP/2 (100 streams per connection, as from an HTTP/2 ingress).
#
#   bench/stream.sh [H1_STREAMS] [H2_STREAMS]     defaults: 18000 25000
#
# Every process here may hold at most `ulimit -Hn` files (20 000 on the reference machine, and it
# cannot be raised there): one HTTP/1.1 connection is one file on each side, so the HTTP/1.1 run
# stays below it; HTTP/2 multiplexes and is not bound by it.
set -euo pipefail
source "$(dirname "$0")/../deploy/local/lib.sh"

H1_STREAMS=${1:-18000}
H2_STREAMS=${2:-25000}
PORT=18183
BENCH_DIR=$LOCAL/bench
mkdir -p "$BENCH_DIR"
ulimit -n "$(ulimit -Hn)"

record=$(mktemp)
service_pid=""
cleanup() {
  if [ -n "$service_pid" ]; then kill "$service_pid" 2>/dev/null || true; wait "$service_pid" 2>/dev/null || true; fi
  stop_recorded "$record"
}
trap cleanup EXIT

"$ROOT/deploy/local/infra.sh" start --record "$record"
bench_build manifest-service,bench "$BENCH_DIR/build.log"
ensure_operator_keys

run() {
  local streams=$1 protocol=$2
  start_bench_manifest "$PORT" "$BENCH_DIR"
  service_pid=$SERVICE_PID
  # The rollout state is written straight into Redis, as rollout-service would.
  redis-cli -p "$REDIS_PORT" --scan --pattern 'otter-bench:rollout:*' | xargs -r redis-cli -p "$REDIS_PORT" del >/dev/null
  OTTER_TOKEN=$(mint_token bench admin) \
    "$JAVA" -Xmx1g -cp "$ROOT/bench/target/classes:$ROOT/bench/target/lib/*" dev.otter.bench.StreamBench \
    "http://127.0.0.1:$PORT" "$service_pid" "$streams" "$protocol" "$REDIS_PORT" otter-bench
  kill "$service_pid" 2>/dev/null || true
  wait "$service_pid" 2>/dev/null || true
  service_pid=""
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), files per process $(ulimit -n)"
run "$H1_STREAMS" h1
run "$H2_STREAMS" h2
