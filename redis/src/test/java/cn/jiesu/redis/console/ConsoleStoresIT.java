package cn.jiesu.redis.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.console.AgentAccount;
import cn.jiesu.core.console.AgentAccounts;
import cn.jiesu.core.console.AgentState;
import cn.jiesu.core.console.AgentStatus;
import cn.jiesu.core.console.CallAppeals;
import cn.jiesu.core.console.ConsoleSession;
import cn.jiesu.core.console.PasswordHasher;
import cn.jiesu.core.console.PopState;
import cn.jiesu.core.console.PopStore;
import cn.jiesu.core.console.Role;
import cn.jiesu.core.console.SignInGrant;
import cn.jiesu.core.console.SignInPolicy;
import cn.jiesu.core.console.StoredPop;
import cn.jiesu.core.intake.CallInfo;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Citizen;
import cn.jiesu.core.intake.ContentType;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.IntakeIds;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.RedisConfig;
import cn.jiesu.redis.StreamKeys;
import cn.jiesu.redis.TestRedis;
import cn.jiesu.redis.intake.RedisAppealStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The console's Redis adapters against the real Redis of scripts/test.sh, each test under its own key prefix. */
class ConsoleStoresIT {
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final Instant T0 = Instant.parse("2026-11-28T01:00:00Z");
    private static final String ATTACKER = "203.0.113.9";
    private static final SignInPolicy POLICY = new SignInPolicy(
            5,
            Duration.ofSeconds(1),
            Duration.ofMinutes(15),
            Duration.ofMinutes(15),
            100,
            Duration.ofHours(1),
            Duration.ofDays(30));
    private final Redis server = new Redis();
    private ConsoleKeys keys;

