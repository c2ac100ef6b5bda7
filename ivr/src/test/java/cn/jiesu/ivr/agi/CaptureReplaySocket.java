package cn.jiesu.ivr.agi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.asteriskjava.util.SocketConnectionFacade;

/**
 * A FastAGI connection that replays what Asterisk sent in a recorded dialogue ({@code A>} lines of a capture) and
 * records what our side writes: Asterisk-Java's real reader and writer run over it with no network, the way Netty's
 * EmbeddedChannel feeds a pipeline. The end of the capture reads as a closed socket.
 */
final class CaptureReplaySocket implements SocketConnectionFacade {
    private final Deque<String> fromAsterisk = new ArrayDeque<>();
    private final List<String> expectedCommands = new ArrayList<>();
    private final StringBuilder written = new StringBuilder();
    private volatile boolean closed;

    static CaptureReplaySocket of(String resource) {
        try (InputStream in = CaptureReplaySocket.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            CaptureReplaySocket socket = new CaptureReplaySocket();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
                if (line.startsWith("A> ") || line.equals("A>")) {
                    socket.fromAsterisk.add(line.length() > 3 ? line.substring(3) : "");
                } else if (line.startsWith("S> ")) {
                    socket.expectedCommands.add(line.substring(3));
                }
            }
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The commands our side sent, one per line, quotes around plain words removed for comparison. */
    List<String> commandsSent() {
        return written.toString().lines().map(CaptureReplaySocket::normalize).toList();
    }

    /** The commands the capture's client sent, normalized the same way. */
    List<String> commandsInCapture() {
        return expectedCommands.stream().map(CaptureReplaySocket::normalize).toList();
    }

    /** Asterisk-Java quotes every argument; the capture's client quoted only where needed. Both mean the same. */
    static String normalize(String command) {
        return command.replaceAll("\"([^\" ]+)\"", "$1");
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public String readLine() {
        return fromAsterisk.pollFirst();
    }

    @Override
    public void write(String s) throws IOException {
        if (closed) {
            throw new IOException("socket closed");
        }
        written.append(s);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public boolean isConnected() {
        return !closed;
    }

    @Override
    public InetAddress getLocalAddress() {
        return InetAddress.getLoopbackAddress();
    }

    @Override
    public int getLocalPort() {
        return 4573;
    }

    @Override
    public InetAddress getRemoteAddress() {
        return InetAddress.getLoopbackAddress();
    }

    @Override
    public int getRemotePort() {
        return 40000;
    }
}
