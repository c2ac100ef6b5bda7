package cn.jiesu.gateway.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import cn.jiesu.gateway.support.LogCapture;
import io.micrometer.core.instrument.Gauge;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Slow clients cost a bounded time and a bounded number of connections (issue 12: 1,000 slowloris connections stayed
 * open 90 s). Short timeouts here so that the bounds show in seconds.
 */
@Isolated("asserts on every log line of the JVM")
class SlowClientIT {
    private static final int MAX_CONNECTIONS = 40;

    @RegisterExtension
    static final ChannelGateway gw = ChannelGateway.perClass(Map.of(
            "JIESU_HTTP_HEADER_TIMEOUT",
            "1s",
            "JIESU_HTTP_BODY_TIMEOUT",
            "1s",
            "JIESU_HTTP_IDLE_TIMEOUT",
            "3s",
            "JIESU_HTTP_MAX_CONNECTIONS",
            Integer.toString(MAX_CONNECTIONS)));

    private static Socket open() throws IOException {
        Socket s = new Socket("127.0.0.1", gw.port());
        s.setSoTimeout(10_000);
        return s;
    }

    /** Reads until the server closes; what it sent. */
    private static String drain(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        byte[] all = in.readAllBytes();
        return new String(all, StandardCharsets.ISO_8859_1);
    }

    @Test
    @DisplayName("a request head trickled a byte at a time is cut off at the header timeout, not kept alive")
    void slowHeaders() throws Exception {
        try (Socket s = open()) {
            OutputStream out = s.getOutputStream();
            long start = System.nanoTime();
            byte[] head = "GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
            boolean cut = false;
            for (int i = 0; i < 100 && !cut; i++) {
                try {
                    out.write(head[i % head.length]);
                    out.flush();
                    s.setSoTimeout(200);
                    cut = s.getInputStream().read() == -1;
                } catch (SocketTimeoutException stillOpen) {
                    // no answer yet: keep trickling
                } catch (IOException reset) {
                    cut = true;
                }
            }
            long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertThat(cut).as("connection closed").isTrue();
            assertThat(ms).isBetween(800L, 3_000L);
        }
    }

    @Test
    @DisplayName("a body slower than the body timeout gets 408 naming the body, and the connection is closed")
    void slowBody() throws Exception {
        try (Socket s = open();
                LogCapture log = LogCapture.attach()) {
            OutputStream out = s.getOutputStream();
            long start = System.nanoTime();
            out.write(("POST /open311/v2/requests.json HTTP/1.1\r\nHost: x\r\nContent-Type: "
                            + "application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\napi_key=")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = drain(s);
            long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertThat(answer).startsWith("HTTP/1.1 408").contains("\"field\":\"body\"");
            assertThat(ms).isBetween(800L, 3_000L);
            // the request Vert.x had begun fails with the closed connection: the client's doing, no ERROR logged
            await().during(Duration.ofMillis(300))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> log.events().stream()
                            .noneMatch(
                                    e -> e.getLevel().isGreaterOrEqual(Level.ERROR) || e.getThrowableProxy() != null));
            assertThat(log.events().stream().filter(e -> e.getFormattedMessage().contains("slow-body")))
                    .hasSize(1);
        }
    }

    @Test
    @DisplayName("a keep-alive connection left silent after its response is closed at the header timeout")
    void silentKeepAlive() throws Exception {
        try (Socket s = open()) {
            long start = System.nanoTime();
            s.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String answer = drain(s);
            long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertThat(answer).startsWith("HTTP/1.1 200");
            assertThat(ms).isBetween(800L, 3_000L);
        }
    }

    @Test
    @DisplayName("connections beyond http.max-connections are closed on arrival; the slow ones are gone after the "
            + "timeout and the server answers again")
    void connectionCap() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_CONNECTIONS * 3; i++) {
                Socket s = open();
                s.getOutputStream().write('G'); // a slowloris start: one byte of a request line
                held.add(s);
            }
            Gauge open = gw.gateway.registry().find("http.connections.open").gauge();
            await().atMost(Duration.ofSeconds(5)).until(() -> gw.counter("http.connections.refused") > 0);
            assertThat(open.value()).isLessThanOrEqualTo(MAX_CONNECTIONS);
            // the held ones are cut at the header timeout: the server takes connections again
            await().atMost(Duration.ofSeconds(5)).until(() -> open.value() == 0);
            assertThat(gw.http
                            .get(gw.port(), "127.0.0.1", "/health")
                            .send()
                            .await()
                            .statusCode())
                    .isEqualTo(200);
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
