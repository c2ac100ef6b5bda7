package cn.jiesu.gateway.channels;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import cn.jiesu.gateway.support.LogCapture;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Generated requests over every route the router has mounted (read from the running gateway, so a new route is
 * fuzzed without editing this file): hostile path parameters, query strings, methods, content types, encodings,
 * dates, numbers, JSON and XML bombs, with and without the case system's token. Never a 5xx, no stack trace and no
 * ERROR in the log, heap back near where it was. Seeded: {@code -Djiesu.fuzz.seed=…} replays a run,
 * {@code -Djiesu.fuzz.requests=…} sets its length (scripts/fuzz.sh runs the long form).
 */
@Isolated("asserts on every log line of the JVM")
class RouteFuzzIT {
    private static final long SEED = Long.getLong("jiesu.fuzz.seed", 20261206L);
    private static final int REQUESTS = Integer.getInteger("jiesu.fuzz.requests", 3000);
    private static final int CONCURRENCY = 32;
    /** Heap the run may leave behind after a GC: the gateway's caches and Redis client, not the bodies sent. */
    private static final long HEAP_GROWTH_LIMIT = 96L * 1024 * 1024;

    @RegisterExtension
    static final ChannelGateway gw = ChannelGateway.perClass(Map.of("JIESU_CONSOLE_ENABLED", "true"));

    @Test
    @DisplayName("thousands of generated requests over every mounted route: no 5xx, no stack trace, bounded heap")
    void everyRoute() {
        List<String> routes = gw.gateway.routePaths();
        assertThat(routes).contains("/health", "/appeal", "/api/v1/rates", "/console/api/login");
        System.out.println("route fuzz: routes " + routes);
        RouteInputs in = new RouteInputs(new Random(SEED));
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        Map<String, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        try (LogCapture log = LogCapture.attach()) {
            for (int sent = 0; sent < REQUESTS; sent += CONCURRENCY) {
                List<Future<HttpResponse<Buffer>>> batch = new ArrayList<>();
                List<String> described = new ArrayList<>();
                for (int k = 0; k < CONCURRENCY && sent + k < REQUESTS; k++) {
                    String route = in.pick(routes);
                    String method = in.pick(RouteInputs.METHODS);
                    String path = in.path(route) + (in.chance(3) ? "" : "?" + in.query());
                    String type = in.contentType();
                    byte[] body = method.equals("GET") && in.chance(2) ? new byte[0] : in.body(type);
                    HttpRequest<Buffer> req = gw.http.request(HttpMethod.valueOf(method), gw.port(), "127.0.0.1", path);
                    if (!type.isEmpty()) {
                        req.putHeader("content-type", type);
                    }
                    if (in.chance(2)) {
                        req.putHeader("Authorization", "Bearer " + ChannelGateway.ADMIN_TOKEN);
                    }
                    if (in.chance(4)) {
                        req.putHeader("Content-Encoding", in.pick(List.of("gzip", "deflate", "br", "x-junk")));
                    }
                    if (in.chance(4)) {
                        req.putHeader("Accept", in.pick(List.of("text/html", "application/xml", "*/*", "x/y")));
                    }
                    if (in.chance(5)) {
                        req.putHeader("Origin", "http://127.0.0.1:" + gw.port());
                    }
                    if (in.chance(8)) {
                        req.putHeader("Idempotency-Key", Long.toHexString(SEED + sent) + "-".repeat(k));
                    }
                    described.add(method + " " + abbreviate(path) + " [" + type + ", " + body.length + " B]");
                    batch.add(req.sendBuffer(Buffer.buffer(body)));
                }
                Future.join(batch).await();
                for (int k = 0; k < batch.size(); k++) {
                    Future<HttpResponse<Buffer>> f = batch.get(k);
                    int status = f.succeeded() ? f.result().statusCode() : -1;
                    statuses.merge(Integer.toString(status), 1, Integer::sum);
                    if (status >= 500 || status < 100) {
                        failures.add(described.get(k) + " -> " + status + " "
                                + (f.succeeded() ? abbreviate(f.result().bodyAsString()) : f.cause()));
                    }
                }
            }
            System.out.println("route fuzz (seed " + SEED + ", " + REQUESTS + " requests over " + routes.size()
                    + " routes): " + statuses);
            assertThat(failures).isEmpty();
            assertThat(log.stackTraces()).isEmpty();
            assertThat(log.events().stream()
                            .filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                            .map(e -> e.getFormattedMessage())
                            .toList())
                    .isEmpty();
            long warns = log.events().stream()
                    .filter(e -> e.getLevel() == Level.WARN)
                    .count();
            System.out.println("route fuzz: " + warns + " WARN lines for " + REQUESTS + " requests");
        }
        assertThat(gw.http.get(gw.port(), "127.0.0.1", "/health").send().await().statusCode())
                .isEqualTo(200);
        System.gc();
        long growth = memory.getHeapMemoryUsage().getUsed() - heapBefore;
        System.out.println("route fuzz: heap growth after GC " + growth / 1024 + " KB");
        assertThat(growth).isLessThan(HEAP_GROWTH_LIMIT);
    }

    private static String abbreviate(String s) {
        return s == null || s.length() <= 160 ? s : s.substring(0, 160) + "…";
    }
}
