package dev.otter.support.device;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

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
