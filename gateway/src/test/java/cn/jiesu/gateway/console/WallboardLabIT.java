package cn.jiesu.gateway.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.console.PasswordHasher;
import cn.jiesu.gateway.Gateway;
import cn.jiesu.gateway.support.Axe;
import cn.jiesu.gateway.support.HeadlessChromium;
import cn.jiesu.gateway.support.Screenshots;
import cn.jiesu.gateway.support.UsesAsteriskLab;
import cn.jiesu.gateway.support.UsesChromium;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The supervisor's wallboard during a busy minute on the real Asterisk lab: two short calls already ended (today's
 * appeals), three of the five lab agents paused, two on calls that came through the IVR, and two more callers
 * waiting, one of them in the emergency queue. The
 * tiles and charts come from the gateway's own meters fed by AMI. Checked by axe-core and for fit; writes the
 * README's wallboard picture.
 */
@UsesAsteriskLab
@UsesChromium
class WallboardLabIT {
    private static final Duration LAB = Duration.ofSeconds(60);

    private static ConsoleLab lab;
    private static Gateway gateway;
    private static HeadlessChromium chromium;

    @BeforeAll
    static void start() throws Exception {
        lab = new ConsoleLab();
        gateway = lab.start(ConsoleLab.Phone.AMI_AND_IVR);
        chromium = HeadlessChromium.launch();
        lab.redis
                .shared()
                .sync()
                .hset(
                        lab.prefix + "console:account:8100",
                        Map.of(
                                "name",
                                "张主管",
                                "role",
                                "supervisor",
                                "password-hash",
                                new PasswordHasher(new SecureRandom())
                                        .hash("secret-8100".toCharArray(), PasswordHasher.MIN_ITERATIONS)));
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @DisplayName("callers waiting with agents on calls and paused: live tiles, the emergency queue's bar red, "
            + "no serious axe violation")
    void busyMinute() throws Exception {
        for (String ext : ConsoleLab.MEMBERS.subList(2, ConsoleLab.MEMBERS.size())) {
            lab.pauseInLab(ext, true);
        }
        try (BrowserContext ctx = chromium.newContext(new Browser.NewContextOptions()
                .setLocale("zh-CN")
                .setTimezoneId("Asia/Shanghai")
                .setViewportSize(1366, 768))) {
            Page page = ctx.newPage();
            page.navigate("http://127.0.0.1:" + gateway.httpPort() + "/console/");
            page.locator("#login-ext").fill("8100");
            page.locator("#login-password").fill("secret-8100");
            page.locator("#login-form button[type=submit]").click();
            page.locator("[data-testid=tab-wallboard]").click();
            assertThat(page.locator("[data-testid=tile-agentsPaused] .v")).hasText("3");
            // The lab's agents are queue members with no console open; the supervisor is no agent.
            assertThat(page.locator("[data-testid=no-agents]")).hasText("暂无坐席登录工作台");

            // The morning so far: two short calls (an inquiry, an outage) end and become today's phone appeals.
            lab.call(ConsoleLab.uniqueCaller("7"), 2, "1", "4");
            lab.call(ConsoleLab.uniqueCaller("8"), 2, "1", "2");
            page.waitForCondition(
                    () -> page.locator("#chart-tiers rect").count() == 4
                            && page.locator("#chart-tiers text").allTextContents().stream()
                                            .filter(t -> t.matches("[0-9]+"))
                                            .mapToInt(Integer::parseInt)
                                            .sum()
                                    == 2,
                    new Page.WaitForConditionOptions().setTimeout(LAB.toMillis()));
            assertThat(page.locator("[data-testid=tile-agentsOnCall] .v")).hasText("0");
            // Two complaints reach the two ready agents; then a complaint and an emergency (key 1) have to wait.
            lab.call(ConsoleLab.uniqueCaller("1"), 50, "1", "3");
            lab.call(ConsoleLab.uniqueCaller("4"), 50, "1", "3");
            page.waitForCondition(
                    () -> "2"
                            .equals(page.locator("[data-testid=tile-agentsOnCall] .v")
                                    .textContent()),
                    new Page.WaitForConditionOptions().setTimeout(LAB.toMillis()));
            lab.call(ConsoleLab.uniqueCaller("5"), 40, "1", "3", "3");
            lab.call(ConsoleLab.uniqueCaller("6"), 40, "1", "1");
            page.waitForCondition(
                    () -> "2"
                            .equals(page.locator("[data-testid=tile-waiting] .v")
                                    .textContent()),
                    new Page.WaitForConditionOptions().setTimeout(LAB.toMillis()));
            assertThat(page.locator("[data-testid=tile-emergencyWaiting] .v")).hasText("1");
            assertThat(page.locator("[data-testid=tile-emergencyWaiting]"))
                    .hasClass(java.util.regex.Pattern.compile("alert"));
            assertThat(page.locator("#chart-queues rect.EMERGENCY")).hasCount(1);
            Axe.assertNoSeriousViolations(page, "wallboard with callers waiting");
            assertThat(ConsoleAccessibilityIT.lowContrast(page, "#wallboard-pane svg text"))
                    .isEmpty();
            assertThat(((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue())
                    .isLessThanOrEqualTo(1366);
            page.screenshot(new Page.ScreenshotOptions().setPath(Screenshots.readme("wallboard.png")));
            page.setViewportSize(1024, 768);
            assertThat(((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue())
                    .isLessThanOrEqualTo(1024);
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(Screenshots.of("a11y-1024-wallboard-lab.png"))
                    .setFullPage(true));
        }
    }
}
