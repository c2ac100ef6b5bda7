package cn.jiesu.gateway.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiesu.core.hotspot.HotspotKey;
import cn.jiesu.core.hotspot.Resolution;
import cn.jiesu.gateway.GatewayConfig;
import cn.jiesu.gateway.cli.ImportHistory;
import cn.jiesu.gateway.config.ConfigLoader;
import cn.jiesu.gateway.support.TestServices;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.hotspot.HotspotKeys;
import cn.jiesu.redis.hotspot.RedisHotspotStore;
import cn.jiesu.testkit.HistoryFile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code jiesu import-history} end to end on real Redis: a fresh deployment opens no hotspot (the baseline has no
 * past weeks); after importing three weeks of an old system's appeals plus a year of older ones, a gateway started
 * on the same Redis opens one for four live appeals, GET /api/v1/problems shows the imported months, and importing
 * the same file again counts nothing twice. In order: each test builds on the one before.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImportHistoryIT {
    private static final String PREFIX =
            "it-imp-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final int RECENT = 2_000;
    private static final int OLDER = 600;
    private static Path file;

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("JIESU_REDIS_KEY_PREFIX", PREFIX);
        env.put("JIESU_HOTSPOTS_ENABLED", "true");
        env.put("JIESU_HOTSPOTS_TICK_INTERVAL", "500ms");
        env.put("JIESU_HOTSPOTS_MIN_STREET", "3");
        return env;
    }

    private record Run(int status, String out, String err) {}

    /** The command as an operator runs it, with the gateway's environment and config file. */
    private static Run importHistory(String... args) {
        return importHistory(ChannelGateway.env(env()), args);
    }

    /** The same with {@code env} as the process environment. */
    private static Run importHistory(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> a = new ArrayList<>(
                List.of("--config", ChannelGateway.operatorFile().toString()));
        a.addAll(List.of(args));
        int status = ImportHistory.run(
                a.toArray(String[]::new),
                env,
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Three weeks of appeals up to an hour ago, ten months of older ones, two lines the format refuses and one case
     * number again.
     */
    @BeforeAll
    static void history() throws IOException {
        file = Files.createTempFile("jiesu-history-", ".jsonl");
        Instant now = Instant.now();
        try (OutputStream bytes = Files.newOutputStream(file);
                Writer w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            w.write("{\"id\":\"BAD-1\",\"text\":\"没有时间\"}\n");
            w.write("not json at all\n");
            HistoryFile.write(w, "OLD-", RECENT, now.minus(Duration.ofHours(1)), Duration.ofDays(21), 1);
            w.flush();
            // A GB18030 line in a UTF-8 file (line RECENT + 3) and a line over 1 MiB (RECENT + 4): each is one
            // refused line, and the lines after them are read and counted.
            bytes.write(("{\"id\":\"GBK-1\",\"receivedAt\":\"2025-01-02T03:04:05+08:00\",\"text\":\"路灯不亮\"}\n")
                    .getBytes(Charset.forName("GB18030")));
            bytes.write(("{\"id\":\"BIG-1\",\"receivedAt\":\"2025-01-02T03:04:05+08:00\",\"text\":\""
                            + "水".repeat(400_000) + "\"}\n")
                    .getBytes(StandardCharsets.UTF_8));
            HistoryFile.write(w, "OLDER-", OLDER, now.minus(Duration.ofDays(70)), Duration.ofDays(300), 2);
            // The same case number exported again with another time is the same appeal: counted once.
            w.write("{\"id\":\"OLD-1\",\"receivedAt\":\"2025-01-02T03:04:05+08:00\",\"text\":\"家里停水了\"}\n");
        }
    }

    @AfterAll
    static void cleanUp() throws IOException {
        Files.deleteIfExists(file);
    }

    @Test
    @Order(1)
    @DisplayName("without history, four water appeals about one street open nothing: the baseline has no past weeks")
    void nothingWithoutHistory() {
        try (ChannelGateway gw = ChannelGateway.start(env())) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ids.add(HotspotsIT.appeal(gw, "家里停水了，一直没有水", "朝阳区望京街道望京西园三区" + (i + 1) + "号楼"));
            }
            HotspotKeys keys = new HotspotKeys(PREFIX);
            await().atMost(Duration.ofSeconds(20))
                    .until(() ->
                            ids.stream().allMatch(id -> gw.redis.shared().sync().zscore(keys.seen(), id) != null));
            assertThat(HotspotsIT.hotspots(gw, "")).isEmpty();
            // Said, not silent: the street's windows had enough appeals to test, and no history to test them on.
            assertThat(gw.counter("hotspots.untested")).isPositive();
        }
    }

    @Test
    @Order(2)
    @DisplayName("the import counts every good line, names each refused one, exits 1; a re-run counts nothing twice")
    void importTwice() {
        Run first = importHistory(file.toString());
        assertThat(first.status()).as(first.err()).isEqualTo(1);
        assertThat(first.err())
                .contains("line 1: receivedAt: required")
                .contains("line 2: not a JSON object")
                .contains("line " + (RECENT + 3) + ": not UTF-8")
                .contains("line " + (RECENT + 4) + ": longer than 1 MiB");
        assertThat(first.out())
                .contains("read:             " + (RECENT + OLDER + 5))
                .contains("counted:          " + (RECENT + OLDER))
                .contains("already imported: 1")
                .contains("refused:          4");
        assertThat(problemsOnly(first.out())).isGreaterThan(OLDER / 2);
        long cityDays = cityDays();
        assertThat(cityDays).isEqualTo(cityDaysExpected());
        // One gateway for both reads (it reads Redis per request): each start trains the triage model.
        try (ChannelGateway gw = ChannelGateway.start(Map.of("JIESU_REDIS_KEY_PREFIX", PREFIX))) {
            JsonArray problems = noiseInCity(gw);

            Run again = importHistory(file.toString());
            assertThat(again.status()).isEqualTo(1);
            assertThat(again.out())
                    .contains("counted:          0")
                    .contains("already imported: " + (RECENT + OLDER + 1));
            assertThat(cityDays()).isEqualTo(cityDays);
            assertThat(noiseInCity(gw)).isEqualTo(problems);
        }
    }

    @Test
    @Order(5)
    @DisplayName("with Redis down or refusing the password the import stops with one line saying which, exit 3")
    void redisDown() {
        Map<String, String> env = new HashMap<>(ChannelGateway.env(env()));
        env.put("JIESU_REDIS_URI", "redis://127.0.0.1:1");
        env.put("JIESU_REDIS_CONNECT_TIMEOUT", "1s");
        Run down = importHistory(env, file.toString());
        assertThat(down.status()).isEqualTo(3);
        assertThat(down.err())
                .startsWith("jiesu: import-history: stopped: redis: cannot connect")
                .contains("; nothing was read")
                .doesNotContain("\tat ")
                .doesNotContain("Exception");

        env.put("JIESU_REDIS_URI", TestServices.redisUri().replaceFirst("^redis://", "redis://nobody:wrong@"));
        Run refused = importHistory(env, file.toString());
        assertThat(refused.status()).isEqualTo(3);
        // Redis answers WRONGPASS, or (seen once on a loaded CI machine) the connection closes before the answer
        // reaches the client: either way one line, no class name, and nothing read. ImportHistoryTest checks the
        // wording for each cause.
        assertThat(refused.err().strip())
                .matches("jiesu: import-history: stopped: redis: (authentication refused \\(check the user and"
                        + " password of redis\\.uri\\)|cannot connect: [^\\n]+); nothing was read")
                .doesNotContain("Exception");
    }

    @Test
    @Order(3)
    @DisplayName("a gateway started after the import opens a street hotspot for four live water appeals")
    void hotspotOpensWithHistory() {
        try (ChannelGateway gw = ChannelGateway.start(env())) {
            List<String> burst = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                burst.add(HotspotsIT.appeal(gw, "家里停水了，一直没有水", "海淀区中关村街道中关村东路" + (i + 1) + "号"));
            }
            String street = URLEncoder.encode("中关村街道", StandardCharsets.UTF_8);
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(HotspotsIT.hotspots(gw, "?state=open&topic=water&street=" + street))
                            .hasSize(1));
            JsonObject h = HotspotsIT.hotspots(gw, "?state=open&topic=water&street=" + street)
                    .getJsonObject(0);
            assertThat(h.getString("district")).isEqualTo("海淀区");
            assertThat(h.getJsonArray("appeals").getList()).containsAll(burst.subList(0, 3));
        }
    }

    @Test
    @Order(4)
    @DisplayName("GET /api/v1/problems shows the imported months")
    void problemsShowImportedMonths() {
        JsonObject noise = noiseInCity().getJsonObject(0);
        long monthsWithCounts = noise.getJsonArray("months").stream()
                .map(JsonObject.class::cast)
                .filter(m -> m.getLong("count") > 0)
                .count();
        // The older part spans ten months before the last three weeks: all in the 12 months shown.
        assertThat(monthsWithCounts).isGreaterThanOrEqualTo(9);
        assertThat(noise.getLong("total")).isGreaterThan(OLDER / 6 / 2);
    }

    @Test
    @Order(6)
    @DisplayName("a GBK CSV export imports with --encoding GB18030: quoted cells, a bad row named, re-run idempotent")
    void csvExport() throws IOException {
        Path csv = Files.createTempFile("jiesu-history-", ".csv");
        try {
            String at = ZONE.getRules().getOffset(Instant.now()).getId();
            String day = java.time.LocalDate.now(ZONE).minusDays(2) + "T10:0";
            Files.write(
                    csv,
                    ("id,receivedAt,title,text,address,lat,lon,topics\r\n"
                                    + "CSV-1," + day + "1:00" + at + ",,\"家里停水了，\"\"一直\"\"没有水\",海淀区中关村街道,,,\r\n"
                                    + "CSV-2," + day + "2:00" + at + ",报修,\"楼道灯坏了\n晚上很黑\",,,,\r\n"
                                    + "CSV-3," + day + "3:00" + at + ",,水管漏了,,北纬39,116.3,\r\n"
                                    + "CSV-4," + day + "4:00" + at + ",,,,39.98,116.31,water\r\n")
                            .getBytes(Charset.forName("GB18030")));
            long before = cityDays();
            Run first = importHistory("--encoding", "GB18030", csv.toString());
            assertThat(first.status()).as(first.err()).isEqualTo(1);
            assertThat(first.err()).contains("line 5: lat: not a number: 北纬39").doesNotContain("line 4");
            assertThat(first.out()).contains("read:             4").contains("counted:          3");
            assertThat(cityDays()).isEqualTo(before + 3);
            Run again = importHistory("--format", "csv", "--encoding", "gb18030", csv.toString());
            assertThat(again.out()).contains("counted:          0").contains("already imported: 3");

            // Read as UTF-8 (no --encoding) the Chinese rows are refused, each saying what to give.
            Run utf8 = importHistory(csv.toString());
            assertThat(utf8.err()).contains("line 2: not UTF-8 (a GBK export? --encoding GB18030)");

            // Broken quoting stops the file where it is: the rows before stay counted, and the summary says so.
            Files.writeString(
                    csv,
                    "id,receivedAt,text\nCSV-Q1," + day + "5:00" + at + ",停水\nCSV-Q2," + day + "6:00" + at
                            + ",\"停\"水\nCSV-Q3," + day + "7:00" + at + ",停水\n");
            Run quoting = importHistory(csv.toString());
            assertThat(quoting.status()).as(quoting.err()).isEqualTo(3);
            assertThat(quoting.err()).contains("the row from line 3 on: a quoted cell goes on after its closing quote");
            assertThat(quoting.out()).contains("read:             1").contains("counted:          1");

            // A header quoting escape sequences shows them, it does not send them to the operator's terminal.
            Files.writeString(csv, "id,receivedAt,te\u001b]0;PWNED\u0007\u001b[31mxt\n");
            Run esc = importHistory(csv.toString());
            assertThat(esc.status()).isEqualTo(2);
            assertThat(esc.err())
                    .contains("column te\\x1b]0;PWNED\\x07\\x1b[31mxt: unknown")
                    .doesNotContain("\u001b");

            Files.writeString(csv, "id,receivedAt,txt\n");
            Run header = importHistory(csv.toString());
            assertThat(header.status()).isEqualTo(2);
            assertThat(header.err())
                    .startsWith("jiesu: import-history: " + csv + ": column txt: unknown (the columns are id, ")
                    .endsWith("; nothing was read\n");
        } finally {
            Files.deleteIfExists(csv);
        }
        assertThat(importHistory("--format", "xml", file.toString()).err())
                .isEqualTo("jiesu: import-history: --format: jsonl or csv, was 'xml'\n");
        assertThat(importHistory("--format", "csv", "--encoding", "x-nope", file.toString())
                        .err())
                .isEqualTo("jiesu: import-history: --encoding: unknown character set 'x-nope'\n");
        Run jsonl = importHistory("--encoding", "GB18030", file.toString());
        assertThat(jsonl.status()).isEqualTo(2);
        assertThat(jsonl.err()).contains("JSON Lines are UTF-8");
    }

    private static long problemsOnly(String summary) {
        return summary.lines()
                .filter(l -> l.startsWith("problems only:"))
                .map(l -> Long.parseLong(l.replaceAll("^problems only:\\s+(\\d+).*", "$1")))
                .findFirst()
                .orElseThrow();
    }

    /** The city's appeal count by day over the hourly retention, as the baseline reads it. */
    private static long cityDays() {
        // Redis alone, as the baseline reads it: no gateway to start (each start trains the triage model).
        GatewayConfig config = GatewayConfig.from(ConfigLoader.load(
                ChannelGateway.operatorFile(), ChannelGateway.env(Map.of("JIESU_REDIS_KEY_PREFIX", PREFIX))));
        try (RedisClients redis = RedisClients.connect(config.redis(), new SimpleMeterRegistry())) {
            RedisHotspotStore store = new RedisHotspotStore(redis, new HotspotKeys(PREFIX), Clock.systemUTC());
            HotspotKey city = new HotspotKey(HotspotKey.ALL_TOPICS, HotspotKey.Level.CITY, HotspotKey.CITY);
            long today = Resolution.DAY.slot(Instant.now());
            long sum = 0;
            for (long c : store.counts(city, Resolution.DAY, today - 30, 31)) {
                sum += c;
            }
            return sum;
        }
    }

    /** The recent part's lines and the four live appeals of test 1: everything within 30 days. */
    private static long cityDaysExpected() {
        return RECENT + 4;
    }

    private static JsonArray noiseInCity() {
        try (ChannelGateway gw = ChannelGateway.start(Map.of("JIESU_REDIS_KEY_PREFIX", PREFIX))) {
            return noiseInCity(gw);
        }
    }

    private static JsonArray noiseInCity(ChannelGateway gw) {
        YearMonth to = YearMonth.now(ZONE);
        HttpResponse<Buffer> r = gw.http
                .get(
                        gw.port(),
                        "127.0.0.1",
                        "/api/v1/problems?topic=noise&level=city&from=" + to.minusMonths(11) + "&to=" + to)
                .putHeader("authorization", "Bearer " + TestServices.API_TOKEN)
                .send()
                .await();
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        JsonArray problems = r.bodyAsJsonObject().getJsonArray("problems");
        assertThat(problems).as(r.bodyAsString()).hasSize(1);
        return problems;
    }
}
