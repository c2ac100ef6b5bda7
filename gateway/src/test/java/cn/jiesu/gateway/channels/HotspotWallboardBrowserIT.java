package cn.jiesu.gateway.channels;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.hotspot.OpenHotspot;
import cn.jiesu.gateway.support.Axe;
import cn.jiesu.gateway.support.CityHistory;
import cn.jiesu.gateway.support.ConsoleSignIn;
import cn.jiesu.gateway.support.HeadlessChromium;
import cn.jiesu.gateway.support.UsesChromium;
import cn.jiesu.redis.hotspot.HotspotKeys;
import cn.jiesu.redis.hotspot.RedisHotspotStore;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A hotspot opened by real appeals through the real channels (the web form in a citizen's Chromium and the signed app
 * API) on a full gateway (Redis, no Asterisk), on the supervisor's wallboard and the agent's list in Chromium; the
 * console's form match against it over HTTP. (HotspotLabIT adds calls; HotspotConsoleBrowserIT the on-call notice.)
 */
@UsesChromium
class HotspotWallboardBrowserIT {
    @RegisterExtension
    static final ChannelGateway gw = ChannelGateway.perClass(
            Map.of("JIESU_CONSOLE_ENABLED", "true", "JIESU_CONSOLE_WALLBOARD_INTERVAL", "500ms"));

    private static HeadlessChromium chromium;

    @BeforeAll
    static void start() {
        chromium = HeadlessChromium.launch();
        ConsoleSignIn.storeAccounts(
                gw.redis, gw.config.redis().keyPrefix(), Map.of("8100", "张主管/supervisor", "8001", "王芳/agent"));
        CityHistory.seed(gw.redis, gw.config.redis().keyPrefix(), Instant.now());
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    @DisplayName("web-form and app appeals about water in 望京街道 open a hotspot the wallboard and the agent list show")
    void channelBurst() {
        try (BrowserContext citizen = context(390);
                BrowserContext supCtx = context(1366);
                BrowserContext agentCtx = context(1366)) {
            Page sup = supCtx.newPage();
            signIn(sup, "8100");
            sup.locator("[data-testid=tab-wallboard]").click();
            Page agent = agentCtx.newPage();
            signIn(agent, "8001");

            Page form = citizen.newPage();
            web(form, "从早上开始停水，家里一点水都没有", "朝阳区望京街道花家地北里 3 号楼");
            web(form, "小区停水了，也没有通知什么时候恢复供水", "朝阳区望京街道花家地北里 7 号楼");
            app("家里停水一上午了，自来水一直不来", "朝阳区望京街道花家地西里 2 号楼");
            app("停水了，请问什么时候恢复", "朝阳区望京街道花家地北里 9 号楼");

            Locator row = sup.locator("[data-testid=wb-hotspot][data-open=true]");
            assertThat(row).hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(30_000));
            assertThat(row.locator("[data-testid=hs-topic]")).hasText("停水");
            assertThat(row.locator("[data-testid=hs-place]")).hasText("朝阳区 望京街道");
            assertThat(row.locator("[data-testid=hs-count]")).hasText("4");
            assertThat(sup.locator("[data-testid=hotspot-announcer]"))
                    .hasText(java.util.regex.Pattern.compile("^新热点：望京街道 停水，[34] 件$"));
            Axe.assertNoSeriousViolations(sup, "the wallboard with a channel hotspot");
            assertThat(((Number) sup.evaluate("() => document.documentElement.scrollWidth")).intValue())
                    .isLessThanOrEqualTo(1366);
            assertThat(agent.locator("#agent-hotspots [data-testid=hotspot][data-open=true]"))
                    .containsText("停水 · 望京街道");

            // The console's form match, as the agent's page asks it: water in 望京 matches, water in 双井 does not.
            String cookie = agentCtx.cookies().stream()
                    .filter(c -> c.name.equals("jiesu_console"))
                    .map(c -> c.name + "=" + c.value)
                    .findFirst()
                    .orElseThrow();
            String id = row.getAttribute("data-hotspot-id");
            assertThat(match(cookie, "朝阳区望京街道花家地北里 1 号楼", "家里停水了").getJsonArray("matches"))
                    .containsExactly(id);
            assertThat(match(cookie, "朝阳区双井街道富力城", "家里停水了").getJsonArray("matches"))
                    .isEmpty();

            // The outage is over: the store closes it as the tick does after the hold time. The row stays, greyed.
            RedisHotspotStore store = new RedisHotspotStore(
                    gw.redis, new HotspotKeys(gw.config.redis().keyPrefix()), Clock.systemUTC());
            OpenHotspot open = store.openHotspots().stream()
                    .filter(o -> o.id().equals(id))
                    .findFirst()
                    .orElseThrow();
            assertThat(store.close(open, java.time.Instant.now())).isTrue();
            store.flush();
            Locator closed = sup.locator("[data-testid=wb-hotspot][data-hotspot-id='" + id + "']");
            assertThat(closed)
                    .hasAttribute("data-open", "false", new LocatorAssertions.HasAttributeOptions().setTimeout(10_000));
            assertThat(closed).hasClass("closed");
            assertThat(closed).containsText("已平息");
            assertThat(agent.locator("#agent-hotspots [data-hotspot-id='" + id + "']"))
                    .hasAttribute("data-open", "false");
            assertThat(match(cookie, "朝阳区望京街道花家地北里 1 号楼", "家里停水了").getJsonArray("matches"))
                    .isEmpty();
            Axe.assertNoSeriousViolations(sup, "the wallboard with a closed hotspot");
        }
    }

    /** As the agent's page asks it: a POST with the session's CSRF token (read from /console/api/me). */
    private static JsonObject match(String cookie, String address, String content) {
        String csrf = gw.http
                .get(gw.port(), "127.0.0.1", "/console/api/me")
                .putHeader("cookie", cookie)
                .send()
                .await()
                .bodyAsJsonObject()
                .getString("csrf");
        HttpResponse<Buffer> r = gw.http
                .post(gw.port(), "127.0.0.1", "/console/api/hotspots/match")
                .putHeader("cookie", cookie)
                .putHeader("origin", base())
                .putHeader("x-csrf-token", csrf)
                .sendJsonObject(new JsonObject().put("address", address).put("content", content))
                .await();
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        return r.bodyAsJsonObject().getJsonObject("form");
    }

    private static void web(Page page, String text, String address) {
        page.navigate(base() + "/appeal");
        page.locator("#category").selectOption("0201");
        page.locator("#description").fill(text);
        page.locator("#address").fill(address);
        page.locator("[data-testid=submit]").click();
        page.waitForURL("**/appeal/submitted?no=*");
    }

    private static void app(String text, String address) {
        String path = "/api/v1/appeals";
        byte[] body = Signers.utf8(new JsonObject()
                .put("description", text)
                .put("serviceCode", "0201")
                .put("address", address)
                .encode());
        HttpResponse<Buffer> r = Signers.signApp(gw.http.post(gw.port(), "127.0.0.1", path), path, body)
                .sendBuffer(Buffer.buffer(body))
                .await();
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    }

    private static void signIn(Page page, String ext) {
        ConsoleSignIn.signIn(page, base(), ext, ConsoleSignIn.password(ext));
    }

    private static BrowserContext context(int width) {
        return chromium.beijingContext(width, width < 600 ? 844 : 768);
    }

    private static String base() {
        return "http://127.0.0.1:" + gw.port();
    }
}
