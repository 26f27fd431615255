#!/usr/bin/env bash
# Stops everything run.sh started: the demo file server, the three services, then Kafka, Redis and PostgreSQL.
# Leaves no process and no listening port behind; data under .local/ is kept for the next start
# (delete .local/ to start from scratch).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SERVICE_DIR=$LOCAL/services
names=()
for entry in $SERVICES; do names=("${entry%%:*}" "${names[@]}"); done
stop_pid "$SERVICE_DIR/demo.pid" "the demo file server" 10
for name in "${names[@]}"; do stop_pid "$SERVICE_DIR/$name.pid" "$name" 30; done
"$ROOT/deploy/local/infra.sh" stop
log "stopped"
