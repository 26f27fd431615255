package dev.otter.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's chromium and chromedriver, offline) driven through Selenium,
 * with the few gestures the console tests need: open, fill, tick, click, wait for a condition,
 * screenshot.
 */
final class Browser implements AutoCloseable {
    private static final String CHROMIUM = System.getProperty("otter.chromium", "/usr/bin/chromium");
    private static final String DRIVER = System.getProperty("otter.chromedriver", "/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final String base;

    Browser(String base) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER))
                .build();
        this.driver = new ChromeDriver(service, options);
        this.base = base;
    }

    /** Whether this machine has the browser (deploy/local/lib.sh installs it for the test run). */
    static boolean available() {
        return Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(DRIVER));
    }

    void open(String path) {
        driver.get(base + path);
    }

    String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    boolean has(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    String text(String css) {
        return find(css).getText();
    }

    void fill(String css, String value) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(value);
    }

    void tick(String css) {
        WebElement box = find(css);
        if (!box.isSelected()) {
            box.click();
        }
    }

    void click(String css) {
        find(css).click();
    }

    void select(String css, String value) {
        new org.openqa.selenium.support.ui.Select(find(css)).selectByValue(value);
    }

    /** Waits (at most {@code seconds}) until {@code condition} holds; returns its value. */
    <T> T await(int seconds, Function<WebDriver, T> condition) {
        try {
            // A condition read while the page is being replaced (after a form post) is read again.
            return new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(100))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            // Say what the browser was showing: the page's address and text tell why far better than a lambda's name.
            String text = driver.findElement(By.tagName("body")).getText();
            throw new AssertionError(
                    "condition not met within " + seconds + " s on " + driver.getCurrentUrl() + ":\n"
                            + text.substring(0, Math.min(2000, text.length())),
                    e);
        }
    }

    Object script(String js) {
        return ((JavascriptExecutor) driver).executeScript(js);
    }

    void size(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    String cookie(String name) {
        var cookie = driver.manage().getCookieNamed(name);
        return cookie == null ? null : cookie.getValue();
    }

    org.openqa.selenium.Cookie cookieDetails(String name) {
        return driver.manage().getCookieNamed(name);
    }

    /**
     * The page's accessibility violations by axe-core's WCAG 2.0/2.1 A and AA rules, one line each:
     * rule, impact, how many elements, and the first element's selector.
     */
    java.util.List<String> accessibilityViolations() {
        var results = new com.deque.html.axecore.selenium.AxeBuilder()
                .withTags(java.util.List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                .analyze(driver);
        return results.getViolations().stream()
                .map(rule -> rule.getId() + " (" + rule.getImpact() + ", "
                        + rule.getNodes().size() + "): "
                        + rule.getNodes().get(0).getTarget() + " — " + rule.getHelp())
                .toList();
    }

    /** Saves the page as {@code name}.png in the screenshot directory. */
    void screenshot(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
