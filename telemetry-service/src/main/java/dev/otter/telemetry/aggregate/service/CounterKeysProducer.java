package dev.otter.telemetry.aggregate.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Makes the counter key names of the configured namespace injectable. */
@ApplicationScoped
public class CounterKeysProducer {

    @Produces
    @Singleton // a record cannot be proxied
    CounterKeys counterKeys(@ConfigProperty(name = "otter.namespace") String namespace) {
        return new CounterKeys(namespace);
    }
}
