package dev.otter.support.device;

import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * Device requests a service may answer without an app key — in manifest-service, the legacy
 * (seed-format) endpoints of families an operator opened to key-less clients. The request is still
 * rate-limited per client address; the endpoint checks again what it serves (the gate cannot read
 * a body).
 */
public interface KeylessDevices {
    /** Whether this request, which carries no app key, may go on. */
    boolean admits(ContainerRequestContext request);
}
