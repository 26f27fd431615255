package dev.otter.console.testing;

import dev.otter.devtokens.DevKeys;
import dev.otter.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Before the console boots for tests: the test key pair, its public half for verifying sessions,
 * its private half for the development login, and services at an address where nothing listens.
 */
public class ConsoleKeys implements QuarkusTestResourceLifecycleManager {
    /** Where the tests' "services" are: a port nothing listens on, so every API call fails to connect. */
    public static final String NOWHERE = "http://127.0.0.1:9";

    @Override
    public Map<String, String> start() {
        DevKeys.loadOrCreate(TestTokens.KEY_DIR);
        return Map.of(
                "mp.jwt.verify.publickey.location",
                TestTokens.KEY_DIR.resolve(DevKeys.PUBLIC_FILE).toString(),
                "otter.console.dev-login.key-file",
                TestTokens.KEY_DIR.resolve(DevKeys.PRIVATE_FILE).toString(),
                "otter.console.manifest-url",
                NOWHERE,
                "otter.console.rollout-url",
                NOWHERE,
                "otter.console.telemetry-url",
                NOWHERE,
                "otter.console.api-timeout",
                "2s");
    }

    @Override
    public void stop() {
        // the key pair stays for the next boot
    }
}
