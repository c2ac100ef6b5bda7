package cn.jiesu.gateway.console;

import cn.jiesu.core.console.AgentAccount;
import cn.jiesu.core.console.AgentDirectory;
import cn.jiesu.core.console.AgentState;
import cn.jiesu.core.console.AgentStateStore;
import cn.jiesu.core.console.AgentStatus;
import cn.jiesu.core.console.ConsoleSession;
import cn.jiesu.core.console.DraftStore;
import cn.jiesu.core.console.SessionStore;
import cn.jiesu.core.console.SignInAttempts;
import cn.jiesu.core.console.SignInGrant;
import cn.jiesu.core.console.SignInPolicy;
import cn.jiesu.core.console.UpgradedHashes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** Console stores in memory, for unit tests (no expiry, except sign-in counts, which follow their clock). */
final class InMemoryStores {
    private InMemoryStores() {}

    static final class Sessions implements SessionStore {
        final Map<String, ConsoleSession> sessions = new ConcurrentHashMap<>();

        @Override
        public CompletionStage<Void> create(String tokenHash, ConsoleSession session, Duration idle) {
            sessions.put(tokenHash, session);
            return done(null);
        }

        @Override
        public CompletionStage<Optional<ConsoleSession>> touch(String tokenHash, Duration idle) {
            return done(Optional.ofNullable(sessions.get(tokenHash)));
        }

        @Override
        public CompletionStage<Void> delete(String tokenHash) {
            sessions.remove(tokenHash);
            return done(null);
        }
    }

    /** {@link SignInAttempts} as reserve-sign-in.lua does it, under one lock instead of one script. */
    static final class Attempts implements SignInAttempts {
        private final Clock clock;
        private final Map<String, long[]> pairs = new HashMap<>();
        private final Map<String, long[]> agents = new HashMap<>();
        /** (extension, address) → known until (ms). */
        private final Map<String, Long> known = new HashMap<>();

        Attempts(Clock clock) {
            this.clock = clock;
        }

        @Override
        public synchronized CompletionStage<SignInGrant> reserve(String ext, String source, SignInPolicy p) {
            long now = clock.millis();
            String pairKey = ext + "|" + source;
            long[] pair = pairs.get(pairKey);
            if (pair != null && now >= pair[2]) {
                pairs.remove(pairKey);
                pair = null;
            }
            if (pair != null && now < pair[1]) {
                return done(SignInGrant.refused(Duration.ofMillis(pair[1] - now), false));
            }
            long[] agent = agents.get(ext);
            if (agent != null && now >= agent[1]) {
                agents.remove(ext);
                agent = null;
            }
            if (agent != null && agent[0] >= p.agentLimit() && known.getOrDefault(pairKey, 0L) <= now) {
                return done(SignInGrant.refused(Duration.ofMillis(agent[1] - now), true));
            }
            long n = pair == null ? 1 : pair[0] + 1;
            long wait = p.waitAfter(n).toMillis();
            // {checks, next allowed at, forgotten at}
            pairs.put(
                    pairKey,
                    new long[] {n, now + wait, now + wait + p.forgetAfter().toMillis()});
            agents.put(
                    ext,
                    agent == null
                            ? new long[] {1, now + p.agentWindow().toMillis()}
                            : new long[] {agent[0] + 1, agent[1]});
            return done(SignInGrant.GRANTED);
        }

        @Override
        public synchronized CompletionStage<Void> succeeded(String ext, String source, SignInPolicy p) {
            pairs.remove(ext + "|" + source);
            known.put(ext + "|" + source, clock.millis() + p.knownFor().toMillis());
            return done(null);
        }

        synchronized boolean counting(String ext, String source) {
            return pairs.containsKey(ext + "|" + source);
        }
    }

    /** Configured accounts with {@link AgentAccounts}' upgrade rule, the upgrades kept in a map. */
    static final class Upgrades implements UpgradedHashes {
        final Map<String, String[]> byExt = new ConcurrentHashMap<>();

        @Override
        public CompletionStage<Optional<String>> find(String ext, String configured) {
            String[] u = byExt.get(ext);
            return done(u != null && u[0].equals(configured) ? Optional.of(u[1]) : Optional.empty());
        }

        @Override
        public CompletionStage<Void> store(String ext, String configured, String upgraded) {
            byExt.put(ext, new String[] {configured, upgraded});
            return done(null);
        }
    }

    /** No accounts beyond the configured ones. */
    static final class NoAccounts implements AgentDirectory {
        @Override
        public CompletionStage<Optional<AgentAccount>> find(String ext) {
            return done(Optional.empty());
        }

        @Override
        public CompletionStage<Boolean> upgrade(AgentAccount account, String upgraded) {
            return done(false);
        }
    }

    static final class Drafts implements DraftStore {
        final Map<String, Map<String, String>> drafts = new LinkedHashMap<>();

        @Override
        public synchronized CompletionStage<Void> save(String linkedid, Map<String, String> fields, Duration ttl) {
            drafts.remove(linkedid);
            drafts.put(linkedid, Map.copyOf(fields));
            return done(null);
        }

        @Override
        public synchronized CompletionStage<Map<String, String>> get(String linkedid) {
            return done(drafts.getOrDefault(linkedid, Map.of()));
        }

        @Override
        public synchronized CompletionStage<List<String>> waiting(int limit) {
            return done(drafts.keySet().stream().limit(limit).toList());
        }

        @Override
        public synchronized CompletionStage<Void> remove(String linkedid) {
            drafts.remove(linkedid);
            return done(null);
        }

        final java.util.Set<String> merged = new java.util.HashSet<>();

        @Override
        public synchronized CompletionStage<Void> merged(String linkedid, Duration keep) {
            merged.add(linkedid);
            drafts.remove(linkedid);
            return done(null);
        }

        @Override
        public synchronized CompletionStage<Boolean> wasMerged(String linkedid) {
            return done(merged.contains(linkedid));
        }
    }

    static final class Agents implements AgentStateStore {
        final Map<String, AgentStatus> states = new ConcurrentHashMap<>();

        @Override
        public CompletionStage<Void> put(String ext, AgentState state, Instant since, Instant until, String reason) {
            states.put(ext, new AgentStatus(ext, state, since, since, until, reason));
            return done(null);
        }

        @Override
        public CompletionStage<Void> seen(Iterable<String> exts, Instant at) {
            exts.forEach(e -> states.computeIfPresent(
                    e, (k, s) -> new AgentStatus(k, s.state(), s.since(), at, s.until(), s.reason())));
            return done(null);
        }

        @Override
        public CompletionStage<Map<String, AgentStatus>> all() {
            return done(Map.copyOf(states));
        }

        @Override
        public CompletionStage<AgentStatus> get(String ext) {
            return done(states.get(ext));
        }
    }

    private static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedStage(value);
    }
}
