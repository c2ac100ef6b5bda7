package cn.jiesu.gateway.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.console.StoredPop;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Citizen;
import cn.jiesu.core.intake.ContentType;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.IntakeIds;
import cn.jiesu.core.intake.Location;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import cn.jiesu.gateway.support.Axe;
import cn.jiesu.gateway.support.ConsoleSignIn;
import cn.jiesu.gateway.support.HeadlessChromium;
import cn.jiesu.gateway.support.Screenshots;
import cn.jiesu.gateway.support.UsesChromium;
import cn.jiesu.ivr.flow.IvrDefinition;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The console as agents at a 1366×768, 1280×768 or 1024×768 screen and keyboard users get it, in real headless Chromium on
 * the console wired as the gateway wires it (Redis stores, the appeal store): the pop fits without horizontal
 * scrolling or cut-off text with its key facts above the fold, the keyboard reaches everything (skip link, the
 * recent-calls list, focus back in the password after a wrong one), and axe-core finds no serious or critical
 * violation on the sign-in page, a routine pop, an emergency pop and the wallboard. Writes the README's pop
 * pictures (see {@link Screenshots#readme}).
 */
@UsesChromium
class ConsoleAccessibilityIT {
    private static final int HEIGHT = 768;
    // The two people of the README's pictures: a repeat caller with three earlier appeals, and a citizen who
    // reported a gas smell on the web ten minutes before calling and pressing 1.
    private static final String REPEAT_CALLER = "13911027456";
    private static final String GAS_CALLER = "13801236688";

    private static ConsoleServer server;
    private static HeadlessChromium chromium;
    private static Map<String, String> labels;
    private static final IntakeIds IDS = new IntakeIds(Clock.systemUTC(), new SecureRandom());

    /** Agent 8001's queue member interface (the test console.yaml's agent-interface). */
    private static final String AGENT_8001 = "Local/8001@agent-sim/n";

    @BeforeAll
    static void start() {
        server = ConsoleServer.start(Map.of());
        chromium = HeadlessChromium.launch();
        labels = IvrDefinition.load(Path.of("..", "config", "ivr.yaml")).choiceLabels();
        seedHotlineDay();
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

    @ParameterizedTest(name = "{0}×768")
    @ValueSource(ints = {1366, 1280, 1024})
    @DisplayName("a routine and an emergency pop fit the screen: no sideways scrolling, no cut-off text, no card "
            + "over another, the caller, banner, IVR choice and form above the fold")
    void popFits(int width) {
        try (BrowserContext ctx = context(width)) {
            Page page = ctx.newPage();
            signIn(page, "8001", "secret-8001");

            // The agent answers and types while the citizen talks.
            CallOffer routine =
                    call("8001", REPEAT_CALLER, List.of("lang:1", "menu:3"), Urgency.NORMAL, RequestType.COMPLAINT);
            server.events().offered(routine);
            server.events().connected(routine);
            // Asterisk reports the agent's member busy, as the tracker would: the header says 通话中.
            server.members().member(new AsteriskMember(AGENT_8001, AsteriskMember.Seen.ON_CALL, null));
            assertThat(page.locator("[data-testid=pop]")).hasAttribute("data-state", "CONNECTED");
            assertThat(page.locator("[data-testid=agent-state]")).hasAttribute("data-state", "ON_CALL");
            assertThat(page.locator("[data-testid=caller]")).hasText(REPEAT_CALLER);
            assertThat(page.locator("[data-testid=history-row]")).hasCount(3);
            assertFits(page, width);
            if (width >= 1366) {
                // Found at 1366×768: the callbacks card started at the bottom edge. With three earlier appeals its
                // heading is on the first screen.
                assertAboveTheFold(page, width, "[data-testid=callbacks] h3");
            }
            page.locator("[data-testid=form-content]").fill("小区东门外夜市每晚十一点以后还在营业，油烟和噪音扰民，上周已经反映过一次，至今没有改善");
            page.locator("[data-testid=form-address]").fill("朝阳区望京街道望京西园三区 2 号楼东侧");
            page.locator("[data-testid=form-type]").selectOption("COMPLAINT");
            page.evaluate("() => document.activeElement.blur()");
            page.screenshot(shot(width, "pop.png"));

            // That call ends; after wrap-up the agent is ready, and the next call is an emergency.
            server.events().ended(routine.linkedid(), Instant.now());
            server.members().member(new AsteriskMember(AGENT_8001, AsteriskMember.Seen.WRAP_UP, "wrap-up"));
            assertThat(page.locator("[data-testid=pop]")).hasAttribute("data-state", "ENDED");
            page.locator(".state-buttons button[data-state=READY]").click();
            server.members().member(new AsteriskMember(AGENT_8001, AsteriskMember.Seen.READY, null));
            assertThat(page.locator("[data-testid=agent-state]")).hasText("就绪");
            offer("8001", GAS_CALLER, List.of("lang:1", "menu:1"), Urgency.EMERGENCY, RequestType.HELP);
            assertThat(page.locator("[data-testid=caller]")).hasText(GAS_CALLER);
            assertThat(page.locator("[data-testid=emergency]")).isVisible();
            // The list says 紧急 in words too, not only with its red edge.
            assertThat(page.locator("li.emergency [data-testid=pop-item]")).containsText("紧急");
            assertFits(page, width);
            assertAboveTheFold(page, width, "[data-testid=emergency]");
            page.locator("[data-testid=form-content]").fill("家中厨房燃气味很重，已关闭燃气总阀并开窗，家里有老人");
            page.locator("[data-testid=form-address]").fill("海淀区学院路 20 号院 5 号楼 2 单元 301");
            page.locator("[data-testid=form-urgency]").selectOption("EMERGENCY");
            page.evaluate("() => document.activeElement.blur()");
            page.screenshot(shot(width, "pop-emergency.png"));

            // English strings are longer: the same checks.
            page.locator("[data-testid=lang]").click();
            assertThat(page.locator("#pop-detail h3").first()).hasText("IVR path");
            page.screenshot(new Page.ScreenshotOptions().setPath(Screenshots.of("a11y-" + width + "-english.png")));
            assertFits(page, width);
        }
    }

    @Test
    @DisplayName("keyboard: focus stays in the password after a wrong one and the error is announced; the skip link "
            + "is the first Tab stop and lands in the pop's form; the recent calls are buttons, Up and Down move "
            + "between them, Enter opens one")
    void keyboard() {
        try (BrowserContext ctx = context(1366)) {
            Page page = ctx.newPage();
            page.navigate(server.base() + "/console/");
            page.locator("#login-ext").fill("8002");
            page.locator("#login-password").fill("not-the-password");
            page.keyboard().press("Enter");
            assertThat(page.locator("#login-error")).hasText("分机号或密码错误");
            assertThat(page.locator("#login-error")).hasAttribute("role", "alert");
            assertThat(page.locator("#login-password")).isFocused();
            assertThat(page.locator("#login-password")).hasAttribute("aria-invalid", "true");
            page.keyboard().type("secret-8002");
            page.keyboard().press("Enter");
            assertThat(page.locator("[data-testid=conn]")).hasAttribute("data-up", "true");

            String first =
                    offer("8002", REPEAT_CALLER, List.of("lang:1", "menu:3"), Urgency.NORMAL, RequestType.COMPLAINT);
            assertThat(page.locator("[data-testid=pop]")).hasAttribute("data-pop-id", first);
            String second =
                    offer("8002", "13520087731", List.of("lang:1", "menu:4"), Urgency.NORMAL, RequestType.CONSULT);
            assertThat(page.locator("[data-testid=pop]")).hasAttribute("data-pop-id", second);

            // From the top of the page: the first Tab is the skip link, Enter puts the cursor in 诉求内容.
            page.mouse().click(2, 2);
            page.keyboard().press("Tab");
            Locator skip = page.locator("[data-testid=skip-link]");
            assertThat(skip).isFocused();
            assertThat(skip).isInViewport();
            page.keyboard().press("Enter");
            assertThat(page.locator("[data-testid=pop][data-pop-id='" + second + "'] [data-testid=form-content]"))
                    .isFocused();

            // The recent-calls list by Tab, then Enter on the older call opens its pop.
            page.mouse().click(2, 2);
            int tabs = 0;
            while (!Boolean.TRUE.equals(page.evaluate("() => document.activeElement.dataset.testid === 'pop-item'"))) {
                assertThat(++tabs).as("Tab stops before the recent-calls list").isLessThanOrEqualTo(12);
                page.keyboard().press("Tab");
            }
            // The newest call is first; Down moves to the older one, Up back, Down again.
            Locator newer = page.locator("[data-testid=pop-item][data-pop-id='" + second + "']");
            Locator older = page.locator("[data-testid=pop-item][data-pop-id='" + first + "']");
            assertThat(newer).isFocused();
            page.keyboard().press("ArrowDown");
            assertThat(older).isFocused();
            page.keyboard().press("ArrowUp");
            assertThat(newer).isFocused();
            page.keyboard().press("ArrowDown");
            assertThat(older).isFocused();
            page.keyboard().press("Enter");
            assertThat(page.locator("[data-testid=pop]")).hasAttribute("data-pop-id", first);
            assertThat(older).hasAttribute("aria-current", "true");
            assertThat(older).isFocused();
            page.screenshot(new Page.ScreenshotOptions().setPath(Screenshots.of("a11y-keyboard-list.png")));
        }
    }

    @Test
    @DisplayName("axe-core finds no serious or critical violation on sign-in, a routine pop, an emergency pop and "
            + "the wallboard; chart labels meet 4.5:1")
    void axe() {
        try (BrowserContext ctx = context(1366)) {
            Page page = ctx.newPage();
            page.navigate(server.base() + "/console/");
            assertThat(page.locator("#login-ext")).isVisible();
            Axe.assertNoSeriousViolations(page, "console sign-in");

            signIn(page, "8100", "secret-8100");
            offer("8100", REPEAT_CALLER, List.of("lang:1", "menu:3"), Urgency.NORMAL, RequestType.COMPLAINT);
            assertThat(page.locator("[data-testid=history-row]")).hasCount(3);
            Axe.assertNoSeriousViolations(page, "console with a routine pop");

            offer("8100", GAS_CALLER, List.of("lang:1", "menu:1"), Urgency.EMERGENCY, RequestType.HELP);
            assertThat(page.locator("[data-testid=emergency]")).isVisible();
            Axe.assertNoSeriousViolations(page, "console with an emergency pop");

            page.locator("[data-testid=tab-wallboard]").click();
            assertThat(page.locator("[data-testid=tab-wallboard]")).hasAttribute("aria-pressed", "true");
            page.waitForCondition(() -> page.locator("#chart-tiers rect").count() == 4);
            Axe.assertNoSeriousViolations(page, "wallboard");
            // axe leaves SVG text out of its contrast rule: the chart labels are measured here.
            assertThat(lowContrast(page, "#wallboard-pane svg text")).isEmpty();
            assertThat(lowContrast(page, "#wallboard-pane .tile .v, #wallboard-pane .tile .l"))
                    .isEmpty();
            page.screenshot(new Page.ScreenshotOptions().setPath(Screenshots.of("a11y-wallboard.png")));
        }
    }

    // ---- checks ----

    private static void assertFits(Page page, int width) {
        assertThat(((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue())
                .as("page width at %d px", width)
                .isLessThanOrEqualTo(width);
        @SuppressWarnings("unchecked")
        // The pop and the recent-calls list beside it.
        List<String> problems = (List<String>) page.evaluate(FIT_PROBLEMS, "#pops-pane");
        assertThat(problems)
                .as("cut-off text, cards running out or overlapping at %d px", width)
                .isEmpty();
        assertThat(lowContrast(page, "[data-testid=pop] svg text")).isEmpty();
        if (width >= 1366) {
            for (String fact : List.of(
                    "[data-testid=caller]",
                    "[data-testid=appeal-no], [data-testid=appeal-no-pending]",
                    "[data-testid=ivr-choice] >> nth=0",
                    "[data-testid=form-content]",
                    "[data-testid=form-save]")) {
                assertAboveTheFold(page, width, fact);
            }
        }
    }

    private static void assertAboveTheFold(Page page, int width, String selector) {
        BoundingBox box = page.locator(selector).boundingBox();
        assertThat(box).as(selector).isNotNull();
        assertThat(box.y).as(selector + " top").isGreaterThanOrEqualTo(0);
        assertThat(box.y + box.height)
                .as(selector + " bottom at %d×%d", width, HEIGHT)
                .isLessThanOrEqualTo(HEIGHT);
        assertThat(box.x + box.width).as(selector + " right edge").isLessThanOrEqualTo(width);
    }

    /**
     * In the element {@code root} selects: elements whose text is cut off (overflow hidden or clipped, or an
     * ellipsis, with more content than room), cards and buttons whose content runs out of them, and cards over one
     * another.
     */
    private static final String FIT_PROBLEMS = """
            (sel) => {
              const root = document.querySelector(sel);
              if (!root) return ['nothing matches ' + sel];
              const name = (e) => e.tagName.toLowerCase()
                + (e.dataset && e.dataset.testid ? '[data-testid=' + e.dataset.testid + ']' : '')
                + (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
                + ' "' + (e.textContent || '').trim().substring(0, 24) + '"';
              const shown = (e) => e.getClientRects().length > 0;
              const out = [];
              [root, ...root.querySelectorAll('*')].filter(shown).forEach((e) => {
                if (/^(INPUT|TEXTAREA|SELECT|OPTION)$/.test(e.tagName) || e instanceof SVGElement) return;
                const cs = getComputedStyle(e);
                if (cs.display === 'inline') return;
                const clips = /hidden|clip/.test(cs.overflowX + ' ' + cs.overflowY) || cs.textOverflow === 'ellipsis';
                const wide = e.scrollWidth > e.clientWidth + 1;
                if (clips && (wide || e.scrollHeight > e.clientHeight + 1)) out.push('cut off: ' + name(e));
                else if ((e.classList.contains('card') || e.tagName === 'BUTTON') && wide) {
                  out.push('runs out of its box: ' + name(e));
                }
              });
              const cards = [...root.querySelectorAll('.card, .emergency-banner')].filter(shown);
              for (let i = 0; i < cards.length; i++) {
                for (let j = i + 1; j < cards.length; j++) {
                  const a = cards[i], b = cards[j];
                  if (a.contains(b) || b.contains(a)) continue;
                  const r = a.getBoundingClientRect(), s = b.getBoundingClientRect();
                  if (r.left < s.right - 1 && s.left < r.right - 1 && r.top < s.bottom - 1 && s.top < r.bottom - 1) {
                    out.push('overlap: ' + name(a) + ' / ' + name(b));
                  }
                }
              }
              return out;
            }
            """;

    /** Text under {@code selector} below 4.5:1 against the first opaque background behind it (SVG: its fill). */
    @SuppressWarnings("unchecked")
    static List<String> lowContrast(Page page, String selector) {
        return (List<String>) page.evaluate("""
                (sel) => {
                  const parse = (c) => {
                    const m = /rgba?\\(([^)]+)\\)/.exec(c || '');
                    if (!m) return null;
                    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
                    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
                  };
                  const lum = (c) => {
                    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
                  };
                  const behind = (e) => {
                    for (let n = e; n; n = n.parentElement) {
                      const c = parse(getComputedStyle(n).backgroundColor);
                      if (c && c.a > 0) return c;
                    }
                    return {r: 255, g: 255, b: 255, a: 1};
                  };
                  const out = [];
                  document.querySelectorAll(sel).forEach((e) => {
                    if (!e.getClientRects().length || !(e.textContent || '').trim()) return;
                    const cs = getComputedStyle(e);
                    const fg = parse(e instanceof SVGElement ? cs.fill : cs.color);
                    if (!fg) return;
                    const bg = behind(e);
                    const l1 = lum(fg), l2 = lum(bg);
                    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
                    if (ratio < 4.5) out.push(ratio.toFixed(2) + ':1 "' + e.textContent.trim().substring(0, 20) + '"');
                  });
                  return out;
                }
                """, selector);
    }

    // ---- set-up: a hotline day in Redis, pops from the call tracker's port ----

    private static String offer(String ext, String caller, List<String> choices, Urgency urgency, RequestType type) {
        CallOffer call = call(ext, caller, choices, urgency, type);
        server.events().offered(call);
        return StoredPop.idOf(call.linkedid(), ext);
    }

    private static CallOffer call(String ext, String caller, List<String> choices, Urgency urgency, RequestType type) {
        return new CallOffer(
                ext,
                "1764330000." + UUID.randomUUID().toString().substring(0, 6),
                caller,
                urgency == Urgency.EMERGENCY ? "hotline-priority" : "hotline-general",
                new IvrPath("zh", choices, urgency, type).labelled(labels),
                Instant.now());
    }

    /** Earlier appeals of the two callers, and the rest of today's appeals the wallboard counts. */
    private static void seedHotlineDay() {
        Instant now = Instant.now();
        appeal(
                Channel.WEB,
                REPEAT_CALLER,
                now.minus(Duration.ofDays(3)),
                "夜市噪音扰民",
                "小区东门外夜市每晚十一点以后还在营业，噪音很大，孩子没法睡觉",
                Urgency.NORMAL,
                RequestType.COMPLAINT,
                "朝阳区望京西园三区东门");
        appeal(
                Channel.PHONE,
                REPEAT_CALLER,
                now.minus(Duration.ofDays(9)),
                null,
                "楼道照明灯坏了一周，老人夜里上下楼不安全",
                Urgency.IMMEDIATE,
                RequestType.HELP,
                "朝阳区望京西园三区 2 号楼");
        appeal(
                Channel.APP,
                REPEAT_CALLER,
                now.minus(Duration.ofDays(41)),
                "居住证办理",
                "咨询居住证办理需要哪些材料，在哪个窗口办",
                Urgency.NORMAL,
                RequestType.CONSULT,
                null);
        server.appendWebEmergency(GAS_CALLER, now.minus(Duration.ofMinutes(10)), "燃气泄漏");
        Object[][] today = {
            {Channel.PHONE, Urgency.IMMEDIATE, RequestType.HELP, "从早上八点开始停水，没有接到任何通知"},
            {Channel.PHONE, Urgency.NORMAL, RequestType.COMPLAINT, "快递柜长期占用消防通道"},
            {Channel.PHONE, Urgency.IMMEDIATE, RequestType.HELP, "暖气不热，室温只有十四度"},
            {Channel.WEB, Urgency.NORMAL, RequestType.SUGGESTION, "建议在地铁站出口增设共享单车停放区"},
            {Channel.WEB, Urgency.COMPLEX, RequestType.COMPLAINT, "小区物业费上涨未经业主大会表决"},
            {Channel.APP, Urgency.NORMAL, RequestType.REPORT, "路边占道经营，影响行人通行"},
            {Channel.APP, Urgency.EMERGENCY, RequestType.HELP, "电梯困人，已等二十分钟无人处理"},
            {Channel.WECHAT, Urgency.NORMAL, RequestType.CONSULT, "新生儿医保怎么办理"},
            {Channel.WEIBO, Urgency.NORMAL, RequestType.COMPLAINT, "公交 988 路晚点严重"},
            {Channel.PHONE, Urgency.NORMAL, RequestType.PRAISE, "表扬社区网格员帮忙联系维修"}
        };
        for (int i = 0; i < today.length; i++) {
            Object[] a = today[i];
            appeal(
                    (Channel) a[0],
                    "1366" + (1000000 + i * 7919),
                    now.minus(Duration.ofMinutes(20L * i + 5)),
                    null,
                    (String) a[3],
                    (Urgency) a[1],
                    (RequestType) a[2],
                    null);
        }
    }

    private static void appeal(
            Channel channel,
            String phone,
            Instant at,
            String title,
            String content,
            Urgency urgency,
            RequestType type,
            String address) {
        Intake in = Intake.builder()
                .intakeId(IDS.next())
                .channel(channel)
                .channelAccount(
                        channel == Channel.PHONE
                                ? ConsoleServer.HOTLINE
                                : channel.name().toLowerCase())
                .channelMessageId("a11y-" + UUID.randomUUID())
                .receivedAt(at)
                .occurredAt(at)
                .contentType(channel == Channel.PHONE ? ContentType.CALL : ContentType.TEXT)
                .title(title)
                .content(content)
                .citizen(new Citizen(
                        null,
                        null,
                        channel == Channel.PHONE ? null : phone,
                        channel == Channel.PHONE ? phone : null,
                        null,
                        false))
                .location(address == null ? null : Location.ofAddress(address))
                .urgency(urgency)
                .requestType(type)
                .build();
        server.appeals.append(in).toCompletableFuture().join();
    }

    private static void signIn(Page page, String ext, String password) {
        ConsoleSignIn.signIn(page, server.base(), ext, password);
    }

    private static BrowserContext context(int width) {
        return chromium.beijingContext(width, HEIGHT);
    }

    /** The README's picture at 1366 px; the same view at other widths under target/screenshots/. */
    private static Page.ScreenshotOptions shot(int width, String name) {
        return new Page.ScreenshotOptions()
                .setPath(width == 1366 ? Screenshots.readme(name) : Screenshots.of("a11y-" + width + "-" + name));
    }
}
