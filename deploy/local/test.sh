#!/usr/bin/env bash
# Runs every test: starts the backends that are not already running, runs ./mvnw verify (unit,
# integration and end-to-end tests, Kubernetes manifest checks, formatting check), stops what it started, and exits with the
# build's status. Extra arguments go to Maven, e.g. deploy/local/test.sh -pl manifest-service -am
# This is what CI runs (.ci/run).
set -uo pipefail
source "$(dirname "$0")/lib.sh"

record=$(mktemp)
cleanup() { stop_recorded "$record"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

"$ROOT/deploy/local/infra.sh" start --record "$record" || exit 1
# deploy/checks renders the Kubernetes overlays with kubectl kustomize.
require_kubectl || exit 1
require_chromium || exit 1
"$ROOT/mvnw" -B -ntp verify "$@"
