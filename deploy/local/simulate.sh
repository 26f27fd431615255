#!/usr/bin/env bash
# The device simulator (otter-sim) against the local system started by run.sh.
#
#   deploy/local/simulate.sh scenario                the release scenario with 2000 devices
#   deploy/local/simulate.sh scenario --devices 500  (see --help for every option)
#   deploy/local/simulate.sh demo                    seed the demo catalog and serve its files
#   deploy/local/simulate.sh gguf --out model.gguf   write a synthetic GGUF file
#   deploy/local/simulate.sh token --role viewer     an operator token (deploy/local/token.sh is lighter)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

require_java
SIM=$ROOT/device-simulator
if [ ! -d "$SIM/target/lib" ] || [ -n "$(find "$SIM/src" "$ROOT/gguf/src" -newer "$SIM/target/lib" -name '*.java' 2>/dev/null | head -n 1)" ]; then
  log "building the simulator"
  "$ROOT/mvnw" -B -q -ntp -DskipTests -Dspotless.check.skip=true -pl device-simulator -am package >"$LOCAL/simulator-build.log" 2>&1 \
    || fail_start "the simulator build" "$LOCAL/simulator-build.log"
  touch "$SIM/target/lib"
fi
mkdir -p "$LOCAL/simulator"
cd "$ROOT"
exec "$JAVA" -Xmx1g -cp "$SIM/target/classes:$SIM/target/lib/*" dev.otter.simulator.SimulatorCli "$@"
