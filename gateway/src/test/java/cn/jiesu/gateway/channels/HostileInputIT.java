package cn.jiesu.gateway.channels;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import cn.jiesu.gateway.support.LogCapture;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The requests of issue 12 that answered 500 (each with a 57-line stack trace): now a 4xx naming the field, and no
 * stack trace in the log.
 */
@Isolated("asserts on every log line of the JVM")
class HostileInputIT {
    @RegisterExtension
    static final ChannelGateway gw = ChannelGateway.perClass(Map.of("JIESU_CONSOLE_ENABLED", "true"));
    /** Years a parser takes (ISO-8601 allows a sign and more than four digits) that no appeal can have. */
    private static final List<String> YEARS = List.of("0000", "-0001", "+10000", "+999999999", "-999999999");

    private LogCapture log;

    @BeforeEach
    void capture() {
        log = LogCapture.attach();
    }

    @AfterEach
    void release() {
        log.close();
    }

    private HttpRequest<Buffer> request(HttpMethod method, String path) {
        return gw.http
                .request(method, gw.port(), "127.0.0.1", path)
                .putHeader("Authorization", "Bearer " + cn.jiesu.gateway.support.TestServices.API_TOKEN);
    }

    private static String describe(String what, HttpResponse<Buffer> r) {
        return what + " -> " + r.statusCode() + " " + r.bodyAsString();
    }

