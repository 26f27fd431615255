package dev.otter.manifest.catalog.snapshot;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the catalog is in memory: before that, every update check would say "unknown family". */
@Readiness
@ApplicationScoped
public class CatalogReadinessCheck implements HealthCheck {
    private final CatalogCache cache;

    public CatalogReadinessCheck(CatalogCache cache) {
        this.cache = cache;
    }

    @Override
    public HealthCheckResponse call() {
        CatalogSnapshot snapshot = cache.current();
        return HealthCheckResponse.named("catalog")
                .status(snapshot.isLoaded())
                .withData("revision", snapshot.revision())
                .withData("families", snapshot.families().size())
                .withData("versions", snapshot.versionCount())
                .withData("loadedAt", snapshot.loadedAt().toString())
                .build();
    }
}
