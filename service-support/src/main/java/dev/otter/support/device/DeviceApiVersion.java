package dev.otter.support.device;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * States the device API's version on every device answer ({@code Otter-API-Version}, the {@code
 * /v1/} of the paths), and, once this version is deprecated, when it was and when it will stop
 * answering ({@code Deprecation}, RFC 9745; {@code Sunset}, RFC 8594; a {@code Link} to the policy).
 */
@ApplicationScoped
public class DeviceApiVersion {
    /** The response header naming the device API version that answered. */
    public static final String HEADER = "Otter-API-Version";

    /** This device API's version: the {@code v1} of its paths. */
    public static final String CURRENT = "1";

    private final Map<String, String> headers;

    public DeviceApiVersion(DeviceConfig config) {
        this.headers = headers(config.api());
    }

    /** The headers every device answer carries (also written by plain Vert.x routes). */
    public Map<String, String> headers() {
        return headers;
    }

    @DeviceEndpoint
    @ServerResponseFilter
    public void state(ContainerResponseContext response) {
        headers.forEach(response.getHeaders()::putSingle);
    }

    static Map<String, String> headers(DeviceConfig.Api api) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(HEADER, CURRENT);
        api.deprecatedAt().ifPresent(at -> {
            h.put("Deprecation", "@" + at.getEpochSecond());
            h.put("Link", "<" + api.policy() + ">; rel=\"deprecation\"");
        });
        api.sunset().ifPresent(at -> h.put("Sunset", httpDate(at)));
        return Map.copyOf(h);
    }

    // IMF-fixdate (RFC 9110): two-digit day, English names, GMT.
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.US);

    static String httpDate(Instant at) {
        return HTTP_DATE.format(at.atOffset(ZoneOffset.UTC));
    }
}
