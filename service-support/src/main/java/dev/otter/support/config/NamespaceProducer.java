package dev.otter.support.config;

import dev.otter.contract.RedisKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Makes the shared Redis names for the configured {@code otter.namespace} injectable. */
@ApplicationScoped
public class NamespaceProducer {

    @Produces
    @Singleton // a record cannot be proxied
    RedisKeys redisKeys(@ConfigProperty(name = "otter.namespace") String namespace) {
        return new RedisKeys(namespace);
    }
}
