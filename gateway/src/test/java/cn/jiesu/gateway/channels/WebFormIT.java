package cn.jiesu.gateway.channels;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.channels.FormData;
import cn.jiesu.core.appeal.AppealRecord;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import cn.jiesu.gateway.support.WebFormSession;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The web form over plain HTTP: CSRF token and cookie, post/redirect/get, errors re-rendered and escaped. */
class WebFormIT {

    @RegisterExtension
    static final ChannelGateway gw = ChannelGateway.perClass(Map.of());

    /** A rendered form: its token and the cookie it is bound to. */
    private record Form(String token, String cookie) {}

    private Form form() {
        HttpResponse<Buffer> page =
                gw.http.get(gw.port(), "127.0.0.1", "/appeal").send().await();
        assertThat(page.statusCode()).isEqualTo(200);
        WebFormSession session = WebFormSession.of(page);
        return new Form(session.token(), session.cookie());
    }

    private HttpResponse<Buffer> submit(String body, String cookie, boolean browser) {
        var req = gw.http
                .post(gw.port(), "127.0.0.1", "/appeal")
                .putHeader("content-type", "application/x-www-form-urlencoded");
        if (cookie != null) {
            req.putHeader("cookie", cookie);
        }
        if (browser) {
            req.putHeader("accept", "text/html,application/xhtml+xml");
        }
        return req.sendBuffer(Buffer.buffer(body)).await();
    }

    private static String body(
            String token, String category, String description, String address, String phone, boolean callback) {
        return "csrf_token=" + FormData.encode(token) + "&category=" + category + "&request_type=COMPLAINT"
                + "&description=" + FormData.encode(description) + "&address=" + FormData.encode(address)
                + "&phone=" + FormData.encode(phone) + (callback ? "&callback=on" : "");
    }

    @Test
    @DisplayName("the form is a safe HTML page with a cookie-bound token and the catalog's categories")
    void page() {
        HttpResponse<Buffer> page =
                gw.http.get(gw.port(), "127.0.0.1", "/appeal").send().await();
        assertThat(page.getHeader("content-type")).isEqualTo("text/html; charset=utf-8");
        assertThat(page.getHeader("content-security-policy"))
                .contains("default-src 'none'")
                .contains("form-action");
        assertThat(page.getHeader("x-frame-options")).isEqualTo("DENY");
        String cookie = page.cookies().get(0);
        assertThat(cookie)
                .startsWith("jiesu_csrf=")
                .containsIgnoringCase("HttpOnly")
                .contains("SameSite=Strict");
        assertThat(page.bodyAsString())
                .contains("<option value=\"0301\">楼道照明</option>")
                .doesNotContain("<script");
        assertThat(gw.http
                        .get(gw.port(), "127.0.0.1", "/appeal/form.css")
                        .send()
                        .await()
                        .getHeader("content-type"))
                .startsWith("text/css");
    }

    @Test
    @DisplayName("a submission is 303 to the confirmation with the number; submitting it twice gives the same number")
    void submitAndConfirm() {
        Form f = form();
        String body = body(f.token(), "0203", "家里暖气不热，室温只有十四度", "朝阳区望京西园三区2号楼", "13912345678", true);
        HttpResponse<Buffer> r = submit(body, f.cookie(), true);
        assertThat(r.statusCode()).isEqualTo(303);
        String location = r.getHeader("location");
        assertThat(location).matches("/appeal/submitted\\?no=[0-9]{12}&r=[A-Za-z0-9_-]{43}");
        String no = number(location);
        assertThat(submit(body, f.cookie(), true).getHeader("location")).isEqualTo(location);

        AppealRecord stored =
                gw.store.byAppealNo(no).toCompletableFuture().join().orElseThrow();
        assertThat(stored.intake().channel()).isEqualTo(Channel.WEB);
        assertThat(stored.intake().title()).isEqualTo("供暖");
        // The citizen's request_type wins over the category's (HELP); the category's urgency stays.
        assertThat(stored.intake().requestType()).isEqualTo(RequestType.COMPLAINT);
        assertThat(stored.intake().urgency()).isEqualTo(Urgency.IMMEDIATE);
        assertThat(stored.intake().callbackNumber()).isEqualTo("13912345678");

        HttpResponse<Buffer> confirmation = get(location, f.cookie());
        assertThat(confirmation.statusCode()).isEqualTo(200);
        assertThat(confirmation.bodyAsString()).contains("data-testid=\"appeal-no\">" + no + "<");
    }

