package cn.jiesu.gateway.channels;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.appeal.AppealRecord;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.gateway.support.HeadlessChromium;
import cn.jiesu.gateway.support.UsesChromium;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The web form submitted by a citizen in real headless Chromium (Debian's package, driven by Playwright for Java,
 * as the console's browser test does), on a phone-sized screen with JavaScript switched off. Screenshots of the
 * form, a refused submission and the confirmation go to target/screenshots/.
 */
@UsesChromium
class WebFormBrowserIT {
    private static final Path SHOTS = Path.of("target", "screenshots");

    @RegisterExtension
    static final ChannelGateway gw = ChannelGateway.perClass(Map.of());

    private static HeadlessChromium chromium;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(SHOTS);
        chromium = HeadlessChromium.launch();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
    }

    private static BrowserContext phone() {
        return chromium.newContext(new Browser.NewContextOptions()
                .setLocale("zh-CN")
                .setTimezoneId("Asia/Shanghai")
                .setViewportSize(390, 844)
                .setDeviceScaleFactor(2)
                .setIsMobile(true)
                .setHasTouch(true)
                .setJavaScriptEnabled(false));
    }

    private static String base() {
        return "http://127.0.0.1:" + gw.port();
    }

    @Test
    @DisplayName("a citizen fills in the form on a phone without JavaScript and sees the appeal number")
    void submit() {
        try (BrowserContext ctx = phone()) {
            Page page = ctx.newPage();
            page.navigate(base() + "/appeal");
            assertThat(page.locator("h1")).hasText("网上反映诉求");
            page.screenshot(shot("web-01-form.png").setFullPage(true));

            page.locator("#category").selectOption("0301");
            page.locator("#request_type_COMPLAINT").check();
            page.locator("#description").fill("楼道照明灯已损坏一周，夜间老人上下楼不安全，物业一直没人来修。");
            page.locator("#address").fill("北京市朝阳区望京街道阜通东大街6号院3号楼");
            page.locator("#name").fill("李明");
            page.locator("#phone").fill("139 1234 5678");
            page.locator("#callback").check();
            page.locator("#confidential").check();
            page.screenshot(shot("web-02-filled.png").setFullPage(true));
            page.locator("[data-testid=submit]").click();

            page.waitForURL("**/appeal/submitted?no=*");
            String no = page.locator("[data-testid=appeal-no]").textContent().trim();
            assertThat(no).matches("[0-9]{12}");
            page.screenshot(shot("web-03-confirmation.png").setFullPage(true));

            AppealRecord stored =
                    gw.store.byAppealNo(no).toCompletableFuture().join().orElseThrow();
            assertThat(stored.intake().channel()).isEqualTo(Channel.WEB);
            assertThat(stored.intake().content()).startsWith("楼道照明灯已损坏一周");
            assertThat(stored.intake().callbackNumber()).isEqualTo("13912345678");
            assertThat(stored.intake().citizen().name()).isEqualTo("李明");
            assertThat(stored.intake().citizen().confidential()).isTrue();
            assertThat(stored.intake().location().addressText()).isEqualTo("北京市朝阳区望京街道阜通东大街6号院3号楼");
        }
    }

    @Test
    @DisplayName("asking for a call back without a phone number brings the form back with the problem under it")
    void refused() {
        try (BrowserContext ctx = phone()) {
            Page page = ctx.newPage();
            page.navigate(base() + "/appeal");
            page.locator("#category").selectOption("0201");
            page.locator("#description").fill("我家从昨晚开始停水，到现在还没恢复。");
            page.locator("#address").fill("海淀区中关村南大街5号");
            page.locator("#callback").check();
            page.locator("[data-testid=submit]").click();

            assertThat(page.locator("[data-testid=error-phone]")).isVisible();
            assertThat(page.locator("[data-testid=summary]")).isVisible();
            assertThat(page.locator("#description")).hasValue("我家从昨晚开始停水，到现在还没恢复。");
            page.screenshot(shot("web-04-refused.png").setFullPage(true));

            page.locator("#phone").fill("13800138000");
            page.locator("[data-testid=submit]").click();
            page.waitForURL("**/appeal/submitted?no=*");
            assertThat(page.locator("[data-testid=appeal-no]")).hasText(java.util.regex.Pattern.compile("[0-9]{12}"));
        }
    }

    @Test
    @DisplayName("an empty submission shows every problem at once, next to its field, the summary focused")
    void allErrorsAtOnce() {
        try (BrowserContext ctx = phone()) {
            Page page = ctx.newPage();
            page.navigate(base() + "/appeal");
            page.locator("#callback").check();
            page.locator("[data-testid=submit]").click();

            for (String field : java.util.List.of("category", "description", "address", "phone")) {
                assertThat(page.locator("[data-testid=error-" + field + "]")).isVisible();
                assertThat(page.locator("#" + field)).hasAttribute("aria-invalid", "true");
                assertThat(page.locator("#" + field)).hasAttribute("aria-describedby", "err-" + field);
                assertThat(page.locator("[data-testid=summary] a[href='#" + field + "']"))
                        .isVisible();
            }
            assertThat(page.locator("[data-testid=summary]")).isFocused();
            assertThat(page.locator("#callback")).isChecked();
            page.screenshot(shot("web-05-all-errors.png").setFullPage(true));
        }
    }

    @Test
    @DisplayName("a gas leak's confirmation tells the citizen to call now and shows its 2-hour deadline")
    void emergency() {
        try (BrowserContext ctx = phone()) {
            Page page = ctx.newPage();
            page.navigate(base() + "/appeal");
            page.locator("#category").selectOption("0101");
            page.locator("#description").fill("单元门口燃气味很重，可能漏气了。");
            page.locator("#address").fill("朝阳区望京西园三区5号楼2单元");
            page.locator("[data-testid=submit]").click();

            page.waitForURL("**/appeal/submitted?no=*");
            assertThat(page.locator("[data-testid=emergency]")).isVisible();
            assertThat(page.locator("[data-testid=emergency]")).hasText("如有人身危险，请立即拨打 110 / 119 / 120 或 12345");
            assertThat(page.locator("[data-testid=deadline]")).containsText("紧急，2 小时内");
            page.screenshot(shot("web-06-emergency.png").setFullPage(true));
        }
    }

    private static Page.ScreenshotOptions shot(String name) {
        return new Page.ScreenshotOptions().setPath(SHOTS.resolve(name));
    }
}
