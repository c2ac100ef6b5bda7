package cn.jiesu.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiesu.core.appeal.AppealRecord;
import cn.jiesu.core.console.PasswordHasher;
import cn.jiesu.core.console.PopState;
import cn.jiesu.core.console.StoredPop;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The console over real HTTP and WebSocket, against the real Redis of scripts/test.sh. */
class ConsoleHttpIT {
    private ConsoleServer server;

    @BeforeEach
    void start() {
        server = ConsoleServer.start(Map.of());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private AgentClient client() {
        return new AgentClient(server.vertx, server.port());
    }

    @Test
    @DisplayName("sign-in sets an HttpOnly SameSite=Strict session cookie; a wrong password is refused")
    void signIn() {
        try (AgentClient c = client()) {
            assertThat(c.login("8001", "wrong").statusCode()).isEqualTo(401);
            assertThat(c.get("/console/api/me").statusCode()).isEqualTo(401);

            HttpResponse<Buffer> ok = c.login("8001", "secret-8001");

            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.bodyAsJsonObject().getString("role")).isEqualTo("AGENT");
            assertThat(ok.cookies().get(0))
                    .containsIgnoringCase("HttpOnly")
                    .containsIgnoringCase("SameSite=Strict")
                    .contains("Path=/console");
            assertThat(ok.bodyAsString()).doesNotContain("secret-8001");
            assertThat(c.get("/console/api/me").bodyAsJsonObject().getString("ext"))
                    .isEqualTo("8001");
        }
    }

    @Test
    @DisplayName("five wrong passwords make that address wait (429, Retry-After, JSON), not the agent's own desk")
    void lockoutPerAddress() {
        // 127.0.0.2 is another loopback address: to the server, another client.
        try (AgentClient attacker = client();
                AgentClient desk = new AgentClient(server.vertx, server.port(), "127.0.0.2", 5)) {
            for (int i = 0; i < 5; i++) {
                assertThat(attacker.login("8002", "guess-" + i).statusCode()).isEqualTo(401);
            }
            HttpResponse<Buffer> locked = attacker.login("8002", "secret-8002");
            assertThat(locked.statusCode()).isEqualTo(429);
            assertThat(locked.getHeader("Retry-After")).isEqualTo("1");
            assertThat(locked.bodyAsJsonObject().getString("error")).isEqualTo("locked");
            assertThat(locked.bodyAsJsonObject().getLong("retryAfter")).isEqualTo(1);

            HttpResponse<Buffer> atDesk = desk.login("8002", "secret-8002");
            assertThat(atDesk.statusCode()).isEqualTo(200);
            assertThat(atDesk.bodyAsJsonObject().getString("ext")).isEqualTo("8002");
        }
    }

    @Test
    @DisplayName("guesses from many new addresses reach the extension-wide cap, but not the desk the agent uses")
    void capSparesKnownAddress() {
        server.close();
        server = ConsoleServer.start(
                Map.of("JIESU_CONSOLE_SIGN_IN_AGENT_LIMIT", "6", "JIESU_CONSOLE_SIGN_IN_CHECKS_PER_SECOND", "100"));
        try (AgentClient desk = new AgentClient(server.vertx, server.port(), "127.0.0.2", 5)) {
            assertThat(desk.login("8002", "secret-8002").statusCode()).isEqualTo(200);
            // The desk's check counted too: 1 + 5 guesses reach the cap of 6.
            for (int i = 3; i <= 7; i++) {
                try (AgentClient guesser = new AgentClient(server.vertx, server.port(), "127.0.0." + i, 1)) {
                    assertThat(guesser.login("8002", "guess").statusCode()).isEqualTo(401);
                }
            }
            try (AgentClient stranger = new AgentClient(server.vertx, server.port(), "127.0.0.9", 1)) {
                HttpResponse<Buffer> held = stranger.login("8002", "secret-8002");
                assertThat(held.statusCode()).isEqualTo(429);
                assertThat(held.bodyAsJsonObject().getString("error")).isEqualTo("locked");
            }
            assertThat(desk.login("8002", "secret-8002").statusCode())
                    .as("the agent's own desk")
                    .isEqualTo(200);
        }
    }

