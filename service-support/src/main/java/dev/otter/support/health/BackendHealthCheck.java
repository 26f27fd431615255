package dev.otter.support.health;

import io.smallrye.health.api.AsyncHealthCheck;

/**
 * One round trip to a backend the service uses. Not a readiness check by itself: {@link
 * DependencyHealth} decides, per service, whether an outage of it makes the pod unready.
 */
public interface BackendHealthCheck extends AsyncHealthCheck {
    /** The backend's name, as the check reports it: {@code postgresql}, {@code redis}, {@code kafka}. */
    String backend();
}