    @BeforeEach
    void start() {
        server.start();
        keys = new ConsoleKeys(server.prefix);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("a pop is created once per id, only moves forward, and is pending until its own agent acks it")
    void pops() {
        RedisPopStore pops = new RedisPopStore(server.redis, keys, Clock.systemUTC());
        StoredPop offered = new StoredPop("L1~8001", "8001", "L1", PopState.OFFERED, "{\"n\":1}");

        assertThat(join(pops.offer(offered, TTL))).isEqualTo(new PopStore.Offered(true, PopState.OFFERED, true));
        assertThat(join(pops.offer(offered, TTL))).isEqualTo(new PopStore.Offered(false, PopState.OFFERED, false));
        StoredPop connected = new StoredPop("L1~8001", "8001", "L1", PopState.CONNECTED, "{\"n\":2}");
        assertThat(join(pops.offer(connected, TTL))).isEqualTo(new PopStore.Offered(false, PopState.CONNECTED, true));
        assertThat(join(pops.offer(offered, TTL)).state()).isEqualTo(PopState.CONNECTED);
        assertThat(join(pops.get("L1~8001")).orElseThrow().body()).isEqualTo("{\"n\":1}");

        assertThat(join(pops.pending("8001"))).extracting(StoredPop::popId).containsExactly("L1~8001");
        assertThat(join(pops.ack("8002", "L1~8001"))).isFalse();
        assertThat(join(pops.ack("8001", "L1~8001"))).isTrue();
        assertThat(join(pops.pending("8001"))).isEmpty();
    }

    @Test
    @DisplayName("an agent is on a call from its pop's CONNECTED until the call ends; a rewrite keeps the state")
    void onCallAndRewrite() {
        RedisPopStore pops = new RedisPopStore(server.redis, keys, Clock.systemUTC());
        join(pops.offer(new StoredPop("L7~8001", "8001", "L7", PopState.OFFERED, "{}"), TTL));
        assertThat(join(pops.onCall("8001"))).isEmpty();
        join(pops.offer(new StoredPop("L7~8001", "8001", "L7", PopState.CONNECTED, "{}"), TTL));
        assertThat(join(pops.onCall("8001"))).contains("L7~8001");
        assertThat(join(pops.onCall("8002"))).isEmpty();

        assertThat(join(pops.rewrite("L7~8001", "{\"appeal\":{\"no\":\"1\"}}"))).isTrue();
        StoredPop rewritten = join(pops.get("L7~8001")).orElseThrow();
        assertThat(rewritten.body()).isEqualTo("{\"appeal\":{\"no\":\"1\"}}");
        assertThat(rewritten.state()).isEqualTo(PopState.CONNECTED);
        assertThat(join(pops.rewrite("gone~8001", "{}"))).isFalse();
        assertThat(join(pops.get("gone~8001"))).isEmpty();

        join(pops.endCall("L7", TTL));
        assertThat(join(pops.onCall("8001"))).isEmpty();
        // A pop created answered (the offer event was missed) counts too.
        join(pops.offer(new StoredPop("L8~8001", "8001", "L8", PopState.CONNECTED, "{}"), TTL));
        assertThat(join(pops.onCall("8001"))).contains("L8~8001");
    }

    @Test
    @DisplayName("ending a call ends its pops for every agent, and a pop created after the end starts ended")
    void endCall() {
        RedisPopStore pops = new RedisPopStore(server.redis, keys, Clock.systemUTC());
        join(pops.offer(new StoredPop("L2~8001", "8001", "L2", PopState.CONNECTED, "{}"), TTL));
        join(pops.offer(new StoredPop("L2~8002", "8002", "L2", PopState.OFFERED, "{}"), TTL));

        List<PopStore.PopRef> changed = join(pops.endCall("L2", TTL));

        assertThat(changed)
                .containsExactlyInAnyOrder(
                        new PopStore.PopRef("8001", "L2~8001", PopState.CONNECTED),
                        new PopStore.PopRef("8002", "L2~8002", PopState.OFFERED));
        assertThat(join(pops.endCall("L2", TTL))).isEmpty();
        assertThat(join(pops.onCall("8001"))).isEmpty();
        assertThat(join(pops.offer(new StoredPop("L2~8003", "8003", "L2", PopState.OFFERED, "{}"), TTL))
                        .state())
                .isEqualTo(PopState.ENDED);
    }

    @Test
    @DisplayName("a pending pop whose hash expired is dropped from the pending set")
    void expiredPops() {
        RedisPopStore pops = new RedisPopStore(server.redis, keys, Clock.systemUTC());
        join(pops.offer(new StoredPop("L3~8001", "8001", "L3", PopState.OFFERED, "{}"), TTL));
        server.redis.shared().sync().del(server.prefix + "console:pop:L3~8001");

        assertThat(join(pops.pending("8001"))).isEmpty();
        assertThat(server.redis.shared().sync().zcard(server.prefix + "console:pending:8001"))
                .isZero();
    }

    @Test
    @DisplayName("sessions slide their idle expiry; failures count up and clear")
    void sessions() {
        RedisSessionStore s = new RedisSessionStore(server.redis, keys);
        ConsoleSession session =
                new ConsoleSession("8001", "王芳", Role.AGENT, "csrf", Instant.parse("2026-11-28T00:00:00Z"));
        join(s.create("h1", session, Duration.ofSeconds(30)));

        assertThat(join(s.touch("h1", Duration.ofMinutes(10)))).contains(session);
        assertThat(server.redis.shared().sync().pttl(server.prefix + "console:session:h1"))
                .isGreaterThan(60_000);
        join(s.delete("h1"));
        assertThat(join(s.touch("h1", Duration.ofMinutes(10)))).isEmpty();
    }

    @Test
    @DisplayName("40 concurrent reservations from one address grant the 5 free checks; other addresses are not held")
    void concurrentReservations() {
        RedisSignInAttempts attempts = new RedisSignInAttempts(server.redis, keys, Clock.fixed(T0, ZoneOffset.UTC));
        List<CompletableFuture<SignInGrant>> all = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            all.add(attempts.reserve("8001", ATTACKER, POLICY).toCompletableFuture());
        }
        List<SignInGrant> grants = all.stream().map(CompletableFuture::join).toList();

        assertThat(grants).filteredOn(SignInGrant::granted).hasSize(5);
        assertThat(grants)
                .filteredOn(g -> !g.granted())
                .allSatisfy(g -> assertThat(g).isEqualTo(SignInGrant.refused(Duration.ofSeconds(1), false)));
        assertThat(join(attempts.reserve("8001", "10.0.0.1", POLICY)).granted()).isTrue();
        assertThat(server.redis.shared().sync().pttl(server.prefix + "console:sign-in:8001:" + ATTACKER))
                .isGreaterThan(Duration.ofMinutes(15).toMillis());

        join(attempts.succeeded("8001", ATTACKER, POLICY));
        assertThat(join(attempts.reserve("8001", ATTACKER, POLICY)).granted()).isTrue();
    }

