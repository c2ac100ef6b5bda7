package cn.jiesu.gateway.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiesu.gateway.Gateway;
import cn.jiesu.gateway.support.HeadlessChromium;
import cn.jiesu.gateway.support.UsesAsteriskLab;
import cn.jiesu.gateway.support.UsesChromium;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Agent state with Asterisk as the truth, on a full gateway against the real lab and agent 8001's real Chromium page:
 * a supervisor's {@code QueuePause} sent on a separate AMI connection shows as 暂停 (with its reason) and its
 * unpause as 就绪; a real queue call shows 通话中 (no button to leave it); the hang-up gives 话后处理 counting down,
 * which ends by itself after the (short) configured limit with the member unpaused in Asterisk. At each step the
 * wallboard's console counts agree with Asterisk's queue-member counts. Screenshots: target/screenshots/state-*.png.
 */
@UsesAsteriskLab
@UsesChromium
class AgentStateLabIT {
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final Duration LAB = Duration.ofSeconds(60);
    /** The wrap-up limit of this test's gateway (shipped: 60 s). */
    private static final int LIMIT_S = 8;

    private static ConsoleLab lab;
    private static Gateway gateway;
    private static HeadlessChromium chromium;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(SHOTS);
        lab = new ConsoleLab("  wrap-up:\n    limit: " + LIMIT_S + "s\n");
        gateway = lab.start(ConsoleLab.Phone.AMI_AND_IVR);
        chromium = HeadlessChromium.launch();
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
    @DisplayName("AMI pause and unpause made elsewhere, a real call and a wrap-up that ends by itself show in the "
            + "header, and the wallboard's console and Asterisk agent counts agree")
    void stateFollowsAsterisk() throws Exception {
        // Every member has a console open; 8002-8005 pause through the console, so only 8001 takes calls.
        List<AgentClient> others = new ArrayList<>();
        for (String ext : ConsoleLab.MEMBERS.subList(1, ConsoleLab.MEMBERS.size())) {
            AgentClient c = ConsoleLab.agent(gateway, ext).connect();
            assertThat(c.post("/console/api/state", new JsonObject().put("state", "PAUSED"))
                            .statusCode())
                    .isEqualTo(200);
            others.add(c);
        }
        AgentClient supervisor = ConsoleLab.agent(gateway, ConsoleLab.SUPERVISOR);
        AgentClient api8001 = ConsoleLab.agent(gateway, "8001");
        BrowserContext ctx = chromium.newContext(new Browser.NewContextOptions()
                .setLocale("zh-CN")
                .setTimezoneId("Asia/Shanghai")
                .setViewportSize(1366, 860));
        Page page = ctx.newPage();
        page.navigate("http://127.0.0.1:" + gateway.httpPort() + "/console/");
        page.locator("#login-ext").fill("8001");
        page.locator("#login-password").fill(ConsoleLab.password("8001"));
        page.locator("#login-form button[type=submit]").click();
        assertThat(page.locator("[data-testid=conn]")).hasAttribute("data-up", "true");
        Locator badge = page.locator("[data-testid=agent-state]");
        Locator readyButton = page.locator(".state-buttons button[data-state=READY]");
        Locator pauseButton = page.locator(".state-buttons button[data-state=PAUSED]");
        assertThat(badge).hasAttribute("data-state", "READY");
        assertThat(badge).hasText("就绪");
        assertThat(pauseButton).isVisible();
        assertThat(readyButton).isHidden();
        assertThat(page.locator(".state-buttons button[data-state=WRAP_UP]")).hasCount(0);
        countsAgree(supervisor, Map.of("ready", 1, "paused", 4));
        // The supervisor's own browser, on the wallboard: its agent list names each agent's state.
        BrowserContext boardCtx = chromium.newContext(new Browser.NewContextOptions()
                .setLocale("zh-CN")
                .setTimezoneId("Asia/Shanghai")
                .setViewportSize(1366, 860));
        Page board = boardCtx.newPage();
        board.navigate("http://127.0.0.1:" + gateway.httpPort() + "/console/");
        board.locator("#login-ext").fill(ConsoleLab.SUPERVISOR);
        board.locator("#login-password").fill(ConsoleLab.password(ConsoleLab.SUPERVISOR));
        board.locator("#login-form button[type=submit]").click();
        board.locator("[data-testid=tab-wallboard]").click();
        Locator row8001 = board.locator("#agent-table tr").filter(new Locator.FilterOptions().setHasText("8001"));

        // A supervisor pauses 8001 over another AMI connection: the console follows within a few seconds.
        Instant paused = Instant.now();
        assertThat(lab.pauseInLab("8001", true, "supervisor")).isEqualTo("Success");
        assertThat(badge).hasAttribute("data-state", "PAUSED", within(Duration.ofSeconds(5)));
        assertThat(Duration.between(paused, Instant.now())).isLessThan(Duration.ofSeconds(5));
        assertThat(badge).hasText("暂停（班长暂停）");
        assertThat(readyButton).isVisible();
        assertThat(pauseButton).isHidden();
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("state-01-paused-by-supervisor.png")));
        countsAgree(supervisor, Map.of("paused", 5));
        assertThat(row8001).containsText("暂停");

        assertThat(lab.pauseInLab("8001", false, null)).isEqualTo("Success");
        assertThat(badge).hasAttribute("data-state", "READY", within(Duration.ofSeconds(5)));
        assertThat(badge).hasText("就绪");
        countsAgree(supervisor, Map.of("ready", 1, "paused", 4));

        // A real call through the IVR into hotline-general: 8001 rings and answers, and is on a call.
        String caller = ConsoleLab.uniqueCaller("6");
        lab.call(caller, 12, "1", "3");
        assertThat(badge).hasAttribute("data-state", "ON_CALL", within(LAB));
        assertThat(badge).hasText("通话中");
        assertThat(readyButton).isHidden();
        assertThat(pauseButton).isHidden();
        var refused = api8001.post("/console/api/state", new JsonObject().put("state", "READY"));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.bodyAsJsonObject().getString("error")).isEqualTo("on-call");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("state-02-on-call.png")));
        countsAgree(supervisor, Map.of("on_call", 1, "paused", 4));
        assertThat(row8001).containsText("通话中");
        board.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("state-02b-wallboard-on-call.png"))
                .setFullPage(true));

        // The citizen hangs up: wrap-up, counting down, paused in Asterisk for wrap-up.
        assertThat(badge).hasAttribute("data-state", "WRAP_UP", within(LAB));
        Instant wrapUp = Instant.now();
        assertThat(badge).hasText(Pattern.compile("话后处理 [1-" + LIMIT_S + "] 秒"));
        int first = Integer.parseInt(badge.getAttribute("data-remaining"));
        assertThat(first).isBetween(1, LIMIT_S);
        assertThat(lab.memberLine("hotline-general", "8001")).contains("paused:wrap-up");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("state-03-wrap-up-countdown.png")));
        countsAgree(supervisor, Map.of("wrap_up", 1, "paused", 4));
        await().atMost(Duration.ofSeconds(4))
                .until(() -> Integer.parseInt(badge.getAttribute("data-remaining")) < first);

        // Nobody clicks: the wrap-up ends by itself at the limit, and Asterisk has the member unpaused.
        assertThat(badge).hasAttribute("data-state", "READY", within(Duration.ofSeconds(LIMIT_S + 5)));
        assertThat(Duration.between(wrapUp, Instant.now())).isLessThan(Duration.ofSeconds(LIMIT_S + 5));
        assertThat(badge).hasText("就绪");
        String line = lab.memberLine("hotline-general", "8001");
        assertThat(line).contains("Local/8001@agent-sim/n").doesNotContain("paused");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("state-04-wrap-up-ended.png")));
        countsAgree(supervisor, Map.of("ready", 1, "paused", 4));

        for (AgentClient c : others) {
            c.close();
        }
        supervisor.close();
        api8001.close();
        boardCtx.close();
        ctx.close();
    }

    private static LocatorAssertions.HasAttributeOptions within(Duration d) {
        return new LocatorAssertions.HasAttributeOptions().setTimeout(d.toMillis());
    }

    /**
     * The supervisor's wallboard counts the same agents by the console's recorded state ({@code agents}, from
     * {@code console.agents}) and by Asterisk's queue-member state ({@code queueAgents}): both equal
     * {@code expected} (states not named count zero).
     */
    private static void countsAgree(AgentClient supervisor, Map<String, Integer> expected) {
        List<String> states = List.of("on_call", "wrap_up", "paused", "ready");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var r = supervisor.get("/console/api/wallboard");
            assertThat(r.statusCode()).isEqualTo(200);
            JsonObject board = r.bodyAsJsonObject();
            JsonObject console = board.getJsonObject("agents");
            JsonObject asterisk = board.getJsonObject("queueAgents");
            for (String s : states) {
                int want = expected.getOrDefault(s, 0);
                assertThat(console.getInteger(s.toUpperCase(java.util.Locale.ROOT), 0))
                        .as("console %s in %s", s, board.encode())
                        .isEqualTo(want);
                assertThat(asterisk.getInteger(s, 0))
                        .as("Asterisk %s in %s", s, board.encode())
                        .isEqualTo(want);
            }
        });
    }
}
