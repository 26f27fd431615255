#!/usr/bin/env bash
# Replicas benchmark: update-check throughput of one manifest-service against two sharing the same
# PostgreSQL and Redis (the catalog is published through one and reaches the other by itself), then
# counted telemetry events/s end to end through one telemetry-service and through two (one Kafka
# consumer group), as the ratios deploy/SCALING.md reports. Replicas and load generator share this
# machine's cores, so a ratio says what a second replica costs or adds here, not on separate nodes.
#
#   bench/replicas.sh [SECONDS] [CONNECTIONS] [TELEMETRY_CLIENTS]     defaults: 15 64 8
set -euo pipefail
source "$(dirname "$0")/../deploy/local/lib.sh"

SECONDS_PER_RUN=${1:-15}
CONNECTIONS=${2:-64}
CLIENTS=${3:-8}
DIR=$LOCAL/bench/replicas
mkdir -p "$DIR"
record=$(mktemp)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  stop_recorded "$record"
}
trap cleanup EXIT

"$ROOT/deploy/local/infra.sh" start --record "$record"
bench_build manifest-service,telemetry-service,bench "$DIR/build.log"
ensure_operator_keys

# replica PORT CLEAN: one manifest-service of the shared bench system (only the first empties the database).
replica() {
  local port=$1 clean=$2
  port_open "$port" && die "port $port is taken: is another benchmark still running?"
  service_command manifest-service
  (cd "$SERVICE_HOME" && OTTER_MANIFEST_PORT=$port OTTER_MANIFEST_DB=otter_manifest_bench OTTER_NAMESPACE=otter-bench \
    OTTER_MANIFEST_ROLLOUT_REQUIRE_PUBLISHED_STATE=false OTTER_ARTIFACTS_DIR="$DIR/artifacts" \
    OTTER_SIGNING_KEY_FILE="$DIR/signing/dev-1.key" OTTER_JWT_PUBLIC_KEY="$KEY_DIR/operator.pub" \
    OTTER_DEVICE_RATE_LIMIT_ENABLED=false OTTER_MIGRATIONS_CLEAN_AT_START=$clean QUARKUS_HTTP_HOST=127.0.0.1 \
    exec "${SERVICE_CMD[@]}") >"$DIR/manifest-$port.log" 2>&1 &
  pids+=($!)
  wait_until 60 bash -c "curl -fsS http://127.0.0.1:$port/q/health/ready >/dev/null 2>&1" \
    || fail_start "manifest-service :$port (bench)" "$DIR/manifest-$port.log"
}
replica 18181 true
replica 18191 false

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $("$JAVA" -version 2>&1 | head -n 1)"
OTTER_TOKEN=$(mint_token bench admin) \
  "$JAVA" -Xmx512m -cp "$ROOT/bench/target/classes:$ROOT/bench/target/lib/*" dev.otter.bench.ReplicaBench \
  "http://127.0.0.1:18181,http://127.0.0.1:18191" "$SECONDS_PER_RUN" "$CONNECTIONS"

# telemetry PORT CLEAN: one telemetry-service of the bench system, its dedup filter sized for the load
# as bench/telemetry.sh sizes it.
telemetry() {
  local port=$1 clean=$2
  port_open "$port" && die "port $port is taken: is another benchmark still running?"
  service_command telemetry-service
  (cd "$SERVICE_HOME" && OTTER_TELEMETRY_PORT=$port OTTER_TELEMETRY_DB=otter_telemetry_bench OTTER_NAMESPACE=otter-bench \
    OTTER_JWT_PUBLIC_KEY="$KEY_DIR/operator.pub" OTTER_DEVICE_RATE_LIMIT_ENABLED=false \
    OTTER_TELEMETRY_COUNTING_DEDUP_CAPACITY=20000000 OTTER_MIGRATIONS_CLEAN_AT_START=$clean QUARKUS_HTTP_HOST=127.0.0.1 \
    exec "${SERVICE_CMD[@]}") >"$DIR/telemetry-$port.log" 2>&1 &
  pids+=($!)
  wait_until 90 bash -c "curl -fsS http://127.0.0.1:$port/q/health/ready >/dev/null 2>&1" \
    || fail_start "telemetry-service :$port (bench)" "$DIR/telemetry-$port.log"
}
counted() {
  OTTER_APP_KEY=$APP_KEY "$JAVA" -Xmx1g -cp "$ROOT/bench/target/classes:$ROOT/bench/target/lib/*" dev.otter.bench.ReplicaBench \
    telemetry "$1" "$SECONDS_PER_RUN" "$CLIENTS" | tee -a "$DIR/telemetry.out" | awk '$1 == "COUNTED" {print $3}'
}
APP_KEY=$(create_app_key http://127.0.0.1:18181 bench "$(mint_token bench admin)")
# The second manifest replica's CPU is the telemetry run's: stop it (the first publishes app keys).
kill "${pids[1]}" 2>/dev/null || true
telemetry 18183 true
one=$(counted http://127.0.0.1:18183)
telemetry 18193 false
both=$(counted http://127.0.0.1:18183,http://127.0.0.1:18193)
ratio=$(awk -v a="$both" -v b="$one" 'BEGIN {printf "%.2f", a / b}')
printf 'RESULT counted telemetry events/s, %s clients, %s s: 1 replica %s/s, 2 replicas %s/s, ratio %s\n' \
  "$CLIENTS" "$SECONDS_PER_RUN" "$one" "$both" "$ratio"
figure Replicas "counted telemetry events/s, 1 replica" "$(printf "%'d" "$one")"
figure Replicas "counted telemetry events/s, 2 replicas (same machine)" "$(printf "%'d" "$both")"
figure Replicas "telemetry ratio 2 : 1" "$ratio"
