package dev.otter.rollout.config;

import dev.otter.devtokens.DevKeys;
import dev.otter.devtokens.DevTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * rollout-service's current bearer token for its calls to the other services, never valid for more
 * than an hour: in Kubernetes the projected service-account token the kubelet rotates (the file is
 * read again when it changes), locally a token minted from the development key and minted again
 * when a third of its lifetime is left. Neither configured (tests' stubs): no token.
 */
@ApplicationScoped
public class ServiceIdentity {
    /** The longest lifetime a service token may have; the receiving services enforce it too. */
    public static final Duration MAX_LIFETIME = Duration.ofHours(1);

    private static final Logger LOG = Logger.getLogger(ServiceIdentity.class);

    private final RolloutConfig.Identity config;
    private final String issuer;
    private final Clock clock;
    private final Optional<PrivateKey> key;
    private volatile Held held;

    private record Held(String token, Instant renewAt, Instant fileModified) {}

    @Inject
    public ServiceIdentity(RolloutConfig config, @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer) {
        this(config.identity(), issuer, Clock.systemUTC());
    }

    /** With a clock of the caller's: tests of renewal. */
    public ServiceIdentity(RolloutConfig.Identity config, String issuer, Clock clock) {
        if (config.lifetime().compareTo(MAX_LIFETIME) > 0 || config.lifetime().isNegative()) {
            throw new IllegalArgumentException(
                    "otter.rollout.identity.lifetime must be at most an hour, not " + config.lifetime());
        }
        this.config = config;
        this.issuer = issuer;
        this.clock = clock;
        this.key = config.tokenFile().isPresent()
                ? Optional.empty()
                : config.keyFile().map(ServiceIdentity::privateKey);
    }

    /** The token to send now, if this service has an identity configured. */
    public synchronized Optional<String> token() {
        if (config.tokenFile().isPresent()) {
            return Optional.of(fromFile(config.tokenFile().get()));
        }
        return key.map(this::minted);
    }

    private String fromFile(Path file) {
        try {
            Instant modified = Files.getLastModifiedTime(file).toInstant();
            Held current = held;
            if (current == null || !current.fileModified().equals(modified)) {
                current = new Held(Files.readString(file).strip(), Instant.MAX, modified);
                held = current;
            }
            return current.token();
        } catch (IOException e) {
            Held last = held;
            if (last != null) {
                LOG.warnf("cannot read the service token %s (%s): sending the last one read", file, e.getMessage());
                return last.token();
            }
            throw new UncheckedIOException("cannot read the service token " + file, e);
        }
    }

    private String minted(PrivateKey signer) {
        Instant now = clock.instant();
        Held current = held;
        if (current == null || !now.isBefore(current.renewAt())) {
            Duration lifetime = config.lifetime();
            String token = DevTokens.mint(signer, issuer, config.subject(), config.roles(), now, lifetime);
            current = new Held(token, now.plus(lifetime.multipliedBy(2).dividedBy(3)), Instant.EPOCH);
            held = current;
        }
        return current.token();
    }

    private static PrivateKey privateKey(Path file) {
        try {
            return DevKeys.readPrivate(file);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the service identity key " + file + ": " + e.getMessage(), e);
        }
    }
}
