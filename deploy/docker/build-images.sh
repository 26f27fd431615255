#!/usr/bin/env bash
# Builds the three service images (needs Docker, or Podman as "docker"):
#
#   deploy/docker/build-images.sh [REGISTRY]     e.g. ghcr.io/acme  (default: otter)
#
# Tags each image REGISTRY/<service>:<project version>; the Kubernetes overlays pin that tag.
set -euo pipefail
source "$(dirname "$0")/../local/lib.sh"
REGISTRY=${1:-otter}
VERSION=$("$ROOT/mvnw" -q -ntp help:evaluate -Dexpression=project.version -DforceStdout)
VERSION=${VERSION%-SNAPSHOT}
command -v docker >/dev/null 2>&1 || die "docker is not installed"
"$ROOT/mvnw" -B -q -ntp -DskipTests -Dspotless.check.skip=true package \
  -pl manifest-service,rollout-service,telemetry-service,console -am
for service in manifest-service rollout-service telemetry-service console; do
  log "building $REGISTRY/$service:$VERSION"
  docker build -f "$ROOT/deploy/docker/Dockerfile.jvm" -t "$REGISTRY/$service:$VERSION" "$ROOT/$service"
done
