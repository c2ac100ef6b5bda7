package cn.jiesu.gateway.console;

import cn.jiesu.core.console.ConsoleNotice;
import cn.jiesu.core.console.ConsoleNoticeCodec;
import cn.jiesu.core.console.PopState;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** Console notices as the JSON objects gateway instances publish to each other. Stateless, thread-safe. */
public final class JsonNoticeCodec implements ConsoleNoticeCodec {

    @Override
    public String encode(ConsoleNotice notice) {
        return toJson(notice).encode();
    }

    @Override
    public ConsoleNotice decode(String message) {
        try {
            return fromJson(new JsonObject(message));
        } catch (DecodeException | IllegalArgumentException | NullPointerException | ClassCastException e) {
            throw new IllegalArgumentException(e.toString(), e);
        }
    }

    static JsonObject toJson(ConsoleNotice notice) {
        return switch (notice) {
            case ConsoleNotice.Pop p ->
                new JsonObject()
                        .put("kind", "pop")
                        .put("origin", p.origin())
                        .put("ext", p.ext())
                        .put("popId", p.popId())
                        .put("state", p.state().name())
                        .put("body", p.body())
                        .put("at", p.at().toEpochMilli());
            case ConsoleNotice.Frame f ->
                new JsonObject()
                        .put("kind", "frame")
                        .put("origin", f.origin())
                        .put("ext", f.ext())
                        .put("frame", f.frame());
        };
    }

    static ConsoleNotice fromJson(JsonObject j) {
        return switch (j.getString("kind", "")) {
            case "pop" ->
                new ConsoleNotice.Pop(
                        j.getString("origin"),
                        j.getString("ext"),
                        j.getString("popId"),
                        PopState.valueOf(j.getString("state")),
                        j.getString("body"),
                        Instant.ofEpochMilli(j.getLong("at")));
            case "frame" -> new ConsoleNotice.Frame(j.getString("origin"), j.getString("ext"), j.getString("frame"));
            default -> throw new IllegalArgumentException("unknown kind " + j.getString("kind"));
        };
    }
}
