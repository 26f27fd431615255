# Shared by the deploy/local scripts (sourced, not run). Everything the local system writes lives
# under $OTTER_LOCAL_DIR (default: .local/ at the repository root, git-ignored).

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
LOCAL=${OTTER_LOCAL_DIR:-$ROOT/.local}

PG_PORT=${OTTER_PG_PORT:-55432}
PG_USER=${OTTER_PG_USER:-otter}
PG_PASSWORD=${OTTER_PG_PASSWORD:-otter}
REDIS_PORT=${OTTER_REDIS_PORT:-56379}
REDIS_TOPOLOGY=${OTTER_REDIS_TOPOLOGY:-single}
# Cluster nodes listen on +0..+2; each node's bus listens 10 000 higher, so at most 55535.
REDIS_CLUSTER_PORT=${OTTER_REDIS_CLUSTER_PORT:-46380}
REDIS_SENTINEL_MASTER=otter
KAFKA_PORT=${OTTER_KAFKA_PORT:-59092}
KAFKA_CONTROLLER_PORT=${OTTER_KAFKA_CONTROLLER_PORT:-59093}
KAFKA_NAMESPACES=${OTTER_KAFKA_NAMESPACES:-otter otter-test otter-e2e otter-bench otter-scale}
KAFKA_HEAP=${OTTER_KAFKA_HEAP:--Xms256m -Xmx768m}

# One database per service, plus separate ones per service for the tests, benchmarks and end-to-end tests.
SERVICE_DATABASES="otter_manifest otter_rollout otter_telemetry"

# name:port of each service, in start order.
SERVICES="manifest-service:${OTTER_MANIFEST_PORT:-8081} rollout-service:${OTTER_ROLLOUT_PORT:-8082} telemetry-service:${OTTER_TELEMETRY_PORT:-8083} console:${OTTER_CONSOLE_PORT:-8084}"

JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

# The Redis URIs of the chosen topology (infra.sh starts it), comma-separated.
redis_hosts() {
  case $REDIS_TOPOLOGY in
    cluster) echo "redis://127.0.0.1:$REDIS_CLUSTER_PORT,redis://127.0.0.1:$((REDIS_CLUSTER_PORT + 1)),redis://127.0.0.1:$((REDIS_CLUSTER_PORT + 2))" ;;
    sentinel) echo "redis://127.0.0.1:$((REDIS_PORT + 6))" ;;
    *) echo "redis://127.0.0.1:$REDIS_PORT" ;;
  esac
}

# Points the services started from this shell at the chosen topology.
export_redis_topology() {
  [ "$REDIS_TOPOLOGY" = single ] && return
  export QUARKUS_REDIS_CLIENT_TYPE=$REDIS_TOPOLOGY QUARKUS_REDIS_HOSTS
  QUARKUS_REDIS_HOSTS=$(redis_hosts)
  if [ "$REDIS_TOPOLOGY" = sentinel ]; then
    # counts wait for the replica, so that a failover loses none (deploy/SCALING.md)
    export QUARKUS_REDIS_MASTER_NAME=$REDIS_SENTINEL_MASTER OTTER_TELEMETRY_COUNTING_REPLICA_ACKS=1
  fi
}

log() { printf '[otter] %s\n' "$*" >&2 || true; }

die() {
  log "ERROR: $*"
  exit 1
}

# fail_start COMPONENT LOGFILE: report which component failed and show the end of its log.
fail_start() {
  log "ERROR: $1 failed to start. Last lines of $2:"
  if [ -f "$2" ]; then tail -n 40 "$2" | sed 's/^/    /' >&2; else log "    (no log written)"; fi
  exit 1
}

is_root() { [ "$(id -u)" = 0 ]; }

as_root() {
  if is_root; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root to run: $* (install it yourself, or run as root)"
  fi
}

# apt_install PACKAGE...: installs from Debian without letting the packages start system services
# (a system redis on 6379 would outlive our stop command).
apt_install() {
  command -v apt-get >/dev/null 2>&1 || die "missing $*: install it with your package manager"
  log "installing $* from apt"
  local policy=/usr/sbin/policy-rc.d created=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null && as_root chmod +x "$policy" && created=yes
  fi
  local status=0
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null 2>&1 || {
    as_root apt-get update -q >/dev/null 2>&1
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null || status=$?
  }
  [ -n "$created" ] && as_root rm -f "$policy"
  [ "$status" = 0 ] || die "apt-get install $* failed"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_until SECONDS COMMAND...: polls COMMAND every 0.5 s until it succeeds or time runs out.
wait_until() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    [ "$SECONDS" -ge "$deadline" ] && return 1
    sleep 0.5
  done
}

