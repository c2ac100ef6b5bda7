package cn.jiesu.gateway.console;

import cn.jiesu.core.console.ConsoleSession;
import io.vertx.core.http.ServerWebSocket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console WebSockets open on this instance, by agent extension; supervisors' sockets also get wallboard frames.
 * Thread-safe: sockets are added on the HTTP context and written from the console context (Vert.x sockets accept
 * writes from any thread). A socket whose write queue is full is closed: the browser reconnects and is replayed
 * what it missed, which beats buffering without bound for a stalled tab.
 */
final class AgentSockets implements PopSink {
    private final Map<String, Set<ServerWebSocket>> byExt = new ConcurrentHashMap<>();
    private final Set<ServerWebSocket> supervisors = ConcurrentHashMap.newKeySet();

    void add(ConsoleSession session, ServerWebSocket ws) {
        byExt.computeIfAbsent(session.ext(), k -> ConcurrentHashMap.newKeySet()).add(ws);
        if (session.supervisor()) {
            supervisors.add(ws);
        }
    }

    void remove(ConsoleSession session, ServerWebSocket ws) {
        byExt.computeIfPresent(session.ext(), (k, set) -> {
            set.remove(ws);
            return set.isEmpty() ? null : set;
        });
        supervisors.remove(ws);
    }

    /** Writes {@code frame} to every socket of {@code ext}; returns how many took it. */
    @Override
    public int send(String ext, String frame) {
        Set<ServerWebSocket> set = byExt.get(ext);
        if (set == null) {
            return 0;
        }
        int n = 0;
        for (ServerWebSocket ws : set) {
            n += write(ws, frame) ? 1 : 0;
        }
        return n;
    }

    @Override
    public boolean has(String ext) {
        return byExt.containsKey(ext);
    }

    void sendSupervisors(String frame) {
        supervisors.forEach(ws -> write(ws, frame));
    }

    /** Writes {@code frame} to every socket here, agents' and supervisors'. */
    void sendAll(String frame) {
        byExt.values().forEach(set -> set.forEach(ws -> write(ws, frame)));
    }

    boolean hasSupervisors() {
        return !supervisors.isEmpty();
    }

    /** Extensions with at least one open socket here. */
    Set<String> connected() {
        return Set.copyOf(byExt.keySet());
    }

    /**
     * Extensions with an agent's socket open here: a supervisor watching the wallboard is no agent present to take
     * calls, and counting them would show a ready agent that Asterisk does not have.
     */
    Set<String> connectedAgents() {
        Set<String> out = new java.util.HashSet<>();
        byExt.forEach((ext, set) -> {
            if (set.stream().anyMatch(ws -> !supervisors.contains(ws))) {
                out.add(ext);
            }
        });
        return Set.copyOf(out);
    }

    int count() {
        return byExt.values().stream().mapToInt(Set::size).sum();
    }

    private static boolean write(ServerWebSocket ws, String frame) {
        if (ws.isClosed()) {
            return false;
        }
        if (ws.writeQueueFull()) {
            ws.close((short) 1013, "slow consumer");
            return false;
        }
        ws.writeTextMessage(frame);
        return true;
    }
}
