package cn.jiesu.gateway.phone;

import cn.jiesu.gateway.support.TestServices;
import cn.jiesu.testkit.LabEnv;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.action.AbstractManagerAction;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.PlayDtmfAction;
import org.asteriskjava.manager.action.QueuePauseAction;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.AgiExecStartEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewExtenEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.asteriskjava.manager.response.ManagerResponse;

/**
 * Simulated citizens calling the lab's hotline over a test AMI connection of their own, in the shapes real calls
 * take to the IVR. Each caller is a {@code [caller-sim]} channel in the lab's dialplan that presses its keys with
 * SendDTMF ({@code slow}: groups GAP seconds apart, the first 2 s after answer), or later on the test's command.
 * Callers are told apart by their caller ID, so give each call a number of its own. The listener only appends to
 * a queue: the AMI reader thread is never held up.
 */
final class LabCitizens implements AutoCloseable {
    /** How a call reaches the dialled number. */
    enum Route {
        /** {@code Local/slow@caller-sim} originated into {@code public,<dialled>}: the dialplan runs on ;1. */
        LOCAL_CALLER,
        /**
         * {@code Local/<dialled>@public} originated into {@code caller-sim,slow}: the dialplan (and so the IVR)
         * runs on the ;2 half while the caller is ;1, the call's first channel (its Linkedid).
         */
        LOCAL_INTO_DIALPLAN,
        /**
         * Real SIP: {@code PJSIP/citizen-loop/sip:<dialled>@127.0.0.1:<lab SIP port>} into {@code caller-sim,slow};
         * Asterisk's INVITE to itself arrives as endpoint {@code sipp} in {@code public}, a call of its own.
         */
        SIP
    }

    private final ManagerConnection ami;
    private final Queue<ManagerEvent> events = new ConcurrentLinkedQueue<>();

    LabCitizens() throws Exception {
        LabEnv lab = LabEnv.fromEnvironment();
        ami = new ManagerConnectionFactory(lab.amiHost(), lab.amiPort(), lab.amiUser(), lab.amiSecret())
                .createManagerConnection();
        ami.addEventListener(events::add);
        ami.login();
    }

    /** A mobile number no other call uses. */
    static String uniqueNumber() {
        return "139" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
    }

    /**
     * {@code caller} dials {@code dialled} by {@code route}, presses up to three key groups {@code gapS} apart (the
     * first 2 s after answer) and stays {@code holdS} on the line after the third group's slot.
     */
    void call(Route route, String caller, String dialled, int gapS, int holdS, String... digits) throws Exception {
        OriginateAction a = new OriginateAction();
        switch (route) {
            case LOCAL_CALLER -> {
                a.setChannel("Local/slow@caller-sim");
                a.setContext("public");
                a.setExten(dialled);
            }
            case LOCAL_INTO_DIALPLAN -> {
                a.setChannel("Local/" + dialled + "@public");
                a.setContext("caller-sim");
                a.setExten("slow");
            }
            case SIP -> {
                a.setChannel("PJSIP/citizen-loop/sip:" + dialled + "@127.0.0.1:"
                        + TestServices.require("JIESU_TEST_SIP_PORT"));
                a.setContext("caller-sim");
                a.setExten("slow");
            }
        }
        a.setPriority(1);
        a.setCallerId("\"Citizen\" <" + caller + ">");
        a.setAsync(true);
        a.setTimeout(30_000L);
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("GAP", Integer.toString(gapS));
        vars.put("HOLD", Integer.toString(holdS));
        for (int i = 0; i < digits.length; i++) {
            vars.put("DIGITS" + (i + 1), digits[i]);
        }
        a.setVariables(vars);
        send(a);
    }

    /** The caller's own channel: where its keys come from (the {@code caller-sim} side). */
    Optional<String> callerLeg(String caller) {
        return events.stream()
                .filter(e -> e instanceof NewExtenEvent n
                        && "caller-sim".equals(n.getContext())
                        && caller.equals(n.getCallerIdNum()))
                .map(e -> ((NewExtenEvent) e).getChannel())
                .findFirst();
    }

    /** How often the IVR has asked {@code caller} with {@code prompt} (a GET DATA of {@code jiesu/<prompt>}). */
    long asked(String caller, String prompt) {
        return agiCommands(caller, "GET DATA jiesu/" + prompt + " ");
    }

    /**
     * How often the IVR has started playing {@code prompt} to {@code caller} in a way a key interrupts (STREAM FILE
     * with escape digits, or GET DATA).
     */
    long heard(String caller, String prompt) {
        return agiCommands(caller, "STREAM FILE jiesu/" + prompt + " 0") + asked(caller, prompt);
    }

