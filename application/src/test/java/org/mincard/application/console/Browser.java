package org.mincard.application.console;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's headless Chromium driven by Selenium (STACK.md: WebDriverManager and Playwright download browsers at run
 * time and fail here). Every page it is asked to check passes axe-core's WCAG 2.1 A/AA rules without a serious or
 * critical violation and logs no content-security-policy violation; with {@code -Dmincard.console.screenshots=true}
 * it also saves a screenshot of the page into docs/console/.
 */
final class Browser implements AutoCloseable {

    static final List<String> CHROMIUM = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");
    static final List<String> DRIVER = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
    private static final Path SCREENSHOTS = Path.of("..", "docs", "console");

    final WebDriver driver;
    private final String base;

    private Browser(WebDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    /** The installed Chromium and its driver, if both are there. */
    static Optional<Path[]> installation() {
        Optional<Path> browser = CHROMIUM.stream().map(Path::of).filter(Files::isExecutable).findFirst();
        Optional<Path> driver = DRIVER.stream().map(Path::of).filter(Files::isExecutable).findFirst();
        return browser.isPresent() && driver.isPresent()
                ? Optional.of(new Path[] {browser.get(), driver.get()}) : Optional.empty();
    }

    static Browser open(int port) {
        Path[] installed = installation().orElseThrow();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(installed[0].toFile());
        // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000", "--lang=en-US");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(installed[1].toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Browser(driver, "http://localhost:" + port);
    }

    void go(String path) {
        driver.get(base + path);
    }

    WebElement find(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(by));
    }

    void waitFor(By by, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(by,
                text));
    }

    void signIn(String user, String password) {
        go("/console/login");
        find(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("form.usa-form button[type=submit]")).click();
        find(By.cssSelector(".whoami"));
    }

    void signOut() {
        driver.findElement(By.cssSelector("form[action$='/console/logout'] button")).click();
        find(By.id("username"));
    }

    /** axe-core on the current page (no serious or critical violation), no CSP violation logged, a screenshot. */
    void check(String screen) {
        Results results = new AxeBuilder()
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                .analyze(driver);
        List<String> serious = new ArrayList<>();
        for (Rule violation : results.getViolations()) {
            if ("serious".equals(violation.getImpact()) || "critical".equals(violation.getImpact())) {
                serious.add(violation.getId() + ": " + violation.getHelp() + " " + violation.getNodes().stream()
                        .map(node -> String.valueOf(node.getTarget())).toList());
            }
        }
        assertThat(serious).as("serious accessibility violations on " + screen).isEmpty();
        List<String> blocked = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy") || message.contains("Refused to"))
                .toList();
        assertThat(blocked).as("content security policy violations on " + screen).isEmpty();
        screenshot(screen);
    }

    private void screenshot(String screen) {
        if (!Boolean.parseBoolean(System.getProperty("mincard.console.screenshots", "false"))) {
            return;
        }
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(screen + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<String> missingParts() {
        return Stream.concat(CHROMIUM.stream().limit(1), DRIVER.stream().limit(1));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
