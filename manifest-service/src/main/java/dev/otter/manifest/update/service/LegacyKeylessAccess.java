package dev.otter.manifest.update.service;

import dev.otter.support.device.KeylessDevices;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which requests without an app key the device gate lets through here: the legacy (seed-format)
 * endpoints, for a family an operator opened to key-less clients — named in the path
 * ({@code /v1/families/{family}/manifest.json}), in {@code ?family=}, or the default family.
 * Nothing else (the update check, the stream) is ever key-less; {@link LegacyService} checks again
 * the family it actually serves (a body may name another).
 */
@ApplicationScoped
public class LegacyKeylessAccess implements KeylessDevices {
    private static final Pattern FAMILY_PATH =
            Pattern.compile("/v1/families/([^/]+)/(?:manifest\\.json|model/info|model/update)");
    private static final Set<String> LEGACY_PATHS = Set.of("/v1/manifest.json", "/v1/model/info", "/v1/model/update");

    private final LegacyService legacy;

    public LegacyKeylessAccess(LegacyService legacy) {
        this.legacy = legacy;
    }

    @Override
    public boolean admits(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        Matcher named = FAMILY_PATH.matcher(path);
        if (named.matches()) {
            return legacy.keylessAllowed(named.group(1));
        }
        if (LEGACY_PATHS.contains(path)) {
            return legacy.keylessAllowed(
                    request.getUriInfo().getQueryParameters().getFirst("family"));
        }
        return false;
    }
}
