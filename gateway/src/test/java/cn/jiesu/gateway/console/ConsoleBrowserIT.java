package cn.jiesu.gateway.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiesu.core.appeal.AppealRecord;
import cn.jiesu.core.console.PopState;
import cn.jiesu.core.console.StoredPop;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import cn.jiesu.gateway.support.ConsoleSignIn;
import cn.jiesu.gateway.support.HeadlessChromium;
import cn.jiesu.gateway.support.UsesChromium;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The console end to end in real headless Chromium (Debian's package, driven by Playwright for Java): an agent
 * signs in, a call is offered to their endpoint, the pop shows the caller's history, the agent saves the form, the
 * call's appeal in Redis carries the text, the browser drops and gets the unacknowledged pop on reconnect, and
 * another agent's browser gets nothing. Screenshots go to target/screenshots/.
 *
 * <p>The test plays the AMI call tracker through the console's {@link AgentCallEvents} port (phase 1); once the
 * tracker is wired, the same flow runs from an AMI Originate of {@code Local/s@caller-sim}.
 */
@UsesChromium
class ConsoleBrowserIT {
    private static final Path SHOTS = Path.of("target", "screenshots");

    private static ConsoleServer server;
    private static HeadlessChromium chromium;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(SHOTS);
        // No stand-in meters: the wallboard shows what this server really registers (the console's and the appeal
        // store's meters) and "暂无" for the call tracker's and the callback schedule's, which it does not run.
        server = ConsoleServer.start(Map.of(), Map.of("8003", ConsoleTestConfig.agent("赵敏", "agent", "secret-8003")));
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

    @Test
    @DisplayName("sign in, pop with history, form onto the call's appeal, replay after a drop, nothing for others")
    void agentFlow() {
        String caller = "1391234" + (1000 + (int) (Math.random() * 8999));
        server.appendCall(
                "1763500000." + UUID.randomUUID().toString().substring(0, 6),
                caller,
                Instant.now().minus(Duration.ofDays(9)),
                "小区门口路灯不亮，晚上出行不安全");
        BrowserContext agentA = context();
        BrowserContext agentB = context();
        Page a = agentA.newPage();
        Page b = agentB.newPage();

        signIn(a, "8001", "secret-8001", "01-login.png");
        a.screenshot(shot("02-waiting-for-calls.png"));
        signIn(b, "8002", "secret-8002", null);

        String linkedid = "1764310000." + UUID.randomUUID().toString().substring(0, 6);
        server.events().offered(ConsoleServer.offer("8001", linkedid, caller));
        Locator pop = a.locator("[data-testid=pop]");
        assertThat(pop).hasAttribute("data-state", "OFFERED");
        assertThat(a.locator("[data-testid=caller]")).hasText(caller);
        assertThat(a.locator("[data-testid=history-row]")).hasCount(1);
        assertThat(a.locator("[data-testid=history-row]")).containsText("路灯不亮");
        assertThat(a.locator("[data-testid=repeat]")).isVisible();
        server.events().connected(ConsoleServer.offer("8001", linkedid, caller));
        assertThat(pop).hasAttribute("data-state", "CONNECTED");
        a.screenshot(shot("03-pop.png"));

        String text = "供暖不热，室内温度只有十四度，老人孩子受不了";
        a.locator("[data-testid=form-content]").fill(text);
        a.locator("[data-testid=form-address]").fill("朝阳区望京西园三区 2 号楼 3 单元");
        a.locator("[data-testid=form-type]").selectOption("COMPLAINT");
        a.locator("[data-testid=form-urgency]").selectOption("IMMEDIATE");
        a.locator("[data-testid=form-save]").click();
        assertThat(a.locator("[data-testid=form-status]")).hasAttribute("data-mode", "draft");
        a.screenshot(shot("04-form-saved.png"));

        // The tracker appends the call's appeal at hangup; the saved form ends up on that one appeal.
        String intakeId = server.appendCall(linkedid, caller, Instant.now(), null);
        server.events().ended(linkedid, Instant.now());
        assertThat(pop).hasAttribute("data-state", "ENDED");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> text.equals(appeal(intakeId).intake().content()));
        AppealRecord stored = appeal(intakeId);
        assertThat(stored.intake().location().addressText()).isEqualTo("朝阳区望京西园三区 2 号楼 3 单元");
        assertThat(stored.intake().requestType().name()).isEqualTo("COMPLAINT");
        assertThat(server.appeals.byPhone(caller, 10).toCompletableFuture().join())
                .hasSize(2);

        // The browser drops; a call is offered meanwhile; the reconnecting browser gets it, marked as replayed.
        a.close();
        await().until(() -> server.registry.find("console.sockets").gauge().value() == 1);
        String missed = "1764310001." + UUID.randomUUID().toString().substring(0, 6);
        server.events().offered(ConsoleServer.offer("8001", missed, "13511112222"));
        await().until(() -> server.popState(StoredPop.idOf(missed, "8001")) == PopState.OFFERED);
        Page again = agentA.newPage();
        again.navigate(server.base() + "/console/");
        Locator replayed = again.locator("[data-testid=pop][data-pop-id='" + StoredPop.idOf(missed, "8001") + "']");
        assertThat(replayed).hasAttribute("data-replay", "true");
        assertThat(again.locator("[data-testid=caller]")).hasText("13511112222");
        again.screenshot(shot("05-replayed-after-reconnect.png"));

        // Agent 8002 was signed in throughout and saw none of it.
        assertThat(b.locator("[data-testid=pop-item]")).hasCount(0);
        assertThat(b.locator("#waiting")).isVisible();
        b.screenshot(shot("06-other-agent-sees-nothing.png"));

        again.locator("[data-testid=lang]").click();
        assertThat(again.locator("#pop-detail h3").first()).hasText("IVR path");
        again.screenshot(shot("07-english.png"));
        agentA.close();
        agentB.close();
    }

    @Test
    @DisplayName("a pop alerts: tab title, aria-live, cursor in 诉求内容; an emergency gets a red banner saying why")
    void popAlerts() {
        BrowserContext ctx = context();
        Page a = ctx.newPage();
        signIn(a, "8100", "secret-8100", null);
        java.util.Map<String, String> labels = cn.jiesu.ivr.flow.IvrDefinition.load(Path.of("..", "config", "ivr.yaml"))
                .choiceLabels();

        // Routine call: words for the IVR choices, no banner.
        String caller = "1391234" + (1000 + (int) (Math.random() * 8999));
        server.events()
                .offered(new CallOffer(
                        "8100",
                        "1764320000." + UUID.randomUUID().toString().substring(0, 6),
                        caller,
                        "hotline-general",
                        new IvrPath("zh", List.of("lang:1", "menu:3"), Urgency.NORMAL, RequestType.COMPLAINT)
                                .labelled(labels),
                        Instant.now()));
        assertThat(a.locator("[data-testid=pop]")).hasAttribute("data-state", "OFFERED");
        String masked = caller.substring(0, 3) + "****" + caller.substring(7);
        assertThat(a).hasTitle("(1) 来电 " + masked);
        assertThat(a.locator("[data-testid=announcer]")).hasAttribute("aria-live", "assertive");
        assertThat(a.locator("[data-testid=announcer]")).containsText("新来电：" + masked);
        assertThat(a.locator("[data-testid=form-content]")).isFocused();
        assertThat(a.locator("[data-testid=ivr-choice]")).hasText(new String[] {"普通话", "投诉"});
        assertThat(a.locator("[data-testid=emergency]")).hasCount(0);

        // Pressed 1 in the IVR.
        server.events()
                .offered(new CallOffer(
                        "8100",
                        "1764320001." + UUID.randomUUID().toString().substring(0, 6),
                        "anonymous",
                        "hotline-priority",
                        new IvrPath("zh", List.of("lang:1", "menu:1"), Urgency.EMERGENCY, RequestType.HELP)
                                .labelled(labels),
                        Instant.now()));
        Locator banner = a.locator("[data-testid=emergency]");
        assertThat(banner).hasAttribute("role", "alert");
        assertThat(banner).hasText("紧急：来电人按1选择紧急求助");
        assertThat(a.locator("[data-testid=caller]")).hasText("号码未显示");
        assertThat(a).hasTitle("(2) 来电 号码未显示");
        assertThat(a.locator("[data-testid=announcer]")).containsText("紧急");
        a.screenshot(shot("09-emergency-ivr.png"));

        // A routine call from a citizen who reported a gas smell on the web ten minutes ago.
        String gas = "1381234" + (1000 + (int) (Math.random() * 8999));
        server.appendWebEmergency(gas, Instant.now().minus(Duration.ofMinutes(10)), "燃气泄漏");
        server.events()
                .offered(new CallOffer(
                        "8100",
                        "1764320002." + UUID.randomUUID().toString().substring(0, 6),
                        gas,
                        "hotline-general",
                        new IvrPath("zh", List.of("lang:1", "menu:3"), Urgency.NORMAL, RequestType.COMPLAINT)
                                .labelled(labels),
                        Instant.now()));
        assertThat(a.locator("[data-testid=caller]")).hasText(gas);
        assertThat(banner).containsText("紧急：该来电人10 分钟前在网站报告燃气泄漏（受理号");
        assertThat(a.locator("[data-testid=form-content]")).isFocused();
        a.screenshot(shot("10-emergency-history.png"));
        ctx.close();
    }

    @Test
    @DisplayName("the pop says the call's 受理号 once answered (the number its appeal is later found by), the saved "
            + "form's merge into it at hang-up, and one line per earlier appeal that opens to its text")
    void appealNumberAndHistoryLines() {
        String caller = "1371234" + (1000 + (int) (Math.random() * 8999));
        String longText = "小区东门外的雨水井盖缺失已经一周，晚上路过的老人差点掉下去，物业说归市政管，市政说归物业管，" + "请尽快派人处理并明确责任单位";
        java.time.ZoneId beijing = java.time.ZoneId.of("Asia/Shanghai");
        java.time.ZonedDateTime at =
                java.time.LocalDate.now(beijing).minusDays(3).atTime(7, 30).atZone(beijing);
        server.appendCall(
                "1763600000." + UUID.randomUUID().toString().substring(0, 6), caller, at.toInstant(), longText);
        // An agent's PC set to another zone (found by a fresh agent: dates beside a 受理号 disagreed with it): the
        // console shows the hotline's time, 07:30 in Beijing, not 18:30 the day before in New York.
        BrowserContext ctx = chromium.newContext(new Browser.NewContextOptions()
                .setLocale("zh-CN")
                .setTimezoneId("America/New_York")
                .setViewportSize(1366, 860));
        Page a = ctx.newPage();
        signIn(a, "8003", "secret-8003", null);

        String linkedid = "1764330000." + UUID.randomUUID().toString().substring(0, 6);
        server.events().offered(ConsoleServer.offer("8003", linkedid, caller));
        Locator pop = a.locator("[data-testid=pop]");
        assertThat(pop).hasAttribute("data-state", "OFFERED");
        // Ringing: no number yet (it is reserved when the call is answered).
        assertThat(a.locator("[data-testid=appeal-no-pending]")).hasText("接听后分配");
        // One line per appeal: time, channel, type, tier, status, 受理号; the text only once opened.
        Locator line = a.locator("[data-testid=history-row]");
        assertThat(line).hasCount(1);
        assertThat(line.locator("summary"))
                .containsText(at.format(java.time.format.DateTimeFormatter.ofPattern("MM-dd")) + " 07:30");
        assertThat(line.locator("summary")).containsText("电话");
        assertThat(line.locator("summary")).containsText("求助");
        assertThat(line.locator("summary")).containsText("即时");
        assertThat(line.locator("summary")).containsText("已受理");
        assertThat(line.locator("[data-testid=history-text]")).not().isVisible();
        line.locator("summary").click();
        assertThat(line.locator("[data-testid=history-text]")).isVisible();
        assertThat(line.locator("[data-testid=history-text]")).hasText(longText);
        // Ringing, not yet on the call: the call-back button is usable.
        assertThat(line.locator("[data-testid=dial]")).isEnabled();
        a.screenshot(shot("11-history-line-open.png"));

        server.events().connected(ConsoleServer.offer("8003", linkedid, caller));
        assertThat(pop).hasAttribute("data-state", "CONNECTED");
        Locator no = a.locator("[data-testid=appeal-no]");
        assertThat(no).hasText(java.util.regex.Pattern.compile("\\d{12}"));
        String appealNo = no.textContent();
        // On the call: no dialling out of it.
        assertThat(line.locator("[data-testid=dial]")).isDisabled();
        assertThat(line.locator("[data-testid=dial]")).hasAttribute("title", "通话中不能拨打，请挂断后再拨");

        a.locator("[data-testid=form-content]").fill("楼下井盖缺失，需要尽快补上");
        a.locator("[data-testid=form-address]").fill("丰台区方庄芳城园一区东门");
        a.locator("[data-testid=form-save]").click();
        Locator status = a.locator("[data-testid=form-status]");
        assertThat(status).hasAttribute("data-mode", "draft");
        assertThat(status).hasText("已暂存，通话结束后并入受理号 " + appealNo);
        a.screenshot(shot("12-pop-appeal-no-during-call.png"));

        // Found by a fresh agent: reloading mid-call lost the (acknowledged) pop for good. The call's pop is replayed.
        a.reload();
        assertThat(pop).hasAttribute("data-state", "CONNECTED");
        assertThat(a.locator("[data-testid=caller]")).hasText(caller);
        assertThat(no).hasText(appealNo);
        // ...with the form as the agent saved it.
        assertThat(a.locator("[data-testid=form-content]")).hasValue("楼下井盖缺失，需要尽快补上");
        assertThat(status).hasText("已暂存，通话结束后并入受理号 " + appealNo);
        a.screenshot(shot("12b-pop-after-reload-mid-call.png"));

        // Hang-up: the tracker appends the call's appeal, which carries the reserved number and the agent's form.
        String intakeId = server.appendCall(linkedid, caller, Instant.now(), null);
        server.events().ended(linkedid, Instant.now());
        assertThat(pop).hasAttribute("data-state", "ENDED");
        assertThat(status).hasAttribute("data-mode", "merged");
        assertThat(status).hasText("已并入受理号 " + appealNo);
        assertThat(a.locator("[data-testid=appeal-stored]")).hasText("已登记，登记内容已并入");
        assertThat(a.locator("[data-testid=appeal-address]")).containsText("丰台区方庄芳城园一区东门");
        assertThat(no).hasText(appealNo);
        assertThat(line.locator("[data-testid=dial]")).isEnabled();
        AppealRecord stored = appeal(intakeId);
        assertThat(stored.intake().appealNo()).isEqualTo(appealNo);
        assertThat(stored.intake().content()).isEqualTo("楼下井盖缺失，需要尽快补上");
        // The lookup the IVR's status read-back and the web confirmation use finds this call's appeal by it.
        assertThat(server.appeals.byAppealNo(appealNo).toCompletableFuture().join())
                .map(r -> r.intake().intakeId())
                .contains(intakeId);
        a.screenshot(shot("13-pop-merged-after-hangup.png"));

        // The stored pop keeps it, for a browser that reconnects before acknowledging.
        io.vertx.core.json.JsonObject kept = new io.vertx.core.json.JsonObject(
                        server.popBody(StoredPop.idOf(linkedid, "8003")))
                .getJsonObject("appeal");
        assertThat(kept.getString("no")).isEqualTo(appealNo);
        assertThat(kept.getBoolean("merged")).isTrue();
        ctx.close();
    }

    @Test
    @DisplayName("a supervisor's wallboard shows the registered meters live and 暂无 for those this server lacks")
    void wallboard() {
        BrowserContext sup = context();
        Page p = sup.newPage();
        signIn(p, "8100", "secret-8100", null);
        p.locator("[data-testid=tab-wallboard]").click();
        assertThat(p.locator("[data-testid=tile-waiting] .v")).hasText("暂无");
        assertThat(p.locator("[data-testid=tile-inIvr] .v")).hasText("暂无");
        assertThat(p.locator("[data-testid=tile-callbacksDue] .v")).hasText("暂无");
        assertThat(p.locator("[data-testid=tile-triageReview] .v")).hasText("暂无");
        // No call tracker on this server: the queue-service and Asterisk agent tiles say so too.
        assertThat(p.locator("[data-testid=tile-serviceLevel] .v")).hasText("暂无");
        assertThat(p.locator("[data-testid=tile-abandoned] .v")).hasText("暂无");
        assertThat(p.locator("[data-testid=tile-agentsPaused] .v")).hasText("暂无");
        assertThat(p.locator("[data-testid=tile-rateResolutionMonth] .v")).hasText("暂无");
        assertThat(p.locator("#chart-agents rect")).hasCount(0);
        assertThat(p.locator("#chart-queues rect")).hasCount(0);
        // The appeal store's tier counters are registered from the start: one bar per tier, live as calls end.
        assertThat(p.locator("#chart-tiers rect")).hasCount(4);
        int before = tierCount(p, "即时");
        server.appendCall(
                "1763500000." + UUID.randomUUID().toString().substring(0, 6), "13700137000", Instant.now(), "停水了");
        p.waitForCondition(() -> tierCount(p, "即时") == before + 1);
        p.waitForCondition(() -> p.locator("#chart-trend path").count() == 1);
        p.screenshot(shot("08-wallboard.png").setFullPage(true));
        sup.close();
    }

    /** The number drawn above the tier chart's bar labelled {@code label} (each bar: value, then label). */
    private static int tierCount(Page p, String label) {
        java.util.List<String> texts = p.locator("#chart-tiers text").allTextContents();
        return Integer.parseInt(texts.get(texts.indexOf(label) - 1));
    }

    private static void signIn(Page page, String ext, String password, String screenshot) {
        ConsoleSignIn.fill(page, server.base(), ext, password);
        if (screenshot != null) {
            page.screenshot(shot(screenshot));
        }
        ConsoleSignIn.submit(page);
    }

    private static BrowserContext context() {
        return chromium.beijingContext(1366, 860);
    }

    private static AppealRecord appeal(String intakeId) {
        return server.appeals.byId(intakeId).toCompletableFuture().join().orElseThrow();
    }

    private static Page.ScreenshotOptions shot(String name) {
        return new Page.ScreenshotOptions().setPath(SHOTS.resolve(name));
    }
}
