package cn.jiesu.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A Lua script run by EVALSHA, falling back to EVAL (which also caches it) when Redis answers NOSCRIPT: after a
 * restart or SCRIPT FLUSH the first call pays one extra round trip. Immutable, thread-safe.
 */
public final class LuaScript {
    private final String name;
    private final String source;
    private final String sha1;

    private LuaScript(String name, String source) {
        this.name = name;
        this.source = source;
        this.sha1 = sha1(source);
    }

    /** Loads {@code resource} (a classpath path, relative to {@code anchor}'s package). */
    public static LuaScript load(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing Lua script resource " + resource);
            }
            return new LuaScript(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Lua script " + resource, e);
        }
    }

    public <T> CompletionStage<T> run(
            RedisAsyncCommands<String, String> commands, ScriptOutputType type, String[] keys, String... args) {
        CompletionStage<T> first = commands.evalsha(sha1, type, keys, args);
        return first.exceptionallyCompose(e -> StoreFailures.unwrap(e) instanceof RedisNoScriptException
                ? commands.<T>eval(source, type, keys, args)
                : CompletableFuture.failedStage(e));
    }

    /**
     * Runs the script on the shared connection of {@code clients}; a failure, thrown at once or later, completes the
     * stage with the store's translated exception ({@link StoreFailures#settle}).
     */
    public <T> CompletionStage<T> runSettled(
            RedisClients clients, ScriptOutputType type, String[] keys, List<String> args) {
        CompletionStage<T> run;
        try {
            run = run(clients.shared().async(), type, keys, args.toArray(String[]::new));
        } catch (RuntimeException e) {
            run = CompletableFuture.failedStage(e);
        }
        return clients.failures().settle(run);
    }

    public String sha1() {
        return sha1;
    }

    @Override
    public String toString() {
        return "LuaScript[" + name + " " + sha1 + "]";
    }

    private static String sha1(String source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
