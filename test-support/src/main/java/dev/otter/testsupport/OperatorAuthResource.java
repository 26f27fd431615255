package dev.otter.testsupport;

import dev.otter.devtokens.DevKeys;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Before a service boots for tests: makes the test key pair, points the service's token check at
 * its public half, registers the test app key, and makes RestAssured send both by default.
 * Declared once per module with {@code restrictToAnnotatedClass = false}, so it applies to all.
 */
public class OperatorAuthResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        DevKeys.loadOrCreate(TestTokens.KEY_DIR);
        TestAppKey.register("otter-test");
        DefaultCredentials.install(TestTokens.admin(), TestAppKey.KEY);
        return Map.of(
                "mp.jwt.verify.publickey.location",
                TestTokens.KEY_DIR.resolve(DevKeys.PUBLIC_FILE).toString());
    }

    @Override
    public void stop() {
        // the key pair stays for the next boot of this module's tests
    }
}
