#!/usr/bin/env bash
# Dedup benchmark: the memory of telemetry's event-id dedup in real Redis — one partition-hour's
# Bloom filter filled to its capacity, its measured false-drop rate, the exact id set it replaced,
# and both scaled to 1 M events/s over the 2-hour window (deploy/SCALING.md).
#
#   bench/dedup.sh [CAPACITY [FALSE_DROP_RATE]]      default: 1000000 0.001
set -euo pipefail
source "$(dirname "$0")/../deploy/local/lib.sh"

require_java
DIR=$LOCAL/bench/dedup
mkdir -p "$DIR"
bench_build bench "$DIR/build.log"
"$JAVA" -Xmx256m -cp "$ROOT/bench/target/classes:$ROOT/bench/target/lib/*" dev.otter.bench.DedupBench \
  "$REDIS_PORT" "${1:-1000000}" "${2:-0.001}"