    @Test
    @DisplayName("the script's waits are SignInPolicy.waitAfter's: 1 s, 2 s, 4 s ... capped at backoff-max")
    void backoffMatchesPolicy() {
        AtomicLong now = new AtomicLong(T0.toEpochMilli());
        RedisSignInAttempts attempts = new RedisSignInAttempts(server.redis, keys, millis(now));
        for (long n = 1; n <= 20; n++) {
            assertThat(join(attempts.reserve("8002", ATTACKER, POLICY)).granted())
                    .as("check %d", n)
                    .isTrue();
            Duration wait = POLICY.waitAfter(n);
            if (!wait.isZero()) {
                now.addAndGet(wait.toMillis() - 1);
                assertThat(join(attempts.reserve("8002", ATTACKER, POLICY)))
                        .isEqualTo(SignInGrant.refused(Duration.ofMillis(1), false));
                now.incrementAndGet();
            }
        }
        assertThat(POLICY.waitAfter(5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(POLICY.waitAfter(7)).isEqualTo(Duration.ofSeconds(4));
        assertThat(POLICY.waitAfter(20)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    @DisplayName("checks spread over many addresses stop at the extension-wide limit, for every address")
    void agentWideLimit() {
        SignInPolicy tight = new SignInPolicy(
                5,
                Duration.ofSeconds(1),
                Duration.ofMinutes(15),
                Duration.ofMinutes(15),
                6,
                Duration.ofHours(1),
                Duration.ofDays(30));
        RedisSignInAttempts attempts = new RedisSignInAttempts(server.redis, keys, Clock.fixed(T0, ZoneOffset.UTC));
        for (int i = 0; i < 6; i++) {
            assertThat(join(attempts.reserve("8003", "198.51.100." + i, tight)).granted())
                    .isTrue();
        }
        SignInGrant held = join(attempts.reserve("8003", "10.0.0.1", tight));

        assertThat(held.granted()).isFalse();
        assertThat(held.agentWide()).isTrue();
        assertThat(held.retryAfter()).isBetween(Duration.ofMinutes(59), Duration.ofHours(1));
        assertThat(join(attempts.reserve("8004", "10.0.0.1", tight)).granted()).isTrue();
    }

    @Test
    @DisplayName("an address the agent signed in from stays usable when guesses from new addresses hit the cap")
    void knownAddressPassesTheCap() {
        SignInPolicy tight = new SignInPolicy(
                5,
                Duration.ofSeconds(1),
                Duration.ofMinutes(15),
                Duration.ofMinutes(15),
                6,
                Duration.ofHours(1),
                Duration.ofDays(30));
        RedisSignInAttempts attempts = new RedisSignInAttempts(server.redis, keys, Clock.fixed(T0, ZoneOffset.UTC));
        String desk = "10.1.2.3";
        assertThat(join(attempts.reserve("8005", desk, tight)).granted()).isTrue();
        join(attempts.succeeded("8005", desk, tight));
        for (int i = 0; i < 6; i++) {
            join(attempts.reserve("8005", "198.51.100." + i, tight));
        }

        assertThat(join(attempts.reserve("8005", "10.9.9.9", tight)).agentWide())
                .isTrue();
        assertThat(join(attempts.reserve("8005", desk, tight)).granted())
                .as("the agent's desk")
                .isTrue();
        assertThat(server.redis.shared().sync().pttl(server.prefix + "console:sign-in-known:8005:" + desk))
                .isBetween(Duration.ofDays(29).toMillis(), Duration.ofDays(30).toMillis());
    }

    @Test
    @DisplayName("drafts replace each other and list oldest first; agent states and presence round-trip")
    void draftsAndStates() {
        // Saves one millisecond apart: the waiting order is by save time, and a fast machine saves twice per ms.
        Instant t0 = Instant.parse("2026-11-28T03:00:00Z");
        java.util.concurrent.atomic.AtomicLong tick = new java.util.concurrent.atomic.AtomicLong();
        Clock stepping = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return t0.plusMillis(tick.incrementAndGet());
            }
        };
        RedisDraftStore drafts = new RedisDraftStore(server.redis, keys, stepping);
        join(drafts.save("L4", Map.of("content", "a", "location", "1", "location.addressText", "x"), TTL));
        join(drafts.save("L5", Map.of("content", "b"), TTL));
        join(drafts.save("L4", Map.of("content", "c"), TTL));
        assertThat(join(drafts.get("L4"))).containsExactly(Map.entry("content", "c"));
        assertThat(join(drafts.waiting(10))).containsExactly("L5", "L4");
        join(drafts.remove("L5"));
        assertThat(join(drafts.waiting(10))).containsExactly("L4");
        assertThat(join(drafts.wasMerged("L5"))).as("removed, not merged").isFalse();
        // Merged: gone from the waiting list, and remembered as merged for the pop of whoever settles the call.
        join(drafts.merged("L4", Duration.ofMinutes(5)));
        assertThat(join(drafts.waiting(10))).isEmpty();
        assertThat(join(drafts.get("L4"))).isEmpty();
        assertThat(join(drafts.wasMerged("L4"))).isTrue();
        assertThat(server.redis.shared().sync().pttl(keys.draftMerged("L4")))
                .isBetween(1L, Duration.ofMinutes(5).toMillis());

        RedisAgentStates states = new RedisAgentStates(server.redis, keys);
        Instant at = Instant.parse("2026-11-28T03:00:00Z");
        join(states.put("8001", AgentState.WRAP_UP, at));
        join(states.seen(List.of("8001"), at.plusSeconds(5)));
        AgentStatus s = join(states.all()).get("8001");
        assertThat(s).isEqualTo(new AgentStatus("8001", AgentState.WRAP_UP, at, at.plusSeconds(5)));

        // A wrap-up's deadline and a reason (with a bar in it) survive the round trip: a restarted gateway reads
        // when the wrap-up is over; a value written before deadlines existed still reads.
        join(states.put("8002", AgentState.WRAP_UP, at, at.plusSeconds(60), "wrap-up"));
        join(states.put("8003", AgentState.PAUSED, at, null, "lunch|2"));
        server.redis.shared().sync().hset(keys.agentState(), "8004", "READY|" + at);
        Map<String, AgentStatus> all = join(states.all());
        assertThat(all.get("8002").until()).isEqualTo(at.plusSeconds(60));
        assertThat(all.get("8002").wrapUpOver(at.plusSeconds(59))).isFalse();
        assertThat(all.get("8002").wrapUpOver(at.plusSeconds(60))).isTrue();
        assertThat(all.get("8003").reason()).isEqualTo("lunch|2");
        assertThat(all.get("8003").until()).isNull();
        assertThat(all.get("8004")).isEqualTo(new AgentStatus("8004", AgentState.READY, at, null));
        // One agent's read gives what the whole floor's holds for them.
        for (String ext : List.of("8001", "8002", "8003", "8004")) {
            assertThat(join(states.get(ext))).as(ext).isEqualTo(all.get(ext));
        }
        assertThat(join(states.get("9999"))).isNull();
    }

    @Test
    @DisplayName("accounts can be provisioned in Redis; malformed ones are ignored")
    void redisAccounts() {
        RedisAgentDirectory dir = new RedisAgentDirectory(server.redis, keys);
        server.redis
                .shared()
                .sync()
                .hset(
                        server.prefix + "console:account:8009",
                        Map.of(
                                "name",
                                "赵敏",
                                "role",
                                "supervisor",
                                "password-hash",
                                new PasswordHasher(new SecureRandom())
                                        .hash("pw-8009".toCharArray(), PasswordHasher.MIN_ITERATIONS)));
        server.redis.shared().sync().hset(server.prefix + "console:account:8010", Map.of("password-hash", "plain"));

        assertThat(join(dir.find("8009")).orElseThrow().role()).isEqualTo(Role.SUPERVISOR);
        assertThat(join(dir.find("8010"))).isEmpty();
        assertThat(join(dir.find("8011"))).isEmpty();
    }

    @Test
    @DisplayName("an upgrade replaces a Redis account's hash only if it is still the hash that was verified")
    void upgradeRedisAccount() {
        RedisAgentDirectory dir = new RedisAgentDirectory(server.redis, keys);
        PasswordHasher hasher = new PasswordHasher(new SecureRandom());
        String weak = hasher.hash("pw-8012".toCharArray(), PasswordHasher.MIN_ITERATIONS);
        server.redis.shared().sync().hset(server.prefix + "console:account:8012", Map.of("password-hash", weak));
        AgentAccount verified = join(dir.find("8012")).orElseThrow();
        String strong = hasher.hash("pw-8012".toCharArray(), 2_000);

        assertThat(join(dir.upgrade(verified, strong))).isTrue();
        assertThat(join(dir.find("8012")).orElseThrow().passwordHash()).isEqualTo(strong);
        // An operator set a new password after the sign-in verified the old one: theirs stays.
        assertThat(join(dir.upgrade(verified, hasher.hash("pw-8012".toCharArray(), 3_000))))
                .isFalse();
        assertThat(join(dir.find("8012")).orElseThrow().passwordHash()).isEqualTo(strong);
    }

    @Test
    @DisplayName("a configured account's upgrade is used while the configured hash is the one it replaced")
    void upgradeConfiguredAccount() {
        PasswordHasher hasher = new PasswordHasher(new SecureRandom());
        String configured = hasher.hash("pw-8013".toCharArray(), PasswordHasher.MIN_ITERATIONS);
        String upgraded = hasher.hash("pw-8013".toCharArray(), 2_000);
        RedisUpgradedHashes upgrades = new RedisUpgradedHashes(server.redis, keys);
        AgentAccounts accounts = new AgentAccounts(
                Map.of("8013", new AgentAccount("8013", "钱伟", Role.AGENT, configured)),
                new RedisAgentDirectory(server.redis, keys),
                upgrades);

        assertThat(join(accounts.upgrade(join(accounts.find("8013")).orElseThrow(), upgraded)))
                .isTrue();

        assertThat(join(accounts.find("8013")).orElseThrow().passwordHash()).isEqualTo(upgraded);
        assertThat(server.redis.shared().sync().hget(server.prefix + "console:upgraded-hash:8013", "of"))
                .doesNotContain(configured)
                .hasSize(64);
        String newPassword = hasher.hash("new-8013".toCharArray(), PasswordHasher.MIN_ITERATIONS);
        AgentAccounts changed = new AgentAccounts(
                Map.of("8013", new AgentAccount("8013", "钱伟", Role.AGENT, newPassword)),
                new RedisAgentDirectory(server.redis, keys),
                upgrades);
        assertThat(join(changed.find("8013")).orElseThrow().passwordHash()).isEqualTo(newPassword);
    }

    @Test
    @DisplayName("the call's appeal is found by the tracker's dedupe key and enriched in place")
    void callAppeals() {
        CallAppeals appeals =
                new RedisCallAppeals(server.redis, new StreamKeys(server.prefix), server.appeals, "12345");
        assertThat(join(appeals.intakeIdOf("L6"))).isEmpty();
        String id = server.appendCall("L6", "13600001234", Instant.now(), null);

        assertThat(join(appeals.intakeIdOf("L6"))).contains(id);
        assertThat(join(appeals.enrich(id, Map.of("content", "路面塌陷")))).isTrue();
        assertThat(join(server.appeals.byId(id)).orElseThrow().intake().content())
                .isEqualTo("路面塌陷");
    }

    @Test
    @DisplayName("the call's 受理号 reserved while it is up is the number its appeal gets and is looked up by")
    void reservedAppealNumber() {
        CallAppeals appeals =
                new RedisCallAppeals(server.redis, new StreamKeys(server.prefix), server.appeals, "12345");
        String reserved = join(appeals.reserveAppealNo("L9", TTL));
        assertThat(reserved).matches("\\d{12}");
        assertThat(join(appeals.reserveAppealNo("L9", TTL))).isEqualTo(reserved);
        String other = join(appeals.reserveAppealNo("L10", TTL));
        assertThat(other).isNotEqualTo(reserved);

        String id = server.appendCall("L9", "13600001235", Instant.now(), null);

        assertThat(join(server.appeals.byId(id)).orElseThrow().intake().appealNo())
                .isEqualTo(reserved);
        assertThat(join(server.appeals.byAppealNo(reserved))
                        .orElseThrow()
                        .intake()
                        .intakeId())
                .isEqualTo(id);
        assertThat(join(appeals.reserveAppealNo("L9", TTL))).isEqualTo(reserved);
        // An appeal without a reservation still draws a fresh number of its own.
        String plain = server.appendCall("L11", "13600001236", Instant.now(), null);
        assertThat(join(server.appeals.byId(plain)).orElseThrow().intake().appealNo())
                .isNotIn(reserved, other);
    }

    private static Clock millis(AtomicLong now) {
        return new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now.get());
            }
        };
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    /** The test Redis under a fresh prefix, with the appeal store a call's appeal is appended to. */
    private static final class Redis implements AutoCloseable {
        private final IntakeIds ids = new IntakeIds(Clock.systemUTC(), new SecureRandom());
        RedisClients redis;
        RedisAppealStore appeals;
        String prefix;

