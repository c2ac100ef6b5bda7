package cn.jiesu.gateway.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiesu.core.intake.Urgency;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Classification rules change without a restart: {@code POST /admin/reload-classification} (admin token),
 * SIGHUP and the file watch re-read the file; a broken file is refused and the rules in force stay.
 */
@Isolated(
        "retrains the classifier (seconds of CPU) and compares a burst of reloads with one: alone, so the ratio is its own")
class ReloadIT {
    private static final String PATH = "/api/v1/appeals";
    private static Path rules;
    private static String original;
    private static ChannelGateway gw;

    @BeforeAll
    static void start() throws Exception {
        original = Files.readString(Path.of("..", "config", "classification.yaml"));
        rules = copyOfShippedRules();
        // no file watch here, so that what reloads is the admin call or the signal under test
        gw = ChannelGateway.start(Map.of(
                "JIESU_CLASSIFICATION_FILE",
                rules.toString(),
                "JIESU_CLASSIFICATION_RELOAD_ON_SIGHUP",
                "true",
                "JIESU_CLASSIFICATION_WATCH_INTERVAL",
                "0s"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gw != null) {
            gw.close();
        }
        deleteTree(rules.getParent());
    }

    /** classification.yaml with the corpus it names (triage/*.tsv beside it), in a directory of its own. */
    private static Path copyOfShippedRules() throws IOException {
        Path dir = Files.createTempDirectory("jiesu-classification-");
        Files.createDirectories(dir.resolve("triage"));
        for (String f : new String[] {"train.tsv", "dev.tsv"}) {
            Files.copy(
                    Path.of("..", "config", "triage", f), dir.resolve("triage").resolve(f));
        }
        Path file = dir.resolve("classification.yaml");
        Files.writeString(file, original);
        return file;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static Urgency urgencyOf(String text) {
        return urgencyOf(gw, text);
    }

    private static Urgency urgencyOf(ChannelGateway gw, String text) {
        byte[] body = Signers.utf8(new JsonObject().put("description", text).encode());
        HttpResponse<Buffer> r = Signers.signApp(gw.http.post(gw.port(), "127.0.0.1", PATH), PATH, body)
                .sendBuffer(Buffer.buffer(body))
                .await();
        assertThat(r.statusCode()).isEqualTo(201);
        return gw.appeal(r.bodyAsJsonObject().getString("intakeId"))
                .orElseThrow()
                .intake()
                .urgency();
    }

    private HttpResponse<Buffer> reload(String token) {
        var req = gw.http.post(gw.port(), "127.0.0.1", "/admin/reload-classification");
        if (token != null) {
            req.putHeader("Authorization", "Bearer " + token);
        }
        return req.send().await();
    }

    private static void addRule(String id, String phrase) throws Exception {
        Files.writeString(
                rules,
                "\n  - id: " + id + "\n    urgency: EMERGENCY\n    priority: 100\n    phrases: [" + phrase + "]\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
    }

    @Test
    @DisplayName("the admin endpoint reloads the rules, refuses strangers, and keeps the old rules on a broken file")
    void adminReload() throws Exception {
        assertThat(urgencyOf("楼下出现了测试专用危险词甲")).isEqualTo(Urgency.NORMAL);
        addRule("test-only-a", "测试专用危险词甲");

        assertThat(reload(null).statusCode()).isEqualTo(401);
        assertThat(reload("wrong-token-wrong-token").statusCode()).isEqualTo(401);
        HttpResponse<Buffer> ok = reload(ChannelGateway.ADMIN_TOKEN);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.bodyAsJsonObject().getBoolean("loaded")).isTrue();
        int count = ok.bodyAsJsonObject().getInteger("ruleCount");
        assertThat(urgencyOf("楼下出现了测试专用危险词甲")).isEqualTo(Urgency.EMERGENCY);

        Files.writeString(rules, "rules: [this is: not: valid");
        HttpResponse<Buffer> broken = reload(ChannelGateway.ADMIN_TOKEN);
        assertThat(broken.statusCode()).isEqualTo(422);
        assertThat(broken.bodyAsJsonObject().getString("error")).isNotBlank();
        assertThat(broken.bodyAsJsonObject().getInteger("ruleCount")).isEqualTo(count);
        assertThat(urgencyOf("楼下出现了测试专用危险词甲")).isEqualTo(Urgency.EMERGENCY);
    }

    @Test
    @DisplayName("a burst of reloads is coalesced: all answered 200 in about two trainings' time, none 503")
    void burstCoalesced() throws Exception {
        Files.writeString(rules, original);
        long t0 = System.nanoTime();
        assertThat(reload(ChannelGateway.ADMIN_TOKEN).statusCode()).isEqualTo(200);
        Duration one = Duration.ofNanos(System.nanoTime() - t0);

        int burst = 24;
        long t1 = System.nanoTime();
        List<io.vertx.core.Future<HttpResponse<Buffer>>> all = new ArrayList<>();
        for (int i = 0; i < burst; i++) {
            all.add(gw.http
                    .post(gw.port(), "127.0.0.1", "/admin/reload-classification")
                    .putHeader("Authorization", "Bearer " + ChannelGateway.ADMIN_TOKEN)
                    .send());
        }
        for (var f : all) {
            assertThat(f.await().statusCode()).isEqualTo(200);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t1);
        // Serialized, 24 reloads take 24 trainings; coalesced, the running one and the one queued behind it.
        assertThat(took)
                .as("burst of %d took %s, one reload %s", burst, took, one)
                .isLessThan(one.multipliedBy(10).plusSeconds(5));
    }

    @Test
    @DisplayName("a reload is not cut short by http.request-timeout: retraining takes longer than a channel request")
    void reloadOutlastsRequestTimeout() throws Exception {
        Files.writeString(rules, original);
        ChannelGateway hurried = ChannelGateway.start(Map.of(
                "JIESU_CLASSIFICATION_FILE",
                rules.toString(),
                "JIESU_CLASSIFICATION_WATCH_INTERVAL",
                "0s",
                "JIESU_HTTP_REQUEST_TIMEOUT",
                "100ms"));
        try {
            HttpResponse<Buffer> r = hurried.http
                    .post(hurried.port(), "127.0.0.1", "/admin/reload-classification")
                    .putHeader("Authorization", "Bearer " + ChannelGateway.ADMIN_TOKEN)
                    .send()
                    .await();
            assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
            assertThat(r.bodyAsJsonObject().getInteger("corpusRows")).isPositive();
        } finally {
            hurried.close();
        }
    }

    @Test
    @DisplayName("SIGHUP reloads the rules")
    void sighup() throws Exception {
        Files.writeString(rules, original);
        addRule("test-only-b", "测试专用危险词乙");
        Process kill = new ProcessBuilder(
                        "kill", "-HUP", Long.toString(ProcessHandle.current().pid()))
                .start();
        assertThat(kill.waitFor()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> urgencyOf("测试专用危险词乙") == Urgency.EMERGENCY);
    }

    @Test
    @DisplayName("as shipped, an edited rule file is picked up by the file watch, with no signal or call")
    void fileWatch() throws Exception {
        Path watched = copyOfShippedRules();
        ChannelGateway watching = ChannelGateway.start(Map.of(
                "JIESU_CLASSIFICATION_FILE", watched.toString(), "JIESU_CLASSIFICATION_RELOAD_ON_SIGHUP", "false"));
        try {
            assertThat(urgencyOf(watching, "测试专用危险词丙出现了")).isEqualTo(Urgency.NORMAL);
            Files.writeString(
                    watched,
                    "\n  - id: test-only-c\n    urgency: EMERGENCY\n    priority: 100\n" + "    phrases: [测试专用危险词丙]\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
            await().atMost(Duration.ofSeconds(15)).until(() -> urgencyOf(watching, "测试专用危险词丙出现了") == Urgency.EMERGENCY);
        } finally {
            watching.close();
            deleteTree(watched.getParent());
        }
    }
}
