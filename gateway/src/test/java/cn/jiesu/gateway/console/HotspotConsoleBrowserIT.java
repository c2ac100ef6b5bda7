package cn.jiesu.gateway.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import cn.jiesu.channels.classify.ReloadableClassifier;
import cn.jiesu.core.classify.TextNormalizer;
import cn.jiesu.core.place.PlaceResolver;
import cn.jiesu.gateway.config.GazetteerFile;
import cn.jiesu.gateway.support.Axe;
import cn.jiesu.gateway.support.ConsoleSignIn;
import cn.jiesu.gateway.support.HeadlessChromium;
import cn.jiesu.gateway.support.UsesChromium;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The hotspot panels and the on-call notice in headless Chromium, on the console wired as the gateway wires it, with
 * hotspots the real detector opened, the real Beijing gazetteer placing the form's address and the real
 * classification rules giving its text a topic. (HotspotLabIT opens one from real channel appeals and calls.)
 */
@UsesChromium
class HotspotConsoleBrowserIT {
    private static final Path SHOTS = Path.of("target", "screenshots");

    private static DetectedHotspots board;
    private static ConsoleServer server;
    private static HeadlessChromium chromium;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(SHOTS);
        board = new DetectedHotspots(Clock.systemUTC()).history(Instant.now());
        HotspotDesk desk = new HotspotDesk(
                board,
                new PlaceResolver(GazetteerFile.load(Path.of("../config/gazetteer/beijing.yaml"))),
                ReloadableClassifier.load(Path.of("../config/classification.yaml"), TextNormalizer.standard()));
        server = ConsoleServer.start(Map.of("JIESU_CONSOLE_WALLBOARD_INTERVAL", "300ms"), desk);
        chromium = HeadlessChromium.launch();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** {@code n} appeals on {@code topic} at the street, the last one now, a minute apart, as intake would feed them. */
    private static void burst(int n, String topic, String district, String street) {
        Instant now = Instant.now();
        for (int i = n - 1; i >= 0; i--) {
            board.observe(now.minus(Duration.ofMinutes(i)), topic, district, street);
        }
    }

    @Test
    @DisplayName("agents see the hotspot list; a form about water in the hotspot's street shows the notice, another "
            + "street does not; the wallboard lists it and a new hotspot is announced politely once")
    void panelsAndNotice() {
        burst(4, "water", "朝阳区", "望京街道");
        try (BrowserContext agentCtx = context();
                BrowserContext supCtx = context()) {
            Page a = agentCtx.newPage();
            signIn(a, "8001");
            // Filtered by place: the other test's hotspot may be open on the same board.
            Locator listed = a.locator("#agent-hotspots [data-testid=hotspot][data-open=true]")
                    .filter(new Locator.FilterOptions().setHasText("望京街道"));
            a.waitForCondition(() -> listed.count() > 0);
            org.assertj.core.api.Assertions.assertThat(listed.count())
                    .as(a.locator("#agent-hotspots").innerText())
                    .isEqualTo(1);
            assertThat(listed).containsText("停水 · 望京街道");
            assertThat(listed).containsText("4 件");

            String linkedid = "1764320000." + UUID.randomUUID().toString().substring(0, 6);
            server.events().offered(ConsoleServer.offer("8001", linkedid, "13700001111"));
            server.events().connected(ConsoleServer.offer("8001", linkedid, "13700001111"));
            assertThat(a.locator("[data-testid=pop]")).hasAttribute("data-state", "CONNECTED");
            Locator notice = a.locator("[data-testid=pop] [data-testid=hotspot-notice]");

            // Water, but in 双井: the server placed and classified it, and nothing matches.
            a.waitForResponse(r -> r.url().contains("/console/api/hotspots/match"), () -> {
                a.locator("[data-testid=form-content]").fill("家里停水了，一点水都没有");
                a.locator("[data-testid=form-address]").fill("朝阳区双井街道富力城 3 号楼");
            });
            assertThat(a.locator("[data-testid=pop] [data-testid=hotspot-box]"))
                    .hasAttribute("data-form-place", "双井街道");
            assertThat(notice).hasCount(0);

            a.waitForResponse(
                    r -> r.url().contains("/console/api/hotspots/match"),
                    () -> a.locator("[data-testid=form-address]").fill("朝阳区望京街道花家地北里 5 号楼"));
            assertThat(notice).hasCount(1);
            assertThat(notice).containsText(Pattern.compile("已有 4 位市民反映 望京街道 停水，已于 \\d\\d:\\d\\d 形成热点"));
            assertThat(notice).hasAttribute("data-basis", "form");
            a.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("hotspot-notice.png")));
            Axe.assertNoSeriousViolations(a, "a pop with a hotspot notice");

            Page s = supCtx.newPage();
            signIn(s, "8100");
            s.locator("[data-testid=tab-wallboard]").click();
            Locator row = s.locator("[data-testid=wb-hotspot][data-open=true]")
                    .filter(new Locator.FilterOptions().setHasText("望京街道"));
            assertThat(row).hasCount(1);
            assertThat(row.locator("[data-testid=hs-topic]")).hasText("停水");
            assertThat(row.locator("[data-testid=hs-place]")).hasText("朝阳区 望京街道");
            assertThat(row.locator("[data-testid=hs-count]")).hasText("4");
            Locator polite = s.locator("[data-testid=hotspot-announcer]");
            assertThat(polite).hasText("");

