#!/usr/bin/env bash
# Starts the whole system locally: backends (infra.sh), a build, then the three services and the
# operators' console as packaged Quarkus apps; waits until each is ready and prints where everything is.
#
#   deploy/local/run.sh              run in the foreground; Ctrl-C stops everything
#   deploy/local/run.sh --detach     start and return; deploy/local/stop.sh stops everything
#   deploy/local/run.sh --no-build   reuse the jars already built
#   deploy/local/run.sh --demo       also seed the demo catalog (family "assistant" 2.0.0, two tiers of
#                                    synthetic GGUF files) and serve its files on 127.0.0.1:8090
set -euo pipefail
source "$(dirname "$0")/lib.sh"

DETACH=""
BUILD=yes
DEMO=""
for arg in "$@"; do
  case $arg in
    --detach) DETACH=yes ;;
    --no-build) BUILD="" ;;
    --demo) DEMO=yes ;;
    *) echo "usage: $0 [--detach] [--no-build] [--demo]" >&2; exit 2 ;;
  esac
done

SERVICE_DIR=$LOCAL/services
mkdir -p "$SERVICE_DIR"

stop_everything() {
  trap - INT TERM
  # Keep going when the terminal or a pipe (run.sh | tee) went away with the Ctrl-C.
  trap '' PIPE
  log "stopping Otter"
  "$ROOT/deploy/local/stop.sh"
}

start_service() {
  local name=$1 port=$2
  service_command "$name"
  if pid_alive "$SERVICE_DIR/$name.pid"; then
    log "$name already running (pid $(cat "$SERVICE_DIR/$name.pid"))"
    return
  fi
  port_open "$port" && die "$name: port $port is taken by another process"
  # setsid: services get their own process group; Ctrl-C reaches this script, which stops them in order.
  # The JVM options are deploy/service-jvm.options (OTTER_JAVA_OPTS adds to them).
  (cd "$SERVICE_HOME" && OTTER_ARTIFACTS_DIR=${OTTER_ARTIFACTS_DIR:-$LOCAL/artifacts} \
    OTTER_SIGNING_KEY_FILE=${OTTER_SIGNING_KEY_FILE:-$LOCAL/signing/dev-1.key} \
    OTTER_JWT_PUBLIC_KEY=${OTTER_JWT_PUBLIC_KEY:-$KEY_DIR/operator.pub} \
    OTTER_ROLLOUT_IDENTITY_KEY_FILE=${OTTER_ROLLOUT_IDENTITY_KEY_FILE:-$KEY_DIR/operator.key} \
    OTTER_CONSOLE_DEV_LOGIN_KEY=${OTTER_CONSOLE_DEV_LOGIN_KEY:-$KEY_DIR/operator.key} \
    OTTER_DEVICE_RATE_LIMIT_PER_INSTALL=${OTTER_DEVICE_RATE_LIMIT_PER_INSTALL:-600} \
    OTTER_DEVICE_RATE_LIMIT_PER_ADDRESS=${OTTER_DEVICE_RATE_LIMIT_PER_ADDRESS:-1000000} \
    QUARKUS_HTTP_HOST=${OTTER_HTTP_HOST:-127.0.0.1} \
    exec setsid nohup "${SERVICE_CMD[@]}" >"$SERVICE_DIR/$name.log" 2>&1 </dev/null) &
  echo $! >"$SERVICE_DIR/$name.pid"
}

ready() { curl -fsS "http://127.0.0.1:$1/q/health/ready" 2>/dev/null | grep -q '"status" *: *"UP"'; }

# await_service NAME PORT: until /q/health/ready says UP; a service that exits or takes longer
# than 120 s fails the start with the end of its log.
await_service() {
  local name=$1 port=$2 deadline=$((SECONDS + 120))
  until ready "$port"; do
    if ! pid_alive "$SERVICE_DIR/$name.pid" || [ "$SECONDS" -ge "$deadline" ]; then
      stop_everything
      fail_start "$name" "$SERVICE_DIR/$name.log"
    fi
    sleep 0.5
  done
  log "$name is ready on port $port"
}

