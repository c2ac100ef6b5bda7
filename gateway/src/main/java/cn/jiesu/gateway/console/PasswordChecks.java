package cn.jiesu.gateway.console;

import cn.jiesu.core.console.AgentAccount;
import cn.jiesu.core.console.PasswordHasher;
import cn.jiesu.gateway.http.BlockingWork;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.Map;
import java.util.Optional;

/**
 * Runs PBKDF2 password checks on the console's own worker threads, never on an event loop, and makes the stronger
 * hash that replaces a weak one after a right password. Unknown extensions are checked against a decoy hash of the
 * same strength, so a wrong extension takes as long as a wrong password. Thread-safe.
 */
final class PasswordChecks {
    /** A check's result; {@code upgraded} is a stronger hash of the password when the stored one was weak. */
    record Outcome(boolean ok, String upgraded) {
        static final Outcome WRONG = new Outcome(false, null);

        @Override
        public String toString() {
            return "Outcome[" + ok + (upgraded == null ? "" : ", upgraded") + "]";
        }
    }

    private final WorkerExecutor workers;
    private final BlockingWork work;
    private final ConsoleMetrics metrics;
    private final PasswordHasher hasher;
    private final int iterations;
    private final String decoy;

    /** Makes the decoy hash (one PBKDF2 run): construct off the event loop. */
    PasswordChecks(
            WorkerExecutor workers,
            BlockingWork work,
            ConsoleMetrics metrics,
            PasswordHasher hasher,
            int iterations,
            Map<String, AgentAccount> configured) {
        this.workers = workers;
        this.work = work;
        this.metrics = metrics;
        this.hasher = hasher;
        this.iterations = iterations;
        // As costly as the accounts' hashes become once upgraded (or the costliest configured one).
        int decoyIterations = Math.max(
                iterations,
                configured.values().stream()
                        .mapToInt(a -> PasswordHasher.iterationsOf(a.passwordHash()))
                        .max()
                        .orElse(iterations));
        this.decoy = hasher.hash("decoy".toCharArray(), decoyIterations);
    }

    /**
     * Whether {@code password} is {@code account}'s (never for an absent account). A check that has not started by
     * {@code deadline} ({@link System#nanoTime}) is not run: its sign-in was answered busy meanwhile
     * ({@link Sessions#SIGN_IN_BOUND}).
     */
    Future<Outcome> check(Optional<AgentAccount> account, String password, long deadline) {
        String stored = account.map(AgentAccount::passwordHash).orElse(decoy);
        return work.run(task -> workers.executeBlocking(task, false), () -> {
            if (System.nanoTime() - deadline >= 0) {
                throw new Sessions.LoginRefused(Sessions.Refusal.BUSY, Sessions.BUSY_RETRY);
            }
            char[] chars = password.toCharArray();
            try {
                metrics.verification();
                if (!PasswordHasher.verify(chars, stored) || account.isEmpty()) {
                    return Outcome.WRONG;
                }
                return new Outcome(
                        true, PasswordHasher.weakerThan(stored, iterations) ? hasher.hash(chars, iterations) : null);
            } finally {
                PasswordHasher.wipe(chars);
            }
        });
    }
}
