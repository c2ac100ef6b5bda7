package cn.jiesu.redis;

import cn.jiesu.core.appeal.AppealStoreException;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisLoadingException;
import io.lettuce.core.RedisReadOnlyException;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;

/**
 * Translates Lettuce's exception tree into {@link AppealStoreException}s at the module edge, by exception type and
 * connection state. The one place that reads a Redis error <em>code</em> (the first word of an error reply, part of
 * the protocol, e.g. {@code OOM}, {@code BUSYGROUP}) is {@link #errorCode}; message text is never parsed.
 */
public final class StoreFailures {
    /** Metric tag values for {@code reason}. */
    public static final String TIMEOUT = "timeout";

    public static final String DISCONNECTED = "disconnected";
    public static final String OTHER = "other";

    private final BooleanSupplier connected;

    public StoreFailures(BooleanSupplier connected) {
        this.connected = connected;
    }

    /** The typed exception for {@code failure}; an {@link AppealStoreException} passes through unchanged. */
    public AppealStoreException translate(Throwable failure) {
        Throwable t = unwrap(failure);
        return switch (t) {
            case AppealStoreException e -> e;
            case RedisCommandTimeoutException e -> new AppealStoreException.Timeout("redis: " + e.getMessage(), e);
            case RedisConnectionException e -> new AppealStoreException.Unavailable("redis: cannot connect", e);
            case RedisLoadingException e -> new AppealStoreException.Unavailable("redis: loading its data set", e);
            case RedisReadOnlyException e -> new AppealStoreException.Unavailable("redis: replica is read-only", e);
            case RedisBusyException e -> new AppealStoreException.Unavailable("redis: busy", e);
            case RedisCommandExecutionException e
            when "OOM".equals(errorCode(e)) ->
                new AppealStoreException.Unavailable("redis: out of memory (noeviction)", e);
            case RedisCommandExecutionException e -> new AppealStoreException.Failed("redis: " + e.getMessage(), e);
            // Lettuce's own client-side refusals (not connected, connection closed, queue full) are plain
            // RedisExceptions; all of them mean "not now".
            case RedisException e ->
                new AppealStoreException.Unavailable(
                        connected.getAsBoolean() ? "redis: " + e.getMessage() : "redis: not connected", e);
            // A command in flight when the socket breaks (Redis killed: "Connection reset") fails with the
            // transport's IOException itself, not a RedisException: the connection is lost, so "not now" too.
            case IOException e -> new AppealStoreException.Unavailable("redis: connection lost", e);
            default ->
                new AppealStoreException.Failed(
                        "redis: unexpected " + t.getClass().getSimpleName(), t);
        };
    }

    /**
     * Blocks until {@code stage} completes, at most {@code timeoutMillis}: its value, or the translated exception
     * (an interrupt keeps the thread's flag). For the few callers that run off the event loop and must wait.
     */
    public <T> T await(CompletionStage<T> stage, long timeoutMillis) {
        try {
            return stage.toCompletableFuture().get(timeoutMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw translate(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw translate(e.getCause() == null ? e : e.getCause());
        }
    }

    /**
     * A stage that completes like {@code stage}, but fails with the translated exception itself rather than a
     * CompletionException around it, so the first callback a caller attaches sees an {@link AppealStoreException}.
     */
    public <T> CompletableFuture<T> settle(CompletionStage<T> stage) {
        CompletableFuture<T> out = new CompletableFuture<>();
        stage.whenComplete((value, error) -> {
            if (error == null) {
                out.complete(value);
            } else {
                out.completeExceptionally(translate(error));
            }
        });
        return out;
    }

    /** The {@code reason} metric tag for a failure: timeout, disconnected or other. */
    public String reason(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof AppealStoreException && t.getCause() != null) {
            t = t.getCause();
        }
        return switch (t) {
            case RedisCommandTimeoutException e -> TIMEOUT;
            case AppealStoreException.Timeout e -> TIMEOUT;
            case RedisConnectionException e -> DISCONNECTED;
            case RedisCommandExecutionException e -> OTHER;
            case RedisException e when !connected.getAsBoolean() -> DISCONNECTED;
            case IOException e -> DISCONNECTED;
            default -> OTHER;
        };
    }

    /** The error code of a Redis error reply: its first word ({@code NOSCRIPT}, {@code BUSYGROUP}, {@code OOM}). */
    public static String errorCode(RedisCommandExecutionException e) {
        String m = e.getMessage();
        if (m == null) {
            return "";
        }
        int space = m.indexOf(' ');
        return space < 0 ? m : m.substring(0, space);
    }

    /** Strips the CompletionException / ExecutionException wrappers that future composition adds. */
    public static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
