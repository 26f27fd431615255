package dev.otter.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.otter.testsupport.TestTokens;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The operators' console in a real Chromium against the running system: sign in, publish a
 * version, create and start a rollout, move its share, watch the health chart move as telemetry
 * arrives, see the automatic rollback with its evidence — and a viewer who sees no controls and is
 * refused when posting anyway. Saves the screenshots the README shows.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleE2ETest {
    private static final Path SHOTS = screenshotDir();
    private static final String FAMILY =
            "console-" + UUID.randomUUID().toString().substring(0, 8);

    private static Browser browser;
    private static String rolloutId;

    @BeforeAll
    static void start() throws Exception {
        assertThat(Browser.available())
                .as("chromium and chromedriver are installed (deploy/local/test.sh installs them)")
                .isTrue();
        OtterSystem.get();
        // The catalog as a publisher left it: 2.0.0 published, 2.1.0 a draft with its artifact.
        Api.publish(FAMILY, "2.0.0");
        String versions = OtterSystem.manifestUrl() + "/api/v1/families/" + FAMILY + "/versions";
        Api.post(versions, Map.of("version", "2.1.0", "release_notes", "Faster answers"));
        Api.post(
                versions + "/2.1.0/artifacts",
                Map.of(
                        "tier",
                        "1b",
                        "urls",
                        List.of("https://cdn.example.com/2.1.0/1b.gguf"),
                        "size_bytes",
                        600_000_000L,
                        "sha256",
                        "21" + "e".repeat(62)));
        browser = new Browser(OtterSystem.consoleUrl());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    private static Path screenshotDir() {
        Path dir = Path.of(System.getProperty("otter.console.screenshots", "target/console-screenshots"));
        Path root = Path.of(System.getProperty("otter.repo.root", ".."));
        return dir.isAbsolute() ? dir : root.resolve(dir).normalize();
    }

    private static void signIn(String name, String role) {
        browser.open("/login");
        browser.fill("#name", name);
        browser.select("#role-select", role);
        browser.click("#sign-in");
        browser.await(10, d -> browser.has("#role"));
        assertThat(browser.text("#role")).isEqualTo(role);
    }

    @Test
    @Order(1)
    void aPageWithoutASessionSendsToTheLoginAndTheSessionCookieIsLockedDown() throws Exception {
        browser.open("/rollouts");
        browser.await(10, d -> browser.path().equals("/login"));
        browser.screenshot(SHOTS, "login");
        signIn("alice", "admin");
        assertThat(browser.path()).isEqualTo("/rollouts");
        var session = browser.cookieDetails("otter_session");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat(session.isSecure()).isTrue();
    }

    @Test
    @Order(2)
    void aPublisherPublishesTheDraftWithAReason() throws Exception {
        browser.open("/releases/" + FAMILY);
        assertThat(browser.text("#status-2\\.1\\.0")).isEqualTo("DRAFT");
        browser.fill("#reason-publish-2\\.1\\.0", "passed the offline evaluation");
        browser.tick("#confirm-publish-2\\.1\\.0");
        browser.click("#publish-2\\.1\\.0");
        browser.await(10, d -> browser.has(".flash.done"));
        assertThat(browser.text("#status-2\\.1\\.0")).isEqualTo("PUBLISHED");
        browser.screenshot(SHOTS, "releases");
    }

    @Test
    @Order(3)
    void anOperatorCreatesStartsAndWidensARollout() throws Exception {
        browser.open("/rollouts/new");
        browser.select("#family", FAMILY);
        browser.fill("#name", "faster answers");
        browser.fill("#baseline_version", "2.0.0");
        browser.fill("#target_version", "2.1.0");
        browser.fill("#stages", "10, 50, 100");
        browser.fill("#bake_minutes", "30");
        browser.fill("#min_sessions", "200");
        browser.click("#create");
        browser.await(10, d -> browser.has("#rollout-status"));
        assertThat(browser.text("#rollout-status")).isEqualTo("DRAFT");
        rolloutId = browser.path().substring("/rollouts/".length());

        browser.tick("#confirm-start");
        browser.click("#action-start");
        browser.await(10, d -> browser.text("#rollout-status").equals("RUNNING"));
        assertThat(browser.text("#plan")).contains("CURRENT").contains("AHEAD");

        browser.fill("#percentage", "25.5");
        browser.tick("#confirm-share");
        browser.click("#action-share");
        browser.await(10, d -> browser.text("#share").startsWith("25.5"));
        assertThat(Api.get(OtterSystem.rolloutUrl() + "/api/v1/rollouts/" + rolloutId)
                        .getDouble("percentage"))
                .isEqualTo(25.5);
    }

    @Test
    @Order(4)
    void theHealthChartMovesWhenTelemetryArrives() throws Exception {
        browser.open("/rollouts/" + rolloutId);
        browser.await(10, d -> Integer.parseInt(browser.find("#chart").getDomAttribute("data-points")) >= 1);
        Api.report(FAMILY, "2.1.0", rolloutId, "target", 260, 2);
        browser.await(30, d -> "260".equals(browser.find("#chart").getDomAttribute("data-sessions")));
        browser.await(10, d -> browser.text("#variants").contains("260"));
        assertThat(browser.has("#chart canvas")).as("uPlot drew the chart").isTrue();
        // A few more refreshes, so that the chart shows a line and its band rather than one point.
        int points = Integer.parseInt(browser.find("#chart").getDomAttribute("data-points"));
        browser.await(15, d -> Integer.parseInt(browser.find("#chart").getDomAttribute("data-points")) >= points + 4);
        browser.script("document.getElementById('health-h').scrollIntoView()");
        browser.screenshot(SHOTS, "rollout-health");
    }

    @Test
    @Order(5)
    void anAutomaticRollbackShowsWhyWithItsEvidence() throws Exception {
        Api.report(FAMILY, "2.1.0", rolloutId, "target", 0, 60);
        browser.await(30, d -> {
            browser.open("/rollouts/" + rolloutId);
            return browser.text("#rollout-status").equals("ROLLED_BACK");
        });
        assertThat(browser.text("#why")).isEqualTo("Why it stopped");
        assertThat(browser.text("#end-reason")).contains("automatic rollback by the guard");
        assertThat(browser.text("#evidence"))
                .contains("Sessions\n260")
                .contains("Crashes\n62")
                .contains("Threshold\n2.00 %")
                .containsPattern("Decided by\ncrash: log-likelihood ratio \\d+\\.\\d ≥ boundary 17\\.0");
        assertThat(browser.text("#signals"))
                .contains("load_failure")
                .contains("enforce")
                .contains("observe");
        assertThat(browser.text("#segments")).contains("DE");
        assertThat(browser.text("#audit")).contains("guard:telemetry").contains("alice");
        browser.screenshot(SHOTS, "rollout-rolled-back");
    }

    @Test
    @Order(6)
    void aPinnedDefaultIsShownUnderItsReleaseWatch() throws Exception {
        given().contentType("application/json")
                .body(java.util.Map.of("version", "2.1.0"))
                .put(OtterSystem.rolloutUrl() + "/api/v1/channel-defaults/" + FAMILY + "/stable")
                .then()
                .statusCode(200);
        browser.open("/releases/" + FAMILY);
        assertThat(browser.text("#watches"))
                .contains("2.1.0")
                .contains("2.0.0")
                .contains("pinned by")
                .contains("WATCHING");
    }

    @Test
    @Order(7)
    void aViewerSeesNoControlsAndIsRefusedWhenPostingAnyway() throws Exception {
        browser.click("header form button");
        browser.await(10, d -> browser.path().equals("/login"));
        signIn("victor", "viewer");
        browser.open("/releases/" + FAMILY);
        assertThat(browser.has("form[action*='/publish']")).isFalse();
        browser.open("/rollouts");
        assertThat(browser.has("#new-rollout")).isFalse();
        browser.open("/rollouts/" + rolloutId);
        assertThat(browser.has("form.action")).isFalse();
        browser.open("/apps");
        assertThat(browser.has("#create-app")).isFalse();

        // The console refuses the change itself (403), before any service is asked.
        String csrf = (String) browser.script("return document.querySelector('input[name=csrf-token]').value");
        int status = given().redirects()
                .follow(false)
                .cookie("otter_session", browser.cookie("otter_session"))
                .cookie("otter_csrf", browser.cookie("otter_csrf"))
                .contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", csrf)
                .formParam("confirm", "on")
                .formParam("reason", "viewer tries")
                .post(OtterSystem.consoleUrl() + "/rollouts/" + rolloutId + "/pause")
                .statusCode();
        assertThat(status).isEqualTo(403);
    }

    @Test
    @Order(8)
    void aFormWithoutItsCsrfTokenIsRefusedAndWithItGoesThrough() {
        // An operator may pause; only the form token differs between the two posts.
        String operator = TestTokens.forRoles("console:olga", "operator");
        String csrf = (String) browser.script("return document.querySelector('input[name=csrf-token]').value");
        int without = given().redirects()
                .follow(false)
                .cookie("otter_session", operator)
                .cookie("otter_csrf", browser.cookie("otter_csrf"))
                .contentType("application/x-www-form-urlencoded")
                .formParam("confirm", "on")
                .post(OtterSystem.consoleUrl() + "/rollouts/" + rolloutId + "/pause")
                .statusCode();
        assertThat(without).isEqualTo(400);
        var with = given().redirects()
                .follow(false)
                .cookie("otter_session", operator)
                .cookie("otter_csrf", browser.cookie("otter_csrf"))
                .contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", csrf)
                .formParam("confirm", "on")
                .post(OtterSystem.consoleUrl() + "/rollouts/" + rolloutId + "/pause");
        // Through to rollout-service, which refuses to pause a rolled-back rollout, and back to the page.
        assertThat(with.statusCode()).isEqualTo(303);
        assertThat(with.header("Location")).contains("error=");
    }

    @Test
    @Order(9)
    void everyPageMeetsWcagAaByAxe() {
        // As the viewer still signed in from above, and as an admin (who sees every control).
        java.util.Map<String, java.util.List<String>> violations = new java.util.TreeMap<>();
        java.util.List<String> pages =
                List.of("/rollouts", "/rollouts/" + rolloutId, "/releases", "/releases/" + FAMILY, "/apps");
        for (String page : pages) {
            browser.open(page);
            violations.put("viewer " + page, browser.accessibilityViolations());
        }
        signIn("ada", "admin");
        for (String page : List.of("/rollouts/new", "/rollouts/" + rolloutId, "/releases/" + FAMILY, "/apps")) {
            browser.open(page);
            violations.put("admin " + page, browser.accessibilityViolations());
        }
        browser.click("header form button");
        browser.await(10, d -> browser.path().equals("/login"));
        violations.put("/login", browser.accessibilityViolations());
        violations.values().removeIf(java.util.List::isEmpty);
        assertThat(violations).as("axe-core WCAG 2 A/AA violations per page").isEmpty();
        // The check can fail: an input without a label, added to the page, is reported.
        browser.script("const i = document.createElement('input'); document.querySelector('main').append(i);");
        assertThat(browser.accessibilityViolations())
                .anySatisfy(v -> assertThat(v).startsWith("label"));
        signIn("victor", "viewer");
    }

    @Test
    @Order(10)
    void pagesAreLightAndFitATablet() throws Exception {
        browser.open("/rollouts/" + rolloutId);
        Number bytes = (Number)
                browser.script(
                        "const n = performance.getEntriesByType('navigation')[0];"
                                + "return performance.getEntriesByType('resource').reduce((s, r) => s + r.encodedBodySize, n.encodedBodySize);");
        System.out.printf(
                "console rollout page weight: %.1f KB (compressed, all resources)%n", bytes.doubleValue() / 1024);
        assertThat(bytes.longValue()).as("bytes transferred for a rollout page").isLessThan(300_000);
        browser.size(820, 1180);
        browser.open("/rollouts/" + rolloutId);
        Boolean fits =
                (Boolean) browser.script("return document.documentElement.scrollWidth <= window.innerWidth + 1;");
        assertThat(fits).as("no horizontal scrolling at tablet width").isTrue();
        browser.screenshot(SHOTS, "rollout-tablet");
        browser.size(1280, 900);
    }
}