    @Test
    @DisplayName("years outside 1..9999 in rates date, callback at, corrections since and Open311 start/end_date are "
            + "400 naming the field")
    void years() {
        List<String> failures = new ArrayList<>();
        for (String year : YEARS) {
            String path = "/api/v1/rates?date=" + year + "-01-01";
            HttpResponse<Buffer> rates = request(HttpMethod.GET, path).send().await();
            if (rates.statusCode() != 400
                    || !"date".equals(rates.bodyAsJsonObject().getString("field"))) {
                failures.add(describe(path, rates));
            }
            String at = year + "-01-01T10:00:00Z";
            HttpResponse<Buffer> cb = request(HttpMethod.POST, "/api/v1/intakes/some-intake/callbacks")
                    .sendJsonObject(new JsonObject().put("at", at))
                    .await();
            if (cb.statusCode() != 400 || !"at".equals(cb.bodyAsJsonObject().getString("field"))) {
                failures.add(describe("callback at " + at, cb));
            }
            String local = year + "-01-01T10:00";
            HttpResponse<Buffer> cbLocal = request(HttpMethod.POST, "/api/v1/intakes/some-intake/callbacks")
                    .sendJsonObject(new JsonObject().put("at", local))
                    .await();
            if (cbLocal.statusCode() != 400
                    || !"at".equals(cbLocal.bodyAsJsonObject().getString("field"))) {
                failures.add(describe("callback at " + local, cbLocal));
            }
            String since = "/api/v1/triage/corrections?since=" + year.replace("+", "%2B") + "-01-01T00:00:00Z";
            HttpResponse<Buffer> corrections =
                    request(HttpMethod.GET, since).send().await();
            if (corrections.statusCode() != 400
                    || !"since".equals(corrections.bodyAsJsonObject().getString("field"))) {
                failures.add(describe(since, corrections));
            }
            for (String field : List.of("start_date", "end_date")) {
                for (String ext : List.of("json", "xml")) {
                    String q = "/open311/v2/requests." + ext + "?api_key=" + ChannelGateway.OPEN311_KEY + "&" + field
                            + "=" + year.replace("+", "%2B") + "-01-01T00:00:00Z";
                    HttpResponse<Buffer> o = request(HttpMethod.GET, q).send().await();
                    if (o.statusCode() != 400 || !o.bodyAsString().contains(field)) {
                        failures.add(describe(q, o));
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(log.stackTraces()).isEmpty();
    }

    @Test
    @DisplayName("a week or month reaching past 9999-12-31 is 400 naming date; since before 1970 is from the first")
    void periodsAndEpoch() {
        List<String> failures = new ArrayList<>();
        for (String q : List.of("period=week&date=9999-12-27", "period=week&date=9999-12-31")) {
            HttpResponse<Buffer> r =
                    request(HttpMethod.GET, "/api/v1/rates?" + q).send().await();
            if (r.statusCode() != 400 || !"date".equals(r.bodyAsJsonObject().getString("field"))) {
                failures.add(describe(q, r));
            }
        }
        // Periods that end on the last day, or start on the first (0001-01-01 is a Monday), are answered.
        for (String q : List.of(
                "period=day&date=9999-12-31",
                "period=month&date=9999-12-31",
                "period=week&date=9999-12-26",
                "period=week&date=0001-01-01",
                "period=month&date=0001-01-02")) {
            HttpResponse<Buffer> r =
                    request(HttpMethod.GET, "/api/v1/rates?" + q).send().await();
            if (r.statusCode() != 200) {
                failures.add(describe(q, r));
            }
        }
        for (String since : List.of("1969-12-31T23:59:59Z", "1900-01-01T00:00:00Z", "1970-01-01T00:00:00Z")) {
            HttpResponse<Buffer> r = request(HttpMethod.GET, "/api/v1/triage/corrections?format=json&since=" + since)
                    .send()
                    .await();
            if (r.statusCode() != 200 || r.bodyAsJsonObject().getInteger("count") == null) {
                failures.add(describe(since, r));
            }
        }
        assertThat(failures).isEmpty();
        assertThat(log.stackTraces()).isEmpty();
    }

    @Test
    @DisplayName("console sign-in with a null or non-string ext or password is 400 naming the field")
    void consoleNulls() {
        List<String> failures = new ArrayList<>();
        for (String body : List.of(
                "{\"ext\": null}",
                "{\"ext\": null, \"password\": \"x\"}",
                "{\"ext\": \"8001\", \"password\": null}",
                "{\"ext\": 8001, \"password\": \"x\"}",
                "{\"ext\": [\"8001\"], \"password\": \"x\"}",
                "{\"ext\": \"8001\", \"password\": {}}")) {
            HttpResponse<Buffer> r = gw.http
                    .post(gw.port(), "127.0.0.1", "/console/api/login")
                    .putHeader("content-type", "application/json")
                    .putHeader("Origin", "http://127.0.0.1:" + gw.port())
                    .sendBuffer(Buffer.buffer(body))
                    .await();
            String field = r.statusCode() == 400 ? r.bodyAsJsonObject().getString("field") : null;
            if (r.statusCode() != 400
                    || !(body.contains("\"" + field + "\": ") && !body.contains("\"" + field + "\": \""))) {
                failures.add(describe(body, r));
            }
        }
        assertThat(failures).isEmpty();
        assertThat(log.stackTraces()).isEmpty();
    }

    @Test
    @DisplayName("GET, HEAD and OPTIONS with a form or multipart body on any path, /health included: never a 5xx")
    void bodiesOnMethodsWithoutOne() {
        List<String> failures = new ArrayList<>();
        List<String> paths = List.of(
                "/health",
                "/metrics",
                "/appeal",
                "/appeal/submitted?no=1",
                "/channels/weibo",
                "/channels/wechat",
                "/open311/v2/services.json",
                "/open311/v2/requests.xml",
                "/api/v1/intakes?phone=13800138000",
                "/api/v1/rates",
                "/console/",
                "/console/api/me",
                "/no/such/path");
        List<String> types = List.of(
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=xyz",
                "multipart/form-data",
                "multipart/mixed; boundary=b");
        for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS)) {
            for (String path : paths) {
                for (String type : types) {
                    for (String body : List.of(
                            "a=1&b=2",
                            "--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1" + "\r\n--xyz--\r\n",
                            "")) {
                        HttpResponse<Buffer> r = request(method, path)
                                .putHeader("content-type", type)
                                .sendBuffer(Buffer.buffer(body))
                                .await();
                        if (r.statusCode() >= 500 && !(path.equals("/health") && r.statusCode() == 503)) {
                            failures.add(describe(method + " " + path + " " + type, r));
                        }
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(log.stackTraces()).isEmpty();
    }

    @Test
    @DisplayName("odd methods are 4xx, malformed request lines 400, HTTP/1.2 read as 1.1, other versions 505")
    void oddMethodsAndVersions() {
        List<String> failures = new ArrayList<>();
        for (String method :
                List.of("FOO", "PROPFIND", "TRACE", "CONNECT", "PATCH", "PUT", "DELETE", "BREW", "M-SEARCH", "get")) {
            for (String path : List.of(
                    "/health",
                    "/appeal",
                    "/channels/weibo",
                    "/open311/v2/requests.json",
                    "/api/v1/intakes",
                    "/no/such")) {
                String target = method.equals("CONNECT") ? "127.0.0.1:" + gw.port() : path;
                String status = raw(method + " " + target + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n"
                        + "Connection: close\r\n\r\n");
                int code = code(status);
                if (code >= 500 || code < 400) {
                    failures.add(method + " " + target + " -> " + status);
                }
            }
        }
        // RFC 9112 2.3: a higher minor version is answered as the highest one supported
        String minor = raw("GET /health HTTP/1.2\r\nHost: x\r\nConnection: close\r\n\r\n");
        if (code(minor) != 200) {
            failures.add("GET /health HTTP/1.2 -> " + minor);
        }
        for (String version : List.of("HTTP/2.0", "HTTP/3.0", "HTTP/9.9", "HTTP/0.9")) {
            String status = raw("GET /health " + version + "\r\nHost: x\r\nConnection: close\r\n\r\n");
            if (code(status) != 505) {
                failures.add("GET /health " + version + " -> " + status);
            }
        }
        for (String line : List.of(
                "GET /health FOO/1.1",
                "GET /health",
                "GET  HTTP/1.1",
                "/health HTTP/1.1",
                "GET /health HTTP/1.1 extra",
                "GET /he alth HTTP/1.1",
                "\u0001\u0002 / HTTP/1.1")) {
            String status = raw(line + "\r\nHost: x\r\nConnection: close\r\n\r\n");
            int code = code(status);
            if (code != 400 && code != 505 && code != 404 && code != -1) {
                failures.add(line + " -> " + status);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(log.stackTraces()).isEmpty();
    }

    @Test
    @DisplayName("a version token not shaped HTTP/d.d (HTTP/01.1, http/1.1) is 400, never Vert.x's empty 501")
    void malformedVersions() {
        List<String> failures = new ArrayList<>();
        for (String version : List.of(
                "HTTP/01.1", "http/1.1", "Http/1.1", "HTTP/1.01", "http/1.0", "HTTP/01.0", "HTTP/10.1", "HTTP/1.12")) {
            String response = rawAll("GET /health " + version + "\r\nHost: x\r\nConnection: close\r\n\r\n");
            if (code(response.lines().findFirst().orElse("")) != 400 || !response.contains("\"field\":\"version\"")) {
                failures.add("GET /health " + version + " -> " + response);
            }
        }
        // unchanged: the right spelling, a higher 1.x minor read as 1.1, another well-formed version 505
        for (Map.Entry<String, Integer> e : Map.of("HTTP/1.1", 200, "HTTP/1.0", 200, "HTTP/1.9", 200, "HTTP/2.0", 505)
                .entrySet()) {
            String status = raw("GET /health " + e.getKey() + "\r\nHost: x\r\nConnection: close\r\n\r\n");
            if (code(status) != e.getValue()) {
                failures.add("GET /health " + e.getKey() + " -> " + status);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(log.stackTraces()).isEmpty();
    }

    @Test
    @DisplayName(
            "a broken chunked body (size zz, -5, 18 hex digits) on any path is 400 naming body: no ERROR, one WARN")
    void brokenChunkedBodies() {
        List<String> failures = new ArrayList<>();
        for (String head : List.of(
                "POST /appeal",
                "POST /health",
                "GET /health",
                "POST /channels/weibo",
                "POST /api/v1/appeals",
                "POST /console/api/login",
                "POST /no/such")) {
            for (String size : List.of("zz", "-5", "FFFFFFFFFFFFFFFFFF")) {
                String response = rawAll(head + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n" + size + "\r\n");
                if (code(response.lines().findFirst().orElse("")) != 400 || !response.contains("\"field\":\"body\"")) {
                    failures.add(head + " chunk " + size + " -> " + response);
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(log.stackTraces()).isEmpty();
        assertThat(log.events()).filteredOn(e -> e.getLevel() == Level.ERROR).isEmpty();
        assertThat(log.events())
                .filteredOn(e -> e.getFormattedMessage().contains("malformed-body"))
                .as("rate-limited WARN lines")
                .hasSize(1)
                .allSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.WARN));
    }

    /** Everything a raw HTTP/1 exchange answers until the server closes (or 5 s pass). */
    private static String rawAll(String request) {
        try (Socket s = new Socket("127.0.0.1", gw.port())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The status line a raw HTTP/1 exchange answers, or "" when the server closed without one. */
    private static String raw(String request) {
        try (Socket s = new Socket("127.0.0.1", gw.port())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                line.append((char) c);
            }
            return line.toString().strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int code(String statusLine) {
        String[] parts = statusLine.split(" ");
        return parts.length >= 2 && parts[1].matches("\\d{3}") ? Integer.parseInt(parts[1]) : -1;
    }
}
