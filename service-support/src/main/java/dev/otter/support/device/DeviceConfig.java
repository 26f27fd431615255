package dev.otter.support.device;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** How device endpoints admit requests: app keys and rate limits. */
@ConfigMapping(prefix = "otter.device")
public interface DeviceConfig {

    /** Whether device endpoints require a known, unrevoked app key in {@code Otter-App-Key}. */
    @WithDefault("true")
    boolean requireAppKey();

    /** How often the app key set is reloaded from Redis besides the change announcements. */
    @WithDefault("30s")
    Duration appKeyRefresh();

    /** Rate limits; counted per service instance. */
    RateLimit rateLimit();

    /** The device API's version and, once it is retired, its deprecation (docs/api.md, "Versions and deprecation"). */
    Api api();

    /** When this device API version was deprecated and when it stops answering; unset while it is current. */
    interface Api {
        /** When this version was deprecated (sent as {@code Deprecation: @<epoch seconds>}); unset: it is not. */
        Optional<Instant> deprecatedAt();

        /** When this version stops answering (sent as {@code Sunset}); at least 12 months after {@code deprecated-at}. */
        Optional<Instant> sunset();

        /** Where the deprecation policy is written (sent as {@code Link: <…>; rel="deprecation"}). */
        @WithDefault("https://github.com/otter-dev/otter/blob/main/docs/api.md#versions-and-deprecation")
        String policy();
    }

    /** Request budgets per window. */
    interface RateLimit {
        /** Whether limits apply at all (benchmarks of raw throughput turn them off). */
        @WithDefault("true")
        boolean enabled();

        /** The window the budgets below are counted in. */
        @WithDefault("1m")
        Duration window();

        /** Requests one install id may make per window (a device checks a few times a day). */
        @WithDefault("30")
        int perInstall();

        /**
         * Requests one client address may make per window: generous, because whole fleets sit
         * behind carrier NAT; it stops a single host flooding, not a busy network.
         */
        @WithDefault("60000")
        int perAddress();
    }
}
