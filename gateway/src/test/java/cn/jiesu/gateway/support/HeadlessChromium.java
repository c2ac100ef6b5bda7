package cn.jiesu.gateway.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Debian's Chromium, headless, driven by Playwright for Java: the browser of the browser tests. */
public final class HeadlessChromium implements AutoCloseable {
    // Quiet and offline: no sandbox (containers), no GPU, and none of Chromium's own traffic during a test.
    private static final List<String> FLAGS = List.of(
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync");

    private final Playwright playwright;
    private final Browser browser;

    private HeadlessChromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /**
     * Starts the browser. Each launch gets a new, empty profile (--user-data-dir in a fresh temp directory), so
     * nothing carries over between runs.
     */
    public static HeadlessChromium launch() {
        // Playwright's 5 s default for assertThat(locator) is for a quiet machine: the ITs run two classes at once on
        // two cores (a gateway, Asterisk and another Chromium beside this one), where a first WebSocket connect or a
        // wallboard refresh can take longer. What a test waits for is unchanged; only how long it may take.
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        Path executable = executable();
        // Playwright's bundled browsers are never used: the tests run the distribution's Chromium.
        Playwright playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            return new HeadlessChromium(
                    playwright,
                    playwright
                            .chromium()
                            .launch(new BrowserType.LaunchOptions()
                                    .setExecutablePath(executable)
                                    .setHeadless(true)
                                    .setArgs(FLAGS)));
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    public BrowserContext newContext(Browser.NewContextOptions options) {
        return browser.newContext(options);
    }

    /** A context as the hotline's staff and citizens have it: Chinese, Beijing time, a {@code width × height} screen. */
    public BrowserContext beijingContext(int width, int height) {
        return newContext(new Browser.NewContextOptions()
                .setLocale("zh-CN")
                .setTimezoneId("Asia/Shanghai")
                .setViewportSize(width, height));
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            playwright.close();
        }
    }

    private static Path executable() {
        String configured = System.getenv("JIESU_TEST_CHROMIUM");
        Path p = Path.of(configured == null || configured.isBlank() ? "/usr/bin/chromium" : configured);
        if (!Files.isExecutable(p)) {
            throw new IllegalStateException("no Chromium at " + p + ": run the tests through scripts/test.sh, which "
                    + "installs it (scripts/lib/browser.sh), or set JIESU_TEST_CHROMIUM");
        }
        return p;
    }
}
