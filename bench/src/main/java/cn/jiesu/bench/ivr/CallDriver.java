package cn.jiesu.bench.ivr;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.action.FilterAction;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;

/**
 * Places simulated citizens' calls into the lab over AMI and counts what Asterisk reports about them: originate
 * results and the hangups (with cause) of the IVR side. The event listener only bumps counters (O(1) on the AMI
 * reader thread).
 */
final class CallDriver implements AutoCloseable {
    /** The caller-sim extension that sends three digit groups with gaps (see config/asterisk/extensions.conf). */
    private static final String CHANNEL = "Local/slow@caller-sim";
    /** One connection sends (no events), one listens (filtered): a slow reader must never block the originates. */
    private final ManagerConnection actions;

    private final ManagerConnection events;
    final AtomicInteger originateSuccess = new AtomicInteger();
    final AtomicInteger originateFailure = new AtomicInteger();
    final AtomicInteger originateRefused = new AtomicInteger();
    final AtomicInteger ivrHangups = new AtomicInteger();
    final AtomicInteger amiDisconnects = new AtomicInteger();
    final Map<Integer, AtomicInteger> hangupCauses = new ConcurrentHashMap<>();

    CallDriver(String host, int port, String user, String secret) throws Exception {
        ManagerConnectionFactory factory = new ManagerConnectionFactory(host, port, user, secret);
        actions = factory.createManagerConnection();
        actions.login("off");
        events = factory.createManagerConnection();
        events.addEventListener(this::onEvent);
        events.login("call");
        // Asterisk drops an AMI client that does not read for writetimeout (1 s in the lab): keep the stream small.
        events.sendAction(new FilterAction("Event: (OriginateResponse|Hangup)"), 10_000);
    }

    private void onEvent(ManagerEvent event) {
        if (event instanceof DisconnectEvent) {
            amiDisconnects.incrementAndGet();
        } else if (event instanceof OriginateResponseEvent r && isOurs(r.getChannel())) {
            ("Success".equalsIgnoreCase(r.getResponse()) ? originateSuccess : originateFailure).incrementAndGet();
        } else if (event instanceof HangupEvent h
                && isOurs(h.getChannel())
                && h.getChannel().endsWith(";1")) {
            ivrHangups.incrementAndGet();
            hangupCauses
                    .computeIfAbsent(h.getCause() == null ? -1 : h.getCause(), c -> new AtomicInteger())
                    .incrementAndGet();
        }
    }

    private static boolean isOurs(String channel) {
        return channel != null && channel.startsWith("Local/slow@caller-sim-");
    }

    /** One call to 12345 pressing 1 (Mandarin), 9 (status), then the appeal number and #. */
    void originate(int n, String callerId, int gapSeconds, int holdSeconds) throws Exception {
        OriginateAction o = new OriginateAction();
        o.setChannel(CHANNEL);
        o.setContext("public");
        o.setExten("12345");
        o.setPriority(1);
        o.setCallerId("\"Bench " + n + "\" <" + callerId + ">");
        o.setAsync(true);
        o.setTimeout(60_000L);
        o.setVariables(Map.of(
                "DIGITS1",
                "1",
                "DIGITS2",
                "9",
                "DIGITS3",
                BenchAppeals.APPEAL_NO + "#",
                "GAP",
                Integer.toString(gapSeconds),
                "HOLD",
                Integer.toString(holdSeconds)));
        // Not waiting for each response: under load one takes ~150 ms, which would spread 1,000 calls over minutes.
        actions.sendAction(o, response -> {
            if (!"Success".equalsIgnoreCase(response.getResponse())) {
                originateRefused.incrementAndGet();
            }
        });
    }

    /** Hangs up whatever is left of the benchmark's calls (regular expression on the channel name). */
    void hangUpAll() {
        try {
            actions.sendAction(new HangupAction("/^Local\\/slow@caller-sim-.*$/"), 10_000);
        } catch (Exception e) {
            // nothing left
        }
    }

    @Override
    public void close() {
        events.logoff();
        actions.logoff();
    }
}
