package cn.jiesu.gateway.console;

import cn.jiesu.gateway.support.TestClients;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A scripted console user over real HTTP and WebSocket: signs in, keeps the cookie, records frames. */
final class AgentClient implements AutoCloseable {
    final List<JsonObject> frames = new CopyOnWriteArrayList<>();
    private final WebClient http;
    private final WebSocketClient wsClient;
    private final int port;
    private String cookie;
    private String csrf;
    private WebSocket ws;
    private boolean autoAck = true;

    AgentClient(Vertx vertx, int port) {
        this(vertx, port, null, 5);
    }

    /**
     * A client connecting from {@code localAddress} (another loopback address, such as 127.0.0.2, is another
     * client address to the server; null: the system's choice) with up to {@code connections} requests at once.
     */
    AgentClient(Vertx vertx, int port, String localAddress, int connections) {
        this.http = WebClient.create(
                vertx,
                // Pooled connections idle for less than the server's 30 s idle timeout: reusing one the server is
                // closing just then fails the request ("Connection was closed"; seen once under CI load).
                (WebClientOptions) TestClients.options().setLocalAddress(localAddress),
                new PoolOptions().setHttp1MaxSize(connections));
        this.wsClient = vertx.createWebSocketClient();
        this.port = port;
    }

    /** A sign-in without waiting for it (the cookie is not kept): for concurrent sign-ins. */
    Future<HttpResponse<Buffer>> loginAsync(String ext, String password) {
        return http.post(port, "127.0.0.1", "/console/api/login")
                .sendJsonObject(new JsonObject().put("ext", ext).put("password", password));
    }

    HttpResponse<Buffer> login(String ext, String password) {
        HttpResponse<Buffer> r = loginAsync(ext, password).await();
        if (r.statusCode() == 200) {
            String setCookie = r.cookies().get(0);
            cookie = setCookie.substring(0, setCookie.indexOf(';'));
            csrf = r.bodyAsJsonObject().getString("csrf");
        }
        return r;
    }

    /** A POST with any content type and body, as a misbehaving client would send it. */
    HttpResponse<Buffer> postRaw(String path, String contentType, String body) {
        return http.post(port, "127.0.0.1", path)
                .putHeader("content-type", contentType)
                .sendBuffer(Buffer.buffer(body))
                .await();
    }

    HttpResponse<Buffer> get(String path) {
        var req = http.get(port, "127.0.0.1", path);
        if (cookie != null) {
            req.putHeader("Cookie", cookie);
        }
        return req.send().await();
    }

    HttpResponse<Buffer> post(String path, JsonObject body, boolean withCsrf, String origin) {
        var req = http.post(port, "127.0.0.1", path);
        if (cookie != null) {
            req.putHeader("Cookie", cookie);
        }
        if (withCsrf && csrf != null) {
            req.putHeader(ConsoleGuard.CSRF_HEADER, csrf);
        }
        if (origin != null) {
            req.putHeader("Origin", origin);
        }
        return req.sendJsonObject(body).await();
    }

    HttpResponse<Buffer> post(String path, JsonObject body) {
        return post(path, body, true, null);
    }

    /** Opens the console socket; frames are recorded and pops acknowledged unless {@link #noAck()}. */
    AgentClient connect() {
        WebSocketConnectOptions o =
                new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/console/ws");
        if (cookie != null) {
            o.addHeader("Cookie", cookie);
        }
        // The handler goes on in the connect callback, on the event loop: frames sent right after the handshake
        // (hello, replays) would be lost if it were set after await() returned.
        ws = wsClient.connect(o)
                .onSuccess(socket -> socket.textMessageHandler(text -> {
                    JsonObject f = new JsonObject(text);
                    // Ack before recording: a test that closes the client once it sees the pop must not race the ack.
                    if (autoAck && "pop".equals(f.getString("type"))) {
                        socket.writeTextMessage(new JsonObject()
                                .put("type", "ack")
                                .put("popId", f.getJsonObject("pop").getString("popId"))
                                .encode());
                    }
                    frames.add(f);
                }))
                .await();
        return this;
    }

    AgentClient noAck() {
        autoAck = false;
        return this;
    }

    boolean open() {
        return ws != null && !ws.isClosed();
    }

    void drop() {
        ws.close().await();
    }

    List<JsonObject> pops() {
        return frames.stream().filter(f -> "pop".equals(f.getString("type"))).toList();
    }

    /**
     * The pops of one call, one frame per pop id. Delivery is at least once: a pop written live to a socket that
     * has just registered can also be in its replay, and the page keys pops by id. Tests share the server's
     * agents, so a pop another test left unacknowledged may be replayed here too; assertions name their call.
     */
    List<JsonObject> popsOf(String linkedid) {
        Map<String, JsonObject> byId = new LinkedHashMap<>();
        for (JsonObject f : pops()) {
            JsonObject pop = f.getJsonObject("pop");
            if (linkedid.equals(pop.getString("linkedid"))) {
                byId.putIfAbsent(pop.getString("popId"), f);
            }
        }
        return List.copyOf(byId.values());
    }

    String cookie() {
        return cookie;
    }

    @Override
    public void close() {
        if (ws != null && !ws.isClosed()) {
            ws.close();
        }
        http.close();
    }
}