            // A power cut in 中关村 opens while both watch: a push, read out politely once, on both screens.
            burst(4, "power", "海淀区", "中关村街道");
            assertThat(s.locator("[data-testid=wb-hotspot][data-open=true]")
                            .filter(new Locator.FilterOptions().setHasText("中关村街道")))
                    .hasCount(1);
            // It opens at the 3rd appeal; a wallboard refresh may fall before the 4th is counted, and the
            // announcement says the count when it was first shown (said once, not again as it grows).
            assertThat(polite).hasText(Pattern.compile("^新热点：中关村街道 停电，[34] 件$"));
            assertThat(a.locator("#agent-hotspots [data-testid=hotspot][data-open=true]")
                            .filter(new Locator.FilterOptions().setHasText("中关村街道")))
                    .hasCount(1);
            assertThat(notice).hasCount(1);
            s.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("hotspot-wallboard.png")));
            Axe.assertNoSeriousViolations(s, "the wallboard with hotspots");

            // English: the topic's name comes from the bundle, not the code.
            s.locator("[data-testid=lang]").click();
            assertThat(s.locator("[data-testid=wb-hotspot] [data-testid=hs-topic]")
                            .first())
                    .hasText(Pattern.compile("Power cut|Water supply"));
        }
    }

    @Test
    @DisplayName("a caller whose earlier appeal is one of an open hotspot's gets the notice before any form input")
    void noticeByEarlierAppeal() {
        String caller = "1380013" + (1000 + (int) (Math.random() * 8999));
        Instant now = Instant.now();
        String earlier = server.appendCall(
                "1764330000." + UUID.randomUUID().toString().substring(0, 6),
                caller,
                now.minus(Duration.ofMinutes(3)),
                "楼里没有暖气，暖气片冰凉");
        board.observe(now.minus(Duration.ofMinutes(4)), "heating", "西城区", "展览路街道");
        board.observe(earlier, now.minus(Duration.ofMinutes(3)), "heating", "西城区", "展览路街道");
        board.observe(now.minus(Duration.ofMinutes(2)), "heating", "西城区", "展览路街道");
        try (BrowserContext ctx = context()) {
            Page a = ctx.newPage();
            signIn(a, "8002");
            String linkedid = "1764340000." + UUID.randomUUID().toString().substring(0, 6);
            server.events().offered(ConsoleServer.offer("8002", linkedid, caller));
            assertThat(a.locator("[data-testid=history-row]")).hasCount(1);
            Locator notice = a.locator("[data-testid=pop] [data-testid=hotspot-notice]");
            assertThat(notice).hasCount(1);
            assertThat(notice).hasAttribute("data-basis", "appeal");
            assertThat(notice).containsText("已有 3 位市民反映 展览路街道 供暖");
            assertThat(notice).containsText("该来电人此前的诉求属于此热点");
            server.events().ended(linkedid, Instant.now());
        }
    }

    @Test
    @DisplayName("a street's hotspot inside its district's is one notice, and the district's names the street")
    void nestedHotspotsAreOneIncident() {
        String caller = "1390013" + (1000 + (int) (Math.random() * 8999));
        Instant now = Instant.now();
        String earlier = server.appendCall(
                "1764350000." + UUID.randomUUID().toString().substring(0, 6),
                caller,
                now.minus(Duration.ofMinutes(6)),
                "家里停水了");
        // Six in one street: its hotspot opens at the 3rd, the district's at the 5th, both holding the caller's.
        board.observe(earlier, now.minus(Duration.ofMinutes(6)), "water", "丰台区", "卢沟桥街道");
        for (int i = 5; i >= 1; i--) {
            board.observe(now.minus(Duration.ofMinutes(i)), "water", "丰台区", "卢沟桥街道");
        }
        try (BrowserContext ctx = context();
                BrowserContext supervisor = context()) {
            Page a = ctx.newPage();
            signIn(a, "8002");
            Locator district = a.locator("#agent-hotspots [data-testid=hotspot][data-open=true]")
                    .filter(new Locator.FilterOptions().setHasText("停水 · 丰台区"));
            assertThat(district).hasCount(1);
            assertThat(district.locator("[data-testid=hs-includes]")).hasText("含 卢沟桥街道 热点（同一事件）");

            // The wallboard says the same on the district's row.
            Page s = supervisor.newPage();
            signIn(s, "8100");
            s.locator("[data-testid=tab-wallboard]").click();
            Locator row = s.locator("[data-testid=wb-hotspot][data-open=true]")
                    .filter(new Locator.FilterOptions().setHasText("含 卢沟桥街道"));
            assertThat(row).hasCount(1);
            assertThat(row.locator("[data-testid=hs-place] [data-testid=hs-includes]"))
                    .hasText("含 卢沟桥街道 热点（同一事件）");

            String linkedid = "1764360000." + UUID.randomUUID().toString().substring(0, 6);
            server.events().offered(ConsoleServer.offer("8002", linkedid, caller));
            Locator notice = a.locator("[data-testid=pop] [data-testid=hotspot-notice]");
            assertThat(notice).hasCount(1);
            assertThat(notice).hasAttribute("data-hotspot-id", Pattern.compile("^water\\|STREET\\|丰台区/卢沟桥街道@"));
            assertThat(notice).containsText("卢沟桥街道 停水");
            server.events().ended(linkedid, Instant.now());
        }
    }

    private static void signIn(Page page, String ext) {
        ConsoleSignIn.signIn(page, server.base(), ext, ConsoleSignIn.password(ext));
    }

    private static BrowserContext context() {
        return chromium.beijingContext(1366, 860);
    }
}
