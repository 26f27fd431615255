#!/usr/bin/env bash
# Local backends for Otter, on loopback and the project's own ports, no Docker:
#   PostgreSQL (as the postgres user, own data + socket dir), Redis (no persistence),
#   Apache Kafka in KRaft mode (jars from Maven Central), topics created up front.
#
#   infra.sh start [--record FILE]   start what is not running (FILE gets what this call started)
#   infra.sh stop [COMPONENT...]     stop postgres, redis and/or kafka (default: all)
#   infra.sh status                  what runs, where
#
# OTTER_REDIS_TOPOLOGY picks the Redis: single (default, REDIS_PORT), cluster (three masters on
# 46380-46382, OTTER_REDIS_CLUSTER_PORT; a node's bus port is 10 000 higher, so never above 55535)
# or sentinel (REDIS_PORT +4 primary, +5 replica, +6 Sentinel); run.sh points the services at it.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PG_DIR=$LOCAL/postgres
REDIS_DIR=$LOCAL/redis
KAFKA_DIR=$LOCAL/kafka
KAFKA_VERSION=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$ROOT/deploy/local/kafka/pom.xml")
STARTED=()

# ---------------------------------------------------------------- PostgreSQL

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

# Runs a PostgreSQL tool as the postgres user (initdb refuses root).
pg_as_owner() {
  if is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_prepare_dir() {
  mkdir -p "$LOCAL"
  if [ -L "$PG_DIR" ] || [ -d "$PG_DIR" ]; then return; fi
  mkdir -p "$PG_DIR"
  if is_root; then
    chown postgres:postgres "$PG_DIR"
    if ! runuser -u postgres -- test -w "$PG_DIR"; then
      # A parent directory is closed to the postgres user (a clone under /root, say): keep the
      # cluster under /var/tmp and link it, so that .local/ still holds everything.
      local alt
      alt=/var/tmp/otter-postgres-$(printf '%s' "$LOCAL" | md5sum | cut -c1-10)
      mkdir -p "$alt" && chown postgres:postgres "$alt"
      rmdir "$PG_DIR" && ln -s "$alt" "$PG_DIR"
      log "PostgreSQL data lives in $alt (linked from $PG_DIR): the postgres user cannot reach $LOCAL"
    fi
  fi
}

pg_running() { [ -f "$PG_DIR/data/postmaster.pid" ] && pg_as_owner "$BIN/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1; }

pg_init() {
  log "initialising a PostgreSQL cluster in $PG_DIR/data"
  pg_as_owner "$BIN/initdb" -D "$PG_DIR/data" -U postgres -E UTF8 --locale=C \
    --auth-local=trust --auth-host=scram-sha-256 >"$PG_DIR/initdb.log" 2>&1 || fail_start "PostgreSQL (initdb)" "$PG_DIR/initdb.log"
  pg_as_owner tee -a "$PG_DIR/data/postgresql.conf" >/dev/null <<EOF
# --- Otter local settings: loopback only; durability traded for speed (a disposable dev cluster).
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_DIR/run'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
}

pg_psql() { pg_as_owner "$BIN/psql" -h "$PG_DIR/run" -p "$PG_PORT" -U postgres -d postgres -qAt -v ON_ERROR_STOP=1 "$@"; }

pg_create_databases() {
  pg_psql -c "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') THEN
        CREATE ROLE \"$PG_USER\" LOGIN PASSWORD '$PG_PASSWORD';
      END IF; END \$\$;" >/dev/null
  local db
  for db in $SERVICE_DATABASES; do
    for name in "$db" "${db}_test" "${db}_bench" "${db}_e2e" "${db}_scale"; do
      echo "SELECT 'CREATE DATABASE $name OWNER \"$PG_USER\"' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$name')\\gexec" | pg_psql >/dev/null
    done
  done
}

pg_start() {
  BIN=$(pg_bin) || true
  if [ -z "${BIN:-}" ]; then
    apt_install postgresql
    BIN=$(pg_bin) || die "PostgreSQL server binaries not found after installing"
  fi
  pg_prepare_dir
  if pg_running; then
    log "PostgreSQL already running on 127.0.0.1:$PG_PORT"
  else
    port_open "$PG_PORT" && die "PostgreSQL: port $PG_PORT is taken by another process (set OTTER_PG_PORT)"
    [ -f "$PG_DIR/data/PG_VERSION" ] || pg_init
    pg_as_owner mkdir -p "$PG_DIR/run"
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    pg_as_owner "$BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w -t 60 start >/dev/null 2>&1 \
      || fail_start PostgreSQL "$PG_DIR/postgres.log"
    STARTED+=(postgres)
  fi
  pg_create_databases || fail_start "PostgreSQL (creating databases)" "$PG_DIR/postgres.log"
}

pg_stop() {
  BIN=$(pg_bin) || return 0
  if pg_running; then
    log "stopping PostgreSQL"
    pg_as_owner "$BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 60 stop >/dev/null
  fi
}

# ---------------------------------------------------------------- Redis

redis_ping() { [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]; }

redis_single_start() {
  command -v redis-server >/dev/null 2>&1 || apt_install redis-server
  mkdir -p "$REDIS_DIR"
  if pid_alive "$REDIS_DIR/redis.pid" && redis_ping; then
    log "Redis already running on 127.0.0.1:$REDIS_PORT"
    return
  fi
  port_open "$REDIS_PORT" && die "Redis: port $REDIS_PORT is taken by another process (set OTTER_REDIS_PORT)"
  log "starting Redis on 127.0.0.1:$REDIS_PORT (no persistence)"
  rm -f "$REDIS_DIR/redis.log"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no \
    --daemonize yes --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log" --dir "$REDIS_DIR" \
    || fail_start Redis "$REDIS_DIR/redis.log"
  wait_until 15 redis_ping || fail_start Redis "$REDIS_DIR/redis.log"
  STARTED+=(redis)
}

redis_single_stop() {
  if pid_alive "$REDIS_DIR/redis.pid"; then
    log "stopping Redis"
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
    stop_pid "$REDIS_DIR/redis.pid" Redis 10
  fi
}

# One redis-server daemon: redis_daemon DIR PORT [ARGS...] (its pid, log and data in DIR).
redis_daemon() {
  local dir=$1 port=$2
  shift 2
  mkdir -p "$dir"
  if pid_alive "$dir/redis.pid"; then return; fi
  port_open "$port" && die "Redis: port $port is taken by another process"
  rm -f "$dir/redis.log"
  (cd "$dir" && redis-server "$@" --port "$port" --bind 127.0.0.1 --save "" --appendonly no \
    --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --dir "$dir") \
    || fail_start "Redis on $port" "$dir/redis.log"
  wait_until 15 port_open "$port" || fail_start "Redis on $port" "$dir/redis.log"
}

# A three-master Redis Cluster on REDIS_CLUSTER_PORT+0..+2 (OTTER_REDIS_TOPOLOGY=cluster).
redis_cluster_start() {
  local dir=$LOCAL/redis-cluster n nodes=()
  for n in 0 1 2; do
    redis_daemon "$dir/node-$n" $((REDIS_CLUSTER_PORT + n)) --cluster-enabled yes --cluster-config-file nodes.conf \
      --cluster-node-timeout 2000
    nodes+=("127.0.0.1:$((REDIS_CLUSTER_PORT + n))")
  done
  if ! redis_cluster_ok; then
    redis-cli --cluster create "${nodes[@]}" --cluster-replicas 0 --cluster-yes >"$dir/create.log" 2>&1 \
      || fail_start "Redis Cluster (create)" "$dir/create.log"
    wait_until 30 redis_cluster_ok || fail_start "Redis Cluster" "$dir/node-1/redis.log"
  fi
  log "Redis Cluster on ${nodes[*]}"
  STARTED+=(redis)
}

redis_cluster_ok() { redis-cli -p "$REDIS_CLUSTER_PORT" cluster info 2>/dev/null | grep -q cluster_state:ok; }

# A primary (REDIS_PORT+4), its replica (+5) and a Sentinel (+6) (OTTER_REDIS_TOPOLOGY=sentinel).
redis_sentinel_start() {
  local dir=$LOCAL/redis-sentinel primary=$((REDIS_PORT + 4)) sentinel=$((REDIS_PORT + 6))
  redis_daemon "$dir/primary" "$primary"
  redis_daemon "$dir/replica" $((REDIS_PORT + 5)) --replicaof 127.0.0.1 "$primary"
  if ! pid_alive "$dir/sentinel/redis.pid"; then
    mkdir -p "$dir/sentinel"
    # Sentinel rewrites its file as it learns the topology: written once, kept across restarts.
    [ -f "$dir/sentinel/sentinel.conf" ] || printf '%s\n' "port $sentinel" "bind 127.0.0.1" \
      "sentinel monitor $REDIS_SENTINEL_MASTER 127.0.0.1 $primary 1" \
      "sentinel down-after-milliseconds $REDIS_SENTINEL_MASTER 1000" \
      "sentinel failover-timeout $REDIS_SENTINEL_MASTER 10000" >"$dir/sentinel/sentinel.conf"
    redis-server "$dir/sentinel/sentinel.conf" --sentinel --daemonize yes --pidfile "$dir/sentinel/redis.pid" \
      --logfile "$dir/sentinel/redis.log" --dir "$dir/sentinel" || fail_start "Redis Sentinel" "$dir/sentinel/redis.log"
    wait_until 15 port_open "$sentinel" || fail_start "Redis Sentinel" "$dir/sentinel/redis.log"
  fi
  log "Redis primary 127.0.0.1:$primary, replica :$((REDIS_PORT + 5)), Sentinel :$sentinel (master name $REDIS_SENTINEL_MASTER)"
  STARTED+=(redis)
}

redis_start() {
  command -v redis-server >/dev/null 2>&1 || apt_install redis-server
  case $REDIS_TOPOLOGY in
    single) redis_single_start ;;
    cluster) redis_cluster_start ;;
    sentinel) redis_sentinel_start ;;
    *) die "OTTER_REDIS_TOPOLOGY must be single, cluster or sentinel (not $REDIS_TOPOLOGY)" ;;
  esac
}

