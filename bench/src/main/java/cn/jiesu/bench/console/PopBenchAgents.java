package cn.jiesu.bench.console;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agents of the console pop benchmark: N browsers' worth of WebSocket clients in one JVM. Each signs in over
 * HTTP, opens the console socket, acknowledges every pop, and records the latency from the pop's AMI event time
 * ({@code offeredAt}, stamped by the event source on the same machine) to the moment the frame arrives here.
 *
 * <p>Usage: {@code PopBenchAgents PORT AGENTS EXPECTED_POPS TIMEOUT_S}.
 */
public final class PopBenchAgents {
    private PopBenchAgents() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int agents = Integer.parseInt(args[1]);
        int expected = Integer.parseInt(args[2]);
        long timeoutMs = Long.parseLong(args[3]) * 1000;
        Vertx vertx = Vertx.vertx();
        HttpClient http = vertx.createHttpClient();
        WebSocketClient ws = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(agents + 10));
        long[] latenciesMicros = new long[expected * 2];
        AtomicInteger received = new AtomicInteger();
        AtomicInteger foreign = new AtomicInteger();

        List<Future<?>> connected = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            String ext = Integer.toString(10_000 + i);
            String login = new JsonObject()
                    .put("ext", ext)
                    .put("password", PopBenchGateway.PASSWORD)
                    .encode();
            connected.add(http.request(HttpMethod.POST, port, "127.0.0.1", "/console/api/login")
                    .compose(req ->
                            req.putHeader("Content-Type", "application/json").send(login))
                    .compose(r -> r.body().map(b -> r.cookies().get(0)))
                    .compose(cookie -> {
                        return ws.connect(new WebSocketConnectOptions()
                                .setHost("127.0.0.1")
                                .setPort(port)
                                .setURI("/console/ws")
                                .addHeader("Cookie", cookie.substring(0, cookie.indexOf(';'))));
                    })
                    .onSuccess(socket -> socket.textMessageHandler(text -> {
                        long arrived = micros(Instant.now());
                        JsonObject f = new JsonObject(text);
                        if (!"pop".equals(f.getString("type"))) {
                            return;
                        }
                        JsonObject pop = f.getJsonObject("pop");
                        socket.writeTextMessage(new JsonObject()
                                .put("type", "ack")
                                .put("popId", pop.getString("popId"))
                                .encode());
                        if (pop.getString("linkedid").startsWith("warm.")) {
                            return;
                        }
                        if (!ext.equals(pop.getString("agent"))) {
                            foreign.incrementAndGet();
                        }
                        long micros = arrived - micros(Instant.parse(pop.getString("offeredAt")));
                        int n = received.getAndIncrement();
                        if (n < latenciesMicros.length) {
                            latenciesMicros[n] = micros;
                        }
                    })));
        }
        Future.all(connected).await();
        System.out.println("agents connected: " + agents);
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (received.get() < expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        int n = Math.min(received.get(), latenciesMicros.length);
        long[] sorted = Arrays.copyOf(latenciesMicros, n);
        Arrays.sort(sorted);
        System.out.printf("pops received=%d of %d, to the wrong agent=%d%n", received.get(), expected, foreign.get());
        if (n > 0) {
            System.out.printf(
                    "pop latency (AMI event -> frame at the agent) p50=%.1fms p99=%.1fms max=%.1fms%n",
                    sorted[n / 2] / 1000.0,
                    sorted[(int) Math.min(n - 1, Math.ceil(n * 0.99) - 1)] / 1000.0,
                    sorted[n - 1] / 1000.0);
        }
        vertx.close().await();
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
    }
}
