package cn.jiesu.ivr.ami;

import cn.jiesu.ivr.call.CallEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recent AMI gaps (disconnects and lost events), and the turning of losses seen on Asterisk-Java's dispatch
 * thread into a gap plus a reconcile mark. Thread-safe.
 */
final class GapLog implements EventHandoff.Observer {
    private static final Logger log = LoggerFactory.getLogger(GapLog.class);
    private static final int KEPT = 50;

    private final Clock clock;
    private final AmiMetrics metrics;
    private final AtomicLong tokens;
    private final Deque<AmiGap> gaps = new ConcurrentLinkedDeque<>();
    private Instant lossSince;
    private long lossCount;

    GapLog(Clock clock, AmiMetrics metrics, AtomicLong tokens) {
        this.clock = clock;
        this.metrics = metrics;
        this.tokens = tokens;
    }

    /** Records a gap from {@code from} until now; nothing when {@code from} is null. */
    void close(Instant from, String cause, long lost) {
        if (from == null) {
            return;
        }
        AmiGap gap = new AmiGap(from, clock.instant(), cause, lost);
        gaps.addLast(gap);
        while (gaps.size() > KEPT) {
            gaps.pollFirst();
        }
        metrics.gap(gap.duration());
        log.warn(
                "AMI gap of {} ms ({}, {} events lost)", gap.duration().toMillis(), cause, lost < 0 ? "unknown" : lost);
    }

    List<AmiGap> recent() {
        return List.copyOf(gaps);
    }

    AmiGap last() {
        return gaps.peekLast();
    }

    @Override
    public synchronized void lost(String cause, long events) {
        if (lossSince == null) {
            lossSince = clock.instant();
            log.error("AMI events lost ({}): the call tracker will be reconciled", cause);
        }
        lossCount += events;
    }

    @Override
    public synchronized CallEvent.ReconcileMark lossMark(String cause) {
        close(lossSince == null ? clock.instant() : lossSince, cause, lossCount);
        lossSince = null;
        lossCount = 0;
        return new CallEvent.ReconcileMark(clock.instant(), tokens.incrementAndGet(), cause);
    }
}
