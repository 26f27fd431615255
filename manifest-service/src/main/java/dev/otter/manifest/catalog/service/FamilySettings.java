package dev.otter.manifest.catalog.service;

import dev.otter.manifest.catalog.api.FamilyEventView;
import dev.otter.manifest.catalog.api.FamilyView;
import dev.otter.manifest.catalog.repository.CatalogStateRepository;
import dev.otter.manifest.catalog.repository.FamilyEventEntity;
import dev.otter.manifest.catalog.repository.FamilyEventRepository;
import dev.otter.manifest.catalog.repository.FamilyRepository;
import dev.otter.manifest.catalog.repository.ModelFamilyEntity;
import dev.otter.manifest.catalog.repository.VersionRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A family's settings and their audit trail: each change is written with who made it, when and
 * why, in the transaction that makes it, and bumps the catalog revision (devices see it).
 */
@ApplicationScoped
public class FamilySettings {
    /** The audit action of turning key-less legacy access on or off. */
    static final String LEGACY_KEYLESS_ON = "LEGACY_KEYLESS_ON";

    static final String LEGACY_KEYLESS_OFF = "LEGACY_KEYLESS_OFF";

    private final FamilyRepository families;
    private final VersionRepository versions;
    private final FamilyEventRepository events;
    private final CatalogStateRepository state;

    public FamilySettings(
            FamilyRepository families,
            VersionRepository versions,
            FamilyEventRepository events,
            CatalogStateRepository state) {
        this.families = families;
        this.versions = versions;
        this.events = events;
        this.state = state;
    }

    /** Lets the family's legacy endpoints answer without an app key, or stops it; audited. */
    @WithTransaction
    public Uni<CatalogWrites.Changed<FamilyView>> legacyAccess(
            String family, boolean keyless, String reason, String actor) {
        return require(family).chain(f -> {
            f.legacyKeyless = keyless;
            FamilyEventEntity e = new FamilyEventEntity();
            e.familyId = f.id;
            e.at = Instant.now().truncatedTo(ChronoUnit.MICROS);
            e.actor = actor;
            e.action = keyless ? LEGACY_KEYLESS_ON : LEGACY_KEYLESS_OFF;
            e.detail = reason.strip();
            return events.persist(e).chain(() -> versions.listByFamily(f.id)).chain(vs -> state.bump()
                    .map(rev -> new CatalogWrites.Changed<>(CatalogViews.family(f, vs.size()), rev)));
        });
    }

    /** The family's settings history, oldest first. */
    @WithSession
    public Uni<List<FamilyEventView>> history(String family) {
        return require(family).chain(f -> events.listByFamily(f.id)).map(all -> all.stream()
                .map(e -> new FamilyEventView(e.at, e.actor, e.action, e.detail))
                .toList());
    }

    private Uni<ModelFamilyEntity> require(String name) {
        return CatalogWrites.requireFamily(families, name);
    }
}
