package cn.jiesu.ivr.support;

import cn.jiesu.testkit.LabEnv;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.event.AgiExecStartEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.asteriskjava.manager.event.VarSetEvent;
import org.asteriskjava.manager.response.ManagerResponse;

/**
 * Places simulated citizens' calls into the lab over AMI (Originate of {@code Local/slow@caller-sim} into
 * {@code public,12345}) and keeps the AMI events of each call, keyed by the Uniqueid of the IVR's channel.
 * The listener only appends to a queue: the AMI reader thread is never held up.
 */
public final class SimulatedCallers implements AutoCloseable {
    private static final String TAG = "JIESU_TEST_TAG";
    private final ManagerConnection ami;
    private final Queue<ManagerEvent> events = new ConcurrentLinkedQueue<>();

    public SimulatedCallers(LabEnv lab) throws Exception {
        ami = new ManagerConnectionFactory(lab.amiHost(), lab.amiPort(), lab.amiUser(), lab.amiSecret())
                .createManagerConnection();
        ManagerEventListener listener = events::add;
        ami.addEventListener(listener);
        ami.login();
    }

    /**
     * Calls 12345 as {@code callerId}, pressing key groups {@code digits} (up to three, {@code gapSeconds}
     * apart, the first 2 s after answer), staying {@code holdSeconds} on the line.
     */
    public Call call(String callerId, int gapSeconds, int holdSeconds, String... digits) throws Exception {
        String tag = UUID.randomUUID().toString();
        OriginateAction originate = new OriginateAction();
        originate.setChannel("Local/slow@caller-sim");
        originate.setContext("public");
        originate.setExten("12345");
        originate.setPriority(1);
        originate.setCallerId("\"Citizen\" <" + callerId + ">");
        originate.setAsync(true);
        originate.setTimeout(30_000L);
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put(TAG, tag);
        vars.put("GAP", Integer.toString(gapSeconds));
        vars.put("HOLD", Integer.toString(holdSeconds));
        for (int i = 0; i < digits.length; i++) {
            vars.put("DIGITS" + (i + 1), digits[i]);
        }
        originate.setVariables(vars);
        ManagerResponse response = ami.sendAction(originate, 10_000);
        if (!"Success".equalsIgnoreCase(response.getResponse())) {
            throw new IllegalStateException("Originate refused: " + response.getMessage());
        }
        return new Call(tag);
    }

    /** One simulated call; its events are looked up when asked, from the shared event queue. */
    public final class Call {
        private final String tag;

        private Call(String tag) {
            this.tag = tag;
        }

        /** Uniqueid of the channel the IVR serves (the originated Local ...;1), once Asterisk has created it. */
        public Optional<String> ivrUniqueid() {
            return events.stream()
                    .filter(e -> e instanceof VarSetEvent v
                            && TAG.equals(v.getVariable())
                            && tag.equals(v.getValue())
                            && v.getChannel() != null
                            && v.getChannel().endsWith(";1"))
                    .map(e -> ((VarSetEvent) e).getUniqueId())
                    .findFirst();
        }

        private String uid() {
            return ivrUniqueid().orElse("?");
        }

        /** The last value of every JIESU_* variable set on the IVR's channel (AMI VarSet events). */
        public Map<String, String> jiesuVariables() {
            Map<String, String> vars = new LinkedHashMap<>();
            String uid = uid();
            events.stream()
                    .filter(e -> e instanceof VarSetEvent v
                            && uid.equals(v.getUniqueId())
                            && v.getVariable() != null
                            && v.getVariable().startsWith("JIESU_")
                            && !TAG.equals(v.getVariable()))
                    .forEach(e -> vars.put(((VarSetEvent) e).getVariable(), ((VarSetEvent) e).getValue()));
            return vars;
        }

        /** Queues the caller joined (QueueCallerJoin events), e.g. {@code hotline-priority}. */
        public List<String> queuesJoined() {
            String uid = uid();
            return events.stream()
                    .filter(e -> e instanceof QueueCallerJoinEvent q && uid.equals(q.getUniqueId()))
                    .map(e -> ((QueueCallerJoinEvent) e).getQueue())
                    .toList();
        }

        /** The AGI commands Asterisk ran for this call (AGIExecStart events), in order. */
        public List<String> agiCommands() {
            String uid = uid();
            List<String> out = new ArrayList<>();
            events.stream()
                    .filter(e -> e instanceof AgiExecStartEvent a && uid.equals(a.getUniqueId()))
                    .forEach(e -> out.add(((AgiExecStartEvent) e).getCommand()));
            return out;
        }

        public boolean hungUp() {
            String uid = uid();
            return events.stream().anyMatch(e -> e instanceof HangupEvent h && uid.equals(h.getUniqueId()));
        }

        /** Ends the call now (both Local halves go; queued callers leave the queue). */
        public void hangUp() {
            events.stream()
                    .filter(e -> e instanceof VarSetEvent v && TAG.equals(v.getVariable()) && tag.equals(v.getValue()))
                    .map(e -> ((VarSetEvent) e).getChannel())
                    .distinct()
                    .forEach(channel -> {
                        try {
                            ami.sendAction(new HangupAction(channel), 5_000);
                        } catch (Exception e) {
                            // already gone
                        }
                    });
        }
    }

    @Override
    public void close() {
        ami.logoff();
    }
}
