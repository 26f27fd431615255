package dev.otter.manifest.app.service;

import dev.otter.contract.AppKeys;
import dev.otter.manifest.app.AppError;
import dev.otter.manifest.app.api.AppKeyView;
import dev.otter.manifest.app.api.AppView;
import dev.otter.manifest.app.api.CreateAppRequest;
import dev.otter.manifest.app.api.NewAppKeyView;
import dev.otter.manifest.app.repository.AppEntity;
import dev.otter.manifest.app.repository.AppKeyEntity;
import dev.otter.manifest.app.repository.AppKeyRepository;
import dev.otter.manifest.app.repository.AppRepository;
import dev.otter.support.error.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Applications and their device app keys. A key is 256 random bits shown once; only its SHA-256
 * is stored. Several keys may be active at once, so an app can rotate: ship a build with a new
 * key, then revoke the old one when old builds are gone.
 */
@ApplicationScoped
public class AppService {
    private static final Logger LOG = Logger.getLogger(AppService.class);
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final AppRepository apps;
    private final AppKeyRepository keys;
    private final AppKeyPublisher publisher;
    private final SecureRandom random = new SecureRandom();

    public AppService(AppRepository apps, AppKeyRepository keys, AppKeyPublisher publisher) {
        this.apps = apps;
        this.keys = keys;
        this.publisher = publisher;
    }

    public Uni<AppView> create(CreateAppRequest request, String actor) {
        return Panache.withTransaction(() -> apps.findById(request.id())
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
                })
                .map(app -> view(app, List.of())));
    }

    public Uni<List<AppView>> list() {
        return Panache.withSession(() -> apps.listById().chain(all -> io.smallrye.mutiny.Multi.createFrom()
                .iterable(all)
                .onItem()
                .transformToUniAndConcatenate(app -> keys.listByApp(app.id).map(k -> view(app, k)))
                .collect()
                .asList()));
    }

    public Uni<AppView> get(String id) {
        return Panache.withSession(
                () -> require(id).chain(app -> keys.listByApp(id).map(k -> view(app, k))));
    }

    /** A new key; if Redis misses it now, the next resync publishes it (the key is never lost). */
    public Uni<NewAppKeyView> createKey(String appId, String actor) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String key = AppKeys.PREFIX + URL.encodeToString(secret);
        return Panache.withTransaction(() -> require(appId).chain(app -> {
                    AppKeyEntity entity = new AppKeyEntity();
                    entity.id = keyId();
                    entity.appId = appId;
                    entity.keySha256 = AppKeys.hash(key);
                    entity.keyPrefix = key.substring(0, AppKeys.PREFIX.length() + 4);
                    entity.createdAt = now();
                    entity.createdBy = actor;
                    return keys.persist(entity);
                }))
                .call(entity -> publisher
                        .sync()
                        .onFailure()
                        .invoke(e -> LOG.warnf("app key %s stored, Redis not updated yet: %s", entity.id, e))
                        .onFailure()
                        .recoverWithNull())
                .map(entity -> new NewAppKeyView(entity.id, appId, key, entity.createdAt));
    }

    /**
     * Revokes a key (idempotent). Answers only once Redis has dropped it, so a success means devices
     * with that key are refused within a moment; if Redis fails, the call fails and can be repeated.
     */
    public Uni<AppKeyView> revokeKey(String appId, String keyId, String actor) {
        return Panache.withTransaction(() -> require(appId)
                        .chain(app -> keys.findById(keyId))
                        .onItem()
                        .ifNull()
                        .failWith(() -> new ApiException(
                                AppError.APP_KEY_NOT_FOUND, "application " + appId + " has no key " + keyId))
                        .invoke(key -> {
                            if (!key.appId.equals(appId)) {
                                throw new ApiException(
                                        AppError.APP_KEY_NOT_FOUND, "application " + appId + " has no key " + keyId);
                            }
                            if (key.revokedAt == null) {
                                key.revokedAt = now();
                                key.revokedBy = actor;
                            }
                        }))
                .call(publisher::sync)
                .map(AppService::view);
    }

    private String keyId() {
        byte[] id = new byte[8];
        random.nextBytes(id);
        return "key-" + java.util.HexFormat.of().formatHex(id);
    }

    private Uni<AppEntity> require(String id) {
        return apps.findById(id)
                .onItem()
                .ifNull()
                .failWith(() -> new ApiException(AppError.APP_NOT_FOUND, "no application " + id));
    }

    private static AppView view(AppEntity app, List<AppKeyEntity> keys) {
        return new AppView(
                app.id,
                app.name,
                app.createdAt,
                app.createdBy,
                keys.stream().map(AppService::view).toList());
    }

    private static AppKeyView view(AppKeyEntity key) {
        return new AppKeyView(key.id, key.keyPrefix, key.createdAt, key.createdBy, key.revokedAt, key.revokedBy);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
