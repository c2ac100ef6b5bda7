package cn.jiesu.ivr.ami;

import cn.jiesu.ivr.call.CallEvent;
import cn.jiesu.ivr.call.ListedChannel;
import cn.jiesu.ivr.call.QueueMember;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.action.QueueStatusAction;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.QueueEntryEvent;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.event.QueueParamsEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One login to Asterisk: an events connection (all events, read by {@link EventHandoff}) and an actions connection
 * (no events; Originate, CoreShowChannels, pings). Both are pinged every {@link AmiConfig#pingInterval()}; a
 * connection that answers no ping within the socket read timeout, or whose reader ends, kills the session. A dead
 * session is never revived: the connector opens a new one, so Asterisk-Java's own reconnect thread is stopped by
 * logging off.
 */
final class AmiSession {
    private static final Logger log = LoggerFactory.getLogger(AmiSession.class);

    private final long id;
    private final AmiConfig config;
    private final Clock clock;
    private final TappedManagerConnection events;
    private final TappedManagerConnection actions;
    private final EventHandoff handoff;
    private final ManagerEventTranslator translator;
    private final CountDownLatch death = new CountDownLatch(1);
    private volatile Instant diedAt;
    private volatile String deathCause;
    private volatile Instant eventsPong;
    private volatile Instant actionsPong;
    private ScheduledFuture<?> pinger;

    AmiSession(
            long id,
            AmiConfig config,
            Clock clock,
            ManagerEventTranslator translator,
            BlockingQueue<CallEvent> queue,
            AmiMetrics metrics,
            EventHandoff.Observer observer) {
        this.id = id;
        this.config = config;
        this.clock = clock;
        this.translator = translator;
        this.events = new TappedManagerConnection(config, new EventRing());
        this.actions = new TappedManagerConnection(config, new EventRing());
        this.handoff = new EventHandoff(events.ring(), translator, queue, metrics, observer);
    }

    long id() {
        return id;
    }

    /** Logs both connections in; on failure both are closed and the exception says why. */
    /**
     * @param timer schedules the pings; {@code io} sends them (a write to a wedged socket may block, and must not
     *              hold up the timer)
     */
    void open(ScheduledExecutorService timer, Executor io)
            throws IOException, AuthenticationFailedException, TimeoutException {
        events.addEventListener(handoff);
        events.addEventListener(e -> {
            if (e instanceof DisconnectEvent) {
                die("events connection closed");
            }
        });
        actions.addEventListener(e -> {
            if (e instanceof DisconnectEvent) {
                die("actions connection closed");
            }
        });
        try {
            actions.login("off");
            events.login();
        } catch (IOException | AuthenticationFailedException | TimeoutException | RuntimeException e) {
            close();
            throw e;
        }
        eventsPong = clock.instant();
        actionsPong = clock.instant();
        long every = config.pingInterval().toMillis();
        pinger = timer.scheduleAtFixedRate(() -> io.execute(this::ping), every, every, TimeUnit.MILLISECONDS);
    }

    boolean alive() {
        return diedAt == null
                && events.getState() == ManagerConnectionState.CONNECTED
                && actions.getState() == ManagerConnectionState.CONNECTED;
    }

    /** Blocks until the session dies; returns when it died. */
    Instant awaitDeath() throws InterruptedException {
        death.await();
        return diedAt;
    }

    String deathCause() {
        return deathCause;
    }

    /** Marks the session dead (idempotent); the connector then closes it and opens another. */
    void die(String cause) {
        synchronized (death) {
            if (diedAt != null) {
                return;
            }
            diedAt = clock.instant();
            deathCause = cause;
        }
        handoff.close();
        death.countDown();
    }

    /** Sends {@code action} on the actions connection; the stage fails with {@link AmiUnavailableException}. */
    CompletableFuture<ManagerResponse> send(ManagerAction action) {
        CompletableFuture<ManagerResponse> result = new CompletableFuture<>();
        try {
            actions.sendAction(action, result::complete);
        } catch (IOException | IllegalStateException e) {
            result.completeExceptionally(new AmiUnavailableException("AMI actions connection unavailable", e));
        }
        return result.orTimeout(config.actionTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** What one reconcile lists: the channels, and every queue with its members (from the same QueueStatus). */
    record Listing(List<ListedChannel> channels, Set<String> queues, List<QueueMember> members) {}

    /**
     * QueueStatus (queues, members, each queued caller's wait), then CoreShowChannels; blocks the calling (virtual)
     * thread for at most twice the action timeout.
     */
    Listing list() throws IOException, TimeoutException {
        Map<String, Long> waits = new HashMap<>();
        Set<String> queues = new HashSet<>();
        List<QueueMember> members = new ArrayList<>();
        for (ResponseEvent e : actions.sendEventGeneratingAction(
                        new QueueStatusAction(), config.actionTimeout().toMillis())
                .getEvents()) {
            if (e instanceof QueueEntryEvent q && q.getUniqueId() != null && q.getWait() != null) {
                waits.put(q.getUniqueId(), q.getWait());
            } else if (e instanceof QueueParamsEvent p && p.getQueue() != null) {
                queues.add(p.getQueue());
            } else if (e instanceof QueueMemberEvent m
                    && m.getQueue() != null
                    && (m.getInterface() != null || m.getLocation() != null)) {
                members.add(ManagerEventTranslator.member(m));
            }
        }
        List<ListedChannel> out = new ArrayList<>();
        for (ResponseEvent e : actions.sendEventGeneratingAction(
                        new CoreShowChannelsAction(), config.actionTimeout().toMillis())
                .getEvents()) {
            if (e instanceof CoreShowChannelEvent c) {
                ListedChannel lc = translator.listed(
                        c, actions.ring().take(c.getSequenceNumber()).vars());
                if (lc != null) {
                    out.add(lc.withQueueWait(waits.get(lc.channel().uniqueid())));
                }
            }
        }
        return new Listing(out, queues, members);
    }

    /** Stops pinging and logs both connections off (which also stops Asterisk-Java's reconnect thread). */
    void close() {
        die("closed");
        if (pinger != null) {
            pinger.cancel(false);
        }
        logoff(events);
        logoff(actions);
    }

    private void ping() {
        Instant now = clock.instant();
        Duration deadAfter = config.socketReadTimeout();
        if (Duration.between(eventsPong, now).compareTo(deadAfter) > 0
                || Duration.between(actionsPong, now).compareTo(deadAfter) > 0) {
            die("no ping answer within " + deadAfter.toMillis() + " ms");
            return;
        }
        ping(events, true);
        ping(actions, false);
    }

    private void ping(TappedManagerConnection c, boolean eventsSide) {
        try {
            c.sendAction(new PingAction(), r -> {
                if (eventsSide) {
                    eventsPong = clock.instant();
                } else {
                    actionsPong = clock.instant();
                }
            });
        } catch (IOException | IllegalStateException e) {
            die("ping failed: " + e.getMessage());
        }
    }

    private static void logoff(TappedManagerConnection c) {
        ManagerConnectionState s = c.getState();
        if (s == ManagerConnectionState.CONNECTED || s == ManagerConnectionState.RECONNECTING) {
            try {
                c.logoff();
            } catch (RuntimeException e) {
                log.debug("logoff of a dead AMI connection: {}", e.toString());
            }
        }
    }
}
