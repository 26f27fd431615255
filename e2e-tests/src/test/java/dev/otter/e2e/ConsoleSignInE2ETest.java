package dev.otter.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Production sign-in, against a real OpenID Connect provider (Keycloak): a console configured with
 * the provider and no development login sends the browser there with PKCE and a state, takes the
 * code back, and the provider's access token — roles in its "groups" claim — becomes the session.
 */
class ConsoleSignInE2ETest {
    private static final int PORT = 28085;
    private static final String CONSOLE = "http://127.0.0.1:" + PORT;

    private static Keycloak keycloak;
    private static ManagedProcess console;

    @BeforeAll
    static void start() throws Exception {
        assertThat(Browser.available())
                .as("chromium and chromedriver are installed")
                .isTrue();
        Path root = Path.of(System.getProperty("otter.repo.root", ".."))
                .toAbsolutePath()
                .normalize();
        Path logs =
                Path.of(System.getProperty("otter.e2e.logs", "target/e2e-logs")).toAbsolutePath();
        keycloak = Keycloak.start(logs);
        Path home = root.resolve("console/target/quarkus-app");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        console = new ManagedProcess(
                "console-oidc",
                List.of(java, "@" + root.resolve("deploy/service-jvm.options"), "-jar", "quarkus-run.jar"),
                home,
                Map.of(
                        "OTTER_CONSOLE_PORT", Integer.toString(PORT),
                        "QUARKUS_HTTP_HOST", "127.0.0.1",
                        "OTTER_CONSOLE_OIDC_ISSUER", Keycloak.issuer(),
                        "OTTER_JWT_PUBLIC_KEY", Keycloak.jwks(),
                        "OTTER_JWT_ISSUER", Keycloak.issuer()),
                logs);
        console.start();
        console.awaitReady(Duration.ofSeconds(60), () -> {
            try {
                return given().get(CONSOLE + "/q/health/ready").statusCode() == 200;
            } catch (Exception notYet) {
                return false;
            }
        });
    }

    @AfterAll
    static void stop() throws Exception {
        if (console != null) {
            console.stop();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void theBrowserGoesToTheProviderWithPkceAndAState() {
        Response answer = given().redirects().follow(false).get(CONSOLE + "/login/oidc?next=/me");
        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(answer.header("Location"))
                .startsWith(Keycloak.issuer() + "/protocol/openid-connect/auth")
                .contains("code_challenge=")
                .contains("code_challenge_method=S256")
                .contains("state=")
                .contains("client_id=otter-console");
        String cookie = answer.headers().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("otter_oidc="))
                .findFirst()
                .orElseThrow();
        assertThat(cookie)
                .contains("HttpOnly")
                .containsIgnoringCase("SameSite=Lax")
                .contains("Path=/login");
    }

    @Test
    void aCallbackThatWasNotStartedHereIsRefused() {
        given().redirects()
                .follow(false)
                .get(CONSOLE + "/login/callback?code=stolen&state=guessed")
                .then()
                .statusCode(400);
    }

    @Test
    void anOperatorSignsInAtTheProviderAndGetsASessionWithTheProvidersRoles() throws Exception {
        try (Browser browser = new Browser(CONSOLE)) {
            browser.open("/me");
            browser.await(10, d -> browser.path().equals("/login"));
            assertThat(browser.has("#name"))
                    .as("no development login in this console")
                    .isFalse();
            browser.click("#sign-in-oidc");
            browser.await(30, d -> browser.has("#username"));
            browser.fill("#username", "olivia");
            browser.fill("#password", "olivia-password");
            browser.click("#kc-login");
            browser.await(30, d -> browser.path().equals("/me") && browser.has("#subject"));
            assertThat(browser.text("#subject")).isEqualTo("olivia");
            assertThat(browser.text("#roles")).contains("operator").contains("viewer");
            assertThat(browser.text("#session")).contains(Keycloak.issuer());
            var session = browser.cookieDetails("otter_session");
            assertThat(session.isHttpOnly()).isTrue();
            assertThat(session.getSameSite()).isEqualTo("Strict");
            assertThat(browser.cookie("otter_oidc"))
                    .as("the sign-in cookie is gone")
                    .isNull();
        }
    }
}