        void start() {
            RedisConfig config = TestRedis.config("console");
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            prefix = config.keyPrefix();
            redis = RedisClients.connect(config, registry);
            appeals = new RedisAppealStore(redis, new StreamKeys(prefix), config, registry, Clock.systemUTC());
        }

        /** Appends the phone appeal of a finished call the way the tracker does (same dedupe key). */
        String appendCall(String linkedid, String caller, Instant at, String content) {
            Intake in = Intake.builder()
                    .intakeId(ids.next())
                    .channel(Channel.PHONE)
                    .channelAccount("12345")
                    .channelMessageId(linkedid)
                    .receivedAt(at)
                    .occurredAt(at)
                    .contentType(ContentType.CALL)
                    .content(content)
                    .citizen(new Citizen(null, null, null, caller, null, false))
                    .urgency(Urgency.IMMEDIATE)
                    .requestType(RequestType.HELP)
                    .call(new CallInfo(
                            linkedid,
                            linkedid,
                            "12345",
                            "hotline-general",
                            "8001",
                            "zh",
                            List.of("lang:1", "menu:2"),
                            null,
                            16,
                            95,
                            null))
                    .build();
            return appeals.append(in).toCompletableFuture().join().intakeId();
        }

        @Override
        public void close() {
            if (redis != null) {
                redis.close();
            }
        }
    }
}
