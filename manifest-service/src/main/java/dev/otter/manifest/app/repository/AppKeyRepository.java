package dev.otter.manifest.app.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** App keys. */
@ApplicationScoped
public class AppKeyRepository implements PanacheRepositoryBase<AppKeyEntity, String> {

    public Uni<List<AppKeyEntity>> listByApp(String appId) {
        return list("appId = ?1 order by createdAt, id", appId);
    }

    /** Every key, active and revoked: what the Redis key set is rebuilt from. */
    public Uni<List<AppKeyEntity>> listEvery() {
        return listAll();
    }
}
