package cn.jiesu.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a browser keeps from the web form's page to submit it: the hidden CSRF token and the {@code jiesu_csrf}
 * cookie (name=value, without attributes).
 */
public record WebFormSession(String token, String cookie) {
    private static final Pattern TOKEN = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"");

    /** Reads both from a {@code GET /appeal} answer; fails the test when either is missing. */
    public static WebFormSession of(HttpResponse<Buffer> page) {
        Matcher m = TOKEN.matcher(page.bodyAsString());
        assertThat(m.find()).as("csrf_token in the form").isTrue();
        String setCookie = page.cookies().stream()
                .filter(c -> c.startsWith("jiesu_csrf="))
                .findFirst()
                .orElseThrow();
        int end = setCookie.indexOf(';');
        return new WebFormSession(m.group(1), end < 0 ? setCookie : setCookie.substring(0, end));
    }
}