    @Test
    @DisplayName("40 concurrent wrong passwords from one address run 5 password checks, not 40")
    void concurrentGuesses() {
        // A backoff longer than the burst: with the shipped 1 s, a sixth check is rightly allowed once the 40
        // requests take over a second to arrive (a loaded machine), and the count would depend on the machine.
        server.close();
        server = ConsoleServer.start(Map.of("JIESU_CONSOLE_SIGN_IN_BACKOFF_BASE", "10m"));
        try (AgentClient attacker = new AgentClient(server.vertx, server.port(), null, 40)) {
            List<Future<HttpResponse<Buffer>>> all = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                all.add(attacker.loginAsync("8001", "guess-" + i));
            }
            Future.join(all).await();

            Map<Integer, Long> statuses =
                    all.stream().collect(Collectors.groupingBy(f -> f.result().statusCode(), Collectors.counting()));
            assertThat(statuses).containsOnly(Map.entry(401, 5L), Map.entry(429, 35L));
            assertThat(server.registry.counter("console.signin.verifications").count())
                    .isEqualTo(5);
        }
    }

    @Test
    @DisplayName("past the free attempts each wait doubles, and Retry-After says how long: 1 s, 2 s, 4 s")
    void backoff() {
        try (AgentClient c = client()) {
            long[] checkSent = new long[1];
            for (int i = 0; i < 5; i++) {
                checkSent[0] = System.nanoTime();
                assertThat(c.login("8001", "guess-" + i).statusCode()).isEqualTo(401);
            }
            for (int wait : List.of(1, 2, 4)) {
                HttpResponse<Buffer> locked = c.login("8001", "guess");
                assertThat(locked.statusCode()).isEqualTo(429);
                // The wait runs from when the last check was counted, which is after its request was sent: Retry-After
                // is the wait less the time since, rounded up (on a loaded machine a check can take seconds).
                long since = (long) Math.floor((System.nanoTime() - checkSent[0]) / 1e9);
                assertThat(Integer.parseInt(locked.getHeader("Retry-After")))
                        .as("Retry-After %s s after the check", since)
                        .isBetween((int) Math.max(1, wait - since), wait);
                if (wait != 4) {
                    // A refused sign-in counts nothing, so polling until the wait is over costs no extra wait.
                    await().atMost(Duration.ofSeconds(10))
                            .pollInterval(Duration.ofMillis(100))
                            .until(() -> {
                                checkSent[0] = System.nanoTime();
                                return c.login("8001", "guess").statusCode() == 401;
                            });
                }
            }
            assertThat(server.registry.counter("console.signin.verifications").count())
                    .isEqualTo(7);
        }
    }

    @Test
    @DisplayName("past console.sign-in.checks-per-second the instance answers 429 busy with Retry-After")
    void instanceRation() {
        try (ConsoleServer rationed = ConsoleServer.start(Map.of("JIESU_CONSOLE_SIGN_IN_CHECKS_PER_SECOND", "1"));
                AgentClient c = new AgentClient(rationed.vertx, rationed.port())) {
            assertThat(c.login("8001", "secret-8001").statusCode()).isEqualTo(200);

            HttpResponse<Buffer> busy = c.login("8002", "secret-8002");

            assertThat(busy.statusCode()).isEqualTo(429);
            assertThat(busy.getHeader("Retry-After")).isEqualTo("1");
            assertThat(busy.bodyAsJsonObject().getString("error")).isEqualTo("busy");
            assertThat(rationed.registry.counter("console.signin.verifications").count())
                    .isEqualTo(1);
        }
    }

    @Test
    @DisplayName("a sign-in flood behind slow password checks is answered 200, 401 or 429 busy, never 503")
    void floodNeverUnavailable() {
        // Slow checks (2,000,000 iterations: ~0.7 s each on an idle core, more on a busy one), a generous rate and
        // the shipped worker and queue: the 11 slots fill, the last queued checks would finish well after the edge's
        // 4 s request timeout (503 before), and those that cannot within Sessions.SIGN_IN_BOUND are busy.
        try (ConsoleServer slow = ConsoleServer.start(Map.of(
                        "JIESU_CONSOLE_SIGN_IN_CHECKS_PER_SECOND",
                        "50",
                        "JIESU_CONSOLE_SIGN_IN_WORKERS",
                        "1",
                        "JIESU_CONSOLE_SIGN_IN_QUEUE",
                        "10",
                        "JIESU_CONSOLE_SIGN_IN_HASH_ITERATIONS",
                        "2000000"));
                AgentClient c = new AgentClient(slow.vertx, slow.port(), null, 20)) {
            List<Future<HttpResponse<Buffer>>> all = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                all.add(c.loginAsync(Integer.toString(9100 + i), "guess-" + i)); // unknown extensions: decoy checks
            }
            Future.join(all).await();

            Map<Integer, Long> statuses =
                    all.stream().collect(Collectors.groupingBy(f -> f.result().statusCode(), Collectors.counting()));
            assertThat(statuses.keySet())
                    .as("statuses %s", statuses)
                    .isSubsetOf(200, 401, 429)
                    .contains(429);
            for (Future<HttpResponse<Buffer>> f : all) {
                HttpResponse<Buffer> r = f.result();
                if (r.statusCode() == 429) {
                    assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("busy");
                    assertThat(r.getHeader("Retry-After")).isNotNull();
                }
            }
        }
    }

    @Test
    @DisplayName("210,000-iteration hashes (config and Redis accounts) are upgraded to 600,000 at sign-in")
    void rehash() {
        PasswordHasher hasher = new PasswordHasher(new SecureRandom());
        String old8003 = hasher.hash("secret-8003".toCharArray(), 210_000);
        Map<String, String> env =
                Map.of("JIESU_CONSOLE_SIGN_IN_HASH_ITERATIONS", Integer.toString(PasswordHasher.DEFAULT_ITERATIONS));
        try (ConsoleServer strong = ConsoleServer.start(
                        env, Map.of("8003", Map.of("name", "赵敏", "role", "agent", "password-hash", old8003)));
                AgentClient c = new AgentClient(strong.vertx, strong.port())) {
            var redis = strong.redis.shared().sync();
            String account = strong.prefix + "console:account:8301";
            redis.hset(
                    account,
                    Map.of(
                            "name",
                            "钱伟",
                            "role",
                            "agent",
                            "password-hash",
                            hasher.hash("secret-8301".toCharArray(), 210_000)));

            assertThat(c.login("8003", "secret-8003").statusCode()).isEqualTo(200);
            assertThat(c.login("8301", "secret-8301").statusCode()).isEqualTo(200);

            // The config file is the operator's: its account's upgrade is kept in Redis, keyed to the old hash.
            String upgraded8003 = redis.hget(strong.prefix + "console:upgraded-hash:8003", "hash");
            String upgraded8301 = redis.hget(account, "password-hash");
            for (String h : List.of(upgraded8003, upgraded8301)) {
                assertThat(PasswordHasher.iterationsOf(h)).isEqualTo(600_000);
            }
            assertThat(PasswordHasher.verify("secret-8003".toCharArray(), upgraded8003))
                    .isTrue();
            assertThat(PasswordHasher.verify("secret-8301".toCharArray(), upgraded8301))
                    .isTrue();
            assertThat(c.login("8003", "secret-8003").statusCode()).isEqualTo(200);
            assertThat(c.login("8301", "secret-8301").statusCode()).isEqualTo(200);
            assertThat(c.login("8003", "wrong").statusCode()).isEqualTo(401);
        }
    }

    @Test
    @DisplayName("a JSON endpoint given a form body says 415 and names the content type")
    void wrongContentType() {
        try (AgentClient c = client()) {
            HttpResponse<Buffer> r = c.postRaw(
                    "/console/api/login", "application/x-www-form-urlencoded", "ext=8001&password=secret-8001");
            assertThat(r.statusCode()).isEqualTo(415);
            assertThat(r.bodyAsJsonObject().getString("field")).isEqualTo("content-type");
        }
    }

    @Test
    @DisplayName("state-changing requests need the CSRF token and the console's own origin")
    void csrf() {
        try (AgentClient c = client()) {
            c.login("8001", "secret-8001");
            JsonObject paused = new JsonObject().put("state", "PAUSED");

            assertThat(c.post("/console/api/state", paused, false, null).statusCode())
                    .isEqualTo(403);
            assertThat(c.post("/console/api/state", paused, true, "http://evil.example")
                            .statusCode())
                    .isEqualTo(403);
            HttpResponse<Buffer> ok = c.post("/console/api/state", paused, true, server.base());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.bodyAsJsonObject().getString("state")).isEqualTo("PAUSED");
        }
    }

    @Test
    @DisplayName("the WebSocket refuses browsers without a session and pages from another origin")
    void socketNeedsSession() {
        var ws = server.vertx.createWebSocketClient();
        var noCookie = ws.connect(new WebSocketConnectOptions()
                .setHost("127.0.0.1")
                .setPort(server.port())
                .setURI("/console/ws"));
        await().until(noCookie::isComplete);
        assertThat(noCookie.failed()).isTrue();
        try (AgentClient c = client()) {
            c.login("8001", "secret-8001");
            var foreign = ws.connect(new WebSocketConnectOptions()
                    .setHost("127.0.0.1")
                    .setPort(server.port())
                    .setURI("/console/ws")
                    .addHeader("Cookie", c.cookie())
                    .addHeader("Origin", "http://evil.example"));
            await().until(foreign::isComplete);
            assertThat(foreign.failed()).isTrue();
        }
    }

    @Test
    @DisplayName("a pop reaches the ringing agent only, with history; unacknowledged pops are replayed on reconnect")
    void popsAndReplay() {
        String caller = "1390000" + (1000 + (int) (Math.random() * 8999));
        server.appendCall("hist-" + UUID.randomUUID(), caller, Instant.now().minus(Duration.ofDays(2)), "噪音扰民");
        try (AgentClient a = client();
                AgentClient b = client()) {
            a.login("8001", "secret-8001");
            b.login("8002", "secret-8002");
            a.connect();
            b.connect();
            await().until(() -> hello(a) && hello(b));

            String first = "1764300000." + UUID.randomUUID().toString().substring(0, 6);
            server.events().offered(ConsoleServer.offer("8001", first, caller));

            await().until(() -> a.popsOf(first).size() == 1);
            JsonObject pop = a.popsOf(first).get(0).getJsonObject("pop");
            assertThat(pop.getString("callerNumber")).isEqualTo(caller);
            assertThat(pop.getJsonArray("history")).hasSize(1);
            assertThat(pop.getBoolean("repeatCaller")).isTrue();

            a.drop();
            await().until(() -> server.registry.find("console.sockets").gauge().value() == 1);
            String second = "1764300001." + UUID.randomUUID().toString().substring(0, 6);
            server.events().offered(ConsoleServer.offer("8001", second, caller));
            String secondPop = StoredPop.idOf(second, "8001");
            await().until(() -> server.popState(secondPop) == PopState.OFFERED);
            server.events().ended(second, Instant.now());
            await().until(() -> server.popState(secondPop) == PopState.ENDED);

            try (AgentClient again = client()) {
                again.login("8001", "secret-8001");
                again.connect();
                await().until(() -> again.popsOf(second).size() == 1);
                JsonObject replay = again.popsOf(second).get(0);
                assertThat(replay.getBoolean("replay")).isTrue();
                assertThat(replay.getJsonObject("pop").getString("linkedid")).isEqualTo(second);
                assertThat(replay.getJsonObject("pop").getString("state")).isEqualTo("ENDED");
            }
            assertThat(b.popsOf(first)).isEmpty();
            assertThat(b.popsOf(second)).isEmpty();
        }
    }

    @Test
    @DisplayName("a console socket outlives the router's 4 s request timeout and still gets pops")
    void socketOutlivesRequestTimeout() {
        try (AgentClient a = client()) {
            a.login("8001", "secret-8001");
            a.connect();
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8)).until(a::open);

            String linkedid = "1764300009." + UUID.randomUUID();
            server.events().offered(ConsoleServer.offer("8001", linkedid, "13700000000"));

            await().until(() -> a.popsOf(linkedid).size() == 1);
            assertThat(a.frames.stream().filter(f -> "hello".equals(f.getString("type"))))
                    .hasSize(1);
        }
    }

    @Test
    @DisplayName("a form saved during the call ends up on the call's one appeal once the tracker appends it")
    void formDuringCall() {
        String caller = "1381111" + (1000 + (int) (Math.random() * 8999));
        String linkedid = "1764300002." + UUID.randomUUID().toString().substring(0, 6);
        try (AgentClient a = client()) {
            a.login("8001", "secret-8001");
            a.connect();
            server.events().connected(ConsoleServer.offer("8001", linkedid, caller));
            await().until(() -> a.popsOf(linkedid).size() == 1);
            String popId = a.popsOf(linkedid).get(0).getJsonObject("pop").getString("popId");

            HttpResponse<Buffer> saved = a.post(
                    "/console/api/pops/" + popId + "/form",
                    new JsonObject()
                            .put("content", "小区供暖不热，室温只有十四度")
                            .put("address", "朝阳区望京西园三区 2 号楼")
                            .put("requestType", "COMPLAINT")
                            .put("urgency", "IMMEDIATE"));
            assertThat(saved.statusCode()).isEqualTo(200);
            assertThat(saved.bodyAsJsonObject().getString("mode")).isEqualTo("draft");

            String intakeId = server.appendCall(linkedid, caller, Instant.now(), null);
            server.events().ended(linkedid, Instant.now());

            await().atMost(Duration.ofSeconds(30)).until(() -> content(intakeId) != null);
            AppealRecord appeal =
                    server.appeals.byId(intakeId).toCompletableFuture().join().orElseThrow();
            assertThat(appeal.intake().content()).isEqualTo("小区供暖不热，室温只有十四度");
            assertThat(appeal.intake().location().addressText()).isEqualTo("朝阳区望京西园三区 2 号楼");
            assertThat(appeal.intake().requestType().name()).isEqualTo("COMPLAINT");
            assertThat(server.appeals.byPhone(caller, 10).toCompletableFuture().join())
                    .hasSize(1);
            await().until(() -> a.frames.stream()
                    .anyMatch(
                            f -> "agent-state".equals(f.getString("type")) && "WRAP_UP".equals(f.getString("state"))));
        }
    }

    @Test
    @DisplayName("a form saved after the hangup enriches the appeal at once; nobody saves onto another's pop")
    void formAfterCall() {
        String caller = "1382222" + (1000 + (int) (Math.random() * 8999));
        String linkedid = "1764300003." + UUID.randomUUID().toString().substring(0, 6);
        try (AgentClient a = client();
                AgentClient b = client()) {
            a.login("8001", "secret-8001");
            b.login("8002", "secret-8002");
            a.connect();
            server.events().offered(ConsoleServer.offer("8001", linkedid, caller));
            await().until(() -> a.popsOf(linkedid).size() == 1);
            String popId = a.popsOf(linkedid).get(0).getJsonObject("pop").getString("popId");
            String intakeId = server.appendCall(linkedid, caller, Instant.now(), null);
            JsonObject form = new JsonObject()
                    .put("content", "路灯不亮")
                    .put("requestType", "REPORT")
                    .put("urgency", "NORMAL");

            assertThat(b.post("/console/api/pops/" + popId + "/form", form).statusCode())
                    .isEqualTo(404);
            HttpResponse<Buffer> saved = a.post("/console/api/pops/" + popId + "/form", form);

            assertThat(saved.bodyAsJsonObject().getString("mode")).isEqualTo("enriched");
            assertThat(saved.bodyAsJsonObject().getString("intakeId")).isEqualTo(intakeId);
            assertThat(content(intakeId)).isEqualTo("路灯不亮");
        }
    }

    @Test
    @DisplayName("the wallboard is for supervisors and reads the same meters as /metrics")
    void wallboard() {
        try (AgentClient agent = client();
                AgentClient sup = client()) {
            agent.login("8001", "secret-8001");
            sup.login("8100", "secret-8100");
            assertThat(agent.get("/console/api/wallboard").statusCode()).isEqualTo(403);
            agent.post("/console/api/state", new JsonObject().put("state", "PAUSED"));
            agent.connect();
            sup.connect();

            await().until(() -> sup.frames.stream()
                    .anyMatch(f -> "wallboard".equals(f.getString("type"))
                            && f.getJsonObject("data").getJsonObject("agents").getInteger("PAUSED", 0) >= 1));
            JsonObject board = sup.get("/console/api/wallboard").bodyAsJsonObject();
            assertThat(board.getValue("callsInIvr")).isNull(); // the tracker's meter is not registered here
            double paused = server.registry
                    .find("console.agents")
                    .tag("state", "paused")
                    .gauge()
                    .value();
            assertThat(board.getJsonObject("agents").getInteger("PAUSED")).isEqualTo((int) paused);
        }
    }

    private static boolean hello(AgentClient c) {
        return c.frames.stream().anyMatch(f -> "hello".equals(f.getString("type")));
    }

    private String content(String intakeId) {
        return server.appeals
                .byId(intakeId)
                .toCompletableFuture()
                .join()
                .map(r -> r.intake().content())
                .orElse(null);
    }
}
