package dev.otter.manifest.catalog.snapshot;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.concurrent.atomic.AtomicReference;

/** Holds the current catalog snapshot; readers never block and never see a half-built catalog. */
@ApplicationScoped
public class CatalogCache {
    private final AtomicReference<CatalogSnapshot> current = new AtomicReference<>(CatalogSnapshot.EMPTY);
    private final Event<CatalogInstalled> installed;

    public CatalogCache(Event<CatalogInstalled> installed) {
        this.installed = installed;
    }

    public CatalogSnapshot current() {
        return current.get();
    }

    /** Installs a snapshot unless the one held is newer; returns whether it was installed. */
    public boolean install(CatalogSnapshot snapshot) {
        CatalogSnapshot held;
        do {
            held = current.get();
            if (held.revision() > snapshot.revision()) {
                return false;
            }
        } while (!current.compareAndSet(held, snapshot));
        if (held.revision() != snapshot.revision()) {
            installed.fire(new CatalogInstalled(held, snapshot));
        }
        return true;
    }
}
