package cn.jiesu.bench.ami;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A loopback stand-in for Asterisk's AMI that speaks just enough of it (banner, Challenge/Login, CoreSettings,
 * Ping, empty CoreShowChannels and QueueStatus) for Asterisk-Java and the raw client to log in, then writes a
 * recorded event stream as fast as the socket takes it, once {@link #go()} is called, followed by a sentinel
 * {@code Shutdown} event. Only a connection that logged in with events on gets the stream. One thread per
 * connection.
 */
final class ReplayServer implements AutoCloseable {
    static final String SENTINEL =
            "Event: Shutdown\r\nPrivilege: system,all\r\nShutdown: Cleanly\r\nRestart: False" + "\r\n\r\n";

    private final byte[] stream;
    private final ServerSocket server;
    private volatile CountDownLatch go = new CountDownLatch(1);

    ReplayServer(byte[] stream) throws IOException {
        this.stream = stream;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("replay-accept").start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Lets the logged-in event connections receive the stream (once). */
    void go() {
        go.countDown();
    }

    /** Re-arms for the next run. */
    void reset() {
        go = new CountDownLatch(1);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                Thread.ofPlatform().daemon().name("replay-conn").start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s;
                InputStream in = new BufferedInputStream(s.getInputStream());
                OutputStream out = s.getOutputStream()) {
            write(out, "Asterisk Call Manager/11.0.0\r\n");
            CountDownLatch myGo = go;
            for (Map<String, String> action = read(in); action != null; action = read(in)) {
                String id = action.getOrDefault("actionid", "");
                String name = action.getOrDefault("action", "").toLowerCase();
                switch (name) {
                    case "challenge" -> write(out, ok(id) + "Challenge: 840370162\r\n\r\n");
                    case "login" -> {
                        write(out, ok(id) + "Message: Authentication accepted\r\n\r\n");
                        if (!"off".equalsIgnoreCase(action.get("events"))) {
                            Thread.ofPlatform().daemon().name("replay-stream").start(() -> stream(out, myGo));
                        }
                    }
                    case "coresettings" ->
                        write(
                                out,
                                ok(id) + "AMIversion: 11.0.0\r\nAsteriskVersion: 22.10.1\r\n" + "SystemName: \r\n\r\n");
                    case "ping" -> write(out, ok(id) + "Ping: Pong\r\nTimestamp: 0.0\r\n\r\n");
                    case "coreshowchannels" -> write(out, emptyList(id, "CoreShowChannelsComplete"));
                    case "queuestatus" -> write(out, emptyList(id, "QueueStatusComplete"));
                    case "logoff" -> {
                        write(out, "Response: Goodbye\r\nActionID: " + id + "\r\n\r\n");
                        return;
                    }
                    default -> write(out, ok(id) + "\r\n");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private void stream(OutputStream out, CountDownLatch myGo) {
        try {
            myGo.await();
            synchronized (out) {
                for (int at = 0; at < stream.length; at += 64 * 1024) {
                    out.write(stream, at, Math.min(64 * 1024, stream.length - at));
                }
                out.write(SENTINEL.getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        }
    }

    private static String emptyList(String actionId, String completeEvent) {
        return ok(actionId) + "EventList: start\r\nMessage: will follow\r\n\r\nEvent: " + completeEvent
                + "\r\nActionID: " + actionId + "\r\nEventList: Complete\r\nListItems: 0\r\n\r\n";
    }

    private static String ok(String actionId) {
        return "Response: Success\r\nActionID: " + actionId + "\r\n";
    }

    private static void write(OutputStream out, String s) throws IOException {
        synchronized (out) {
            out.write(s.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    /** One action (lower-cased keys), or null at the end of the input. */
    private static Map<String, String> read(InputStream in) throws IOException {
        Map<String, String> action = new HashMap<>();
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c >= 0; c = in.read()) {
            if (c == '\n') {
                String l = line.toString().strip();
                line.setLength(0);
                if (l.isEmpty()) {
                    if (!action.isEmpty()) {
                        return action;
                    }
                    continue;
                }
                int colon = l.indexOf(':');
                if (colon > 0) {
                    action.putIfAbsent(
                            l.substring(0, colon).trim().toLowerCase(),
                            l.substring(colon + 1).trim());
                }
            } else {
                line.append((char) c);
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