started=$SECONDS
require_java
require_curl
trap 'stop_everything; exit 130' INT TERM
"$ROOT/deploy/local/infra.sh" start || { stop_everything; exit 1; }

if [ -n "$BUILD" ]; then
  log "building the services (tests skipped; deploy/local/test.sh runs them)"
  "$ROOT/mvnw" -B -q -ntp -DskipTests -Dspotless.check.skip=true package >"$SERVICE_DIR/build.log" 2>&1 \
    || { stop_everything; fail_start "the build" "$SERVICE_DIR/build.log"; }
fi

# Operator tokens: a local key pair; rollout-service mints its own 15-minute viewer tokens with it
# to read the other two services. Simulated devices live compressed days (a check every second), all from
# 127.0.0.1, so the local device rate limits are far above the production defaults (30/min, 60000/min).
ensure_operator_keys
export_redis_topology
for entry in $SERVICES; do start_service "${entry%%:*}" "${entry##*:}"; done
for entry in $SERVICES; do await_service "${entry%%:*}" "${entry##*:}"; done

# The demo catalog: the simulator seeds it and keeps serving its model files (the demo's CDN).
start_demo() {
  local sim=$ROOT/device-simulator/target deadline=$((SECONDS + 60))
  [ -d "$sim/lib" ] || die "$sim/lib is missing: build first (drop --no-build)"
  if ! pid_alive "$SERVICE_DIR/demo.pid"; then
    port_open 8090 && die "the demo file server's port 8090 is taken by another process"
    setsid nohup "$JAVA" -Xmx256m -cp "$sim/classes:$sim/lib/*" dev.otter.simulator.SimulatorCli demo \
      --dir "$LOCAL/simulator/files" --key-dir "$KEY_DIR" >"$SERVICE_DIR/demo.log" 2>&1 </dev/null &
    echo $! >"$SERVICE_DIR/demo.pid"
  fi
  until grep -q "demo catalog ready" "$SERVICE_DIR/demo.log" 2>/dev/null; do
    if ! pid_alive "$SERVICE_DIR/demo.pid" || [ "$SECONDS" -ge "$deadline" ]; then
      stop_everything
      fail_start "the demo catalog" "$SERVICE_DIR/demo.log"
    fi
    sleep 0.5
  done
  log "demo catalog: $(grep -m1 "demo catalog ready" "$SERVICE_DIR/demo.log")"
}
[ -n "$DEMO" ] && start_demo

echo
echo "Otter is running ($((SECONDS - started)) s)."
printf '  %-18s %-24s %-40s %s\n' SERVICE URL "SWAGGER UI" LOG
for entry in $SERVICES; do
  name=${entry%%:*} port=${entry##*:} swagger="http://127.0.0.1:$port/q/swagger-ui"
  [ "$name" = console ] && swagger="-"
  printf '  %-18s %-24s %-40s %s\n' "$name" "http://127.0.0.1:$port" "$swagger" "$SERVICE_DIR/$name.log"
done
echo
echo "  backends: PostgreSQL 127.0.0.1:$PG_PORT, Redis ($REDIS_TOPOLOGY) $(redis_hosts), Kafka 127.0.0.1:$KAFKA_PORT (logs under $LOCAL)"
echo
echo "  operator console: http://127.0.0.1:${OTTER_CONSOLE_PORT:-8084} (development login: pick a name and a role)"
echo "  operator token:  deploy/local/token.sh [viewer|publisher|operator|admin] [subject]"
echo "  watch a release: deploy/local/simulate.sh scenario"
echo

if [ -n "$DETACH" ]; then
  trap - INT TERM
  echo "Stop with: deploy/local/stop.sh"
  exit 0
fi

echo "Press Ctrl-C to stop everything."
# Stay in the foreground; if a service dies on its own, say so and take the rest down.
while true; do
  for entry in $SERVICES; do
    name=${entry%%:*}
    if ! pid_alive "$SERVICE_DIR/$name.pid"; then
      log "ERROR: $name exited. Last lines of $SERVICE_DIR/$name.log:"
      tail -n 40 "$SERVICE_DIR/$name.log" | sed 's/^/    /' >&2
      stop_everything
      exit 1
    fi
  done
  sleep 2
done
