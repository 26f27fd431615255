#!/usr/bin/env bash
# Upload benchmark: streams a synthetic GGUF file of SIZE_MB (default 2048) into a manifest-service
# of its own running with a 128 MB heap, and prints upload MB/s and the service's RSS before and at
# its peak — the upload path must not hold the file in memory.
#
#   bench/upload.sh [SIZE_MB]
set -euo pipefail
source "$(dirname "$0")/../deploy/local/lib.sh"

SIZE_MB=${1:-2048}
PORT=18191
BENCH_DIR=$LOCAL/bench/upload
mkdir -p "$BENCH_DIR"
record=$(mktemp)
service_pid=""
cleanup() {
  [ -n "$service_pid" ] && { kill "$service_pid" 2>/dev/null || true; wait "$service_pid" 2>/dev/null || true; }
  rm -rf "$BENCH_DIR/model.gguf" "$BENCH_DIR/artifacts"
  stop_recorded "$record"
}
trap cleanup EXIT
require_java
require_curl
"$ROOT/deploy/local/infra.sh" start --record "$record"
bench_build manifest-service,bench "$BENCH_DIR/build.log"

"$JAVA" -Xmx64m -cp "$ROOT/bench/target/classes:$ROOT/bench/target/lib/*" dev.otter.bench.DeltaBench \
  model "$BENCH_DIR/model.gguf" "$SIZE_MB" 0
sha=$(sha256sum "$BENCH_DIR/model.gguf" | cut -d' ' -f1)

port_open "$PORT" && die "port $PORT is taken: is another benchmark still running?"
ensure_operator_keys
# The shipped JVM options with a deliberately small heap: the upload must stream, not buffer.
OTTER_JAVA_OPTS="-Xms32m -Xmx128m" service_command manifest-service
(cd "$SERVICE_HOME" && OTTER_MANIFEST_PORT=$PORT OTTER_MANIFEST_DB=otter_manifest_bench OTTER_NAMESPACE=otter-bench \
  OTTER_ARTIFACTS_DIR="$BENCH_DIR/artifacts" OTTER_MIGRATIONS_CLEAN_AT_START=true \
  OTTER_JWT_PUBLIC_KEY="$KEY_DIR/operator.pub" QUARKUS_HTTP_HOST=127.0.0.1 \
  exec "${SERVICE_CMD[@]}") >"$BENCH_DIR/manifest-service.log" 2>&1 &
service_pid=$!
wait_until 60 bash -c "curl -fsS http://127.0.0.1:$PORT/q/health/live >/dev/null 2>&1" \
  || fail_start "manifest-service (bench)" "$BENCH_DIR/manifest-service.log"
rss() { mem_mb "$service_pid" "$1"; }
before=$(rss VmRSS)
# -T streams the file (--data-binary would read it into curl's memory first).
result=$(curl -sS -o "$BENCH_DIR/answer.json" -w '%{http_code} %{time_total}' -X POST \
  -H 'Content-Type: application/octet-stream' -H "Authorization: Bearer $(mint_token bench publisher)" -T "$BENCH_DIR/model.gguf" \
  "http://127.0.0.1:$PORT/api/v1/uploads?sha256=$sha")
read -r status seconds <<<"$result"
[ "$status" = 201 ] || { cat "$BENCH_DIR/answer.json" >&2; die "upload answered $status"; }
printf 'upload of %d MB: %s, %.0f MB/s (hash, write, GGUF check, store); service heap -Xmx128m, RSS %s MB before, peak %s MB\n' \
  "$SIZE_MB" "$status" "$(awk -v m="$SIZE_MB" -v s="$seconds" 'BEGIN {print m * 1.048576 / s}')" "$before" "$(rss VmHWM)"
figure "Upload (service heap -Xmx128m)" "$SIZE_MB MB: MB/s, service RSS before / peak" \
  "$(awk -v m="$SIZE_MB" -v s="$seconds" 'BEGIN {printf "%.0f", m * 1.048576 / s}') MB/s, $before / $(rss VmHWM) MB"

