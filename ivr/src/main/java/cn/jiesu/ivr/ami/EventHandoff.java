package cn.jiesu.ivr.ami;

import cn.jiesu.ivr.call.CallEvent;
import java.util.concurrent.BlockingQueue;
import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;

/**
 * The events connection's listener. It runs on Asterisk-Java's dispatch thread and does O(1) work: check the
 * sequence number {@link WireTap} injected (a hole is an event Asterisk-Java dropped), translate to a record,
 * {@code offer} to the bounded queue. It never blocks: when the queue is full the event is counted as dropped and,
 * as for a hole, a {@link CallEvent.ReconcileMark} is queued as soon as there is room again, so the tracker is
 * reconciled against CoreShowChannels.
 *
 * <p>One instance per AMI session; after {@link #close()} (the session died) it ignores everything, since anything
 * later comes from Asterisk-Java's own reconnect, which the session is tearing down.
 */
final class EventHandoff implements ManagerEventListener {
    /** Told about losses; called on Asterisk-Java's dispatch thread, must not block. */
    interface Observer {
        void lost(String cause, long events);

        /** A new mark to queue after a loss; once it is in the queue the consumer reconciles. */
        CallEvent.ReconcileMark lossMark(String cause);
    }

    private final EventRing ring;
    private final ManagerEventTranslator translator;
    private final BlockingQueue<CallEvent> queue;
    private final AmiMetrics metrics;
    private final Observer observer;
    private volatile boolean closed;
    private int lastSeq;
    private String pendingLoss;

    EventHandoff(
            EventRing ring,
            ManagerEventTranslator translator,
            BlockingQueue<CallEvent> queue,
            AmiMetrics metrics,
            Observer observer) {
        this.ring = ring;
        this.translator = translator;
        this.queue = queue;
        this.metrics = metrics;
        this.observer = observer;
    }

    void close() {
        closed = true;
    }

    @Override
    public void onManagerEvent(ManagerEvent event) {
        if (closed) {
            return;
        }
        if (event instanceof DisconnectEvent) {
            return; // the session watches for it
        }
        Integer seq = event.getSequenceNumber();
        if (seq != null) {
            checkSequence(seq);
        }
        CallEvent e = translator.translate(event, ring.take(seq));
        if (e == null) {
            return;
        }
        metrics.received(e);
        if (pendingLoss != null) {
            CallEvent.ReconcileMark mark = observer.lossMark(pendingLoss);
            if (queue.offer(mark)) {
                pendingLoss = null;
            }
        }
        if (!queue.offer(e)) {
            lose(AmiGap.EVENT_QUEUE_FULL, 1);
        }
    }

    private void checkSequence(int seq) {
        int expected = lastSeq == Integer.MAX_VALUE ? 1 : lastSeq + 1;
        if (lastSeq != 0 && seq > expected) {
            lose(AmiGap.DROPPED_BY_ASTERISK_JAVA, seq - expected);
        }
        lastSeq = seq; // lower than expected: Asterisk-Java reconnected the socket and numbering went on, or wrapped
    }

    private void lose(String cause, long n) {
        metrics.dropped(cause, n);
        observer.lost(cause, n);
        if (pendingLoss == null) {
            pendingLoss = cause;
        }
    }
}
