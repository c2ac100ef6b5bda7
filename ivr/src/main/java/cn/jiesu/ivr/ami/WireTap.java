package cn.jiesu.ivr.ami;

import java.io.IOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import org.asteriskjava.util.SocketConnectionFacade;

/**
 * Sits between the AMI socket and Asterisk-Java's reader, on the reader thread, doing O(1) work per line:
 * <ul>
 *   <li>numbers every event the tracker needs ({@link TrackedEvents}) by injecting {@code SequenceNumber: n}, which
 *   Asterisk-Java copies into {@code ManagerEvent.getSequenceNumber()}. A hole in the numbers the listener sees is an
 *   event Asterisk-Java dropped (its dispatch queue overflows with only an error log): we can count it and
 *   reconcile.</li>
 *   <li>takes the {@code ChanVariable} lines out of every event (Asterisk-Java 3.41 has no field for them and logs a
 *   warning per line) and passes the event channel's own variables through {@link EventRing}, with the raw
 *   ActionID (Asterisk-Java keeps an event's ActionID only when it carries Asterisk-Java's own prefix).</li>
 * </ul>
 * Used by one reader thread at a time.
 */
final class WireTap implements SocketConnectionFacade {
    private static final String EVENT = "Event: ";
    private static final String SEQUENCE = "SequenceNumber:";
    private static final String ACTION_ID = "ActionID:";

    private final SocketConnectionFacade socket;
    private final EventRing ring;
    private String heldBack;
    private boolean numbered;
    private boolean named;
    private int seq;
    private Map<String, String> vars;
    private String actionId;

    WireTap(SocketConnectionFacade socket, EventRing ring) {
        this.socket = socket;
        this.ring = ring;
    }

    @Override
    public String readLine() throws IOException {
        if (heldBack != null) {
            String line = heldBack;
            heldBack = null;
            return line;
        }
        while (true) {
            String line = socket.readLine();
            if (line == null) {
                return null;
            }
            if (line.isEmpty()) {
                return endOfMessage(line);
            }
            if (!named && line.startsWith(EVENT)) {
                named = true;
                numbered = TrackedEvents.contains(line.substring(EVENT.length()).trim());
                if (numbered) {
                    seq = ring.next();
                }
            }
            int colon = line.indexOf(':');
            if (colon > 0 && ChanVariables.isChanVariableLine(line, colon)) {
                keep(line, colon);
                continue;
            }
            if (numbered && line.startsWith(SEQUENCE)) {
                continue; // Asterisk's own (manager.conf debug=yes) would clash with ours
            }
            if (numbered && line.startsWith(ACTION_ID)) {
                actionId = line.substring(ACTION_ID.length()).trim(); // Asterisk-Java drops one without its prefix
            }
            return line;
        }
    }

    private String endOfMessage(String blank) {
        boolean inject = numbered;
        if (inject) {
            ring.put(seq, vars, actionId);
        }
        numbered = false;
        named = false;
        vars = null;
        actionId = null;
        if (!inject) {
            return blank;
        }
        heldBack = blank;
        return SEQUENCE + " " + seq;
    }

    private void keep(String line, int colon) {
        if (!numbered) {
            return;
        }
        String key = line.substring(0, colon);
        String value = colon + 1 < line.length() && line.charAt(colon + 1) == ' '
                ? line.substring(colon + 2)
                : line.substring(colon + 1);
        ChanVariables.Entry e = ChanVariables.parse(key, value);
        if (e != null) {
            if (vars == null) {
                vars = new HashMap<>(8);
            }
            vars.put(e.name(), e.value());
        }
    }

    @Override
    public void write(String s) throws IOException {
        socket.write(s);
    }

    @Override
    public void flush() throws IOException {
        socket.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    @Override
    public boolean isConnected() {
        return socket.isConnected();
    }

    @Override
    public InetAddress getLocalAddress() {
        return socket.getLocalAddress();
    }

    @Override
    public int getLocalPort() {
        return socket.getLocalPort();
    }

    @Override
    public InetAddress getRemoteAddress() {
        return socket.getRemoteAddress();
    }

    @Override
    public int getRemotePort() {
        return socket.getRemotePort();
    }
}
