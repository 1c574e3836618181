package io.github.linkroute.publisher.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}; {@code CHROMIUM} and
 * {@code CHROMEDRIVER} name other binaries) with the flags a root sandbox needs, a fresh profile each
 * time, and no traffic but to loopback.
 */
public final class Browser implements AutoCloseable {

    /** Where screenshots are kept for the failure report. */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    public static Browser start() throws IOException {
        String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        String chromedriver = System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver");
        assertThat(new File(chromium).canExecute()).as("%s: apt-get install chromium (.ci/run does)", chromium).isTrue();
        assertThat(new File(chromedriver).canExecute()).as("%s: apt-get install chromium-driver (.ci/run does)", chromedriver)
                .isTrue();
        Path profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions().setBinary(chromium).addArguments(List.of(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--window-size=1280,1100", "--user-data-dir=" + profile));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver)).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20)).scriptTimeout(Duration.ofSeconds(10));
        return new Browser(driver, profile);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Runs a script in the page and returns what it returns. */
    @SuppressWarnings("unchecked")
    public <T> T eval(String script, Object... args) {
        return (T) driver.executeScript(script, args);
    }

    /** Resizes the window's viewport area (roughly: window decorations are absent in headless mode). */
    public void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves a screenshot of the top of the page as {@code target/screenshots/<name>.png} and returns its path. */
    public Path screenshot(String name) {
        try {
            driver.executeScript("window.scrollTo(0, 0);");
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException ignored) {
                // a temporary profile left behind is harmless
            }
        }
    }
}
