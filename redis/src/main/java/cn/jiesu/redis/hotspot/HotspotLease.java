package cn.jiesu.redis.hotspot;

import cn.jiesu.redis.LuaScript;
import cn.jiesu.redis.RedisClients;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * Which gateway instance runs the hotspot detector: one at a time holds a lease in Redis ({@code SET NX PX}, renewed
 * while held, expiring when its holder stops renewing), so the detector's windows can live in that instance's memory
 * instead of in shared counters every appeal writes (BENCHMARKS.md, "the detector on Redis"). Each term has a token of
 * its own: the log and apply scripts write only for the token that holds the lease (fencing), so an instance that
 * lost it while paused cannot write behind the new holder's back. Blocking; thread-safe.
 */
public final class HotspotLease {
    private static final LuaScript RENEW = LuaScript.load(HotspotLease.class, "renew.lua");
    private static final LuaScript RELEASE = LuaScript.load(HotspotLease.class, "release.lua");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RedisClients clients;
    private final String key;
    private final String instance;
    private final Duration ttl;
    private final long timeoutMillis;
    private volatile String token;

    public HotspotLease(RedisClients clients, HotspotKeys keys, String instance, Duration ttl) {
        this.clients = clients;
        this.key = keys.lease();
        this.instance = instance;
        this.ttl = ttl;
        this.timeoutMillis = clients.config().commandTimeout().toMillis() * 2;
    }

    /** Takes the lease if nobody holds it; true if this instance holds it now (a new term, a new token). */
    public boolean tryAcquire() {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        String candidate = instance + "/" + HexFormat.of().formatHex(random);
        String ok = clients.failures()
                .await(
                        clients.shared()
                                .async()
                                .set(key, candidate, SetArgs.Builder.nx().px(ttl.toMillis())),
                        timeoutMillis);
        if ("OK".equals(ok)) {
            token = candidate;
            return true;
        }
        return false;
    }

    /** Extends this term's lease; false (and no term) when it expired or another instance holds it. */
    public boolean renew() {
        String t = token;
        if (t == null) {
            return false;
        }
        Long held = clients.failures()
                .await(
                        RENEW.runSettled(
                                clients,
                                ScriptOutputType.INTEGER,
                                new String[] {key},
                                List.of(t, Long.toString(ttl.toMillis()))),
                        timeoutMillis);
        if (held == null || held != 1L) {
            token = null;
            return false;
        }
        return true;
    }

    /** Ends this term, giving the lease up at once if it is still this term's (a stopping gateway). */
    public void release() {
        String t = token;
        token = null;
        if (t != null) {
            clients.failures()
                    .await(
                            RELEASE.runSettled(clients, ScriptOutputType.INTEGER, new String[] {key}, List.of(t)),
                            timeoutMillis);
        }
    }

    /** This term's token (what the fenced scripts check), or null when this instance holds no lease. */
    public String token() {
        return token;
    }

    String key() {
        return key;
    }

    /** The token of whoever holds the lease now ({@code instance/random}), or null. */
    public String holder() {
        return clients.failures().await(clients.shared().async().get(key), timeoutMillis);
    }
}
