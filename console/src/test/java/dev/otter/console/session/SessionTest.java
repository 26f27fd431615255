package dev.otter.console.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.otter.console.testing.ConsoleKeys;
import dev.otter.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Signing in and the session: pages send strangers to the login, the development login sets a
 * locked-down cookie carrying a verifiable token, forms need their CSRF token, the "next" page is
 * never another site, and a service that is down gives a page with the reason, not a 500.
 */
@QuarkusTest
@QuarkusTestResource(value = ConsoleKeys.class, restrictToAnnotatedClass = false)
class SessionTest {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    /** The login page's CSRF cookie and form token. */
    private record Form(String cookie, String token) {}

    private static Form loginForm() {
        Response page = given().get("/login");
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher token = CSRF.matcher(page.asString());
        assertThat(token.find()).as("the form carries a CSRF token").isTrue();
        return new Form(page.getCookie("otter_csrf"), token.group(1));
    }

    private static Response signIn(Form form, String name, String role, String next) {
        return given().redirects()
                .follow(false)
                .cookie("otter_csrf", form.cookie())
                .contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", form.token())
                .formParam("name", name)
                .formParam("role", role)
                .formParam("next", next)
                .post("/login");
    }

    @Test
    void aPageWithoutASessionSendsToTheLoginAndBack() {
        given().redirects()
                .follow(false)
                .get("/rollouts")
                .then()
                .statusCode(303)
                .header("Location", containsString("/login?next=%2Frollouts"));
    }

    @Test
    void theDevelopmentLoginSetsALockedDownCookieWithAVerifiableToken() {
        Response answer = signIn(loginForm(), "alice", "operator", "/rollouts/abc");
        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(answer.header("Location")).endsWith("/rollouts/abc");
        String setCookie = answer.headers().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("otter_session="))
                .findFirst()
                .orElseThrow();
        assertThat(setCookie).contains("HttpOnly").contains("Secure").containsIgnoringCase("SameSite=Strict");
        String token = answer.getCookie("otter_session");
        String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains("\"sub\":\"console:alice\"").contains("\"groups\":[\"operator\"]");
    }

    @Test
    void aLoginWithoutItsCsrfTokenIsRefused() {
        given().redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("name", "mallory")
                .formParam("role", "admin")
                .post("/login")
                .then()
                .statusCode(400);
    }

    @Test
    void theNextPageIsNeverAnotherSite() {
        assertThat(signIn(loginForm(), "alice", "viewer", "//evil.example/x").header("Location"))
                .endsWith("/rollouts")
                .doesNotContain("evil");
        assertThat(signIn(loginForm(), "alice", "viewer", "https://evil.example")
                        .header("Location"))
                .doesNotContain("evil");
    }

    @Test
    void anUnknownRoleIsRefusedWithItsReason() {
        Response answer = signIn(loginForm(), "alice", "root", "/rollouts");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.asString()).contains("role: one of viewer, publisher, operator, admin");
    }

    @Test
    void aServiceThatIsDownGivesAPageWithTheReason() {
        given().redirects()
                .follow(false)
                .cookie("otter_session", TestTokens.forRoles("console:alice", "viewer"))
                .get("/rollouts")
                .then()
                .statusCode(502)
                .body(containsString("BACKEND_UNAVAILABLE"))
                .body(containsString("rollout-service is not reachable"));
    }

    @Test
    void yourSessionPageNamesYouAndYourRolesWithTheImpliedOnes() {
        given().cookie("otter_session", TestTokens.forRoles("console:alice", "operator"))
                .get("/me")
                .then()
                .statusCode(200)
                .body(containsString("console:alice"))
                .body(containsString("operator, viewer"));
    }

    @Test
    void withoutAProviderThereIsNoProviderSignIn() {
        assertThat(given().get("/login").asString()).doesNotContain("sign-in-oidc");
        given().redirects().follow(false).get("/login/oidc").then().statusCode(404);
    }

    @Test
    void pagesForbidInlineScriptAndFraming() {
        given().get("/login")
                .then()
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
    }

    @Test
    void aForgedSessionIsNotASession() {
        given().redirects()
                .follow(false)
                .cookie("otter_session", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJldmUiLCJncm91cHMiOlsiYWRtaW4iXX0.")
                .get("/rollouts")
                .then()
                .statusCode(303)
                .header("Location", containsString("/login"));
    }
}
