package cn.jiesu.gateway.channels;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.gateway.support.Axe;
import cn.jiesu.gateway.support.HeadlessChromium;
import cn.jiesu.gateway.support.Screenshots;
import cn.jiesu.gateway.support.UsesChromium;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The citizen's web form checked by axe-core in real headless Chromium on the real gateway: the empty form, the
 * form with every error at once, and an emergency's confirmation have no serious or critical violation and no
 * sideways scrolling on a phone, at 1024 and at 1366 px. Writes the README's picture of the form.
 */
@UsesChromium
class WebFormAccessibilityIT {
    @RegisterExtension
    static final ChannelGateway gw = ChannelGateway.perClass(Map.of());

    private static HeadlessChromium chromium;

    @BeforeAll
    static void start() {
        chromium = HeadlessChromium.launch();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @ParameterizedTest(name = "{0} px wide")
    @ValueSource(ints = {390, 1024, 1366})
    @DisplayName("the form, its errors and an emergency's confirmation: no serious axe violation, no sideways scroll")
    void axe(int width) {
        // axe runs as a script: JavaScript is on here, though the form itself uses none.
        try (BrowserContext ctx = chromium.newContext(new Browser.NewContextOptions()
                .setLocale("zh-CN")
                .setTimezoneId("Asia/Shanghai")
                .setViewportSize(width, width < 600 ? 844 : 768))) {
            Page page = ctx.newPage();
            page.navigate(base() + "/appeal");
            assertThat(page.locator("h1")).hasText("网上反映诉求");
            assertFits(page, width);
            Axe.assertNoSeriousViolations(page, "web form at " + width + " px");
            if (width == 1366) {
                page.locator("#category").selectOption("0301");
                page.locator("#description").fill("楼道照明灯已损坏一周，夜间老人上下楼不安全，物业一直没人来修。");
                page.locator("#address").fill("北京市朝阳区望京街道阜通东大街6号院3号楼");
                page.locator("#name").fill("李明");
                page.locator("#phone").fill("139 1234 5678");
                page.locator("#callback").check();
                page.evaluate("() => { document.activeElement.blur(); window.scrollTo(0, 0); }");
                page.screenshot(new Page.ScreenshotOptions().setPath(Screenshots.readme("web-form.png")));
                page.navigate(base() + "/appeal");
            }

            page.locator("#callback").check();
            page.locator("[data-testid=submit]").click();
            assertThat(page.locator("[data-testid=summary]")).isVisible();
            for (String field : List.of("category", "description", "address", "phone")) {
                assertThat(page.locator("[data-testid=error-" + field + "]")).isVisible();
            }
            assertFits(page, width);
            Axe.assertNoSeriousViolations(page, "web form with every error at " + width + " px");
            page.screenshot(new Page.ScreenshotOptions().setPath(Screenshots.of("a11y-web-errors-" + width + ".png")));

            page.locator("#category").selectOption("0101");
            page.locator("#description").fill("单元门口燃气味很重，可能漏气了，邻居家没人。");
            page.locator("#address").fill("朝阳区望京西园三区5号楼2单元");
            page.locator("#phone").fill("13811112222");
            page.locator("[data-testid=submit]").click();
            page.waitForURL("**/appeal/submitted?no=*");
            assertThat(page.locator("[data-testid=emergency]")).isVisible();
            assertFits(page, width);
            Axe.assertNoSeriousViolations(page, "emergency confirmation at " + width + " px");
        }
    }

    @Test
    @DisplayName("the form by keyboard alone: every field in order, the submit button last, focus always visible")
    void keyboardOrder() {
        try (BrowserContext ctx = chromium.newContext(
                new Browser.NewContextOptions().setLocale("zh-CN").setViewportSize(1366, 768))) {
            Page page = ctx.newPage();
            page.navigate(base() + "/appeal");
            List<String> order = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                page.keyboard().press("Tab");
                String id = (String)
                        page.evaluate("() => document.activeElement.id || document.activeElement.dataset.testid"
                                + " || document.activeElement.tagName");
                assertThat((String) page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle"))
                        .as("focus outline on " + id)
                        .isNotEqualTo("none");
                if (order.contains(id)) {
                    break;
                }
                order.add(id);
                if ("submit".equals(id)) {
                    break;
                }
            }
            assertThat(order)
                    .containsSubsequence(
                            "category",
                            "description",
                            "address",
                            "name",
                            "phone",
                            "callback",
                            "confidential",
                            "submit");
        }
    }

    private static void assertFits(Page page, int width) {
        assertThat(((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue())
                .as("page width at %d px", width)
                .isLessThanOrEqualTo(width);
    }

    private static String base() {
        return "http://127.0.0.1:" + gw.port();
    }
}
