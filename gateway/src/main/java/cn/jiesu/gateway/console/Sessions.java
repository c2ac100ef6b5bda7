package cn.jiesu.gateway.console;

import cn.jiesu.core.console.AgentAccount;
import cn.jiesu.core.console.AgentDirectory;
import cn.jiesu.core.console.ConsoleSession;
import cn.jiesu.core.console.SessionStore;
import cn.jiesu.core.console.SignInAttempts;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in and sessions: rations password checks (per instance, then per address and extension across instances),
 * checks an extension's password against its hash off the event loop, upgrades a weak hash after a right password,
 * issues a random session token (the cookie) and resolves it back to a session, enforcing the idle and absolute
 * lifetimes. Passwords are never logged or kept.
 *
 * <p>Threading: methods may be called on any Vert.x context; futures complete on the console's context.
 */
public final class Sessions {
    public static final String COOKIE = "jiesu_console";
    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);
    private static final int TOKEN_BYTES = 32;

    /** Why a sign-in was refused; the browser is told only "wrong extension or password", "wait" or "busy". */
    public enum Refusal {
        BAD_CREDENTIALS,
        LOCKED,
        BUSY
    }

    /** A refused sign-in: why, and for LOCKED and BUSY how long to wait. */
    public static final class LoginRefused extends RuntimeException {
        private final Refusal reason;
        private final Duration retryAfter;

        LoginRefused(Refusal reason, Duration retryAfter) {
            super(reason.name().toLowerCase(Locale.ROOT), null, false, false);
            this.reason = reason;
            this.retryAfter = retryAfter;
        }

        public Refusal reason() {
            return reason;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /** A successful sign-in: the cookie token (only ever sent to this browser) and the session. */
    public record Login(String token, ConsoleSession session) {
        @Override
        public String toString() {
            return "Login[" + session.ext() + "]";
        }
    }

    /**
     * A sign-in is answered within this whatever the queue of checks ahead of it, else {@code 429 busy} with
     * Retry-After; a check still queued then is not run. The edge's request timeout does not apply to sign-in
     * ({@code SelfBoundedPaths}): a flood's queued checks outlived it and were answered 503 "a backing service is
     * unavailable".
     */
    static final Duration SIGN_IN_BOUND = Duration.ofSeconds(10);
    /** Retry-After of a sign-in that ran out of its bound: the queue was long. */
    static final Duration BUSY_RETRY = Duration.ofSeconds(5);

    private final Context context;
    private final ConsoleConfig config;
    private final SessionStore store;
    private final SignInAttempts attempts;
    private final AgentDirectory directory;
    private final PasswordChecks checks;
    private final CheckBudget budget;
    private final ConsoleMetrics metrics;
    private final Clock clock;
    private final SecureRandom random;
    private final SignInAlarms alarms;

    Sessions(
            Context context,
            ConsoleConfig config,
            SessionStore store,
            SignInAttempts attempts,
            AgentDirectory directory,
            PasswordChecks checks,
            CheckBudget budget,
            ConsoleMetrics metrics,
            Clock clock,
            SecureRandom random) {
        this.context = context;
        this.config = config;
        this.store = store;
        this.attempts = attempts;
        this.directory = directory;
        this.checks = checks;
        this.budget = budget;
        this.metrics = metrics;
        this.clock = clock;
        this.random = random;
        this.alarms = new SignInAlarms(LOG, clock, Duration.ofMinutes(10));
    }

    /**
     * Signs {@code ext} in from {@code source} (the client's address, {@link ClientSource}). The check is reserved
     * before it runs, so however many sign-ins arrive at once, no more checks run than the policy allows; unknown
     * extensions take the same path and time as known ones.
     */
    Future<Login> login(String ext, String password, String source) {
        Duration wait = budget.admit();
        if (!wait.isZero()) {
            metrics.login("busy");
            return Future.failedFuture(new LoginRefused(Refusal.BUSY, wait));
        }
        long deadline = System.nanoTime() + SIGN_IN_BOUND.toNanos();
        Promise<Login> answer = Promise.promise();
        long timer = context.owner().setTimer(SIGN_IN_BOUND.toMillis(), id -> {
            if (answer.tryFail(new LoginRefused(Refusal.BUSY, BUSY_RETRY))) {
                metrics.login("busy");
            }
        });
        attempt(ext, password, source, deadline).onComplete(r -> {
            context.owner().cancelTimer(timer);
            if (r.succeeded()) {
                answer.tryComplete(r.result());
            } else {
                answer.tryFail(r.cause());
            }
        });
        return answer.future();
    }

    private Future<Login> attempt(String ext, String password, String source, long deadline) {
        return Future.fromCompletionStage(
                        attempts.reserve(ext, source, config.signIn().policy()), context)
                .compose(grant -> {
                    if (!grant.granted()) {
                        budget.refund();
                        metrics.login(grant.agentWide() ? "held" : "locked");
                        alarms.refused(ext, source, grant.agentWide(), grant.retryAfter());
                        return Future.<Login>failedFuture(new LoginRefused(Refusal.LOCKED, grant.retryAfter()));
                    }
                    return Future.fromCompletionStage(directory.find(ext), context)
                            .compose(account -> checks.check(account, password, deadline)
                                    .compose(outcome -> outcome.ok()
                                            ? upgrade(account.get(), outcome.upgraded())
                                                    .compose(v -> succeeded(account.get(), source))
                                            : refused()));
                })
                .andThen(r -> budget.release());
    }

    private Future<Login> refused() {
        metrics.login("bad");
        return Future.failedFuture(new LoginRefused(Refusal.BAD_CREDENTIALS, Duration.ZERO));
    }

    /** Stores a stronger hash of a right password; a failure costs only the upgrade, never the sign-in. */
    private Future<Void> upgrade(AgentAccount account, String upgraded) {
        if (upgraded == null) {
            return Future.succeededFuture();
        }
        return Future.fromCompletionStage(directory.upgrade(account, upgraded), context)
                .onSuccess(done -> LOG.info(
                        "console account {}: password hash upgraded to {} iterations ({})",
                        account.ext(),
                        config.signIn().hashIterations(),
                        done ? "stored" : "changed meanwhile"))
                .recover(e -> {
                    LOG.warn("console account {}: password hash not upgraded: {}", account.ext(), e.toString());
                    return Future.succeededFuture(false);
                })
                .mapEmpty();
    }

    private Future<Login> succeeded(AgentAccount account, String source) {
        return Future.fromCompletionStage(
                        attempts.succeeded(
                                account.ext(), source, config.signIn().policy()),
                        context)
                .compose(v -> start(account));
    }

    /** The session behind a cookie token, if it is live; each use extends its idle lifetime. */
    Future<Optional<ConsoleSession>> resolve(String token) {
        if (token == null || token.length() > 100) {
            return Future.succeededFuture(Optional.empty());
        }
        String key = hash(token);
        return Future.fromCompletionStage(store.touch(key, config.sessionIdle()), context)
                .compose(s -> {
                    if (s.isPresent()
                            && s.get().createdAt().plus(config.sessionMax()).isBefore(clock.instant())) {
                        return Future.fromCompletionStage(store.delete(key), context)
                                .map(v -> Optional.empty());
                    }
                    return Future.succeededFuture(s);
                });
    }

    Future<Void> logout(String token) {
        return token == null
                ? Future.succeededFuture()
                : Future.fromCompletionStage(store.delete(hash(token)), context);
    }

    private Future<Login> start(AgentAccount account) {
        String token = token();
        ConsoleSession session =
                new ConsoleSession(account.ext(), account.name(), account.role(), token(), clock.instant());
        return Future.fromCompletionStage(store.create(hash(token), session, config.sessionIdle()), context)
                .map(v -> {
                    metrics.login("ok");
                    return new Login(token, session);
                });
    }

    private String token() {
        byte[] b = new byte[TOKEN_BYTES];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Sessions are stored under the token's SHA-256, never the token itself. */
    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
