package cn.jiesu.gateway.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiesu.core.console.StoredPop;
import cn.jiesu.gateway.Gateway;
import cn.jiesu.gateway.support.HeadlessChromium;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The console on a full gateway against the real Asterisk lab: a simulated citizen calls 12345 through the
 * gateway's FastAGI IVR into the queue, the lab's queue member rings and answers, and the agent's browser (real
 * headless Chromium) and console socket get the pop from the AMI tracker, with the IVR path, earlier appeals and
 * open callbacks; hangup marks it ended. Click-to-call results land on the callback. Screenshots go to
 * target/screenshots/.
 */
class ConsoleLabIT {
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final Duration LAB = Duration.ofSeconds(60);

    private static ConsoleLab lab;
    private static Gateway gateway;
    private static HeadlessChromium chromium;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(SHOTS);
        lab = new ConsoleLab();
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
    @DisplayName("a real lab call through the IVR pops on the ringing agent's browser with path, history and "
            + "callbacks, and ends at hangup")
    void realCallPops() throws Exception {
        String caller = ConsoleLab.uniqueCaller("7");
        String earlier = lab.earlierAppeal(caller, 9, "小区门口路灯不亮，晚上出行不安全");
        String callbackId = ConsoleLab.bookCallback(gateway, earlier);

        // Only 8001 takes calls: the other members pause through the console itself (AMI QueuePause in the lab).
        AgentClient other = ConsoleLab.agent(gateway, "8002").connect();
        for (String ext : ConsoleLab.MEMBERS.subList(1, ConsoleLab.MEMBERS.size())) {
            try (AgentClient c = ConsoleLab.agent(gateway, ext)) {
                assertThat(c.post("/console/api/state", new JsonObject().put("state", "PAUSED"))
                                .statusCode())
                        .isEqualTo(200);
            }
        }
        AgentClient socket = ConsoleLab.agent(gateway, "8001").connect();
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

        // Mandarin, then 3 (complaint): the IVR queues the caller in hotline-general.
        String linkedid = lab.call(caller, 15, "1", "3");
        String popId = StoredPop.idOf(linkedid, "8001");

        await().atMost(LAB).until(() -> !socket.popsOf(linkedid).isEmpty());
        JsonObject pop = socket.popsOf(linkedid).get(0).getJsonObject("pop");
        assertThat(pop.getString("popId")).isEqualTo(popId);
        assertThat(pop.getString("callerNumber")).isEqualTo(caller);
        assertThat(pop.getString("queue")).isEqualTo("general"); // the tracker names queues as the IVR does
        JsonObject ivr = pop.getJsonObject("ivr");
        assertThat(ivr.getString("language")).isEqualTo("zh");
        assertThat(ivr.getJsonArray("choices").getList()).containsExactly("lang:1", "menu:3");
        assertThat(ivr.getString("requestType")).isEqualTo("COMPLAINT");
        assertThat(ivr.getString("urgency")).isEqualTo("NORMAL");
        JsonArray history = pop.getJsonArray("history");
        assertThat(history).hasSize(1);
        assertThat(history.getJsonObject(0).getString("intakeId")).isEqualTo(earlier);
        assertThat(pop.getJsonArray("callbacks").stream().map(c -> ((JsonObject) c).getString("callbackId")))
                .contains(callbackId);
        assertThat(pop.getBoolean("repeatCaller")).isTrue();

        Locator shown = page.locator("[data-testid=pop][data-pop-id='" + popId + "']");
        assertThat(shown).isVisible();
        assertThat(page.locator("[data-testid=caller]")).hasText(caller);
        assertThat(page.locator("[data-testid=history-row]")).hasCount(1);
        assertThat(page.locator("[data-testid=history-row]")).containsText("路灯不亮");
        assertThat(shown).hasAttribute("data-state", "CONNECTED");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("lab-01-real-call-pop.png")));

        // The citizen hangs up after 15 s: the pop ends, on the page and on the socket, and the agent wraps up.
        assertThat(shown)
                .hasAttribute(
                        "data-state",
                        "ENDED",
                        new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions()
                                .setTimeout(LAB.toMillis()));
        await().atMost(LAB).until(() -> ConsoleLab.statesShown(socket, popId).contains("ENDED"));
        ConsoleLab.assertShownOnce(socket, popId);
        assertThat(ConsoleLab.statesShown(socket, popId)).contains("CONNECTED");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("lab-02-real-call-ended.png")));
        await().atMost(LAB)
                .until(() -> socket.frames.stream()
                        .anyMatch(f ->
                                "agent-state".equals(f.getString("type")) && "WRAP_UP".equals(f.getString("state"))));

        // The tracker's appeal of this call names the agent who took it; the other agent saw nothing of it.
        await().atMost(LAB).until(() -> ConsoleLab.appealsOf(gateway, caller).size() == 2);
        assertThat(ConsoleLab.appealsOf(gateway, caller).stream()
                        .map(a -> ((JsonObject) a).getJsonObject("call"))
                        .filter(c -> c != null && linkedid.equals(c.getString("linkedid")))
                        .map(c -> c.getString("agent")))
                .containsExactly("8001");
        assertThat(other.popsOf(linkedid)).isEmpty();
        assertThat(socket.post("/console/api/state", new JsonObject().put("state", "READY"))
                        .statusCode())
                .isEqualTo(200);
        socket.close();
        other.close();
        ctx.close();
    }

    @Test
    @DisplayName("a browser that dropped gets the real call's unacknowledged pop on reconnect; the form it saves "
            + "during the call ends up on the call's one appeal, which then merges with the caller's app appeal")
    void labReplayAndForm() throws Exception {
        String caller = ConsoleLab.uniqueCaller("8");
        // The same citizen reported it in the app an hour ago; the call has no text until the agent's form.
        String online = lab.appAppeal(caller, "楼下餐馆油烟直排，窗户都不敢开，请尽快处理");
        for (String ext : ConsoleLab.MEMBERS.subList(1, ConsoleLab.MEMBERS.size())) {
            try (AgentClient c = ConsoleLab.agent(gateway, ext)) {
                assertThat(c.post("/console/api/state", new JsonObject().put("state", "PAUSED"))
                                .statusCode())
                        .isEqualTo(200);
            }
        }
        // Watches 8001's pops without acknowledging them, so the pop stays pending for the browser.
        AgentClient watcher = ConsoleLab.agent(gateway, "8001").noAck().connect();
        try (AgentClient ready = ConsoleLab.agent(gateway, "8001")) {
            assertThat(ready.post("/console/api/state", new JsonObject().put("state", "READY"))
                            .statusCode())
                    .isEqualTo(200);
        }
        BrowserContext ctx = chromium.newContext(new Browser.NewContextOptions()
                .setLocale("zh-CN")
                .setTimezoneId("Asia/Shanghai")
                .setViewportSize(1366, 860));
        Page page = ctx.newPage();
        String console = "http://127.0.0.1:" + gateway.httpPort() + "/console/";
        page.navigate(console);
        page.locator("#login-ext").fill("8001");
        page.locator("#login-password").fill(ConsoleLab.password("8001"));
        page.locator("#login-form button[type=submit]").click();
        assertThat(page.locator("[data-testid=conn]")).hasAttribute("data-up", "true");
        page.navigate("about:blank"); // the browser drops: its socket closes

        String linkedid = lab.call(caller, 25, "1", "3");
        String popId = StoredPop.idOf(linkedid, "8001");
        await().atMost(LAB).until(() -> !watcher.popsOf(linkedid).isEmpty());

        page.navigate(console); // same browser session: reconnects without signing in again
        Locator shown = page.locator("[data-testid=pop][data-pop-id='" + popId + "']");
        assertThat(shown).hasAttribute("data-replay", "true");
        assertThat(page.locator("[data-testid=caller]")).hasText(caller);
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("lab-03-replayed-after-drop.png")));

        String text = "楼下餐馆油烟直排，窗户都不敢开，希望尽快处理";
        page.locator("[data-testid=form-content]").fill(text);
        page.locator("[data-testid=form-address]").fill("海淀区学院路 20 号院 5 号楼");
        page.locator("[data-testid=form-type]").selectOption("COMPLAINT");
        page.locator("[data-testid=form-save]").click();
        assertThat(page.locator("[data-testid=form-status]"))
                .hasAttribute("data-mode", java.util.regex.Pattern.compile("draft|enriched"));
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("lab-04-form-saved.png")));

        // At hangup the tracker appends the call's appeal; the saved form lands on that one appeal.
        await().atMost(LAB)
                .until(() -> ConsoleLab.appealsOf(gateway, caller).stream()
                        .map(a -> (JsonObject) a)
                        .anyMatch(a -> text.equals(a.getString("content"))));
        List<JsonObject> ofCall = ConsoleLab.appealsOf(gateway, caller).stream()
                .map(a -> (JsonObject) a)
                .filter(a -> a.getJsonObject("call") != null
                        && linkedid.equals(a.getJsonObject("call").getString("linkedid")))
                .toList();
        assertThat(ofCall).hasSize(1);
        assertThat(ofCall.get(0).getString("content")).isEqualTo(text);
        assertThat(ofCall.get(0).getString("requestType")).isEqualTo("COMPLAINT");
        String phoneAppeal = ofCall.get(0).getString("intakeId");
        await().atMost(Duration.ofSeconds(15))
                .until(() -> ConsoleLab.appeal(gateway, online)
                        .getJsonArray("relatedIntakeIds")
                        .contains(phoneAppeal));
        assertThat(ConsoleLab.appeal(gateway, phoneAppeal)
                        .getJsonArray("relatedIntakeIds")
                        .getList())
                .contains(online);
        assertThat(shown)
                .hasAttribute(
                        "data-state",
                        "ENDED",
                        new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions()
                                .setTimeout(LAB.toMillis()));
        try (AgentClient ready = ConsoleLab.agent(gateway, "8001")) {
            assertThat(ready.post("/console/api/state", new JsonObject().put("state", "READY"))
                            .statusCode())
                    .isEqualTo(200);
        }
        watcher.close();
        ctx.close();
    }

    @Test
    @DisplayName("click-to-call on open callbacks: answered closes the callback, busy and no answer are recorded "
            + "as the agent's attempts and leave it open")
    void clickToCallLandsOnTheCallback() {
        // The lab's chooser context picks the simulated citizen by the number's last digit.
        Map<String, String> outcomes = Map.of("1", "ANSWERED", "2", "BUSY", "3", "NO_ANSWER");
        Map<String, String> numbers = new java.util.HashMap<>();
        Map<String, String> callbacks = new java.util.HashMap<>();
        Map<String, String> intakes = new java.util.HashMap<>();
        for (String digit : outcomes.keySet()) {
            String number = ConsoleLab.uniqueCaller(digit);
            String intake = lab.earlierAppeal(number, 1, "楼道堆放杂物");
            numbers.put(digit, number);
            intakes.put(digit, intake);
            callbacks.put(digit, ConsoleLab.bookCallback(gateway, intake));
        }
        AgentClient agent = ConsoleLab.agent(gateway, ConsoleLab.DIALER).connect();
        Map<String, String> dialIds = new java.util.HashMap<>();
        for (String digit : outcomes.keySet()) {
            var r = agent.post(
                    "/console/api/dial",
                    new JsonObject().put("number", numbers.get(digit)).put("callbackId", callbacks.get(digit)));
            assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(202);
            dialIds.put(digit, r.bodyAsJsonObject().getString("dialId"));
        }

        await().atMost(LAB).until(() -> dialIds.values().stream().allMatch(id -> dialResult(agent, id) != null));
        for (String digit : outcomes.keySet()) {
            JsonObject result = dialResult(agent, dialIds.get(digit));
            assertThat(result.getString("outcome")).as("digit " + digit).isEqualTo(outcomes.get(digit));
            assertThat(result.getBoolean("citizenDialed")).isTrue();
            assertThat(result.getBoolean("callbackUpdated")).isTrue();
            assertThat(result.getString("callbackId")).isEqualTo(callbacks.get(digit));
            JsonObject cb = ConsoleLab.callbacksOf(gateway, intakes.get(digit)).stream()
                    .map(o -> (JsonObject) o)
                    .filter(c -> callbacks.get(digit).equals(c.getString("callbackId")))
                    .findFirst()
                    .orElseThrow();
            assertThat(cb.getJsonArray("history").stream().map(h -> ((JsonObject) h).getString("outcome")))
                    .as("digit " + digit)
                    .containsExactly(outcomes.get(digit));
            assertThat(cb.getString("status"))
                    .as("digit " + digit)
                    .isEqualTo(digit.equals("1") ? "REACHED" : "PENDING");
        }
        agent.close();
    }

    private static JsonObject dialResult(AgentClient c, String dialId) {
        return c.frames.stream()
                .filter(f -> "dial-result".equals(f.getString("type")) && dialId.equals(f.getString("dialId")))
                .findFirst()
                .orElse(null);
    }
}
