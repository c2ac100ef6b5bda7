package cn.jiesu.redis.console;

import cn.jiesu.core.console.SignInAttempts;
import cn.jiesu.core.console.SignInGrant;
import cn.jiesu.core.console.SignInPolicy;
import cn.jiesu.redis.LuaScript;
import cn.jiesu.redis.RedisClients;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * {@link SignInAttempts} on Redis: a hash per (extension, address) with its count and the time of the next allowed
 * check, a counter per extension; both reserved in one Lua script (reserve-sign-in.lua), so N concurrent sign-ins
 * are N serialized reservations. Times come from the gateway's clock, like the pop store's.
 */
public final class RedisSignInAttempts implements SignInAttempts {
    private static final LuaScript RESERVE = LuaScript.load(RedisSignInAttempts.class, "reserve-sign-in.lua");

    private final RedisClients clients;
    private final ConsoleKeys keys;
    private final Clock clock;

    public RedisSignInAttempts(RedisClients clients, ConsoleKeys keys, Clock clock) {
        this.clients = clients;
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public CompletionStage<SignInGrant> reserve(String ext, String source, SignInPolicy p) {
        String[] k = {keys.signInPair(ext, source), keys.signInAgent(ext), keys.signInKnown(ext, source)};
        CompletionStage<List<Object>> run = RESERVE.run(
                clients.shared().async(),
                ScriptOutputType.MULTI,
                k,
                Long.toString(clock.millis()),
                Integer.toString(p.freeAttempts()),
                Long.toString(p.backoffBase().toMillis()),
                Long.toString(p.backoffMax().toMillis()),
                Long.toString(p.forgetAfter().toMillis()),
                Integer.toString(p.agentLimit()),
                Long.toString(p.agentWindow().toMillis()));
        return clients.failures().settle(run.thenApply(r -> {
            long verdict = (Long) r.get(0);
            Duration wait = Duration.ofMillis((Long) r.get(1));
            return verdict == 1 ? SignInGrant.GRANTED : SignInGrant.refused(wait, verdict == 2);
        }));
    }

    @Override
    public CompletionStage<Void> succeeded(String ext, String source, SignInPolicy p) {
        var redis = clients.shared().async();
        CompletionStage<Void> both = redis.del(keys.signInPair(ext, source))
                .thenCompose(n -> redis.set(
                        keys.signInKnown(ext, source),
                        "1",
                        SetArgs.Builder.px(p.knownFor().toMillis())))
                .thenApply(ok -> null);
        return clients.failures().settle(both);
    }
}
