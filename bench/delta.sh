#!/usr/bin/env bash
# Delta benchmark: synthetic GGUF pairs where 10 %, 25 % and 50 % of the tensors changed; prints
# patch size / full size, generation MB/s, apply MB/s (with verification) and each step's peak RSS.
# Each step runs in its own JVM with a 64 MB heap, to show memory does not grow with the file.
#
#   bench/delta.sh [SIZE_MB ...]      default: 256 1024 (needs ~6× the largest size in free disk)
set -euo pipefail
source "$(dirname "$0")/../deploy/local/lib.sh"

SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(256 1024)
require_java
DIR=$LOCAL/bench/delta
mkdir -p "$DIR"
trap 'rm -f "$DIR"/*.gguf "$DIR"/*.otdp' EXIT

bench_build bench "$DIR/build.log"
bench() { "$JAVA" -Xmx64m -cp "$ROOT/bench/target/classes:$ROOT/bench/target/lib/*" dev.otter.bench.DeltaBench "$@"; }

for size in "${SIZES[@]}"; do
  echo "== ${size} MB"
  bench model "$DIR/base.gguf" "$size" 0
  for pct in 10 25 50; do
    bench model "$DIR/target-$pct.gguf" "$size" "$pct"
    made=$(bench make "$DIR/base.gguf" "$DIR/target-$pct.gguf" "$DIR/patch-$pct.otdp")
    sed "/^FIGURE /!s/^/  $pct % changed: /" <<<"$made"
    sha=$(sed -n 's/.*, sha \([0-9a-f]\{64\}\)$/\1/p' <<<"$made")
    bench apply "$DIR/base.gguf" "$DIR/patch-$pct.otdp" "$DIR/out.gguf" "$sha" | sed '/^FIGURE /!s/^/     /'
    rm -f "$DIR/target-$pct.gguf" "$DIR/patch-$pct.otdp"
  done
  rm -f "$DIR/base.gguf"
done