# Stops whichever topologies run.
redis_stop() {
  redis_single_stop
  local pid
  for pid in "$LOCAL"/redis-cluster/node-*/redis.pid "$LOCAL"/redis-sentinel/*/redis.pid; do
    if pid_alive "$pid"; then stop_pid "$pid" "Redis ($(basename "$(dirname "$pid")"))" 10; fi
  done
}

# ---------------------------------------------------------------- Kafka

kafka_libs() {
  local marker="$KAFKA_DIR/libs/.resolved-$KAFKA_VERSION"
  [ -f "$marker" ] && return
  log "resolving Apache Kafka $KAFKA_VERSION from Maven Central"
  rm -rf "$KAFKA_DIR/libs"
  mkdir -p "$KAFKA_DIR"
  "$ROOT/mvnw" -q -B -f "$ROOT/deploy/local/kafka/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$KAFKA_DIR/libs" -DincludeScope=runtime >"$KAFKA_DIR/resolve.log" 2>&1 \
    || fail_start "Kafka (resolving jars)" "$KAFKA_DIR/resolve.log"
  touch "$marker"
}

kafka_config() {
  cat >"$KAFKA_DIR/server.properties" <<EOF
# Generated by deploy/local/infra.sh: one process is both broker and KRaft controller.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$KAFKA_DIR/data
num.partitions=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# Topics come from topics.conf only, so a misspelt topic in a service fails instead of appearing.
auto.create.topics.enable=false
group.initial.rebalance.delay.ms=0
EOF
  sed "s|@LOG@|$KAFKA_DIR/kafka.log|" "$ROOT/deploy/local/kafka/log4j2.properties" >"$KAFKA_DIR/log4j2.properties"
}

# Kafka tools (format, topic creation) log warnings only, to their own output.
kafka_java() { "$JAVA" -Dlog4j2.level=WARN -cp "$KAFKA_DIR/libs/*" "$@"; }

kafka_start() {
  mkdir -p "$KAFKA_DIR"
  if pid_alive "$KAFKA_DIR/kafka.pid" && port_open "$KAFKA_PORT"; then
    log "Kafka already running on 127.0.0.1:$KAFKA_PORT"
  else
    port_open "$KAFKA_PORT" && die "Kafka: port $KAFKA_PORT is taken by another process (set OTTER_KAFKA_PORT)"
    port_open "$KAFKA_CONTROLLER_PORT" && die "Kafka: port $KAFKA_CONTROLLER_PORT is taken (set OTTER_KAFKA_CONTROLLER_PORT)"
    kafka_libs
    kafka_config
    if [ ! -f "$KAFKA_DIR/data/meta.properties" ]; then
      log "formatting Kafka storage"
      kafka_java kafka.tools.StorageTool format -t "$(kafka_java kafka.tools.StorageTool random-uuid)" \
        -c "$KAFKA_DIR/server.properties" >"$KAFKA_DIR/format.log" 2>&1 || fail_start "Kafka (format)" "$KAFKA_DIR/format.log"
    fi
    log "starting Kafka $KAFKA_VERSION (KRaft) on 127.0.0.1:$KAFKA_PORT"
    rm -f "$KAFKA_DIR/kafka.log"
    # setsid: the broker outlives this script and is not hit by the terminal's Ctrl-C.
    setsid nohup "$JAVA" $KAFKA_HEAP -XX:+UseG1GC -Djava.awt.headless=true \
      -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2.properties" \
      -cp "$KAFKA_DIR/libs/*" kafka.Kafka "$KAFKA_DIR/server.properties" >"$KAFKA_DIR/stdout.log" 2>&1 </dev/null &
    echo $! >"$KAFKA_DIR/kafka.pid"
    STARTED+=(kafka)
  fi
  # Waits until the broker answers, then creates missing topics (a no-op when all exist).
  kafka_java "$ROOT/deploy/local/kafka/CreateTopics.java" "127.0.0.1:$KAFKA_PORT" \
    "$ROOT/deploy/local/topics.conf" 90 $KAFKA_NAMESPACES >"$KAFKA_DIR/topics.log" 2>&1 || {
    pid_alive "$KAFKA_DIR/kafka.pid" || fail_start Kafka "$KAFKA_DIR/kafka.log"
    fail_start "Kafka (creating topics)" "$KAFKA_DIR/topics.log"
  }
  grep '^created' "$KAFKA_DIR/topics.log" | sed 's/^/[otter] kafka: /' >&2 || true
}

kafka_stop() { stop_pid "$KAFKA_DIR/kafka.pid" Kafka 40; }

# ---------------------------------------------------------------- commands

start() {
  RECORD=""
  if [ "${1:-}" = --record ]; then RECORD=$2; fi
  require_java
  # Record on any exit, so a caller can stop what did start even when a later component fails.
  trap 'if [ -n "$RECORD" ]; then echo "${STARTED[*]:-}" >"$RECORD"; fi' EXIT
  pg_start
  redis_start
  kafka_start
  log "infrastructure ready: PostgreSQL 127.0.0.1:$PG_PORT, Redis ($REDIS_TOPOLOGY) $(redis_hosts), Kafka 127.0.0.1:$KAFKA_PORT"
}

stop() {
  local components=("$@")
  [ ${#components[@]} -gt 0 ] || components=(kafka redis postgres)
  local c
  for c in "${components[@]}"; do
    case $c in
      postgres) pg_stop ;;
      redis) redis_stop ;;
      kafka) kafka_stop ;;
      *) die "unknown component $c" ;;
    esac
  done
}

status() {
  BIN=$(pg_bin) || true
  if [ -n "${BIN:-}" ] && pg_running; then echo "postgres  running  127.0.0.1:$PG_PORT  $PG_DIR/postgres.log"; else echo "postgres  stopped"; fi
  if pid_alive "$REDIS_DIR/redis.pid"; then echo "redis     running  127.0.0.1:$REDIS_PORT  $REDIS_DIR/redis.log"; else echo "redis     stopped"; fi
  local pid
  for pid in "$LOCAL"/redis-cluster/node-*/redis.pid "$LOCAL"/redis-sentinel/*/redis.pid; do
    if pid_alive "$pid"; then echo "redis     running  $(dirname "$pid")"; fi
  done
  if pid_alive "$KAFKA_DIR/kafka.pid"; then echo "kafka     running  127.0.0.1:$KAFKA_PORT  $KAFKA_DIR/kafka.log"; else echo "kafka     stopped"; fi
}

cmd=${1:-}
shift || true
case $cmd in
  start) start "$@" ;;
  stop) stop "$@" ;;
  status) status ;;
  *) echo "usage: $0 start [--record FILE] | stop [postgres|redis|kafka...] | status" >&2; exit 2 ;;
esac
