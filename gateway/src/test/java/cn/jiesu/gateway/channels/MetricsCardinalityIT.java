package cn.jiesu.gateway.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Nothing a client sends grows {@code /metrics}: the tester's 2,000 requests with random methods made one Vert.x HTTP
 * series per method name (63 KB to 1.68 MB; 2,000-character methods 24 MB and 4.7 s per scrape). Lettuce's meters
 * showed Redis's address ({@code remote="/127.0.0.1:6379"}).
 */
class MetricsCardinalityIT {
    @RegisterExtension
    static final ChannelGateway gw = ChannelGateway.perClass(Map.of());

    private static final Pattern METHOD = Pattern.compile("[{,]method=\"([^\"]*)\"");

    @Test
    @DisplayName("500 requests with random methods: /metrics names only standard methods or OTHER and stays small")
    void randomMethods() {
        String before = scrape();
        Random random = new Random(12);
        for (int i = 0; i < 500; i++) {
            int length = i % 50 == 0 ? 1000 : 12;
            StringBuilder method = new StringBuilder();
            for (int j = 0; j < length; j++) {
                method.append((char) ('A' + random.nextInt(26)));
            }
            raw(method + " " + (i % 2 == 0 ? "/health" : "/appeal") + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n"
                    + "Connection: close\r\n\r\n");
        }
        String after = scrape();

        Set<String> methods = new TreeSet<>();
        after.lines().filter(l -> l.startsWith("vertx_http_")).forEach(l -> {
            Matcher m = METHOD.matcher(l);
            if (m.find()) {
                methods.add(m.group(1));
            }
        });
        assertThat(methods)
                .contains("GET", "OTHER")
                .isSubsetOf("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "CONNECT", "OTHER");
        long series =
                after.lines().filter(l -> l.startsWith("vertx_http_server")).count();
        assertThat(series).as("vertx_http_server samples").isLessThan(200);
        assertThat(after.length() - before.length())
                .as("growth of /metrics in characters")
                .isLessThan(10_000);
        assertThat(after.lines()
                        .filter(l -> !l.startsWith("#"))
                        .filter(l -> l.contains("remote=\"") || l.contains("local=\""))
                        .toList())
                .as("samples naming a peer address")
                .isEmpty();
        assertThat(after).contains("lettuce_command_completion");
    }

    @Test
    @DisplayName("two gateways in one JVM: each one's /metrics counts its own HTTP requests, not the other's")
    void twoGatewaysKeepTheirOwnVertxMeters() {
        try (ChannelGateway other = ChannelGateway.start(Map.of())) {
            double mineBefore = serverRequests(scrape(gw));
            double otherBefore = serverRequests(scrape(other));
            for (int i = 0; i < 20; i++) {
                assertThat(other.http
                                .get(other.port(), "127.0.0.1", "/health")
                                .send()
                                .await()
                                .statusCode())
                        .isEqualTo(200);
            }
            // One scrape of each in between: the other gateway's 20 requests and its scrape are its own.
            assertThat(serverRequests(scrape(other)) - otherBefore).isGreaterThanOrEqualTo(20);
            assertThat(serverRequests(scrape(gw)) - mineBefore).isLessThan(5);
        }
    }

    /** The sum of vertx_http_server_requests_total over its series. */
    private static double serverRequests(String metrics) {
        return metrics.lines()
                .filter(l -> l.startsWith("vertx_http_server_requests_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static String scrape() {
        return scrape(gw);
    }

    private static String scrape(ChannelGateway gw) {
        HttpResponse<Buffer> r =
                gw.http.get(gw.port(), "127.0.0.1", "/metrics").send().await();
        assertThat(r.statusCode()).isEqualTo(200);
        return r.bodyAsString();
    }

    private static void raw(String request) {
        try (Socket s = new Socket("127.0.0.1", gw.port())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            s.getInputStream().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
