package dev.otter.console.session.service;

import dev.otter.console.config.ConsoleConfig;
import dev.otter.contract.security.Roles;
import dev.otter.devtokens.DevKeys;
import dev.otter.devtokens.DevTokens;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Local development login: signs a token for a chosen subject and role with the local key, the way
 * deploy/local/token.sh does. Available only when the key file is configured and exists, which no
 * Kubernetes overlay does; production signs in through the organisation's identity provider.
 */
@ApplicationScoped
public class DevLogin {
    /** The roles a development login may pick. */
    public static final List<String> ROLES = List.of(Roles.VIEWER, Roles.PUBLISHER, Roles.OPERATOR, Roles.ADMIN);

    private static final Pattern SUBJECT = Pattern.compile("^[A-Za-z0-9@._+-]{1,64}$");

    private final Optional<Path> keyFile;
    private final Duration ttl;

    public DevLogin(ConsoleConfig config) {
        this.keyFile = config.devLogin().keyFile().filter(Files::isReadable);
        this.ttl = config.devLogin().ttl();
    }

    /** Whether this console offers the development login. */
    public boolean enabled() {
        return keyFile.isPresent();
    }

    /** How long a development session lasts. */
    public Duration ttl() {
        return ttl;
    }

    /** A signed token for {@code subject} with {@code role}; refuses anything else with a message. */
    public String signIn(String subject, String role) {
        if (!enabled()) {
            throw new IllegalStateException("the development login is off on this console");
        }
        if (subject == null || !SUBJECT.matcher(subject).matches()) {
            throw new IllegalArgumentException("name: 1-64 letters, digits or @._+-");
        }
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("role: one of " + String.join(", ", ROLES));
        }
        try {
            PrivateKey key = DevKeys.readPrivate(keyFile.orElseThrow());
            return DevTokens.mint(key, "console:" + subject, List.of(role), ttl);
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the local key: " + e.getMessage(), e);
        }
    }
}
