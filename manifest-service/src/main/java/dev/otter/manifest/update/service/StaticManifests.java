package dev.otter.manifest.update.service;

import dev.otter.contract.Channel;
import dev.otter.manifest.artifact.service.ArtifactStore;
import dev.otter.manifest.catalog.CatalogError;
import dev.otter.manifest.catalog.snapshot.CatalogSnapshot;
import dev.otter.manifest.catalog.snapshot.FamilyCatalog;
import dev.otter.manifest.config.ManifestConfig;
import dev.otter.support.error.ApiException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Keeps a seed-000 manifest and its detached signature in the artifact store for every family open
 * to key-less clients and every channel ({@code published/manifests/<family>/<channel>/manifest.json}
 * and {@code manifest.json.sig}), so that a CDN can serve millions of seed-000 clients without
 * reaching a service. Rewritten whenever what those clients would be told changes (catalog, rollout
 * state, the links' window, the signature's validity), removed when the family is closed again.
 */
@ApplicationScoped
public class StaticManifests {
    private static final Logger LOG = Logger.getLogger(StaticManifests.class);

    private final LegacyService legacy;
    private final UpdateCheckService updateCheck;
    private final ArtifactStore store;
    private final boolean enabled;
    private final String cacheControl;
    // Document name → ETag of what was last written there by this instance.
    private final Map<String, String> written = new ConcurrentHashMap<>();
    private volatile boolean swept;

    public StaticManifests(
            LegacyService legacy, UpdateCheckService updateCheck, ArtifactStore store, ManifestConfig config) {
        this.legacy = legacy;
        this.updateCheck = updateCheck;
        this.store = store;
        this.enabled = config.legacy().staticManifests();
        this.cacheControl = "public, max-age=" + config.legacy().cacheMaxAge().toSeconds();
    }

    /** The store name of a family's static manifest on a channel; its signature is this plus {@code .sig}. */
    public static String name(String family, Channel channel) {
        return "manifests/" + family + "/" + channel.wireName() + "/manifest.json";
    }

    @Scheduled(
            every = "${otter.manifest.legacy.static-poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refresh() {
        CatalogSnapshot snapshot = updateCheck.loaded();
        if (!enabled || snapshot == null) {
            return;
        }
        for (FamilyCatalog family : snapshot.families().values()) {
            for (Channel channel : Channel.values()) {
                if (!refresh(family, channel)) {
                    return; // the rollout state is not known yet: nothing may be published before it is
                }
            }
        }
        swept = true; // closed families' documents left by an earlier run are gone
    }

    // False when nothing can be rendered yet.
    private boolean refresh(FamilyCatalog family, Channel channel) {
        String name = name(family.name(), channel);
        if (!family.legacyKeyless()) {
            if (written.remove(name) != null || !swept) {
                remove(name);
            }
            return true;
        }
        LegacyService.RenderedManifest manifest;
        try {
            manifest = legacy.manifest(family.name(), channel.wireName(), true);
        } catch (ApiException e) {
            if (e.code() == CatalogError.NOTHING_PUBLISHED) {
                if (written.remove(name) != null || !swept) {
                    remove(name);
                }
                return true;
            }
            return false;
        }
        if (manifest.etag().equals(written.get(name))) {
            return true;
        }
        try {
            store.publish(name, manifest.body(), "application/json", cacheControl);
            store.publish(
                    name + ".sig",
                    manifest.signature().getBytes(StandardCharsets.US_ASCII),
                    "text/plain",
                    cacheControl);
            written.put(name, manifest.etag());
        } catch (IOException e) {
            LOG.warnf("could not write the static manifest %s: %s; retrying at the next poll", name, e.getMessage());
        }
        return true;
    }

    private void remove(String name) {
        try {
            store.unpublish(name);
            store.unpublish(name + ".sig");
        } catch (IOException e) {
            written.put(name, "removal pending"); // retried at the next poll
            LOG.warnf("could not remove the static manifest %s: %s; retrying at the next poll", name, e.getMessage());
        }
    }
}
