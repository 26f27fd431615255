#!/usr/bin/env bash
# Every benchmark with fixed settings, then one table of their figures with the commit, date and
# machine they were measured on. The README's figures come from this table.
#
#   bench/all.sh [--quick] [--update-docs]
#
# Full: ~14 min. --quick: shorter runs, a smoke test of the scripts, not a measurement.
# --update-docs: also writes the table into docs/benchmarks.md and its key rows into README.md
# (between their "bench/all.sh" markers), so the documents carry exactly what was measured.
# The whole output (each benchmark's own lines, then the table) is kept in .local/bench/all-<date>.txt.
set -euo pipefail
source "$(dirname "$0")/../deploy/local/lib.sh"

QUICK=""
UPDATE_DOCS=""
for arg in "$@"; do
  case $arg in
    --quick) QUICK=yes ;;
    --update-docs) UPDATE_DOCS=yes ;;
    *) echo "usage: $0 [--quick] [--update-docs]" >&2; exit 2 ;;
  esac
done
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

# cpu_jiffies: "steal total" of all CPUs so far (/proc/stat): time the hypervisor gave to others.
cpu_jiffies() { awk '/^cpu / {t = 0; for (i = 2; i <= NF; i++) t += $i; print $9, t}' /proc/stat; }

# run SCRIPT ARGS...: one benchmark; its output is shown and kept in $out (FIGURE lines kept only),
# with the share of CPU time stolen by other guests of the host while it ran: a noisy neighbour
# explains a slow run.
run() {
  local script=$1 before after
  shift
  echo "=== bench/$script $*" | tee -a "$out"
  before=$(cpu_jiffies)
  "$ROOT/bench/$script" "$@" 2>&1 | tee -a "$out" | grep -v '^FIGURE '
  after=$(cpu_jiffies)
  figure "Machine" "CPU stolen by other guests during bench/$script" \
    "$(awk -v b="$before" -v a="$after" 'BEGIN {split(b, x, " "); split(a, y, " "); printf "%.1f %%", 100 * (y[1] - x[1]) / (y[2] - x[2])}')" \
    | tee -a "$out" >/dev/null
}

if [ -n "$QUICK" ]; then
  run startup.sh 1
  run update-check.sh 5 64 2000
  run telemetry.sh 10 8 1
  run delta.sh 64
  run upload.sh 256
  run stream.sh 2000 4000
  run dedup.sh 100000
  run replicas.sh 5 64
else
  run startup.sh 3
  run update-check.sh 20 64 5000
  run telemetry.sh 30 8 3
  run delta.sh 256 1024
  run upload.sh 2048
  run stream.sh 18000 25000
  run dedup.sh
  run replicas.sh 15 64
fi

commit=$(git -C "$ROOT" rev-parse --short HEAD)
[ -z "$(git -C "$ROOT" status --porcelain --untracked-files=no)" ] || commit="$commit (with uncommitted changes)"
cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
heading="Measured $(date -u +'%Y-%m-%d %H:%M UTC') at commit $commit with \`bench/all.sh${QUICK:+ --quick}\`
on $(nproc) cores ($cpu), $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $("$JAVA" -version 2>&1 | head -n 1); load generators, services and backends share the machine."
table=$(
  echo "| Benchmark | Figure | Value |"
  echo "| --- | --- | --- |"
  # Sections in the order they first appear (the machine last), each section named once.
  grep '^FIGURE ' "$out" | sed 's/^FIGURE //' | awk -F'|' '
    !($1 in rows) { order[++n] = $1; rows[$1] = "" }
    { rows[$1] = rows[$1] sprintf("| %s | %s | %s |\n", (rows[$1] == "" ? $1 : ""), $2, $3) }
    END { for (i = 1; i <= n; i++) if (order[i] != "Machine") printf "%s", rows[order[i]]; printf "%s", rows["Machine"] }'
)
printf '\n%s\n\n%s\n' "$heading" "$table" | tee -a "$out"

# The README's key figures: these rows of the same table.
key_rows() {
  grep '^FIGURE ' "$out" | sed 's/^FIGURE //' | awk -F'|' '
    $2 ~ /alone, median|three together|^max checks|at 5,000 checks|^counted events|ROLLBACK|RSS: peak|idle \/ peak|streams held|per 10 000 streams|check-now on every|checks that follow/ {
      printf "| %s | %s | %s |\n", ($1 == last ? "" : $1), $2, $3; last = $1 }'
}

# replace_between FILE MARKER TEXT: puts TEXT between "<!-- MARKER: begin -->" and "... end -->".
replace_between() {
  python3 - "$1" "$2" "$3" <<'PY'
import sys
path, marker, text = sys.argv[1:]
begin, end = f"<!-- {marker}: begin -->", f"<!-- {marker}: end -->"
doc = open(path).read()
a, b = doc.index(begin) + len(begin), doc.index(end)
open(path, "w").write(doc[:a] + "\n" + text.strip("\n") + "\n" + doc[b:])
PY
}

if [ -n "$UPDATE_DOCS" ]; then
  replace_between "$ROOT/docs/benchmarks.md" "bench/all.sh output" "$heading"$'\n\n'"$table"
  replace_between "$ROOT/README.md" "bench/all.sh key figures" "$heading"$'\n\n'"| Benchmark | Figure | Value |
| --- | --- | --- |
$(key_rows)"
  log "docs/benchmarks.md and README.md updated"
fi
log "all output kept in $out"
