package cn.jiesu.gateway.channels;

import cn.jiesu.channels.RequestSignature;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * A steady load of signed app appeals, as the app sends them: each client thread makes one appeal after another,
 * each with an {@code Idempotency-Key} of its own, and sends it again (re-signed: fresh timestamp and nonce, the same
 * key and body) until it is answered 201, whatever happened to the request before (503, connection refused or reset,
 * a timeout). It remembers every answer, so a test can compare what was acknowledged with what is stored.
 *
 * <p>Clients wait {@value #RETRY_PAUSE_MS} ms between attempts rather than the 5 s the 503's Retry-After asks for: a
 * more impatient client than the app, so the outage and the recovery are measured to a fraction of a second.
 */
final class AppealLoad implements AutoCloseable {
    static final String PATH = "/api/v1/appeals";
    private static final long RETRY_PAUSE_MS = 100;

    /** One answer (or failure) a client saw: when (System.nanoTime()), the status (0: no HTTP answer), the key. */
    record Answer(long nanos, int status, boolean retryAfter, String key, String intakeId) {}

    private final IntSupplier port;
    private final String tag;
    private final int clients;
    private final List<Thread> threads = new ArrayList<>();
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    /** key → every intakeId a 201 for that key named (more than one: a retry made a second appeal). */
    private final Map<String, Set<String>> acknowledged = new ConcurrentHashMap<>();

    private final Set<String> started = ConcurrentHashMap.newKeySet();
    private final Set<String> abandoned = ConcurrentHashMap.newKeySet();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile boolean stopping;
    private volatile long finishBy;

    /** {@code port} is read before every attempt: a test may start the gateway again on another port. */
    AppealLoad(IntSupplier port, int clients, String tag) {
        this.port = port;
        this.clients = clients;
        this.tag = tag;
    }

    void start() {
        for (int i = 0; i < clients; i++) {
            int n = i;
            threads.add(Thread.ofPlatform()
                    .name("appeal-load-" + tag + "-" + n)
                    .daemon()
                    .start(() -> run(n)));
        }
    }

    /**
     * Stops making new appeals; the one each client has under way is still sent until acknowledged, for at most
     * {@code finishWithin}. Returns once every client has stopped.
     */
    void stop(Duration finishWithin) throws InterruptedException {
        finishBy = System.nanoTime() + finishWithin.toNanos();
        stopping = true;
        for (Thread t : threads) {
            t.join(finishWithin.toMillis() + 15_000);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (!stopping) {
            stop(Duration.ZERO);
        }
    }

    private void run(int client) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        try (http) {
            for (int n = 0; !stopping; n++) {
                String key = tag + "-" + client + "-" + n + "-" + UUID.randomUUID();
                started.add(key);
                byte[] body = body(key, "fault-" + tag + "-" + client);
                while (!send(http, key, body)) {
                    if (stopping && System.nanoTime() > finishBy) {
                        abandoned.add(key);
                        return;
                    }
                    try {
                        Thread.sleep(RETRY_PAUSE_MS);
                    } catch (InterruptedException e) {
                        abandoned.add(key);
                        return;
                    }
                }
            }
        }
    }

    /** The request the app sends for {@code body} with {@code key}: signed now, with a fresh nonce. */
    static HttpRequest request(int port, String key, byte[] body) {
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        String nonce = UUID.randomUUID().toString().replace("-", "");
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + PATH))
                .timeout(Duration.ofSeconds(8))
                .header("X-Api-Key", ChannelGateway.APP_KEY)
                .header("X-Intake-Timestamp", ts)
                .header("X-Intake-Nonce", nonce)
                .header(
                        "X-Intake-Signature",
                        RequestSignature.sign(ChannelGateway.APP_SECRET, "POST", PATH, ts, nonce, body))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    /** A citizen's appeal naming {@code key} in its text. */
    static byte[] body(String key, String userId) {
        return new JsonObject()
                .put("description", "楼道灯坏了一周，夜里老人上下楼不安全（故障测试 " + key + "）")
                .put("userId", userId)
                .encode()
                .getBytes(StandardCharsets.UTF_8);
    }

    /** One attempt; true when acknowledged (201). */
    private boolean send(HttpClient http, String key, byte[] body) {
        HttpRequest request = request(port.getAsInt(), key, body);
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            String intakeId = null;
            if (r.statusCode() == 201) {
                intakeId = new JsonObject(r.body()).getString("intakeId");
                acknowledged
                        .computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet())
                        .add(intakeId);
            }
            answers.add(new Answer(
                    System.nanoTime(),
                    r.statusCode(),
                    r.headers().firstValue("Retry-After").isPresent(),
                    key,
                    intakeId));
            return r.statusCode() == 201;
        } catch (IOException e) {
            // refused, reset, timed out: the request may or may not have been stored; the retry (same key) settles it
            failures.incrementAndGet();
            answers.add(new Answer(System.nanoTime(), 0, false, key, null));
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Acknowledged keys → the intakeIds their 201s named. */
    Map<String, Set<String>> acknowledged() {
        return Map.copyOf(acknowledged);
    }

    int acknowledgedCount() {
        return acknowledged.size();
    }

    /** Keys a client began but gave up on at the end (never acknowledged). */
    Set<String> abandoned() {
        return Set.copyOf(abandoned);
    }

    Set<String> started() {
        return Set.copyOf(started);
    }

    List<Answer> answers() {
        return List.copyOf(answers);
    }

    /** Attempts that got no HTTP answer (refused, reset, timed out). */
    int transportFailures() {
        return failures.get();
    }

    /** Answers by status (0: no HTTP answer). */
    Map<Integer, Integer> statuses() {
        Map<Integer, Integer> out = new TreeMap<>();
        for (Answer a : answers) {
            out.merge(a.status(), 1, Integer::sum);
        }
        return out;
    }

    /** The first 201 seen after {@code nanos}, or -1. */
    long firstAckAfter(long nanos) {
        return answers.stream()
                .filter(a -> a.status() == 201 && a.nanos() > nanos)
                .mapToLong(Answer::nanos)
                .min()
                .orElse(-1);
    }
}
