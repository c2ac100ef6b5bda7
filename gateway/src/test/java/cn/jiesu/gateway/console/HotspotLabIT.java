package cn.jiesu.gateway.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import cn.jiesu.gateway.Gateway;
import cn.jiesu.gateway.support.Axe;
import cn.jiesu.gateway.support.CityHistory;
import cn.jiesu.gateway.support.ConsoleSignIn;
import cn.jiesu.gateway.support.HeadlessChromium;
import cn.jiesu.gateway.support.UsesAsteriskLab;
import cn.jiesu.gateway.support.UsesChromium;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 16's lab test: a burst of real appeals about one water outage in 望京街道, two through the web form in a
 * citizen's Chromium and two as real calls through the Asterisk lab's IVR to agent 8001, whose Chromium console fills
 * the form during each call, opens a hotspot that the supervisor's wallboard (Chromium) shows; on the second call the
 * agent sees the notice as soon as the form says water in 望京街道.
 *
 * <p>The detector tests nothing while the city has no history (it compares with the same hours of past weeks), so
 * the test gives the store eight past weeks of city-wide counts at this hour first, as a city's real history would.
 */
@UsesAsteriskLab
@UsesChromium
class HotspotLabIT {
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final Duration LAB = Duration.ofSeconds(90);
    private static final String ADDRESS = "朝阳区望京街道花家地北里 %d 号楼";

    private static ConsoleLab lab;
    private static Gateway gateway;
    private static HeadlessChromium chromium;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(SHOTS);
        lab = new ConsoleLab();
        CityHistory.seed(lab.redis, lab.prefix, Instant.now());
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
    @DisplayName("two web-form and two phone appeals about water in 望京街道 open a hotspot on the wallboard; the "
            + "agent on the second call sees the notice")
    void burstOpensHotspot() throws Exception {
        // Only 8001 takes calls: the other members pause through the console (AMI QueuePause in the lab).
        for (String ext : ConsoleLab.MEMBERS.subList(1, ConsoleLab.MEMBERS.size())) {
            try (AgentClient c = ConsoleLab.agent(gateway, ext)) {
                c.post("/console/api/state", new JsonObject().put("state", "PAUSED"));
            }
        }
        try (BrowserContext citizenCtx = context(390);
                BrowserContext agentCtx = context(1366);
                BrowserContext supCtx = context(1366)) {
            Page citizen = citizenCtx.newPage();
            web(citizen, "从早上开始停水，家里一点水都没有", String.format(ADDRESS, 3));
            web(citizen, "小区停水了，也没有通知什么时候恢复供水", String.format(ADDRESS, 7));

            Page agent = agentCtx.newPage();
            signIn(agent, "8001");
            Page sup = supCtx.newPage();
            signIn(sup, ConsoleLab.SUPERVISOR);
            sup.locator("[data-testid=tab-wallboard]").click();

            // The first call: the agent writes down the outage while the citizen is on the line.
            takeCall(agent, "1", "家里停水了，水龙头一滴水都没有", String.format(ADDRESS, 11));
            Locator row = sup.locator("[data-testid=wb-hotspot][data-open=true]")
                    .filter(new Locator.FilterOptions().setHasText("望京街道"));
            assertThat(row).hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(LAB.toMillis()));
            assertThat(row.locator("[data-testid=hs-topic]")).hasText("停水");
            assertThat(row.locator("[data-testid=hs-place]")).hasText("朝阳区 望京街道");
            assertThat(sup.locator("[data-testid=hotspot-announcer]")).containsText(Pattern.compile("新热点：望京街道 停水"));
            int before = Integer.parseInt(row.locator("[data-testid=hs-count]").textContent());
            sup.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("lab-hotspot-wallboard.png")));
            Axe.assertNoSeriousViolations(sup, "the lab wallboard with a hotspot");

            // The second call: the notice shows once the form says water in 望京街道.
            Locator notice = takeCall(agent, "2", "停水一上午了，什么时候能来水", String.format(ADDRESS, 15));
            assertThat(notice).containsText(Pattern.compile("已有 \\d+ 位市民反映 望京街道 停水，已于 \\d\\d:\\d\\d 形成热点"));
            assertThat(row.locator("[data-testid=hs-count]"))
                    .hasText(
                            String.valueOf(before + 1),
                            new LocatorAssertions.HasTextOptions().setTimeout(LAB.toMillis()));
        }
    }

    /**
     * A citizen calls (Mandarin, then 2: help), agent 8001 answers in the lab, fills and saves the form during the
     * call; returns the pop's hotspot notice, read before the citizen hangs up. Waits for the pop to end.
     */
    private static Locator takeCall(Page agent, String digit, String content, String address) throws Exception {
        String caller = ConsoleLab.uniqueCaller(digit);
        String linkedid = lab.call(caller, 20, "1", "2");
        Locator pop = agent.locator("[data-testid=pop]");
        assertThat(pop)
                .hasAttribute(
                        "data-state",
                        "CONNECTED",
                        new LocatorAssertions.HasAttributeOptions().setTimeout(LAB.toMillis()));
        assertThat(agent.locator("[data-testid=caller]")).hasText(caller);
        agent.locator("[data-testid=form-content]").fill(content);
        agent.locator("[data-testid=form-address]").fill(address);
        Locator box = agent.locator("[data-testid=pop] [data-testid=hotspot-box]");
        assertThat(box).hasAttribute("data-form-place", "望京街道");
        Locator notice = box.locator("[data-testid=hotspot-notice]");
        if (digit.equals("2")) {
            assertThat(notice).hasCount(1);
            agent.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("lab-hotspot-notice.png")));
        }
        agent.locator("[data-testid=form-save]").click();
        assertThat(agent.locator("[data-testid=form-status]")).hasAttribute("data-mode", Pattern.compile(".+"));
        assertThat(pop)
                .hasAttribute(
                        "data-state", "ENDED", new LocatorAssertions.HasAttributeOptions().setTimeout(LAB.toMillis()));
        // Ready for the next call, out of the wrap-up the hangup may have put the agent in.
        try (AgentClient c = ConsoleLab.agent(gateway, "8001")) {
            c.post("/console/api/state", new JsonObject().put("state", "READY"));
        }
        assertThat(agent.locator("[data-testid=agent-state]")).hasText("就绪");
        return notice;
    }

    /** Submits the web form as a citizen on a phone (category 0201 停水). */
    private static void web(Page page, String text, String address) {
        page.navigate("http://127.0.0.1:" + gateway.httpPort() + "/appeal");
        page.locator("#category").selectOption("0201");
        page.locator("#description").fill(text);
        page.locator("#address").fill(address);
        page.locator("[data-testid=submit]").click();
        page.waitForURL("**/appeal/submitted?no=*");
    }

    private static void signIn(Page page, String ext) {
        ConsoleSignIn.signIn(page, "http://127.0.0.1:" + gateway.httpPort(), ext, ConsoleLab.password(ext));
    }

    private static BrowserContext context(int width) {
        return chromium.beijingContext(width, width < 600 ? 844 : 860);
    }
}