# The JVM options of every service (a java argument file; see the file for why each is there).
# OTTER_SERVICE_JVM_OPTIONS points at another file, e.g. to compare settings in a benchmark.
SERVICE_JVM_OPTIONS=${OTTER_SERVICE_JVM_OPTIONS:-$ROOT/deploy/service-jvm.options}

# service_command NAME: sets SERVICE_CMD (the command starting packaged service NAME with the
# service JVM options) and SERVICE_HOME (its quarkus-app directory, which must be the working
# directory: the class-data archive is found there). OTTER_JAVA_OPTS adds options (later ones win).
service_command() {
  SERVICE_HOME=$ROOT/$1/target/quarkus-app
  [ -f "$SERVICE_HOME/quarkus-run.jar" ] || die "$SERVICE_HOME/quarkus-run.jar is missing: build first"
  # shellcheck disable=SC2206 # heap options are words
  SERVICE_CMD=(env MALLOC_ARENA_MAX=2 "$JAVA" "@$SERVICE_JVM_OPTIONS" ${OTTER_JAVA_OPTS:-} -jar quarkus-run.jar)
}

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# stop_pid PIDFILE NAME [SECONDS]: TERM, wait, then KILL; removes the pid file.
stop_pid() {
  local pidfile=$1 name=$2 grace=${3:-30}
  if pid_alive "$pidfile"; then
    local pid
    pid=$(cat "$pidfile")
    log "stopping $name (pid $pid)"
    kill "$pid" 2>/dev/null || true
    if ! wait_until "$grace" bash -c "! kill -0 $pid 2>/dev/null"; then
      log "$name did not stop within ${grace}s, killing it"
      kill -9 "$pid" 2>/dev/null || true
      wait_until 10 bash -c "! kill -0 $pid 2>/dev/null" || true
    fi
  fi
  rm -f "$pidfile"
}

require_java() {
  command -v "$JAVA" >/dev/null 2>&1 || die "Java 17 or newer is required (set JAVA_HOME)"
  local major
  major=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  [ "${major%%.*}" -ge 17 ] 2>/dev/null || die "Java 17 or newer is required, found $major"
}

