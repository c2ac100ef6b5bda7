package cn.jiesu.gateway.console;

import cn.jiesu.core.console.AgentAccount;
import cn.jiesu.core.console.AgentDirectory;
import cn.jiesu.core.console.ConsoleSession;
import cn.jiesu.core.console.PasswordHasher;
import cn.jiesu.core.console.SessionStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Sign-in and sessions: checks an extension's password against its hash (off the event loop), locks an extension
 * after repeated failures, issues a random session token (the cookie) and resolves it back to a session, enforcing
 * the idle and absolute lifetimes. Passwords are never logged or kept.
 *
 * <p>Threading: methods may be called on any Vert.x context; futures complete on the console's context.
 */
public final class Sessions {
    public static final String COOKIE = "jiesu_console";
    private static final int TOKEN_BYTES = 32;

    /** Why a sign-in was refused; the browser is told only "wrong extension or password" or "locked". */
    public static final class LoginRefused extends RuntimeException {
        private final boolean locked;

        LoginRefused(boolean locked) {
            super(locked ? "locked" : "bad credentials", null, false, false);
            this.locked = locked;
        }

        public boolean locked() {
            return locked;
        }
    }

    /** A successful sign-in: the cookie token (only ever sent to this browser) and the session. */
    public record Login(String token, ConsoleSession session) {
        @Override
        public String toString() {
            return "Login[" + session.ext() + "]";
        }
    }

    private final Context context;
    private final ConsoleConfig config;
    private final SessionStore store;
    private final AgentDirectory directory;
    private final ConsoleMetrics metrics;
    private final Clock clock;
    private final SecureRandom random;
    /** Verified for unknown extensions, so a wrong extension costs as much time as a wrong password. */
    private final String decoy;

    Sessions(Context context, ConsoleConfig config, SessionStore store, AgentDirectory directory,
             ConsoleMetrics metrics, Clock clock, SecureRandom random) {
        this.context = context;
        this.config = config;
        this.store = store;
        this.directory = directory;
        this.metrics = metrics;
        this.clock = clock;
        this.random = random;
        // As costly as the configured hashes, so timing does not tell which extensions exist.
        int iterations = config.agents().values().stream()
                .mapToInt(a -> PasswordHasher.iterationsOf(a.passwordHash())).max()
                .orElse(PasswordHasher.DEFAULT_ITERATIONS);
        this.decoy = new PasswordHasher(random).hash("decoy".toCharArray(), iterations);
    }

    Future<Login> login(String ext, String password) {
        return Future.fromCompletionStage(store.failures(ext), context).compose(failures -> {
            if (failures >= config.loginMaxFailures()) {
                metrics.login("locked");
                return Future.failedFuture(new LoginRefused(true));
            }
            return Future.fromCompletionStage(directory.find(ext), context)
                    .compose(account -> verify(account, password).compose(ok -> ok
                            ? start(account.get())
                            : Future.fromCompletionStage(store.failed(ext, config.loginLockout()), context)
                            .compose(n -> {
                                metrics.login("bad");
                                return Future.failedFuture(new LoginRefused(false));
                            })));
        });
    }

    /** The session behind a cookie token, if it is live; each use extends its idle lifetime. */
    Future<Optional<ConsoleSession>> resolve(String token) {
        if (token == null || token.length() > 100) {
            return Future.succeededFuture(Optional.empty());
        }
        String key = hash(token);
        return Future.fromCompletionStage(store.touch(key, config.sessionIdle()), context).compose(s -> {
            if (s.isPresent() && s.get().createdAt().plus(config.sessionMax()).isBefore(clock.instant())) {
                return Future.fromCompletionStage(store.delete(key), context).map(v -> Optional.empty());
            }
            return Future.succeededFuture(s);
        });
    }

    Future<Void> logout(String token) {
        return token == null ? Future.succeededFuture()
                : Future.fromCompletionStage(store.delete(hash(token)), context);
    }

    private Future<Boolean> verify(Optional<AgentAccount> account, String password) {
        String stored = account.map(AgentAccount::passwordHash).orElse(decoy);
        return context.owner().executeBlocking(() -> {
            char[] chars = password.toCharArray();
            try {
                return PasswordHasher.verify(chars, stored) && account.isPresent();
            } finally {
                PasswordHasher.wipe(chars);
            }
        }, false);
    }

    private Future<Login> start(AgentAccount account) {
        String token = token();
        ConsoleSession session = new ConsoleSession(account.ext(), account.name(), account.role(), token(),
                clock.instant());
        return Future.fromCompletionStage(store.clearFailures(account.ext()), context)
                .compose(v -> Future.fromCompletionStage(store.create(hash(token), session, config.sessionIdle()),
                        context))
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
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
