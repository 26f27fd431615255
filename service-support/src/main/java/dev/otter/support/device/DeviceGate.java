package dev.otter.support.device;

import dev.otter.contract.AppKeys;
import dev.otter.support.error.ApiException;
import dev.otter.support.error.CommonError;
import dev.otter.support.error.RateLimitedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The door of every {@link DeviceEndpoint}: the client address's rate limit first (so a flood of
 * bad keys is throttled too), then the app key. Rejections are 429 with {@code Retry-After} or
 * 401, as problem+json; nothing of the request has been read or accepted at that point. Install id
 * limits are applied by each endpoint once it has read the body ({@link #limitInstall}).
 */
@ApplicationScoped
public class DeviceGate {
    /** Request property holding the application id of the admitted key. */
    public static final String APPLICATION = "otter.application";

    private final AppKeyRegistry registry;
    private final DeviceConfig config;
    private final FixedWindowLimiter perAddress;
    private final FixedWindowLimiter perInstall;
    private final Instance<KeylessDevices> keyless;

    public DeviceGate(AppKeyRegistry registry, DeviceConfig config, Instance<KeylessDevices> keyless) {
        this.registry = registry;
        this.keyless = keyless;
        this.config = config;
        long window = config.rateLimit().window().toMillis();
        this.perAddress = new FixedWindowLimiter(config.rateLimit().perAddress(), window);
        this.perInstall = new FixedWindowLimiter(config.rateLimit().perInstall(), window);
    }

    @DeviceEndpoint
    @ServerRequestFilter
    public void admit(ContainerRequestContext context, HttpServerRequest request) {
        String key = context.getHeaderString(AppKeys.HEADER);
        if ((key == null || key.isBlank())
                && keyless.isResolvable()
                && keyless.get().admits(context)) {
            limitAddress(request); // key-less, not limitless
            return;
        }
        String application = admit(request, key);
        if (application != null) {
            context.setProperty(APPLICATION, application);
        }
    }

    /**
     * The same door for plain Vert.x routes (the update stream): the address's rate limit, then the
     * app key. Returns the application id (null when keys are not required); throws the 429/401/503
     * as an {@link ApiException}.
     */
    public String admit(HttpServerRequest request, String key) {
        limitAddress(request);
        if (!config.requireAppKey()) {
            return null;
        }
        if (!registry.isLoaded()) {
            throw new ApiException(CommonError.BACKEND_UNAVAILABLE, "app keys are not loaded yet; retry shortly");
        }
        if (key == null || key.isBlank()) {
            throw new ApiException(CommonError.APP_KEY_REJECTED, AppKeys.HEADER + " header is missing");
        }
        return registry.applicationOf(key.strip())
                .orElseThrow(() -> new ApiException(CommonError.APP_KEY_REJECTED, "the app key is unknown or revoked"));
    }

    private void limitAddress(HttpServerRequest request) {
        if (!config.rateLimit().enabled()) {
            return;
        }
        String address = request.remoteAddress() == null
                ? "unknown"
                : request.remoteAddress().hostAddress();
        long wait = perAddress.acquire(address, System.currentTimeMillis());
        if (wait > 0) {
            throw new RateLimitedException("too many requests from this address; retry in " + wait + " s", wait);
        }
    }

    /**
     * Counts one request for {@code installId}; a 429 (with {@code what} to tell the client) when
     * it is over its budget. Null or blank ids are left to the endpoint's validation.
     */
    public void limitInstall(String installId, String what) {
        if (!config.rateLimit().enabled() || installId == null || installId.isBlank()) {
            return;
        }
        long wait = perInstall.acquire(installId, System.currentTimeMillis());
        if (wait > 0) {
            String advice = what.isEmpty() ? "" : "; " + what;
            throw new RateLimitedException(
                    "too many requests from this install id" + advice + "; retry in " + wait + " s", wait);
        }
    }
}
