package dev.otter.testsupport;

import dev.otter.devtokens.DevKeys;
import dev.otter.devtokens.DevTokens;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Operator tokens for tests, signed with the key pair under {@code target/operator-keys}. */
public final class TestTokens {
    /** Where the test key pair lives (per module, never committed). */
    public static final Path KEY_DIR = Path.of("target", "operator-keys").toAbsolutePath();

    /** The subject of {@link #admin()}, as audit logs record it. */
    public static final String ADMIN_SUBJECT = "test-admin";

    private TestTokens() {}

    /** A token with every role, sent by default with every RestAssured request. */
    public static String admin() {
        return forRoles(ADMIN_SUBJECT, "admin");
    }

    /** A token for {@code subject} with exactly {@code roles}. */
    public static String forRoles(String subject, String... roles) {
        return DevTokens.mint(DevKeys.loadOrCreate(KEY_DIR).getPrivate(), subject, List.of(roles), Duration.ofHours(2));
    }

    /** The Authorization header value for {@code token}. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
