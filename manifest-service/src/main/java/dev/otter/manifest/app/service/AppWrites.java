package dev.otter.manifest.app.service;

import dev.otter.contract.AppKeys;
import dev.otter.manifest.app.AppError;
import dev.otter.manifest.app.api.AppView;
import dev.otter.manifest.app.api.CreateAppRequest;
import dev.otter.manifest.app.repository.AppEntity;
import dev.otter.manifest.app.repository.AppKeyEntity;
import dev.otter.manifest.app.repository.AppKeyRepository;
import dev.otter.manifest.app.repository.AppRepository;
import dev.otter.support.error.ApiException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The transactions of {@link AppService}: Redis is told about keys only once they have committed. */
@ApplicationScoped
public class AppWrites {
    private final AppRepository apps;
    private final AppKeyRepository keys;

    public AppWrites(AppRepository apps, AppKeyRepository keys) {
        this.apps = apps;
        this.keys = keys;
    }

    @WithTransaction
    public Uni<AppEntity> create(CreateAppRequest request, String actor) {
        return apps.findById(request.id())
                .onItem()
                .ifNotNull()
                .failWith(() -> new ApiException(AppError.APP_EXISTS, "application " + request.id() + " exists"))
                .chain(() -> {
                    AppEntity app = new AppEntity();
                    app.id = request.id();
                    app.name = request.name();
                    app.createdAt = now();
                    app.createdBy = actor;
                    return apps.persist(app);
                });
    }

    /** Every application with its keys, by id. */
    @WithSession
    public Uni<List<AppView>> list() {
        return apps.listById().chain(all -> io.smallrye.mutiny.Multi.createFrom()
                .iterable(all)
                .onItem()
                .transformToUniAndConcatenate(app -> keys.listByApp(app.id).map(k -> AppService.view(app, k)))
                .collect()
                .asList());
    }

    @WithSession
    public Uni<AppView> get(String id) {
        return require(id).chain(app -> keys.listByApp(id).map(k -> AppService.view(app, k)));
    }

    /** Stores a new key's hash and prefix (the key itself is never stored). */
    @WithTransaction
    public Uni<AppKeyEntity> addKey(String appId, String keyId, String key, String actor) {
        return require(appId).chain(app -> {
            AppKeyEntity entity = new AppKeyEntity();
            entity.id = keyId;
            entity.appId = appId;
            entity.keySha256 = AppKeys.hash(key);
            entity.keyPrefix = key.substring(0, AppKeys.PREFIX.length() + 4);
            entity.createdAt = now();
            entity.createdBy = actor;
            return keys.persist(entity);
        });
    }

    /** Marks a key revoked (idempotent). */
    @WithTransaction
    public Uni<AppKeyEntity> revokeKey(String appId, String keyId, String actor) {
        return require(appId)
                .chain(app -> keys.findById(keyId))
                .onItem()
                .ifNull()
                .failWith(() ->
                        new ApiException(AppError.APP_KEY_NOT_FOUND, "application " + appId + " has no key " + keyId))
                .invoke(key -> {
                    if (!key.appId.equals(appId)) {
                        throw new ApiException(
                                AppError.APP_KEY_NOT_FOUND, "application " + appId + " has no key " + keyId);
                    }
                    if (key.revokedAt == null) {
                        key.revokedAt = now();
                        key.revokedBy = actor;
                    }
                });
    }

    private Uni<AppEntity> require(String id) {
        return apps.findById(id)
                .onItem()
                .ifNull()
                .failWith(() -> new ApiException(AppError.APP_NOT_FOUND, "no application " + id));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
