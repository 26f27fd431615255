package dev.otter.manifest.app.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Applications. */
@ApplicationScoped
public class AppRepository implements PanacheRepositoryBase<AppEntity, String> {

    public Uni<List<AppEntity>> listById() {
        return list("order by id");
    }
}