    private HttpResponse<Buffer> get(String uri, String cookie) {
        var req = gw.http.get(gw.port(), "127.0.0.1", uri);
        if (cookie != null) {
            req.putHeader("cookie", cookie);
        }
        return req.send().await();
    }

    private static String number(String location) {
        return location.replaceAll(".*no=([0-9]+).*", "$1");
    }

    @Test
    @DisplayName("a one-character description and a number no one can call back are refused in plain words")
    void tooShortAndUndialable() {
        // Found by a fresh citizen: "灯" with 1380013 (7 digits) was accepted; the phone error blamed the callback box.
        Form f = form();
        HttpResponse<Buffer> r = submit(body(f.token(), "0302", "灯", "朝阳区望京西园三区", "1380013", false), f.cookie(), true);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsString())
                .contains("请用几句话说明发生了什么、在哪里（至少 4 个字）。")
                .contains("请填写能接通的电话：手机 11 位，固定电话请带区号（如 010-12345678）。")
                .doesNotContain("请回电给我”，请填写联系电话");
        HttpResponse<Buffer> api =
                submit(body(f.token(), "0302", "灯", "朝阳区望京西园三区", "1380013", false), f.cookie(), false);
        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(api.bodyAsJsonObject().getJsonObject("error").getString("field"))
                .isEqualTo("description");
        assertThat(api.bodyAsJsonObject().getJsonObject("error").getString("code"))
                .isEqualTo("field_too_short");
    }

    @Test
    @DisplayName("every mistake comes back at once, each under its field, listed in a focused summary linking to it")
    void allErrorsAtOnce() {
        Form f = form();
        String body = "csrf_token=" + FormData.encode(f.token())
                + "&category=&request_type=&description=&address=&phone=&callback=on&name=" + "名".repeat(60);
        HttpResponse<Buffer> r = submit(body, f.cookie(), true);
        assertThat(r.statusCode()).isEqualTo(400);
        String html = r.bodyAsString();
        for (String field : java.util.List.of("category", "description", "address", "name", "phone")) {
            assertThat(html)
                    .contains("data-testid=\"error-" + field + "\"")
                    .contains("id=\"err-" + field + "\"")
                    .contains("<a href=\"#" + field + "\">");
            assertThat(html)
                    .containsPattern(
                            "id=\"" + field + "\"[^>]*aria-invalid=\"true\" aria-describedby=\"err-" + field + "\"");
        }
        assertThat(html)
                .contains("修改以下 5 处")
                .containsPattern("<div class=\"summary\" id=\"error-summary\" role=\"alert\" tabindex=\"-1\" autofocus")
                .containsPattern("<form [^>]*novalidate");
        assertThat(html.indexOf("error-summary")).isLessThan(html.indexOf("<form"));
        // the API keeps its one-field JSON error
        HttpResponse<Buffer> api = submit(body, f.cookie(), false);
        assertThat(api.bodyAsJsonObject().getJsonObject("error").getString("field"))
                .isEqualTo("category");
    }

    @Test
    @DisplayName("姓名 and 保密 are on the form, labelled, and reach the appeal as the citizen's name and the flag")
    void nameAndConfidential() {
        Form f = form();
        String page =
                gw.http.get(gw.port(), "127.0.0.1", "/appeal").send().await().bodyAsString();
        assertThat(page)
                .contains("<label for=\"name\">姓名")
                .contains("<input id=\"name\" name=\"name\"")
                .contains("<label for=\"confidential\">保密</label>")
                .containsPattern("id=\"confidential\" name=\"confidential\" type=\"checkbox\"[^>]*"
                        + "aria-describedby=\"confidential-hint\"")
                .contains("id=\"confidential-hint\"");
        String body = body(f.token(), "0402", "楼下饭店油烟和噪音很大，晚上十一点还在营业", "朝阳区望京西园一区", "13912340000", false) + "&name="
                + FormData.encode("王芳") + "&confidential=on";
        HttpResponse<Buffer> r = submit(body, f.cookie(), true);
        assertThat(r.statusCode()).isEqualTo(303);
        AppealRecord stored = gw.store
                .byAppealNo(number(r.getHeader("location")))
                .toCompletableFuture()
                .join()
                .orElseThrow();
        assertThat(stored.intake().citizen().name()).isEqualTo("王芳");
        assertThat(stored.intake().citizen().confidential()).isTrue();
        // a refused submission keeps both
        HttpResponse<Buffer> again = submit(
                body(f.token(), "0402", "", "朝阳区", "", false) + "&name=" + FormData.encode("王芳") + "&confidential=on",
                f.cookie(),
                true);
        assertThat(again.bodyAsString()).contains("value=\"王芳\"").containsPattern("id=\"confidential\"[^>]* checked>");
    }

    @Test
    @DisplayName("one category choice: no second select of types, but 您是想 in plain words (default: we infer it)")
    void oneCategoryChoice() {
        String page =
                gw.http.get(gw.port(), "127.0.0.1", "/appeal").send().await().bodyAsString();
        assertThat(page.split("<select", -1)).hasSize(2);
        assertThat(page).doesNotContain("诉求类型").doesNotContain("<select id=\"request_type\"");
        assertThat(page).contains("<legend>您是想：");
        for (String word : java.util.List.of("咨询", "求助", "投诉", "举报", "建议", "表扬")) {
            assertThat(page).containsPattern("type=\"radio\"[^>]*name=\"request_type\"[^>]*><label[^>]*>" + word + "<");
        }
        assertThat(page).contains("name=\"request_type\" value=\"\" checked>");
    }

    @Test
    @DisplayName("each category group and each category is listed once")
    void categoriesOnce() {
        String page =
                gw.http.get(gw.port(), "127.0.0.1", "/appeal").send().await().bodyAsString();
        Matcher groups = Pattern.compile("<optgroup label=\"([^\"]+)\"").matcher(page);
        java.util.List<String> seen = new java.util.ArrayList<>();
        while (groups.find()) {
            seen.add(groups.group(1));
        }
        assertThat(seen).contains("市容环境").doesNotHaveDuplicates();
        Matcher options = Pattern.compile("<option value=\"([0-9]+)\"").matcher(page);
        java.util.List<String> codes = new java.util.ArrayList<>();
        while (options.find()) {
            codes.add(options.group(1));
        }
        assertThat(codes).contains("0301", "0401").doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("a gas leak's confirmation says call now and gives its 2-hour deadline; a streetlight its own")
    void emergencyConfirmation() {
        Form f = form();
        HttpResponse<Buffer> gas = submit(
                body(f.token(), "0101", "楼道里燃气味很重，好像漏气了，邻居家没人", "朝阳区望京西园三区5号楼2单元", "13912345000", false),
                f.cookie(),
                true);
        assertThat(gas.statusCode()).isEqualTo(303);
        AppealRecord stored = gw.store
                .byAppealNo(number(gas.getHeader("location")))
                .toCompletableFuture()
                .join()
                .orElseThrow();
        assertThat(stored.intake().urgency()).isEqualTo(Urgency.EMERGENCY);
        String page = get(gas.getHeader("location"), f.cookie()).bodyAsString();
        assertThat(page)
                .contains("data-testid=\"emergency\"")
                .contains("如有人身危险，请立即拨打 110 / 119 / 120 或 12345")
                .contains("紧急，2 小时内");
        assertThat(page.indexOf("data-testid=\"emergency\"")).isLessThan(page.indexOf("appeal-no"));

        Form g = form();
        HttpResponse<Buffer> lamp =
                submit(body(g.token(), "0302", "小区东门路灯不亮两晚了", "朝阳区望京西园三区东门", "", false), g.cookie(), true);
        AppealRecord light = gw.store
                .byAppealNo(number(lamp.getHeader("location")))
                .toCompletableFuture()
                .join()
                .orElseThrow();
        String lampPage = get(lamp.getHeader("location"), g.cookie()).bodyAsString();
        assertThat(lampPage)
                .doesNotContain("data-testid=\"emergency\"")
                .contains(light.intake().urgency().chinese() + "，"
                        + WebFormPage.limit(java.time.Duration.between(
                                light.intake().receivedAt(), light.intake().dueAt()))
                        + "内");
    }

    @Test
    @DisplayName(
            "the confirmation only for this browser's own appeal: made-up or someone else's number is a neutral 404")
    void confirmationOnlyForItsBrowser() {
        Form f = form();
        HttpResponse<Buffer> r =
                submit(body(f.token(), "0303", "人行道上井盖缺了一块，晚上很危险", "朝阳区望京街道广顺北大街", "", false), f.cookie(), true);
        String location = r.getHeader("location");
        String no = number(location);
        assertThat(get(location, f.cookie()).statusCode()).isEqualTo(200);

        Form other = form();
        java.util.List<HttpResponse<Buffer>> refused = java.util.List.of(
                get("/appeal/submitted?no=241206999999", f.cookie()),
                get("/appeal/submitted?no=" + no, f.cookie()),
                get(location, null),
                get(location, other.cookie()),
                get(location.replace("no=" + no, "no=" + (Long.parseLong(no) + 1)), f.cookie()),
                get("/appeal/submitted?no=%3Cscript%3E", f.cookie()));
        for (HttpResponse<Buffer> x : refused) {
            assertThat(x.statusCode()).isEqualTo(404);
            assertThat(x.bodyAsString())
                    .contains("未找到该受理记录")
                    .doesNotContain("受理成功")
                    .doesNotContain("提交成功")
                    .doesNotContain("已受理")
                    .doesNotContain(no)
                    .doesNotContain("<script>");
        }
        // the same 404, word for word, whether or not the number exists
        assertThat(refused.get(1).bodyAsString()).isEqualTo(refused.get(0).bodyAsString());
    }

    @Test
    @DisplayName("the same token resubmitted with edited fields is a new appeal with its own number, both stored")
    void editedResubmission() {
        Form f = form();
        String first = body(f.token(), "0203", "家里暖气不热，室温只有十四度", "朝阳区望京西园三区2号楼", "13912345678", true);
        HttpResponse<Buffer> r1 = submit(first, f.cookie(), true);
        assertThat(r1.statusCode()).isEqualTo(303);
        String no1 = number(r1.getHeader("location"));
        String edited = body(f.token(), "0301", "楼道灯坏了三天，晚上看不见台阶", "朝阳区望京西园四区5号楼", "13812345678", false);
        HttpResponse<Buffer> r2 = submit(edited, f.cookie(), true);
        assertThat(r2.statusCode()).isEqualTo(303);
        String no2 = number(r2.getHeader("location"));
        assertThat(no2).matches("[0-9]{12}").isNotEqualTo(no1);
        // The identical double submit of the edit is still that appeal, not a third.
        assertThat(submit(edited, f.cookie(), true).getHeader("location")).isEqualTo(r2.getHeader("location"));

        AppealRecord a1 = gw.store.byAppealNo(no1).toCompletableFuture().join().orElseThrow();
        AppealRecord a2 = gw.store.byAppealNo(no2).toCompletableFuture().join().orElseThrow();
        assertThat(a1.intake().content()).isEqualTo("家里暖气不热，室温只有十四度");
        assertThat(a2.intake().content()).isEqualTo("楼道灯坏了三天，晚上看不见台阶");
        assertThat(a2.intake().location().addressText()).isEqualTo("朝阳区望京西园四区5号楼");
        assertThat(a2.intake().citizen().phone()).isEqualTo("13812345678");
    }

    @Test
    @DisplayName("without the cookie the token is refused (403); a browser gets the form back with its values")
    void csrf() {
        Form f = form();
        String body = body(f.token(), "0301", "楼道灯坏了", "望京", "", false);
        HttpResponse<Buffer> api = submit(body, null, false);
        assertThat(api.statusCode()).isEqualTo(403);
        assertThat(api.bodyAsJsonObject().getJsonObject("error").getString("field"))
                .isEqualTo("csrf_token");
        HttpResponse<Buffer> browser = submit(body, "jiesu_csrf=someone-elses-cookie-value-000", true);
        assertThat(browser.statusCode()).isEqualTo(403);
        assertThat(browser.bodyAsString()).contains("页面已过期").contains(">楼道灯坏了</textarea>");
        HttpResponse<Buffer> forged = submit(
                body(f.token().replace('a', 'b').replace('A', 'B') + "x", "0301", "x", "y", "", false),
                f.cookie(),
                false);
        assertThat(forged.statusCode()).isEqualTo(403);
    }

    @Test
    @DisplayName("a browser's mistakes come back under the field, with everything it typed escaped")
    void errorsEscaped() {
        Form f = form();
        String evil = "<script>alert('x')</script>";
        HttpResponse<Buffer> r = submit(body(f.token(), "0301", "楼道灯坏了 " + evil, evil, "", true), f.cookie(), true);
        assertThat(r.statusCode()).isEqualTo(400);
        String html = r.bodyAsString();
        assertThat(html)
                .contains("data-testid=\"error-phone\"")
                .doesNotContain(evil)
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        assertThat(html).contains("<option value=\"0301\" selected>");

        HttpResponse<Buffer> api = submit(body(f.token(), "9999", "x", "y", "", false), f.cookie(), false);
        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(api.bodyAsJsonObject().getJsonObject("error").getString("field"))
                .isEqualTo("category");
    }
}
