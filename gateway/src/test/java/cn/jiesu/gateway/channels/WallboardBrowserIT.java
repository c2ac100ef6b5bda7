package cn.jiesu.gateway.channels;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.gateway.support.Axe;
import cn.jiesu.gateway.support.ConsoleSignIn;
import cn.jiesu.gateway.support.HeadlessChromium;
import cn.jiesu.gateway.support.Screenshots;
import cn.jiesu.gateway.support.TestServices;
import cn.jiesu.gateway.support.UsesChromium;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The supervisor's wallboard on a full gateway (channels, callbacks, console; Redis, no Asterisk) after a morning
 * of appeals that came in through the real web form and the signed app API, two of them resolved through the case
 * API: 待回访, 三率 and today's appeals read the gateway's own meters. Checked by axe-core and for fit at 1366 and
 * 1024 px. (WallboardLabIT shows the phone tiles with the Asterisk lab and writes the README's picture.)
 */
@UsesChromium
class WallboardBrowserIT {
    @RegisterExtension
    static final ChannelGateway gw = ChannelGateway.perClass(Map.of(
            "JIESU_CONSOLE_ENABLED", "true",
            // The shared gauges (待回访, 三率) and the wallboard refresh in seconds, not minutes.
            "JIESU_CALLBACKS_RISK_INTERVAL", "1s",
            "JIESU_CONSOLE_WALLBOARD_INTERVAL", "500ms"));

    private static HeadlessChromium chromium;

    @BeforeAll
    static void start() {
        chromium = HeadlessChromium.launch();
        ConsoleSignIn.storeAccounts(
                gw.redis,
                gw.config.redis().keyPrefix(),
                Map.of("8100", "张主管/supervisor", "8001", "王芳/agent", "8002", "李强/agent", "8003", "赵敏/agent"));
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    @DisplayName("after a morning of web and app appeals the wallboard shows live counts, 待回访 and 三率, fits 1366 "
            + "and 1024 px, and axe-core finds nothing serious")
    void wallboardOfAMorning() {
        List<String> appealNos = new ArrayList<>();
        try (BrowserContext citizen = context(390)) {
            Page form = citizen.newPage();
            appealNos.add(web(form, "0101", "单元门口燃气味很重，可能漏气了，邻居家没人", "朝阳区望京西园三区5号楼2单元", "13811112222"));
            appealNos.add(web(form, "0201", "从早上八点开始停水，没有接到任何通知，家里有老人", "海淀区中关村南大街5号院", "13522223333"));
            appealNos.add(web(form, "0402", "小区东门外夜市每晚十一点以后还在营业，噪音扰民", "朝阳区望京西园三区东门", null));
            appealNos.add(web(form, "0301", "楼道照明灯已损坏一周，夜间老人上下楼不安全", "东城区东四十条甲 22 号", "13633334444"));
            appealNos.add(web(form, "0601", "咨询新生儿医保怎么办理，需要哪些材料", "西城区月坛南街", null));
        }
        appealNos.add(app("0102", "电梯困人，已经等了二十分钟，物业电话打不通", "丰台区方庄芳古园一区 8 号楼"));
        appealNos.add(app("0203", "家里暖气不热，室温只有十四度", "石景山区鲁谷路 74 号院"));
        appealNos.add(app("0304", "路口有一处坑洞，晚上电动车容易摔倒", "通州区新华西街与车站路路口"));
        appealNos.add(app("0401", "小区垃圾桶三天没人清运，气味很大", "昌平区回龙观龙泽苑东区"));
        resolve(appealNos.get(4), "西城区医保中心", "已电话告知办理材料和窗口");
        resolve(appealNos.get(8), "回龙观街道", "已安排清运并约谈保洁公司");

        try (BrowserContext sup = context(1366)) {
            Page page = sup.newPage();
            page.navigate(base() + "/console/");
            page.locator("#login-ext").fill("8100");
            page.locator("#login-password").fill("secret-8100");
            page.locator("#login-form button[type=submit]").click();
            page.locator("[data-testid=tab-wallboard]").click();
            // Live: the web and app appeals by channel; callbacks asked for on the form; 解决率 of the two resolved.
            page.waitForCondition(() -> page.locator("#chart-channels rect").count() >= 2);
            assertThat(page.locator("[data-testid=tile-callbacksDue] .v")).not().hasText("暂无");
            assertThat(page.locator("[data-testid=tile-rateResolution] .v"))
                    .hasText(java.util.regex.Pattern.compile("[0-9.]+%"));
            assertThat(page.locator("[data-testid=tile-waiting] .v")).hasText("0");
            Axe.assertNoSeriousViolations(page, "wallboard of a full gateway");
            assertThat(((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue())
                    .isLessThanOrEqualTo(1366);
            page.screenshot(new Page.ScreenshotOptions().setPath(Screenshots.of("a11y-wallboard-channels.png")));
            page.setViewportSize(1024, 768);
            assertThat(((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue())
                    .isLessThanOrEqualTo(1024);
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(Screenshots.of("a11y-1024-wallboard.png"))
                    .setFullPage(true));
        }
    }

    /** Submits the web form as a citizen on a phone; returns the appeal number the confirmation shows. */
    private static String web(Page page, String category, String text, String address, String phone) {
        page.navigate(base() + "/appeal");
        page.locator("#category").selectOption(category);
        page.locator("#description").fill(text);
        page.locator("#address").fill(address);
        if (phone != null) {
            page.locator("#phone").fill(phone);
            page.locator("#callback").check();
        }
        page.locator("[data-testid=submit]").click();
        page.waitForURL("**/appeal/submitted?no=*");
        return page.locator("[data-testid=appeal-no]").textContent().trim();
    }

    /** Posts a signed appeal from the mobile app; returns its appeal number. */
    private static String app(String serviceCode, String text, String address) {
        String path = "/api/v1/appeals";
        byte[] body = Signers.utf8(new JsonObject()
                .put("description", text)
                .put("serviceCode", serviceCode)
                .put("address", address)
                .encode());
        HttpResponse<Buffer> r = Signers.signApp(gw.http.post(gw.port(), "127.0.0.1", path), path, body)
                .sendBuffer(Buffer.buffer(body))
                .await();
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
        return r.bodyAsJsonObject().getString("appealNo");
    }

    /** The handling unit reports the appeal resolved through the case API (no phone: no survey call). */
    private static void resolve(String appealNo, String unit, String note) {
        String intakeId = gw.store
                .byAppealNo(appealNo)
                .toCompletableFuture()
                .join()
                .orElseThrow()
                .intake()
                .intakeId();
        HttpResponse<Buffer> r = gw.http
                .post(gw.port(), "127.0.0.1", "/api/v1/intakes/" + intakeId + "/resolution")
                .putHeader("Authorization", "Bearer " + TestServices.API_TOKEN)
                .sendJsonObject(new JsonObject()
                        .put("handledBy", unit)
                        .put("resolved", true)
                        .put("result", note))
                .await();
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    }

    private static BrowserContext context(int width) {
        return chromium.beijingContext(width, width < 600 ? 844 : 768);
    }

    private static String base() {
        return "http://127.0.0.1:" + gw.port();
    }
}
