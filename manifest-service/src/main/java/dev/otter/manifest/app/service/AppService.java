package dev.otter.manifest.app.service;

import dev.otter.contract.AppKeys;
import dev.otter.manifest.app.api.AppKeyView;
import dev.otter.manifest.app.api.AppView;
import dev.otter.manifest.app.api.CreateAppRequest;
import dev.otter.manifest.app.api.NewAppKeyView;
import dev.otter.manifest.app.repository.AppEntity;
import dev.otter.manifest.app.repository.AppKeyEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
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

    private final AppWrites writes;
    private final AppKeyPublisher publisher;
    private final SecureRandom random = new SecureRandom();

    public AppService(AppWrites writes, AppKeyPublisher publisher) {
        this.writes = writes;
        this.publisher = publisher;
    }

    public Uni<AppView> create(CreateAppRequest request, String actor) {
        return writes.create(request, actor).map(app -> view(app, List.of()));
    }

    public Uni<List<AppView>> list() {
        return writes.list();
    }

    public Uni<AppView> get(String id) {
        return writes.get(id);
    }

    /** A new key; if Redis misses it now, the next resync publishes it (the key is never lost). */
    public Uni<NewAppKeyView> createKey(String appId, String actor) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String key = AppKeys.PREFIX + URL.encodeToString(secret);
        return writes.addKey(appId, keyId(), key, actor)
                .call(entity -> publisher
                        .sync()
                        .onFailure()
                        .invoke(e -> LOG.warnf(
                                "app key %s stored, Redis not updated yet (the minute resync does it): %s",
                                entity.id, e))
                        .onFailure()
                        .recoverWithNull())
                .map(entity -> new NewAppKeyView(entity.id, appId, key, entity.createdAt));
    }

    /**
     * Revokes a key (idempotent). Answers only once Redis has dropped it, so a success means devices
     * with that key are refused within a moment; if Redis fails, the call fails and can be repeated.
     */
    public Uni<AppKeyView> revokeKey(String appId, String keyId, String actor) {
        return writes.revokeKey(appId, keyId, actor).call(publisher::sync).map(AppService::view);
    }

    private String keyId() {
        byte[] id = new byte[8];
        random.nextBytes(id);
        return "key-" + java.util.HexFormat.of().formatHex(id);
    }

    static AppView view(AppEntity app, List<AppKeyEntity> keys) {
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
}
