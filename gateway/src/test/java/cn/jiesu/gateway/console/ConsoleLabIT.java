package cn.jiesu.gateway.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiesu.core.callback.CallbackKind;
import cn.jiesu.core.console.StoredPop;
import cn.jiesu.gateway.Gateway;
import cn.jiesu.gateway.support.HeadlessChromium;
import cn.jiesu.gateway.support.UsesAsteriskLab;
import cn.jiesu.gateway.support.UsesChromium;
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
@UsesAsteriskLab
@UsesChromium
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
        // Answered: the call's 受理号 is on the pop while the citizen is still on the line.
        Locator appealNo = page.locator("[data-testid=appeal-no]");
        assertThat(appealNo).hasText(java.util.regex.Pattern.compile("\\d{12}"));
        String no = appealNo.textContent();
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
        // The tracker's appeal of the call carries the number the agent read out, and the lookup the IVR's status
        // read-back uses finds the call's appeal by it; after the hang-up the pop says it is filed.
        JsonObject ofCall = ConsoleLab.appealsOf(gateway, caller).stream()
                .map(a -> (JsonObject) a)
                .filter(a -> a.getJsonObject("call") != null
                        && linkedid.equals(a.getJsonObject("call").getString("linkedid")))
                .findFirst()
                .orElseThrow();
        assertThat(ofCall.getString("appealNo")).isEqualTo(no);
        assertThat(lab.appeals.byAppealNo(no).toCompletableFuture().join())
                .map(r -> r.intake().intakeId())
                .contains(ofCall.getString("intakeId"));
        assertThat(page.locator("[data-testid=appeal-stored]")).hasText("已登记");
        assertThat(appealNo).hasText(no);
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
        // The agent's status no longer says 已暂存: it names the 受理号 the draft went into.
        assertThat(page.locator("[data-testid=form-status]")).hasAttribute("data-mode", "merged");
        assertThat(page.locator("[data-testid=form-status]"))
                .hasText("已并入受理号 " + ofCall.get(0).getString("appealNo"));
        assertThat(page.locator("[data-testid=appeal-no]"))
                .hasText(ofCall.get(0).getString("appealNo"));
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("lab-05-form-merged.png")));
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
        // The pop names the linked app appeal by the 受理号 its citizen got.
        assertThat(page.locator("[data-testid=appeal-related]"))
                .containsText(
                        ConsoleLab.appeal(gateway, online).getString("appealNo"),
                        new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions()
                                .setTimeout(15_000));
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("lab-08-linked-appeal.png")));
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

    @Test
    @DisplayName("five callbacks of one citizen are five rows with kind and 受理号; no dialling while on the call "
            + "(button and server: 409); after it a dial counts 已拨 live and says 忙线 beside its button")
    void callbacksCardAndDialing() throws Exception {
        // The lab's click-to-call chooser: a number ending in 2 is busy.
        String caller = ConsoleLab.uniqueCaller("2");
        CallbackKind[] kinds = {
            CallbackKind.CALLBACK_REQUESTED,
            CallbackKind.ABANDONED_CALL,
            CallbackKind.RETURN_VISIT,
            CallbackKind.SURVEY,
            CallbackKind.AGENT_SCHEDULED
        };
        Map<String, String> appealNoOfCallback = new java.util.LinkedHashMap<>();
        Map<String, String> kindOfCallback = new java.util.HashMap<>();
        Map<String, String> intakeOfCallback = new java.util.HashMap<>();
        for (int i = 0; i < kinds.length; i++) {
            // App appeals: they trigger no callbacks of their own, so the five below are all this citizen has.
            String intake = lab.appAppeal(caller, "第 " + (i + 1) + " 件：小区垃圾清运不及时");
            String id = lab.scheduleCallback(intake, kinds[i], caller, Duration.ofHours(2 + i));
            appealNoOfCallback.put(id, ConsoleLab.appeal(gateway, intake).getString("appealNo"));
            kindOfCallback.put(id, kinds[i].name());
            intakeOfCallback.put(id, intake);
        }
        for (String ext : ConsoleLab.MEMBERS.subList(1, ConsoleLab.MEMBERS.size())) {
            try (AgentClient c = ConsoleLab.agent(gateway, ext)) {
                assertThat(c.post("/console/api/state", new JsonObject().put("state", "PAUSED"))
                                .statusCode())
                        .isEqualTo(200);
            }
        }
        AgentClient socket = ConsoleLab.agent(gateway, "8001").connect();
        assertThat(socket.post("/console/api/state", new JsonObject().put("state", "READY"))
                        .statusCode())
                .isEqualTo(200);
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

        try {
            String linkedid = lab.call(caller, 20, "1", "3");
            String popId = StoredPop.idOf(linkedid, "8001");
            Locator shown = page.locator("[data-testid=pop][data-pop-id='" + popId + "']");
            assertThat(shown)
                    .hasAttribute(
                            "data-state",
                            "CONNECTED",
                            new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions()
                                    .setTimeout(LAB.toMillis()));

            Locator rows = page.locator("[data-testid=callback-row]");
            assertThat(rows).hasCount(5);
            Map<String, String> kindWords = Map.of(
                    "CALLBACK_REQUESTED", "市民要求回电",
                    "ABANDONED_CALL", "未接通来电",
                    "RETURN_VISIT", "办理回访",
                    "SURVEY", "满意度回访",
                    "AGENT_SCHEDULED", "预约回电");
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < 5; i++) {
                Locator row = rows.nth(i);
                String id = row.getAttribute("data-callback-id");
                assertThat(seen.add(id)).as("row %d repeats callback %s", i, id).isTrue();
                assertThat(row.locator("[data-testid=cb-kind]")).hasText(kindWords.get(kindOfCallback.get(id)));
                assertThat(row.locator("[data-testid=cb-appeal]")).hasText(appealNoOfCallback.get(id));
                assertThat(row.locator("[data-testid=cb-attempts]")).hasText("已拨 0 次");
                // On the call: every dial button is disabled.
                assertThat(row.locator("[data-testid=dial]")).isDisabled();
            }
            assertThat(seen).containsExactlyInAnyOrderElementsOf(appealNoOfCallback.keySet());
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("lab-06-callbacks-on-call.png")));

            // The server refuses too, whatever the page does.
            String surveyId = kindOfCallback.entrySet().stream()
                    .filter(e -> e.getValue().equals("SURVEY"))
                    .findFirst()
                    .orElseThrow()
                    .getKey();
            var refused = socket.post(
                    "/console/api/dial", new JsonObject().put("number", caller).put("callbackId", surveyId));
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.bodyAsJsonObject().getString("error")).isEqualTo("on_call");
            assertThat(refused.bodyAsJsonObject().getString("popId")).isEqualTo(popId);
            JsonObject untouched = ConsoleLab.callbacksOf(gateway, intakeOfCallback.get(surveyId)).stream()
                    .map(o -> (JsonObject) o)
                    .filter(c -> surveyId.equals(c.getString("callbackId")))
                    .findFirst()
                    .orElseThrow();
            assertThat(untouched.getInteger("attempts")).isZero();

            // The citizen hangs up; now the agent dials the survey callback from its row (the number is busy).
            assertThat(shown)
                    .hasAttribute(
                            "data-state",
                            "ENDED",
                            new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions()
                                    .setTimeout(LAB.toMillis()));
            Locator survey = page.locator("[data-testid=callback-row][data-callback-id='" + surveyId + "']");
            assertThat(survey.locator("[data-testid=dial]")).isEnabled();
            survey.locator("[data-testid=dial]").click();
            assertThat(survey.locator("[data-testid=dial-result]"))
                    .hasText(
                            "拨打结果：忙线 已记入回访记录。",
                            new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions()
                                    .setTimeout(LAB.toMillis()));
            assertThat(survey.locator("[data-testid=dial-result]")).hasAttribute("data-outcome", "BUSY");
            assertThat(survey.locator("[data-testid=cb-attempts]")).hasText("已拨 1 次，上次：忙线");
            // The other rows are untouched.
            assertThat(page.locator("[data-testid=cb-attempts]", new Page.LocatorOptions().setHasText("已拨 0 次")))
                    .hasCount(4);
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("lab-07-dial-result-in-row.png")));
        } finally {
            // Ready again whatever happened: a wrap-up left behind would keep the lab's queue from ringing 8001.
            socket.post("/console/api/state", new JsonObject().put("state", "READY"));
            socket.close();
            ctx.close();
        }
    }

    private static JsonObject dialResult(AgentClient c, String dialId) {
        return c.frames.stream()
                .filter(f -> "dial-result".equals(f.getString("type")) && dialId.equals(f.getString("dialId")))
                .findFirst()
                .orElse(null);
    }
}
