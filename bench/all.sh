#!/usr/bin/env bash
# Every benchmark with fixed settings, then one table of their figures with the commit, date and
# machine they were measured on. The README's figures come from this table.
#
#   bench/all.sh [--quick]     full: ~12 min; --quick: shorter runs for a smoke test of the scripts
#
# The whole output (each benchmark's own lines, then the table) is also written to
# .local/bench/all-<date>.txt.
set -euo pipefail
source "$(dirname "$0")/../deploy/local/lib.sh"

QUICK=""
[ "${1:-}" = --quick ] && QUICK=yes
mkdir -p "$LOCAL/bench"
out=$LOCAL/bench/all-$(date -u +%Y%m%dT%H%M%SZ).txt
record=$(mktemp)
trap 'stop_recorded "$record"' EXIT

require_java
"$ROOT/deploy/local/infra.sh" start --record "$record"
log "building everything the benchmarks run"
"$ROOT/mvnw" -B -q -ntp -DskipTests -Dspotless.check.skip=true \
  -pl manifest-service,rollout-service,telemetry-service,bench -am package >"$LOCAL/bench/build.log" 2>&1 \
  || fail_start "the build" "$LOCAL/bench/build.log"
export OTTER_BENCH_BUILT=yes

# run SCRIPT ARGS...: one benchmark; its output is shown and kept in $out (FIGURE lines kept only).
run() {
  local script=$1
  shift
  echo "=== bench/$script $*" | tee -a "$out"
  "$ROOT/bench/$script" "$@" 2>&1 | tee -a "$out" | grep -v '^FIGURE '
}

if [ -n "$QUICK" ]; then
  run startup.sh 1
  run update-check.sh 5 64 2000
  run telemetry.sh 10 8 1
  run delta.sh 64
  run upload.sh 256
else
  run startup.sh 3
  run update-check.sh 20 64 5000
  run telemetry.sh 30 8 3
  run delta.sh 256
  run upload.sh 2048
fi

commit=$(git -C "$ROOT" rev-parse --short HEAD)
[ -z "$(git -C "$ROOT" status --porcelain --untracked-files=no)" ] || commit="$commit (with uncommitted changes)"
cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
{
  echo
  echo "Measured $(date -u +'%Y-%m-%d %H:%M UTC') at commit $commit with \`bench/all.sh${QUICK:+ --quick}\`"
  echo "on $(nproc) cores ($cpu), $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo)," \
    "$("$JAVA" -version 2>&1 | head -n 1); load generators, services and backends share the machine."
  echo
  echo "| Benchmark | Figure | Value |"
  echo "| --- | --- | --- |"
  # Sections in the order they first appear, each figure under its section, each section named once.
  grep '^FIGURE ' "$out" | sed 's/^FIGURE //' | awk -F'|' '
    !($1 in rows) { order[++n] = $1; rows[$1] = "" }
    { rows[$1] = rows[$1] sprintf("| %s | %s | %s |\n", (rows[$1] == "" ? $1 : ""), $2, $3) }
    END { for (i = 1; i <= n; i++) printf "%s", rows[order[i]] }'
} | tee -a "$out"
log "all output kept in $out"
