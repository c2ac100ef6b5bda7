package cn.jiesu.gateway.console;

import cn.jiesu.core.console.AgentState;
import cn.jiesu.core.console.AgentStateStore;
import cn.jiesu.core.console.AgentStatus;
import cn.jiesu.core.console.ConsoleSession;
import cn.jiesu.core.console.DraftStore;
import cn.jiesu.core.console.SessionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** Session, draft and agent-state stores in memory, for unit tests (no expiry). */
final class InMemoryStores {
    private InMemoryStores() {
    }

    static final class Sessions implements SessionStore {
        final Map<String, ConsoleSession> sessions = new ConcurrentHashMap<>();
        final Map<String, Long> failures = new ConcurrentHashMap<>();

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

        @Override
        public CompletionStage<Long> failed(String ext, Duration lockout) {
            return done(failures.merge(ext, 1L, Long::sum));
        }

        @Override
        public CompletionStage<Long> failures(String ext) {
            return done(failures.getOrDefault(ext, 0L));
        }

        @Override
        public CompletionStage<Void> clearFailures(String ext) {
            failures.remove(ext);
            return done(null);
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
    }

    static final class Agents implements AgentStateStore {
        final Map<String, AgentStatus> states = new ConcurrentHashMap<>();

        @Override
        public CompletionStage<Void> put(String ext, AgentState state, Instant since) {
            states.put(ext, new AgentStatus(ext, state, since, since));
            return done(null);
        }

        @Override
        public CompletionStage<Void> seen(Iterable<String> exts, Instant at) {
            exts.forEach(e -> states.computeIfPresent(e, (k, s) -> new AgentStatus(k, s.state(), s.since(), at)));
            return done(null);
        }

        @Override
        public CompletionStage<Map<String, AgentStatus>> all() {
            return done(Map.copyOf(states));
        }
    }

    private static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedStage(value);
    }
}
