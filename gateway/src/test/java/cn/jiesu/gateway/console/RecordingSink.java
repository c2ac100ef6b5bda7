package cn.jiesu.gateway.console;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link PopSink} that records frames per agent; agents not in {@code online} have no socket. */
final class RecordingSink implements PopSink {
    final Set<String> online = ConcurrentHashMap.newKeySet();
    private final Map<String, List<JsonObject>> frames = new ConcurrentHashMap<>();

    @Override
    public int send(String ext, String frame) {
        if (!online.contains(ext)) {
            return 0;
        }
        frames.computeIfAbsent(ext, k -> new CopyOnWriteArrayList<>()).add(new JsonObject(frame));
        return 1;
    }

    @Override
    public boolean has(String ext) {
        return online.contains(ext);
    }

    List<JsonObject> of(String ext) {
        return frames.getOrDefault(ext, List.of());
    }
}