require_curl() { command -v curl >/dev/null 2>&1 || apt_install curl; }
# kubectl (its built-in kustomize renders deploy/k8s); Debian 12 packages it as kubernetes-client.
require_kubectl() { command -v kubectl >/dev/null 2>&1 || apt_install kubernetes-client; }
# The console's browser tests drive Debian's chromium through its chromedriver (offline, headless).
require_chromium() {
  [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || apt_install chromium chromium-driver
}

# stop_recorded FILE: stops the backends that `infra.sh start --record FILE` started (and only those).
stop_recorded() {
  local started
  started=$(cat "$1" 2>/dev/null || true)
  if [ -n "${started// /}" ]; then
    log "stopping what this run started: $started"
    # shellcheck disable=SC2086 # a list of component names
    "$ROOT/deploy/local/infra.sh" stop $started || true
  fi
  rm -f "$1"
}

# --- Operator tokens and device keys for the embedded default ---------------------------------
# The local operator key pair (RSA, PKCS#8 / X.509 PEM, the same files DevKeys writes): services
# verify with operator.pub (OTTER_JWT_PUBLIC_KEY); tokens are signed with operator.key. Never a
# production key: a deployment points the services at its identity provider's key instead.
KEY_DIR=$LOCAL/keys
require_openssl() { command -v openssl >/dev/null 2>&1 || apt_install openssl; }

ensure_operator_keys() {
  [ -f "$KEY_DIR/operator.key" ] && [ -f "$KEY_DIR/operator.pub" ] && return 0
  require_openssl
  mkdir -p "$KEY_DIR"
  (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEY_DIR/operator.key" 2>/dev/null)
  openssl pkey -in "$KEY_DIR/operator.key" -pubout -out "$KEY_DIR/operator.pub"
  log "operator key pair created in $KEY_DIR"
}

_b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

# mint_token SUBJECT ROLES [TTL_SECONDS]: an RS256 JWT for SUBJECT with the comma-separated ROLES.
mint_token() {
  local subject=$1 roles=$2 ttl=${3:-28800} now header payload groups
  ensure_operator_keys
  [[ $subject =~ ^[A-Za-z0-9@._:+/-]{1,128}$ ]] || die "subject must be 1-128 of A-Z a-z 0-9 @._:+/-"
  [[ $roles =~ ^[a-z,]+$ ]] || die "roles are a comma-separated list of viewer, publisher, operator, admin"
  groups=$(printf '"%s",' ${roles//,/ }); groups=${groups%,}
  now=$(date +%s)
  header=$(printf '{"alg":"RS256","typ":"JWT"}' | _b64url)
  payload=$(printf '{"iss":"%s","sub":"%s","groups":[%s],"iat":%d,"exp":%d}' \
    "${OTTER_JWT_ISSUER:-otter-local}" "$subject" "$groups" "$now" $((now + ttl)) | _b64url)
  printf '%s.%s.%s\n' "$header" "$payload" \
    "$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$KEY_DIR/operator.key" -binary | _b64url)"
}

# create_app_key MANIFEST_URL APP TOKEN: registers APP (if new) and prints a new device key for it.
create_app_key() {
  local url=$1 app=$2 token=$3 answer
  curl -fsS -o /dev/null -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"id\":\"$app\",\"name\":\"$app\"}" "$url/api/v1/apps" 2>/dev/null || true # 409: exists already
  answer=$(curl -fsS -X POST -H "Authorization: Bearer $token" "$url/api/v1/apps/$app/keys") \
    || die "could not create an app key for $app at $url"
  printf '%s\n' "$answer" | sed -n 's/.*"key" *: *"\([^"]*\)".*/\1/p'
}

# --- Benchmarks ---------------------------------------------------------------------------------
# figure SECTION FIGURE VALUE: one machine-readable figure line; bench/all.sh makes the table of them.
figure() { printf 'FIGURE %s|%s|%s\n' "$1" "$2" "$3"; }

# mem_mb PID FIELD: a /proc status memory figure in MB (VmRSS: resident now, VmHWM: the peak).
mem_mb() { awk -v k="$2:" '$1 == k {printf "%.0f", $2/1024}' "/proc/$1/status"; }

# bench_build MODULES LOGFILE: packages MODULES (and what they need) unless bench/all.sh built already.
# start_bench_manifest PORT DIR: a manifest-service for a benchmark, started as run.sh starts it
# (deploy/service-jvm.options) on PORT: database otter_manifest_bench emptied at start, namespace
# otter-bench, artifacts and log in DIR, rate limits off (one client address, reused install ids),
# not waiting for rollout-service's published state (none runs). Sets SERVICE_PID once it is ready.
start_bench_manifest() {
  local port=$1 dir=$2
  port_open "$port" && die "port $port is taken: is another benchmark still running?"
  service_command manifest-service
  (cd "$SERVICE_HOME" && OTTER_MANIFEST_PORT=$port OTTER_MANIFEST_DB=otter_manifest_bench OTTER_NAMESPACE=otter-bench \
    OTTER_MANIFEST_ROLLOUT_REQUIRE_PUBLISHED_STATE=false OTTER_ARTIFACTS_DIR="$dir/artifacts" \
    OTTER_JWT_PUBLIC_KEY="$KEY_DIR/operator.pub" OTTER_DEVICE_RATE_LIMIT_ENABLED=false \
    OTTER_MIGRATIONS_CLEAN_AT_START=true QUARKUS_HTTP_HOST=127.0.0.1 \
    exec "${SERVICE_CMD[@]}") >"$dir/manifest-service.log" 2>&1 &
  SERVICE_PID=$!
  wait_until 60 bash -c "curl -fsS http://127.0.0.1:$port/q/health/ready >/dev/null 2>&1" \
    || fail_start "manifest-service (bench)" "$dir/manifest-service.log"
}

bench_build() {
  [ "${OTTER_BENCH_BUILT:-}" = yes ] && return 0
  log "building $1"
  "$ROOT/mvnw" -B -q -ntp -DskipTests -Dspotless.check.skip=true -pl "$1" -am package >"$2" 2>&1 \
    || fail_start "the build" "$2"
}

