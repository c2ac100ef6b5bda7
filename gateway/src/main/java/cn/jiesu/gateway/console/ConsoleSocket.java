package cn.jiesu.gateway.console;

import cn.jiesu.core.console.AgentStatus;
import cn.jiesu.core.console.ConsoleSession;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One browser's console WebSocket. Server frames: {@code hello}, {@code pop} (with {@code replay}),
 * {@code pop-state}, {@code agent-state}, {@code wallboard}. Browser frames: {@code {"type":"ack","popId":...}}
 * once a pop is on screen, and {@code ping}. The session is checked again periodically; a socket whose session
 * expired or signed out is closed with 4401 and the page returns to sign-in.
 *
 * <p>Threading: handlers run on the HTTP server's context.
 */
final class ConsoleSocket {
    static final short CLOSE_SIGNED_OUT = 4401;
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleSocket.class);

    private final ServerWebSocket ws;
    private final ConsoleSession session;
    private final String token;
    private final PopService pops;
    private final AgentSockets sockets;
    private final Sessions sessions;
    private final Vertx vertx;

    ConsoleSocket(
            Vertx vertx,
            ServerWebSocket ws,
            ConsoleSession session,
            String token,
            PopService pops,
            AgentSockets sockets,
            Sessions sessions) {
        this.vertx = vertx;
        this.ws = ws;
        this.session = session;
        this.token = token;
        this.pops = pops;
        this.sockets = sockets;
        this.sessions = sessions;
    }

    /** Registers the socket, greets the browser and replays the agent's unacknowledged pops. */
    void open(AgentStatus state, java.time.Instant now, long recheckMs) {
        long timer = vertx.setPeriodic(
                recheckMs,
                id -> sessions.resolve(token).onSuccess(s -> {
                    if (s.isEmpty() && !ws.isClosed()) {
                        ws.close(CLOSE_SIGNED_OUT, "session ended");
                    }
                }));
        ws.exceptionHandler(e -> LOG.debug("console socket of {}: {}", session.ext(), e.toString()))
                .textMessageHandler(this::onText)
                .closeHandler(v -> {
                    vertx.cancelTimer(timer);
                    sockets.remove(session, ws);
                });
        sockets.add(session, ws);
        ws.writeTextMessage(new JsonObject()
                .put("type", "hello")
                .put("ext", session.ext())
                .put("name", session.name())
                .put("role", session.role().name())
                .put("state", state.state().name())
                .put("reason", state.reason())
                .put("remainingS", AgentStateRules.remainingSeconds(state, now))
                .encode());
        pops.replay(session.ext(), ws::writeTextMessage)
                .onFailure(e -> LOG.warn("replay to agent {} failed: {}", session.ext(), e.toString()));
    }

    private void onText(String text) {
        JsonObject msg;
        try {
            msg = new JsonObject(text);
        } catch (DecodeException e) {
            ws.close((short) 1003, "not JSON");
            return;
        }
        switch (msg.getString("type", "")) {
            case "ack" -> {
                String popId = msg.getString("popId");
                if (popId != null && popId.length() < 200) {
                    pops.ack(session.ext(), popId);
                }
            }
            case "ping" -> ws.writeTextMessage("{\"type\":\"pong\"}");
            default -> LOG.debug("console socket of {}: unknown frame type", session.ext());
        }
    }
}
