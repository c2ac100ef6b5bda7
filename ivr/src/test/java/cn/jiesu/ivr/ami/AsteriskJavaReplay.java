package cn.jiesu.ivr.ami;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.internal.ManagerConnectionImpl;
import org.asteriskjava.manager.internal.ManagerReaderImpl;
import org.asteriskjava.manager.response.ManagerResponse;

/**
 * Runs recorded AMI bytes through Asterisk-Java's real reader, parser and dispatch (ManagerReaderImpl → its event
 * pump → ManagerConnectionImpl's listeners), with our {@link WireTap} in front, and returns what a listener sees.
 */
final class AsteriskJavaReplay {
    /** An event as the listener saw it, with the channel variables the tap recovered for it. */
    record Seen(ManagerEvent event, EventRing.Tapped tapped) {}

    private AsteriskJavaReplay() {}

    static List<Seen> replay(InputStream bytes) {
        EventRing ring = new EventRing();
        List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
        replay(bytes, ring, e -> {
            if (!(e instanceof DisconnectEvent) && !(e instanceof ConnectEvent)) {
                seen.add(new Seen(e, ring.take(e.getSequenceNumber())));
            }
        });
        return List.copyOf(seen);
    }

    /** Feeds {@code bytes} through the tap and Asterisk-Java's reader to {@code listener}; returns when done. */
    static void replay(InputStream bytes, EventRing ring, ManagerEventListener listener) {
        ManagerConnectionImpl connection = new ManagerConnectionImpl() {
            @Override
            public void dispatchResponse(ManagerResponse response, Integer requiredHandlingTime) {
                // responses to the recording client's own actions: nobody here is waiting for them
            }
        };
        connection.addEventListener(listener);
        ManagerReaderImpl reader = new ManagerReaderImpl(connection, connection);
        reader.setSocket(new WireTap(new ReplaySocket(bytes), ring));
        reader.run(); // returns once the bytes are read and Asterisk-Java's pump has drained
    }
}