    private long agiCommands(String caller, String prefix) {
        return events.stream()
                .filter(e -> e instanceof AgiExecStartEvent a
                        && caller.equals(a.getCallerIdNum())
                        && a.getCommand() != null
                        && a.getCommand().replace("\"", "").startsWith(prefix)) // quoted
                .count();
    }

    /** The hotline queues {@code caller} has joined so far, in order ({@code hotline-general} ...). */
    List<String> queuesJoined(String caller) {
        return events.stream()
                .filter(e -> e instanceof QueueCallerJoinEvent q && caller.equals(q.getCallerIdNum()))
                .map(e -> ((QueueCallerJoinEvent) e).getQueue())
                .toList();
    }

    /** Pauses (or unpauses) the lab's simulated agents 8001-8005 in every queue. */
    void pauseAgents(boolean paused) throws Exception {
        for (int ext = 8001; ext <= 8005; ext++) {
            send(new QueuePauseAction("Local/" + ext + "@agent-sim/n", paused));
        }
    }

    /** The agents' channels that have been connected to {@code caller} so far, in order (AgentConnect). */
    List<String> agentChannels(String caller) {
        return events.stream()
                .filter(e -> e instanceof AgentConnectEvent a && caller.equals(a.getCallerIdNum()))
                .map(e -> ((AgentConnectEvent) e).getDestChannel())
                .toList();
    }

    /** What AMI showed of {@code caller}'s channels (event, channel, AGI command), for a failing test's message. */
    String trace(String caller) {
        StringBuilder out = new StringBuilder();
        events.stream()
                .filter(e -> caller.equals(e.getCallerIdNum()))
                .forEach(e -> out.append(e.getClass().getSimpleName())
                        .append(' ')
                        .append(e instanceof AgiExecStartEvent a ? a.getChannel() + " " + a.getCommand() : "")
                        .append('\n'));
        return out.toString();
    }

    /** The caller presses {@code key} now (DTMF sent from its own channel toward the hotline). */
    void press(String caller, String key) throws Exception {
        send(new PlayDtmfAction(callerLeg(caller).orElseThrow(), key));
    }

    /** What an agent's phone does for a blind transfer (a SIP REFER): the party bridged to it goes to exten. */
    void blindTransfer(String agentChannel, String context, String exten) throws Exception {
        // AgentConnect comes as the queue bridges the agent; under load the channel may not be in the bridge yet,
        // and Asterisk answers "Transfer invalid" (no bridge to transfer from). A phone sends its REFER only once
        // the call is up: try again for a few seconds, as long as that is the answer.
        long until = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
        while (true) {
            ManagerResponse r = ami.sendAction(new BlindTransferAction(agentChannel, context, exten), 10_000);
            if ("Success".equalsIgnoreCase(r.getResponse())) {
                return;
            }
            if (!"Transfer invalid".equals(r.getMessage()) || System.nanoTime() > until) {
                throw new IllegalStateException("BlindTransfer refused: " + r.getMessage());
            }
            Thread.sleep(200);
        }
    }

    void hangUp(String caller) throws Exception {
        send(new HangupAction(callerLeg(caller).orElseThrow()));
    }

    private void send(ManagerAction action) throws Exception {
        ManagerResponse r = ami.sendAction(action, 10_000);
        if (!"Success".equalsIgnoreCase(r.getResponse())) {
            throw new IllegalStateException(action.getAction() + " refused: " + r.getMessage());
        }
    }

    /** Hangs up every caller still on the line, so that no call of this test outlives it into the next one. */
    @Override
    public void close() {
        events.stream()
                .filter(e -> e instanceof NewExtenEvent n && "caller-sim".equals(n.getContext()))
                .map(e -> ((NewExtenEvent) e).getChannel())
                .distinct()
                .filter(ch -> events.stream().noneMatch(e -> e instanceof HangupEvent h && ch.equals(h.getChannel())))
                .forEach(ch -> {
                    try {
                        ami.sendAction(new HangupAction(ch), 5_000);
                    } catch (Exception e) {
                        // gone meanwhile
                    }
                });
        ami.logoff();
    }

    /** AMI BlindTransfer (Asterisk 12+), which Asterisk-Java 3.41 has no action class for. */
    public static final class BlindTransferAction extends AbstractManagerAction {
        private final String channel;
        private final String context;
        private final String exten;

        BlindTransferAction(String channel, String context, String exten) {
            this.channel = channel;
            this.context = context;
            this.exten = exten;
        }

        @Override
        public String getAction() {
            return "BlindTransfer";
        }

        public String getChannel() {
            return channel;
        }

        public String getContext() {
            return context;
        }

        public String getExten() {
            return exten;
        }
    }
}
