#!/usr/bin/env bash
# Start-up benchmark: time from process start to /q/health/ready UP, for each service started alone
# and for the three started together as deploy/local/run.sh starts them (same JVM options, same
# launcher), RUNS times each (median and spread). Bench databases and namespace; backends started
# if needed.
#
#   bench/startup.sh [RUNS]     default: 3
set -euo pipefail
source "$(dirname "$0")/../deploy/local/lib.sh"

RUNS=${1:-3}
BENCH_DIR=$LOCAL/bench/startup
mkdir -p "$BENCH_DIR"
record=$(mktemp)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  stop_recorded "$record"
}
trap cleanup EXIT
require_curl
"$ROOT/deploy/local/infra.sh" start --record "$record"
bench_build manifest-service,rollout-service,telemetry-service "$BENCH_DIR/build.log"
ensure_operator_keys
declare -A PORT_OF=([manifest-service]=18181 [rollout-service]=18182 [telemetry-service]=18183)

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# launch NAME [VAR=VALUE...]: starts NAME on its bench port, as run.sh does; its pid goes to pids.
launch() {
  local name=$1 short
  shift
  short=$(echo "${name%%-*}" | tr '[:lower:]' '[:upper:]')
  port_open "${PORT_OF[$name]}" && die "port ${PORT_OF[$name]} is taken: is another benchmark still running?"
  service_command "$name"
  (cd "$SERVICE_HOME" && exec env "OTTER_${short}_PORT=${PORT_OF[$name]}" "OTTER_${short}_DB=otter_${name%%-*}_bench" \
    OTTER_NAMESPACE=otter-bench QUARKUS_HTTP_HOST=127.0.0.1 OTTER_JWT_PUBLIC_KEY="$KEY_DIR/operator.pub" \
    OTTER_ARTIFACTS_DIR="$BENCH_DIR/artifacts" OTTER_SIGNING_KEY_FILE="$BENCH_DIR/signing/dev-1.key" \
    OTTER_CATALOG_URL=http://127.0.0.1:18181 OTTER_TELEMETRY_URL=http://127.0.0.1:18183 \
    OTTER_ROLLOUT_IDENTITY_KEY_FILE="$KEY_DIR/operator.key" "$@" "${SERVICE_CMD[@]}") >>"$BENCH_DIR/$name.log" 2>&1 &
  pids+=($!)
}

# ready_after START_MS PORT: waits (at most 60 s) until PORT is ready; prints the ms since START_MS.
ready_after() {
  local start=$1 port=$2 deadline=$(($(now_ms) + 60000))
  until curl -fsS "http://127.0.0.1:$port/q/health/ready" 2>/dev/null | grep -q '"status" *: *"UP"'; do
    [ "$(now_ms)" -lt "$deadline" ] || { log "port $port not ready within 60 s"; return 1; }
    sleep 0.05
  done
  echo $(($(now_ms) - start))
}

stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  pids=()
}

# median and spread of a list of milliseconds, in seconds: "2.61 s (2.55-2.70)"
summary() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {printf "%.2f s (%.2f-%.2f)", v[int((NR+1)/2)]/1000, v[1]/1000, v[NR]/1000}'; }

declare -A idle
for name in manifest-service rollout-service telemetry-service; do
  times=()
  for _ in $(seq "$RUNS"); do
    start=$(now_ms)
    # Alone: manifest-service does not wait for rollout-service's published state.
    launch "$name" OTTER_MANIFEST_ROLLOUT_REQUIRE_PUBLISHED_STATE=false
    times+=("$(ready_after "$start" "${PORT_OF[$name]}")") || fail_start "$name (bench)" "$BENCH_DIR/$name.log"
    idle[$name]=$(mem_mb "${pids[0]}" VmRSS)
    stop_all
  done
  echo "RESULT start-up of $name alone, $RUNS runs: $(summary "${times[@]}")"
  figure "Start-up (process start to ready)" "$name alone, median (range) of $RUNS" "$(summary "${times[@]}")"
  figure "Memory (RSS) at start" "$name, just ready" "${idle[$name]} MB"
done

times=()
for _ in $(seq "$RUNS"); do
  start=$(now_ms)
  for name in manifest-service rollout-service telemetry-service; do launch "$name"; done
  last=0
  for name in manifest-service rollout-service telemetry-service; do
    t=$(ready_after "$start" "${PORT_OF[$name]}") || fail_start "$name (bench)" "$BENCH_DIR/$name.log"
    [ "$t" -gt "$last" ] && last=$t
  done
  times+=("$last")
  stop_all
done
echo "RESULT start-up of the three together (until the last is ready), $RUNS runs: $(summary "${times[@]}")"
figure "Start-up (process start to ready)" "the three together, until the last is ready, median (range) of $RUNS" \
  "$(summary "${times[@]}")"
