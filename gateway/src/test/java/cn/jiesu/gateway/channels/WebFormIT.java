package cn.jiesu.gateway.channels;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.channels.FormData;
import cn.jiesu.core.appeal.AppealRecord;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
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
    private static final Pattern TOKEN = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"");

    @RegisterExtension
    static final ChannelGateway gw = ChannelGateway.perClass(Map.of());

    /** A rendered form: its token and the cookie it is bound to. */
    private record Form(String token, String cookie) {}

    private Form form() {
        HttpResponse<Buffer> page =
                gw.http.get(gw.port(), "127.0.0.1", "/appeal").send().await();
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher m = TOKEN.matcher(page.bodyAsString());
        assertThat(m.find()).isTrue();
        String setCookie = page.cookies().stream()
                .filter(c -> c.startsWith("jiesu_csrf="))
                .findFirst()
                .orElseThrow();
        return new Form(m.group(1), setCookie.substring(0, setCookie.indexOf(';')));
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
        assertThat(location).matches("/appeal/submitted\\?no=[0-9]{12}");
        String no = location.substring(location.indexOf('=') + 1);
        assertThat(submit(body, f.cookie(), true).getHeader("location")).isEqualTo(location);

        AppealRecord stored =
                gw.store.byAppealNo(no).toCompletableFuture().join().orElseThrow();
        assertThat(stored.intake().channel()).isEqualTo(Channel.WEB);
        assertThat(stored.intake().title()).isEqualTo("供暖");
        // The citizen's request_type wins over the category's (HELP); the category's urgency stays.
        assertThat(stored.intake().requestType()).isEqualTo(RequestType.COMPLAINT);
        assertThat(stored.intake().urgency()).isEqualTo(Urgency.IMMEDIATE);
        assertThat(stored.intake().callbackNumber()).isEqualTo("13912345678");

        HttpResponse<Buffer> confirmation =
                gw.http.get(gw.port(), "127.0.0.1", location).send().await();
        assertThat(confirmation.statusCode()).isEqualTo(200);
        assertThat(confirmation.bodyAsString()).contains("data-testid=\"appeal-no\">" + no + "<");
    }

    @Test
    @DisplayName("the same token resubmitted with edited fields is a new appeal with its own number, both stored")
    void editedResubmission() {
        Form f = form();
        String first = body(f.token(), "0203", "家里暖气不热，室温只有十四度", "朝阳区望京西园三区2号楼", "13912345678", true);
        HttpResponse<Buffer> r1 = submit(first, f.cookie(), true);
        assertThat(r1.statusCode()).isEqualTo(303);
        String no1 = r1.getHeader("location").replaceAll(".*no=", "");
        String edited = body(f.token(), "0301", "楼道灯坏了三天，晚上看不见台阶", "朝阳区望京西园四区5号楼", "13812345678", false);
        HttpResponse<Buffer> r2 = submit(edited, f.cookie(), true);
        assertThat(r2.statusCode()).isEqualTo(303);
        String no2 = r2.getHeader("location").replaceAll(".*no=", "");
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

        HttpResponse<Buffer> badNo = gw.http
                .get(gw.port(), "127.0.0.1", "/appeal/submitted?no=%3Cscript%3E")
                .send()
                .await();
        assertThat(badNo.statusCode()).isEqualTo(400);
        assertThat(badNo.bodyAsString()).doesNotContain("<script>");
    }
}
