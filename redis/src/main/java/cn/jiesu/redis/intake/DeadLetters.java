package cn.jiesu.redis.intake;

import cn.jiesu.redis.LuaScript;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.StreamKeys;
import io.lettuce.core.ScriptOutputType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Moves an intake entry a group cannot process to the dead-letter stream ({@code jiesu:intake:dead}) and
 * acknowledges it there, atomically. A dead-letter entry carries the original fields plus {@code dead.*} fields
 * saying where it came from and why. Thread-safe.
 */
final class DeadLetters {
    static final String ENTRY_ID = "dead.entryId";
    static final String GROUP = "dead.group";
    static final String CONSUMER = "dead.consumer";
    static final String DELIVERIES = "dead.deliveries";
    static final String ERROR = "dead.error";
    static final String AT = "dead.at";
    private static final int MAX_ERROR_CHARS = 500;
    private static final LuaScript SCRIPT = LuaScript.load(DeadLetters.class, "dead-letter.lua");

    private final RedisClients clients;
    private final StreamKeys keys;
    private final Clock clock;

    DeadLetters(RedisClients clients, StreamKeys keys, Clock clock) {
        this.clients = clients;
        this.keys = keys;
        this.clock = clock;
    }

    /** Completes with the dead-letter entry id once it is written and the original is acknowledged. */
    CompletionStage<String> move(
            String group, String consumer, String entryId, Map<String, String> body, long deliveries, String error) {
        List<String> args = new ArrayList<>(List.of(
                group,
                entryId,
                ENTRY_ID,
                entryId,
                GROUP,
                group,
                CONSUMER,
                consumer,
                DELIVERIES,
                Long.toString(deliveries),
                ERROR,
                truncate(error),
                AT,
                clock.instant().toString()));
        if (body != null) {
            body.forEach((k, v) -> {
                if (!k.startsWith("dead.")) {
                    args.add(k);
                    args.add(v);
                }
            });
        }
        return SCRIPT.run(
                clients.shared().async(),
                ScriptOutputType.VALUE,
                new String[] {keys.intakeStream(), keys.deadLetterStream()},
                args.toArray(String[]::new));
    }

    private static String truncate(String s) {
        String v = s == null ? "unknown" : s;
        return v.length() <= MAX_ERROR_CHARS ? v : v.substring(0, MAX_ERROR_CHARS);
    }
}
